// No (security) updates are pending.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from './windows-common.js';

const Params = z.object({ max_pending: z.number().int().min(0).default(0), only_security: z.boolean().default(true) }).strict();
type P = z.infer<typeof Params>;
interface U { title: string; kb: string[]; severity: string | null; categories: string[] }

export const windowsUpdates: CheckKind<P> = {
  kind: 'windows.updates',
  description: 'Er staan geen (beveiligings)updates meer open',
  params: Params,
  platforms: ['windows'],
  facts: (_p, t) => [req(t, 'windows.updates')],
  evaluate(p, f, t) {
    const { pending, installed } = f.parsed<{ pending: U[]; installed: { id: string; installedOn: string | null }[] }>(req(t, 'windows.updates'));
    const count = pending.filter((u) => !p.only_security || u.severity !== null || u.categories.some((c) => /security|critical/i.test(c)));
    if (count.length > p.max_pending) return fail(`${count.length} ${p.only_security ? 'beveiligings' : ''}update(s) staan open: ${count.map((u) => (u.kb[0] ? `KB${u.kb[0]}` : u.title)).join(', ')}`, `≤ ${p.max_pending}`, count.map((u) => u.title));
    return pass(`${count.length} ${p.only_security ? 'beveiligings' : ''}update(s) open; laatst geïnstalleerd ${installed[0] ? `${installed[0].id} (${installed[0].installedOn})` : 'onbekend'}`, `≤ ${p.max_pending}`, count.length);
  },
};
