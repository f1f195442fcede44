// Computer name, domain membership and Windows version/build.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, ieq, pass, req } from './windows-common.js';

const Params = z.object({ name: z.string().optional(), domain: z.string().optional(), domain_joined: z.boolean().optional(), domain_controller: z.boolean().optional(), os_contains: z.string().optional(), min_build: z.number().int().optional() }).strict();
type P = z.infer<typeof Params>;
interface C { name: string; domain: string; partOfDomain: boolean; domainController: boolean; os: string; build: number }

export const windowsComputer: CheckKind<P> = {
  kind: 'windows.computer',
  description: 'Computernaam, domeinlidmaatschap (of domeincontroller) en Windows-versie/build kloppen',
  params: Params,
  platforms: ['windows'],
  facts: (_p, t) => [req(t, 'windows.computer')],
  evaluate(p, f, t) {
    const c = f.parsed<C>(req(t, 'windows.computer'));
    if (p.name && !ieq(c.name, p.name)) return fail(`computernaam is ${c.name}, verwacht ${p.name}`, p.name, c.name);
    if (p.domain_joined !== undefined && c.partOfDomain !== p.domain_joined) return fail(c.partOfDomain ? `${c.name} is lid van domein ${c.domain}` : `${c.name} is geen lid van een domein (werkgroep)`, p.domain_joined, c.partOfDomain);
    if (p.domain && (!c.partOfDomain || !ieq(c.domain, p.domain))) return fail(`${c.name} is ${c.partOfDomain ? `lid van ${c.domain}` : 'geen domeinlid'}, verwacht ${p.domain}`, p.domain, c.partOfDomain ? c.domain : null);
    if (p.domain_controller !== undefined && c.domainController !== p.domain_controller) return fail(`${c.name} is ${c.domainController ? '' : 'geen '}domeincontroller`, p.domain_controller, c.domainController);
    if (p.os_contains && !c.os.toLowerCase().includes(p.os_contains.toLowerCase())) return fail(`besturingssysteem is ${c.os}`, p.os_contains, c.os);
    if (p.min_build !== undefined && c.build < p.min_build) return fail(`build ${c.build} is ouder dan ${p.min_build}`, p.min_build, c.build);
    return pass(`${c.name}: ${c.os} build ${c.build}, ${c.partOfDomain ? `domein ${c.domain}` : 'werkgroep'}`, undefined, c);
  },
};
