// show interfaces status.
import { cleanLines, expect, findHeader, isRule } from './util.js';

export interface InterfaceStatus {
  port: string;
  name: string;
  status: string;
  /** VLAN number, `trunk`, `routed`, `unassigned`, `pvlan prom`, ... as printed. */
  vlan: string;
  duplex: string;
  speed: string;
  type: string;
  /** NX-OS style `fc2/1 is up  Port mode is NP` lines only. */
  fcMode?: string;
}

const STATUS = /(?<=\s|^)(connected|notconnect|notconnec|err-disabled|err-disable|disabled|suspended|suspnd|monitoring|inactive|sfpAbsent|xcvrAbsent|noOperMem|faulty|down|up|channelDoesNotExist|linkFlapE|sfpInvali)(?::(?: [A-Z]{2,4}(?= ))?)?(?=\s)/g;
const DUPLEX = /^(a-)?(full|half|auto)$|^auto$/;

export function parseShowInterfacesStatus(raw: string): InterfaceStatus[] {
  const lines = cleanLines(raw);
  const h = findHeader(lines, ['Port', 'Name', 'Status', 'Vlan', 'Duplex', 'Speed']);
  expect(h, 'show interfaces status', 'header "Port Name Status Vlan Duplex Speed Type" not found');
  const statusCol = h.columns[2].start;
  const out: InterfaceStatus[] = [];
  for (const line of lines.slice(h.index + 1)) {
    if (!line.trim() || isRule(line)) continue;
    let m = /^(\S+) is (up|down)\b(?:\s*\(([^)]*)\))?(?:.*?Port mode is (\S+))?/.exec(line);
    if (m) {
      out.push({ port: m[1], name: '', status: m[2], vlan: '', duplex: '', speed: '', type: m[3] ?? '', fcMode: m[4] ?? '' });
      continue;
    }
    m = /^(\S+)/.exec(line);
    expect(m, 'show interfaces status', `unexpected line '${line.trim().slice(0, 60)}'`);
    const port = m[1];
    // the status word: the first known status at or after (about) the Status column
    const found = [...line.matchAll(STATUS)].filter((s) => s.index! >= port.length + 1);
    // the status word nearest to the Status column (a name may contain `connected` or end in `up`)
    const st = found.reduce<RegExpExecArray | undefined>((best, s) => (!best || Math.abs(s.index! - statusCol) <= Math.abs(best.index! - statusCol) ? (s as RegExpExecArray) : best), undefined);
    expect(st, 'show interfaces status', `no status in line '${line.trim().slice(0, 60)}'`);
    const name = line.slice(port.length, st.index).trim();
    const after = line.slice(st.index! + st[0].length).trim();
    const toks = after.split(/\s+/).filter(Boolean);
    // VLAN may be two words (`pvlan prom`); duplex is the first token that looks like one
    let d = toks.findIndex((t, i) => i > 0 && DUPLEX.test(t));
    if (d < 0) d = toks.length;
    const vlan = toks.slice(0, d).join(' ');
    const duplex = toks[d] ?? '';
    const speed = toks[d + 1] ?? '';
    const type = toks.slice(d + 2).join(' ');
    out.push({ port, name, status: st[1], vlan, duplex, speed, type });
  }
  return out;
}
