// An interface carries the IP address (optionally with prefix length) the assignment asks for.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';
import type { Interface } from '../drivers/linux/parsers/ip.js';

const Params = z.object({ address: z.string().min(2), interface: z.string().optional() }).strict();
type P = z.infer<typeof Params>;

export const linuxAddress: CheckKind<P> = {
  kind: 'linux.address',
  description: 'Een interface heeft het gevraagde IP-adres (met prefixlengte als die is opgegeven)',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.addresses')],
  evaluate(p, f, t) {
    const ifs = f.parsed<Interface[]>(req(t, 'linux.addresses'));
    const [ip, prefix] = p.address.split('/');
    const norm = (a: string) => a.toLowerCase();
    const scope = p.interface ? ifs.filter((i) => i.ifname === p.interface) : ifs;
    if (p.interface && !scope.length) return fail(`interface ${p.interface} bestaat niet`, p.interface, ifs.map((i) => i.ifname));
    const all = scope.flatMap((i) => i.addresses.map((a) => ({ ...a, ifname: i.ifname })));
    const hit = all.find((a) => norm(a.address) === norm(ip!));
    const where = p.interface ? ` op ${p.interface}` : '';
    if (!hit) return fail(`adres ${p.address} staat niet${where} ingesteld`, p.address, all.filter((a) => a.scope !== 'host' && a.scope !== 'link').map((a) => `${a.ifname} ${a.cidr}`));
    if (prefix !== undefined && hit.prefixlen !== Number(prefix)) return fail(`adres ${ip} staat op ${hit.ifname} met prefix /${hit.prefixlen}, verwacht /${prefix}`, p.address, hit.cidr);
    return pass(`adres ${hit.cidr} staat op ${hit.ifname}`, p.address, `${hit.ifname} ${hit.cidr}`);
  },
};
