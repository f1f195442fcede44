// `proeflab check`: run exams against a lab, stream progress, write reports.
import { resolve } from 'node:path';
import { loadExam, resolveExamRef } from '../core/exams.js';
import { createRegistry } from '../core/registry.js';
import { newRunId, run, type RunEvent } from '../core/runner.js';
import type { Mode } from '../core/types.js';
import { Lab } from '../model/lab.js';
import { InputError, loadYaml } from '../model/load.js';
import type { Observation } from '../core/types.js';
import { render, writeReports, type Format } from '../report/index.js';
import { RunStore } from '../store/sqlite.js';
import { createProgress } from './progress.js';

export interface CheckOptions {
  lab: string;
  pod: string[];
  mode: Mode;
  format: Format;
  out?: string;
  db?: string;
  concurrency: number;
  lang: 'nl' | 'en';
  examiner?: string;
  phase?: string;
  quiet?: boolean;
  resume?: string;
}

export async function checkCommand(examRefs: string[], o: CheckOptions): Promise<number> {
  const exams = examRefs.map((ref) => loadExam(resolveExamRef(ref)));
  const lab = loadYaml(resolve(o.lab), Lab);
  const registry = createRegistry();
  const progress = createProgress(process.stderr, { quiet: o.quiet });
  if (o.resume && !o.db) throw new InputError([{ file: o.lab, path: '--resume', message: '--resume needs --db (the store the interrupted run wrote to)' }]);
  const store = o.db ? new RunStore(o.db) : undefined;
  let resumeFrom: Observation[] | undefined;
  if (o.resume) {
    const prev = store!.run(o.resume);
    if (!prev) throw new InputError([{ file: o.db!, path: '--resume', message: `no run '${o.resume}' in ${o.db}` }]);
    if (prev.ended_at) throw new InputError([{ file: o.db!, path: '--resume', message: `run '${o.resume}' finished at ${prev.ended_at}; nothing to resume` }]);
    resumeFrom = store!.observations(o.resume);
    process.stderr.write(`hervatten van run ${o.resume}: ${resumeFrom.length} waarnemingen al vastgelegd\n`);
  }
  const runId = o.resume ?? newRunId();
  const record = store?.recorder(runId, { mode: o.mode, lab: lab.value.name, phase: o.phase, exams: exams.map((e) => e.value.id) });
  const ac = new AbortController();
  const onSigint = () => ac.abort(new Error('afgebroken door gebruiker'));
  if (store) process.stderr.write(`run ${runId} wordt vastgelegd in ${o.db}\n`);
  process.once('SIGINT', onSigint);
  let result;
  try {
    result = await run({
      exams,
      lab,
      registry,
      pods: o.pod,
      mode: o.mode,
      lang: o.lang,
      concurrency: o.concurrency,
      examiner: o.examiner,
      phase: o.phase,
      runId,
      resumeFrom,
      signal: ac.signal,
      onEvent: (e: RunEvent) => {
        if (!o.quiet) progress.onEvent(e);
        record?.(e);
      },
    });
  } finally {
    progress.done();
    process.off('SIGINT', onSigint);
  }
  store?.finish(runId, result);
  store?.close();
  process.stdout.write(render(result, o.format, o.lang));
  if (o.out) {
    const files = writeReports(result, o.out, ['html', 'junit', 'text'], o.lang);
    process.stderr.write(`geschreven: ${files.join(', ')}\n`);
    // Signed evidence bundle per pod (src/evidence), chained to earlier runs of the same session in --out.
    const { writeCheckBundles } = await import('../evidence/check.js');
    const bundles = writeCheckBundles({ out: o.out, result, exams, lab, examiner: o.examiner });
    process.stderr.write(`bewijsbundels: ${bundles.join(', ')}\n`);
  }
  return result.summary.exitCode;
}
