// A local user account exists (or not) with the expected shell, home, groups and lock state.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from '../drivers/linux/check-util.js';

const Params = z
  .object({
    name: z.string().min(1),
    present: z.boolean().default(true),
    shell: z.string().optional(),
    home: z.string().optional(),
    uid: z.number().int().optional(),
    groups: z.array(z.string()).optional(),
    locked: z.boolean().optional(),
  })
  .strict();
type P = z.infer<typeof Params>;
export interface LinuxUser {
  name: string; uid: number; gid: number; home: string; shell: string; groups: string[]; status?: 'P' | 'L' | 'NP'; locked?: boolean; maximum?: number; minimum?: number;
}

export const linuxUser: CheckKind<P> = {
  kind: 'linux.user',
  description: 'Gebruiker bestaat (of niet) met de gevraagde shell, thuismap, groepen en vergrendeling',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.users')],
  evaluate(p, f, t) {
    const { users, shadowError } = f.parsed<{ users: LinuxUser[]; shadowError?: string }>(req(t, 'linux.users'));
    const u = users.find((x) => x.name === p.name);
    if (!p.present) return u ? fail(`gebruiker ${p.name} bestaat nog`, 'afwezig', 'aanwezig') : pass(`gebruiker ${p.name} bestaat niet`, 'afwezig', 'afwezig');
    if (!u) return fail(`gebruiker ${p.name} bestaat niet`, p.name, 'afwezig');
    if (p.shell && u.shell !== p.shell) return fail(`gebruiker ${p.name} heeft shell ${u.shell}, verwacht ${p.shell}`, p.shell, u.shell);
    if (p.home && u.home !== p.home) return fail(`gebruiker ${p.name} heeft thuismap ${u.home}, verwacht ${p.home}`, p.home, u.home);
    if (p.uid !== undefined && u.uid !== p.uid) return fail(`gebruiker ${p.name} heeft UID ${u.uid}, verwacht ${p.uid}`, p.uid, u.uid);
    if (p.groups) {
      const missing = p.groups.filter((g) => !u.groups.includes(g));
      if (missing.length) return fail(`gebruiker ${p.name} is geen lid van ${list(missing)}`, p.groups, u.groups);
    }
    if (p.locked !== undefined) {
      if (u.status === undefined) return { status: 'error', message: `vergrendeling van ${p.name} niet uit te lezen (schaduwbestand: ${shadowError ?? 'onbekend'})` };
      const locked = u.status !== 'P';
      if (locked !== p.locked) return fail(`account ${p.name} is ${locked ? 'vergrendeld (of zonder wachtwoord)' : 'niet vergrendeld'}`, p.locked ? 'vergrendeld' : 'actief', locked ? 'vergrendeld' : 'actief');
    }
    return pass(`gebruiker ${p.name} bestaat (shell ${u.shell}, groepen ${list(u.groups)})`, undefined, { shell: u.shell, groups: u.groups, ...(u.status ? { status: u.status } : {}) });
  },
};
