// A database account exists (or not), and may connect from the allowed hosts and not from others.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from '../drivers/linux/check-util.js';
import { hostMatches } from '../drivers/sql/grants.js';
import type { SqlUsers } from './sql-common.js';
import { pgHbaAllows } from './sql-common.js';

const Params = z
  .object({
    name: z.string().min(1),
    present: z.boolean().default(true),
    /** Client addresses/hosts from which the account must be able to log in. */
    allowed_from: z.array(z.string()).optional(),
    /** Client addresses/hosts from which the account must NOT be able to log in. */
    denied_from: z.array(z.string()).optional(),
  })
  .strict();
type P = z.infer<typeof Params>;

export const sqlUser: CheckKind<P> = {
  kind: 'sql.user',
  description: 'Databasegebruiker bestaat (of niet) en mag alleen inloggen vanaf de toegestane hosts',
  params: Params,
  platforms: ['sql'],
  facts: (_p, t) => [req(t, 'sql.users')],
  evaluate(p, f, t) {
    const u = f.parsed<SqlUsers>(req(t, 'sql.users'));
    const accounts = u.users.filter((x) => x.name === p.name);
    if (!p.present) return accounts.length ? fail(`databasegebruiker ${p.name} bestaat nog`, 'afwezig', 'aanwezig') : pass(`databasegebruiker ${p.name} bestaat niet`, 'afwezig', 'afwezig');
    if (!accounts.length) return fail(`databasegebruiker ${p.name} bestaat niet`, p.name, 'afwezig');
    let can: (from: string) => boolean;
    let where: string[];
    if (u.engine === 'postgres') {
      if (accounts[0]!.canLogin === false) can = () => false;
      else if (!u.hba) {
        if (p.allowed_from || p.denied_from) return { status: 'error', message: `pg_hba-regels niet te lezen (${u.hbaError ?? 'onbekend'}); inlogherkomst niet te beoordelen` };
        can = () => true;
      } else can = (from) => pgHbaAllows(u.hba!, p.name, from);
      where = (u.hba ?? []).filter((h) => h.users.includes('all') || h.users.includes(p.name)).map((h) => `${h.type} ${h.address ?? ''} ${h.method}`.trim());
    } else {
      const hosts = accounts.map((a) => a.host!);
      can = (from) => hosts.some((h) => hostMatches(h, from));
      where = hosts;
    }
    const notAllowed = (p.allowed_from ?? []).filter((h) => !can(h));
    if (notAllowed.length) return fail(`${p.name} kan niet inloggen vanaf ${list(notAllowed)}`, { allowed_from: p.allowed_from }, where);
    const leaks = (p.denied_from ?? []).filter((h) => can(h));
    if (leaks.length) return fail(`${p.name} kan ook inloggen vanaf ${list(leaks)} (niet toegestaan)`, { denied_from: p.denied_from }, where);
    return pass(`databasegebruiker ${p.name} bestaat (${list(where)})`, undefined, where);
  },
};
