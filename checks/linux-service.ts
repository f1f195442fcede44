// A systemd service is active (running) and enabled at boot — or stopped/disabled when asked.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';
import type { UnitState } from '../drivers/linux/parsers/systemd.js';

const Params = z.object({ name: z.string().min(1), active: z.boolean().optional().default(true), enabled: z.boolean().optional() }).strict();
type P = z.infer<typeof Params>;

export const linuxService: CheckKind<P> = {
  kind: 'linux.service',
  description: 'Systemd-dienst is actief en/of ingeschakeld bij opstarten (of juist gestopt/uitgeschakeld)',
  params: Params,
  platforms: ['linux'],
  facts: (p, t) => [req(t, 'linux.service', { name: p.name })],
  evaluate(p, f, t) {
    const u = f.parsed<UnitState>(req(t, 'linux.service', { name: p.name }));
    const actual = `${u.activeState}/${u.subState}, ${u.unitFileState || 'geen unit-bestand'}`;
    if (!u.exists) return p.active === false && p.enabled !== true ? pass(`dienst ${p.name} bestaat niet (dus niet actief)`, 'niet actief', 'afwezig') : fail(`dienst ${p.name} bestaat niet`, p.name, 'afwezig');
    if (p.active !== u.active) return fail(`dienst ${p.name} is ${u.active ? 'actief' : `niet actief (${u.activeState}/${u.subState})`}`, p.active ? 'actief' : 'niet actief', actual);
    if (p.enabled !== undefined && p.enabled !== u.enabled)
      return fail(`dienst ${p.name} is ${u.enabled ? 'ingeschakeld' : `niet ingeschakeld bij opstarten (${u.unitFileState})`}`, p.enabled ? 'enabled' : 'disabled', actual);
    return pass(`dienst ${p.name}: ${actual}`, undefined, actual);
  },
};
