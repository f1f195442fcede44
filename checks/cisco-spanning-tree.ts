// Spanning-tree mode, and whether this switch is root bridge for a VLAN (show spanning-tree).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { StpInstance } from '../drivers/cisco-ios/parsers/spanning-tree.js';
import { CISCO, CMD, fail, pass, show } from './cisco-common.js';

// `spanning-tree mode` keyword → protocol shown by `show spanning-tree`
const MODE_PROTOCOL: Record<string, string> = { pvst: 'ieee', 'rapid-pvst': 'rstp', mst: 'mstp' };
const PROTOCOL_MODE: Record<string, string> = { ieee: 'pvst', rstp: 'rapid-pvst', mstp: 'mst' };

const Params = z
  .object({
    mode: z.enum(['pvst', 'rapid-pvst', 'mst']).optional(),
    vlan: z.coerce.number().int().min(1).max(4094).optional(),
    /** This switch must (true) or must not (false) be the root bridge for `vlan`. */
    root: z.boolean().optional(),
    /** Bridge priority of this switch for `vlan` (e.g. 24576; the shown value includes the VLAN id). */
    priority: z.coerce.number().int().min(0).max(61440).optional(),
  })
  .refine((p) => p.mode || p.vlan !== undefined, { message: 'geef mode en/of vlan' })
  .refine((p) => (p.root === undefined && p.priority === undefined) || p.vlan !== undefined, { message: 'root/priority vereisen vlan' });

export const ciscoSpanningTree: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.spanning-tree',
  description: 'Spanning-tree-modus en root bridge voor een VLAN',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.stp)],
  evaluate(p, facts, t) {
    const insts = facts.parsed<StpInstance[]>(show(t.device, CMD.stp));
    const expected = { ...(p.mode ? { mode: p.mode } : {}), ...(p.vlan !== undefined ? { vlan: p.vlan } : {}), ...(p.root !== undefined ? { root: p.root } : {}), ...(p.priority !== undefined ? { priority: p.priority } : {}) };
    if (!insts.length) return fail(`spanning-tree draait niet op ${t.device} (geen instanties)`, expected, { instances: 0 });
    const problems: string[] = [];
    const modes = [...new Set(insts.map((i) => PROTOCOL_MODE[i.protocol] ?? i.protocol))];
    if (p.mode && modes.some((m) => m !== p.mode)) problems.push(`modus is ${modes.join('/')}, verwacht ${p.mode} (protocol ${MODE_PROTOCOL[p.mode]})`);
    let actual: Record<string, unknown> = { mode: modes.join('/') };
    if (p.vlan !== undefined) {
      const inst = insts.find((i) => i.vlan === p.vlan);
      if (!inst) problems.push(`geen spanning-tree-instantie voor VLAN ${p.vlan}`);
      else {
        actual = { ...actual, vlan: p.vlan, root: inst.isRoot, rootBridge: `${inst.root.priority} ${inst.root.address}`, bridge: `${inst.bridge.priority} ${inst.bridge.address}`, rootPort: inst.root.port || undefined };
        if (p.root === true && !inst.isRoot) problems.push(`is geen root bridge voor VLAN ${p.vlan}: root is ${inst.root.address} (prioriteit ${inst.root.priority}), eigen prioriteit ${inst.bridge.priority}`);
        if (p.root === false && inst.isRoot) problems.push(`is root bridge voor VLAN ${p.vlan}, verwacht niet`);
        if (p.priority !== undefined && inst.bridge.priority !== undefined && inst.bridge.priority - p.vlan !== p.priority && inst.bridge.priority !== p.priority)
          problems.push(`bridge-prioriteit is ${inst.bridge.priority - p.vlan} (+${p.vlan} sys-id), verwacht ${p.priority}`);
      }
    }
    if (problems.length) return fail(`${t.device}: ${problems.join('; ')}`, expected, actual);
    return pass(
      [p.mode ? `spanning-tree modus ${p.mode}` : '', p.vlan !== undefined && p.root !== undefined ? `${p.root ? 'is' : 'is geen'} root bridge voor VLAN ${p.vlan}` : '', p.priority !== undefined ? `prioriteit ${p.priority}` : ''].filter(Boolean).join(', ') ||
        `spanning-tree-instantie voor VLAN ${p.vlan}`,
      expected,
      actual,
    );
  },
};
