// The `sql` driver: a MariaDB/MySQL (mysql2) or PostgreSQL (pg) server examined as a client.
// device.options.engine = 'mariadb' | 'mysql' | 'postgres' (default from the port: 5432 → postgres).
// device.options.database: database to connect to (postgres default 'postgres').
// device.options.logins: { user: password } for `sql.login` (logins other than the examiner's own).
// Check mode is read-only: every query passes allowQuery() (SELECT/SHOW/WITH only) and runs in a
// READ ONLY transaction. Writing (reference solutions, fault injection) is `runSqlWrite`, never
// reachable from gather(). Unreachable, refused login, missing rights and timeouts become
// ObservationError (verdict `error`) with the reason; `sql.login` is the one fact whose *subject*
// is whether a login works, so there a refused login is a value, not an error.
import { z } from 'zod';
import type { DeviceConfig, Driver, DriverSession, Gathered } from '../../src/core/types.js';
import { ObservationError } from '../../src/core/types.js';
import { allowQuery } from './allow.js';
import { mysqlEngine, pgEngine, type Engine, type EngineConn, type EngineName } from './engines.js';
import { parseMysqlGrants } from './grants.js';

export { allowQuery } from './allow.js';
export { parseMysqlGrants, hostMatches } from './grants.js';

const QueryParams = z.object({ sql: z.string().min(1), database: z.string().optional() });
const UserParams = z.object({ user: z.string().min(1), database: z.string().optional() });
const LoginParams = z.object({ user: z.string().min(1), database: z.string().optional() });

const FACTS = {
  'sql.users': { description: 'Accounts/rollen met host (MySQL) of pg_hba-regels (PostgreSQL)' },
  'sql.grants': { description: 'Rechten van één account (SHOW GRANTS / information_schema)', params: UserParams },
  'sql.query': { description: 'Een alleen-lezen query (SELECT/SHOW) en zijn rijen', params: QueryParams },
  'sql.login': { description: 'Kan een account inloggen (wachtwoord uit options.logins)', params: LoginParams },
  'sql.server': { description: 'Engine en versie van de server' },
} as const;

export function engineOf(device: DeviceConfig): EngineName {
  const e = String(device.options.engine ?? (device.port === 5432 ? 'postgres' : 'mariadb')).toLowerCase();
  if (e === 'postgres' || e === 'postgresql' || e === 'pg') return 'postgres';
  if (e === 'mysql' || e === 'mariadb') return e;
  throw new ObservationError(`onbekende database-engine '${e}' (mariadb, mysql of postgres)`);
}

const engineFor = (name: EngineName): Engine => (name === 'postgres' ? pgEngine : mysqlEngine);

async function withTimeout<T>(p: Promise<T>, ms: number, what: string, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guards: Promise<never>[] = [new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new ObservationError(`time-out na ${ms} ms bij ${what}`)), ms); })];
  if (signal) guards.push(new Promise<never>((_, rej) => signal.addEventListener('abort', () => rej(new ObservationError(`afgebroken bij ${what}`)), { once: true })));
  try {
    return await Promise.race([p, ...guards]);
  } finally {
    clearTimeout(timer);
  }
}

