// BitLocker protects the given volume(s).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from './windows-common.js';

const Params = z.object({ volumes: z.array(z.string()).default(['C:']), protection: z.boolean().default(true), protector: z.string().optional() }).strict();
type P = z.infer<typeof Params>;
interface V { mountPoint: string; volumeStatus: string; protection: string; protectors: string[] }

export const windowsBitlocker: CheckKind<P> = {
  kind: 'windows.bitlocker',
  description: 'BitLocker staat aan (volledig versleuteld, beveiliging aan) op de gevraagde volumes',
  params: Params,
  platforms: ['windows'],
  facts: (_p, t) => [req(t, 'windows.bitlocker')],
  evaluate(p, f, t) {
    const { volumes } = f.parsed<{ volumes: V[] }>(req(t, 'windows.bitlocker'));
    for (const mp of p.volumes) {
      const v = volumes.find((x) => x.mountPoint.toUpperCase().replace(/\\$/, '') === mp.toUpperCase().replace(/\\$/, ''));
      if (!v) return fail(`volume ${mp} niet gevonden`, mp, volumes.map((x) => x.mountPoint));
      const on = v.protection === 'On' && v.volumeStatus === 'FullyEncrypted';
      if (on !== p.protection) return fail(`BitLocker op ${mp}: ${v.volumeStatus}, beveiliging ${v.protection}`, p.protection ? 'FullyEncrypted, On' : 'uit', `${v.volumeStatus}, ${v.protection}`);
      if (p.protector && !v.protectors.some((x) => x.toLowerCase() === p.protector!.toLowerCase())) return fail(`BitLocker op ${mp} heeft geen ${p.protector}-sleutelbeschermer (wel: ${list(v.protectors)})`, p.protector, v.protectors);
    }
    return pass(`BitLocker ${p.protection ? 'aan' : 'uit'} op ${list(p.volumes)}`, undefined, volumes);
  },
};
