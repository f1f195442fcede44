// Check jobs. The server describes WHAT to check (a CheckJob); a JobRunner decides WHERE it runs.
// With SQLite the server runs jobs itself (LocalJobRunner: an in-process queue with bounded
// concurrency). A central deployment swaps in a runner that puts jobs on a shared queue and
// receives the same RunEvents back from `proeflab runner` processes in the exam locations; the
// rest of the server only sees JobRunner and JobListener.
import type { RunEvent } from '../core/runner.js';
import { run } from '../core/runner.js';
import type { Registry } from '../core/registry.js';
import type { Exam } from '../model/exam.js';
import type { Lab } from '../model/lab.js';
import type { LoadedYaml } from '../model/load.js';
import type { RunResult } from '../model/result.js';
import { errorMessage } from '../core/util.js';

export type Phase = 'nulmeting' | 'zelfcontrole' | 'eindmeting';

export interface CheckJob {
  /** Also the run id in the run store. */
  id: string;
  sessionId: number;
  phase: Phase;
  mode: 'exam' | 'practice';
  pods: string[];
  requestedBy: string;
}

/** What a job needs to run: the exams and the lab (with candidates) of its session. */
export interface JobInputs {
  exams: LoadedYaml<Exam>[];
  lab: LoadedYaml<Lab>;
  lang: 'nl' | 'en';
}

export interface JobListener {
  started(job: CheckJob): void;
  event(job: CheckJob, e: RunEvent): void;
  finished(job: CheckJob, result: RunResult): void;
  failed(job: CheckJob, error: string): void;
}

export interface JobRunner {
  submit(job: CheckJob): void;
  /** Jobs waiting or running. */
  pending(): number;
  /** Resolves when nothing is waiting or running (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export class LocalJobRunner implements JobRunner {
  private queue: CheckJob[] = [];
  private running = new Map<string, AbortController>();
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly o: {
      registry: Registry;
      inputs: (job: CheckJob) => JobInputs;
      listener: JobListener;
      /** Jobs run at once (each job works on many devices at once itself). */
      concurrency?: number;
      /** Devices worked on at once within one job. */
      deviceConcurrency?: number;
      examiner?: (job: CheckJob) => string;
      /** The engine (default: core run); replaceable in tests. */
      run?: typeof run;
    },
  ) {}

  submit(job: CheckJob) {
    if (this.closed) throw new Error('job runner is closed');
    this.queue.push(job);
    this.pump();
  }

  pending() {
    return this.queue.length + this.running.size;
  }

  idle(): Promise<void> {
    if (this.pending() === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  async close() {
    this.closed = true;
    this.queue = [];
    for (const c of this.running.values()) c.abort(new Error('server stopping'));
    await this.idle();
  }

  private pump() {
    const max = Math.max(1, this.o.concurrency ?? 2);
    while (this.running.size < max && this.queue.length) {
      const job = this.queue.shift()!;
      const ctrl = new AbortController();
      this.running.set(job.id, ctrl);
      void this.execute(job, ctrl.signal).finally(() => {
        this.running.delete(job.id);
        this.pump();
        if (this.pending() === 0) this.idleWaiters.splice(0).forEach((r) => r());
      });
    }
  }

  private async execute(job: CheckJob, signal: AbortSignal) {
    const { listener } = this.o;
    try {
      const inputs = this.o.inputs(job);
      listener.started(job);
      const result = await (this.o.run ?? run)({
        exams: inputs.exams,
        lab: inputs.lab,
        registry: this.o.registry,
        pods: job.pods,
        mode: job.mode,
        lang: inputs.lang,
        phase: job.phase,
        runId: job.id,
        examiner: this.o.examiner?.(job) ?? job.requestedBy,
        concurrency: this.o.deviceConcurrency ?? 16,
        signal,
        onEvent: (e) => listener.event(job, e),
      });
      listener.finished(job, result);
    } catch (err) {
      listener.failed(job, errorMessage(err));
    }
  }
}
