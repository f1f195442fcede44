// A Windows service is running/stopped with the expected start type.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, ieq, pass, req } from './windows-common.js';

const Params = z.object({ name: z.string().min(1), status: z.enum(['Running', 'Stopped']).optional(), start_type: z.enum(['Automatic', 'Manual', 'Disabled']).optional(), present: z.boolean().default(true) }).strict();
type P = z.infer<typeof Params>;

export const windowsService: CheckKind<P> = {
  kind: 'windows.service',
  description: 'Windows-service draait (of staat uit) met het juiste opstarttype',
  params: Params,
  platforms: ['windows'],
  facts: (_p, t) => [req(t, 'windows.services')],
  evaluate(p, f, t) {
    const { services } = f.parsed<{ services: { name: string; displayName: string; status: string; startType: string }[] }>(req(t, 'windows.services'));
    const s = services.find((x) => ieq(x.name, p.name) || ieq(x.displayName, p.name));
    if (!p.present) return s ? fail(`service ${p.name} is geïnstalleerd`, 'afwezig', s.status) : pass(`service ${p.name} is niet geïnstalleerd`, 'afwezig', 'afwezig');
    if (!s) return fail(`service ${p.name} bestaat niet`, p.name, 'afwezig');
    if (p.status && s.status !== p.status) return fail(`service ${s.name} is ${s.status}, verwacht ${p.status}`, p.status, s.status);
    if (p.start_type && s.startType !== p.start_type) return fail(`service ${s.name} start ${s.startType}, verwacht ${p.start_type}`, p.start_type, s.startType);
    return pass(`service ${s.name}: ${s.status}, ${s.startType}`, { status: p.status, start_type: p.start_type }, { status: s.status, startType: s.startType });
  },
};
