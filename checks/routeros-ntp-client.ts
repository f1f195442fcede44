// routeros.ntp-client: the NTP client is on and uses the given servers (v7 `servers`, v6
// `primary-ntp`/`secondary-ntp`/`server-dns-names`).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { csv, fail, on, pass, print, ROUTEROS, single } from './routeros-common.js';

const Params = z.object({ servers: z.array(z.string()).default([]) });

export const routerosNtpClient: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.ntp-client',
  description: 'RouterOS: NTP-client staat aan met de opgegeven tijdservers',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/system ntp client')],
  evaluate(p, facts, t) {
    const c = single(facts, t.device, '/system ntp client');
    const servers = [...csv(c.servers), ...csv(c['server-dns-names']), ...[c['primary-ntp'], c['secondary-ntp']].filter((s): s is string => !!s && s !== '0.0.0.0')];
    const expected = { enabled: true, servers: p.servers };
    const actual = { enabled: on(c.enabled), servers, ...(c.status ? { status: c.status } : {}) };
    if (!on(c.enabled)) return fail('NTP-client staat uit', expected, actual);
    if (!servers.length) return fail('NTP-client staat aan maar heeft geen servers', expected, actual);
    const missing = p.servers.filter((s) => !servers.includes(s));
    if (missing.length) return fail(`NTP-server(s) ${missing.join(', ')} niet ingesteld (ingesteld: ${servers.join(', ')})`, expected, actual);
    return pass(`NTP-client aan met ${servers.join(', ')}`, expected, actual);
  },
};
