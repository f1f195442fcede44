// The host firewall (ufw, nftables or iptables) is active with a default-deny policy for incoming
// traffic, allows the services the assignment names and does not allow the ones it forbids.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';
import { allowsPort, type FirewallView } from '../drivers/linux/parsers/firewall.js';

const PortRule = z.object({ port: z.coerce.number().int().min(1).max(65535), proto: z.enum(['tcp', 'udp']).default('tcp'), source: z.string().optional() }).strict();
const Params = z
  .object({
    default_deny: z.boolean().default(true),
    allow: z.array(PortRule).default([]),
    deny: z.array(PortRule).default([]),
    backend: z.enum(['ufw', 'nftables', 'iptables']).optional(),
  })
  .strict();
type P = z.infer<typeof Params>;

export const linuxFirewall: CheckKind<P> = {
  kind: 'linux.firewall',
  description: 'Firewall actief met standaard weigeren voor inkomend verkeer, gevraagde poorten toegestaan en verboden poorten niet',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.firewall')],
  evaluate(p, f, t) {
    const v = f.parsed<FirewallView>(req(t, 'linux.firewall'));
    const actual = { backend: v.backend, inputPolicy: v.inputPolicy, ...(v.inputPolicy6 ? { inputPolicyIpv6: v.inputPolicy6 } : {}), rules: v.rules.slice(0, 30).map((r) => r.text) };
    if (p.backend && v.backend !== p.backend) return fail(`firewall wordt beheerd met ${v.backend}, verwacht ${p.backend}`, p.backend, actual);
    if (!v.active) return fail('er is geen actieve firewall', 'actieve firewall', actual);
    if (p.default_deny && v.inputPolicy === 'accept') return fail(`standaardbeleid voor inkomend verkeer is 'accept' (${v.backend}), verwacht weigeren`, 'drop/reject', actual);
    const missing = p.allow.filter((r) => !allowsPort(v.rules, r.port, r.proto, r.source));
    if (missing.length) return fail(`geen regel die ${missing.map((r) => `${r.proto}/${r.port}${r.source ? ' van ' + r.source : ''}`).join(', ')} toestaat`, p.allow, actual);
    const open = p.deny.filter((r) => allowsPort(v.rules, r.port, r.proto, r.source) || (v.inputPolicy === 'accept' && !p.default_deny));
    if (open.length) return fail(`${open.map((r) => `${r.proto}/${r.port}`).join(', ')} wordt toegestaan, verwacht geblokkeerd`, { deny: p.deny }, actual);
    return pass(`firewall (${v.backend}) actief, inkomend standaard ${v.inputPolicy}${p.allow.length ? `, toegestaan: ${p.allow.map((r) => `${r.proto}/${r.port}`).join(', ')}` : ''}`, undefined, actual);
  },
};
