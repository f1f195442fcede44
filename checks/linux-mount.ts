// A filesystem is mounted on a target (type, source, options as asked) with enough free space.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { bytes, fail, humanBytes, pass, req } from '../drivers/linux/check-util.js';

const Params = z
  .object({
    target: z.string().startsWith('/'),
    present: z.boolean().default(true),
    fstype: z.string().optional(),
    source: z.string().optional(),
    options: z.array(z.string()).optional(),
    min_free: z.union([z.string(), z.number()]).optional(),
    max_use_percent: z.number().min(0).max(100).optional(),
  })
  .strict();
type P = z.infer<typeof Params>;
interface M { target: string; source: string; fstype: string; options: string[]; size?: number; available?: number; usePercent?: number }

export const linuxMount: CheckKind<P> = {
  kind: 'linux.mount',
  description: 'Bestandssysteem is gekoppeld op het koppelpunt (type, bron, opties) met voldoende vrije ruimte',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.mounts')],
  evaluate(p, f, t) {
    const ms = f.parsed<M[]>(req(t, 'linux.mounts')).filter((m) => m.target === p.target);
    const m = ms[ms.length - 1]; // the last mount on a target is the visible one
    if (!p.present) return m ? fail(`${p.target} is gekoppeld (${m.source})`, 'niet gekoppeld', m.source) : pass(`${p.target} is niet gekoppeld`, 'niet gekoppeld', 'niet gekoppeld');
    if (!m) return fail(`niets gekoppeld op ${p.target}`, p.target, 'niet gekoppeld');
    const problems: string[] = [];
    if (p.fstype && m.fstype !== p.fstype) problems.push(`type ${m.fstype}, verwacht ${p.fstype}`);
    if (p.source && m.source !== p.source && !m.source.endsWith(p.source)) problems.push(`bron ${m.source}, verwacht ${p.source}`);
    const missingOpts = (p.options ?? []).filter((o) => !m.options.includes(o));
    if (missingOpts.length) problems.push(`opties ${missingOpts.join(',')} ontbreken`);
    if (p.min_free !== undefined) {
      if (m.available === undefined) return { status: 'error', message: `vrije ruimte op ${p.target} niet bekend (df gaf geen gegevens)` };
      if (m.available < bytes(p.min_free)) problems.push(`vrije ruimte ${humanBytes(m.available)}, verwacht ≥ ${humanBytes(bytes(p.min_free))}`);
    }
    if (p.max_use_percent !== undefined && (m.usePercent ?? 0) > p.max_use_percent) problems.push(`${m.usePercent}% in gebruik, verwacht ≤ ${p.max_use_percent}%`);
    const actual = { source: m.source, fstype: m.fstype, options: m.options, ...(m.available !== undefined ? { free: humanBytes(m.available), usePercent: m.usePercent } : {}) };
    return problems.length ? fail(`${p.target}: ${problems.join('; ')}`, p, actual) : pass(`${p.target} gekoppeld (${m.source}, ${m.fstype}${m.available !== undefined ? `, ${humanBytes(m.available)} vrij` : ''})`, undefined, actual);
  },
};
