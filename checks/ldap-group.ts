// A domain group exists with the expected scope, place and members (direct or nested).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from '../drivers/linux/check-util.js';

const Params = z
  .object({
    name: z.string().min(1),
    present: z.boolean().default(true),
    scope: z.enum(['global', 'domainLocal', 'universal']).optional(),
    security: z.boolean().optional(),
    ou: z.string().optional(),
    members: z.array(z.string()).optional(),
    nested: z.boolean().default(true),
    /** Only these members, no others. */
    exact: z.boolean().default(false),
  })
  .strict();
type P = z.infer<typeof Params>;
interface LdapGroup { exists: boolean; dn?: string; ou?: string; scope?: string; security?: boolean; members?: string[]; membersNested?: string[] }

export const ldapGroup: CheckKind<P> = {
  kind: 'ldap.group',
  description: 'Domeingroep bestaat met het juiste bereik, de juiste plek en de juiste leden (ook genest)',
  params: Params,
  platforms: ['ldap'],
  facts: (p, t) => [req(t, 'ldap.group', { name: p.name })],
  evaluate(p, f, t) {
    const g = f.parsed<LdapGroup>(req(t, 'ldap.group', { name: p.name }));
    if (!p.present) return g.exists ? fail(`groep ${p.name} bestaat nog`, 'afwezig', g.dn) : pass(`groep ${p.name} bestaat niet`, 'afwezig', 'afwezig');
    if (!g.exists) return fail(`groep ${p.name} bestaat niet in het domein`, p.name, 'afwezig');
    if (p.scope && g.scope !== p.scope) return fail(`groep ${p.name} heeft bereik ${g.scope}, verwacht ${p.scope}`, p.scope, g.scope);
    if (p.security !== undefined && g.security !== p.security) return fail(`groep ${p.name} is een ${g.security ? 'beveiligingsgroep' : 'distributiegroep'}`, p.security, g.security);
    if (p.ou !== undefined && (g.ou ?? '').toLowerCase() !== p.ou.toLowerCase()) return fail(`groep ${p.name} staat in ${g.ou}, verwacht ${p.ou}`, p.ou, g.ou);
    const members = (p.nested ? g.membersNested : g.members) ?? [];
    if (p.members) {
      const missing = p.members.filter((m) => !members.some((x) => x.toLowerCase() === m.toLowerCase()));
      if (missing.length) return fail(`groep ${p.name} mist lid ${list(missing)}`, p.members, members);
      if (p.exact) {
        const extra = (g.members ?? []).filter((m) => !p.members!.some((x) => x.toLowerCase() === m.toLowerCase()));
        if (extra.length) return fail(`groep ${p.name} heeft ook ${list(extra)} als lid`, p.members, g.members);
      }
    }
    return pass(`groep ${p.name} bestaat (${g.scope}, leden ${list(members)})`, undefined, { dn: g.dn, members });
  },
};
