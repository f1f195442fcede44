// routeros.firewall-input: the input chain accepts established/related first and drops everything
// else at the end (a drop without conditions, or only "not from the LAN" when allowed). An
// unconditional accept before that drop defeats it.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { csv, enabled, fail, pass, print, records, ROUTEROS, type Rec } from './routeros-common.js';

const Params = z.object({
  /** Accept a final drop limited to traffic not from the LAN (`in-interface-list=!LAN`, `in-interface=ether1`). */
  allowInterfaceCondition: z.boolean().default(true),
});

/** Properties that narrow what a rule matches. */
const MATCHERS = [
  'protocol', 'src-address', 'dst-address', 'src-port', 'dst-port', 'port', 'in-interface', 'in-interface-list', 'out-interface',
  'out-interface-list', 'src-address-list', 'dst-address-list', 'connection-state', 'connection-nat-state', 'connection-type',
  'ipsec-policy', 'icmp-options', 'src-mac-address', 'tcp-flags', 'limit', 'dst-limit', 'layer7-protocol', 'content', 'packet-mark',
  'connection-mark', 'routing-mark', 'dscp', 'ttl', 'hotspot', 'time', 'psd', 'nth', 'random', 'per-connection-classifier',
];
const conditions = (r: Rec) => MATCHERS.filter((m) => r[m] !== undefined && r[m] !== '');
const describe = (r: Rec) => `${r.action}${conditions(r).length ? ' ' + conditions(r).map((c) => `${c}=${r[c]}`).join(' ') : ''}`;

export const routerosFirewallInput: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.firewall-input',
  description: 'RouterOS: input-chain accepteert established/related en dropt standaard de rest',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/ip firewall filter')],
  evaluate(p, facts, t) {
    const input = records(facts, t.device, '/ip firewall filter').filter((r) => r.chain === 'input' && enabled(r));
    const expected = { first: 'accept connection-state=established,related', last: 'drop (zonder voorwaarden)' };
    const actual = input.map(describe);
    const estIdx = input.findIndex((r) => r.action === 'accept' && ['established', 'related'].every((s) => csv(r['connection-state']).includes(s)) && conditions(r).every((c) => c === 'connection-state'));
    let dropIdx = -1;
    for (let i = input.length - 1; i >= 0; i--) {
      const r = input[i];
      if (r.action !== 'drop' && r.action !== 'reject') continue;
      const c = conditions(r);
      const ok = c.length === 0 || (p.allowInterfaceCondition && c.every((x) => x === 'in-interface' || x === 'in-interface-list'));
      if (ok && i === input.length - 1) dropIdx = i;
      break;
    }
    const problems: string[] = [];
    if (estIdx < 0) problems.push('geen accept-regel voor established,related in de input-chain');
    if (dropIdx < 0) problems.push(input.length ? `de laatste regel van de input-chain is '${describe(input[input.length - 1])}', verwacht een drop zonder voorwaarden` : 'de input-chain heeft geen regels (alles wordt toegelaten)');
    if (estIdx >= 0 && dropIdx >= 0 && estIdx > dropIdx) problems.push('de accept voor established,related staat na de drop');
    const acceptAll = input.findIndex((r, i) => r.action === 'accept' && conditions(r).length === 0 && (dropIdx < 0 || i < dropIdx));
    if (acceptAll >= 0) problems.push(`input-regel ${acceptAll} accepteert alles vóór de drop`);
    return problems.length
      ? fail(problems.join('; '), expected, actual)
      : pass(`input-chain: established,related geaccepteerd (input-regel ${estIdx}), standaard drop (input-regel ${dropIdx}: ${describe(input[dropIdx])})`, expected, actual);
  },
};