export function makeSqlDriver(): Driver {
  return {
    platform: 'sql',
    description: 'Databaseserver (MariaDB/MySQL via mysql2, PostgreSQL via pg): accounts, rechten, alleen-lezen queries',
    roleKinds: ['database', 'mariadb', 'mysql', 'postgres'],
    defaultMaxSessions: 1,
    facts: FACTS,
    allowCommand: allowQuery,
    async connect(device, signal): Promise<DriverSession> {
      const name = engineOf(device);
      const engine = engineFor(name);
      const timeout = device.timeoutMs ?? 10_000;
      const conns = new Map<string, EngineConn>();
      const open = async (database?: string): Promise<EngineConn> => {
        const key = database ?? '';
        let c = conns.get(key);
        if (!c) {
          c = await withTimeout(engine.connect(device, { database, timeoutMs: timeout }), timeout + 1000, `verbinden met ${device.host}:${device.port ?? engine.defaultPort}`, signal);
          conns.set(key, c);
        }
        return c;
      };
      await open(); // connection/auth errors surface at connect time
      const ro = async (sql: string, args: unknown[] = [], database?: string, sig?: AbortSignal) => {
        if (!allowQuery(sql)) throw new ObservationError(`query geweigerd: alleen SELECT/SHOW zijn toegestaan in controlemodus: ${sql}`, '', sql);
        const c = await open(database);
        return withTimeout(c.readOnly(sql, args), timeout, `query ${sql.slice(0, 60)}`, sig);
      };
      const result = (command: string, parsed: unknown): Gathered => ({ command, raw: JSON.stringify(parsed, null, 1), parsed, transport: name });
      return {
        async gather(fact, params, sig) {
          switch (fact) {
            case 'sql.server': {
              const sql = name === 'postgres' ? 'SELECT version() AS version' : 'SELECT VERSION() AS version';
              const rows = await ro(sql, [], undefined, sig);
              return result(sql, { engine: name, version: String(rows[0]?.version ?? '') });
            }
            case 'sql.query': {
              const p = QueryParams.parse(params);
              const rows = await ro(p.sql, [], p.database, sig);
              return result(p.sql, { rows, rowCount: rows.length });
            }
            case 'sql.users': {
              if (name === 'postgres') {
                const q1 = 'SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles ORDER BY rolname';
                const roles = await ro(q1, [], undefined, sig);
                const q2 = 'SELECT line_number, type, database, user_name, address, netmask, auth_method, error FROM pg_hba_file_rules ORDER BY line_number';
                let hba: Record<string, unknown>[] | undefined;
                let hbaError: string | undefined;
                try {
                  hba = await ro(q2, [], undefined, sig);
                } catch (err) {
                  hbaError = (err as Error).message;
                }
                return result(`${q1}; ${q2}`, {
                  engine: name,
                  users: roles.map((r) => ({ name: String(r.rolname), canLogin: !!r.rolcanlogin, superuser: !!r.rolsuper, createRole: !!r.rolcreaterole, createDb: !!r.rolcreatedb })),
                  ...(hba ? { hba: hba.map((h) => ({ line: Number(h.line_number), type: String(h.type), databases: (h.database as string[] | null) ?? [], users: (h.user_name as string[] | null) ?? [], address: (h.address as string | null) ?? null, netmask: (h.netmask as string | null) ?? null, method: String(h.auth_method ?? ''), ...(h.error ? { error: String(h.error) } : {}) })) } : {}),
                  ...(hbaError ? { hbaError } : {}),
                });
              }
              const q = "SELECT User AS user, Host AS host, plugin FROM mysql.user ORDER BY User, Host";
              const rows = await ro(q, [], undefined, sig);
              return result(q, { engine: name, users: rows.map((r) => ({ name: String(r.user), host: String(r.host), plugin: String(r.plugin ?? '') })) });
            }
            case 'sql.grants': {
              const p = UserParams.parse(params);
              if (name === 'postgres') {
                const q1 = 'SELECT table_schema, table_name, privilege_type FROM information_schema.role_table_grants WHERE grantee = $1 ORDER BY 1, 2, 3';
                const tables = await ro(q1, [p.user], p.database, sig);
                const q2 = "SELECT n.nspname AS schema, has_schema_privilege($1, n.oid, 'USAGE') AS usage, has_schema_privilege($1, n.oid, 'CREATE') AS may_create FROM pg_namespace n WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' ORDER BY 1";
                const schemas = await ro(q2, [p.user], p.database, sig);
                const q3 = "SELECT d.datname AS database, has_database_privilege($1, d.datname, 'CREATE') AS may_create, has_database_privilege($1, d.datname, 'CONNECT') AS may_connect FROM pg_database d WHERE NOT d.datistemplate ORDER BY 1";
                const dbs = await ro(q3, [p.user], p.database, sig);
                const q4 = 'SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1';
                const role = (await ro(q4, [p.user], p.database, sig))[0];
                if (!role) return result(q4, { engine: name, user: p.user, exists: false, grants: [] });
                const grants: { privileges: string[]; schema: string; table: string }[] = [];
                for (const t of tables) {
                  const g = grants.find((x) => x.schema === t.table_schema && x.table === t.table_name);
                  if (g) g.privileges.push(String(t.privilege_type));
                  else grants.push({ schema: String(t.table_schema), table: String(t.table_name), privileges: [String(t.privilege_type)] });
                }
                for (const s of schemas) if (s.may_create) grants.push({ schema: String(s.schema), table: '*', privileges: ['CREATE'] });
                return result([q1, q2, q3, q4].join('; '), {
                  engine: name,
                  user: p.user,
                  exists: true,
                  superuser: !!role.rolsuper,
                  global: [...(role.rolsuper ? ['SUPERUSER'] : []), ...(role.rolcreaterole ? ['CREATEROLE'] : []), ...(role.rolcreatedb ? ['CREATEDB'] : [])],
                  grants,
                  databases: dbs.map((d) => ({ name: String(d.database), create: !!d.may_create, connect: !!d.may_connect })),
                });
              }
              // MySQL: one SHOW GRANTS per account host; the user name and host are quoted literals.
              const hosts = (await ro('SELECT Host AS host FROM mysql.user WHERE User = ?', [p.user], undefined, sig)).map((r) => String(r.host));
              const raws: string[] = [];
              const grants = [];
              for (const h of hosts) {
                const q = `SHOW GRANTS FOR ${quoteMy(p.user)}@${quoteMy(h)}`;
                let rows: Record<string, unknown>[];
                try {
                  rows = await ro(q, [], undefined, sig);
                } catch (err) {
                  // An account without any grant (not even USAGE) answers "no such grant defined".
                  if (/no such grant/i.test((err as Error).message)) continue;
                  throw err;
                }
                for (const r of rows) {
                  const line = String(Object.values(r)[0]);
                  raws.push(line);
                  grants.push(...parseMysqlGrants(line).map((g) => ({ ...g, host: h })));
                }
              }
              return { command: `SHOW GRANTS FOR ${p.user}@{${hosts.join(',')}}`, raw: raws.join('\n'), parsed: { engine: name, user: p.user, exists: hosts.length > 0, hosts, grants }, transport: name };
            }
            case 'sql.login': {
              const p = LoginParams.parse(params);
              const logins = (device.options.logins ?? {}) as Record<string, string>;
              const password = p.user === device.username ? device.password : logins[p.user];
              if (password === undefined) throw new ObservationError(`geen wachtwoord voor '${p.user}' in options.logins van dit apparaat`);
              const cmd = `login ${p.user}@${device.host}:${device.port ?? engine.defaultPort}`;
              try {
                const c = await withTimeout(engine.connect({ ...device, username: p.user, password }, { database: p.database, timeoutMs: timeout }), timeout + 1000, cmd, sig);
                await c.close();
                return { command: cmd, raw: 'login ok', parsed: { user: p.user, ok: true }, transport: name };
              } catch (err) {
                const e = err as ObservationError & { authFailure?: boolean };
                if (e.authFailure) return { command: cmd, raw: e.message, parsed: { user: p.user, ok: false, reason: e.message }, transport: name };
                throw err;
              }
            }
          }
          throw new ObservationError(`sql kent het gegeven '${fact}' niet (wel: ${Object.keys(FACTS).join(', ')})`);
        },
        async identity() {
          const rows = await ro(name === 'postgres' ? 'SELECT version() AS version' : 'SELECT VERSION() AS version');
          return { version: String(rows[0]?.version ?? ''), engine: name };
        },
        async close() {
          await Promise.all([...conns.values()].map((c) => c.close().catch(() => undefined)));
          conns.clear();
        },
      };
    },
  };
}

const quoteMy = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export const sqlDriver: Driver = makeSqlDriver();

/**
 * WRITE access, outside check mode: run statements as the device's account (reference solutions,
 * fault injection, test set-up). Never reachable from gather().
 */
export async function runSqlWrite(device: DeviceConfig, statements: string[], database?: string): Promise<void> {
  const c = await engineFor(engineOf(device)).connect(device, { database, timeoutMs: device.timeoutMs ?? 10_000 });
  try {
    for (const s of statements) await c.write(s);
  } finally {
    await c.close();
  }
}
