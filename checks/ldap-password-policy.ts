// The domain password policy (domain object attributes) meets the requirements.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';

const Params = z
  .object({
    min_length: z.number().int().min(0).optional(),
    complexity: z.boolean().optional(),
    history: z.number().int().min(0).optional(),
    /** Password must expire within this many days (0/null = never expires → fail). */
    max_age_days: z.number().int().min(1).optional(),
    min_age_days: z.number().int().min(0).optional(),
    /** Lockout after at most this many wrong attempts (0 = no lockout → fail). */
    lockout_threshold: z.number().int().min(1).optional(),
  })
  .strict();
type P = z.infer<typeof Params>;
interface Policy { minLength: number; complexity: boolean; historyLength: number; maxAgeDays: number | null; minAgeDays: number; lockoutThreshold: number; lockoutDurationMinutes: number | null }

export const ldapPasswordPolicy: CheckKind<P> = {
  kind: 'ldap.password-policy',
  description: 'Wachtwoordbeleid van het domein: minimale lengte, complexiteit, geschiedenis, maximale leeftijd, accountvergrendeling',
  params: Params,
  platforms: ['ldap'],
  facts: (_p, t) => [req(t, 'ldap.password-policy')],
  evaluate(p, f, t) {
    const a = f.parsed<Policy>(req(t, 'ldap.password-policy'));
    const bad: string[] = [];
    if (p.min_length !== undefined && a.minLength < p.min_length) bad.push(`minimale lengte ${a.minLength} (verwacht ≥ ${p.min_length})`);
    if (p.complexity !== undefined && a.complexity !== p.complexity) bad.push(`complexiteit ${a.complexity ? 'aan' : 'uit'}`);
    if (p.history !== undefined && a.historyLength < p.history) bad.push(`wachtwoordgeschiedenis ${a.historyLength} (verwacht ≥ ${p.history})`);
    if (p.max_age_days !== undefined && (a.maxAgeDays === null || a.maxAgeDays > p.max_age_days)) bad.push(`maximale leeftijd ${a.maxAgeDays ?? 'nooit'} dagen (verwacht ≤ ${p.max_age_days})`);
    if (p.min_age_days !== undefined && a.minAgeDays < p.min_age_days) bad.push(`minimale leeftijd ${a.minAgeDays} dagen (verwacht ≥ ${p.min_age_days})`);
    if (p.lockout_threshold !== undefined && (a.lockoutThreshold === 0 || a.lockoutThreshold > p.lockout_threshold)) bad.push(`vergrendeling na ${a.lockoutThreshold || 'nooit'} pogingen (verwacht ≤ ${p.lockout_threshold})`);
    return bad.length ? fail(`wachtwoordbeleid voldoet niet: ${bad.join('; ')}`, p, a) : pass(`wachtwoordbeleid voldoet (lengte ${a.minLength}, complexiteit ${a.complexity ? 'aan' : 'uit'}, max ${a.maxAgeDays ?? '∞'} dagen, vergrendeling na ${a.lockoutThreshold || '∞'})`, p, a);
  },
};
