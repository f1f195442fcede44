// AVG inzage: everything proeflab holds about one candidate, in one JSON file the candidate can
// read (and a machine can process): per bundle the run, the result as it stands, the
// observations of their pod, the human actions about them, and the retention date.
import { writeFileSync } from 'node:fs';
import { VERSION } from '../core/version.js';
import { readActions } from '../evidence/actions.js';
import { effectiveResult, replay } from '../evidence/assessment.js';
import { loadBundle } from '../evidence/bundle.js';
import { retentionStatus } from '../evidence/retention.js';
import { expandBundles } from '../evidence/select.js';

export function buildInzage(candidate: string, paths: string[], now = new Date()) {
  const dirs = expandBundles(paths).filter((d) => !d.endsWith('.partial'));
  const bundles = [];
  for (const dir of dirs) {
    let b;
    try {
      b = loadBundle(dir);
    } catch {
      continue;
    }
    if (b.meta.candidate?.id !== candidate) continue;
    const log = readActions(dir);
    const st = replay(b, log.entries, log.problems);
    const eff = effectiveResult(b, st).results[0];
    const retention = retentionStatus(dir, { now }).find((r) => r.dir === dir);
    bundles.push({
      bundle: dir,
      exam: { id: b.meta.exam.id, version: b.meta.exam.version, title: b.meta.exam.title },
      phase: b.meta.phase,
      run: b.meta.run,
      pod: b.meta.pod,
      examiner: b.meta.examiner,
      retention: retention ? { until: retention.until, basis: retention.basis, diplomaDate: retention.diplomaDate } : b.meta.retention,
      result: { status: st.status, version: st.version, score: eff.score, criteria: eff.criteria, variables: eff.variables },
      devices: eff.devices,
      observations: b.observations,
      actions: log.entries.map((e) => ({ seq: e.seq, type: e.type, at: e.at, actor: e.actor, motivation: e.motivation, data: e.data, signedWith: e.key.fingerprint })),
    });
  }
  return {
    schema: 'proeflab/inzage',
    version: 1,
    generatedAt: now.toISOString(),
    proeflabVersion: VERSION,
    candidate: { id: candidate, ...(bundles.length ? { name: loadBundle(bundles[0].bundle).meta.candidate?.name, class: loadBundle(bundles[0].bundle).meta.candidate?.class } : {}) },
    explanation: {
      nl: 'Dit zijn alle gegevens die proeflab over u bewaart voor dit examen: wat er op uw apparaten is waargenomen (geheimen zoals wachtwoorden zijn verwijderd), de oordelen en punten, wie wanneer wat heeft beoordeeld of gecorrigeerd, en hoe lang de gegevens bewaard worden.',
      en: 'This is all data proeflab keeps about you for this exam: what was observed on your devices (secrets such as passwords removed), the verdicts and points, who assessed or corrected what and when, and how long the data is kept.',
    },
    bundles,
  };
}

export function writeInzage(candidate: string, paths: string[], out: string): string {
  const data = buildInzage(candidate, paths);
  if (!data.bundles.length) throw new Error(`geen bundels van kandidaat ${candidate}`);
  writeFileSync(out, JSON.stringify(data, null, 2) + '\n');
  return out;
}
