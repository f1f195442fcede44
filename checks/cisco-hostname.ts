// Hostname and domain name are set as the exam asks.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, eqi, fail, pass, runningConfig, show } from './cisco-common.js';

const Params = z
  .object({
    hostname: z.string().optional(),
    domain: z.string().optional(),
    caseSensitive: z.boolean().default(false),
  })
  .refine((p) => p.hostname !== undefined || p.domain !== undefined, { message: 'geef hostname en/of domain' });

export const ciscoHostname: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.hostname',
  description: 'Hostname en domeinnaam (ip domain-name) zijn ingesteld',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const expected = { ...(p.hostname !== undefined ? { hostname: p.hostname } : {}), ...(p.domain !== undefined ? { domain: p.domain } : {}) };
    const actual = { hostname: cfg.hostname ?? '(standaard)', domain: cfg.domainName ?? 'geen' };
    const problems: string[] = [];
    if (p.hostname !== undefined && !(p.caseSensitive ? cfg.hostname === p.hostname : eqi(cfg.hostname, p.hostname)))
      problems.push(`hostname is '${cfg.hostname ?? '(niet ingesteld)'}', verwacht '${p.hostname}'`);
    if (p.domain !== undefined && !eqi(cfg.domainName, p.domain)) problems.push(`domeinnaam is '${cfg.domainName ?? '(niet ingesteld)'}', verwacht '${p.domain}'`);
    if (problems.length) return fail(`${t.device}: ${problems.join('; ')}`, expected, actual);
    return pass(`${[p.hostname !== undefined ? `hostname is '${cfg.hostname}'` : '', p.domain !== undefined ? `domeinnaam is '${cfg.domainName}'` : ''].filter(Boolean).join(', ')}`, expected, actual);
  },
};
