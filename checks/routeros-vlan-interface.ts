// routeros.vlan-interface: a VLAN interface (/interface vlan) with the right VLAN id on the right
// parent, carrying the expected IP address (/ip address).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { enabled, fail, pass, print, records, ROUTEROS } from './routeros-common.js';

const Params = z.object({
  vlanId: z.coerce.number().int().min(1).max(4094),
  /** Interface name (optional: any VLAN interface with this id). */
  name: z.string().optional(),
  /** Parent interface, e.g. the bridge. */
  parent: z.string().optional(),
  /** Address with prefix length, e.g. 10.0.10.1/24. */
  address: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/, 'adres met prefixlengte, bijv. 10.0.10.1/24'),
});

export const routerosVlanInterface: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.vlan-interface',
  description: 'RouterOS: VLAN-interface met het juiste VLAN-id (op de juiste parent) en IP-adres',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/interface vlan'), print(t.device, '/ip address')],
  evaluate(p, facts, t) {
    const vlans = records(facts, t.device, '/interface vlan');
    const expected = { vlanId: p.vlanId, name: p.name, parent: p.parent, address: p.address };
    const cands = vlans.filter((v) => Number(v['vlan-id']) === p.vlanId && (!p.name || v.name === p.name));
    const actualVlans = vlans.map((v) => ({ name: v.name, vlanId: Number(v['vlan-id']), parent: v.interface, disabled: !enabled(v) }));
    if (!cands.length) return fail(`geen VLAN-interface met VLAN-id ${p.vlanId}${p.name ? ` en naam '${p.name}'` : ''}`, expected, actualVlans);
    const v = cands.find((c) => !p.parent || c.interface === p.parent);
    if (!v) return fail(`VLAN-interface ${cands[0].name} hangt aan '${cands[0].interface}', verwacht '${p.parent}'`, expected, actualVlans);
    if (!enabled(v)) return fail(`VLAN-interface ${v.name} staat uit`, expected, actualVlans);
    const addrs = records(facts, t.device, '/ip address').filter((a) => a.interface === v.name || a['actual-interface'] === v.name);
    const actual = { name: v.name, vlanId: Number(v['vlan-id']), parent: v.interface, addresses: addrs.map((a) => a.address) };
    const a = addrs.find((x) => x.address === p.address);
    if (!a) return fail(`VLAN-interface ${v.name} heeft ${addrs.length ? `adres ${addrs.map((x) => x.address).join(', ')}` : 'geen IP-adres'}, verwacht ${p.address}`, expected, actual);
    if (!enabled(a)) return fail(`adres ${p.address} op ${v.name} staat uit`, expected, actual);
    return pass(`VLAN-interface ${v.name} (VLAN ${p.vlanId} op ${v.interface}) heeft adres ${p.address}`, expected, actual);
  },
};
