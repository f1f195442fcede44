// A banner (motd by default) is configured, optionally containing a text.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, fail, pass, runningConfig, show } from './cisco-common.js';

const Params = z.object({
  type: z.enum(['motd', 'login', 'exec']).default('motd'),
  /** Text the banner must contain (case-insensitive). */
  contains: z.string().optional(),
});

export const ciscoBanner: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.banner',
  description: 'Banner (standaard motd) is ingesteld, eventueel met een bepaalde tekst',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const text = cfg.banners[p.type];
    const expected = { banner: p.type, ...(p.contains ? { contains: p.contains } : {}) };
    if (text === undefined || !text.trim()) return fail(`geen banner ${p.type} ingesteld op ${t.device}`, expected, { banner: 'geen' });
    const actual = { banner: p.type, text };
    if (p.contains && !text.toLowerCase().includes(p.contains.toLowerCase())) return fail(`banner ${p.type} bevat '${p.contains}' niet`, expected, actual);
    return pass(`banner ${p.type} is ingesteld${p.contains ? ` en bevat '${p.contains}'` : ''}`, expected, actual);
  },
};
