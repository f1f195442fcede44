// A TCP port is open (a service answers) or closed (nothing listens, or a firewall blocks it).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { TcpState } from '../drivers/net/tcp.js';

const Params = z.object({
  host: z.string(),
  port: z.coerce.number().int().min(1).max(65535),
  state: z.enum(['open', 'closed']).default('open'),
});

export const netTcp: CheckKind<z.infer<typeof Params>> = {
  kind: 'net.tcp',
  description: 'TCP-poort is open (dienst bereikbaar) of dicht (geweigerd of gefilterd)',
  params: Params,
  platforms: ['harness'],
  facts: (p) => [{ device: 'harness', fact: 'net.tcp', params: { host: p.host, port: p.port } }],
  evaluate(p, facts) {
    const s = facts.parsed<TcpState>({ device: 'harness', fact: 'net.tcp', params: { host: p.host, port: p.port } });
    const where = `${p.host}:${p.port}`;
    if (s.state === 'unresolved') return { status: 'error', message: `${p.host}: ${s.reason}` };
    const open = s.state === 'open';
    const actual = open ? 'open' : `dicht (${s.state === 'closed' ? 'geweigerd' : 'gefilterd'})`;
    if (p.state === 'open')
      return open
        ? { status: 'pass', message: `poort ${where} is open`, expected: 'open', actual }
        : { status: 'fail', message: `poort ${where} is ${actual}, verwacht open`, expected: 'open', actual };
    return open
      ? { status: 'fail', message: `poort ${where} is open, verwacht dicht`, expected: 'dicht', actual }
      : { status: 'pass', message: `poort ${where} is ${actual}`, expected: 'dicht', actual };
  },
};
