// routeros.snmp-community: SNMP is on and no enabled community is called `public` (or another
// forbidden name); optionally the expected community exists and is limited to given addresses.
// Community names are not secrets of the candidate's choosing here: the name is what is checked.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { csv, enabled, fail, on, pass, print, records, ROUTEROS, single, within } from './routeros-common.js';

const Params = z.object({
  forbidden: z.array(z.string()).default(['public', 'private']),
  /** Expected community name (optional). */
  name: z.string().optional(),
  /** Subnet the community must be limited to (every `addresses` entry inside it). */
  addresses: z.string().optional(),
  requireEnabled: z.boolean().default(true),
  /** Write access must be off (default). */
  readOnly: z.boolean().default(true),
});

export const routerosSnmpCommunity: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.snmp-community',
  description: 'RouterOS: SNMP aan, community niet public, alleen-lezen en beperkt tot het beheernetwerk',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/snmp'), print(t.device, '/snmp community')],
  evaluate(p, facts, t) {
    const snmp = single(facts, t.device, '/snmp');
    const comms = records(facts, t.device, '/snmp community').filter(enabled);
    const actual = { enabled: on(snmp.enabled), communities: comms.map((c) => ({ name: c.name, addresses: c.addresses, write: on(c['write-access']) })) };
    const expected = { enabled: p.requireEnabled, notNamed: p.forbidden, name: p.name, addresses: p.addresses, readOnly: p.readOnly };
    const problems: string[] = [];
    if (p.requireEnabled && !on(snmp.enabled)) problems.push('SNMP staat uit');
    const bad = comms.filter((c) => p.forbidden.some((f) => f.toLowerCase() === (c.name ?? '').toLowerCase()));
    if (bad.length) problems.push(`community '${bad.map((c) => c.name).join("', '")}' bestaat nog`);
    const target = p.name ? comms.filter((c) => c.name === p.name) : comms.filter((c) => !bad.includes(c));
    if (p.name && !target.length) problems.push(`community '${p.name}' bestaat niet`);
    for (const c of target) {
      if (p.readOnly && on(c['write-access'])) problems.push(`community '${c.name}' heeft schrijfrechten`);
      if (p.addresses) {
        const addrs = csv(c.addresses);
        const outside = addrs.filter((a) => !within(a, p.addresses!));
        if (!addrs.length || outside.length) problems.push(`community '${c.name}' is bereikbaar vanaf ${addrs.join(', ') || 'elk adres'}, verwacht alleen ${p.addresses}`);
      }
    }
    return problems.length
      ? fail(problems.join('; '), expected, actual)
      : pass(`SNMP ${on(snmp.enabled) ? 'aan' : 'uit'}; communities: ${comms.map((c) => c.name).join(', ') || 'geen'} (geen ${p.forbidden.join('/')})`, expected, actual);
  },
};
