// A domain user exists, is enabled (userAccountControl), sits in the expected OU and is a member
// of the expected groups (directly or nested).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from '../drivers/linux/check-util.js';

const Params = z
  .object({
    name: z.string().min(1),
    present: z.boolean().default(true),
    enabled: z.boolean().optional(),
    /** OU path from the domain root (`Staf/Sales`), or `CN=Users`. */
    ou: z.string().optional(),
    member_of: z.array(z.string()).optional(),
    /** Count nested membership (group in group) too; default true. */
    nested: z.boolean().default(true),
    password_never_expires: z.boolean().optional(),
    must_change_password: z.boolean().optional(),
  })
  .strict();
type P = z.infer<typeof Params>;
export interface LdapUser { exists: boolean; name?: string; dn?: string; ou?: string; enabled?: boolean; memberOf?: string[]; memberOfNested?: string[]; passwordNeverExpires?: boolean; mustChangePassword?: boolean }
const eq = (a: string, b: string) => a.replace(/^\/+|\/+$/g, '').toLowerCase() === b.replace(/^\/+|\/+$/g, '').toLowerCase();

export const ldapUser: CheckKind<P> = {
  kind: 'ldap.user',
  description: 'Domeingebruiker bestaat, is ingeschakeld, staat in de juiste OU en is lid van de juiste groepen (ook genest)',
  params: Params,
  platforms: ['ldap'],
  facts: (p, t) => [req(t, 'ldap.user', { name: p.name })],
  evaluate(p, f, t) {
    const u = f.parsed<LdapUser>(req(t, 'ldap.user', { name: p.name }));
    if (!p.present) return u.exists ? fail(`gebruiker ${p.name} bestaat nog (${u.dn})`, 'afwezig', u.dn) : pass(`gebruiker ${p.name} bestaat niet`, 'afwezig', 'afwezig');
    if (!u.exists) return fail(`gebruiker ${p.name} bestaat niet in het domein`, p.name, 'afwezig');
    if (p.enabled !== undefined && u.enabled !== p.enabled) return fail(`account ${p.name} is ${u.enabled ? 'ingeschakeld' : 'uitgeschakeld'}`, p.enabled ? 'ingeschakeld' : 'uitgeschakeld', u.enabled ? 'ingeschakeld' : 'uitgeschakeld');
    if (p.ou !== undefined && !eq(u.ou ?? '', p.ou)) return fail(`gebruiker ${p.name} staat in ${u.ou || '(domeinroot)'}, verwacht ${p.ou}`, p.ou, u.ou);
    const groups = p.nested ? (u.memberOfNested ?? []) : (u.memberOf ?? []);
    if (p.member_of) {
      const missing = p.member_of.filter((g) => !groups.some((x) => x.toLowerCase() === g.toLowerCase()));
      if (missing.length) return fail(`gebruiker ${p.name} is geen lid van ${list(missing)}${p.nested ? ' (ook niet genest)' : ''}`, p.member_of, groups);
    }
    if (p.password_never_expires !== undefined && u.passwordNeverExpires !== p.password_never_expires) return fail(`wachtwoord van ${p.name} ${u.passwordNeverExpires ? 'verloopt nooit' : 'verloopt wel'}`, p.password_never_expires, u.passwordNeverExpires);
    if (p.must_change_password !== undefined && u.mustChangePassword !== p.must_change_password) return fail(`${p.name} ${u.mustChangePassword ? 'moet' : 'hoeft'} het wachtwoord bij volgende aanmelding ${u.mustChangePassword ? '' : 'niet '}te wijzigen`.replace('  ', ' '), p.must_change_password, u.mustChangePassword);
    return pass(`gebruiker ${p.name} bestaat (${u.ou || 'domeinroot'}, ${u.enabled ? 'ingeschakeld' : 'uitgeschakeld'}, groepen ${list(groups)})`, undefined, { dn: u.dn, enabled: u.enabled, groups });
  },
};
