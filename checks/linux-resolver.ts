// The server resolves names through the DNS servers (and search domain) the assignment names.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from '../drivers/linux/check-util.js';

const Params = z.object({ nameservers: z.array(z.string()).min(1).optional(), search: z.string().optional(), only: z.boolean().default(false) }).strict();
type P = z.infer<typeof Params>;
interface R { nameservers: string[]; search: string[]; effective: string[]; stub: boolean }

export const linuxResolver: CheckKind<P> = {
  kind: 'linux.resolver',
  description: 'De DNS-resolver gebruikt de gevraagde DNS-server(s) en zoekdomein (ook achter systemd-resolved)',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.resolver')],
  evaluate(p, f, t) {
    const r = f.parsed<R>(req(t, 'linux.resolver'));
    if (p.nameservers) {
      const missing = p.nameservers.filter((n) => !r.effective.includes(n));
      if (missing.length) return fail(`DNS-server(s) ${list(missing)} niet ingesteld`, p.nameservers, r.effective);
      const extra = r.effective.filter((n) => !p.nameservers!.includes(n));
      if (p.only && extra.length) return fail(`naast de gevraagde DNS-servers staan er ook ${list(extra)}`, p.nameservers, r.effective);
    }
    if (p.search && !r.search.map((s) => s.toLowerCase()).includes(p.search.toLowerCase())) return fail(`zoekdomein ${p.search} niet ingesteld`, p.search, r.search);
    return pass(`resolver gebruikt ${list(r.effective)}${r.search.length ? `, zoekdomein ${list(r.search)}` : ''}`, p.nameservers, r.effective);
  },
};
