// A local user exists, enabled or disabled, and is a member of the given local groups.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, ieq, list, pass, req, sameAccount } from './windows-common.js';

const Params = z.object({ name: z.string().min(1), present: z.boolean().default(true), enabled: z.boolean().optional(), groups: z.array(z.string()).optional() }).strict();
type P = z.infer<typeof Params>;
interface U { name: string; enabled: boolean }
interface G { name: string; members: { name: string }[] }

export const windowsLocalUser: CheckKind<P> = {
  kind: 'windows.local-user',
  description: 'Lokale gebruiker bestaat, is in- of uitgeschakeld en is lid van de juiste lokale groepen',
  params: Params,
  platforms: ['windows'],
  facts: (p, t) => [req(t, 'windows.users'), ...(p.groups ? [req(t, 'windows.groups')] : [])],
  evaluate(p, f, t) {
    const { users } = f.parsed<{ users: U[] }>(req(t, 'windows.users'));
    const u = users.find((x) => ieq(x.name, p.name));
    if (!p.present) return u ? fail(`lokale gebruiker ${p.name} bestaat nog`, 'afwezig', 'aanwezig') : pass(`lokale gebruiker ${p.name} bestaat niet`, 'afwezig', 'afwezig');
    if (!u) return fail(`lokale gebruiker ${p.name} bestaat niet`, p.name, users.map((x) => x.name));
    if (p.enabled !== undefined && u.enabled !== p.enabled) return fail(`account ${p.name} is ${u.enabled ? 'ingeschakeld' : 'uitgeschakeld'}`, p.enabled, u.enabled);
    if (p.groups) {
      const { groups } = f.parsed<{ groups: G[] }>(req(t, 'windows.groups'));
      const missing = p.groups.filter((g) => !groups.find((x) => ieq(x.name, g))?.members.some((m) => sameAccount(p.name, m.name)));
      if (missing.length) return fail(`${p.name} is geen lid van ${list(missing)}`, p.groups, groups.filter((g) => g.members.some((m) => sameAccount(p.name, m.name))).map((g) => g.name));
    }
    return pass(`lokale gebruiker ${p.name} bestaat (${u.enabled ? 'ingeschakeld' : 'uitgeschakeld'})`, undefined, u);
  },
};
