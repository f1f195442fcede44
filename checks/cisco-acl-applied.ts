// An ACL is applied on an interface (ip access-group) or on the vty lines (access-class) in a direction,
// and the ACL exists (an undefined ACL filters nothing).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, canonicalInterface, configInterface, fail, list, pass, runningConfig, show } from './cisco-common.js';

const Params = z.object({
  acl: z.union([z.string(), z.number()]).transform(String),
  /** Interface name, or `vty` for access-class on the vty lines. */
  interface: z.string(),
  direction: z.enum(['in', 'out']),
  /** The ACL must also be defined (with at least one entry). */
  mustExist: z.boolean().default(true),
});

export const ciscoAclApplied: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.acl-applied',
  description: 'ACL is toegepast op een interface (of de vty-lijnen) in de juiste richting',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const acl = cfg.accessLists.find((a) => a.name === p.acl);
    const vty = /^(line\s+)?vty$/i.test(p.interface.trim());
    const where = vty ? 'vty-lijnen' : canonicalInterface(p.interface);
    const expected = { acl: p.acl, interface: where, direction: p.direction };
    let applied: Array<{ name: string; direction: string }>;
    if (vty) {
      const lines = cfg.lines.filter((l) => l.type === 'vty' && !l.transportInput.includes('none'));
      if (!lines.length) return fail(`geen (open) vty-lijnen op ${t.device}`, expected, { vty: 'geen' });
      const missing = lines.filter((l) => !l.accessClass.some((a) => a.name === p.acl && a.direction === p.direction));
      applied = lines.flatMap((l) => l.accessClass);
      if (missing.length) return fail(`access-class ${p.acl} ${p.direction} ontbreekt op vty ${list(missing.map((l) => `${l.first}-${l.last}`))}`, expected, { accessClass: applied.map((a) => `${a.name} ${a.direction}`) });
    } else {
      const i = configInterface(cfg, p.interface);
      if (!i) return fail(`interface ${where} niet gevonden in de configuratie van ${t.device}`, expected, { interface: 'onbekend' });
      applied = i.accessGroups;
      if (!applied.some((a) => a.name === p.acl && a.direction === p.direction))
        return fail(`ACL ${p.acl} is niet ${p.direction} toegepast op ${where}; ${applied.length ? `wel: ${list(applied.map((a) => `${a.name} ${a.direction}`))}` : 'er is geen ACL toegepast'}`, expected, {
          accessGroups: applied.map((a) => `${a.name} ${a.direction}`),
        });
    }
    const actual = { applied: applied.map((a) => `${a.name} ${a.direction}`), entries: acl?.entries.length ?? 0 };
    if (p.mustExist && (!acl || !acl.entries.length)) return fail(`ACL ${p.acl} is toegepast op ${where} maar ${acl ? 'heeft geen regels' : 'bestaat niet'} (filtert dan niets)`, expected, actual);
    return pass(`ACL ${p.acl} is ${p.direction} toegepast op ${where}${acl ? ` (${acl.entries.length} regels)` : ''}`, expected, actual);
  },
};
