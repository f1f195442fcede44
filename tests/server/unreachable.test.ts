// A device that cannot be reached shows up in the live overview as unreachable with the reason,
// and its criteria as `error` (niet waarneembaar), never as failed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../src/demo/standins.js';
import { buildServer } from '../../src/server/app.js';
import { Client, PASSWORD, createUser, login, makeServer, setupAdmin } from './helpers.js';

const EXAM = `id: test-switch
title: Switch basisconfiguratie (test)
dossier: ict-en-mediabeheer
werkprocessen: [B1-K2-W2]
roles: { sw1: cisco-ios-switch }
criteria:
  - id: hostname
    title: De switch heet SW1
    check: { kind: cisco.hostname, device: sw1, hostname: SW1 }
`;

let ctx: Awaited<ReturnType<typeof makeServer>>;
let exa: Client;
let examsDir: string;

beforeAll(async () => {
  examsDir = join(process.cwd(), 'tests', '.tmp', `exams-${process.pid}`);
  mkdirSync(examsDir, { recursive: true });
  writeFileSync(join(examsDir, 'test-switch.yaml'), EXAM);
  ctx = await makeServer({ examsDir });
  const admin = await setupAdmin(ctx.server.app, ctx.server.setupToken);
  await createUser(admin, 'exa', 'examiner');
  exa = await login(ctx.server.app, 'exa', PASSWORD);
});
afterAll(async () => {
  await ctx?.close();
  rmSync(examsDir, { recursive: true, force: true });
});

describe('unreachable device', () => {
  it('is reported per pod with the reason; its criteria are not observable, not failed', async () => {
    const port = await closedPort();
    const lab = `name: kapot\npods:\n  - id: pod01\n    devices:\n      sw1: { platform: cisco-ios, host: 127.0.0.1, port: ${port}, transport: telnet, timeout: 3 }\n`;
    await exa.get('/sessions/new');
    const r = await exa.postMultipart('/sessions', { name: 'Switches', kind: 'exam', exams: 'test-switch' }, { lab: { name: 'lab.yaml', content: lab }, candidates: { name: 'c.csv', content: '300001,Ali Bakker,ICT2A,pod01\n' } });
    expect(r.statusCode, r.body.slice(0, 500)).toBe(303);
    const id = Number(/\/sessions\/(\d+)/.exec(r.headers.location as string)![1]);
    await exa.get(`/sessions/${id}`);
    await exa.post(`/sessions/${id}/runs`, { phase: 'eindmeting' });
    await ctx.server.jobs.idle();
    const [pod] = ctx.server.hub.snapshot(id);
    expect(pod).toMatchObject({ pod: 'pod01', state: 'done', error: 1, fail: 0 });
    expect(pod.unreachable).toEqual([{ device: 'sw1', message: expect.stringContaining('geweigerd') }]);
    expect(pod.failing[0]).toMatchObject({ id: 'hostname', status: 'error' });
    const live = await exa.get(`/sessions/${id}/live`);
    expect(live.body).toContain('sw1 onbereikbaar');
    const review = await exa.get(`/sessions/${id}/review/pod01`);
    expect(review.body).toContain('b-error');
  });

  it('warns the examiner when an exam file changed after the session was created', async () => {
    expect((await exa.get('/sessions/1')).body).not.toContain('examenbestand is gewijzigd');
    writeFileSync(join(examsDir, 'test-switch.yaml'), EXAM + '# later gewijzigd\n');
    const page = await exa.get('/sessions/1');
    expect(page.body).toMatch(/role="alert">Let op: het examenbestand is gewijzigd[^<]*: test-switch/);
  });

  it('after a restart rebuilds the overview from the database and marks unfinished runs', async () => {
    const db = ctx.server.db.path;
    ctx.server.db.run("INSERT INTO session_runs (run_id, session_id, phase, pods, status, requested_by, created_at) VALUES ('lost', 1, 'eindmeting', '[\"pod01\"]', 'running', 'exa', ?)", new Date().toISOString());
    await ctx.server.close();
    const again = await buildServer({ dbFile: db, examsDir });
    try {
      expect(again.db.get<{ status: string; error: string }>("SELECT status, error FROM session_runs WHERE run_id = 'lost'")).toEqual({ status: 'error', error: 'onderbroken: server herstart' });
      const [pod] = again.hub.snapshot(1);
      expect(pod).toMatchObject({ pod: 'pod01', phase: 'eindmeting', error: 1 });
      expect(pod.unreachable[0].device).toBe('sw1');
    } finally {
      await again.close();
      ctx.server = again; // closed; afterAll's close must not fail
      ctx.close = async () => rmSync(ctx.dir, { recursive: true, force: true });
    }
  });
});
