// The password policy meets the assignment: minimum length, maximum/minimum age, warning, history;
// optionally the ageing of one account (chage) instead of the defaults for new accounts.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';
import type { LinuxUser } from './linux-user.js';

const Params = z
  .object({
    min_length: z.number().int().positive().optional(),
    max_days: z.number().int().positive().optional(),
    min_days: z.number().int().nonnegative().optional(),
    warn_age: z.number().int().nonnegative().optional(),
    remember: z.number().int().positive().optional(),
    user: z.string().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'user'), 'noem minstens één eis (min_length, max_days, …)');
type P = z.infer<typeof Params>;
interface Policy { effective: { minLength?: number; minLengthSource?: string; maxDays?: number; minDays?: number; warnAge?: number; remember?: number } }

export const linuxPasswordPolicy: CheckKind<P> = {
  kind: 'linux.password-policy',
  description: 'Wachtwoordbeleid: minimale lengte (PAM/pwquality), maximale en minimale geldigheid, waarschuwing, geschiedenis',
  params: Params,
  platforms: ['linux'],
  facts: (p, t) => [req(t, 'linux.password-policy'), ...(p.user ? [req(t, 'linux.users')] : [])],
  evaluate(p, f, t) {
    const e = f.parsed<Policy>(req(t, 'linux.password-policy')).effective;
    const problems: string[] = [];
    const actual: Record<string, unknown> = {};
    if (p.min_length !== undefined) {
      actual.min_length = e.minLength ?? null;
      if ((e.minLength ?? 0) < p.min_length) problems.push(`minimale wachtwoordlengte is ${e.minLength ?? 'niet ingesteld'}${e.minLengthSource ? ` (${e.minLengthSource})` : ''}, verwacht ≥ ${p.min_length}`);
    }
    let maxDays = e.maxDays;
    let minDays = e.minDays;
    let warn = e.warnAge;
    if (p.user) {
      const u = f.parsed<{ users: (LinuxUser & { warn?: number })[] }>(req(t, 'linux.users')).users.find((x) => x.name === p.user);
      if (!u) return fail(`gebruiker ${p.user} bestaat niet`, p.user, 'afwezig');
      if (u.maximum === undefined && (p.max_days || p.min_days !== undefined || p.warn_age !== undefined)) return { status: 'error', message: `verloopgegevens van ${p.user} niet uit te lezen (geen toegang tot het schaduwbestand)` };
      maxDays = u.maximum;
      minDays = u.minimum;
      warn = u.warn;
    }
    const who = p.user ? ` voor ${p.user}` : '';
    if (p.max_days !== undefined) {
      actual.max_days = maxDays ?? null;
      if (maxDays === undefined || maxDays > p.max_days) problems.push(`maximale geldigheid${who} is ${maxDays ?? 'niet ingesteld'} dagen, verwacht ≤ ${p.max_days}`);
    }
    if (p.min_days !== undefined) {
      actual.min_days = minDays ?? null;
      if ((minDays ?? 0) < p.min_days) problems.push(`minimale geldigheid${who} is ${minDays ?? 0} dagen, verwacht ≥ ${p.min_days}`);
    }
    if (p.warn_age !== undefined) {
      actual.warn_age = warn ?? null;
      if ((warn ?? 0) < p.warn_age) problems.push(`waarschuwing${who} ${warn ?? 0} dagen vooraf, verwacht ≥ ${p.warn_age}`);
    }
    if (p.remember !== undefined) {
      actual.remember = e.remember ?? null;
      if ((e.remember ?? 0) < p.remember) problems.push(`wachtwoordgeschiedenis onthoudt ${e.remember ?? 0} wachtwoorden, verwacht ≥ ${p.remember}`);
    }
    const expected = Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'user'));
    return problems.length ? fail(problems.join('; '), expected, actual) : pass(`wachtwoordbeleid${who} voldoet`, expected, actual);
  },
};
