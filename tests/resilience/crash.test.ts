// Crash safety: SIGKILL in the middle of a class run; on restart the run resumes and every
// observation made before the kill is still there, unchanged.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../src/store/sqlite.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'proeflab.js');
let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  // A slow web server: every page takes 250 ms, like a loaded lab host.
  server = createServer((req, res) => {
    hits++;
    setTimeout(() => res.end(`page ${req.url}`), 250);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
  await execa(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, reject: false });
}, 120_000);
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('crash safety', () => {
  it('resumes a killed run without losing or refetching what was observed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proeflab-crash-'));
    const exam = join(dir, 'exam.yaml');
    const criteria = Array.from({ length: 6 }, (_, i) => `  - { id: c${i}, title: C${i}, check: { kind: http.response, url: "http://127.0.0.1:${port}/{{pod.id}}/${i}", contains: page } }`);
    writeFileSync(exam, `id: crash\ntitle: Crash\ndossier: ict-en-mediabeheer\nwerkprocessen: [B1-K2-W2]\ncriteria:\n${criteria.join('\n')}\n`);
    const lab = join(dir, 'lab.yaml');
    writeFileSync(lab, `pods:\n${Array.from({ length: 10 }, (_, i) => `  - { id: pod${i}, devices: {} }`).join('\n')}\n`);
    const db = join(dir, 'run.db');

    // 60 facts, 2 at a time (harness slots are per pod, the pool has one pod at a time) → ~4.5 s.
    const child = spawn(process.execPath, [BIN, 'check', exam, '--lab', lab, '--db', db, '--concurrency', '1', '-q'], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const runId = await new Promise<string>((resolve, reject) => {
      const t = setInterval(() => {
        const m = /run (\w+) wordt vastgelegd/.exec(stderr);
        if (!m) return;
        let n = 0;
        try {
          const store = new RunStore(db);
          n = store.observationCount(m[1]);
          store.close();
        } catch {
          return; // the writer holds the file this instant: look again at the next tick
        }
        if (n >= 15) {
          clearInterval(t);
          child.kill('SIGKILL');
          resolve(m[1]);
        }
      }, 50);
      child.on('exit', () => {
        clearInterval(t);
        reject(new Error(`run ended before it could be killed: ${stderr}`));
      });
    });
    await new Promise((r) => child.on('exit', r));

    const store = new RunStore(db);
    const before = store.observations(runId);
    expect(store.run(runId)?.ended_at).toBeNull(); // the interrupted run is visibly unfinished
    store.close();
    expect(before.length).toBeGreaterThanOrEqual(15);
    expect(before.length).toBeLessThan(60);

    const hitsBefore = hits;
    const resumed = await execa(process.execPath, [BIN, 'check', exam, '--lab', lab, '--db', db, '--resume', runId, '--format', 'json', '-q'], { reject: false });
    expect(resumed.exitCode).toBe(0);
    const result = JSON.parse(resumed.stdout);
    expect(result.run.id).toBe(runId);
    expect(result.summary.pass).toBe(60);
    // Only what was missing was fetched again (a fact in flight at the kill may be fetched twice).
    expect(hits - hitsBefore).toBeLessThanOrEqual(60 - before.length + 2);
    const byId = new Map(result.observations.map((o: { id: string }) => [o.id, o]));
    for (const o of before) expect(byId.get(o.id)).toEqual(o);

    const again = new RunStore(db);
    expect(again.run(runId)?.ended_at).not.toBeNull();
    again.close();
  }, 60_000);
});
