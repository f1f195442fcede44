// show etherchannel summary.
import { cleanLines, expect, findHeader } from './util.js';

export interface EtherChannel {
  group: number;
  /** `Po1`. */
  portChannel: string;
  /** Flags of the bundle: `SU`, `RU`, `SD`. */
  flags: string;
  /** LACP, PAgP or '-' (mode on). */
  protocol: string;
  members: Array<{ interface: string; flags: string }>;
}

export function parseShowEtherchannelSummary(raw: string): EtherChannel[] {
  const lines = cleanLines(raw);
  const h = findHeader(lines, ['Group', 'Port-channel', 'Protocol', 'Ports']);
  expect(h, 'show etherchannel summary', 'header "Group Port-channel Protocol Ports" not found');
  const out: EtherChannel[] = [];
  let cur: EtherChannel | undefined;
  for (const line of lines.slice(h.index + 1)) {
    const t = line.trim();
    if (!t || /^-+[+-]/.test(t)) continue;
    const tokens = t.split(/\s+/);
    const po = /^(\S+?)\((\w+)\)$/.exec(tokens[1] ?? '');
    if (/^\d+$/.test(tokens[0]) && po) {
      let k = 2;
      let protocol = '';
      if (tokens[k] && !/\(\w+\)$/.test(tokens[k])) protocol = tokens[k++];
      cur = { group: Number(tokens[0]), portChannel: po[1], flags: po[2], protocol, members: [] };
      out.push(cur);
      cur.members.push(...members(tokens.slice(k)));
    } else if (cur && /^\s/.test(line) && tokens.every((x) => /^\S+\(\w+\)$/.test(x))) {
      cur.members.push(...members(tokens));
    } else if (out.length) break; // legend after the table
  }
  return out;
}

function members(tokens: string[]) {
  return tokens.map((x) => /^(\S+?)\((\w+)\)$/.exec(x)).filter((m): m is RegExpExecArray => !!m).map((m) => ({ interface: m[1], flags: m[2] }));
}
