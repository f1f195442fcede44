// A group exists (or not) and has the expected members.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from '../drivers/linux/check-util.js';

const Params = z.object({ name: z.string().min(1), present: z.boolean().default(true), members: z.array(z.string()).optional(), exact: z.boolean().default(false) }).strict();
type P = z.infer<typeof Params>;
interface G { name: string; gid: number; members: string[]; primaryMembers: string[] }

export const linuxGroup: CheckKind<P> = {
  kind: 'linux.group',
  description: 'Groep bestaat (of niet) met de gevraagde leden',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.groups')],
  evaluate(p, f, t) {
    const g = f.parsed<G[]>(req(t, 'linux.groups')).find((x) => x.name === p.name);
    if (!p.present) return g ? fail(`groep ${p.name} bestaat nog`, 'afwezig', 'aanwezig') : pass(`groep ${p.name} bestaat niet`, 'afwezig', 'afwezig');
    if (!g) return fail(`groep ${p.name} bestaat niet`, p.name, 'afwezig');
    const members = [...new Set([...g.members, ...g.primaryMembers])];
    if (p.members) {
      const missing = p.members.filter((m) => !members.includes(m));
      if (missing.length) return fail(`groep ${p.name} mist lid/leden ${list(missing)}`, p.members, members);
      const extra = members.filter((m) => !p.members!.includes(m));
      if (p.exact && extra.length) return fail(`groep ${p.name} heeft ook ${list(extra)} als lid`, p.members, members);
    }
    return pass(`groep ${p.name} bestaat met leden ${list(members)}`, p.members, members);
  },
};
