// SNMP communities: a given community is read-only, and no community is the default `public`/`private`.
import { z } from 'zod';
import { REDACTED } from '../src/core/redact.js';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, fail, pass, runningConfig, show } from './cisco-common.js';

const Params = z.object({
  /** Community that must exist (its name is redacted from the evidence by the runner). */
  community: z.string().optional(),
  access: z.enum(['RO', 'RW']).default('RO'),
  /** Fail when any community is `public` or `private` (the defaults everyone guesses). */
  forbidDefaults: z.boolean().default(true),
  /** Fail when any community is read-write. */
  forbidRw: z.boolean().default(false),
});

const DEFAULTS = ['public', 'private'];

export const ciscoSnmpCommunity: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.snmp-community',
  description: 'SNMP-community is read-only en er is geen standaardcommunity (public/private)',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const cs = cfg.snmp.communities;
    const actual = { communities: cs.map((c) => ({ community: c.name, access: c.access, ...(c.acl ? { acl: c.acl } : {}) })) };
    const expected = { ...(p.community !== undefined ? { community: p.community, access: p.access } : {}), ...(p.forbidDefaults ? { standaard: 'geen public/private' } : {}), ...(p.forbidRw ? { rw: 'geen' } : {}) };
    const problems: string[] = [];
    if (p.community !== undefined) {
      const c = cs.find((x) => x.name === p.community);
      // the runner redacts lab secrets from what checks see: a redacted name cannot be compared
      if (!c && cs.some((x) => x.name === REDACTED))
        return { status: 'error', message: `${t.device}: community-namen zijn afgeschermd als lab-geheim; '${p.community}' is niet te vergelijken (beoordeel handmatig)`, expected, actual };
      if (!c) problems.push(`community '${p.community}' bestaat niet (${cs.length} andere)`);
      else if (c.access !== p.access) problems.push(`community '${p.community}' is ${c.access}, verwacht ${p.access}`);
    }
    if (p.forbidDefaults) for (const c of cs.filter((x) => DEFAULTS.includes(x.name.toLowerCase()))) problems.push(`standaardcommunity '${c.name}' (${c.access}) is ingesteld`);
    if (p.forbidRw) for (const c of cs.filter((x) => x.access === 'RW' && x.name !== p.community)) problems.push(`community '${c.name}' is read-write`);
    if (problems.length) return fail(`${t.device}: ${problems.join('; ')}`, expected, actual);
    // Without a required community, none at all (SNMPv3 only) is the best answer.
    return pass(p.community !== undefined ? `community '${p.community}' is ${p.access}${p.forbidDefaults ? '; geen public/private' : ''}` : cs.length ? `${cs.length} community/communities, geen public/private` : 'geen enkele community (alleen SNMPv3)', expected, actual);
  },
};
