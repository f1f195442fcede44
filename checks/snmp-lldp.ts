// An LLDP neighbour on a port, as the device itself reports it (LLDP-MIB lldpRemTable): the
// cabling is as the assignment asks.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { LldpNeighbour } from '../drivers/snmp/mibs.js';
import { sameHost, sameInterface } from '../drivers/snmp/names.js';

const Params = z
  .object({
    /** Local port (ifName, ifDescr or the LLDP local port id/description). */
    port: z.string().min(1).optional(),
    /** Neighbour's system name (with or without domain). */
    neighbour: z.string().min(1).optional(),
    /** Neighbour's port (port id or port description). */
    remote_port: z.string().min(1).optional(),
  })
  .refine((p) => p.port != null || p.neighbour != null, { message: 'geef port en/of neighbour' });
type P = z.infer<typeof Params>;

const onPort = (n: LldpNeighbour, port: string) => [n.localPort, n.localPortId, n.localPortDesc].some((x) => sameInterface(port, x));
const describe = (n: LldpNeighbour) => `${n.sysName ?? n.chassisId ?? '?'} (${n.portId ?? n.portDesc ?? '?'}) op ${n.localPort ?? n.localPortNum}`;

export const snmpLldp: CheckKind<P> = {
  kind: 'snmp.lldp-neighbour',
  description: 'LLDP-buur op een poort (systeemnaam en eventueel poort van de buur) volgens LLDP-MIB',
  params: Params,
  platforms: ['snmp'],
  facts: (_p, t) => [{ device: t.device, fact: 'snmp.lldp' }],
  evaluate(p, facts, t) {
    const { lldpMib, neighbours } = facts.parsed<{ lldpMib: boolean; neighbours: LldpNeighbour[] }>({ device: t.device, fact: 'snmp.lldp' });
    const expected = { ...(p.port ? { port: p.port } : {}), ...(p.neighbour ? { neighbour: p.neighbour } : {}), ...(p.remote_port ? { remote_port: p.remote_port } : {}) };
    const want = `${p.neighbour ?? 'een buur'}${p.remote_port ? ` (${p.remote_port})` : ''}${p.port ? ` op ${p.port}` : ''}`;
    if (!neighbours.length)
      return {
        status: 'fail',
        message: lldpMib ? `${t.device} ziet geen LLDP-buren, verwacht ${want}` : `${t.device} geeft geen LLDP-gegevens via SNMP (LLDP uit?), verwacht ${want}`,
        expected,
        actual: [],
      };
    const candidates = p.port ? neighbours.filter((n) => onPort(n, p.port!)) : neighbours;
    const hit = candidates.find(
      (n) => (!p.neighbour || sameHost(p.neighbour, n.sysName)) && (!p.remote_port || sameInterface(p.remote_port, n.portId) || sameInterface(p.remote_port, n.portDesc)),
    );
    const actual = (p.port ? candidates : neighbours).map(describe);
    if (hit) return { status: 'pass', message: `LLDP-buur ${describe(hit)}`, expected, actual: describe(hit) };
    if (p.port && !candidates.length) return { status: 'fail', message: `geen LLDP-buur op ${p.port}, verwacht ${want} (wel: ${neighbours.map(describe).join('; ')})`, expected, actual: neighbours.map(describe) };
    return { status: 'fail', message: `verwacht ${want}, gevonden: ${actual.join('; ')}`, expected, actual };
  },
};
