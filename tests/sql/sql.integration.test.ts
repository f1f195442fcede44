// The sql driver and checks against REAL servers started here: MariaDB (mariadbd, temp datadir,
// grant tables on) and PostgreSQL 15 (initdb + pg_ctl as postgres), both on 127.0.0.1:<free port>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlChecks } from '../../checks/sql-all.js';
import { allowQuery, runSqlWrite, sqlDriver } from '../../drivers/sql/index.js';
import { ObservationError, type DeviceConfig, type DriverSession, type Outcome } from '../../src/core/types.js';
import { createRegistry } from '../../src/core/registry.js';
import { run as runExam } from '../../src/core/runner.js';
import { decideLive, exam, lab } from '../helpers.js';
import { freePort, startMariadb, startPostgres, type Server } from './servers.js';

const sig = () => AbortSignal.timeout(20_000);
const dev = (port: number, engine: string, user: string, password: string, extra: Record<string, unknown> = {}): DeviceConfig => ({
  role: 'db', platform: 'sql', host: '127.0.0.1', port, username: user, password, timeoutMs: 8000, options: { engine, ...extra }, secrets: [password],
});

const run = (s: DriverSession, kind: string, raw: unknown): Promise<Outcome> =>
  decideLive(sqlChecks.find((x) => x.kind === kind)!, s, raw, { device: 'db', platform: 'sql' }, sig);

describe('sql allow-list', () => {
  it('admits reading statements only', () => {
    for (const q of ['SELECT 1', 'select * from t where a = 1;', "SHOW GRANTS FOR 'app'@'%'", 'WITH x AS (SELECT 1) SELECT * FROM x', "SELECT 'drop table' AS s"]) expect(allowQuery(q), q).toBe(true);
    for (const q of ['DELETE FROM t', 'SELECT 1; DROP TABLE t', 'UPDATE t SET a=1', "SELECT * INTO OUTFILE '/tmp/x' FROM t", 'SELECT * FROM t FOR UPDATE', 'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', 'SELECT pg_sleep(10)', 'GRANT ALL ON *.* TO x', 'EXPLAIN ANALYZE DELETE FROM t', 'SET GLOBAL x=1', ''])
      expect(allowQuery(q), q).toBe(false);
  });
});

