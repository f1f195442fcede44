// routeros.nat-masquerade: source NAT (masquerade) out of the WAN interface (or interface list).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { enabled, fail, pass, print, records, ROUTEROS } from './routeros-common.js';

const Params = z
  .object({ outInterface: z.string().optional(), outInterfaceList: z.string().optional() })
  .refine((p) => p.outInterface || p.outInterfaceList, 'geef outInterface of outInterfaceList');

export const routerosNatMasquerade: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.nat-masquerade',
  description: 'RouterOS: NAT (masquerade) naar buiten via de WAN-interface',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/ip firewall nat')],
  evaluate(p, facts, t) {
    const rules = records(facts, t.device, '/ip firewall nat');
    const expected = { chain: 'srcnat', action: 'masquerade', outInterface: p.outInterface, outInterfaceList: p.outInterfaceList };
    const masq = rules.filter((r) => r.chain === 'srcnat' && r.action === 'masquerade');
    const actual = masq.map((r) => ({ outInterface: r['out-interface'], outInterfaceList: r['out-interface-list'], disabled: !enabled(r) }));
    const match = (r: Record<string, string>) => (p.outInterface ? r['out-interface'] === p.outInterface : r['out-interface-list'] === p.outInterfaceList);
    const good = masq.find((r) => match(r) && enabled(r));
    const out = p.outInterface ?? `lijst ${p.outInterfaceList}`;
    if (good) return pass(`masquerade in srcnat via ${out}`, expected, actual);
    if (masq.find(match)) return fail(`masquerade-regel via ${out} staat uit`, expected, actual);
    if (masq.length) return fail(`masquerade staat niet op ${out} maar op ${actual.map((a) => a.outInterface || (a.outInterfaceList ? `lijst ${a.outInterfaceList}` : 'elke interface')).join(', ')}`, expected, actual);
    return fail('geen masquerade-regel in chain srcnat', expected, rules.map((r) => ({ chain: r.chain, action: r.action })));
  },
};
