// routeros.services: insecure services off (telnet, ftp, www by default) and management services
// (winbox, ssh by default) reachable only from the management subnet (/ip service address).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { csv, enabled, fail, pass, print, records, ROUTEROS, within } from './routeros-common.js';

const Params = z.object({
  disabled: z.array(z.string()).default(['telnet', 'ftp', 'www']),
  restricted: z.array(z.string()).default(['winbox', 'ssh']),
  /** Management subnet, e.g. 10.0.99.0/24; every address= entry of a restricted service must lie in it. */
  managementSubnet: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/, 'subnet met prefixlengte, bijv. 10.0.99.0/24'),
  /** A restricted service that is switched off also counts as restricted (default: no, it must work). */
  allowDisabled: z.boolean().default(false),
});

export const routerosServices: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.services',
  description: 'RouterOS: onveilige diensten (telnet, ftp, www) uit; winbox en ssh alleen vanaf het beheernetwerk',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/ip service')],
  evaluate(p, facts, t) {
    const svcs = records(facts, t.device, '/ip service');
    const by = (n: string) => svcs.find((s) => s.name === n);
    const problems: string[] = [];
    for (const n of p.disabled) {
      const s = by(n);
      if (s && enabled(s)) problems.push(`${n} staat aan`);
    }
    for (const n of p.restricted) {
      const s = by(n);
      if (!s) continue;
      if (!enabled(s)) {
        if (!p.allowDisabled) problems.push(`${n} staat uit, verwacht aan en beperkt tot ${p.managementSubnet}`);
        continue;
      }
      const addrs = csv(s.address);
      if (!addrs.length) problems.push(`${n} is vanaf elk adres bereikbaar (address leeg), verwacht alleen ${p.managementSubnet}`);
      else {
        const outside = addrs.filter((a) => !within(a, p.managementSubnet));
        if (outside.length) problems.push(`${n} staat ook open voor ${outside.join(', ')} (buiten ${p.managementSubnet})`);
      }
    }
    const expected = { uit: p.disabled, alleenVanaf: Object.fromEntries(p.restricted.map((n) => [n, p.managementSubnet])) };
    const actual = Object.fromEntries(svcs.filter((s) => [...p.disabled, ...p.restricted].includes(s.name)).map((s) => [s.name, enabled(s) ? (s.address ? `aan, alleen ${s.address}` : 'aan, vanaf elk adres') : 'uit']));
    return problems.length ? fail(problems.join('; '), expected, actual) : pass(`${p.disabled.join(', ')} uit; ${p.restricted.join(', ')} alleen vanaf ${p.managementSubnet}`, expected, actual);
  },
};
