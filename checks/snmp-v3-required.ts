// SNMPv3 required: the agent answers the lab's SNMPv3 user and does not answer v1/v2c, neither
// with the lab's community (when the lab has one) nor with public/private.
import { z } from 'zod';
import type { CheckKind, FactRequest } from '../src/core/types.js';
import type { ProbeResult } from '../drivers/snmp/index.js';

const Params = z.object({
  communities: z.array(z.string().min(1)).default(['public', 'private']),
  versions: z.array(z.enum(['1', '2c'])).min(1).default(['1', '2c']),
});
type P = z.infer<typeof Params>;

const v3 = (device: string): FactRequest => ({ device, fact: 'snmp.probe', params: { version: '3', lab: true } });
const legacy = (p: P, device: string): FactRequest[] =>
  p.versions.flatMap((version) => [
    { device, fact: 'snmp.probe', params: { version, lab: true } },
    ...p.communities.map((community) => ({ device, fact: 'snmp.probe', params: { version, community } })),
  ]);

export const snmpV3Required: CheckKind<P> = {
  kind: 'snmp.v3-required',
  description: 'SNMPv3 verplicht: agent antwoordt op de SNMPv3-gebruiker en weigert SNMP v1/v2c (ook met de community van het lab)',
  params: Params,
  platforms: ['snmp'],
  facts: (p, t) => [v3(t.device), ...legacy(p, t.device)],
  evaluate(p, facts, t) {
    const sec = facts.parsed<ProbeResult>(v3(t.device));
    if (!sec.tried) return { status: 'error', message: `het lab geeft geen SNMPv3-gebruiker voor ${t.device}: ${sec.reason}` };
    const old = legacy(p, t.device)
      .map((r) => facts.parsed<ProbeResult>(r))
      .filter((r) => r.tried);
    const answeredOld = old.filter((r) => r.answered);
    const expected = 'antwoord op SNMPv3; geen antwoord op SNMP v1/v2c';
    const oldText = answeredOld.length ? `antwoord op ${[...new Set(answeredOld.map((r) => `v${r.version} met ${r.credential}`))].join(', ')}` : 'geen antwoord op v1/v2c';
    if (!sec.answered && !answeredOld.length && /geen antwoord/.test(sec.reason))
      // Nothing answers at all: SNMP may be off, or the device unreachable. Not decidable.
      return { status: 'error', message: `agent antwoordt op niets (SNMPv3 noch v1/v2c): onbereikbaar of SNMP uit? ${sec.reason}` };
    if (!sec.answered)
      return { status: 'fail', message: `SNMPv3 met de gebruiker van het lab werkt niet: ${sec.reason}`, expected, actual: `SNMPv3: ${sec.reason}; ${oldText}` };
    if (answeredOld.length)
      return { status: 'fail', message: `SNMPv3 werkt, maar de agent antwoordt ook op ${answeredOld.map((r) => `v${r.version} met ${r.credential}`).join(', ')}`, expected, actual: `SNMPv3 werkt; ${oldText}` };
    return {
      status: 'pass',
      message: `SNMPv3 werkt met ${sec.credential}; v1/v2c geweigerd (${old.length} pogingen zonder antwoord)`,
      expected,
      actual: `SNMPv3 werkt; ${oldText}`,
    };
  },
};