describe('sql driver against a real MariaDB', () => {
  let srv: Server;
  let s: DriverSession;
  beforeAll(async () => {
    srv = await startMariadb();
    const root = dev(srv.port, 'mariadb', 'root', 'rootpw', { logins: { app: 'apppw', rapport: 'rapportpw', nobody: 'wrong' } });
    await runSqlWrite(root, [
      'CREATE DATABASE shop', 'CREATE DATABASE hr',
      'CREATE TABLE shop.klant (id INT PRIMARY KEY, naam VARCHAR(40))', "INSERT INTO shop.klant VALUES (1,'Jansen'),(2,'De Vries')",
      "CREATE USER app@'127.0.0.1' IDENTIFIED BY 'apppw'", "GRANT SELECT, INSERT, UPDATE ON shop.* TO app@'127.0.0.1'",
      "CREATE USER rapport@'127.0.0.1' IDENTIFIED BY 'rapportpw'", "GRANT SELECT ON shop.* TO rapport@'127.0.0.1'", "GRANT SELECT ON hr.* TO rapport@'127.0.0.1'",
      "CREATE USER kantoor@'10.0.0.%' IDENTIFIED BY 'x'",
    ]);
    s = await sqlDriver.connect(root, sig());
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await srv?.stop();
  }, 30_000);

  it('reports engine and version', async () => {
    const g = await s.gather('sql.server', {}, sig());
    expect(g.parsed).toMatchObject({ engine: 'mariadb', version: expect.stringMatching(/MariaDB/) });
  });

  it('users: exists, allowed hosts and denied hosts', async () => {
    expect((await run(s, 'sql.user', { name: 'app', allowed_from: ['127.0.0.1'], denied_from: ['10.0.0.5'] })).status).toBe('pass');
    expect((await run(s, 'sql.user', { name: 'kantoor', allowed_from: ['10.0.0.7'], denied_from: ['10.0.1.7'] })).status).toBe('pass');
    const far = await run(s, 'sql.user', { name: 'kantoor', allowed_from: ['192.168.1.4'] });
    expect(far.status).toBe('fail');
    expect((await run(s, 'sql.user', { name: 'ghost' })).status).toBe('fail');
    expect((await run(s, 'sql.user', { name: 'ghost', present: false })).status).toBe('pass');
  });

  it('login: right password works, wrong one is refused (a value, not an error)', async () => {
    expect((await run(s, 'sql.login', { user: 'app' })).status).toBe('pass');
    const bad = await s.gather('sql.login', { user: 'nobody' }, sig());
    expect(bad.parsed).toMatchObject({ ok: false, reason: expect.stringMatching(/inloggen geweigerd/) });
    expect((await run(s, 'sql.login', { user: 'nobody', expect: false })).status).toBe('pass');
    expect((await run(s, 'sql.login', { user: 'nobody' })).status).toBe('fail');
  });

  it('grants: least privilege on the named schema', async () => {
    const g = await s.gather('sql.grants', { user: 'app' }, sig());
    expect(g.raw).toMatch(/GRANT SELECT, INSERT, UPDATE ON `shop`\.\* TO `app`@`127\.0\.0\.1`/);
    expect((await run(s, 'sql.grants', { user: 'app', schema: 'shop', required: ['SELECT', 'INSERT', 'UPDATE'] })).status).toBe('pass');
    const tooMuch = await run(s, 'sql.grants', { user: 'app', schema: 'shop', required: ['SELECT'] });
    expect(tooMuch.status).toBe('fail');
    expect(tooMuch.message).toMatch(/meer rechten dan nodig: INSERT op shop\.\*/);
    const other = await run(s, 'sql.grants', { user: 'rapport', schema: 'shop', required: ['SELECT'] });
    expect(other).toMatchObject({ status: 'fail', message: expect.stringMatching(/SELECT op hr\.\*/) });
    expect((await run(s, 'sql.grants', { user: 'root', schema: 'shop', required: ['SELECT'] })).status).toBe('fail');
    expect((await run(s, 'sql.grants', { user: 'app', schema: 'shop', required: ['DELETE'], allowed: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] })).message).toMatch(/mist DELETE/);
  });

  it('remote root: root@127.0.0.1 and localhost are local; root@% fails', async () => {
    expect((await run(s, 'sql.remote-root', {})).status).toBe('pass');
    await runSqlWrite(dev(srv.port, 'mariadb', 'root', 'rootpw'), ["CREATE USER root@'%' IDENTIFIED BY 'zwak'"]);
    const r = await run(s, 'sql.remote-root', {});
    expect(r).toMatchObject({ status: 'fail', message: expect.stringMatching(/root mag inloggen vanaf %/) });
    await runSqlWrite(dev(srv.port, 'mariadb', 'root', 'rootpw'), ["DROP USER root@'%'"]);
  });

  it('query: expected rows, read-only enforced before sending and by the server', async () => {
    expect((await run(s, 'sql.query', { sql: 'SELECT id, naam FROM shop.klant ORDER BY id', rows: [{ id: 1, naam: 'Jansen' }, { id: 2, naam: 'De Vries' }] })).status).toBe('pass');
    expect((await run(s, 'sql.query', { sql: 'SELECT naam FROM shop.klant', rows: [{ naam: 'Jansen' }] })).status).toBe('fail');
    expect((await run(s, 'sql.query', { sql: 'SELECT naam FROM shop.klant', rows: [{ naam: 'Jansen' }], subset: true })).status).toBe('pass');
    await expect(s.gather('sql.query', { sql: 'DELETE FROM shop.klant' }, sig())).rejects.toThrow(/alleen SELECT\/SHOW/);
    // A function with side effects is not caught by the word list but the READ ONLY transaction stops writes:
    await expect(s.gather('sql.query', { sql: "SELECT naam FROM shop.klant WHERE id = 1 AND (SELECT 1) = 1" }, sig())).resolves.toBeTruthy();
    const after = await s.gather('sql.query', { sql: 'SELECT COUNT(*) AS n FROM shop.klant' }, sig());
    expect(after.parsed).toMatchObject({ rows: [{ n: 2 }] });
  });

  it('through the runner: an exam with database criteria (P2-K1-W3), secrets kept out of evidence', async () => {
    const e = exam(`
id: db-t
title: Databases
dossier: d
werkprocessen: [P2-K1-W3]
roles: { db: sql }
criteria:
  - { id: user, title: Gebruiker app alleen lokaal, check: { kind: sql.user, device: db, name: app, allowed_from: [127.0.0.1], denied_from: [10.1.1.1] } }
  - { id: grants, title: Minimale rechten, check: { kind: sql.grants, device: db, user: app, schema: shop, required: [SELECT, INSERT, UPDATE] } }
  - { id: root, title: Root niet op afstand, check: { kind: sql.remote-root, device: db } }
  - { id: login, title: App kan inloggen, check: { kind: sql.login, device: db, user: app } }
  - { id: rows, title: Klanten aanwezig, check: { kind: sql.query, device: db, sql: "SELECT naam FROM shop.klant", rows: [{ naam: Jansen }, { naam: De Vries }] } }
  - { id: least, title: Rapport alleen shop, check: { kind: sql.grants, device: db, user: rapport, schema: shop, required: [SELECT] } }
`);
    const l = lab(`
name: t
credentials: { dbroot: { username: root, password: { env: DB_PW } } }
pods:
  - id: p1
    devices: { db: { platform: sql, host: 127.0.0.1, port: ${srv.port}, credentials: dbroot, options: { engine: mariadb, logins: { app: apppw } } } }
`);
    const r = await runExam({ exams: [e], lab: l, registry: createRegistry(), env: { DB_PW: 'rootpw' } });
    const st = Object.fromEntries(r.results[0]!.criteria.map((c) => [c.id, c.status]));
    expect(st).toEqual({ user: 'pass', grants: 'pass', root: 'pass', login: 'pass', rows: 'pass', least: 'fail' });
    expect(r.results[0]!.devices[0]!.identity?.version).toMatch(/MariaDB/);
    expect(JSON.stringify(r.observations)).not.toContain('rootpw');
  });

  it('permission denied, wrong password and unreachable are errors with the reason', async () => {
    const rap = await sqlDriver.connect(dev(srv.port, 'mariadb', 'rapport', 'rapportpw'), sig());
    try {
      await expect(rap.gather('sql.users', {}, sig())).rejects.toThrow(/geen rechten/);
      const out = await run(rap, 'sql.user', { name: 'app' });
      expect(out).toMatchObject({ status: 'error', message: expect.stringMatching(/geen rechten/) });
    } finally {
      await rap.close();
    }
    await expect(sqlDriver.connect(dev(srv.port, 'mariadb', 'app', 'fout'), sig())).rejects.toThrow(/inloggen geweigerd/);
    const dead = await freePort();
    await expect(sqlDriver.connect(dev(dead, 'mariadb', 'app', 'x'), sig())).rejects.toThrow(/verbinding geweigerd/);
    await expect(sqlDriver.connect(dev(dead, 'mariadb', 'app', 'x'), sig())).rejects.toBeInstanceOf(ObservationError);
  });
});

