// The server has the hostname the assignment asks for (short name, or FQDN when a dotted name is given).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, lc, pass, req } from '../drivers/linux/check-util.js';

const Params = z.object({ hostname: z.string().min(1) }).strict();
type P = z.infer<typeof Params>;
interface H { hostname: string; fqdn: string; static?: string }

export const linuxHostname: CheckKind<P> = {
  kind: 'linux.hostname',
  description: 'De server heeft de gevraagde hostnaam (kort, of volledig als er een domein in staat)',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.hostname')],
  evaluate(p, f, t) {
    const h = f.parsed<H>(req(t, 'linux.hostname'));
    const wantFqdn = p.hostname.includes('.');
    const actual = wantFqdn ? h.fqdn : h.hostname;
    if (lc(actual) !== lc(p.hostname)) return fail(`hostnaam is '${actual}', verwacht '${p.hostname}'`, p.hostname, actual);
    if (h.static !== undefined && lc(h.static.split('.')[0]!) !== lc(p.hostname.split('.')[0]!))
      return fail(`hostnaam is nu '${actual}', maar /etc/hostname bevat '${h.static}' (niet blijvend ingesteld)`, p.hostname, h.static);
    return pass(`hostnaam is '${actual}'`, p.hostname, actual);
  },
};
