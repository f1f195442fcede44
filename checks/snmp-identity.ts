// The device that answers is the device the lab says: its serial number (ENTITY-MIB, or the
// vendor MIB for MikroTik) matches, and optionally its model. Catches a wrong IP address or a
// swapped device.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { PhysicalEntity } from '../drivers/snmp/mibs.js';

const Params = z
  .object({
    serial: z.string().min(1).optional(),
    /** Model as ENTITY-MIB names it (entPhysicalModelName of the chassis); contains-match, case-insensitive. */
    model: z.string().min(1).optional(),
  })
  .refine((p) => p.serial != null || p.model != null, { message: 'geef serial en/of model' });
type P = z.infer<typeof Params>;

interface EntityFact {
  entities: PhysicalEntity[];
  chassis: PhysicalEntity | null;
  serial: string | null;
  serials: string[];
}

const norm = (s: string) => s.trim().toUpperCase();

export const snmpIdentity: CheckKind<P> = {
  kind: 'snmp.identity',
  description: 'het apparaat dat antwoordt is het apparaat uit het lab (serienummer en/of model via ENTITY-MIB)',
  params: Params,
  platforms: ['snmp'],
  facts: (_p, t) => [{ device: t.device, fact: 'snmp.entity' }],
  evaluate(p, facts, t) {
    const e = facts.parsed<EntityFact>({ device: t.device, fact: 'snmp.entity' });
    const problems: string[] = [];
    const expected: Record<string, string> = {};
    const actual: Record<string, unknown> = {};
    if (p.serial != null) {
      expected.serial = p.serial;
      actual.serial = e.serial ?? null;
      if (!e.serials.length) return { status: 'error', message: `${t.device} geeft geen serienummer via SNMP (ENTITY-MIB leeg); identiteit niet vast te stellen`, expected, actual };
      if (!e.serials.some((s) => norm(s) === norm(p.serial!))) {
        actual.serials = e.serials;
        problems.push(`serienummer ${e.serial ?? e.serials[0]} is niet het verwachte ${p.serial}: ander apparaat, of verkeerd IP-adres?`);
      }
    }
    if (p.model != null) {
      const models = [e.chassis?.model, ...e.entities.filter((x) => x.class === 'chassis').map((x) => x.model)].filter((m): m is string => !!m);
      expected.model = p.model;
      actual.model = models[0] ?? null;
      if (!models.length) problems.push(`${t.device} geeft geen model via ENTITY-MIB`);
      else if (!models.some((m) => m.toLowerCase().includes(p.model!.toLowerCase()))) problems.push(`model ${models[0]} is niet het verwachte ${p.model}`);
    }
    if (problems.length) return { status: 'fail', message: problems.join('; '), expected, actual };
    return { status: 'pass', message: `${t.device} is het verwachte apparaat (${Object.entries(expected).map(([k, v]) => `${k} ${v}`).join(', ')})`, expected, actual };
  },
};
