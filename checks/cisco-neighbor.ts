// CDP/LLDP neighbour on a port: the cabling matches the drawing.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { CdpNeighbor } from '../drivers/cisco-ios/parsers/cdp.js';
import type { LldpNeighbor } from '../drivers/cisco-ios/parsers/lldp.js';
import { CISCO, CMD, canonicalInterface, fail, list, pass, sameInterface, show } from './cisco-common.js';

const Params = z.object({
  interface: z.string(),
  /** Neighbour hostname (a domain suffix on the device ID is ignored: `R1` matches `R1.lab.local`). */
  neighbor: z.string(),
  /** The neighbour's port (`Gi0/1`). */
  neighborInterface: z.string().optional(),
  protocol: z.enum(['cdp', 'lldp']).default('cdp'),
});

const sameHost = (deviceId: string, want: string) => {
  const d = deviceId.toLowerCase().replace(/\(.*\)$/, '');
  const w = want.toLowerCase();
  return d === w || d.startsWith(w + '.');
};

export const ciscoNeighbor: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.neighbor',
  description: 'CDP/LLDP-buur op een poort: de bekabeling klopt met de tekening',
  params: Params,
  platforms: CISCO,
  facts: (p, t) => [show(t.device, p.protocol === 'cdp' ? CMD.cdp : CMD.lldp)],
  evaluate(p, facts, t) {
    const ns = facts.parsed<Array<CdpNeighbor | LldpNeighbor>>(show(t.device, p.protocol === 'cdp' ? CMD.cdp : CMD.lldp));
    const local = canonicalInterface(p.interface);
    const expected = { interface: local, neighbor: p.neighbor, ...(p.neighborInterface ? { neighborInterface: canonicalInterface(p.neighborInterface) } : {}) };
    const P = p.protocol.toUpperCase();
    const onPort = ns.filter((n) => sameInterface(n.localInterface, p.interface));
    const fmt = (n: CdpNeighbor | LldpNeighbor) => `${n.deviceId} ${canonicalInterface(n.portId)}`;
    if (!onPort.length) {
      const elsewhere = ns.filter((n) => sameHost(n.deviceId, p.neighbor));
      return fail(
        `geen ${P}-buur op ${local}${elsewhere.length ? `; ${p.neighbor} zit op ${list(elsewhere.map((n) => canonicalInterface(n.localInterface)))}` : ''}${ns.length ? '' : ` (${P} ziet geen enkele buur)`}`,
        expected,
        { neighbors: ns.map((n) => `${canonicalInterface(n.localInterface)} → ${fmt(n)}`) },
      );
    }
    const actual = { interface: local, neighbors: onPort.map(fmt) };
    const host = onPort.filter((n) => sameHost(n.deviceId, p.neighbor));
    if (!host.length) return fail(`op ${local} zit ${list(onPort.map((n) => n.deviceId))}, verwacht ${p.neighbor}`, expected, actual);
    if (p.neighborInterface) {
      const port = host.filter((n) => sameInterface(n.portId, p.neighborInterface!));
      if (!port.length) return fail(`${local} is verbonden met ${p.neighbor} poort ${list(host.map((n) => canonicalInterface(n.portId)))}, verwacht ${canonicalInterface(p.neighborInterface)}`, expected, actual);
    }
    return pass(`${local} is verbonden met ${host[0].deviceId}${p.neighborInterface ? ` ${canonicalInterface(host[0].portId)}` : ''} (${P})`, expected, actual);
  },
};
