// `/ping <address> count=N` (v6 and v7): the reply table (SEQ HOST SIZE TTL TIME STATUS, the header
// may repeat) and the `sent=… received=… packet-loss=…%` summary; the last summary counts.
import { parseKeyValues } from './values.js';
import { parsePrint, PrintParseError } from './print.js';

export interface PingReply {
  seq: number;
  host: string;
  size?: number;
  ttl?: number;
  /** Round-trip time in ms (RouterOS prints `157ms` or `1ms234us`). */
  timeMs?: number;
  status?: string;
}

export interface PingResult {
  replies: PingReply[];
  sent: number;
  received: number;
  packetLoss: number;
  minRttMs?: number;
  avgRttMs?: number;
  maxRttMs?: number;
}

/** `157ms`, `1ms234us`, `850us` → ms. */
export function durationMs(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const m = /^(?:(\d+)ms)?(?:(\d+)us)?$/.exec(v.trim());
  if (!m || (!m[1] && !m[2])) return undefined;
  return Number(m[1] ?? 0) + Number(m[2] ?? 0) / 1000;
}

export function parsePing(raw: string): PingResult {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const summaries = lines.filter((l) => /^\s*sent=\d+/.test(l));
  const header = lines.find((l) => /^\s*SEQ\s+HOST\b/.test(l));
  if (!header && !summaries.length) throw new PrintParseError('geen ping-uitvoer (kop SEQ HOST of sent=… ontbreekt)');
  const table = lines.filter((l, i) => !/^\s*sent=\d+/.test(l) && (l !== header || i === lines.indexOf(header)));
  const recs = header ? parsePrint(table.join('\n')).records : [];
  const replies: PingReply[] = recs
    .filter((r) => /^\d+$/.test(r.props.seq ?? ''))
    .map((r) => {
      const p = r.props;
      const rep: PingReply = { seq: Number(p.seq), host: p.host ?? '' };
      if (p.size) rep.size = Number(p.size);
      if (p.ttl) rep.ttl = Number(p.ttl);
      const t = durationMs(p.time);
      if (t !== undefined) rep.timeMs = t;
      if (p.status) rep.status = p.status;
      return rep;
    });
  const s = summaries.length ? parseKeyValues(summaries[summaries.length - 1].trim()) : {};
  const out: PingResult = {
    replies,
    sent: Number(s.sent ?? replies.length),
    received: Number(s.received ?? replies.filter((r) => r.timeMs !== undefined).length),
    packetLoss: Number((s['packet-loss'] ?? '').replace('%', '') || (replies.length ? (100 * replies.filter((r) => r.timeMs === undefined).length) / replies.length : 0)),
  };
  for (const [k, f] of [['min-rtt', 'minRttMs'], ['avg-rtt', 'avgRttMs'], ['max-rtt', 'maxRttMs']] as const) {
    const v = durationMs(s[k]);
    if (v !== undefined) out[f] = v;
  }
  return out;
}
