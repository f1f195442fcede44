// Central deployment on a REAL PostgreSQL (started here on loopback): the server puts check jobs on a
// pg-boss queue; two `proeflab runner` child processes (the real CLI, bundled for the test) take them
// over HTTP with per-location tokens. Runner A is killed (SIGKILL) mid-job: its lease lapses, pg-boss
// hands the job to runner B, which resumes from A's observations. Every pod's result arrives once;
// no observation or verdict is lost or doubled.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { CentralQueue } from '../../src/server/central.js';
import type { RunResult } from '../../src/model/result.js';
import { createDemoSession, createUser, login, makeServer, PASSWORD, setupAdmin, startDemoLab, type Client } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A throw-away PostgreSQL cluster on 127.0.0.1 (Debian's binaries, run as the postgres user). */
async function startPostgres() {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(join(d, 'initdb')));
  if (!bin) throw new Error('PostgreSQL could not start: no initdb under /usr/lib/postgresql (install Debian package `postgresql`)');
  const dir = mkdtempSync('/tmp/proeflab-pg-');
  const port = await freePort();
  const as = (cmd: string, args: string[]) => {
    try {
      return execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').slice(-2000) : '';
      throw new Error(`PostgreSQL could not start: ${cmd} failed: ${e.stderr || e.message}\n${log}`);
    }
  };
  mkdirSync(join(dir, 'sock'));
  execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  as('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-N', '-E', 'UTF8']);
  as('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-t', '30', 'start', '-o', `-p ${port} -k ${join(dir, 'sock')} -c listen_addresses=127.0.0.1 -c fsync=off`]);
  as('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'proeflab']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/proeflab`,
    stop() {
      try {
        execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', timeout: 30_000 });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The real CLI as one ESM file (rolldown, bundled with vite) so runners can be child processes. */
async function bundleCli(dir: string): Promise<string> {
  const { build } = await import('rolldown');
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `import { main } from ${JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'))};\nprocess.exitCode = await main(process.argv);\n`);
  await build({
    input: entry,
    platform: 'node',
    logLevel: 'silent',
    // Packages stay in node_modules; rolldown's own helpers (tagged templates) are bundled.
    external: (id) => !id.startsWith('@oxc-project/runtime') && !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    output: { dir: join(dir, 'out'), format: 'esm' },
    // Modules find repository files from their own location: keep each module's own URL.
    plugins: [{ name: 'keep-module-url', transform: (code: string, id: string) => (code.includes('import.meta.url') ? code.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(id).href)) : null) }],
  });
  return join(dir, 'out', 'entry.js');
}

/**
 * Between runner A and the server: passes everything on until A has delivered `passEvents` event
 * batches with observations in them, then holds every later request (no answer): A is stuck mid-job, the server has part of
 * its observations, and the test kills it there.
 */
