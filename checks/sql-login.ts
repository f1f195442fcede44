// An account can (or cannot) log in to the database server with its password.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';

const Params = z.object({ user: z.string().min(1), database: z.string().optional(), expect: z.boolean().default(true) }).strict();
type P = z.infer<typeof Params>;

export const sqlLogin: CheckKind<P> = {
  kind: 'sql.login',
  description: 'Een databasegebruiker kan (of kan juist niet) inloggen met het opgegeven wachtwoord',
  params: Params,
  platforms: ['sql'],
  facts: (p, t) => [req(t, 'sql.login', { user: p.user, ...(p.database ? { database: p.database } : {}) })],
  evaluate(p, f, t) {
    const r = f.parsed<{ ok: boolean; reason?: string }>(req(t, 'sql.login', { user: p.user, ...(p.database ? { database: p.database } : {}) }));
    if (r.ok === p.expect) return pass(r.ok ? `${p.user} kan inloggen` : `${p.user} kan niet inloggen (${r.reason ?? 'geweigerd'})`, p.expect ? 'inloggen lukt' : 'geweigerd', r.ok ? 'inloggen lukt' : 'geweigerd');
    return fail(r.ok ? `${p.user} kan inloggen, maar dat zou geweigerd moeten worden` : `${p.user} kan niet inloggen: ${r.reason ?? 'geweigerd'}`, p.expect ? 'inloggen lukt' : 'geweigerd', r.ok ? 'inloggen lukt' : 'geweigerd');
  },
};
