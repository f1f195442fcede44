// Central deployment: one server for several exam locations whose labs it cannot reach.
//
// The server owns a pg-boss queue on PostgreSQL (the queue engine; nothing home-made about
// delivery, retry or expiry). `proeflab runner` processes in the locations connect OUT to the
// server's HTTPS API with a per-location bearer token: they long-poll for a job, stream the
// engine's RunEvents back in batches (each batch is also the lease's heartbeat) and post the
// result. Runners never hold database credentials; the server never connects to a lab.
//
// Take-over: a job fetched from pg-boss is held under a lease. A lease that has not been heard
// from for `leaseMs` is failed in pg-boss (retryLimit, retryDelay 0), so the next runner's
// fetch gets the job again, with the observations recorded so far (the engine's `resumeFrom`):
// facts already observed are not fetched again. pg-boss's own job expiry is the backstop
// (e.g. a server restart with a job active).
//
// Idempotency: events are accepted only from the job's current lease (a runner that lost its
// lease gets 409 and stops). Observations are keyed by (run id, observation id) and verdicts by
// (run id, pod, exam, criterion) in the run store; an event whose key is already recorded is not
// passed on again, so the live counters and the store see each observation and verdict once.
// A job finishes once: later finish calls for it are acknowledged and ignored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import PgBoss from 'pg-boss';
import type { RunEvent } from '../core/runner.js';
import type { Observation } from '../core/types.js';
import { errorMessage } from '../core/util.js';
import type { RunResult } from '../model/result.js';
import { requireUser } from './auth.js';
import type { ServerDb } from './db.js';
import { csrfField, errorPage, html, langOf, page, wordsFor } from './html.js';
import type { CheckJob, JobInputs, JobListener, JobRunner } from './jobs.js';

export const RUNNER_API = '/api/runner';

const RUNNER_WORDS = {
  nl: { title: 'Runners per locatie', tokenFor: 'Token voor', shownOnce: 'wordt maar één keer getoond', location: 'Locatie', created: 'Aangemaakt', lastSeen: 'Laatst gezien', revoked: 'ingetrokken', revoke: 'Intrekken', newToken: 'Nieuw runner-token' },
  en: { title: 'Runners per location', tokenFor: 'Token for', shownOnce: 'shown only once', location: 'Location', created: 'Created', lastSeen: 'Last seen', revoked: 'revoked', revoke: 'Revoke', newToken: 'New runner token' },
} as const;

/** What a runner gets with a job: everything to run it against its own lab. */
export interface RunnerAssignment {
  lease: string;
  job: CheckJob;
  /** Exams and lab inventory as YAML values (the runner writes the lab next to its own secrets). */
  exams: { file: string; value: unknown; source: string; sha256: string }[];
  lab: { file: string; value: unknown; source: string; sha256: string };
  lang: 'nl' | 'en';
  /** Observations an earlier runner already delivered for this job (take-over). */
  resumeFrom: Observation[];
  /** Send something (events or an empty batch) at least this often. */
  heartbeatMs: number;
}

interface Lease {
  id: string;
  bossId: string;
  job: CheckJob;
  tokenId: string;
  location: string;
  lastSeen: number;
}

interface TokenRow {
  id: string;
  location: string;
  hash: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  last_seen: string | null;
}

