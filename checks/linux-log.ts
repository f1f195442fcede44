// A log line matching a pattern appears (at least N times, or not at all) within a time window:
// the journal (optionally of one unit) or a log file such as /var/log/auth.log.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';

const Params = z
  .object({
    source: z.string().default('journal'),
    grep: z.string().min(1),
    since: z.string().optional(),
    unit: z.string().optional(),
    ignore_case: z.boolean().default(false),
    min: z.number().int().nonnegative().default(1),
    max: z.number().int().nonnegative().optional(),
  })
  .strict();
type P = z.infer<typeof Params>;
interface L { lines: { time?: string; message: string }[]; count: number; since?: string }

const factParams = (p: P) => ({ source: p.source, grep: p.grep, ignoreCase: p.ignore_case, ...(p.since ? { since: p.since } : {}), ...(p.unit ? { unit: p.unit } : {}) });

export const linuxLog: CheckKind<P> = {
  kind: 'linux.log',
  description: 'Logregel die op een patroon past komt voor (minstens N keer, of juist niet) in een tijdvenster (journal of logbestand)',
  params: Params,
  platforms: ['linux'],
  facts: (p, t) => [req(t, 'linux.log', factParams(p))],
  evaluate(p, f, t) {
    const l = f.parsed<L>(req(t, 'linux.log', factParams(p)));
    const where = `${p.source}${p.unit ? ` (${p.unit})` : ''}${p.since ? `, laatste ${p.since}` : ''}`;
    const sample = l.lines.slice(-5).map((x) => `${x.time ?? ''} ${x.message}`.trim());
    if (l.count < p.min) return fail(`${l.count}× /${p.grep}/ in ${where}, verwacht minstens ${p.min}×`, `≥ ${p.min}`, l.count);
    if (p.max !== undefined && l.count > p.max) return fail(`${l.count}× /${p.grep}/ in ${where}, verwacht hoogstens ${p.max}×`, `≤ ${p.max}`, sample);
    return pass(`${l.count}× /${p.grep}/ in ${where}`, undefined, sample);
  },
};
