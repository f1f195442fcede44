// show spanning-tree (PVST+/Rapid-PVST+/MST summary per instance).
import { cleanLines, expect, findHeader, isRule, splitRow, toInt } from './util.js';

export interface StpPort {
  interface: string;
  role: string;
  status: string;
  cost?: number;
  portPriority?: number;
  portNumber?: number;
  type: string;
}

export interface StpInstance {
  /** `VLAN0010` / `MST0`. */
  name: string;
  vlan?: number;
  /** ieee (PVST+), rstp (Rapid-PVST+), mstp. */
  protocol: string;
  root: { priority?: number; address: string; cost?: number; port: string };
  bridge: { priority?: number; address: string };
  /** `This bridge is the root`. */
  isRoot: boolean;
  ports: StpPort[];
}

export function parseShowSpanningTree(raw: string): StpInstance[] {
  const lines = cleanLines(raw);
  if (lines.some((l) => /No spanning tree instance(s)? exist/i.test(l))) return [];
  const out: StpInstance[] = [];
  let cur: StpInstance | undefined;
  let block: 'root' | 'bridge' | undefined;
  let cols: ReturnType<typeof findHeader>;
  let inPorts = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(VLAN(\d+)|MST(\d+))\s*$/.exec(t))) {
      cur = { name: m[1], vlan: m[2] ? Number(m[2]) : undefined, protocol: '', root: { address: '', port: '' }, bridge: { address: '' }, isRoot: false, ports: [] };
      out.push(cur);
      inPorts = false;
      block = undefined;
      continue;
    }
    if (!cur) {
      if (t) expect(false, 'show spanning-tree', `unexpected line '${t.slice(0, 60)}' before the first VLANnnnn/MSTn`);
      continue;
    }
    if (inPorts) {
      if (!t) {
        inPorts = false;
        continue;
      }
      if (isRule(t)) continue;
      const [intf, role, sts, cost, prio, type] = splitRow(line, cols!.columns).map((c) => c.trim());
      const pn = /^(\d+)\.(\d+)$/.exec(prio);
      cur.ports.push({ interface: intf, role, status: sts, cost: toInt(cost), portPriority: pn ? Number(pn[1]) : undefined, portNumber: pn ? Number(pn[2]) : undefined, type });
      continue;
    }
    if ((m = /^Spanning tree enabled protocol (\S+)/.exec(t))) cur.protocol = m[1];
    else if ((m = /^Root ID\s+Priority\s+(\d+)/.exec(t))) {
      block = 'root';
      cur.root.priority = Number(m[1]);
    } else if ((m = /^Bridge ID\s+Priority\s+(\d+)/.exec(t))) {
      block = 'bridge';
      cur.bridge.priority = Number(m[1]);
    } else if ((m = /^Address\s+(\S+)/.exec(t)) && block) cur[block].address = m[1];
    else if ((m = /^Cost\s+(\d+)/.exec(t)) && block === 'root') cur.root.cost = Number(m[1]);
    else if ((m = /^Port\s+\d+\s+\((.*?)\)/.exec(t)) && block === 'root') cur.root.port = m[1];
    else if (/This bridge is the root/.test(t)) cur.isRoot = true;
    else if ((cols = findHeader([line], ['Interface', 'Role', 'Sts', 'Cost', 'Prio.Nbr', 'Type']))) inPorts = true;
  }
  return out;
}
