// CSRF on every state-changing route (enumerated from the server itself) and student isolation:
// a student sees only their own pod, never expected values, observed values or evidence.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/model/result.js';
import { Client, PASSWORD, codesOf, createDemoSession, createUser, login, makeServer, setupAdmin, startDemoLab } from './helpers.js';

let ctx: Awaited<ReturnType<typeof makeServer>>;
let demo: Awaited<ReturnType<typeof startDemoLab>>;
let exa: Client;
let sessionId: number;
let codes: Record<string, string>;

beforeAll(async () => {
  ctx = await makeServer();
  demo = await startDemoLab(join(ctx.dir, 'demo'));
  const admin = await setupAdmin(ctx.server.app, ctx.server.setupToken);
  await createUser(admin, 'exa', 'examiner');
  exa = await login(ctx.server.app, 'exa', PASSWORD);
  sessionId = await createDemoSession(exa, demo.labFile, 'practice', 'Oefenen klas 4A');
  codes = codesOf(ctx.server, sessionId);
  await exa.post(`/sessions/${sessionId}/runs`, { phase: 'nulmeting' });
  await exa.post(`/sessions/${sessionId}/runs`, { phase: 'eindmeting' });
  await ctx.server.jobs.idle();
});
afterAll(async () => {
  await ctx?.close();
  await demo?.close();
});

const PARAMS: Record<string, () => string> = {
  id: () => String(sessionId),
  pod: () => 'pod01',
  exam: () => 'demo-intranet',
  criterion: () => 'startpagina',
  number: () => '100001',
  uid: () => '1',
  name: () => 'app.js',
};
const fill = (url: string) => url.replace(/:(\w+)/g, (_, p: string) => PARAMS[p]());

describe('CSRF', () => {
  it('rejects every state-changing route without a token, signed in as administrator and as student', async () => {
    const changing = ctx.server.routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    // The enumeration is real: all the forms of the app are there.
    expect(changing.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        'POST /setup',
        'POST /login',
        'POST /logout',
        'POST /lang',
        'POST /admin/users',
        'POST /sessions',
        'POST /sessions/:id/runs',
        'POST /sessions/:id/selfcheck',
        'POST /sessions/:id/review/:pod/:exam/criteria/:criterion',
        'POST /sessions/:id/review/:pod/:exam/sign',
        'POST /student/login',
        'POST /student/check',
      ]),
    );
    expect(changing.length).toBeGreaterThanOrEqual(17);

    const admin = await login(ctx.server.app, 'beheer', 'correct horse battery staple');
    const student = new Client(ctx.server.app);
    await student.get('/student/login');
    await student.post('/student/login', { code: codes.pod01 });
    const bundle = join(ctx.dir, 'proeflab-data', 'evidence', `session-${sessionId}`, 'demo-intranet', 'pod01');
    const actionLines = () => readdirSync(bundle).filter((d) => /^\d/.test(d)).map((d) => readFileSync(join(bundle, d, 'actions.jsonl'), 'utf8')).join('');
    const count = () => `${ctx.server.db.get<{ n: number }>('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM exam_sessions) + (SELECT count(*) FROM session_runs) + (SELECT count(*) FROM irregularities) + (SELECT count(*) FROM session_members) AS n')!.n}|${actionLines()}`;
    const before = count();
    for (const who of [admin, student]) {
      for (const r of changing) {
        const url = fill(r.url);
        const form = { score: '0', motivation: 'zonder token geen wijziging', text: 'zonder token geen wijziging', phase: 'eindmeting', lang: 'en', username: 'x', name: 'x', role: 'examiner', password: PASSWORD, password2: PASSWORD, code: codes.pod02, open: '1', detail: 'criteria', max: '5', cooldown: '0', minutes: '5' };
        const res = await who.post(url, form, { csrf: false });
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
        // A wrong token is no better than none.
        const forged = await who.post(url, { ...form, _csrf: 'forged-token' }, { csrf: false });
        expect(forged.statusCode, `${r.method} ${r.url} (forged)`).toBe(403);
      }
    }
    expect(count()).toBe(before);
    // Still signed in (logout without token did nothing), and the language did not change.
    const home = await admin.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<html lang="nl"');
    expect((await student.get('/student')).statusCode).toBe(200);
  });

  it('accepts the same request with the token of the session', async () => {
    const c = await login(ctx.server.app, 'exa', PASSWORD);
    const r = await c.post('/lang', { lang: 'en' });
    expect(r.statusCode).toBe(303);
    expect((await c.get('/')).body).toContain('<html lang="en"');
  });

  it('does not accept a token from another session', async () => {
    const a = await login(ctx.server.app, 'exa', PASSWORD);
    const b = await login(ctx.server.app, 'beheer', 'correct horse battery staple');
    b.token = a.token;
    expect((await b.post(`/sessions/${sessionId}/timer`, { minutes: '5' })).statusCode).toBe(403);
  });
});

