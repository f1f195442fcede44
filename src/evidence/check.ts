// Evidence for `proeflab check --out DIR`: a signed bundle per pod under DIR/evidence, signed with
// the installation key (created on first use, like an SSH host key; $PROEFLAB_KEY overrides).
import { join, resolve } from 'node:path';
import pc from 'picocolors';
import type { Exam } from '../model/exam.js';
import type { Lab } from '../model/lab.js';
import type { LoadedYaml } from '../model/load.js';
import type { RunResult } from '../model/result.js';
import { defaultKeyFile, loadOrInitKey } from './crypto.js';
import { writeBundlesForRun } from './index.js';

export function writeCheckBundles(o: { out: string; result: RunResult; exams: LoadedYaml<Exam>[]; lab: LoadedYaml<Lab>; examiner?: string }): string[] {
  const file = process.env.PROEFLAB_KEY ? resolve(process.env.PROEFLAB_KEY) : defaultKeyFile();
  const { key, created } = loadOrInitKey(file);
  if (created) process.stderr.write(pc.yellow(`nieuwe installatiesleutel aangemaakt: ${file} (${key.fingerprint})\n`));
  return writeBundlesForRun({ root: join(o.out, 'evidence'), result: o.result, exams: o.exams, lab: o.lab, key, signerName: o.examiner });
}
