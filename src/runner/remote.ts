// `proeflab runner`: runs in an exam location, connects OUT to the central server, takes check
// jobs from its queue, runs them against the local lab with the engine and streams the events
// back. The server never needs inbound access to the lab; the runner needs no database access.
//
// Protocol (HTTPS, bearer token per location; see src/server/central.ts):
//   POST /api/runner/next?wait=ms           → 200 assignment (job, exams, lab, resumeFrom) | 204 none
//   POST /api/runner/leases/:lease/events   {events}  → 200 | 409 lease lost (stop this job)
//   POST /api/runner/leases/:lease/finish   {result} | {error}
// Event batches double as heartbeats; an empty batch is sent when there is nothing to report.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createRegistry, type Registry } from '../core/registry.js';
import { run, type RunEvent } from '../core/runner.js';
import { errorMessage, sleep } from '../core/util.js';
import type { Exam } from '../model/exam.js';
import type { Lab } from '../model/lab.js';
import type { LoadedYaml } from '../model/load.js';
import type { RunnerAssignment } from '../server/central.js';

export interface RemoteRunnerOptions {
  server: string;
  token: string;
  /** Local secrets file for the lab's devices (stays in the location; never sent anywhere). */
  secrets?: string;
  /** Working directory for job inventories (default: a temporary directory). */
  workDir?: string;
  registry?: Registry;
  /** Devices worked on at once within a job. */
  concurrency?: number;
  log?: (line: string) => void;
  /** Events per POST at most (default 100). */
  batch?: number;
  /** Stop after this many jobs (tests); default: run until stopped. */
  maxJobs?: number;
}

class LeaseLost extends Error {}

export class RemoteRunner {
  private stopping = new AbortController();
  private readonly base: string;
  private readonly log: (line: string) => void;
  jobsDone = 0;

  constructor(private readonly o: RemoteRunnerOptions) {
    this.base = o.server.replace(/\/+$/, '');
    this.log = o.log ?? ((l) => process.stderr.write(`${l}\n`));
  }

  stop() {
    this.stopping.abort(new Error('runner stopping'));
  }

