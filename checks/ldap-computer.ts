// A computer object exists in the domain (joined), optionally in the expected OU and enabled.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from '../drivers/linux/check-util.js';

const Params = z.object({ name: z.string().min(1), present: z.boolean().default(true), ou: z.string().optional(), enabled: z.boolean().optional() }).strict();
type P = z.infer<typeof Params>;
interface Computer { name: string; dn: string; ou: string; enabled: boolean; os: string | null }

export const ldapComputer: CheckKind<P> = {
  kind: 'ldap.computer',
  description: 'Computerobject staat in het domein (lid van het domein), in de juiste OU',
  params: Params,
  platforms: ['ldap'],
  facts: (_p, t) => [req(t, 'ldap.computers')],
  evaluate(p, f, t) {
    const { computers } = f.parsed<{ computers: Computer[] }>(req(t, 'ldap.computers'));
    const c = computers.find((x) => x.name.toLowerCase() === p.name.toLowerCase().replace(/\$$/, ''));
    if (!p.present) return c ? fail(`computer ${p.name} staat nog in het domein`, 'afwezig', c.dn) : pass(`computer ${p.name} staat niet in het domein`, 'afwezig', 'afwezig');
    if (!c) return fail(`computer ${p.name} is geen lid van het domein`, p.name, computers.map((x) => x.name));
    if (p.ou !== undefined && c.ou.toLowerCase() !== p.ou.toLowerCase()) return fail(`computer ${p.name} staat in ${c.ou}, verwacht ${p.ou}`, p.ou, c.ou);
    if (p.enabled !== undefined && c.enabled !== p.enabled) return fail(`computeraccount ${p.name} is ${c.enabled ? 'ingeschakeld' : 'uitgeschakeld'}`, p.enabled, c.enabled);
    return pass(`computer ${p.name} is lid van het domein (${c.ou}${c.os ? `, ${c.os}` : ''})`, undefined, { dn: c.dn, ou: c.ou, others: list(computers.map((x) => x.name)) });
  },
};
