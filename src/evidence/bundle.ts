// Evidence bundle: one directory per run of one exam for one pod, sealed by a manifest of SHA-256
// hashes and an Ed25519 signature. Later human actions go to an append-only, signed action log.
//
// <root>/<exam-id>/<pod>/<NN>-<phase>-<run-id>/
//   README.txt          what this is and how to verify it
//   bundle.json         metadata: exam + sha256, proeflab version, candidate, pod, examiner, clock, retention
//   exam.yaml           the exam definition exactly as loaded
//   lab.json            the pod's lab inventory; credentials are references only, inline secrets removed
//   result.json         result contract (proeflab/result) for this pod: devices, verdicts, points, score
//   observations.jsonl  every observation (raw redacted + redaction count, parsed, timestamps, duration)
//   public-key.pem      the signer's Ed25519 public key (fingerprint in the manifest)
//   manifest.json       sha256 of every file above + previous run's manifest hash (chain)
//   manifest.sig        Ed25519 signature over manifest.json
//   actions.jsonl       append-only log of signed human actions (not in the manifest: it grows)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRegistry, type Registry } from '../core/registry.js';
import { factKey, plan } from '../core/runner.js';
import type { Observation } from '../core/types.js';
import { VERSION } from '../core/version.js';
import { Exam } from '../model/exam.js';
import type { Lab } from '../model/lab.js';
import { parseYaml, type LoadedYaml } from '../model/load.js';
import type { PodResult, RunResult } from '../model/result.js';
import { canonical, sha256hex, signBytes, type SigningKey } from './crypto.js';
import { labFromInventory } from './regrade.js';

export const BUNDLE_SCHEMA = 'proeflab/evidence';
export const BUNDLE_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const ACTIONS = 'actions.jsonl';
export const PUBLIC_KEY = 'public-key.pem';
export const SEALED_FILES = ['README.txt', 'bundle.json', 'exam.yaml', 'lab.json', 'result.json', 'observations.jsonl', PUBLIC_KEY] as const;

export type Phase = 'nulmeting' | 'zelfcontrole' | 'eindmeting' | string;

export interface BundleMeta {
  schema: typeof BUNDLE_SCHEMA;
  version: typeof BUNDLE_VERSION;
  bundleId: string;
  proeflabVersion: string;
  phase: Phase;
  /** Position in the exam session's chain (1 = first run for this pod and exam). */
  seq: number;
  exam: { id: string; version: string; file: string; sha256: string; title: string };
  pod: string;
  candidate?: { id: string; name?: string; class?: string };
  examiner?: string;
  run: { id: string; mode: string; lang: string; host: string; startedAt: string; endedAt: string };
  clock: { source: string; ntpSynchronized: boolean | 'unknown'; recordedAt: string };
  retention: { months: number; diplomaDate?: string; until: string; basis: 'diploma' | 'examendatum' };
  /** Set when this bundle is a pseudonymised copy (retention); the original was deleted. */
  pseudonymised?: { at: string; fromManifestSha256: string };
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  schema: 'proeflab/evidence-manifest';
  version: 1;
  bundleId: string;
  createdAt: string;
  files: ManifestFile[];
  previous: { bundle: string; bundleId: string; phase: string; manifestSha256: string } | null;
  signer: { fingerprint: string; name?: string };
  actionLog: { file: typeof ACTIONS; appendOnly: true; anchoredTo: 'sha256(manifest.json)' };
}

export interface WriteBundleOptions {
  /** Directory under which `<exam>/<pod>/<NN>-<phase>-<run>` is created. */
  root: string;
  result: RunResult;
  pod: string;
  exam: LoadedYaml<Exam>;
  lab: LoadedYaml<Lab>;
  key: SigningKey;
  signerName?: string;
  /** Chain to this bundle directory; default: the latest sealed bundle in the same chain directory. */
  previous?: string | null;
  retentionMonths?: number;
  diplomaDate?: string;
  now?: () => Date;
  /** Registry the run used (default: all built-in drivers and checks). */
  registry?: Registry;
}

export function chainDir(root: string, examId: string, pod: string): string {
  return join(root, safeName(examId), safeName(pod));
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

/** Sealed bundles (with manifest and signature) of a chain directory, in chain order. */
export function bundlesInChain(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /^\d{2,}-/.test(n) && statSync(join(dir, n)).isDirectory())
    .sort()
    .map((n) => join(dir, n))
    .filter((d) => existsSync(join(d, MANIFEST)) && existsSync(join(d, SIGNATURE)));
}

