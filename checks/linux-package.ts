// A package is installed (optionally a version) or absent.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';
import type { Package } from '../drivers/linux/parsers/misc.js';

const Params = z.object({ name: z.string().min(1), state: z.enum(['installed', 'absent']).default('installed'), version: z.string().optional() }).strict();
type P = z.infer<typeof Params>;

export const linuxPackage: CheckKind<P> = {
  kind: 'linux.package',
  description: 'Pakket is geïnstalleerd (eventueel een bepaalde versie) of juist niet',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.packages')],
  evaluate(p, f, t) {
    const { packages } = f.parsed<{ manager: string; packages: Package[] }>(req(t, 'linux.packages'));
    const pk = packages.find((x) => x.name === p.name && x.installed);
    if (p.state === 'absent') return pk ? fail(`pakket ${p.name} is geïnstalleerd (${pk.version})`, 'afwezig', pk.version) : pass(`pakket ${p.name} is niet geïnstalleerd`, 'afwezig', 'afwezig');
    if (!pk) {
      const rc = packages.find((x) => x.name === p.name);
      return fail(`pakket ${p.name} is niet geïnstalleerd${rc ? ` (status ${rc.status})` : ''}`, 'geïnstalleerd', rc ? rc.status : 'afwezig');
    }
    if (p.version && !new RegExp(p.version).test(pk.version)) return fail(`pakket ${p.name} heeft versie ${pk.version}`, p.version, pk.version);
    return pass(`pakket ${p.name} ${pk.version} is geïnstalleerd`, 'geïnstalleerd', pk.version);
  },
};