export interface CentralQueueOptions {
  /** postgres://… of the database that holds the pg-boss queue. */
  connectionString: string;
  queue?: string;
  /** A lease not heard from for this long is given to another runner (default 30 s). */
  leaseMs?: number;
  /** Times a job is handed out again after its runner disappeared (default 3). */
  retryLimit?: number;
  /** pg-boss expiry of an active job, the backstop when the server itself stops (default 2 h). */
  expireInSeconds?: number;
  /** Longest long-poll for a job (default 25 s). */
  pollMs?: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Token table in the server's database (hashed at rest, revocable). */
export function ensureTokenTable(db: ServerDb) {
  db.db.exec(`CREATE TABLE IF NOT EXISTS runner_tokens (
    id TEXT PRIMARY KEY, location TEXT NOT NULL, hash TEXT NOT NULL, created_at TEXT NOT NULL,
    created_by TEXT, revoked_at TEXT, last_seen TEXT)`);
}

/** Make a token for a location: returns the token (shown once); only its hash is stored. */
export function createRunnerToken(db: ServerDb, location: string, createdBy: string): { id: string; token: string } {
  ensureTokenTable(db);
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  db.run('INSERT INTO runner_tokens (id, location, hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)', id, location, sha256(secret), new Date().toISOString(), createdBy);
  return { id, token: `plr_${id}_${secret}` };
}

export function revokeRunnerToken(db: ServerDb, id: string): boolean {
  ensureTokenTable(db);
  return Number(db.run('UPDATE runner_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', new Date().toISOString(), id).changes) > 0;
}

/** The token's row if the bearer token is valid and not revoked. */
export function checkRunnerToken(db: ServerDb, header: string | undefined): TokenRow | undefined {
  const m = /^Bearer plr_([0-9a-f]{12})_([A-Za-z0-9_-]{20,})$/.exec(header ?? '');
  if (!m) return undefined;
  const row = db.get<TokenRow>('SELECT * FROM runner_tokens WHERE id = ?', m[1]);
  if (!row || row.revoked_at) return undefined;
  const a = Buffer.from(sha256(m[2]), 'hex');
  const b = Buffer.from(row.hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b) ? row : undefined;
}

export class CentralQueue implements JobRunner {
  readonly boss: PgBoss;
  readonly queue: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private inputs!: (job: CheckJob) => JobInputs;
  private listener!: JobListener;
  private db!: ServerDb;
  private readonly leases = new Map<string, Lease>();
  /** CheckJob ids submitted and not yet finished or failed. */
  private readonly open = new Map<string, CheckJob>();
  private readonly started = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  private monitor?: NodeJS.Timeout;
  private closed = false;
  private sends: Promise<unknown>[] = [];
  /** Events passed on and events dropped as already recorded (status, tests). */
  readonly stats = { accepted: 0, duplicates: 0, leasesLapsed: 0 };

  constructor(private readonly o: CentralQueueOptions) {
    this.queue = o.queue ?? 'proeflab-checks';
    this.leaseMs = o.leaseMs ?? 30_000;
    this.pollMs = o.pollMs ?? 25_000;
    this.boss = new PgBoss({ connectionString: o.connectionString, schema: 'pgboss' });
    this.boss.on('error', (err) => this.db?.audit({ actor: 'server', action: 'queue error', detail: { error: errorMessage(err) } }));
  }

  async start() {
    await this.boss.start();
    await this.boss.createQueue(this.queue, {
      name: this.queue,
      retryLimit: this.o.retryLimit ?? 3,
      retryDelay: 0,
      expireInSeconds: this.o.expireInSeconds ?? 7200,
    } as PgBoss.Queue);
    return this;
  }

  /** For `buildServer({ jobRunner })`. */
  factory() {
    return (inputs: (job: CheckJob) => JobInputs, listener: JobListener, ctx?: { db: ServerDb }) => {
      if (!ctx) throw new Error('CentralQueue needs the server database');
      this.inputs = inputs;
      this.listener = listener;
      this.db = ctx.db;
      ensureTokenTable(ctx.db);
      this.monitor = setInterval(() => void this.reapLeases(), Math.max(200, Math.floor(this.leaseMs / 4)));
      this.monitor.unref();
      return this;
    };
  }

  submit(job: CheckJob) {
    if (this.closed) throw new Error('job runner is closed');
    this.open.set(job.id, job);
    const p = this.boss
      .send(this.queue, job as unknown as object)
      .then((id) => {
        if (!id) throw new Error('queue refused the job');
      })
      .catch((err) => this.fail(job, `wachtrij: ${errorMessage(err)}`));
    this.sends.push(p);
  }

  pending() {
    return this.open.size;
  }

