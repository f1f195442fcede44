// Port security on an interface: enabled, maximum MAC addresses, violation mode, sticky.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, canonicalInterface, configInterface, fail, pass, runningConfig, show } from './cisco-common.js';

const Params = z.object({
  interface: z.string(),
  maximum: z.coerce.number().int().min(1).optional(),
  violation: z.enum(['shutdown', 'restrict', 'protect']).optional(),
  sticky: z.boolean().optional(),
});

export const ciscoPortSecurity: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.port-security',
  description: 'Port-security staat aan op een poort met maximum aantal MAC-adressen en violation-modus',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const name = canonicalInterface(p.interface);
    const i = configInterface(cfg, p.interface);
    const expected = { interface: name, portSecurity: 'aan', ...(p.maximum !== undefined ? { maximum: p.maximum } : {}), ...(p.violation ? { violation: p.violation } : {}), ...(p.sticky !== undefined ? { sticky: p.sticky } : {}) };
    if (!i) return fail(`interface ${name} niet gevonden in de configuratie van ${t.device}`, expected, { interface: 'onbekend' });
    const ps = i.switchport.portSecurity;
    // IOS defaults: maximum 1, violation shutdown
    const actual = { interface: i.name, portSecurity: ps.enabled ? 'aan' : 'uit', maximum: ps.maximum ?? 1, violation: ps.violation ?? 'shutdown', sticky: ps.sticky };
    const problems: string[] = [];
    if (!ps.enabled) problems.push(`port-security staat uit (switchport port-security ontbreekt)`);
    if (p.maximum !== undefined && actual.maximum !== p.maximum) problems.push(`maximum is ${actual.maximum}${ps.maximum === undefined ? ' (standaard)' : ''}, verwacht ${p.maximum}`);
    if (p.violation && actual.violation !== p.violation) problems.push(`violation is ${actual.violation}${ps.violation === undefined ? ' (standaard)' : ''}, verwacht ${p.violation}`);
    if (p.sticky !== undefined && ps.sticky !== p.sticky) problems.push(p.sticky ? 'mac-address sticky ontbreekt' : 'mac-address sticky staat aan');
    if (problems.length) return fail(`${i.name}: ${problems.join('; ')}`, expected, actual);
    return pass(`${i.name}: port-security aan, maximum ${actual.maximum}, violation ${actual.violation}${ps.sticky ? ', sticky' : ''}`, expected, actual);
  },
};
