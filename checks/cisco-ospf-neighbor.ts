// An OSPF neighbour is in state FULL (show ip ospf neighbor).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { OspfNeighbor } from '../drivers/cisco-ios/parsers/ospf.js';
import { CISCO, CMD, fail, list, pass, sameInterface, show } from './cisco-common.js';

const Params = z
  .object({
    /** Neighbour router ID. */
    neighbor: z.string().optional(),
    /** Neighbour interface address. */
    address: z.string().optional(),
    interface: z.string().optional(),
    state: z.string().default('FULL'),
    /** Minimum number of neighbours in that state (when no neighbour is named). */
    count: z.coerce.number().int().min(1).optional(),
  })
  .refine((p) => p.neighbor || p.address || p.interface || p.count, { message: 'geef neighbor, address, interface of count' });

export const ciscoOspfNeighbor: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.ospf-neighbor',
  description: 'OSPF-buur heeft de status FULL (show ip ospf neighbor)',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.ospfNeighbor)],
  evaluate(p, facts, t) {
    const ns = facts.parsed<OspfNeighbor[]>(show(t.device, CMD.ospfNeighbor));
    const want = p.state.toUpperCase();
    const expected = { ...(p.neighbor ? { neighbor: p.neighbor } : {}), ...(p.address ? { address: p.address } : {}), ...(p.interface ? { interface: p.interface } : {}), state: want, ...(p.count ? { count: p.count } : {}) };
    const actual = { neighbors: ns.map((n) => `${n.neighborId} ${n.state} via ${n.address} ${n.interface}`) };
    const match = ns.filter((n) => (!p.neighbor || n.neighborId === p.neighbor) && (!p.address || n.address === p.address) && (!p.interface || sameInterface(n.interface, p.interface)));
    const who = p.neighbor ?? p.address ?? p.interface ?? 'buren';
    if (!match.length) return fail(`OSPF-buur ${who} niet gevonden op ${t.device}; buren: ${list(ns.map((n) => `${n.neighborId} (${n.state})`))}`, expected, actual);
    const inState = match.filter((n) => n.adjacency === want);
    if (p.count && inState.length < p.count) return fail(`${inState.length} OSPF-buur/buren in ${want}, verwacht minstens ${p.count}`, expected, actual);
    if (!inState.length) return fail(`OSPF-buur ${who} heeft status ${list(match.map((n) => n.state))}, verwacht ${want}`, expected, actual);
    return pass(`OSPF-buur ${list(inState.map((n) => `${n.neighborId} (${n.state}, ${n.interface})`))}`, expected, actual);
  },
};
