// A route (default gateway or a network) exists, via the expected gateway and/or interface.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';
import type { Route } from '../drivers/linux/parsers/ip.js';

const Params = z.object({ destination: z.string().default('default'), gateway: z.string().optional(), interface: z.string().optional(), family: z.enum(['inet', 'inet6']).optional() }).strict();
type P = z.infer<typeof Params>;

export const linuxRoute: CheckKind<P> = {
  kind: 'linux.route',
  description: 'Er is een route (standaardgateway of netwerk) via de gevraagde gateway of interface',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.routes')],
  evaluate(p, f, t) {
    const routes = f.parsed<Route[]>(req(t, 'linux.routes'));
    const dst = p.destination === '0.0.0.0/0' || p.destination === '::/0' ? 'default' : p.destination;
    const family = p.family ?? (p.gateway?.includes(':') || p.destination.includes(':') ? 'inet6' : 'inet');
    const cands = routes.filter((r) => r.dst === dst && r.family === family);
    const show = (r: Route) => `${r.dst}${r.gateway ? ' via ' + r.gateway : ''}${r.dev ? ' dev ' + r.dev : ''}`;
    const label = dst === 'default' ? 'standaardroute' : `route naar ${dst}`;
    if (!cands.length) return fail(`geen ${label}`, [dst, p.gateway, p.interface].filter(Boolean).join(' '), routes.filter((r) => r.family === family).map(show));
    const hit = cands.find((r) => (!p.gateway || r.gateway === p.gateway) && (!p.interface || r.dev === p.interface));
    if (!hit) return fail(`${label} gaat via ${cands.map(show).join('; ')}`, [dst, p.gateway && `via ${p.gateway}`, p.interface && `dev ${p.interface}`].filter(Boolean).join(' '), cands.map(show));
    return pass(`${label}: ${show(hit)}`, undefined, show(hit));
  },
};
