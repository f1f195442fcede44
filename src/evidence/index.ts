// Evidence: bundles, verification, the assessors' flow, proof of own work, retention.
import type { Registry } from '../core/registry.js';
import type { Exam } from '../model/exam.js';
import type { Lab } from '../model/lab.js';
import type { LoadedYaml } from '../model/load.js';
import type { RunResult } from '../model/result.js';
import { writeBundle } from './bundle.js';
import type { SigningKey } from './crypto.js';
import { schoolConfig } from './retention.js';

export { writeBundle, loadBundle, findBundles, chainDir, type Bundle } from './bundle.js';
export { verifyBundle, type VerifyReport } from './verify.js';
export { regrade } from './regrade.js';
export { assess, agree, signResult, correct, setDiplomaDate, loadState, effectiveResult, replay } from './assessment.js';
export { compareRuns, detectCopies } from './ownwork.js';
export { retentionStatus, applyRetention, pseudonymise } from './retention.js';
export { initKey, loadKey, loadOrInitKey, defaultKeyFile, fingerprint } from './crypto.js';

/** Write one sealed, signed bundle per pod and exam of a run; chained to earlier runs in `root`. */
export function writeBundlesForRun(o: {
  root: string;
  result: RunResult;
  exams: LoadedYaml<Exam>[];
  lab: LoadedYaml<Lab>;
  key: SigningKey;
  signerName?: string;
  retentionMonths?: number;
  diplomaDate?: string;
  registry?: Registry;
}): string[] {
  const months = o.retentionMonths ?? schoolConfig().retentionMonths;
  const dirs: string[] = [];
  for (const r of o.result.results) {
    const exam = o.exams.find((e) => e.value.id === r.exam);
    if (!exam) continue;
    dirs.push(writeBundle({ root: o.root, result: o.result, pod: r.pod, exam, lab: o.lab, key: o.key, signerName: o.signerName, retentionMonths: months, diplomaDate: o.diplomaDate, registry: o.registry }));
  }
  return dirs;
}
