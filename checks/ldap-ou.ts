// An OU exists at the expected place in the domain (path from the domain root: `Staf/Sales`).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from '../drivers/linux/check-util.js';

const Params = z.object({ path: z.string().min(1), present: z.boolean().default(true) }).strict();
type P = z.infer<typeof Params>;
const norm = (s: string) => s.replace(/^\/+|\/+$/g, '').toLowerCase();

export const ldapOu: CheckKind<P> = {
  kind: 'ldap.ou',
  description: 'Organisatie-eenheid (OU) bestaat op de juiste plek in de domeinstructuur (bv. Staf/Sales)',
  params: Params,
  platforms: ['ldap'],
  facts: (_p, t) => [req(t, 'ldap.ous')],
  evaluate(p, f, t) {
    const { ous } = f.parsed<{ ous: { path: string; dn: string }[] }>(req(t, 'ldap.ous'));
    const hit = ous.find((o) => norm(o.path) === norm(p.path));
    if (!p.present) return hit ? fail(`OU ${p.path} bestaat nog (${hit.dn})`, 'afwezig', hit.dn) : pass(`OU ${p.path} bestaat niet`, 'afwezig', 'afwezig');
    if (hit) return pass(`OU ${p.path} bestaat (${hit.dn})`, p.path, hit.dn);
    const leaf = norm(p.path).split('/').pop()!;
    const elsewhere = ous.filter((o) => norm(o.path).split('/').pop() === leaf);
    return fail(elsewhere.length ? `OU ${leaf} staat op een andere plek: ${list(elsewhere.map((o) => o.path))}` : `OU ${p.path} bestaat niet`, p.path, ous.map((o) => o.path));
  },
};
