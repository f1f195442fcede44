// `proeflab serve`: the examiners' dashboard and the students' self-check in one fastify server.
// Plugins with clear boundaries: auth (accounts, login, set-up), sessions (exam sessions, runs),
// live (server-sent events), review (assessors), student (self-check). Shared concerns are root
// hooks: who is signed in, CSRF on every state-changing request, the audit log, security headers.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import { REPO_ROOT } from '../core/exams.js';
import { createRegistry, type Registry } from '../core/registry.js';
import { authRoutes } from './auth.js';
import { ServerDb, sqliteSessionStore, type UserRow } from './db.js';
import { BundleEvidence, type EvidenceStore } from './evidence.js';
import { errorPage, wordsFor } from './html.js';
import { LocalJobRunner, type JobInputs, type JobListener, type JobRunner, type CheckJob } from './jobs.js';
import { LiveHub, liveRoutes } from './live.js';
import { loadSessionExams, sessionLab } from './model.js';
import { reviewRoutes } from './review.js';
import { sessionRoutes, type ServerContext } from './sessions.js';
import { studentRoutes } from './student.js';
import type { ExamSessionRow } from './db.js';

declare module 'fastify' {
  interface Session {
    userId?: number;
    lang?: 'nl' | 'en';
    student?: { sessionId: number; number: string; pod: string };
  }
  interface FastifyRequest {
    user?: UserRow;
    /** Set by handlers: what the action did, for the audit log. */
    auditDetail?: unknown;
    auditSession?: number;
    auditActor?: string;
  }
}

export interface ServerOptions {
  /** SQLite file; created on first run. */
  dbFile: string;
  /** Lab files and evidence bundles (default: <db dir>/proeflab-data). */
  dataDir?: string;
  registry?: Registry;
  /** Replace the in-process job runner (central deployment: a queue served to remote runners). */
  jobRunner?: (inputs: (job: CheckJob) => JobInputs, listener: JobListener, ctx: { db: ServerDb }) => JobRunner;
  jobConcurrency?: number;
  /** Secure attribute of the session cookie: 'auto' = only over HTTPS. */
  secureCookies?: boolean | 'auto';
  loginRateLimit?: { max: number; timeWindow: number };
  examsDir?: string;
  logger?: FastifyServerOptions['logger'];
  https?: { key: Buffer; cert: Buffer };
  trustProxy?: boolean;
  /** First-run set-up code (default: random, shown by `proeflab serve`); false: no code needed. */
  setupToken?: string | false;
  /** Replace the evidence store (default: sealed bundles under <dataDir>/evidence). */
  evidence?: EvidenceStore;
}

const ASSETS: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'live.js': 'text/javascript; charset=utf-8',
  'review.js': 'text/javascript; charset=utf-8',
  'student.js': 'text/javascript; charset=utf-8',
};
const ASSET_DIR = join(REPO_ROOT, 'src', 'server', 'public');

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

export interface Server {
  app: FastifyInstance;
  db: ServerDb;
  jobs: JobRunner;
  hub: LiveHub;
  /** Every route the server answers (method and URL pattern): tests enumerate them. */
  routes: { method: string; url: string }[];
  /** The first-run set-up code, while there is no account yet. */
  setupToken: string | undefined;
  close(): Promise<void>;
}

