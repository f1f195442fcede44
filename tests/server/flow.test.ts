// The examiner's and assessors' flow on the demo lab through fastify.inject: an exam session from
// the catalog with a candidates CSV, baseline and final runs, the live overview, review with an
// override, observation scoring, two assessors' agreement and sign-off, downloads, the audit log.
// Plus access rules: an assessor or examiner cannot act outside their own sessions.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlesInChain, chainDir } from '../../src/evidence/bundle.js';
import { Client, PASSWORD, createDemoSession, demoFiles, createUser, login, makeServer, setupAdmin, startDemoLab } from './helpers.js';

let ctx: Awaited<ReturnType<typeof makeServer>>;
let demo: Awaited<ReturnType<typeof startDemoLab>>;
let exa: Client;
let beo1: Client;
let sessionId: number;

beforeAll(async () => {
  ctx = await makeServer();
  demo = await startDemoLab(join(ctx.dir, 'demo'));
  const admin = await setupAdmin(ctx.server.app, ctx.server.setupToken);
  await createUser(admin, 'exa', 'examiner');
  await createUser(admin, 'exa2', 'examiner');
  await createUser(admin, 'beo1', 'assessor');
  await createUser(admin, 'beo2', 'assessor');
  exa = await login(ctx.server.app, 'exa', PASSWORD);
  beo1 = await login(ctx.server.app, 'beo1', PASSWORD);
  sessionId = await createDemoSession(exa, demo.labFile);
});
afterAll(async () => {
  await ctx?.close();
  await demo?.close();
});

