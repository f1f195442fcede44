// An interface is up (or down) as seen over SNMP (IF-MIB ifOperStatus/ifAdminStatus). The
// interface can be named as people type it: `Gi1/1`, `GigabitEthernet1/1`, its description/alias.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { SnmpInterface } from '../drivers/snmp/mibs.js';
import { sameInterface } from '../drivers/snmp/names.js';

const Params = z.object({
  interface: z.string().min(1),
  oper: z.enum(['up', 'down']).default('up'),
  admin: z.enum(['up', 'down']).optional(),
});
type P = z.infer<typeof Params>;

export function findInterface(list: SnmpInterface[], name: string): SnmpInterface | undefined {
  return (
    list.find((i) => sameInterface(name, i.name)) ??
    list.find((i) => sameInterface(name, i.descr)) ??
    list.find((i) => !!i.alias && i.alias.trim().toLowerCase() === name.trim().toLowerCase())
  );
}

export const snmpInterface: CheckKind<P> = {
  kind: 'snmp.interface',
  description: 'interface is operationeel up (of down) volgens IF-MIB',
  params: Params,
  platforms: ['snmp'],
  facts: (_p, t) => [{ device: t.device, fact: 'snmp.interfaces' }],
  evaluate(p, facts, t) {
    const { interfaces } = facts.parsed<{ interfaces: SnmpInterface[] }>({ device: t.device, fact: 'snmp.interfaces' });
    const i = findInterface(interfaces, p.interface);
    const expected = { oper: p.oper, ...(p.admin ? { admin: p.admin } : {}) };
    if (!i) {
      const names = interfaces.map((x) => x.name ?? x.descr).filter(Boolean).slice(0, 30);
      return { status: 'fail', message: `interface ${p.interface} niet gevonden op ${t.device} (wel: ${names.join(', ')}${interfaces.length > 30 ? ', …' : ''})`, expected, actual: null };
    }
    const label = i.name && i.descr && i.name !== i.descr ? `${i.name} (${i.descr})` : (i.name ?? i.descr ?? String(i.index));
    const actual = { oper: i.operStatus, admin: i.adminStatus };
    const wrong: string[] = [];
    if (i.operStatus !== p.oper) wrong.push(`operationeel ${i.operStatus}, verwacht ${p.oper}`);
    if (p.admin && i.adminStatus !== p.admin) wrong.push(`administratief ${i.adminStatus}, verwacht ${p.admin}`);
    if (wrong.length) {
      const hint = p.oper === 'up' && i.adminStatus === 'down' ? ' (interface staat uit: shutdown/disabled)' : '';
      return { status: 'fail', message: `interface ${label} is ${wrong.join(' en ')}${hint}`, expected, actual };
    }
    return { status: 'pass', message: `interface ${label} is ${i.operStatus} (admin ${i.adminStatus})`, expected, actual };
  },
};
