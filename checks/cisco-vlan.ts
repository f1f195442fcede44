// A VLAN exists on the switch (show vlan brief), optionally with a given name and member ports.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { Vlan } from '../drivers/cisco-ios/parsers/vlan.js';
import { CISCO, CMD, eqi, fail, list, pass, sameInterface, show } from './cisco-common.js';

const Params = z.object({
  vlan: z.coerce.number().int().min(1).max(4094),
  name: z.string().optional(),
  /** Name must match exactly (IOS names are case-sensitive); default: case-insensitive. */
  caseSensitive: z.boolean().default(false),
  /** Access ports that must be in this VLAN (any spelling: Fa0/1, FastEthernet0/1). */
  ports: z.array(z.string()).optional(),
});

export const ciscoVlan: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.vlan',
  description: 'VLAN bestaat op de switch (show vlan brief), eventueel met de juiste naam en poorten',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.vlanBrief)],
  evaluate(p, facts, t) {
    const vlans = facts.parsed<Vlan[]>(show(t.device, CMD.vlanBrief));
    const v = vlans.find((x) => x.id === p.vlan);
    const expected = { vlan: p.vlan, ...(p.name !== undefined ? { name: p.name } : {}), ...(p.ports ? { ports: p.ports } : {}) };
    if (!v)
      return fail(
        `VLAN ${p.vlan} bestaat niet op ${t.device}; aanwezig: ${list(vlans.filter((x) => x.id < 1002 || x.id > 1005).map((x) => `${x.id}${x.name ? ` (${x.name})` : ''}`))}`,
        expected,
        { vlans: vlans.map((x) => ({ vlan: x.id, name: x.name })) },
      );
    const actual = { vlan: v.id, name: v.name, status: v.status, ports: v.ports };
    if (p.name !== undefined && !(p.caseSensitive ? v.name === p.name : eqi(v.name, p.name)))
      return fail(`VLAN ${p.vlan} heeft naam '${v.name}', verwacht '${p.name}'`, expected, actual);
    if (p.ports) {
      const missing = p.ports.filter((port) => !v.ports.some((x) => sameInterface(x, port)));
      if (missing.length) return fail(`VLAN ${p.vlan} mist poort(en) ${list(missing)}; wel: ${list(v.ports)}`, expected, actual);
    }
    if (v.status !== 'active') return fail(`VLAN ${p.vlan} (${v.name}) bestaat maar heeft status '${v.status}', verwacht 'active'`, expected, actual);
    return pass(`VLAN ${p.vlan} bestaat${p.name !== undefined ? ` met naam '${v.name}'` : ` (${v.name})`}${p.ports ? ` met poort(en) ${list(p.ports)}` : ''}`, expected, actual);
  },
};
