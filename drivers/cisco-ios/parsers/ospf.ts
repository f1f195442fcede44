// show ip ospf neighbor.
import { cleanLines, expect, findHeader, splitRow, toInt } from './util.js';

export interface OspfNeighbor {
  neighborId: string;
  priority?: number;
  /** As printed: `FULL/DR`, `FULL/  -`, `2WAY/DROTHER`. */
  state: string;
  /** Adjacency state without the role: `FULL`, `2WAY`, `INIT`, `EXSTART`, ... */
  adjacency: string;
  /** DR, BDR, DROTHER, or '-' (point-to-point). */
  role: string;
  deadTime: string;
  address: string;
  interface: string;
}

export function parseShowIpOspfNeighbor(raw: string): OspfNeighbor[] {
  const lines = cleanLines(raw);
  const h = findHeader(lines, ['Neighbor ID', 'Pri', 'State', 'Dead Time', 'Address', 'Interface']);
  if (!h) {
    // OSPF not running or no neighbours: IOS prints nothing (or only a blank line)
    expect(!lines.some((l) => l.trim() && !/^%?\s*OSPF/.test(l.trim())), 'show ip ospf neighbor', 'header "Neighbor ID Pri State Dead Time Address Interface" not found');
    return [];
  }
  const out: OspfNeighbor[] = [];
  for (const line of lines.slice(h.index + 1)) {
    if (!line.trim()) continue;
    const [id, pri, state, dead, addr, intf] = splitRow(line, h.columns).map((c) => c.trim());
    expect(/^\d+\.\d+\.\d+\.\d+$/.test(id) && state, 'show ip ospf neighbor', `unexpected line '${line.trim().slice(0, 60)}'`);
    const [adj, role] = state.split('/').map((x) => x.trim());
    out.push({ neighborId: id, priority: toInt(pri), state, adjacency: adj.toUpperCase(), role: role ?? '', deadTime: dead, address: addr, interface: intf });
  }
  return out;
}
