// A DHCP pool serves a network with a default router and DNS servers, and addresses are excluded.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, eqi, fail, list, parsePrefix, pass, runningConfig, show } from './cisco-common.js';

const ipNum = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
const Strs = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

const Params = z
  .object({
    pool: z.string().optional(),
    /** `192.168.10.0/24` or `192.168.10.0 255.255.255.0`. */
    network: z.string().optional(),
    defaultRouter: z.string().optional(),
    dnsServers: Strs.optional(),
    domainName: z.string().optional(),
    /** Addresses that must be excluded: `192.168.10.1-192.168.10.10` or single addresses. */
    excluded: Strs.optional(),
  })
  .refine((p) => p.pool || p.network, { message: 'geef pool of network' });

export const ciscoDhcpPool: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.dhcp-pool',
  description: 'DHCP-pool met netwerk, default-router en DNS-servers, en uitgesloten adressen',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const want = p.network ? parsePrefix(p.network) : undefined;
    const pool = cfg.dhcp.pools.find((x) => (p.pool ? eqi(x.name, p.pool) : true) && (!want || (x.network === want.address && (want.prefix === undefined || x.prefixLength === want.prefix))));
    const expected: Record<string, unknown> = { ...(p.pool ? { pool: p.pool } : {}), ...(p.network ? { network: p.network } : {}) };
    if (p.defaultRouter) expected.defaultRouter = p.defaultRouter;
    if (p.dnsServers) expected.dnsServers = p.dnsServers;
    if (p.domainName) expected.domainName = p.domainName;
    if (p.excluded) expected.excluded = p.excluded;
    const excluded = cfg.dhcp.excluded.map((e) => (e.start === e.end ? e.start : `${e.start}-${e.end}`));
    if (!pool) {
      const other = cfg.dhcp.pools.map((x) => `${x.name} (${x.network ?? '?'}${x.prefixLength !== undefined ? `/${x.prefixLength}` : ''})`);
      return fail(`DHCP-pool ${p.pool ?? p.network} niet gevonden op ${t.device}; wel: ${list(other)}`, expected, { pools: other });
    }
    const actual = { pool: pool.name, network: pool.network ? `${pool.network}/${pool.prefixLength}` : 'geen', defaultRouter: pool.defaultRouter, dnsServers: pool.dnsServers, domainName: pool.domainName, excluded };
    const problems: string[] = [];
    if (p.pool && want && !(pool.network === want.address)) problems.push(`netwerk is ${pool.network ?? 'niet ingesteld'}, verwacht ${p.network}`);
    if (p.defaultRouter && !pool.defaultRouter.includes(p.defaultRouter)) problems.push(`default-router is ${list(pool.defaultRouter)}, verwacht ${p.defaultRouter}`);
    if (p.dnsServers) {
      const missing = p.dnsServers.filter((d) => !pool.dnsServers.includes(d));
      if (missing.length) problems.push(`DNS-server(s) ${list(missing)} ontbreken (ingesteld: ${list(pool.dnsServers)})`);
    }
    if (p.domainName && !eqi(pool.domainName, p.domainName)) problems.push(`domain-name is ${pool.domainName ?? 'niet ingesteld'}, verwacht ${p.domainName}`);
    if (p.excluded) {
      for (const ex of p.excluded) {
        const [a, b = a] = ex.split('-').map((x) => x.trim());
        const covered = (ip: number) => cfg.dhcp.excluded.some((e) => ipNum(e.start) <= ip && ip <= ipNum(e.end));
        const lo = ipNum(a);
        const hi = ipNum(b);
        let ok = hi >= lo && hi - lo < 65536;
        for (let ip = lo; ok && ip <= hi; ip++) ok = covered(ip);
        if (!ok) problems.push(`${ex} is niet (helemaal) uitgesloten (excluded: ${list(excluded)})`);
      }
    }
    if (problems.length) return fail(`DHCP-pool ${pool.name}: ${problems.join('; ')}`, expected, actual);
    return pass(`DHCP-pool ${pool.name} voor ${actual.network}${pool.defaultRouter.length ? `, default-router ${list(pool.defaultRouter)}` : ''}${pool.dnsServers.length ? `, DNS ${list(pool.dnsServers)}` : ''}${p.excluded ? `, uitgesloten ${list(excluded)}` : ''}`, expected, actual);
  },
};
