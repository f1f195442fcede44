// show ntp associations, show ntp status.
import { cleanLines, expect, findHeader, toInt } from './util.js';

export interface NtpAssociation {
  address: string;
  /** `*` sys.peer, `#` selected, `+` candidate, `-` outlyer, `x` falseticker, '' none. */
  status: string;
  configured: boolean;
  /** True for the peer the clock is synchronised to (`*`). */
  sysPeer: boolean;
  refClock: string;
  stratum?: number;
  when: string;
  poll?: number;
  reach: string;
  delay?: number;
  offset?: number;
  disp?: number;
}

export function parseShowNtpAssociations(raw: string): NtpAssociation[] {
  const lines = cleanLines(raw);
  if (lines.some((l) => /NTP is not enabled/i.test(l))) return [];
  const h = findHeader(lines, ['address', 'ref clock', 'st', 'when', 'poll', 'reach', 'delay', 'offset', 'disp']);
  expect(h, 'show ntp associations', 'header "address ref clock st when poll reach delay offset disp" not found');
  const out: NtpAssociation[] = [];
  const num = (s: string) => (/^-?\d+(\.\d*)?$/.test(s) ? Number(s) : undefined);
  for (const line of lines.slice(h.index + 1)) {
    const t = line.trim();
    if (!t || /^\*\s*(sys\.peer|master)/.test(t) || /sys\.peer,/.test(t)) continue;
    const m = /^\s*([*#+\-xo.]?)(~?)(\S+)\s+(.*)$/.exec(line);
    expect(m, 'show ntp associations', `unexpected line '${t.slice(0, 60)}'`);
    // values after the address are whitespace separated; ref clock has no spaces
    const f = m[4].trim().split(/\s+/);
    expect(f.length >= 8, 'show ntp associations', `too few columns in '${t.slice(0, 60)}'`);
    out.push({ address: m[3], status: m[1], configured: m[2] === '~', sysPeer: m[1] === '*', refClock: f[0], stratum: toInt(f[1]), when: f[2], poll: toInt(f[3]), reach: f[4], delay: num(f[5]), offset: num(f[6]), disp: num(f[7].replace(/\.$/, '')) });
  }
  return out;
}

export interface NtpStatus {
  synchronized: boolean;
  stratum?: number;
  reference: string;
  offsetMs?: number;
  rootDelayMs?: number;
  pollInterval?: number;
  lastUpdateSec?: number;
}

export function parseShowNtpStatus(raw: string): NtpStatus {
  const lines = cleanLines(raw);
  if (lines.some((l) => /NTP is not enabled/i.test(l))) return { synchronized: false, reference: '' };
  const out: NtpStatus = { synchronized: false, reference: '' };
  let seen = false;
  for (const line of lines) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^Clock is (synchronized|unsynchronized),\s*stratum (\d+),\s*(?:reference is (\S+)|(no reference clock))/.exec(t))) {
      seen = true;
      out.synchronized = m[1] === 'synchronized';
      out.stratum = Number(m[2]);
      out.reference = m[3] ?? '';
    } else if ((m = /clock offset is (-?[\d.]+) msec, root delay is ([\d.]+) msec/.exec(t))) {
      out.offsetMs = Number(m[1]);
      out.rootDelayMs = Number(m[2]);
    } else if ((m = /system poll interval is (\d+), last update was (\d+) sec ago/.exec(t))) {
      out.pollInterval = Number(m[1]);
      out.lastUpdateSec = Number(m[2]);
    }
  }
  expect(seen, 'show ntp status', 'no "Clock is synchronized/unsynchronized, stratum N" line');
  return out;
}
