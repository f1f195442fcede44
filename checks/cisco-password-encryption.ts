// service password-encryption is on.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, fail, pass, runningConfig, show } from './cisco-common.js';

const Params = z.object({}).default({});

export const ciscoPasswordEncryption: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.password-encryption',
  description: 'service password-encryption staat aan',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(_p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const plain = [
      ...cfg.users.filter((u) => u.passwordType === 0).map((u) => `username ${u.name}`),
      ...cfg.lines.filter((l) => l.passwordType === 0).map((l) => `line ${l.type} ${l.first}`),
    ];
    const actual = { servicePasswordEncryption: cfg.servicePasswordEncryption ? 'aan' : 'uit', onversleuteld: plain };
    if (!cfg.servicePasswordEncryption) return fail(`service password-encryption staat uit op ${t.device}`, { servicePasswordEncryption: 'aan' }, actual);
    return pass('service password-encryption staat aan', { servicePasswordEncryption: 'aan' }, actual);
  },
};
