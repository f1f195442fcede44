// `linux.tcp-from`: TCP port state as seen FROM this Linux host (a vantage point in the lab), not
// from the harness. Read-only probe: bash's /dev/tcp connect under `timeout`, nothing is sent.
// exit 0 → open; "Connection refused" → closed; timeout (124) → filtered; resolve error → unresolved.
import { z } from 'zod';
import { ObservationError, type Gathered } from '../../src/core/types.js';
import type { FactContext } from './facts.js';

const Params = z.object({ host: z.string().regex(/^[A-Za-z0-9.:_-]+$/, 'hostnaam of adres'), port: z.number().int().min(1).max(65535), timeout_s: z.number().int().min(1).max(30).default(5) });

export const tcpFromFact = {
  description: 'TCP-poort open/dicht/gefilterd gezien vanaf deze host (bash /dev/tcp onder timeout)',
  params: Params,
  async run(ctx: FactContext, params: Record<string, unknown>): Promise<Gathered> {
    const p = Params.parse(params);
    const cmd = `timeout ${p.timeout_s} bash -c 'exec 3<>/dev/tcp/${p.host}/${p.port}' 2>&1; echo "rc=$?"`;
    const r = await ctx.conn.exec(cmd, { signal: ctx.signal });
    const m = /rc=(\d+)\s*$/.exec(r.stdout);
    if (!m) throw new ObservationError(`probe vanaf de host gaf geen resultaat: ${r.stderr || r.stdout}`, r.stdout, cmd);
    const rc = Number(m[1]);
    const out = r.stdout.slice(0, m.index).trim();
    const state = rc === 0 ? 'open' : rc === 124 ? 'filtered' : /refused/i.test(out) ? 'closed' : /not known|resolv|Name or service/i.test(out) ? 'unresolved' : /unreachable|No route/i.test(out) ? 'filtered' : 'closed';
    if (rc === 127) throw new ObservationError(`bash of timeout ontbreekt op de host: ${out}`, r.stdout, cmd);
    return { command: cmd, raw: r.stdout, parsed: { host: p.host, port: p.port, state, ...(out ? { reason: out.split('\n').pop() } : {}) }, transport: 'ssh' };
  },
};
