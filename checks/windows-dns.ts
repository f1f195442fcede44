// Windows DNS server: a zone exists (type, AD-integrated, secure updates) and/or a record in it.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, ieq, list, pass, req } from './windows-common.js';

const Params = z
  .object({
    zone: z.string().min(1),
    type: z.enum(['Primary', 'Secondary', 'Stub', 'Forwarder']).optional(),
    ad_integrated: z.boolean().optional(),
    secure_updates: z.boolean().optional(),
    record: z.object({ name: z.string(), type: z.string().default('A'), data: z.string().optional() }).strict().optional(),
  })
  .strict();
type P = z.infer<typeof Params>;
interface Zone { name: string; type: string; adIntegrated: boolean; dynamicUpdate: string }
const host = (s: string) => s.toLowerCase().replace(/\.$/, '');

export const windowsDns: CheckKind<P> = {
  kind: 'windows.dns',
  description: 'DNS-zone bestaat op de Windows DNS-server (type, AD-geïntegreerd, beveiligde updates) met het gevraagde record',
  params: Params,
  platforms: ['windows'],
  facts: (p, t) => [req(t, 'windows.dns-zones'), ...(p.record ? [req(t, 'windows.dns-records', { zone: p.zone })] : [])],
  evaluate(p, f, t) {
    const { zones } = f.parsed<{ zones: Zone[] }>(req(t, 'windows.dns-zones'));
    const z = zones.find((x) => ieq(x.name, p.zone));
    if (!z) return fail(`DNS-zone ${p.zone} bestaat niet`, p.zone, zones.map((x) => x.name));
    if (p.type && z.type !== p.type) return fail(`zone ${p.zone} is ${z.type}, verwacht ${p.type}`, p.type, z.type);
    if (p.ad_integrated !== undefined && z.adIntegrated !== p.ad_integrated) return fail(`zone ${p.zone} is ${z.adIntegrated ? '' : 'niet '}AD-geïntegreerd`, p.ad_integrated, z.adIntegrated);
    if (p.secure_updates !== undefined && (z.dynamicUpdate === 'Secure') !== p.secure_updates) return fail(`zone ${p.zone} dynamische updates: ${z.dynamicUpdate}`, p.secure_updates ? 'Secure' : 'niet Secure', z.dynamicUpdate);
    if (p.record) {
      const r = p.record;
      const { records } = f.parsed<{ records: { name: string; type: string; data: string }[] }>(req(t, 'windows.dns-records', { zone: p.zone }));
      const rel = host(r.name).endsWith('.' + host(p.zone)) ? host(r.name).slice(0, -host(p.zone).length - 1) : host(r.name) === host(p.zone) ? '@' : host(r.name);
      const same = records.filter((x) => host(x.name) === rel && ieq(x.type, r.type));
      if (!same.length) return fail(`geen ${r.type}-record ${r.name} in ${p.zone}`, r, records.filter((x) => host(x.name) === rel));
      if (r.data && !same.some((x) => host(x.data) === host(r.data!) || host(x.data).endsWith(' ' + host(r.data!)))) return fail(`${r.type}-record ${r.name} wijst naar ${list(same.map((x) => x.data))}, verwacht ${r.data}`, r.data, same.map((x) => x.data));
      return pass(`${r.type}-record ${r.name} → ${list(same.map((x) => x.data))}`, r, same);
    }
    return pass(`DNS-zone ${p.zone} (${z.type}${z.adIntegrated ? ', AD-geïntegreerd' : ''}, updates ${z.dynamicUpdate})`, undefined, z);
  },
};
