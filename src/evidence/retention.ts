// Retention (AVG): every bundle carries a retention date, by default 18 months after the diploma
// date (configurable per school). Until the diploma date is recorded (`proeflab retention
// --diploma-date`, an appended action) the exam date is the basis. `proeflab retention` lists what
// is due; `--apply` deletes it or replaces it by a pseudonymised, re-signed copy for statistics.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActions } from './actions.js';
import { replay } from './assessment.js';
import { ACTIONS, addMonths, findBundles, loadBundle, MANIFEST, PUBLIC_KEY, seal, SIGNATURE, type BundleMeta } from './bundle.js';
import { configDir, sha256hex, type SigningKey } from './crypto.js';

export interface RetentionItem {
  dir: string;
  pod: string;
  candidate?: string;
  exam: string;
  phase: string;
  until: string;
  basis: 'diploma' | 'examendatum';
  diplomaDate?: string;
  due: boolean;
  pseudonymised: boolean;
}

/** School-wide settings: <config dir>/config.json, e.g. {"retentionMonths": 24}. */
export function schoolConfig(env: NodeJS.ProcessEnv = process.env): { retentionMonths: number } {
  try {
    const c = JSON.parse(readFileSync(join(configDir(env), 'config.json'), 'utf8'));
    if (typeof c.retentionMonths === 'number' && c.retentionMonths > 0) return { retentionMonths: c.retentionMonths };
  } catch {
    /* no config: defaults */
  }
  return { retentionMonths: 18 };
}

export function retentionStatus(root: string, o: { now?: Date; months?: number } = {}): RetentionItem[] {
  const today = (o.now ?? new Date()).toISOString().slice(0, 10);
  const items: RetentionItem[] = [];
  for (const dir of findBundles(root)) {
    let meta: BundleMeta;
    try {
      meta = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'));
    } catch {
      continue;
    }
    let diplomaDate = meta.retention?.diplomaDate;
    try {
      const log = readActions(dir);
      for (const e of log.entries) if (e.type === 'diploma') diplomaDate = String(e.data.date);
    } catch {
      /* unreadable log: keep the bundle's own date */
    }
    const months = o.months ?? meta.retention?.months ?? 18;
    const until = diplomaDate ? addMonths(diplomaDate, months) : addMonths(meta.run.startedAt, months);
    items.push({
      dir,
      pod: meta.pod,
      ...(meta.candidate ? { candidate: meta.candidate.id } : {}),
      exam: meta.exam.id,
      phase: meta.phase,
      until,
      basis: diplomaDate ? 'diploma' : 'examendatum',
      ...(diplomaDate ? { diplomaDate } : {}),
      due: until < today,
      pseudonymised: !!meta.pseudonymised,
    });
  }
  return items;
}

export function pseudonymFor(candidateId: string, key: SigningKey): string {
  return 'anon-' + sha256hex(`${key.fingerprint}|${candidateId}`).slice(0, 10);
}

/**
 * Replace a bundle by a pseudonymised copy: candidate id and name replaced everywhere by a
 * pseudonym (stable per installation key), the action log replaced by a summary of the outcome,
 * re-sealed and signed with the installation key. The original is deleted.
 */
export function pseudonymise(dir: string, key: SigningKey, now: () => Date = () => new Date()): string {
  const bundle = loadBundle(dir);
  const log = readActions(dir);
  const state = replay(bundle, log.entries, log.problems);
  const cand = bundle.meta.candidate;
  const pseudo = pseudonymFor(cand?.id ?? bundle.meta.pod, key);
  const needles = [cand?.name, cand?.id].filter((s): s is string => !!s && s.length >= 2).sort((a, b) => b.length - a.length);
  const scrub = (t: string) => needles.reduce((s, n) => s.split(n).join(pseudo), t);
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  for (const f of readdirSync(dir)) {
    if ([MANIFEST, SIGNATURE, ACTIONS, PUBLIC_KEY, 'bundle.json', '.actions.lock'].includes(f)) continue;
    writeFileSync(join(tmp, f), scrub(readFileSync(join(dir, f), 'utf8')));
  }
  const meta: BundleMeta = JSON.parse(scrub(JSON.stringify(bundle.meta)));
  meta.candidate = { id: pseudo, ...(cand?.class ? { class: cand.class } : {}) };
  meta.examiner = undefined;
  meta.pseudonymised = { at: now().toISOString(), fromManifestSha256: bundle.manifestSha256 };
  meta.bundleId = `${bundle.meta.bundleId}-pseudo`;
  writeFileSync(join(tmp, 'bundle.json'), JSON.stringify(meta, null, 2) + '\n');
  writeFileSync(
    join(tmp, 'history.json'),
    JSON.stringify(
      { note: 'actielog vervangen door een samenvatting bij pseudonimisering', status: state.status, version: state.version, actions: log.entries.length, final: state.final ?? null, irregularities: state.irregularities.length },
      null,
      2,
    ) + '\n',
  );
  writeFileSync(join(tmp, PUBLIC_KEY), key.publicPem);
  writeFileSync(join(tmp, ACTIONS), '');
  seal(tmp, meta.bundleId, key, null, now().toISOString(), 'retentie');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

export function applyRetention(items: RetentionItem[], o: { mode: 'delete' | 'pseudonymise'; key?: SigningKey; now?: () => Date }): { dir: string; action: string }[] {
  const done: { dir: string; action: string }[] = [];
  for (const it of items.filter((i) => i.due)) {
    if (!existsSync(it.dir)) continue;
    if (o.mode === 'delete') {
      rmSync(it.dir, { recursive: true, force: true });
      done.push({ dir: it.dir, action: 'verwijderd' });
    } else if (!it.pseudonymised) {
      if (!o.key) throw new Error('pseudonimiseren vraagt een ondertekeningssleutel');
      pseudonymise(it.dir, o.key, o.now);
      done.push({ dir: it.dir, action: 'gepseudonimiseerd' });
    }
  }
  return done;
}
