// Load on the web app (`proeflab serve`, in-process on loopback): a class of 30 pods run by an
// examiner while 5 examiners watch the live overview (server-sent events) and 60 student sessions
// (30 candidates, each on two clients) poll their self-check page. Checks nothing is lost or duplicated: every examiner stream ends
// with all 30 pods done, each pod's stream only moves forward, and the stored run has every pod
// with every criterion exactly once. Prints one JSON line.
import http from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { parse, stringify } from 'yaml';
import { buildServer } from '../src/server/app.js';
import { startDemoLab } from '../src/demo/demo.js';
import { runResult } from '../src/server/model.js';

const PODS = 30;
const EXAMINERS = 5;
const STUDENTS = 60;
const PW = 'een-lang-wachtwoord-42';

class Client {
  cookies = new Map<string, string>();
  token?: string;
  constructor(readonly app: FastifyInstance) {}
  private header = () => [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string }[]) this.cookies.set(c.name, c.value);
    const m = /<meta name="csrf-token" content="([^"]+)"/.exec(res.body) ?? /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.token = m[1];
    return res;
  }
  async get(url: string) {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.header(), accept: 'text/html' } }));
  }
  async post(url: string, form: Record<string, string>) {
    if (!this.token) await this.get('/login');
    const body = new URLSearchParams({ ...form, _csrf: this.token! });
    return this.keep(await this.app.inject({ method: 'POST', url, headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: body.toString() }));
  }
  async multipart(url: string, fields: Record<string, string>, files: Record<string, { name: string; content: string }>) {
    const b = '----bench' + Math.random().toString(16).slice(2);
    const parts = Object.entries({ ...fields, _csrf: this.token! }).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    for (const [k, f] of Object.entries(files)) parts.push(`--${b}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${f.content}\r\n`);
    parts.push(`--${b}--\r\n`);
    return this.keep(await this.app.inject({ method: 'POST', url, headers: { cookie: this.header(), 'content-type': `multipart/form-data; boundary=${b}`, accept: 'text/html' }, payload: parts.join('') }));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'proeflab-serverload-'));
const server = await buildServer({ dbFile: join(dir, 'proeflab.db'), loginRateLimit: { max: 10_000, timeWindow: 60_000 } });
const app = server.app;
const demo = await startDemoLab(join(dir, 'demo'), { network: false });
const lab = parse(readFileSync(demo.labFile, 'utf8'));
const template = lab.pods[1];
lab.pods = Array.from({ length: PODS }, (_, i) => ({ ...template, id: `pod${String(i + 1).padStart(2, '0')}`, candidate: undefined }));
if (!lab.secrets_file) lab.secrets_file = 'secrets.yaml';
const labText = stringify(lab);
// One candidate per pod (the app refuses two on a pod); each signs in from two clients (laptop and
// phone): 60 polling student sessions.
const csv = Array.from({ length: PODS }, (_, i) => `${300001 + i},Kandidaat ${i + 1},ICT4B,pod${String(i + 1).padStart(2, '0')}`).join('\n');

// Administrator, examiner, session.
const admin = new Client(app);
await admin.get(`/setup?token=${server.setupToken ?? ''}`);
await admin.post('/setup', { username: 'beheer', name: 'Beheerder', password: 'correct horse battery staple', password2: 'correct horse battery staple', token: server.setupToken ?? '' });
const adm = new Client(app);
await adm.get('/login');
await adm.post('/login', { username: 'beheer', password: 'correct horse battery staple' });
await adm.get('/admin/users');
await adm.post('/admin/users', { username: 'exa', name: 'Examinator', role: 'examiner', password: PW, password2: PW });
const examiners: Client[] = [];
for (let i = 0; i < EXAMINERS; i++) {
  const c = new Client(app);
  await c.get('/login');
  const r = await c.post('/login', { username: 'exa', password: PW });
  if (r.statusCode !== 303) throw new Error(`examiner login ${r.statusCode}`);
  await c.get('/');
  examiners.push(c);
}
const exa = examiners[0];
await exa.get('/sessions/new');
const created = await exa.multipart(
  '/sessions',
  { name: 'Klas ICT4B', kind: 'exam', exams: 'demo-intranet' },
  { lab: { name: 'lab.yaml', content: labText }, secrets: { name: 'secrets.yaml', content: '# geen wachtwoorden\nongebruikt: niets\n' }, candidates: { name: 'kandidaten.csv', content: `kandidaatnummer,naam,klas,pod\n${csv}\n` } },
);
if (created.statusCode !== 303) throw new Error(`session: ${created.statusCode} ${created.body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 1500)}`);
const sessionId = Number(/\/sessions\/(\d+)/.exec(created.headers.location as string)![1]);
await exa.get(`/sessions/${sessionId}`);
await exa.post(`/sessions/${sessionId}/selfcheck`, { open: '1', detail: 'criteria', max: '5', cooldown: '0' });

const address = await app.listen({ host: '127.0.0.1', port: 0 });
const base = new URL(address);