/** Every bundle directory below a root (any depth), sorted. */
export function findBundles(root: string, o: { includePartial?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 5 || !existsSync(d)) return;
    if (existsSync(join(d, MANIFEST)) || existsSync(join(d, 'bundle.json')) || (o.includePartial && d.endsWith('.partial'))) {
      out.push(d);
      return;
    }
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (!n.startsWith('.') && (o.includePartial || !n.endsWith('.partial')) && statSync(p).isDirectory()) walk(p, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

export function addMonths(dateIso: string, months: number): string {
  const d = new Date(dateIso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export function retentionFor(examDate: string, months: number, diplomaDate?: string): BundleMeta['retention'] {
  return diplomaDate
    ? { months, diplomaDate, until: addMonths(diplomaDate, months), basis: 'diploma' }
    : { months, until: addMonths(examDate, months), basis: 'examendatum' };
}

function clockSource(): { source: string; ntpSynchronized: boolean | 'unknown' } {
  let ntp: boolean | 'unknown' = 'unknown';
  try {
    const v = execFileSync('timedatectl', ['show', '--property=NTPSynchronized', '--value'], { timeout: 1000, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    if (v === 'yes' || v === 'no') ntp = v === 'yes';
  } catch {
    /* no systemd here: unknown */
  }
  return { source: 'systeemklok (Date.now) van de proeflab-host', ntpSynchronized: ntp };
}

const SECRET_OPTION = /pass|secret|community|key|token|auth|priv/i;

/** The pod's inventory with credential references only; inline option values that look secret are removed. */
export function redactedInventory(lab: Lab, podId: string): { value: Lab; removed: number } {
  let removed = 0;
  const pods = lab.pods
    .filter((p) => p.id === podId)
    .map((p) => ({
      ...p,
      devices: Object.fromEntries(
        Object.entries(p.devices).map(([role, d]) => [
          role,
          {
            ...d,
            options: Object.fromEntries(
              Object.entries(d.options ?? {}).map(([k, v]) => {
                if (SECRET_OPTION.test(k) && typeof v !== 'boolean') {
                  removed++;
                  return [k, '<redacted>'];
                }
                return [k, v];
              }),
            ),
          },
        ]),
      ),
    }));
  const { secrets_file: _s, ...rest } = lab;
  return { value: { ...rest, pods } as Lab, removed };
}

/** The result contract narrowed to one pod; observations are stored separately (observations.jsonl). */
export function podRunResult(result: RunResult, pod: string, examId: string, keep?: (o: Observation) => boolean): { result: RunResult; observations: Observation[] } {
  const results = result.results.filter((r) => r.pod === pod && r.exam === examId);
  const observations = (result.observations as Observation[]).filter((o) => o.pod === pod && (!keep || keep(o)));
  const exams = result.exams.filter((e) => e.id === examId);
  return { result: { ...result, exams, results, observations: [], summary: summarize(results, result.summary.exitCode, observations.length) }, observations };
}

export function summarize(results: PodResult[], exitCode?: number, fetched?: number): RunResult['summary'] {
  const all = results.flatMap((r) => r.criteria);
  const n = (s: string) => all.filter((c) => c.status === s).length;
  return {
    pods: new Set(results.map((r) => r.pod)).size,
    criteria: all.length,
    pass: n('pass'),
    fail: n('fail'),
    error: n('error'),
    skipped: n('skipped'),
    manual: n('manual'),
    factsRequested: all.reduce((s, c) => s + c.observations.length, 0),
    factsFetched: fetched ?? 0,
    exitCode: exitCode ?? (n('error') ? 3 : n('fail') || n('skipped') ? 1 : 0),
  };
}

const README = (m: BundleMeta) => `proeflab bewijsbundel / evidence bundle
=======================================

Examen:     ${m.exam.id} ${m.exam.version} (sha256 ${m.exam.sha256})
Pod:        ${m.pod}${m.candidate ? `\nKandidaat:  ${m.candidate.id}${m.candidate.name ? ` (${m.candidate.name})` : ''}` : ''}
Fase:       ${m.phase} (nr. ${m.seq} in de keten)
Run:        ${m.run.id}, ${m.run.startedAt} – ${m.run.endedAt}
Bewaren tot: ${m.retention.until} (${m.retention.months} maanden na ${m.retention.basis})

Controleren / verify:  proeflab verify <deze map>
  - sha256 van elk bestand staat in manifest.json; manifest.sig is een Ed25519-handtekening
    over manifest.json met de sleutel in public-key.pem;
  - manifest.json verwijst naar het manifest van de vorige meting in deze examensessie (keten);
  - verify berekent elk oordeel opnieuw uit observations.jsonl met exam.yaml.
actions.jsonl bevat latere menselijke handelingen (beoordelingen, correcties), elk ondertekend
en gekoppeld aan de vorige regel; regels worden alleen toegevoegd, nooit gewijzigd.
`;

/** Write and seal a bundle. Files go to `<dir>.partial` first; the rename after signing makes it whole. */
export function writeBundle(o: WriteBundleOptions): string {
  const now = o.now ?? (() => new Date());
  const podResult = o.result.results.find((r) => r.pod === o.pod && r.exam === o.exam.value.id);
  if (!podResult) throw new Error(`result has no pod '${o.pod}' for exam '${o.exam.value.id}'`);
  const chain = chainDir(o.root, o.exam.value.id, o.pod);
  const existing = bundlesInChain(chain);
  // A pod can be reused by another candidate later: a session's chain only links runs of the same candidate.
  const mine = existing.filter((d) => candidateOf(d) === (podResult.candidate?.id ?? null));
  const previous = o.previous === undefined ? mine.at(-1) : o.previous;
  const seq = mine.length + 1;
  const phase = o.result.run.phase ?? 'eindmeting';
  const name = `${String(existing.length + 1).padStart(2, '0')}-${safeName(phase)}-${safeName(o.result.run.id)}`;
  const dir = join(chain, name);
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });

  const examMeta = o.result.exams.find((e) => e.id === o.exam.value.id)!;
  const { result, observations } = podRunResult(o.result, o.pod, o.exam.value.id, factsOfExam(o));
  const inventory = redactedInventory(o.lab.value, o.pod);
  const meta: BundleMeta = {
    schema: BUNDLE_SCHEMA,
    version: BUNDLE_VERSION,
    bundleId: `${o.result.run.id}-${o.pod}-${o.exam.value.id}`,
    proeflabVersion: VERSION,
    phase,
    seq,
    exam: { id: o.exam.value.id, version: o.exam.value.version, file: basename(o.exam.file), sha256: o.exam.sha256, title: examMeta?.title ?? o.exam.value.id },
    pod: o.pod,
    ...(podResult.candidate ? { candidate: podResult.candidate } : {}),
    ...(o.result.run.examiner ? { examiner: o.result.run.examiner } : {}),
    run: {
      id: o.result.run.id,
      mode: o.result.run.mode,
      lang: o.result.run.lang,
      host: o.result.run.host,
      startedAt: podResult.startedAt,
      endedAt: podResult.endedAt,
    },
    clock: { ...clockSource(), recordedAt: now().toISOString() },
    retention: retentionFor(podResult.startedAt, o.retentionMonths ?? 18, o.diplomaDate),
  };
  const files: Record<string, string | Buffer> = {
    'README.txt': README(meta),
    'bundle.json': JSON.stringify(meta, null, 2) + '\n',
    'exam.yaml': o.exam.source,
    'lab.json': JSON.stringify({ file: basename(o.lab.file), inlineSecretsRemoved: inventory.removed, inventory: inventory.value }, null, 2) + '\n',
    'result.json': JSON.stringify(result, null, 2) + '\n',
    'observations.jsonl': observations.map((x) => JSON.stringify(x)).join('\n') + (observations.length ? '\n' : ''),
    [PUBLIC_KEY]: o.key.publicPem,
  };
  for (const [f, data] of Object.entries(files)) writeFileSync(join(tmp, f), data);
  writeFileSync(join(tmp, ACTIONS), '');
  seal(tmp, meta.bundleId, o.key, previous ? describePrevious(previous) : null, now().toISOString(), o.signerName);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

/**
 * Which observations belong to this exam: those of facts its criteria ask for (all attempts, also
 * for skipped criteria). In a run of several exams the other exams' facts stay out of this bundle.
 * When the exam cannot be planned here (unknown check kind), every observation of the pod is kept.
 */
function factsOfExam(o: WriteBundleOptions): ((x: Observation) => boolean) | undefined {
  try {
    const { lab, env } = labFromInventory(redactedInventory(o.lab.value, o.pod).value);
    const [p] = plan({ exams: [o.exam], lab, registry: o.registry ?? createRegistry(), pods: [o.pod], env });
    const keys = new Set(p.criteria.flatMap((c) => c.facts.map((f) => factKey(o.pod, f))));
    return (x) => keys.has(factKey(x.pod, { device: x.device, fact: x.fact, params: x.params }));
  } catch {
    return undefined;
  }
}

/** Candidate id recorded in a bundle (null: none, or unreadable). */
export function candidateOf(dir: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')) as BundleMeta).candidate?.id ?? null;
  } catch {
    return null;
  }
}

function describePrevious(dir: string): NonNullable<Manifest['previous']> {
  const bytes = readFileSync(join(dir, MANIFEST));
  const m = JSON.parse(bytes.toString('utf8')) as Manifest;
  const meta = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')) as BundleMeta;
  return { bundle: basename(dir), bundleId: m.bundleId, phase: meta.phase, manifestSha256: sha256hex(bytes) };
}

/** Hash every sealed file present, write manifest.json, then manifest.sig (the last file written). */
export function seal(dir: string, bundleId: string, key: SigningKey, previous: Manifest['previous'], createdAt: string, signerName?: string): Manifest {
  const names = readdirSync(dir).filter((n) => n !== MANIFEST && n !== SIGNATURE && n !== ACTIONS).sort();
  const files = names.map((path) => {
    const data = readFileSync(join(dir, path));
    return { path, sha256: sha256hex(data), bytes: data.length };
  });
  const manifest: Manifest = {
    schema: 'proeflab/evidence-manifest',
    version: 1,
    bundleId,
    createdAt,
    files,
    previous,
    signer: { fingerprint: key.fingerprint, ...(signerName ? { name: signerName } : {}) },
    actionLog: { file: ACTIONS, appendOnly: true, anchoredTo: 'sha256(manifest.json)' },
  };
  const bytes = JSON.stringify(manifest, null, 2) + '\n';
  writeFileSync(join(dir, MANIFEST), bytes);
  writeFileSync(join(dir, SIGNATURE), signBytes(key, bytes) + '\n');
  return manifest;
}

/** A bundle read back: everything needed to verify it and to render forms from it. */
export interface Bundle {
  dir: string;
  meta: BundleMeta;
  manifest: Manifest;
  manifestSha256: string;
  examSource: string;
  exam: LoadedYaml<Exam>;
  inventory: Lab;
  result: RunResult;
  pod: PodResult;
  observations: Observation[];
}

export class BundleError extends Error {
  override name = 'BundleError';
}

function readText(dir: string, f: string): string {
  try {
    return readFileSync(join(dir, f), 'utf8');
  } catch {
    throw new BundleError(`${basename(dir)}: ${f} ontbreekt`);
  }
}

function readJson<T>(dir: string, f: string): T {
  const t = readText(dir, f);
  try {
    return JSON.parse(t) as T;
  } catch (err) {
    throw new BundleError(`${basename(dir)}: ${f} is geen geldige JSON (${(err as Error).message})`);
  }
}

/** Read a bundle (no integrity checks here: see verifyBundle). Throws BundleError on missing/broken files. */
export function loadBundle(dir: string): Bundle {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BundleError(`${dir}: geen bundelmap`);
  const manifestText = readText(dir, MANIFEST);
  const manifest = readJson<Manifest>(dir, MANIFEST);
  const meta = readJson<BundleMeta>(dir, 'bundle.json');
  const examSource = readText(dir, 'exam.yaml');
  const exam = parseYaml(meta.exam?.file ?? 'exam.yaml', examSource, Exam);
  const inventory = readJson<{ inventory: Lab }>(dir, 'lab.json').inventory;
  const stored = readJson<RunResult>(dir, 'result.json');
  const observations: Observation[] = [];
  readText(dir, 'observations.jsonl')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        observations.push(JSON.parse(line));
      } catch {
        throw new BundleError(`${basename(dir)}: observations.jsonl regel ${i + 1} is geen geldige JSON`);
      }
    });
  const pod = stored.results?.[0];
  if (!pod) throw new BundleError(`${basename(dir)}: result.json bevat geen resultaat`);
  return {
    dir,
    meta,
    manifest,
    manifestSha256: sha256hex(manifestText),
    examSource,
    exam,
    inventory,
    result: { ...stored, observations },
    pod,
    observations,
  };
}

export const isPartial = (dir: string) => dir.endsWith('.partial') || !existsSync(join(dir, SIGNATURE)) || !existsSync(join(dir, MANIFEST));
export const parentChain = (dir: string) => dirname(dir);
