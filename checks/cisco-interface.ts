// An interface is up/up (or down / administratively down) and has an IP address/prefix (show interfaces).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { InterfaceDetail } from '../drivers/cisco-ios/parsers/interfaces.js';
import { CISCO, CMD, canonicalInterface, eqi, fail, parsePrefix, pass, sameInterface, show } from './cisco-common.js';

const Params = z.object({
  interface: z.string(),
  /** `up` = up/up (line protocol up); `down` = not up/up; `administratively down` = shutdown. */
  status: z.enum(['up', 'down', 'administratively down']).default('up'),
  /** `192.168.1.1/24` or `192.168.1.1 255.255.255.0`; without a prefix only the address is compared. */
  ip: z.string().optional(),
  description: z.string().optional(),
});

export const ciscoInterface: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.interface',
  description: 'Interface is up/up (of down/administratively down) en heeft het juiste IP-adres/prefix',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.interfaces)],
  evaluate(p, facts, t) {
    const all = facts.parsed<InterfaceDetail[]>(show(t.device, CMD.interfaces));
    const name = canonicalInterface(p.interface);
    const i = all.find((x) => sameInterface(x.name, p.interface));
    const expected: Record<string, unknown> = { interface: name, status: p.status === 'up' ? 'up/up' : p.status };
    if (p.ip) expected.ip = p.ip;
    if (p.description !== undefined) expected.description = p.description;
    if (!i) return fail(`interface ${name} bestaat niet op ${t.device}`, expected, { interfaces: all.map((x) => x.name) });
    const state = `${i.linkStatus}/${i.lineProtocol}`;
    const actual = { interface: i.name, status: state, ip: i.ipAddress ? `${i.ipAddress}/${i.prefixLength}` : 'geen', description: i.description };
    const problems: string[] = [];
    if (p.status === 'up' && !(i.linkStatus === 'up' && i.lineProtocol === 'up')) problems.push(`status is ${state}${i.protocolStatus.includes('(') ? ` ${i.protocolStatus.replace(/^\S+\s*/, '')}` : ''}, verwacht up/up`);
    if (p.status === 'down' && i.linkStatus === 'up' && i.lineProtocol === 'up') problems.push(`status is up/up, verwacht down`);
    if (p.status === 'administratively down' && i.linkStatus !== 'administratively down') problems.push(`status is ${state}, verwacht administratively down (shutdown)`);
    if (p.ip) {
      const want = parsePrefix(p.ip);
      if (!i.ipAddress) problems.push(`heeft geen IP-adres, verwacht ${p.ip}`);
      else if (i.ipAddress !== want.address || (want.prefix !== undefined && i.prefixLength !== want.prefix))
        problems.push(`IP-adres is ${i.ipAddress}/${i.prefixLength}, verwacht ${want.address}${want.prefix !== undefined ? `/${want.prefix}` : ''}`);
    }
    if (p.description !== undefined && !eqi(i.description.trim(), p.description.trim())) problems.push(`description is '${i.description}', verwacht '${p.description}'`);
    if (problems.length) return fail(`${i.name}: ${problems.join('; ')}`, expected, actual);
    return pass(`${i.name} is ${state}${p.ip ? ` met ${i.ipAddress}/${i.prefixLength}` : ''}`, expected, actual);
  },
};
