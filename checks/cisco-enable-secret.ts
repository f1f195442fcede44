// The enable secret is set (hashed), not only an enable password.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, fail, pass, runningConfig, show } from './cisco-common.js';

const Params = z.object({
  secretTypes: z.array(z.coerce.number().int()).default([5, 8, 9]),
  /** Also fail when an `enable password` is configured next to the secret. */
  forbidEnablePassword: z.boolean().default(false),
});

export const ciscoEnableSecret: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.enable-secret',
  description: 'Enable secret is ingesteld (gehasht), niet alleen een enable password',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const expected = { enableSecret: `type ${p.secretTypes.join('/')}`, ...(p.forbidEnablePassword ? { enablePassword: 'geen' } : {}) };
    const actual = { enableSecret: cfg.enableSecret ? `type ${cfg.enableSecret.type}` : 'geen', enablePassword: cfg.enablePassword ? `type ${cfg.enablePassword.type}` : 'geen' };
    if (!cfg.enableSecret)
      return fail(cfg.enablePassword ? `geen enable secret; alleen een enable password (type ${cfg.enablePassword.type})` : `geen enable secret ingesteld op ${t.device}`, expected, actual);
    if (!p.secretTypes.includes(cfg.enableSecret.type)) return fail(`enable secret is type ${cfg.enableSecret.type}, verwacht type ${p.secretTypes.join('/')}`, expected, actual);
    if (p.forbidEnablePassword && cfg.enablePassword) return fail(`naast de enable secret staat ook een enable password (type ${cfg.enablePassword.type})`, expected, actual);
    return pass(`enable secret is ingesteld (type ${cfg.enableSecret.type})`, expected, actual);
  },
};
