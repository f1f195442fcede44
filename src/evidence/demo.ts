// Evidence for `proeflab demo`: one signed bundle per pod, with a demo key kept in the output
// directory (never the installation key), verified right away as a self-test.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Exam } from '../model/exam.js';
import type { Lab } from '../model/lab.js';
import type { LoadedYaml } from '../model/load.js';
import type { RunResult } from '../model/result.js';
import { chainDir } from './bundle.js';
import { loadOrInitKey } from './crypto.js';
import { writeBundlesForRun } from './index.js';
import { verifyBundle } from './verify.js';

export function writeDemoBundles(o: { out: string; result: RunResult; exams: LoadedYaml<Exam>[]; lab: LoadedYaml<Lab> }) {
  const root = join(o.out, 'evidence');
  const { key } = loadOrInitKey(join(o.out, 'demo-signing-key.pem'));
  // Each demo run starts a fresh exam session (no chain to an earlier demo).
  for (const r of o.result.results) rmSync(chainDir(root, r.exam, r.pod), { recursive: true, force: true });
  const dirs = writeBundlesForRun({ root, result: o.result, exams: o.exams, lab: o.lab, key, signerName: 'proeflab demo' });
  const problems = dirs.flatMap((d) => verifyBundle(d).problems.map((p) => `${d}: ${p}`));
  return { dirs, ok: problems.length === 0, problems, key };
}
