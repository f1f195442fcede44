// A VLAN exists (with the asked name) on a switch, read over SNMP: Q-BRIDGE-MIB static VLANs or,
// on Cisco, the VTP VLAN table. Works for any vendor that implements one of the two.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { SnmpVlan } from '../drivers/snmp/mibs.js';

const Params = z.object({
  id: z.coerce.number().int().min(1).max(4094),
  name: z.string().min(1).optional(),
  /** present (default) or absent (e.g. a VLAN that must have been removed). */
  state: z.enum(['present', 'absent']).default('present'),
});
type P = z.infer<typeof Params>;

export const snmpVlan: CheckKind<P> = {
  kind: 'snmp.vlan',
  description: 'VLAN bestaat (met de gevraagde naam) volgens Q-BRIDGE-MIB of CISCO-VTP-MIB',
  params: Params,
  platforms: ['snmp'],
  facts: (_p, t) => [{ device: t.device, fact: 'snmp.vlans' }],
  evaluate(p, facts, t) {
    const { vlans } = facts.parsed<{ vlans: SnmpVlan[] }>({ device: t.device, fact: 'snmp.vlans' });
    const v = vlans.find((x) => x.id === p.id);
    if (!vlans.length && p.state === 'present')
      return { status: 'fail', message: `${t.device} geeft geen VLAN's via SNMP (geen Q-BRIDGE-MIB of VTP-MIB gegevens), verwacht VLAN ${p.id}`, expected: p, actual: [] };
    if (p.state === 'absent')
      return v
        ? { status: 'fail', message: `VLAN ${p.id}${v.name ? ` (${v.name})` : ''} bestaat nog, verwacht verwijderd`, expected: 'afwezig', actual: v }
        : { status: 'pass', message: `VLAN ${p.id} bestaat niet (zoals gevraagd)`, expected: 'afwezig', actual: 'afwezig' };
    const expected = { id: p.id, ...(p.name ? { name: p.name } : {}) };
    if (!v) return { status: 'fail', message: `VLAN ${p.id} bestaat niet (wel: ${vlans.map((x) => x.id).join(', ')})`, expected, actual: vlans.map((x) => x.id) };
    if (p.name && (v.name ?? '').trim().toLowerCase() !== p.name.trim().toLowerCase())
      return { status: 'fail', message: `VLAN ${p.id} heet '${v.name ?? ''}', verwacht '${p.name}'`, expected, actual: { id: v.id, name: v.name } };
    const suspended = v.state && v.state !== 'operational' ? ` (status ${v.state})` : '';
    return { status: 'pass', message: `VLAN ${p.id} '${v.name ?? ''}' bestaat${suspended}`, expected, actual: { id: v.id, name: v.name } };
  },
};