describe('sql driver against a real PostgreSQL', () => {
  let srv: Server;
  let s: DriverSession;
  beforeAll(async () => {
    srv = await startPostgres(['host all postgres 0.0.0.0/0 reject', 'host shop app 10.0.0.0/24 scram-sha-256', 'host all beheer 0.0.0.0/0 scram-sha-256']);
    const su = dev(srv.port, 'postgres', 'postgres', 'pgpw', { logins: { app: 'apppw', nobody: 'wrong' } });
    await runSqlWrite(su, ['CREATE DATABASE shop', "CREATE ROLE app LOGIN PASSWORD 'apppw'", "CREATE ROLE beheer LOGIN PASSWORD 'b' CREATEDB"]);
    await runSqlWrite(su, ['CREATE TABLE klant (id int primary key, naam text)', "INSERT INTO klant VALUES (1,'Jansen'),(2,'De Vries')", 'CREATE TABLE geheim (x int)', 'GRANT SELECT, INSERT ON klant TO app', 'GRANT SELECT ON geheim TO beheer'], 'shop');
    s = await sqlDriver.connect(su, sig());
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await srv?.stop();
  }, 40_000);

  it('roles and pg_hba: app only from 127.0.0.1 and 10.0.0.0/24; postgres remote rejected', async () => {
    const u = await s.gather('sql.users', {}, sig());
    expect(u.parsed).toMatchObject({ engine: 'postgres', hba: expect.arrayContaining([expect.objectContaining({ method: 'reject', users: ['postgres'] })]) });
    expect((await run(s, 'sql.user', { name: 'app', allowed_from: ['127.0.0.1', '10.0.0.8'], denied_from: ['192.168.5.5'] })).status).toBe('pass');
    expect((await run(s, 'sql.remote-root', {})).status).toBe('pass');
    expect((await run(s, 'sql.remote-root', { user: 'beheer' })).status).toBe('fail');
  });

  it('grants on schema public (tables) and role attributes', async () => {
    expect((await run(s, 'sql.grants', { user: 'app', schema: 'public', database: 'shop', required: ['SELECT', 'INSERT'] })).status).toBe('pass');
    expect((await run(s, 'sql.grants', { user: 'app', schema: 'public', database: 'shop', required: ['SELECT'] })).status).toBe('fail');
    const b = await run(s, 'sql.grants', { user: 'beheer', schema: 'public', database: 'shop', required: ['SELECT'] });
    expect(b).toMatchObject({ status: 'fail', message: expect.stringMatching(/CREATEDB/) });
  });

  it('query in another database, login, and errors', async () => {
    expect((await run(s, 'sql.query', { sql: 'SELECT naam FROM klant ORDER BY id', database: 'shop', rows: [{ naam: 'Jansen' }, { naam: 'De Vries' }], ordered: true })).status).toBe('pass');
    expect((await run(s, 'sql.login', { user: 'app', database: 'shop' })).status).toBe('pass');
    expect((await run(s, 'sql.login', { user: 'nobody', expect: false })).status).toBe('pass');
    const app = await sqlDriver.connect(dev(srv.port, 'postgres', 'app', 'apppw', { database: 'shop' }), sig());
    try {
      await expect(app.gather('sql.query', { sql: 'SELECT * FROM geheim' }, sig())).rejects.toThrow(/geen rechten/);
    } finally {
      await app.close();
    }
    await expect(sqlDriver.connect(dev(srv.port, 'postgres', 'app', 'fout'), sig())).rejects.toThrow(/inloggen geweigerd/);
  });
});