// Real HTTP from here on.
function request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((res, rej) => {
    const req = http.request({ host: base.hostname, port: base.port, path, method, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) }, agent: false }, (r) => {
      let b = '';
      r.on('data', (d) => (b += d));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body: b, ms: performance.now() - t0 }));
    });
    req.on('error', rej);
    req.end(body);
  });
}
const cookieOf = (h: http.IncomingHttpHeaders, jar: Map<string, string>) => {
  for (const c of h['set-cookie'] ?? []) {
    const [kv] = c.split(';');
    const i = kv.indexOf('=');
    jar.set(kv.slice(0, i), kv.slice(i + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
};

// 60 student sessions sign in with their code.
const one = server.db.all<{ number: string; code: string }>('SELECT number, code FROM candidates WHERE session_id = ?', sessionId);
const codes = Array.from({ length: STUDENTS }, (_, i) => one[i % one.length]);
const students = await Promise.all(
  codes.map(async ({ code }) => {
    const jar = new Map<string, string>();
    const p = await request('GET', '/student/login', { accept: 'text/html' });
    let cookie = cookieOf(p.headers, jar);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(p.body)?.[1] ?? '';
    const r = await request('POST', '/student/login', { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, new URLSearchParams({ code, _csrf: csrf }).toString());
    if (r.status !== 303) throw new Error(`student login ${r.status}: ${r.body.slice(0, 300)}`);
    cookie = cookieOf(r.headers, jar);
    return { cookie };
  }),
);

// 5 examiners on the live overview (SSE).
const streams = examiners.map((c) => {
  const s = { raw: '', req: undefined as http.ClientRequest | undefined };
  s.req = http.get(`${address}/sessions/${sessionId}/live/events`, { headers: { cookie: `proeflab.sid=${c.cookies.get('proeflab.sid')}` }, agent: false }, (res) => res.on('data', (d: Buffer) => (s.raw += d.toString())));
  return s;
});
await new Promise((r) => setTimeout(r, 300));

// Students poll: /student/status every second, the page every 5 s (as student.js does while a check runs).
const polls: number[] = [];
let pollErrors = 0;
let polling = true;
const pollers = students.map(async (s, i) => {
  await new Promise((r) => setTimeout(r, (i * 1000) / STUDENTS));
  for (let n = 0; polling; n++) {
    try {
      const r = await request('GET', n % 5 === 4 ? '/student' : '/student/status', { cookie: s.cookie, accept: n % 5 === 4 ? 'text/html' : 'application/json' });
      if (r.status !== 200) pollErrors++;
      polls.push(r.ms);
    } catch {
      pollErrors++;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
});

// The examiner starts the class run; a few students also start a self-check of their pod meanwhile.
const t0 = performance.now();
const started = await exa.post(`/sessions/${sessionId}/runs`, { phase: 'nulmeting' });
if (started.statusCode !== 303) throw new Error(`run: ${started.statusCode}`);
const selfChecks = await Promise.all(
  students.slice(0, 10).map(async (s) => {
    const page = await request('GET', '/student', { cookie: s.cookie, accept: 'text/html' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return (await request('POST', '/student/check', { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, new URLSearchParams({ _csrf: csrf }).toString())).status;
  }),
);
await server.jobs.idle();
const doneMs = performance.now() - t0;
await new Promise((r) => setTimeout(r, 1500));
polling = false;
await Promise.all(pollers);
for (const s of streams) s.req!.destroy();

// Lost or duplicated?
const order = ['queued', 'running', 'done'];
const perClient = streams.map((s) => {
  const msgs = s.raw
    .split('\n\n')
    .filter((e) => e.startsWith('event: pod'))
    .map((e) => JSON.parse(e.split('\ndata: ')[1]) as { pod: string; state: string; runId?: string; decided?: number });
  const last = new Map<string, { state: string; decided?: number }>();
  let backwards = 0;
  const seen = new Map<string, number>();
  for (const m of msgs) {
    const key = `${m.pod}|${m.runId ?? ''}`;
    const rank = order.indexOf(m.state);
    if (rank >= 0 && rank < (seen.get(key) ?? -1)) backwards++;
    seen.set(key, Math.max(rank, seen.get(key) ?? -1));
    last.set(m.pod, m);
  }
  const done = [...last.values()].filter((m) => m.state === 'done').length;
  return { messages: msgs.length, podsDone: done, backwards };
});
const runs = server.db.all<{ run_id: string; phase: string }>('SELECT run_id, phase FROM session_runs WHERE session_id = ?', sessionId);
let stored = { pods: 0, criteria: 0, duplicatePods: 0, duplicateCriteria: 0 };
const classRun = runs.find((r) => r.phase === 'nulmeting');
if (classRun) {
  const res = runResult(server.db, classRun.run_id);
  if (res) {
    const pods = res.results.map((r) => r.pod);
    stored = {
      pods: new Set(pods).size,
      criteria: res.results.reduce((a, r) => a + r.criteria.length, 0),
      duplicatePods: pods.length - new Set(pods).size,
      duplicateCriteria: res.results.reduce((a, r) => a + r.criteria.length - new Set(r.criteria.map((c) => c.id)).size, 0),
    };
  }
}
polls.sort((a, b) => a - b);
const q = (p: number) => polls[Math.min(polls.length - 1, Math.floor(p * polls.length))];
process.stdout.write(
  JSON.stringify({
    pods: PODS,
    examiners: EXAMINERS,
    students: students.length,
    classRunMs: doneMs,
    selfCheckStarts: selfChecks,
    runs: runs.length,
    perClient,
    stored,
    polls: polls.length,
    pollErrors,
    pollP50: q(0.5),
    pollP95: q(0.95),
    pollMax: polls[polls.length - 1],
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
await app.close();
await demo.close();
process.exit(0);