  private async post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.o.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
      signal,
    });
  }

  /** POST with retries on network trouble and 5xx (the server may be restarting). */
  private async postReliably(path: string, body: unknown): Promise<Response> {
    let delay = 250;
    for (;;) {
      try {
        const r = await this.post(path, body);
        if (r.status < 500) return r;
        this.log(`server answered ${r.status} on ${path}; retrying`);
      } catch (err) {
        if (this.stopping.signal.aborted) throw err;
        this.log(`server unreachable (${errorMessage(err)}); retrying`);
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  }

  /** Take jobs until stopped. */
  async loop(): Promise<void> {
    let backoff = 500;
    while (!this.stopping.signal.aborted && (this.o.maxJobs === undefined || this.jobsDone < this.o.maxJobs)) {
      let res: Response;
      const asked = Date.now();
      try {
        // A per-request signal, so that waiting for jobs for days adds no listeners to `stopping`.
        const c = new AbortController();
        const onStop = () => c.abort(this.stopping.signal.reason);
        this.stopping.signal.addEventListener('abort', onStop, { once: true });
        try {
          res = await this.post('/api/runner/next?wait=20000', {}, c.signal);
        } finally {
          this.stopping.signal.removeEventListener('abort', onStop);
        }
      } catch (err) {
        if (this.stopping.signal.aborted) break;
        this.log(`server unreachable (${errorMessage(err)})`);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 10_000);
        continue;
      }
      backoff = 500;
      if (res.status === 204) {
        // A server that answers at once (no long-poll) is not asked in a tight loop.
        if (Date.now() - asked < 200) await sleep(500);
        continue;
      }
      if (res.status === 401) throw new Error('the server refused the runner token (wrong or revoked)');
      if (res.status !== 200) {
        this.log(`server answered ${res.status} when asked for a job`);
        await sleep(1000);
        continue;
      }
      const a = (await res.json()) as RunnerAssignment;
      await this.runAssignment(a);
      this.jobsDone++;
    }
  }

  async runAssignment(a: RunnerAssignment): Promise<void> {
    this.log(`job ${a.job.id}: ${a.job.phase} ${a.job.pods.join(', ')}${a.resumeFrom.length ? ` (taken over, ${a.resumeFrom.length} observations already in)` : ''}`);
    const dir = join(resolve(this.o.workDir ?? tmpdir()), `proeflab-job-${a.job.id}-${a.lease.slice(0, 8)}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const ctrl = new AbortController();
    const onStop = () => ctrl.abort(new Error('runner stopping'));
    this.stopping.signal.addEventListener('abort', onStop);
    let buffer: RunEvent[] = [];
    let lost = false;
    let lastSent = Date.now();
    let chain: Promise<void> = Promise.resolve();
    // One batch at a time, in order; a lost lease stops the job.
    const flush = (force = false) => {
      if (lost || (!buffer.length && !force)) return chain;
      const events = buffer;
      buffer = [];
      lastSent = Date.now();
      chain = chain.then(async () => {
        if (lost) return;
        const r = await this.postReliably(`/api/runner/leases/${a.lease}/events`, { events });
        if (r.status === 409 || r.status === 401) {
          lost = true;
          ctrl.abort(new LeaseLost(`lease lost (${r.status})`));
        } else if (r.status >= 400) this.log(`events refused: ${r.status} ${await r.text()}`);
      });
      return chain;
    };
    const timer = setInterval(() => {
      if (buffer.length || Date.now() - lastSent >= a.heartbeatMs) void flush(true);
    }, Math.max(50, Math.min(250, Math.floor(a.heartbeatMs / 2))));
    try {
      // The inventory is the session's; device secrets come from this location's own file.
      const labFile = join(dir, 'lab.yaml');
      writeFileSync(labFile, a.lab.source, { mode: 0o600 });
      const labValue = a.lab.value as Lab;
      if (this.o.secrets && labValue.secrets_file) copyFileSync(this.o.secrets, join(dir, basename(labValue.secrets_file)));
      const lab: LoadedYaml<Lab> = { file: labFile, value: labValue, source: a.lab.source, sha256: a.lab.sha256, locate: () => ({}) };
      const exams: LoadedYaml<Exam>[] = a.exams.map((e) => ({ ...e, value: e.value as Exam, locate: () => ({}) }));
      let result;
      try {
        result = await run({
          exams,
          lab,
          registry: this.o.registry ?? createRegistry(),
          pods: a.job.pods,
          mode: a.job.mode,
          lang: a.lang,
          phase: a.job.phase,
          runId: a.job.id,
          examiner: a.job.requestedBy,
          resumeFrom: a.resumeFrom,
          ...(this.o.concurrency ? { concurrency: this.o.concurrency } : {}),
          signal: ctrl.signal,
          onEvent: (e) => {
            buffer.push(e);
            if (buffer.length >= (this.o.batch ?? 100)) void flush();
          },
        });
      } catch (err) {
        if (lost || this.stopping.signal.aborted) {
          this.log(`job ${a.job.id}: stopped (${errorMessage(err)})`);
          return;
        }
        await flush(true);
        await this.postReliably(`/api/runner/leases/${a.lease}/finish`, { error: errorMessage(err) });
        this.log(`job ${a.job.id}: error ${errorMessage(err)}`);
        return;
      }
      await flush(true);
      if (lost) {
        this.log(`job ${a.job.id}: lease lost; result not sent`);
        return;
      }
      const r = await this.postReliably(`/api/runner/leases/${a.lease}/finish`, { result });
      this.log(`job ${a.job.id}: ${r.status === 200 ? 'done' : `finish refused (${r.status})`}`);
    } finally {
      clearInterval(timer);
      this.stopping.signal.removeEventListener('abort', onStop);
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