describe('exam session', () => {
  it('is created from the catalog with the candidates, their variables and sign-in codes', async () => {
    const page = await exa.get(`/sessions/${sessionId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sanne de Vries');
    expect(page.body).toContain('Daan Jansen');
    const cands = ctx.server.db.all<{ pod: string; code: string; variables: string }>('SELECT pod, code, variables FROM candidates WHERE session_id = ?', sessionId);
    expect(cands).toHaveLength(2);
    for (const c of cands) {
      expect(c.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      expect(page.body).toContain(c.code);
      const vars = JSON.parse(c.variables)['demo-intranet'];
      expect(vars.domein).toMatch(/^10000[12]\.examen\.lab$/);
    }
  });

  it('rejects a CSV whose pod is not in the lab inventory, and a CSV with a pod twice', async () => {
    await exa.get('/sessions/new');
    const bad = await exa.postMultipart('/sessions', { name: 'x', kind: 'exam', exams: 'demo-intranet' }, demoFiles(demo.labFile, '1,A,K,pod99\n'));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('pod99');
    const dup = await exa.postMultipart('/sessions', { name: 'x', kind: 'exam', exams: 'demo-intranet' }, demoFiles(demo.labFile, '1;A;K;pod01\n2;B;K;pod01\n'));
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('twee keer');
    // The lab names a secrets file: without it the session is refused up front.
    const { secrets: _s, ...noSecrets } = demoFiles(demo.labFile);
    const missing = await exa.postMultipart('/sessions', { name: 'x', kind: 'exam', exams: 'demo-intranet' }, noSecrets);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('secrets_file');
    expect(ctx.server.db.get<{ n: number }>('SELECT count(*) AS n FROM exam_sessions')!.n).toBe(1);
  });

  it('prints assignment sheets with each candidate’s own variables and code', async () => {
    const sheets = await exa.get(`/sessions/${sessionId}/sheets`);
    expect(sheets.statusCode).toBe(200);
    expect(sheets.body).toContain('https://www.100001.examen.lab/');
    expect(sheets.body).toContain('https://www.100002.examen.lab/');
    expect(sheets.body).not.toContain('{{');
    expect(sheets.body.match(/class="sheet"/g)).toHaveLength(2);
  });

  it('adds an assessor to the session', async () => {
    const r = await exa.post(`/sessions/${sessionId}/members`, { username: 'beo1', role: 'assessor' });
    expect(r.statusCode).toBe(303);
    expect((await beo1.get(`/sessions/${sessionId}`)).statusCode).toBe(200);
    // An assessor cannot start runs.
    expect((await beo1.post(`/sessions/${sessionId}/runs`, { phase: 'eindmeting' })).statusCode).toBe(403);
  });

  it('runs the baseline and the final run for all pods and streams the live overview', async () => {
    // Listen on a real port so the event stream can be read while the run goes.
    const address = await ctx.server.app.listen({ host: '127.0.0.1', port: 0 });
    const events: string[] = [];
    const req = http.get(`${address}/sessions/${sessionId}/live/events`, { headers: { cookie: `proeflab.sid=${exa.cookies.get('proeflab.sid')}` } });
    const res = await new Promise<http.IncomingMessage>((r) => req.on('response', r));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    res.on('data', (d: Buffer) => events.push(d.toString()));

    expect((await exa.post(`/sessions/${sessionId}/runs`, { phase: 'nulmeting' })).statusCode).toBe(303);
    await ctx.server.jobs.idle();
    await new Promise((r) => setTimeout(r, 400)); // coalescing window
    expect((await exa.post(`/sessions/${sessionId}/runs`, { phase: 'eindmeting' })).statusCode).toBe(303);
    await ctx.server.jobs.idle();
    await new Promise((r) => setTimeout(r, 400)); // coalescing window
    req.destroy();

    const runs = ctx.server.db.all<{ phase: string; status: string; error: string | null }>('SELECT phase, status, error FROM session_runs WHERE session_id = ? ORDER BY created_at', sessionId);
    expect(runs.map((r) => `${r.phase}:${r.status}`)).toEqual(['nulmeting:done', 'eindmeting:done']);
    const pods = events
      .join('')
      .split('\n\n')
      .filter((e) => e.startsWith('event: pod'))
      .map((e) => JSON.parse(e.split('\ndata: ')[1]));
    const last = (pod: string) => pods.filter((p) => p.pod === pod).at(-1);
    expect(last('pod01')).toMatchObject({ state: 'done', phase: 'eindmeting', fail: 0 });
    expect(last('pod02')).toMatchObject({ state: 'done', phase: 'eindmeting' });
    expect(last('pod02').fail).toBeGreaterThan(0);
    // Failing criteria come with the reason.
    expect(last('pod02').failing.find((f: { id: string }) => f.id === 'startpagina').message).toBeTruthy();
    // The snapshot at connect, then updates as the runs went.
    expect(pods.filter((p) => p.pod === 'pod02')[0]).toMatchObject({ state: 'idle' });
    expect(new Set(pods.filter((p) => p.pod === 'pod02').map((p) => p.phase))).toEqual(new Set([undefined, 'nulmeting', 'eindmeting']));

    const live = await exa.get(`/sessions/${sessionId}/live`);
    expect(live.body).toContain('id="pod-pod02"');
    expect(live.body).toContain('startpagina');
  });

  it('shows the evidence per criterion with the raw output and the diff from the baseline', async () => {
    const page = await exa.get(`/sessions/${sessionId}/review/pod02`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="c-demo-intranet-startpagina"');
    expect(page.body).toContain('It works!'); // raw HTTP body of the wrong candidate
    expect(page.body).toContain('Verschil met de nulmeting');
    expect(page.body).toMatch(/name="motivation" minlength="10"/);
    // The candidate's own variables are at hand for the assessor.
    expect(page.body).toContain('100002.examen.lab');
    const report = await exa.get(`/sessions/${sessionId}/review/pod02/demo-intranet/report.html`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
    expect(report.body).toContain('It works!');
  });
});

describe('review and sign-off by two assessors', () => {
  const base = () => `/sessions/${sessionId}/review/pod02/demo-intranet`;
  const bundleDir = (pod = 'pod02') => bundlesInChain(chainDir(join(ctx.dir, 'proeflab-data', 'evidence', `session-${sessionId}`), 'demo-intranet', pod)).at(-1)!;
  const actions = (pod = 'pod02') => {
    const f = join(bundleDir(pod), 'actions.jsonl');
    const t = existsSync(f) ? readFileSync(f, 'utf8').trim() : '';
    return t ? t.split('\n').map((l) => JSON.parse(l)) : [];
  };

  it('has sealed an evidence bundle per candidate for the final run', () => {
    for (const pod of ['pod01', 'pod02']) {
      expect(existsSync(join(bundleDir(pod), 'manifest.sig')), pod).toBe(true);
      expect(actions(pod)).toEqual([]);
    }
  });

  it('refuses an override without a motivation', async () => {
    await exa.get(`/sessions/${sessionId}/review/pod02`);
    const r = await exa.post(`${base()}/criteria/startpagina`, { score: '2', motivation: '' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('motivering is verplicht');
    expect(actions()).toEqual([]);
  });

  it('records an override with its motivation as a signed action in the bundle', async () => {
    const r = await exa.post(`${base()}/criteria/startpagina`, { score: '2', motivation: 'Pagina toonde de tekst bij de demonstratie; cache van de proxy.' });
    expect(r.statusCode).toBe(303);
    const log = actions();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ type: 'assess', actor: 'examiner exa (exa)', data: { assessor: 'examiner exa (exa)', scores: [{ criterion: 'startpagina', score: 2, points: 2, proposal: 0 }] } });
    expect(log[0].data.scores[0].motivation).toContain('cache van de proxy');
    expect(log[0].sig).toBeTruthy();
    const after = await exa.get(`/sessions/${sessionId}/review/pod02`);
    expect(after.body).toContain('cache van de proxy');
    const audit = ctx.server.db.get<{ actor: string; detail: string }>("SELECT actor, detail FROM audit WHERE action = 'POST /sessions/:id/review/:pod/:exam/criteria/:criterion' AND status = 303")!;
    expect(audit.actor).toBe('user:exa');
    expect(JSON.parse(audit.detail)).toMatchObject({ criterion: 'startpagina', automated: 'fail', proposal: 0, score: 2, override: true });
  });

  it('confirms a proposal without motivation, and refuses a score outside the scale', async () => {
    expect((await exa.post(`${base()}/criteria/hsts`, { score: '1', motivation: '' })).statusCode).toBe(303);
    expect((await exa.post(`${base()}/criteria/hsts`, { score: '7', motivation: 'dit kan niet op deze schaal' })).statusCode).toBe(400);
    expect((await exa.post(`${base()}/criteria/toelichting`, { score: 'Bk', motivation: 'verkeerde schaal voor dit criterium' })).statusCode).toBe(400);
    expect(actions()).toHaveLength(2);
  });

  it('cannot sign before every observation criterion is scored; alone it waits for the second assessor', async () => {
    const early = await exa.post(`${base()}/sign`);
    expect(decodeURIComponent(early.headers.location as string)).toContain('toelichting');
    expect((await exa.post(`${base()}/criteria/toelichting`, { score: '2', motivation: 'Legt alias en MX helder uit aan de opdrachtgever.' })).statusCode).toBe(303);
    const wait = await exa.post(`${base()}/sign`);
    expect(decodeURIComponent(wait.headers.location as string)).toContain('Wacht op de tweede beoordelaar');
    expect(actions().filter((a) => a.type === 'sign')).toHaveLength(0);
  });

  it('keeps the first scoring hidden from the second assessor until they scored themselves', async () => {
    const page = await beo1.get(`/sessions/${sessionId}/review/pod02`);
    expect(page.body).toContain('verborgen tot u zelf alle observatiecriteria heeft gescoord');
    expect(page.body).not.toContain('cache van de proxy');
  });

  it('refuses agreement while the assessors differ, then records it, and both signatures make it final', async () => {
    await beo1.post(`${base()}/criteria/toelichting`, { score: '2', motivation: 'Uitleg over CNAME en MX was duidelijk.' });
    const refused = await beo1.post(`${base()}/sign`);
    expect(decodeURIComponent(refused.headers.location as string)).toContain('startpagina');
    expect(actions().filter((a) => a.type === 'agree')).toHaveLength(0);
    const page = await beo1.get(`/sessions/${sessionId}/review/pod02`);
    expect(page.body).toContain('oneens (startpagina)');
    expect(page.body).toContain('cache van de proxy'); // now visible: beo1 completed their own scoring

    await beo1.post(`${base()}/criteria/startpagina`, { score: '2', motivation: 'Eens met de examinator na bekijken van de opname.' });
    const second = await beo1.post(`${base()}/sign`);
    expect(decodeURIComponent(second.headers.location as string)).toContain('Ondertekend door');
    expect(actions().map((a) => a.type).slice(-2)).toEqual(['agree', 'sign']);
    let csv = await exa.get(`/sessions/${sessionId}/download/scores.csv`);
    expect(csv.body.split('\r\n').find((l) => l.includes('"pod02"'))).toContain('"voorlopig"');

    const last = await exa.post(`${base()}/sign`);
    expect(decodeURIComponent(last.headers.location as string)).toContain('vastgestelde uitslag');
    csv = await exa.get(`/sessions/${sessionId}/download/scores.csv`);
    const line = csv.body.split('\r\n').find((l) => l.includes('"pod02"'))!;
    expect(line).toContain('"vastgesteld"');
    expect(line).toContain('assessor beo1 (beo1) & examiner exa (exa)');

    const result = JSON.parse((await exa.get(`${base()}/result.json`)).body);
    expect(result.results[0].criteria.find((c: { id: string }) => c.id === 'startpagina').status).toBe('pass');
    expect(result.results[0].score.status).toBe('vastgesteld');
    expect(result.assessment.signatures).toHaveLength(2);
    expect(result.observations.every((o: { pod: string }) => o.pod === 'pod02')).toBe(true);
  });

  it('after the result is final, a change is a correction with motivation and a new version', async () => {
    const before = (await exa.get(`/sessions/${sessionId}/download/scores.csv`)).body.split('\r\n').find((l) => l.includes('"pod02"'))!;
    expect((await exa.post(`${base()}/criteria/toelichting`, { score: '3', motivation: '' })).statusCode).toBe(400);
    expect((await exa.post(`${base()}/criteria/toelichting`, { score: '3', motivation: 'Bij nader inzien uitstekend toegelicht (na bezwaar).' })).statusCode).toBe(303);
    expect(actions().at(-1)).toMatchObject({ type: 'override', data: { criterion: 'toelichting', score: 3, status: 'vastgesteld' } });
    const after = (await exa.get(`/sessions/${sessionId}/download/scores.csv`)).body.split('\r\n').find((l) => l.includes('"pod02"'))!;
    expect(after).not.toBe(before);
    expect(after).toContain('"vastgesteld"');
    expect((await exa.get(`/sessions/${sessionId}/review/pod02`)).body).toContain('versie 2');
  });

  it('records an irregularity report, also in the bundle', async () => {
    const r = await beo1.post(`/sessions/${sessionId}/review/pod02/irregularities`, { text: 'Kandidaat gebruikte een telefoon tijdens het examen.' });
    expect(r.statusCode).toBe(303);
    expect((await exa.get(`/sessions/${sessionId}/review/pod02`)).body).toContain('telefoon tijdens het examen');
    expect(actions().at(-1)).toMatchObject({ type: 'irregularity', motivation: 'Kandidaat gebruikte een telefoon tijdens het examen.' });
  });

  it('serves the bundle, the form (HTML and PDF) and the report as downloads', async () => {
    const get = (url: string) => ctx.server.app.inject({ method: 'GET', url, headers: { cookie: `proeflab.sid=${exa.cookies.get('proeflab.sid')}` } });
    const tar = await get(`${base()}/bundle.tar.gz`);
    expect(tar.statusCode).toBe(200);
    expect(tar.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const form = await get(`${base()}/form.html?werkproces=B1-K2-W2`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Daan Jansen');
    expect(form.body).toContain('B1-K2-W2');
    if (existsSync('/usr/bin/chromium')) {
      const pdf = await get(`${base()}/form.pdf?werkproces=B1-K2-W2`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});

describe('access outside one’s own sessions', () => {
  it('gives an assessor and an examiner who are not members nothing of the session', async () => {
    for (const u of ['beo2', 'exa2']) {
      const c = await login(ctx.server.app, u, PASSWORD);
      const home = await c.get('/');
      expect(home.body).not.toContain('Proeve B1-K2');
      for (const url of [
        `/sessions/${sessionId}`,
        `/sessions/${sessionId}/live`,
        `/sessions/${sessionId}/live/events`,
        `/sessions/${sessionId}/review`,
        `/sessions/${sessionId}/review/pod01`,
        `/sessions/${sessionId}/review/pod01/demo-intranet/result.json`,
        `/sessions/${sessionId}/review/pod01/demo-intranet/report.html`,
        `/sessions/${sessionId}/review/pod01/demo-intranet/bundle.tar.gz`,
        `/sessions/${sessionId}/review/pod01/demo-intranet/form.html`,
        `/sessions/${sessionId}/review/pod01/demo-intranet/form.pdf`,
        `/sessions/${sessionId}/download/scores.csv`,
        `/sessions/${sessionId}/sheets`,
        `/sessions/${sessionId}/audit`,
      ]) {
        const r = await c.get(url);
        expect(r.statusCode, `${u} GET ${url}`).toBe(403);
        expect(r.body).not.toContain('Daan Jansen');
      }
      const state = () => `${ctx.server.db.get<{ n: number }>('SELECT (SELECT count(*) FROM irregularities) + (SELECT count(*) FROM session_runs) AS n')!.n}|${readFileSync(join(bundlesInChain(chainDir(join(ctx.dir, 'proeflab-data', 'evidence', `session-${sessionId}`), 'demo-intranet', 'pod01')).at(-1)!, 'actions.jsonl'), 'utf8')}`;
      const before = state();
      const b = `/sessions/${sessionId}/review/pod01/demo-intranet`;
      for (const [url, form] of [
        [`${b}/criteria/startpagina`, { score: '0', motivation: 'Ik hoor hier niet bij maar probeer het.' }],
        [`${b}/criteria/toelichting`, { score: '0', motivation: 'Ik hoor hier niet bij maar probeer het.' }],
        [`${b}/sign`, {}],
        [`/sessions/${sessionId}/review/pod01/irregularities`, { text: 'Ik hoor hier niet bij maar probeer het.' }],
        [`/sessions/${sessionId}/runs`, { phase: 'eindmeting' }],
        [`/sessions/${sessionId}/selfcheck`, { open: '1', detail: 'criteria', max: '9', cooldown: '0' }],
        [`/sessions/${sessionId}/members`, { username: u, role: 'examiner' }],
        [`/sessions/${sessionId}/timer`, { minutes: '10' }],
        [`/sessions/${sessionId}/candidates/100001/extra-time`, { minutes: '30' }],
      ] as const) {
        const r = await c.post(url, form as Record<string, string>);
        expect(r.statusCode, `${u} POST ${url}`).toBe(403);
      }
      expect(state()).toBe(before);
      expect(ctx.server.db.get('SELECT 1 FROM session_members WHERE session_id = ? AND user_id = (SELECT id FROM users WHERE username = ?)', sessionId, u)).toBeUndefined();
      expect(ctx.server.db.get<{ extra_minutes: number }>("SELECT extra_minutes FROM candidates WHERE number = '100001'")!.extra_minutes).toBe(0);
    }
  });

  it('lets an assessor of the session review but not run the session', async () => {
    expect((await beo1.post(`/sessions/${sessionId}/selfcheck`, { open: '1', detail: 'criteria', max: '9', cooldown: '0' })).statusCode).toBe(403);
    expect((await beo1.get(`/sessions/${sessionId}/sheets`)).statusCode).toBe(403);
    expect((await beo1.get(`/sessions/${sessionId}/review/pod01`)).statusCode).toBe(200);
  });

  it('renders every page in English too, without missing words', async () => {
    const en = await login(ctx.server.app, 'exa', PASSWORD);
    await en.post('/lang', { lang: 'en' });
    for (const url of ['/', `/sessions/${sessionId}`, `/sessions/${sessionId}/live`, `/sessions/${sessionId}/review`, `/sessions/${sessionId}/review/pod02`, `/sessions/${sessionId}/sheets`, `/sessions/${sessionId}/audit`, '/sessions/new']) {
      const r = await en.get(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.body, url).toContain('<html lang="en"');
      expect(r.body, url).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
    expect((await en.get(`/sessions/${sessionId}/review/pod02`)).body).toContain('Your score');
  });

  it('has audited every state-changing request, including the refused ones', () => {
    const rows = ctx.server.db.all<{ actor: string; status: number; action: string }>("SELECT actor, status, action FROM audit WHERE action LIKE 'POST %'");
    expect(rows.filter((r) => r.actor === 'user:beo2' && r.status === 403).length).toBeGreaterThanOrEqual(9);
    expect(rows.some((r) => r.action === 'POST /sessions' && r.actor === 'user:exa' && r.status === 303)).toBe(true);
  });
});