function holdingProxy(target: string, passEvents: number) {
  let eventPosts = 0; // batches passed that carried observations
  const held: http.ServerResponse[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.url!.includes('/leases/') && (req.url!.endsWith('/finish') || eventPosts >= passEvents)) {
      held.push(res);
      return;
    }
    if (req.url!.endsWith('/events') && Buffer.concat(chunks).toString().includes('"fact-done"')) eventPosts++;
    try {
      const r = await fetch(target + req.url, { method: req.method, headers: { authorization: String(req.headers.authorization ?? ''), 'content-type': String(req.headers['content-type'] ?? 'application/json') }, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/plain' });
      res.end(Buffer.from(await r.arrayBuffer()));
    } catch {
      res.destroy();
    }
  });
  return {
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`))),
    get heldCount() {
      return held.length;
    },
    close() {
      held.forEach((r) => r.destroy());
      server.closeAllConnections();
      server.close();
    },
  };
}

let diag: (() => string) | undefined;
async function until<T>(what: string, f: () => T | Promise<T>, ms = 30_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${diag ? `\n${diag()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('central deployment: pg-boss queue, two remote runners, one dies mid-job', () => {
  let pgc: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let queue: CentralQueue | undefined;
  let ctx: Awaited<ReturnType<typeof makeServer>> | undefined;
  let demo: Awaited<ReturnType<typeof startDemoLab>> | undefined;
  let proxy: ReturnType<typeof holdingProxy> | undefined;
  let bundleDir: string | undefined;
  let cli = '';
  let base = '';
  let admin: Client;
  const children: ChildProcess[] = [];
  const logs = new Map<string, string>();
  const tokens: Record<string, string> = {};

  const startRunner = (name: string, server: string, token: string, extra: string[] = []) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), [cli, 'runner', '--server', server, '--token', token, ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    logs.set(name, '');
    child.stderr!.on('data', (d) => logs.set(name, logs.get(name)! + String(d)));
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    diag = () => [...logs].map(([k, v]) => `runner ${k}:\n${v.slice(-3000)}`).join('\n') + children.map((c) => ` exit=${c.exitCode}/${c.signalCode}`).join('') + `\nruns: ${JSON.stringify(ctx?.server.db.all('SELECT status, error FROM session_runs'))} leases: ${JSON.stringify(queue?.leaseList())}`;
    pgc = await startPostgres();
    mkdirSync(join(ROOT, 'tests', '.tmp'), { recursive: true });
    bundleDir = mkdtempSync(join(ROOT, 'tests', '.tmp', 'central-cli-'));
    cli = await bundleCli(bundleDir);
    queue = await new CentralQueue({ connectionString: pgc.url, leaseMs: 2000, pollMs: 5000 }).start();
    ctx = await makeServer({ jobRunner: queue.factory() });
    base = await ctx.server.app.listen({ host: '127.0.0.1', port: 0 });
    demo = await startDemoLab(join(ctx.dir, 'demo'));
    admin = await setupAdmin(ctx.server.app, ctx.server.setupToken);
  }, 80_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    proxy?.close();
    await ctx?.close();
    await demo?.close();
    pgc?.stop();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  }, 30_000);

  it('the administrator makes a token per location: shown once, hashed at rest, revocable, audit-logged', async () => {
    for (const loc of ['Locatie A', 'Locatie B', 'Locatie C']) {
      await admin.get('/admin/runners');
      const r = await admin.post('/admin/runners', { location: loc });
      expect(r.statusCode).toBe(200);
      tokens[loc] = /plr_[0-9a-f]{12}_[A-Za-z0-9_-]+/.exec(r.body)![0];
    }
    const rows = ctx!.server.db.all<{ id: string; hash: string; location: string }>('SELECT id, hash, location FROM runner_tokens');
    expect(rows.map((r) => r.location)).toEqual(['Locatie A', 'Locatie B', 'Locatie C']);
    const dump = JSON.stringify(ctx!.server.db.all('SELECT * FROM runner_tokens'));
    for (const t of Object.values(tokens)) expect(dump).not.toContain(t.split('_')[2]);
    // The page lists the locations but never shows a token again.
    const list = await admin.get('/admin/runners');
    expect(list.body).toContain('Locatie C');
    expect(list.body).not.toMatch(/plr_[0-9a-f]{12}_/);

    const next = (t: string) => fetch(`${base}/api/runner/next?wait=0`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: '{}' });
    expect((await next(tokens['Locatie C'])).status).toBe(204);
    const cId = rows.find((r) => r.location === 'Locatie C')!.id;
    await admin.get('/admin/runners');
    expect((await admin.post(`/admin/runners/${cId}/revoke`)).statusCode).toBe(303);
    expect((await next(tokens['Locatie C'])).status).toBe(401);
    expect((await next(tokens['Locatie A'].slice(0, -2) + 'xx')).status).toBe(401);
    expect((await next('')).status).toBe(401);
    // Only administrators manage tokens.
    await createUser(admin, 'exa', 'examiner');
    const exa = await login(ctx!.server.app, 'exa', PASSWORD);
    await exa.get('/');
    expect((await exa.post('/admin/runners', { location: 'X' })).statusCode).toBe(403);

    const audit = ctx!.server.db.all<{ actor: string; action: string; status: number; detail: string }>('SELECT actor, action, status, detail FROM audit');
    expect(audit.filter((a) => a.action === 'POST /admin/runners' && a.status === 200 && a.actor === 'user:beheer')).toHaveLength(3);
    expect(audit.some((a) => a.action === 'POST /admin/runners/:id/revoke' && a.status === 303 && a.detail.includes(cId))).toBe(true);
    expect(audit.some((a) => a.action === 'POST /api/runner/next' && a.status === 401)).toBe(true);
    expect(audit.some((a) => a.action === 'POST /admin/runners' && a.status === 403 && a.actor === 'user:exa')).toBe(true);
  });

  it('a final run for all pods: runner A is killed mid-job, runner B takes over, each pod once, nothing lost or doubled', async () => {
    const exa = await login(ctx!.server.app, 'exa', PASSWORD);
    const id = await createDemoSession(exa, demo!.labFile);
    await exa.get(`/sessions/${id}`);

    // Runner A (through the holding proxy, small batches) takes the job and delivers part of it.
    proxy = holdingProxy(base, 2);
    const a = startRunner('A', await proxy.listen(), tokens['Locatie A'], ['--batch', '4']);
    await until('runner A to connect', () => logs.get('A')!.includes('wacht op taken'));
    expect((await exa.post(`/sessions/${id}/runs`, { phase: 'eindmeting' })).statusCode).toBe(303);
    const runId = ctx!.server.db.get<{ run_id: string }>('SELECT run_id FROM session_runs WHERE session_id = ?', id)!.run_id;
    await until('runner A to hold the job', () => queue!.leaseList().some((l) => l.job === runId && l.location === 'Locatie A'));
    await until('runner A to be stuck mid-job', () => proxy!.heldCount > 0);
    const fromA = ctx!.server.db.store.observationCount(runId);
    const verdictsFromA = ctx!.server.db.get<{ n: number }>('SELECT count(*) AS n FROM verdicts WHERE run_id = ?', runId)!.n;
    expect(fromA, 'runner A delivered some observations before it died').toBeGreaterThan(0);
    const leaseA = queue!.leaseList().find((l) => l.job === runId)!.lease;

    // Runner B is waiting; A dies without a word.
    startRunner('B', base, tokens['Locatie B']);
    await until('runner B to connect', () => logs.get('B')!.includes('wacht op taken'));
    a.kill('SIGKILL');
    await until('runner A to die', () => a.signalCode === 'SIGKILL');

    const run = await until('the run to finish', () => ctx!.server.db.get<{ status: string; error: string | null }>("SELECT status, error FROM session_runs WHERE run_id = ? AND status IN ('done', 'error')", runId), 40_000);
    expect(run, logs.get('B')).toEqual({ status: 'done', error: null });
    expect(logs.get('B')).toMatch(/taken over, \d+ observations already in/);

    // Every pod's result exactly once.
    const result = JSON.parse(ctx!.server.db.get<{ result: string }>('SELECT result FROM runs WHERE id = ?', runId)!.result) as RunResult;
    expect(result.results.map((r) => r.pod).sort()).toEqual(['pod01', 'pod02']);

    // Observations: the store holds exactly the result's observations, each once; part came from A.
    const stored = ctx!.server.db.all<{ id: string }>('SELECT id FROM observations WHERE run_id = ?', runId).map((r) => r.id);
    const inResult = result.observations.map((o) => o.id);
    expect(new Set(inResult).size).toBe(inResult.length);
    expect(stored.sort()).toEqual([...inResult].sort());
    expect(fromA).toBeLessThan(stored.length);
    for (const pr of result.results) for (const c of pr.criteria) for (const o of c.observations) expect(stored).toContain(o);

    // Verdicts: one per criterion per pod, the live counters saw each once, equal to the result.
    const verdicts = ctx!.server.db.all<{ pod: string; criterion: string; status: string }>('SELECT pod, criterion, status FROM verdicts WHERE run_id = ? ORDER BY pod, criterion', runId);
    const expected = result.results.flatMap((pr) => pr.criteria.map((c) => ({ pod: pr.pod, criterion: c.id, status: c.status }))).sort((x, y) => (x.pod + x.criterion).localeCompare(y.pod + y.criterion));
    expect(verdicts).toEqual(expected);
    for (const pod of ['pod01', 'pod02']) {
      const live = ctx!.server.hub.snapshot(id).find((p) => p.pod === pod)!;
      const pr = result.results.find((r) => r.pod === pod)!;
      expect(live.state).toBe('done');
      expect(live.decided).toBe(pr.criteria.length);
      expect(live.pass + live.fail + live.error).toBeLessThanOrEqual(live.decided);
    }
    // What A had already delivered and B sent again was recognised, not counted twice.
    if (verdictsFromA > 0) expect(queue!.stats.duplicates).toBeGreaterThanOrEqual(verdictsFromA);
    expect(queue!.stats.leasesLapsed).toBe(1);

    // In pg-boss: one job, completed after one retry (the take-over).
    const client = new pg.Client({ connectionString: pgc!.url });
    await client.connect();
    try {
      const jobs = (await client.query("SELECT state, retry_count FROM pgboss.job WHERE name = 'proeflab-checks'")).rows;
      expect(jobs).toEqual([{ state: 'completed', retry_count: 1 }]);
    } finally {
      await client.end();
    }

    // A runner that lost its lease is refused (409), so a late finish cannot double the result.
    const late = await fetch(`${base}/api/runner/leases/${leaseA}/finish`, { method: 'POST', headers: { authorization: `Bearer ${tokens['Locatie A']}`, 'content-type': 'application/json' }, body: JSON.stringify({ result }) });
    expect(late.status).toBe(409);
    expect(ctx!.server.db.get<{ n: number }>('SELECT count(*) AS n FROM session_runs WHERE session_id = ?', id)!.n).toBe(1);

    // The audit log tells the story: A's lease lapsed, B finished the job.
    const audit = ctx!.server.db.all<{ actor: string; action: string; status: number }>('SELECT actor, action, status FROM audit');
    expect(audit.some((x) => x.actor === 'runner:Locatie A' && x.action === 'runner lease lapsed')).toBe(true);
    expect(audit.filter((x) => x.action === 'POST /api/runner/leases/:lease/finish' && x.status === 200).map((x) => x.actor)).toEqual(['runner:Locatie B']);
    expect(queue!.pending()).toBe(0);
  }, 80_000);
});
