// SNMP only with the configured community/user: the agent must not answer the well-known
// communities (`public`, `private`). Uses snmp.probe, which tries those communities next to the
// lab's own credential; no answer is an observation there, not an error.
import { z } from 'zod';
import type { CheckKind, FactRequest } from '../src/core/types.js';
import type { ProbeResult } from '../drivers/snmp/index.js';

const Params = z.object({
  forbidden: z.array(z.string().min(1)).min(1).default(['public', 'private']),
  versions: z.array(z.enum(['1', '2c'])).min(1).default(['1', '2c']),
});
type P = z.infer<typeof Params>;

const probes = (p: P, device: string): FactRequest[] =>
  p.forbidden.flatMap((community) => p.versions.map((version) => ({ device, fact: 'snmp.probe', params: { version, community } })));

export const snmpCommunity: CheckKind<P> = {
  kind: 'snmp.community',
  description: 'SNMP-agent antwoordt alleen met de ingestelde community/gebruiker, niet met public of private',
  params: Params,
  platforms: ['snmp'],
  facts: (p, t) => [{ device: t.device, fact: 'snmp.system' }, ...probes(p, t.device)],
  evaluate(p, facts, t) {
    // The lab's own credential must work: otherwise we cannot tell "refuses public" from "refuses everything".
    facts.parsed({ device: t.device, fact: 'snmp.system' });
    const results = probes(p, t.device).map((r) => facts.parsed<ProbeResult>(r));
    const answered = results.filter((r) => r.answered);
    const expected = `geen antwoord met ${p.forbidden.map((c) => `'${c}'`).join(', ')}`;
    if (answered.length) {
      const which = [...new Set(answered.map((r) => `${r.credential} (v${r.version})`))];
      return {
        status: 'fail',
        message: `agent antwoordt met ${which.join(', ')}: standaard-community niet verwijderd`,
        expected,
        actual: `antwoord met ${which.join(', ')}`,
      };
    }
    return {
      status: 'pass',
      message: `agent antwoordt met de ingestelde community/gebruiker en niet met ${p.forbidden.join(', ')} (SNMP v${p.versions.join('/v')})`,
      expected,
      actual: 'alleen antwoord met de ingestelde community/gebruiker',
    };
  },
};
