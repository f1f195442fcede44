// routeros.dhcp-server: a DHCP server on an interface, handing out from a pool, with a
// /ip dhcp-server network entry giving the expected gateway and DNS servers.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { csv, enabled, fail, networkOf, pass, print, records, ROUTEROS, within } from './routeros-common.js';

const Params = z.object({
  interface: z.string(),
  /** Pool range as RouterOS writes it (`10.0.10.100-10.0.10.200`); optional. */
  poolRange: z.string().optional(),
  gateway: z.string().optional(),
  dns: z.array(z.string()).default([]),
  /** Network prefix of the DHCP network entry; by default the subnet of the interface's address. */
  network: z.string().optional(),
});

export const routerosDhcpServer: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.dhcp-server',
  description: 'RouterOS: DHCP-server op een interface met pool, gateway en DNS-servers',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/ip dhcp-server'), print(t.device, '/ip pool'), print(t.device, '/ip dhcp-server network'), print(t.device, '/ip address')],
  evaluate(p, facts, t) {
    const expected = { interface: p.interface, poolRange: p.poolRange, gateway: p.gateway, dns: p.dns, network: p.network };
    const servers = records(facts, t.device, '/ip dhcp-server');
    const srv = servers.find((s) => s.interface === p.interface && enabled(s)) ?? servers.find((s) => s.interface === p.interface);
    if (!srv) return fail(`geen DHCP-server op ${p.interface}`, expected, { servers: servers.map((s) => ({ name: s.name, interface: s.interface })) });
    if (!enabled(srv)) return fail(`DHCP-server ${srv.name} op ${p.interface} staat uit`, expected, { server: srv.name, disabled: true });
    const problems: string[] = [];
    const pool = records(facts, t.device, '/ip pool').find((x) => x.name === srv['address-pool']);
    if (!srv['address-pool'] || srv['address-pool'] === 'static-only') problems.push(`DHCP-server ${srv.name} heeft geen adrespool (static-only)`);
    else if (!pool) problems.push(`adrespool '${srv['address-pool']}' bestaat niet`);
    else if (p.poolRange && csv(pool.ranges).join(',') !== csv(p.poolRange).join(',')) problems.push(`pool ${pool.name} heeft bereik ${pool.ranges}, verwacht ${p.poolRange}`);
    const ifAddrs = records(facts, t.device, '/ip address').filter((a) => a.interface === p.interface && enabled(a)).map((a) => a.address);
    const nets = records(facts, t.device, '/ip dhcp-server network');
    const wantNet = p.network ?? (ifAddrs[0] ? networkOf(ifAddrs[0]) : undefined);
    const net = nets.find((n) => (wantNet ? n.address === wantNet || within(n.address, wantNet) : false)) ?? (nets.length === 1 && !wantNet ? nets[0] : undefined);
    if (!net) problems.push(`geen DHCP-netwerk${wantNet ? ` voor ${wantNet}` : ''} in /ip dhcp-server network`);
    else {
      if (p.gateway && net.gateway !== p.gateway) problems.push(`gateway is ${net.gateway || 'leeg'}, verwacht ${p.gateway}`);
      const dns = csv(net['dns-server']);
      const missing = p.dns.filter((d) => !dns.includes(d));
      if (missing.length) problems.push(`DNS-server(s) ${missing.join(', ')} ontbreken (ingesteld: ${dns.join(', ') || 'geen'})`);
    }
    const actual = { server: srv.name, interface: srv.interface, pool: srv['address-pool'], poolRange: pool?.ranges, network: net?.address, gateway: net?.gateway, dns: csv(net?.['dns-server']) };
    return problems.length ? fail(problems.join('; '), expected, actual) : pass(`DHCP-server ${srv.name} op ${p.interface} met pool ${pool!.name}${net ? `, gateway ${net.gateway}, DNS ${csv(net['dns-server']).join(', ')}` : ''}`, expected, actual);
  },
};
