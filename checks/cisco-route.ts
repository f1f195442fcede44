// A route is in the routing table (show ip route): prefix, optionally next hop, interface, protocol.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { IpRouteTable } from '../drivers/cisco-ios/parsers/ip-route.js';
import type { RunningConfig } from '../drivers/cisco-ios/parsers/running-config.js';
import { CISCO, CMD, fail, list, parsePrefix, pass, runningConfig, sameInterface, show } from './cisco-common.js';

const PROTOCOLS: Record<string, string> = { static: 'S', connected: 'C', local: 'L', ospf: 'O', eigrp: 'D', rip: 'R', bgp: 'B' };
const Params = z.object({
  /** `0.0.0.0/0`, `192.168.20.0/24` or `192.168.20.0 255.255.255.0`. */
  network: z.string(),
  nextHop: z.string().optional(),
  interface: z.string().optional(),
  protocol: z.enum(['static', 'connected', 'local', 'ospf', 'eigrp', 'rip', 'bgp']).optional(),
  vrf: z.string().default(''),
  /** `table`: the route is active in the routing table; `config`: a static route is configured (ip route). */
  source: z.enum(['table', 'config']).default('table'),
});

export const ciscoRoute: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.route',
  description: 'Route staat in de routeringstabel (show ip route), eventueel via next hop/interface/protocol',
  params: Params,
  platforms: CISCO,
  facts: (p, t) => [show(t.device, p.source === 'config' ? CMD.run : CMD.ipRoute)],
  evaluate(p, facts, t) {
    if (p.source === 'config') return fromConfig(p, runningConfig(facts, t.device), t.device);
    const table = facts.parsed<IpRouteTable>(show(t.device, CMD.ipRoute));
    const want = parsePrefix(p.network);
    const prefix = want.prefix ?? 32;
    const routes = table.routes.filter((r) => r.vrf === p.vrf && r.network === want.address && r.prefixLength === prefix);
    const expected = { network: `${want.address}/${prefix}`, ...(p.nextHop ? { nextHop: p.nextHop } : {}), ...(p.interface ? { interface: p.interface } : {}), ...(p.protocol ? { protocol: p.protocol } : {}) };
    const fmt = (r: (typeof routes)[number]) => `${r.protocol}${r.type ? ` ${r.type}` : ''} ${r.network}/${r.prefixLength}${r.nextHop ? ` via ${r.nextHop}` : ''}${r.interface ? ` ${r.interface}` : ''}`;
    if (table.routingDisabled)
      return fail(`${t.device} routeert niet (geen ip routing); default gateway: ${table.defaultGateway ?? 'niet ingesteld'}`, expected, { ipRouting: 'uit', defaultGateway: table.defaultGateway ?? 'geen' });
    if (!routes.length) {
      const gw = table.gatewayOfLastResort && prefix === 0 ? ` (gateway of last resort: ${table.gatewayOfLastResort.gateway})` : '';
      return fail(`route ${want.address}/${prefix} staat niet in de routeringstabel van ${t.device}${gw}`, expected, { routes: table.routes.length });
    }
    const ok = routes.filter(
      (r) => (!p.nextHop || r.nextHop === p.nextHop) && (!p.interface || sameInterface(r.interface, p.interface)) && (!p.protocol || r.protocol === PROTOCOLS[p.protocol]),
    );
    const actual = { routes: routes.map(fmt) };
    if (!ok.length) return fail(`route ${want.address}/${prefix} is er, maar als ${list(routes.map(fmt))}`, expected, actual);
    return pass(`route ${fmt(ok[0])} staat in de routeringstabel`, expected, actual);
  },
};

function fromConfig(p: z.infer<typeof Params>, cfg: RunningConfig, device: string) {
  const want = parsePrefix(p.network);
  const prefix = want.prefix ?? 32;
  const expected = { network: `${want.address}/${prefix}`, ...(p.nextHop ? { nextHop: p.nextHop } : {}), ...(p.interface ? { interface: p.interface } : {}), bron: 'configuratie' };
  const fmt = (r: RunningConfig['ipRoutes'][number]) => `ip route ${r.vrf ? `vrf ${r.vrf} ` : ''}${r.network} ${r.mask}${r.interface ? ` ${r.interface}` : ''}${r.nextHop ? ` ${r.nextHop}` : ''}${r.distance !== undefined ? ` ${r.distance}` : ''}`;
  const routes = cfg.ipRoutes.filter((r) => (r.vrf ?? '') === p.vrf && r.network === want.address && r.prefixLength === prefix);
  if (!routes.length) return fail(`geen statische route ${want.address}/${prefix} geconfigureerd op ${device}; wel: ${list(cfg.ipRoutes.map(fmt))}`, expected, { routes: cfg.ipRoutes.map(fmt) });
  const ok = routes.filter((r) => (!p.nextHop || r.nextHop === p.nextHop) && (!p.interface || (r.interface !== undefined && sameInterface(r.interface, p.interface))));
  const actual = { routes: routes.map(fmt) };
  if (!ok.length) return fail(`statische route ${want.address}/${prefix} is geconfigureerd als ${list(routes.map(fmt))}`, expected, actual);
  return pass(`statische route geconfigureerd: ${fmt(ok[0])}`, expected, actual);
}
