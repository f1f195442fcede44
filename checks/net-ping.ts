// A host answers ping (or, for isolation checks, does not).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { PingResult } from '../drivers/net/ping.js';

const Params = z.object({ host: z.string(), reachable: z.boolean().default(true), count: z.number().int().min(1).max(10).default(2) });

export const netPing: CheckKind<z.infer<typeof Params>> = {
  kind: 'net.ping',
  description: 'Host antwoordt op ping (of juist niet)',
  params: Params,
  platforms: ['harness'],
  facts: (p) => [{ device: 'harness', fact: 'net.ping', params: { host: p.host, count: p.count } }],
  evaluate(p, facts) {
    const r = facts.parsed<PingResult>({ device: 'harness', fact: 'net.ping', params: { host: p.host, count: p.count } });
    const actual = r.alive ? `bereikbaar (${r.packetLoss}% verlies${r.avgMs !== undefined ? `, ${r.avgMs} ms` : ''})` : 'onbereikbaar';
    const expected = p.reachable ? 'bereikbaar' : 'onbereikbaar';
    const ok = r.alive === p.reachable;
    return { status: ok ? 'pass' : 'fail', message: `${p.host} is ${actual}${ok ? '' : `, verwacht ${expected}`}`, expected, actual };
  },
};