describe('student', () => {
  async function student(pod: string) {
    const s = new Client(ctx.server.app);
    await s.get('/student/login');
    const r = await s.post('/student/login', { code: codes[pod].toLowerCase().replace('-', ' ') });
    expect(r.statusCode).toBe(303);
    return s;
  }

  it('signs in with the code (any case, any separator) and sees only their own pod', async () => {
    const s = await student('pod02');
    const page = await s.get('/student');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Daan Jansen');
    expect(page.body).toContain('pod02');
    expect(page.body).not.toContain('Sanne de Vries');
    expect(page.body).not.toContain('pod01');
    expect(page.body).toContain('www.100002.examen.lab');
    expect(page.body).not.toContain('100001');
  });

  it('cannot read another pod’s results, any evidence or the examiner pages', async () => {
    const s = await student('pod02');
    for (const url of [
      '/',
      `/sessions/${sessionId}`,
      `/sessions/${sessionId}/live`,
      `/sessions/${sessionId}/live/events`,
      `/sessions/${sessionId}/review`,
      `/sessions/${sessionId}/review/pod01`,
      `/sessions/${sessionId}/review/pod02`,
      `/sessions/${sessionId}/review/pod02/demo-intranet/result.json`,
      `/sessions/${sessionId}/review/pod02/demo-intranet/report.html`,
      `/sessions/${sessionId}/review/pod02/demo-intranet/bundle.tar.gz`,
      `/sessions/${sessionId}/review/pod02/demo-intranet/form.html`,
      `/sessions/${sessionId}/review/pod02/demo-intranet/form.pdf`,
      `/sessions/${sessionId}/download/scores.csv`,
      `/sessions/${sessionId}/sheets`,
      '/admin/audit',
    ]) {
      const r = await s.get(url);
      expect([302, 401, 403], `GET ${url} → ${r.statusCode}`).toContain(r.statusCode);
      if (r.statusCode === 302) expect(r.headers.location).toBe('/login');
      expect(r.body).not.toContain('Sanne');
      expect(r.body).not.toContain('It works!');
    }
    for (const [url, form] of [
      [`/sessions/${sessionId}/review/pod02/demo-intranet/criteria/startpagina`, { score: '2', motivation: 'ik geef mezelf een voldoende' }],
      [`/sessions/${sessionId}/runs`, { phase: 'eindmeting', pod: 'pod02' }],
      [`/sessions/${sessionId}/selfcheck`, { open: '1', detail: 'criteria', max: '99', cooldown: '0' }],
    ] as const) {
      await s.get('/student');
      expect((await s.post(url, form as Record<string, string>)).statusCode).toBe(401);
    }
  });

  it('self-checks only their own pod, with the author’s feedback and never expected or observed values', async () => {
    // Practice session: open with 2 checks and no cooldown.
    await exa.get(`/sessions/${sessionId}`);
    await exa.post(`/sessions/${sessionId}/selfcheck`, { open: '1', detail: 'criteria', max: '2', cooldown: '0' });
    const s = await student('pod02');
    await s.get('/student');
    // A pod field in the form is ignored: the pod comes from the student's session.
    const r = await s.post('/student/check', { pod: 'pod01' });
    expect(r.statusCode).toBe(303);
    await ctx.server.jobs.idle();
    const run = ctx.server.db.get<{ run_id: string; pods: string; requested_by: string }>("SELECT run_id, pods, requested_by FROM session_runs WHERE phase = 'zelfcontrole'")!;
    expect(JSON.parse(run.pods)).toEqual(['pod02']);
    expect(run.requested_by).toBe('kandidaat:100002');

    const page = (await s.get('/student')).body;
    const result = JSON.parse(ctx.server.db.get<{ result: string }>('SELECT result FROM runs WHERE id = ?', run.run_id)!.result) as RunResult;
    const pr = result.results[0];
    expect(pr.criteria.find((c) => c.id === 'startpagina')!.status).toBe('fail');
    // The author's student feedback is shown for what is not met …
    expect(page).toContain('Controleer de inhoud van de startpagina');
    expect(page).toMatch(/\d+ van de 10 criteria behaald/);
    // … but no examiner message, expected or observed value, nor raw evidence.
    let checked = 0;
    for (const c of pr.criteria) {
      if (c.status !== 'pass' && c.status !== 'error' && c.status !== 'skipped' && c.message) expect(page, c.id).not.toContain(c.message.slice(0, 40));
      // Values that are words of the page itself ('open') or of the candidate's own assignment are no leak.
      const assignment = page.slice(page.indexOf('class="opdracht"'));
      for (const v of [c.expected, c.actual].flatMap((x) => (x === undefined ? [] : typeof x === 'string' ? [x] : [JSON.stringify(x)])))
        if (v.length > 6 && !assignment.includes(v)) {
          checked++;
          expect(page, `${c.id}: ${v}`).not.toContain(v);
        }
      if (c.feedbackExaminer) expect(page).not.toContain(c.feedbackExaminer);
    }
    for (const o of result.observations) if (o.raw.trim().length > 8) expect(page).not.toContain(o.raw.trim().slice(0, 30));
    expect(checked).toBeGreaterThan(3);
    expect(page).not.toContain('It works!');
    expect(page).not.toContain('Inhoud van / via HTTPS');
    // The status endpoint answers only about their own check.
    expect(JSON.parse((await s.get('/student/status')).body)).toEqual({ running: false, status: 'done' });
  });

  it('keeps to the number of self-checks, the cooldown and the window', async () => {
    const s = await student('pod02');
    await s.get('/student');
    expect((await s.post('/student/check')).headers.location).toBe('/student?started=1');
    await ctx.server.jobs.idle();
    const third = await s.post('/student/check');
    expect(decodeURIComponent(third.headers.location as string)).toContain('geen zelfcontroles meer');
    expect(ctx.server.db.get<{ n: number }>("SELECT count(*) AS n FROM session_runs WHERE phase = 'zelfcontrole'")!.n).toBe(2);

    await exa.post(`/sessions/${sessionId}/selfcheck`, { open: '1', detail: 'criteria', max: '10', cooldown: '600' });
    expect(decodeURIComponent((await s.post('/student/check')).headers.location as string)).toContain('Wacht even');
    await exa.post(`/sessions/${sessionId}/selfcheck`, { open: '0', detail: 'criteria', max: '10', cooldown: '0' });
    expect(decodeURIComponent((await s.post('/student/check')).headers.location as string)).toContain('gesloten');
    // Time is up once the exam time plus the candidate's extra time has passed.
    await exa.post(`/sessions/${sessionId}/selfcheck`, { open: '1', detail: 'criteria', max: '10', cooldown: '0' });
    ctx.server.db.run('UPDATE exam_sessions SET ends_at = ? WHERE id = ?', new Date(Date.now() - 10 * 60_000).toISOString(), sessionId);
    expect(decodeURIComponent((await s.post('/student/check')).headers.location as string)).toContain('examentijd is voorbij');
    await exa.post(`/sessions/${sessionId}/candidates/100002/extra-time`, { minutes: '30' });
    expect((await s.post('/student/check')).headers.location).toBe('/student?started=1');
    await ctx.server.jobs.idle();
    ctx.server.db.run('UPDATE exam_sessions SET ends_at = NULL WHERE id = ?', sessionId);
  });

  it('during an exam shows only what the examiner chose: nothing, the count, or pass/fail per criterion', async () => {
    ctx.server.db.run("UPDATE exam_sessions SET kind = 'exam' WHERE id = ?", sessionId);
    const s = await student('pod02');
    await exa.post(`/sessions/${sessionId}/selfcheck`, { open: '1', detail: 'none', max: '10', cooldown: '0' });
    let page = (await s.get('/student')).body;
    expect(page).toContain('Controle uitgevoerd.');
    expect(page).not.toMatch(/van de 10 criteria behaald/);
    expect(page).not.toContain('b-fail');

    await exa.post(`/sessions/${sessionId}/selfcheck`, { open: '1', detail: 'count', max: '10', cooldown: '0' });
    page = (await s.get('/student')).body;
    expect(page).toMatch(/\d+ van de 10 criteria behaald/);
    expect(page).not.toContain('b-fail');

    await exa.post(`/sessions/${sessionId}/selfcheck`, { open: '1', detail: 'criteria', max: '10', cooldown: '0' });
    page = (await s.get('/student')).body;
    expect(page).toContain('b-fail');
    // In an exam even the author's feedback is withheld.
    expect(page).not.toContain('Controleer de inhoud van de startpagina');
    ctx.server.db.run("UPDATE exam_sessions SET kind = 'practice' WHERE id = ?", sessionId);
  });

  it('logs the student out', async () => {
    const s = await student('pod01');
    await s.get('/student');
    expect((await s.post('/student/logout')).statusCode).toBe(303);
    expect((await s.get('/student')).headers.location).toBe('/student/login');
  });
});
