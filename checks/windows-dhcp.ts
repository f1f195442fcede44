// Windows DHCP server: a scope with range, mask, state, options (router, DNS) and reservations.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from './windows-common.js';

const Params = z
  .object({
    scope: z.string().min(1),
    start: z.string().optional(),
    end: z.string().optional(),
    mask: z.string().optional(),
    active: z.boolean().optional(),
    router: z.string().optional(),
    dns_servers: z.array(z.string()).optional(),
    dns_domain: z.string().optional(),
    reservations: z.array(z.object({ ip: z.string(), mac: z.string().optional() }).strict()).default([]),
  })
  .strict();
type P = z.infer<typeof Params>;
interface Opt { id: number; value: string[] }
interface Scope { scopeId: string; start: string; end: string; mask: string; state: string; options: Opt[]; reservations: { ip: string; mac: string }[] }
const mac = (s: string) => s.toLowerCase().replace(/[^0-9a-f]/g, '');

export const windowsDhcp: CheckKind<P> = {
  kind: 'windows.dhcp',
  description: 'DHCP-scope op de Windows-server: bereik, masker, actief, opties (router, DNS) en reserveringen',
  params: Params,
  platforms: ['windows'],
  facts: (_p, t) => [req(t, 'windows.dhcp')],
  evaluate(p, f, t) {
    const d = f.parsed<{ serverOptions: Opt[]; scopes: Scope[] }>(req(t, 'windows.dhcp'));
    const s = d.scopes.find((x) => x.scopeId === p.scope);
    if (!s) return fail(`DHCP-scope ${p.scope} bestaat niet`, p.scope, d.scopes.map((x) => x.scopeId));
    for (const [k, want, got] of [['begin', p.start, s.start], ['einde', p.end, s.end], ['masker', p.mask, s.mask]] as const) if (want && want !== got) return fail(`scope ${p.scope}: ${k} is ${got}, verwacht ${want}`, want, got);
    if (p.active !== undefined && (s.state === 'Active') !== p.active) return fail(`scope ${p.scope} is ${s.state}`, p.active ? 'Active' : 'Inactive', s.state);
    // Scope options override server options.
    const opt = (id: number) => (s.options.find((o) => o.id === id) ?? d.serverOptions.find((o) => o.id === id))?.value ?? [];
    if (p.router && !opt(3).includes(p.router)) return fail(`scope ${p.scope}: router (optie 3) is ${opt(3).join(', ') || 'niet ingesteld'}, verwacht ${p.router}`, p.router, opt(3));
    if (p.dns_servers && p.dns_servers.some((x) => !opt(6).includes(x))) return fail(`scope ${p.scope}: DNS-servers (optie 6) ${opt(6).join(', ') || 'niet ingesteld'}, verwacht ${p.dns_servers.join(', ')}`, p.dns_servers, opt(6));
    if (p.dns_domain && !opt(15).some((x) => x.toLowerCase() === p.dns_domain!.toLowerCase())) return fail(`scope ${p.scope}: DNS-domein (optie 15) ${opt(15).join(', ') || 'niet ingesteld'}`, p.dns_domain, opt(15));
    for (const r of p.reservations) {
      const hit = s.reservations.find((x) => x.ip === r.ip);
      if (!hit) return fail(`geen reservering voor ${r.ip} in ${p.scope}`, r, s.reservations);
      if (r.mac && mac(hit.mac) !== mac(r.mac)) return fail(`reservering ${r.ip} hoort bij ${hit.mac}, verwacht ${r.mac}`, r.mac, hit.mac);
    }
    return pass(`DHCP-scope ${p.scope}: ${s.start}–${s.end}, ${s.state}, router ${opt(3).join(',') || '-'}, DNS ${opt(6).join(',') || '-'}`, undefined, s);
  },
};
