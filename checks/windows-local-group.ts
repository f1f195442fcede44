// A local group has the expected members (and, with exact, no others).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, ieq, list, pass, req, sameAccount } from './windows-common.js';

const Params = z.object({ name: z.string().min(1), members: z.array(z.string()).default([]), absent: z.array(z.string()).default([]), exact: z.boolean().default(false) }).strict();
type P = z.infer<typeof Params>;

export const windowsLocalGroup: CheckKind<P> = {
  kind: 'windows.local-group',
  description: 'Lokale groep (bv. Administrators) heeft de juiste leden en geen ongewenste',
  params: Params,
  platforms: ['windows'],
  facts: (_p, t) => [req(t, 'windows.groups')],
  evaluate(p, f, t) {
    const { groups } = f.parsed<{ groups: { name: string; members: { name: string }[] }[] }>(req(t, 'windows.groups'));
    const g = groups.find((x) => ieq(x.name, p.name));
    if (!g) return fail(`lokale groep ${p.name} bestaat niet`, p.name, groups.map((x) => x.name));
    const names = g.members.map((m) => m.name);
    const missing = p.members.filter((w) => !names.some((n) => sameAccount(w, n)));
    if (missing.length) return fail(`${p.name} mist lid ${list(missing)}`, p.members, names);
    const unwanted = names.filter((n) => p.absent.some((a) => sameAccount(a, n)) || (p.exact && !p.members.some((w) => sameAccount(w, n))));
    if (unwanted.length) return fail(`${p.name} heeft ongewenste leden: ${list(unwanted)}`, p.members, names);
    return pass(`${p.name}: ${list(names)}`, p.members, names);
  },
};
