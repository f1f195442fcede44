// sysName / sysLocation / sysContact as the assignment asks (SNMPv2-MIB system group).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { SystemInfo } from '../drivers/snmp/mibs.js';

const Params = z
  .object({
    sysName: z.string().optional(),
    sysLocation: z.string().optional(),
    sysContact: z.string().optional(),
    /** exact (default, case-insensitive, trimmed), contains, or regex. */
    match: z.enum(['exact', 'contains', 'regex']).default('exact'),
    case_sensitive: z.boolean().default(false),
  })
  .refine((p) => p.sysName != null || p.sysLocation != null || p.sysContact != null, { message: 'geef ten minste sysName, sysLocation of sysContact' });
type P = z.infer<typeof Params>;

const FIELDS = ['sysName', 'sysLocation', 'sysContact'] as const;

function matches(p: P, expected: string, actual: string | null): boolean {
  if (actual == null) return false;
  const norm = (s: string) => (p.case_sensitive ? s.trim() : s.trim().toLowerCase());
  if (p.match === 'regex') return new RegExp(expected, p.case_sensitive ? '' : 'i').test(actual);
  if (p.match === 'contains') return norm(actual).includes(norm(expected));
  return norm(actual) === norm(expected);
}

export const snmpSystem: CheckKind<P> = {
  kind: 'snmp.system',
  description: 'sysName, sysLocation en/of sysContact zijn ingesteld zoals gevraagd',
  params: Params,
  platforms: ['snmp'],
  facts: (_p, t) => [{ device: t.device, fact: 'snmp.system' }],
  evaluate(p, facts, t) {
    const sys = facts.parsed<SystemInfo>({ device: t.device, fact: 'snmp.system' });
    const asked = FIELDS.filter((f) => p[f] != null);
    const expected = Object.fromEntries(asked.map((f) => [f, p[f]]));
    const actual = Object.fromEntries(asked.map((f) => [f, sys[f]]));
    const wrong = asked.filter((f) => !matches(p, p[f]!, sys[f]));
    if (wrong.length)
      return {
        status: 'fail',
        message: wrong.map((f) => (sys[f] == null ? `${f} is niet ingesteld, verwacht '${p[f]}'` : `${f} is '${sys[f]}', verwacht '${p[f]}'`)).join('; '),
        expected,
        actual,
      };
    return { status: 'pass', message: asked.map((f) => `${f} '${sys[f]}'`).join(', ') + ' zoals gevraagd', expected, actual };
  },
};
