// No pending (security) updates according to the package manager's last refreshed lists.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';
import type { PendingUpdate } from '../drivers/linux/parsers/misc.js';

const Params = z.object({ security_only: z.boolean().default(true), max: z.number().int().nonnegative().default(0) }).strict();
type P = z.infer<typeof Params>;

export const linuxUpdates: CheckKind<P> = {
  kind: 'linux.updates',
  description: 'Geen openstaande (beveiligings)updates volgens de pakketbeheerder (lijsten zoals laatst ververst)',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.updates')],
  evaluate(p, f, t) {
    const u = f.parsed<{ updates: PendingUpdate[] }>(req(t, 'linux.updates'));
    const pending = p.security_only ? u.updates.filter((x) => x.security) : u.updates;
    const what = p.security_only ? 'beveiligingsupdates' : 'updates';
    if (pending.length > p.max)
      return fail(`${pending.length} openstaande ${what}`, `≤ ${p.max}`, pending.slice(0, 20).map((x) => `${x.name} ${x.from ?? ''} → ${x.to}`.replace('  ', ' ')));
    return pass(`${pending.length} openstaande ${what}`, `≤ ${p.max}`, pending.length);
  },
};