export async function buildServer(o: ServerOptions): Promise<Server> {
  const dbFile = resolve(o.dbFile);
  const dataDir = resolve(o.dataDir ?? join(dirname(dbFile), 'proeflab-data'));
  const db = new ServerDb(dbFile);
  // Runs that were queued or running when a previous server stopped will not finish.
  db.run("UPDATE session_runs SET status = 'error', error = 'onderbroken: server herstart', finished_at = ? WHERE status IN ('queued', 'running')", new Date().toISOString());
  // Expired browser sessions, now and every hour.
  const sweep = () => db.run('DELETE FROM http_sessions WHERE expires < ?', Date.now());
  sweep();
  const sweeper = setInterval(sweep, 3600_000);
  sweeper.unref();

  const app = Fastify({
    logger: o.logger ?? false,
    trustProxy: o.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    ...(o.https ? { https: o.https } : {}),
  } as FastifyServerOptions) as unknown as FastifyInstance;

  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) routes.push({ method: String(m), url: r.url });
  });

  const hub = new LiveHub(db);
  const evidence = o.evidence ?? new BundleEvidence(db, join(dataDir, 'evidence'), app.log);
  const inputs = (job: CheckJob): JobInputs => {
    const s = db.get<ExamSessionRow>('SELECT * FROM exam_sessions WHERE id = ?', job.sessionId);
    if (!s) throw new Error(`exam session ${job.sessionId} not found`);
    return { exams: loadSessionExams(s), lab: sessionLab(db, s), lang: 'nl' };
  };
  const listener = hub.listener((job, result) => {
    if (result) evidence.runFinished(job, result);
  });
  const jobs = o.jobRunner
    ? o.jobRunner(inputs, listener, { db })
    : new LocalJobRunner({ registry: o.registry ?? createRegistry(), inputs, listener, concurrency: o.jobConcurrency ?? 2 });
  const ctx: ServerContext = { db, hub, jobs, dataDir, examsDir: o.examsDir };
  const loginRateLimit = o.loginRateLimit ?? { max: 10, timeWindow: 60_000 };
  const setupToken = db.userCount() > 0 || o.setupToken === false ? undefined : (o.setupToken ?? randomBytes(12).toString('base64url'));

  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: db.sessionSecret(),
    cookieName: 'proeflab.sid',
    saveUninitialized: false,
    rolling: false,
    store: sqliteSessionStore(db, 12 * 3600_000) as never,
    cookie: { secure: o.secureCookies ?? 'auto', httpOnly: true, sameSite: 'lax', path: '/', maxAge: 12 * 3600_000 },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: 1024 * 1024, files: 4, fields: 200 } });
  await app.register(fastifyRateLimit, { global: false });

  app.decorateRequest('user', undefined);
  app.decorateRequest('auditDetail', undefined);
  app.decorateRequest('auditSession', undefined);
  app.decorateRequest('auditActor', undefined);

  // Who is signed in (accounts); students carry their own session field instead.
  app.addHook('onRequest', async (req) => {
    const id = req.session?.userId;
    if (id) {
      const u = db.get<UserRow>('SELECT * FROM users WHERE id = ?', id);
      if (u && !u.disabled) req.user = u;
    }
  });

  // CSRF on every state-changing request, whatever the route.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    // Routes authenticated by a bearer token (no cookies: the runner API) opt out explicitly.
    if ((req.routeOptions.config as { csrf?: boolean } | undefined)?.csrf === false) return done();
    app.csrfProtection(req, reply, done);
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // The audit log: every state-changing request (accepted or refused) and every evidence download.
  const audited = /\/(result\.json|report\.html|bundle\.tar\.gz|scores\.csv)$/;
  app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!audited.test(req.url.split('?')[0]) || reply.statusCode >= 400) return;
    }
    // High-rate machine routes (runner event batches) are audited only when refused.
    if ((req.routeOptions?.config as { audit?: string } | undefined)?.audit === 'errors' && reply.statusCode < 400) return;
    const actor = req.auditActor ?? (req.user ? `user:${req.user.username}` : req.session?.student ? `kandidaat:${req.session.student.number}` : 'anoniem');
    const url = req.url.split('?')[0];
    try {
      db.audit({
        actor,
        action: `${req.method} ${req.routeOptions?.url ?? url}`,
        sessionId: req.auditSession ?? null,
        status: reply.statusCode,
        ip: req.ip,
        detail: { url, ...(req.auditDetail && typeof req.auditDetail === 'object' ? (req.auditDetail as object) : {}) },
      });
    } catch (err) {
      req.log.error(err, 'audit write failed');
    }
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const w = wordsFor(req);
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) req.log.error(err);
    const message =
      status === 429 ? w.tooMany : err.code?.startsWith('FST_CSRF') ? w.csrf : status === 403 ? w.forbidden : status === 404 ? w.notFound : status < 500 ? `${w.badInput}: ${err.message}` : 'Interne fout';
    if (req.headers.accept?.includes('text/html') || req.method !== 'GET') {
      try {
        return errorPage(req, reply, status, message);
      } catch {
        /* fall through to plain text */
      }
    }
    return reply.code(status).type('text/plain; charset=utf-8').send(message);
  });
  app.setNotFoundHandler((req, reply) => errorPage(req, reply, 404, wordsFor(req).notFound));

  app.get('/assets/:name', async (req, reply) => {
    const name = (req.params as { name: string }).name;
    const type = ASSETS[name];
    if (!type) return errorPage(req, reply, 404, wordsFor(req).notFound);
    return reply.type(type).header('cache-control', 'public, max-age=300').send(readFileSync(join(ASSET_DIR, name)));
  });
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  app.get('/healthz', async () => ({ ok: true, pendingJobs: jobs.pending() }));

  await app.register(authRoutes(db, { loginRateLimit, setupToken }));
  await app.register(sessionRoutes(ctx));
  await app.register(liveRoutes(db, hub));
  await app.register(reviewRoutes(ctx, evidence));
  await app.register(studentRoutes(ctx, { loginRateLimit }));
  // A job runner with its own routes (the central queue: runner API and runner tokens).
  const extra = (jobs as JobRunner & { routes?: () => (app: FastifyInstance) => Promise<void> }).routes;
  if (extra) await app.register(extra.call(jobs));

  return {
    app,
    db,
    jobs,
    hub,
    routes,
    get setupToken() {
      return db.userCount() === 0 ? setupToken : undefined;
    },
    async close() {
      clearInterval(sweeper);
      await jobs.close();
      await app.close();
      db.close();
    },
  };
}
