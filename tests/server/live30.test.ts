// A classroom: 30 pods in one session. The baseline for all pods runs as one job; the live
// overview streams every pod to the end state, coalesced per pod, and the page stays small.
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, createUser, demoFiles, login, makeServer, setupAdmin, startDemoLab } from './helpers.js';

let ctx: Awaited<ReturnType<typeof makeServer>>;
let demo: Awaited<ReturnType<typeof startDemoLab>>;
let exa: Client;
let sessionId: number;
const N = 30;

beforeAll(async () => {
  ctx = await makeServer();
  demo = await startDemoLab(join(ctx.dir, 'demo'));
  // 30 pods on the stand-ins of the demo's second candidate (each pod gets its own candidate).
  const lab = parse(readFileSync(demo.labFile, 'utf8'));
  const template = lab.pods[1];
  lab.pods = Array.from({ length: N }, (_, i) => ({ ...template, id: `pod${String(i + 1).padStart(2, '0')}`, candidate: undefined }));
  const labFile = join(ctx.dir, 'lab30.yaml');
  writeFileSync(labFile, stringify(lab));
  const csv = lab.pods.map((p: { id: string }, i: number) => `${200001 + i},Kandidaat ${i + 1},ICT4B,${p.id}`).join('\n');
  const admin = await setupAdmin(ctx.server.app, ctx.server.setupToken);
  await createUser(admin, 'exa', 'examiner');
  exa = await login(ctx.server.app, 'exa', PASSWORD);
  await exa.get('/sessions/new');
  const r = await exa.postMultipart('/sessions', { name: 'Klas ICT4B', kind: 'exam', exams: 'demo-intranet' }, { candidates: demoFiles(demo.labFile, csv).candidates, lab: { name: 'lab.yaml', content: readFileSync(labFile, 'utf8') } });
  expect(r.statusCode, r.body.slice(0, 500)).toBe(303);
  sessionId = Number(/\/sessions\/(\d+)/.exec(r.headers.location as string)![1]);
});
afterAll(async () => {
  await ctx?.close();
  await demo?.close();
});

describe('live overview with 30 pods', () => {
  it('streams all 30 pods to their end state', async () => {
    const address = await ctx.server.app.listen({ host: '127.0.0.1', port: 0 });
    let raw = '';
    const req = http.get(`${address}/sessions/${sessionId}/live/events`, { headers: { cookie: `proeflab.sid=${exa.cookies.get('proeflab.sid')}` } });
    const res = await new Promise<http.IncomingMessage>((r) => req.on('response', r));
    res.on('data', (d: Buffer) => (raw += d.toString()));
    await exa.get(`/sessions/${sessionId}`);
    expect((await exa.post(`/sessions/${sessionId}/runs`, { phase: 'nulmeting' })).statusCode).toBe(303);
    await ctx.server.jobs.idle();
    await new Promise((r) => setTimeout(r, 500));
    req.destroy();

    const msgs = raw
      .split('\n\n')
      .filter((e) => e.startsWith('event: pod'))
      .map((e) => JSON.parse(e.split('\ndata: ')[1]));
    const last = new Map(msgs.map((m) => [m.pod, m]));
    expect(last.size).toBe(N);
    for (const p of last.values()) {
      expect(p.state, p.pod).toBe('done');
      expect(p.decided).toBe(11);
      expect(p.candidate.name).toMatch(/^Kandidaat \d+$/);
    }

    const page = await exa.get(`/sessions/${sessionId}/live`);
    expect(page.body.match(/<article class="pod /g)).toHaveLength(N);
    expect(page.body.length).toBeLessThan(250_000);
  });

  it('coalesces a burst of updates of one pod into one message per client', async () => {
    const address = await ctx.server.app.listen({ host: '127.0.0.1', port: 0 }).catch(() => `http://127.0.0.1:${(ctx.server.app.server.address() as { port: number }).port}`);
    let raw = '';
    const req = http.get(`${address}/sessions/${sessionId}/live/events`, { headers: { cookie: `proeflab.sid=${exa.cookies.get('proeflab.sid')}` } });
    const res = await new Promise<http.IncomingMessage>((r) => req.on('response', r));
    res.on('data', (d: Buffer) => (raw += d.toString()));
    await new Promise((r) => setTimeout(r, 300));
    const snapshot = raw.split('\n\n').filter((e) => e.includes('"pod":"pod07"')).length;
    expect(snapshot).toBe(1);
    // 50 updates in one tick (as when many verdicts arrive at once).
    for (let i = 0; i < 50; i++) ctx.server.hub.queued({ id: `burst${i}`, sessionId, phase: 'eindmeting', mode: 'exam', pods: ['pod07'], requestedBy: 'test' });
    await new Promise((r) => setTimeout(r, 600));
    req.destroy();
    const pod07 = raw.split('\n\n').filter((e) => e.includes('"pod":"pod07"')).map((e) => JSON.parse(e.split('\ndata: ')[1]));
    expect(pod07).toHaveLength(2);
    expect(pod07[1]).toMatchObject({ state: 'queued', runId: 'burst49' });
  });
});
