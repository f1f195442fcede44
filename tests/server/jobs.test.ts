// The job seam: the in-process runner keeps to its concurrency, and a different JobRunner (as a
// central queue with remote runners would be) plugs in through buildServer without the rest of the
// server knowing: it gets the job description and reports back through the same listener.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/core/registry.js';
import { run, type RunEvent } from '../../src/core/runner.js';
import type { CheckJob, JobInputs, JobListener, JobRunner } from '../../src/server/jobs.js';
import { LocalJobRunner } from '../../src/server/jobs.js';
import type { RunResult } from '../../src/model/result.js';
import { PASSWORD, createDemoSession, createUser, login, makeServer, setupAdmin, startDemoLab } from './helpers.js';

/** Stands in for a queue served to remote runners: jobs wait until a "runner" takes them. */
class QueueRunner implements JobRunner {
  waiting: CheckJob[] = [];
  private busy = 0;
  constructor(
    private readonly inputs: (job: CheckJob) => JobInputs,
    private readonly listener: JobListener,
  ) {}
  submit(job: CheckJob) {
    this.waiting.push(job);
  }
  pending() {
    return this.waiting.length + this.busy;
  }
  async idle() {}
  async close() {}
  /** What `proeflab runner` would do on the other side: take a job, run it, stream events back. */
  async takeAndRun() {
    const job = this.waiting.shift()!;
    this.busy++;
    const events: RunEvent[] = [];
    try {
      const inp = this.inputs(job);
      this.listener.started(job);
      const result: RunResult = await run({ exams: inp.exams, lab: inp.lab, registry: createRegistry(), pods: job.pods, mode: job.mode, phase: job.phase, runId: job.id, onEvent: (e) => (events.push(e), this.listener.event(job, e)) });
      this.listener.finished(job, result);
    } finally {
      this.busy--;
    }
    return { job, events };
  }
}

describe('a swapped-in job runner', () => {
  let ctx: Awaited<ReturnType<typeof makeServer>>;
  let demo: Awaited<ReturnType<typeof startDemoLab>>;
  let queue: QueueRunner | undefined;

  beforeAll(async () => {
    ctx = await makeServer({
      jobRunner: (inputs, listener) => (queue = new QueueRunner(inputs, listener)),
    });
    demo = await startDemoLab(join(ctx.dir, 'demo'));
  });
  afterAll(async () => {
    await ctx?.close();
    await demo?.close();
  });

  it('receives the job, and its results land in the session as with the built-in runner', async () => {
    const admin = await setupAdmin(ctx.server.app, ctx.server.setupToken);
    await createUser(admin, 'exa', 'examiner');
    const exa = await login(ctx.server.app, 'exa', PASSWORD);
    const id = await createDemoSession(exa, demo.labFile);
    await exa.get(`/sessions/${id}`);
    await exa.post(`/sessions/${id}/runs`, { phase: 'eindmeting', pod: 'pod01' });
    expect(queue!.waiting).toHaveLength(1);
    expect(queue!.waiting[0]).toMatchObject({ sessionId: id, phase: 'eindmeting', mode: 'exam', pods: ['pod01'], requestedBy: 'exa' });
    expect(ctx.server.db.get<{ status: string }>('SELECT status FROM session_runs')!.status).toBe('queued');
    expect(ctx.server.hub.snapshot(id).find((p) => p.pod === 'pod01')!.state).toBe('queued');

    const { events } = await queue!.takeAndRun();
    expect(events.some((e) => e.type === 'criterion')).toBe(true);
    expect(ctx.server.db.get<{ status: string }>('SELECT status FROM session_runs')!.status).toBe('done');
    expect(ctx.server.hub.snapshot(id).find((p) => p.pod === 'pod01')).toMatchObject({ state: 'done', fail: 0 });
    // Observations were recorded as they streamed, and the evidence bundle was sealed.
    expect(ctx.server.db.store.observationCount(ctx.server.db.get<{ run_id: string }>('SELECT run_id FROM session_runs')!.run_id)).toBeGreaterThan(0);
    const review = await exa.get(`/sessions/${id}/review/pod01`);
    expect(review.body).toContain('voorlopige uitslag');
  });
});

describe('the in-process job runner', () => {
  it('runs at most `concurrency` jobs at once, in order, and reports every job', async () => {
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const release: (() => void)[] = [];
    const listener: JobListener = {
      started: (job) => order.push(`start ${job.id}`),
      event: () => {},
      finished: (job) => order.push(`done ${job.id}`),
      failed: (job, error) => order.push(`failed ${job.id}: ${error}`),
    };
    const fakeRun = (async (o: { runId?: string }) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((r) => release.push(r));
      running--;
      if (o.runId === 'c') throw new Error('lab onbereikbaar');
      return { run: { id: o.runId } } as unknown as RunResult;
    }) as unknown as typeof run;
    const runner = new LocalJobRunner({ registry: createRegistry(), listener, concurrency: 2, run: fakeRun, inputs: () => ({ exams: [], lab: {} as never, lang: 'nl' }) });
    for (const id of ['a', 'b', 'c', 'd', 'e']) runner.submit({ id, sessionId: 1, phase: 'nulmeting', mode: 'exam', pods: ['pod01'], requestedBy: 't' });
    expect(runner.pending()).toBe(5);
    const idle = runner.idle();
    // Release the jobs one at a time; at most two are ever running.
    while (order.filter((x) => x.startsWith('done') || x.startsWith('failed')).length < 5) {
      await new Promise((r) => setImmediate(r));
      release.shift()?.();
    }
    await idle;
    expect(peak).toBe(2);
    expect(order.filter((x) => x.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d', 'start e']);
    expect(order).toContain('failed c: lab onbereikbaar');
    expect(order.filter((x) => x.startsWith('done'))).toEqual(['done a', 'done b', 'done d', 'done e']);
    expect(runner.pending()).toBe(0);
  });
});
