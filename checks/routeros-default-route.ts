// routeros.default-route: a default route (0.0.0.0/0), enabled and active, via the expected gateway.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { enabled, fail, on, pass, print, records, ROUTEROS } from './routeros-common.js';

const Params = z.object({ gateway: z.string().optional() });

export const routerosDefaultRoute: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.default-route',
  description: 'RouterOS: standaardroute (0.0.0.0/0) naar de opgegeven gateway',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/ip route')],
  evaluate(p, facts, t) {
    const defaults = records(facts, t.device, '/ip route').filter((r) => r['dst-address'] === '0.0.0.0/0');
    const expected = { dstAddress: '0.0.0.0/0', gateway: p.gateway ?? '(elke)' };
    const actual = defaults.map((r) => ({ gateway: r.gateway, distance: r.distance, active: r.active === undefined ? undefined : on(r.active), disabled: !enabled(r) }));
    if (!defaults.length) return fail('geen standaardroute (0.0.0.0/0)', expected, actual);
    const usable = defaults.filter((r) => enabled(r) && (r.active === undefined || on(r.active)));
    const gw = (r: Record<string, string>) => (r.gateway ?? '').split(',').map((g) => g.replace(/%.*$/, ''));
    const good = usable.find((r) => !p.gateway || gw(r).includes(p.gateway));
    if (good) return pass(`standaardroute via ${good.gateway}`, expected, actual);
    if (!usable.length) return fail(`standaardroute via ${defaults.map((r) => r.gateway).join(', ')} is niet actief of staat uit`, expected, actual);
    return fail(`standaardroute via ${usable.map((r) => r.gateway).join(', ')}, verwacht via ${p.gateway}`, expected, actual);
  },
};
