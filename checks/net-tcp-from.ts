// A TCP port is open or closed as seen FROM another lab host (vantage point), probed over SSH by
// the linux driver (`linux.tcp-from`): e.g. "the database is reachable from web01 but not from the
// client VLAN".
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';

const Params = z.object({ host: z.string(), port: z.coerce.number().int().min(1).max(65535), state: z.enum(['open', 'closed']).default('open') }).strict();
type P = z.infer<typeof Params>;

export const netTcpFrom: CheckKind<P> = {
  kind: 'net.tcp-from',
  description: 'TCP-poort is open of dicht gezien vanaf een andere labhost (via SSH op die host)',
  params: Params,
  platforms: ['linux'],
  facts: (p, t) => [req(t, 'linux.tcp-from', { host: p.host, port: p.port })],
  evaluate(p, f, t) {
    const s = f.parsed<{ state: string; reason?: string }>(req(t, 'linux.tcp-from', { host: p.host, port: p.port }));
    const where = `${p.host}:${p.port} vanaf ${t.device}`;
    if (s.state === 'unresolved') return { status: 'error', message: `${p.host} niet op te lossen op ${t.device}: ${s.reason ?? ''}` };
    const open = s.state === 'open';
    const actual = open ? 'open' : `dicht (${s.state === 'closed' ? 'geweigerd' : 'gefilterd'})`;
    if (open === (p.state === 'open')) return pass(`poort ${where} is ${actual}`, p.state, actual);
    return fail(`poort ${where} is ${actual}, verwacht ${p.state === 'open' ? 'open' : 'dicht'}`, p.state, actual);
  },
};
