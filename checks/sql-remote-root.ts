// The superuser (root / postgres) cannot log in from another machine.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from '../drivers/linux/check-util.js';
import { isRemoteHost, pgHbaAllows, type SqlUsers } from './sql-common.js';

const Params = z.object({ user: z.string().optional(), probe_from: z.string().default('192.0.2.10') }).strict();
type P = z.infer<typeof Params>;

export const sqlRemoteRoot: CheckKind<P> = {
  kind: 'sql.remote-root',
  description: 'Inloggen als root/postgres vanaf een andere machine is uitgeschakeld',
  params: Params,
  platforms: ['sql'],
  facts: (_p, t) => [req(t, 'sql.users')],
  evaluate(p, f, t) {
    const u = f.parsed<SqlUsers>(req(t, 'sql.users'));
    if (u.engine === 'postgres') {
      const supers = p.user ? [p.user] : u.users.filter((x) => x.superuser && x.canLogin !== false).map((x) => x.name);
      if (!u.hba) return { status: 'error', message: `pg_hba-regels niet te lezen (${u.hbaError ?? 'onbekend'})` };
      const open = supers.filter((s) => pgHbaAllows(u.hba!, s, p.probe_from));
      return open.length ? fail(`superuser ${list(open)} mag inloggen vanaf andere machines (pg_hba)`, 'alleen lokaal', open) : pass(`superusers (${list(supers)}) kunnen alleen lokaal inloggen`, 'alleen lokaal', supers);
    }
    const name = p.user ?? 'root';
    const remote = u.users.filter((x) => x.name === name && isRemoteHost(x.host ?? ''));
    return remote.length
      ? fail(`${name} mag inloggen vanaf ${list(remote.map((r) => r.host!))}`, 'alleen localhost', remote.map((r) => `${r.name}@${r.host}`))
      : pass(`${name} kan alleen lokaal inloggen`, 'alleen localhost', u.users.filter((x) => x.name === name).map((r) => `${r.name}@${r.host}`));
  },
};
