// routeros.identity: the router's system identity (hostname) is what the assignment asks.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, print, ROUTEROS, single } from './routeros-common.js';

const Params = z.object({
  name: z.string().min(1),
  /** Compare without regard to upper/lower case (default: exact). */
  ignoreCase: z.boolean().default(false),
});

export const routerosIdentity: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.identity',
  description: 'RouterOS: de systeemnaam (/system identity) is ingesteld zoals gevraagd',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/system identity')],
  evaluate(p, facts, t) {
    const name = single(facts, t.device, '/system identity').name ?? '';
    const same = p.ignoreCase ? name.toLowerCase() === p.name.toLowerCase() : name === p.name;
    return same
      ? pass(`identity is '${name}'`, p.name, name)
      : fail(`identity is '${name}', verwacht '${p.name}'`, p.name, name);
  },
};
