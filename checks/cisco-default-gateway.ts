// Default gateway: `ip default-gateway` (switch) or a static default route (router), from running-config.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, fail, pass, runningConfig, show } from './cisco-common.js';

const Params = z.object({ gateway: z.string() });

export const ciscoDefaultGateway: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.default-gateway',
  description: 'Default gateway is ingesteld (ip default-gateway of statische standaardroute)',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const defaults = cfg.ipRoutes.filter((r) => r.network === '0.0.0.0' && r.prefixLength === 0);
    const actual = { defaultGateway: cfg.defaultGateway ?? 'geen', defaultRoutes: defaults.map((r) => r.nextHop ?? r.interface) };
    const expected = { gateway: p.gateway };
    if (cfg.defaultGateway === p.gateway) return pass(`ip default-gateway ${p.gateway} is ingesteld`, expected, actual);
    if (defaults.some((r) => r.nextHop === p.gateway)) return pass(`statische standaardroute via ${p.gateway} is ingesteld`, expected, actual);
    const now = [cfg.defaultGateway ? `ip default-gateway ${cfg.defaultGateway}` : '', ...defaults.map((r) => `ip route 0.0.0.0 0.0.0.0 ${r.nextHop ?? r.interface}`)].filter(Boolean);
    return fail(`default gateway ${p.gateway} niet ingesteld op ${t.device}; ${now.length ? `wel: ${now.join(', ')}` : 'er is geen default gateway'}`, expected, actual);
  },
};
