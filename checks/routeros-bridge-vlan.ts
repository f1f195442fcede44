// routeros.bridge-vlan: a bridge with VLAN filtering on, access ports with the right PVID, and the
// tagged/untagged membership per VLAN in /interface bridge vlan (static entries plus what RouterOS
// adds dynamically, `current-tagged`/`current-untagged`).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { csv, enabled, fail, idSet, list, on, pass, print, records, ROUTEROS } from './routeros-common.js';

const Params = z.object({
  bridge: z.string().default('bridge'),
  vlanFiltering: z.boolean().default(true),
  ports: z.array(z.object({ interface: z.string(), pvid: z.coerce.number().int().min(1).max(4094) })).default([]),
  vlans: z
    .array(
      z.object({
        id: z.coerce.number().int().min(1).max(4094),
        tagged: z.array(z.string()).default([]),
        untagged: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});

export const routerosBridgeVlan: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.bridge-vlan',
  description: 'RouterOS: bridge met VLAN-filtering, poorten met de juiste PVID en tagged/untagged VLAN-lidmaatschap',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/interface bridge'), print(t.device, '/interface bridge port'), print(t.device, '/interface bridge vlan')],
  evaluate(p, facts, t) {
    const bridge = records(facts, t.device, '/interface bridge').find((b) => b.name === p.bridge);
    const expected = { bridge: p.bridge, vlanFiltering: p.vlanFiltering, ports: p.ports, vlans: p.vlans };
    if (!bridge) return fail(`bridge '${p.bridge}' bestaat niet`, expected, { bridges: records(facts, t.device, '/interface bridge').map((b) => b.name) });
    const problems: string[] = [];
    if (!enabled(bridge)) problems.push(`bridge '${p.bridge}' staat uit`);
    if (on(bridge['vlan-filtering']) !== p.vlanFiltering) problems.push(`vlan-filtering staat ${on(bridge['vlan-filtering']) ? 'aan' : 'uit'}, verwacht ${p.vlanFiltering ? 'aan' : 'uit'}`);
    const ports = records(facts, t.device, '/interface bridge port').filter((x) => x.bridge === p.bridge && enabled(x));
    const actualPorts = ports.map((x) => ({ interface: x.interface, pvid: Number(x.pvid ?? 1) }));
    for (const want of p.ports) {
      const got = ports.find((x) => x.interface === want.interface);
      if (!got) problems.push(`poort ${want.interface} zit niet in bridge '${p.bridge}'`);
      else if (Number(got.pvid ?? 1) !== want.pvid) problems.push(`poort ${want.interface} heeft PVID ${got.pvid ?? 1}, verwacht ${want.pvid}`);
    }
    const entries = records(facts, t.device, '/interface bridge vlan').filter((x) => x.bridge === p.bridge && enabled(x));
    const actualVlans: Record<number, { tagged: string[]; untagged: string[] }> = {};
    for (const want of p.vlans) {
      const mine = entries.filter((e) => idSet(e['vlan-ids']).has(want.id));
      const tagged = new Set(mine.flatMap((e) => [...csv(e.tagged), ...csv(e['current-tagged'])]));
      const untagged = new Set(mine.flatMap((e) => [...csv(e.untagged), ...csv(e['current-untagged'])]));
      actualVlans[want.id] = { tagged: [...tagged], untagged: [...untagged] };
      if (!mine.length) {
        problems.push(`VLAN ${want.id} staat niet in /interface bridge vlan`);
        continue;
      }
      const missT = want.tagged.filter((i) => !tagged.has(i));
      const missU = want.untagged.filter((i) => !untagged.has(i));
      const wrongT = want.untagged.filter((i) => tagged.has(i));
      if (missT.length) problems.push(`VLAN ${want.id}: ${list(missT)} niet tagged`);
      if (missU.length) problems.push(`VLAN ${want.id}: ${list(missU)} niet untagged`);
      if (wrongT.length) problems.push(`VLAN ${want.id}: ${list(wrongT)} tagged, verwacht untagged`);
    }
    const actual = { bridge: p.bridge, vlanFiltering: on(bridge['vlan-filtering']), ports: actualPorts, vlans: actualVlans };
    return problems.length
      ? fail(problems.join('; '), expected, actual)
      : pass(`bridge '${p.bridge}' met VLAN-filtering; ${p.ports.length} poort(en) met juiste PVID; ${p.vlans.length} VLAN(s) juist tagged/untagged`, expected, actual);
  },
};
