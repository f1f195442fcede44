// Helpers for the web app tests: a server on a temporary SQLite file, a cookie-keeping client for
// fastify.inject, multipart bodies, and a ready-made exam session on the demo lab.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildServer, type Server, type ServerOptions } from '../../src/server/app.js';
import { startDemoLab as startDemo } from '../../src/demo/demo.js';

export const ADMIN = { username: 'beheer', name: 'Beheerder', password: 'correct horse battery staple' };
export const PASSWORD = 'een-lang-wachtwoord-42';

export async function makeServer(o: Partial<ServerOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'proeflab-server-'));
  const server = await buildServer({ dbFile: join(dir, 'proeflab.db'), loginRateLimit: { max: 1000, timeWindow: 60_000 }, ...o });
  return {
    dir,
    server,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export class Client {
  cookies = new Map<string, string>();
  token: string | undefined;
  constructor(readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /<meta name="csrf-token" content="([^"]+)"/.exec(res.body);
    if (m) this.token = m[1];
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), accept: 'text/html', ...headers } }));
  }

  /** POST a form. The CSRF token comes from the last page seen (fetched from `from` if none). */
  async post(url: string, form: Record<string, string | string[]> = {}, o: { csrf?: boolean; from?: string } = {}) {
    if (o.csrf !== false && !this.token) await this.get(o.from ?? '/login');
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    if (o.csrf !== false) body.append('_csrf', this.token!);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: body.toString(),
      }),
    );
  }

  async postMultipart(url: string, fields: Record<string, string | string[]>, files: Record<string, { name: string; content: string }>) {
    if (!this.token) await this.get('/');
    const boundary = '----proeflab' + Math.random().toString(16).slice(2);
    const parts: string[] = [];
    const all = { ...fields, _csrf: this.token! };
    for (const [k, v] of Object.entries(all))
      for (const x of [v].flat()) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`);
    for (const [k, f] of Object.entries(files))
      parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${f.content}\r\n`);
    parts.push(`--${boundary}--\r\n`);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html' },
        payload: parts.join(''),
      }),
    );
  }
}

export async function setupAdmin(app: FastifyInstance, token: string | undefined): Promise<Client> {
  const c = new Client(app);
  await c.get(`/setup?token=${token ?? ''}`);
  const r = await c.post('/setup', { ...ADMIN, password2: ADMIN.password, token: token ?? '' });
  expect(r.statusCode).toBe(303);
  return login(app, ADMIN.username, ADMIN.password);
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const c = new Client(app);
  await c.get('/login');
  const r = await c.post('/login', { username, password });
  expect(r.statusCode, r.body.slice(0, 500)).toBe(303);
  await c.get('/');
  return c;
}

export async function createUser(admin: Client, username: string, role: 'examiner' | 'assessor' | 'administrator') {
  await admin.get('/admin/users');
  const r = await admin.post('/admin/users', { username, name: `${role} ${username}`, role, password: PASSWORD, password2: PASSWORD });
  expect(r.statusCode, r.body.slice(0, 500)).toBe(303);
}

export const DEMO_CSV = 'kandidaatnummer,naam,klas,pod\n100001,Sanne de Vries,ICT4A,pod01\n100002,Daan Jansen,ICT4A,pod02\n';

/** An examiner's exam session on the demo lab (stand-ins on loopback). Returns the session id. */
export async function createDemoSession(examiner: Client, labFile: string, kind: 'exam' | 'practice' = 'exam', name = 'Proeve B1-K2 klas 4A'): Promise<number> {
  await examiner.get('/sessions/new');
  const r = await examiner.postMultipart('/sessions', { name, kind, exams: 'demo-intranet' }, demoFiles(labFile));
  expect(r.statusCode, r.body.slice(0, 800)).toBe(303);
  return Number(/\/sessions\/(\d+)/.exec(r.headers.location as string)![1]);
}

/**
 * The demo lab's files as uploaded in the new-session form: inventory, its secrets file (the
 * intranet stand-ins need none, so the inventory names a small one: the upload path is exercised
 * the same way as for a lab with device credentials), candidates.
 */
export function demoFiles(labFile: string, csv = DEMO_CSV) {
  const source = readFileSync(labFile, 'utf8');
  const secretsFile = join(dirname(labFile), 'secrets.yaml');
  const named = /^secrets_file:/m.test(source);
  return {
    lab: { name: 'lab.yaml', content: named ? source : `${source.trimEnd()}\nsecrets_file: secrets.yaml\n` },
    secrets: { name: 'secrets.yaml', content: named && existsSync(secretsFile) ? readFileSync(secretsFile, 'utf8') : '# de stand-ins van de demo hebben geen wachtwoorden\nongebruikt: niets\n' },
    candidates: { name: 'kandidaten.csv', content: csv },
  };
}

/** demoFiles written to a directory, for a browser's file inputs. */
export function writeDemoFiles(labFile: string, dir: string): Record<'lab' | 'secrets' | 'candidates', string> {
  mkdirSync(dir, { recursive: true });
  const f = demoFiles(labFile);
  const out = { lab: join(dir, 'lab.yaml'), secrets: join(dir, 'secrets.yaml'), candidates: join(dir, 'kandidaten.csv') };
  writeFileSync(out.lab, f.lab.content);
  writeFileSync(out.secrets, f.secrets.content);
  writeFileSync(out.candidates, f.candidates.content);
  return out;
}

/** The demo lab without the simulated network devices (the web tests need only the intranet exam). */
export const startDemoLab = (dir: string) => startDemo(dir, { network: false });

export { type Server };

export function codesOf(server: Server, sessionId: number): Record<string, string> {
  return Object.fromEntries(server.db.all<{ pod: string; code: string }>('SELECT pod, code FROM candidates WHERE session_id = ?', sessionId).map((r) => [r.pod, r.code]));
}