  idle(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  async close() {
    this.closed = true;
    if (this.monitor) clearInterval(this.monitor);
    await Promise.allSettled(this.sends);
    await this.boss.stop({ graceful: false, wait: true, timeout: 2000 } as PgBoss.StopOptions).catch(() => {});
    this.idleWaiters.splice(0).forEach((r) => r());
  }

  /** Leases currently held (tests, status page). */
  leaseList(): { lease: string; job: string; location: string; tokenId: string }[] {
    return [...this.leases.values()].map((l) => ({ lease: l.id, job: l.job.id, location: l.location, tokenId: l.tokenId }));
  }

  private settle(jobId: string) {
    this.open.delete(jobId);
    this.started.delete(jobId);
    if (this.open.size === 0) this.idleWaiters.splice(0).forEach((r) => r());
  }

  private isFinished(jobId: string): boolean {
    const row = this.db.get<{ status: string }>('SELECT status FROM session_runs WHERE run_id = ?', jobId);
    return !!row && (row.status === 'done' || row.status === 'error');
  }

  private fail(job: CheckJob, error: string) {
    if (!this.isFinished(job.id)) this.listener.failed(job, error);
    this.settle(job.id);
  }

  /** Leases not heard from: fail them in pg-boss so the job is handed out again (or fails for good). */
  private async reapLeases() {
    const now = Date.now();
    for (const l of [...this.leases.values()]) {
      if (now - l.lastSeen < this.leaseMs) continue;
      this.leases.delete(l.id);
      this.stats.leasesLapsed++;
      this.db.audit({ actor: `runner:${l.location}`, action: 'runner lease lapsed', sessionId: l.job.sessionId, detail: { job: l.job.id, lease: l.id } });
      try {
        await this.boss.fail(this.queue, l.bossId, { reason: `runner ${l.location} gave no sign of life for ${this.leaseMs} ms` });
        const j = await this.boss.getJobById(this.queue, l.bossId);
        if (j?.state === 'failed') this.fail(l.job, `geen runner kon de taak voltooien (laatst: ${l.location})`);
      } catch (err) {
        this.db.audit({ actor: 'server', action: 'queue error', detail: { error: errorMessage(err) } });
      }
    }
  }

  /** Take a job from pg-boss for a runner (undefined: none within the wait). */
  private async take(token: TokenRow, waitMs: number, gone: () => boolean): Promise<RunnerAssignment | undefined> {
    const deadline = Date.now() + waitMs;
    while (!this.closed && !gone()) {
      const [j] = await this.boss.fetch<CheckJob>(this.queue, { batchSize: 1 });
      if (j) {
        const job = j.data;
        if (this.isFinished(job.id)) {
          // Finished by a runner whose lease had lapsed just before; nothing left to do.
          await this.boss.complete(this.queue, j.id).catch(() => {});
          continue;
        }
        let inputs: JobInputs;
        try {
          inputs = this.inputs(job);
        } catch (err) {
          await this.boss.complete(this.queue, j.id).catch(() => {});
          this.fail(job, errorMessage(err));
          continue;
        }
        for (const l of this.leases.values()) if (l.job.id === job.id) this.leases.delete(l.id);
        const lease: Lease = { id: randomBytes(16).toString('hex'), bossId: j.id, job, tokenId: token.id, location: token.location, lastSeen: Date.now() };
        this.leases.set(lease.id, lease);
        const resumeFrom = this.db.store.run(job.id) ? this.db.store.observations(job.id) : [];
        if (!this.started.has(job.id)) {
          this.started.add(job.id);
          this.listener.started(job);
        }
        const yamlOf = (y: { file: string; value: unknown; source: string; sha256: string }) => ({ file: y.file, value: y.value, source: y.source, sha256: y.sha256 });
        return { lease: lease.id, job, exams: inputs.exams.map(yamlOf), lab: yamlOf(inputs.lab), lang: inputs.lang, resumeFrom, heartbeatMs: Math.max(100, Math.floor(this.leaseMs / 3)) };
      }
      if (Date.now() >= deadline) return undefined;
      await new Promise((r) => setTimeout(r, Math.min(250, Math.max(0, deadline - Date.now()))));
    }
    return undefined;
  }

  /** Pass on the events not seen before (dedupe by observation id and verdict key). */
  private accept(lease: Lease, events: RunEvent[]): { accepted: number; duplicates: number } {
    const runId = lease.job.id;
    const known = !!this.db.store.run(runId);
    let accepted = 0;
    let duplicates = 0;
    for (const e of events) {
      let dup = false;
      if (known && e.type === 'fact-done') {
        const prior = this.db.get<{ error: string | null }>('SELECT error FROM observations WHERE run_id = ? AND id = ?', runId, e.observation.id);
        // A fact that could not be observed before may be observed now (same id, next try).
        dup = !!prior && (prior.error === null || !!e.observation.error);
      } else if (known && e.type === 'criterion') {
        dup = !!this.db.get('SELECT 1 FROM verdicts WHERE run_id = ? AND pod = ? AND exam = ? AND criterion = ?', runId, e.pod, e.exam, e.result.id);
      } else if (e.type === 'plan' && this.started.has(`plan:${runId}`)) {
        dup = true;
      }
      if (dup) {
        duplicates++;
        continue;
      }
      if (e.type === 'plan') this.started.add(`plan:${runId}`);
      this.listener.event(lease.job, e);
      accepted++;
    }
    this.stats.accepted += accepted;
    this.stats.duplicates += duplicates;
    return { accepted, duplicates };
  }

  /** The runner API (bearer token; no cookies, so no CSRF) and the administrator's token page. */
  routes() {
    return async (app: FastifyInstance) => {
      const auth = (req: FastifyRequest, reply: FastifyReply): TokenRow | undefined => {
        const row = checkRunnerToken(this.db, req.headers.authorization);
        if (!row) {
          req.auditActor = 'runner:?';
          void reply.code(401).send({ error: 'ongeldig of ingetrokken runner-token' });
          return undefined;
        }
        req.auditActor = `runner:${row.location}`;
        this.db.run('UPDATE runner_tokens SET last_seen = ? WHERE id = ?', new Date().toISOString(), row.id);
        return row;
      };
      const leaseOf = (req: FastifyRequest, reply: FastifyReply, token: TokenRow): Lease | undefined => {
        const l = this.leases.get((req.params as { lease: string }).lease);
        if (!l || l.tokenId !== token.id) {
          void reply.code(409).send({ error: 'lease lost: the job was given to another runner' });
          return undefined;
        }
        req.auditSession = l.job.sessionId;
        return l;
      };
      const quiet = { config: { csrf: false, audit: 'errors' } };

      app.post(`${RUNNER_API}/next`, { config: { csrf: false } }, async (req, reply) => {
        const token = auth(req, reply);
        if (!token) return reply;
        const wait = Math.min(this.pollMs, Math.max(0, Number((req.query as { wait?: string }).wait ?? this.pollMs)));
        let gone = false;
        reply.raw.once('close', () => (gone = true));
        const a = await this.take(token, wait, () => gone);
        if (gone && a) {
          // The runner hung up while the job was being handed out: let the lease lapse quickly.
          const l = this.leases.get(a.lease);
          if (l) l.lastSeen = 0;
        }
        if (!a) {
          req.auditDetail = { idle: true };
          return reply.code(204).send();
        }
        req.auditSession = a.job.sessionId;
        req.auditDetail = { job: a.job.id, pods: a.job.pods, resumed: a.resumeFrom.length };
        return a;
      });

      app.post(`${RUNNER_API}/leases/:lease/events`, quiet, async (req, reply) => {
        const token = auth(req, reply);
        if (!token) return reply;
        const l = leaseOf(req, reply, token);
        if (!l) return reply;
        l.lastSeen = Date.now();
        const events = ((req.body ?? {}) as { events?: RunEvent[] }).events ?? [];
        if (!Array.isArray(events)) return reply.code(400).send({ error: 'events must be a list' });
        return this.accept(l, events);
      });

      app.post(`${RUNNER_API}/leases/:lease/finish`, { config: { csrf: false } }, async (req, reply) => {
        const token = auth(req, reply);
        if (!token) return reply;
        const l = leaseOf(req, reply, token);
        if (!l) return reply;
        const b = (req.body ?? {}) as { result?: RunResult; error?: string };
        this.leases.delete(l.id);
        if (this.isFinished(l.job.id)) {
          req.auditDetail = { job: l.job.id, duplicate: true };
          await this.boss.complete(this.queue, l.bossId).catch(() => {});
          return { ok: true, duplicate: true };
        }
        if (b.result) {
          this.listener.finished(l.job, b.result);
          await this.boss.complete(this.queue, l.bossId);
          req.auditDetail = { job: l.job.id, finished: true };
        } else {
          // The engine itself failed (not a runner that disappeared): no retry.
          await this.boss.complete(this.queue, l.bossId);
          this.listener.failed(l.job, String(b.error ?? 'runner error'));
          req.auditDetail = { job: l.job.id, error: String(b.error ?? '') };
        }
        this.settle(l.job.id);
        return { ok: true };
      });

      // Administrator: tokens per location.
      const tokensPage = (req: FastifyRequest, reply: FastifyReply, flash?: { kind: 'ok' | 'error'; text: string }, shown?: { location: string; token: string }) => {
        const w = wordsFor(req);
        const t = RUNNER_WORDS[langOf(req)];
        const rows = this.db.all<TokenRow>('SELECT * FROM runner_tokens ORDER BY created_at');
        return page(req, reply, {
          title: t.title,
          flash,
          nav: [{ href: '/', label: w.dashboard }, { href: '/admin/runners', label: t.title, current: true }],
          body: html`${shown ? html`<div class="card" role="status"><p>${t.tokenFor} <strong>${shown.location}</strong> (${t.shownOnce}):</p><p><code class="code">${shown.token}</code></p><p><code>proeflab runner --server URL --token ${shown.token}</code></p></div>` : ''}
<table class="grid"><caption class="sr-only">${t.title}</caption><thead><tr><th scope="col">${t.location}</th><th scope="col">Id</th><th scope="col">${t.created}</th><th scope="col">${t.lastSeen}</th><th scope="col"></th></tr></thead>
<tbody>${rows.map(
            (r) => html`<tr><td>${r.location}</td><td><code>${r.id}</code></td><td>${r.created_at} (${r.created_by ?? ''})</td><td>${r.last_seen ?? '—'}</td><td>${
              r.revoked_at
                ? html`<strong>${t.revoked}</strong> ${r.revoked_at}`
                : html`<form method="post" action="/admin/runners/${r.id}/revoke" class="inline">${csrfField(reply)}<button type="submit" class="small secondary">${t.revoke} <span class="sr-only">${r.location}</span></button></form>`
            }</td></tr>`,
          )}</tbody></table>
<h2>${t.newToken}</h2>
<form method="post" action="/admin/runners" class="stack narrow">${csrfField(reply)}
<label for="r-location">${t.location}</label><input id="r-location" name="location" required maxlength="80">
<button type="submit">${w.create}</button></form>`,
        });
      };

      app.get('/admin/runners', async (req, reply) => {
        if (!requireUser(req, reply, ['administrator'])) return reply;
        return tokensPage(req, reply);
      });
      app.post('/admin/runners', async (req, reply) => {
        const u = requireUser(req, reply, ['administrator']);
        if (!u) return reply;
        const location = String(((req.body ?? {}) as { location?: string }).location ?? '').trim();
        if (!location || location.length > 80) return tokensPage(req, reply.code(400), { kind: 'error', text: wordsFor(req).badInput });
        const t = createRunnerToken(this.db, location, u.username);
        req.auditDetail = { runnerToken: t.id, location };
        return tokensPage(req, reply, { kind: 'ok', text: `${location}: token ${t.id}` }, { location, token: t.token });
      });
      app.post('/admin/runners/:id/revoke', async (req, reply) => {
        if (!requireUser(req, reply, ['administrator'])) return reply;
        const id = (req.params as { id: string }).id;
        if (!revokeRunnerToken(this.db, id)) return errorPage(req, reply, 404, wordsFor(req).notFound);
        req.auditDetail = { runnerToken: id, revoked: true };
        // A revoked location's leases end now: its jobs go to another runner.
        for (const l of this.leases.values()) if (l.tokenId === id) l.lastSeen = 0;
        return reply.redirect('/admin/runners', 303);
      });
    };
  }
}
