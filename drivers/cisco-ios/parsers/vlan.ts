// show vlan, show vlan brief.
import { cleanLines, expect, findHeader, isRule, splitRow, toInt } from './util.js';

export interface Vlan {
  id: number;
  name: string;
  status: string;
  /** Member ports as printed (short names, e.g. `Gi0/1`). */
  ports: string[];
  type?: string;
  mtu?: number;
}

export function parseShowVlan(raw: string): Vlan[] {
  const lines = cleanLines(raw);
  const h = findHeader(lines, ['VLAN', 'Name', 'Status', 'Ports']);
  expect(h, 'show vlan', 'header "VLAN Name Status Ports" not found');
  const portsStart = h.columns[3].start;
  const out: Vlan[] = [];
  let cur: Vlan | undefined;
  let i = h.index + 1;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (isRule(line)) continue;
    if (!line.trim()) {
      // the brief table ends at the first blank line (show vlan continues with more tables)
      if (out.length) break;
      continue;
    }
    if (/^(VLAN\s+Type|Remote SPAN|Primary\s+Secondary)/.test(line)) break; // next table of `show vlan`
    const m = /^(\d{1,4})\s+\S/.exec(line);
    if (m) {
      const [id, name, status, ports] = splitRow(line, h.columns);
      cur = { id: Number(id), name: name.trim(), status: status.trim(), ports: splitPorts(ports) };
      out.push(cur);
    } else if (cur && /^\s+\S/.test(line) && line.search(/\S/) >= portsStart - 2) {
      cur.ports.push(...splitPorts(line));
    } else {
      expect(false, 'show vlan', `unexpected line '${line.trim().slice(0, 60)}'`);
    }
  }
  // show vlan (not brief): `VLAN Type  SAID  MTU ...` table
  const t = findHeader(lines, ['VLAN', 'Type', 'SAID', 'MTU'], i);
  if (t) {
    for (let j = t.index + 1; j < lines.length; j++) {
      const line = lines[j];
      if (isRule(line)) continue;
      if (!/^\d/.test(line)) break;
      const [id, type, , mtu] = splitRow(line, t.columns);
      const v = out.find((x) => x.id === Number(id));
      if (v) {
        v.type = type.trim();
        v.mtu = toInt(mtu);
      }
    }
  }
  return out;
}

function splitPorts(s: string): string[] {
  return s
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}
