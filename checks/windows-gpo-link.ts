// A GPO is linked (enabled, optionally enforced) to the domain or an OU.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, ieq, list, pass, req } from './windows-common.js';

const Params = z.object({ gpo: z.string().min(1), target: z.string().min(1), enabled: z.boolean().default(true), enforced: z.boolean().optional() }).strict();
type P = z.infer<typeof Params>;
interface T { target: string; links: { gpo: string; enabled: boolean; enforced: boolean }[] }
/** `Staf/Sales` (OU path from the domain root), `domain`, or a DN. */
const matches = (want: string, dn: string) => {
  if (/=/.test(want)) return ieq(want.replace(/\s*,\s*/g, ','), dn);
  const ous = dn.split(',').filter((x) => /^OU=/i.test(x)).map((x) => x.slice(3)).reverse().join('/');
  if (ieq(want, 'domain') || ieq(want, 'domein')) return ous === '';
  return ieq(ous, want.replace(/^\/|\/$/g, ''));
};

export const windowsGpoLink: CheckKind<P> = {
  kind: 'windows.gpo-link',
  description: 'GPO is gekoppeld (ingeschakeld, eventueel afgedwongen) aan het domein of de juiste OU',
  params: Params,
  platforms: ['windows'],
  facts: (_p, t) => [req(t, 'windows.gpo-links')],
  evaluate(p, f, t) {
    const { targets } = f.parsed<{ targets: T[] }>(req(t, 'windows.gpo-links'));
    const tg = targets.find((x) => matches(p.target, x.target));
    if (!tg) return fail(`doel ${p.target} niet gevonden`, p.target, targets.map((x) => x.target));
    const l = tg.links.find((x) => ieq(x.gpo, p.gpo));
    if (!l) {
      const elsewhere = targets.filter((x) => x.links.some((y) => ieq(y.gpo, p.gpo))).map((x) => x.target);
      return fail(`GPO ${p.gpo} is niet gekoppeld aan ${p.target}${elsewhere.length ? ` (wel aan ${list(elsewhere)})` : ''}`, p.target, tg.links.map((x) => x.gpo));
    }
    if (l.enabled !== p.enabled) return fail(`koppeling van ${p.gpo} aan ${p.target} is ${l.enabled ? 'ingeschakeld' : 'uitgeschakeld'}`, p.enabled, l.enabled);
    if (p.enforced !== undefined && l.enforced !== p.enforced) return fail(`koppeling van ${p.gpo} is ${l.enforced ? '' : 'niet '}afgedwongen`, p.enforced, l.enforced);
    return pass(`GPO ${p.gpo} gekoppeld aan ${tg.target}${l.enforced ? ' (afgedwongen)' : ''}`, undefined, l);
  },
};
