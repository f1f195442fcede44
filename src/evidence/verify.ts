// `proeflab verify`: is this bundle whole, unchanged, signed, in its chain, and do its verdicts
// follow from its observations? Every check reports; nothing is accepted silently.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Registry } from '../core/registry.js';
import { errorMessage } from '../core/util.js';
import { VERSION } from '../core/version.js';
import { readActions } from './actions.js';
import { replay } from './assessment.js';
import { ACTIONS, loadBundle, MANIFEST, PUBLIC_KEY, SEALED_FILES, SIGNATURE, type Bundle, type BundleMeta, type Manifest } from './bundle.js';
import { fingerprint, sha256hex, verifyBytes } from './crypto.js';
import { regrade, type Difference } from './regrade.js';

export type CheckState = 'ok' | 'fout' | 'overgeslagen';

export interface VerifyReport {
  dir: string;
  ok: boolean;
  checks: { complete: CheckState; hashes: CheckState; signature: CheckState; trust: CheckState; chain: CheckState; consistent: CheckState; regrade: CheckState; actions: CheckState };
  problems: string[];
  notes: string[];
  fingerprint?: string;
  chainLength: number;
  differences: Difference[];
  actions: number;
  actionsHead?: string;
  /** Where the assessors' flow stands (replayed from the action log). */
  assessment?: { status: 'voorlopig' | 'vastgesteld'; version: number };
}

export interface VerifyOptions {
  /** Accepted signer fingerprints (SHA256:...). When given, any other signer is a problem. */
  trust?: string[];
  /** Re-compute verdicts from observations (default true). */
  regrade?: boolean;
  /** Follow and check the chain to earlier runs (default true). */
  chain?: boolean;
  /** Expected head of the action log (receipt printed when an action was appended): detects a truncated log. */
  expectActionsHead?: string;
  registry?: Registry;
}

interface SealCheck {
  problems: string[];
  manifest?: Manifest;
  manifestBytes?: Buffer;
  fingerprint?: string;
  complete: boolean;
  hashesOk: boolean;
  signatureOk: boolean;
}

/** Completeness, file hashes and the signature: what can be checked without understanding the content. */
export function checkSeal(dir: string): SealCheck {
  const problems: string[] = [];
  const out: SealCheck = { problems, complete: false, hashesOk: false, signatureOk: false };
  if (dir.endsWith('.partial')) problems.push(`${basename(dir)}: half geschreven bundel (.partial): nooit geldig`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    problems.push(`${dir}: geen map`);
    return out;
  }
  if (!existsSync(join(dir, MANIFEST))) {
    problems.push('onvolledig: manifest.json ontbreekt (half geschreven of gewijzigd)');
    return out;
  }
  const bytes = readFileSync(join(dir, MANIFEST));
  out.manifestBytes = bytes;
  let m: Manifest;
  try {
    m = JSON.parse(bytes.toString('utf8'));
    if (m?.schema !== 'proeflab/evidence-manifest' || !Array.isArray(m.files)) throw new Error('geen proeflab-manifest');
    if (!m.files.every((f) => f && typeof f.path === 'string' && typeof f.sha256 === 'string' && typeof f.bytes === 'number')) throw new Error('bestandenlijst ongeldig');
  } catch (err) {
    problems.push(`onvolledig: manifest.json is onleesbaar of afgebroken (${errorMessage(err)})`);
    return out;
  }
  out.manifest = m;
  if (!existsSync(join(dir, SIGNATURE))) problems.push('onvolledig: manifest.sig ontbreekt (niet ondertekend)');
  const listed = new Set(m.files.map((f) => f.path));
  const missingRequired = SEALED_FILES.filter((f) => !listed.has(f));
  if (missingRequired.length) problems.push(`manifest noemt ${missingRequired.join(', ')} niet`);
  out.complete = problems.length === 0;

  let hashesOk = missingRequired.length === 0;
  for (const f of m.files) {
    const p = join(dir, f.path);
    if (f.path.includes('/') || f.path.includes('..')) {
      problems.push(`manifest: ongeldig pad ${f.path}`);
      hashesOk = false;
      continue;
    }
    if (!existsSync(p)) {
      problems.push(`${f.path} ontbreekt`);
      hashesOk = false;
      continue;
    }
    const data = readFileSync(p);
    if (data.length !== f.bytes || sha256hex(data) !== f.sha256) {
      problems.push(`${f.path}: sha256 klopt niet met het manifest (gewijzigd)`);
      hashesOk = false;
    }
  }
  const extra = readdirSync(dir).filter((n) => !listed.has(n) && n !== MANIFEST && n !== SIGNATURE && n !== ACTIONS && n !== '.actions.lock');
  if (extra.length) {
    problems.push(`bestanden die niet in het manifest staan: ${extra.join(', ')}`);
    hashesOk = false;
  }
  out.hashesOk = hashesOk;

  // Signature: the embedded public key must match the fingerprint in the manifest and verify the manifest.
  let pem = '';
  try {
    pem = readFileSync(join(dir, PUBLIC_KEY), 'utf8');
    out.fingerprint = fingerprint(pem);
  } catch {
    problems.push('public-key.pem ontbreekt of is geen geldige sleutel');
  }
  if (out.fingerprint && out.fingerprint !== m.signer?.fingerprint) problems.push(`public-key.pem (${out.fingerprint}) is niet de ondertekenaar in het manifest (${m.signer?.fingerprint})`);
  if (existsSync(join(dir, SIGNATURE)) && pem && out.fingerprint) {
    const sig = readFileSync(join(dir, SIGNATURE), 'utf8');
    // Exactly one base64 Ed25519 signature and a newline: any other byte is a change.
    if (!/^[A-Za-z0-9+/]{86}==\n$/.test(sig)) problems.push('manifest.sig heeft niet de vorm van een Ed25519-handtekening (gewijzigd)');
    else if (verifyBytes(pem, bytes, sig)) out.signatureOk = out.fingerprint === m.signer?.fingerprint;
    else problems.push('handtekening (manifest.sig) is ongeldig voor manifest.json met deze sleutel');
  }
  return out;
}

export function verifyBundle(dir: string, o: VerifyOptions = {}): VerifyReport {
  try {
    return verifyUnguarded(dir, o);
  } catch (err) {
    // Whatever a damaged bundle does to the checks, the answer is "invalid", never a crash or a pass.
    return {
      dir,
      ok: false,
      checks: { complete: 'fout', hashes: 'fout', signature: 'fout', trust: 'overgeslagen', chain: 'overgeslagen', consistent: 'fout', regrade: 'overgeslagen', actions: 'fout' },
      problems: [`bundel kon niet worden gecontroleerd: ${errorMessage(err)}`],
      notes: [],
      chainLength: 0,
      differences: [],
      actions: 0,
    };
  }
}

function verifyUnguarded(dir: string, o: VerifyOptions): VerifyReport {
  const report: VerifyReport = {
    dir,
    ok: false,
    checks: { complete: 'fout', hashes: 'fout', signature: 'fout', trust: 'overgeslagen', chain: 'overgeslagen', consistent: 'fout', regrade: 'overgeslagen', actions: 'fout' },
    problems: [],
    notes: [],
    chainLength: 1,
    differences: [],
    actions: 0,
  };
  const seal = checkSeal(dir);
  report.problems.push(...seal.problems);
  report.fingerprint = seal.fingerprint;
  report.checks.complete = seal.complete ? 'ok' : 'fout';
  report.checks.hashes = seal.hashesOk ? 'ok' : 'fout';
  report.checks.signature = seal.signatureOk ? 'ok' : 'fout';
  if (!seal.manifest) return finish(report);

  if (o.trust?.length) {
    const trusted = !!seal.fingerprint && o.trust.includes(seal.fingerprint);
    report.checks.trust = trusted ? 'ok' : 'fout';
    if (!trusted) report.problems.push(`ondertekend met ${seal.fingerprint ?? '?'}, niet met een vertrouwde sleutel (${o.trust.join(', ')})`);
  } else if (seal.fingerprint) report.notes.push(`ondertekend met sleutel ${seal.fingerprint} (vergelijk met de sleutel van de examinator/installatie, of gebruik --trust)`);

  // Chain to earlier runs of the same exam session.
  if (o.chain !== false) {
    const chainProblems: string[] = [];
    let m: Manifest | undefined = seal.manifest;
    let cur = dir;
    let length = 1;
    const seen = new Set<string>();
    while (m?.previous) {
      const prevDir = join(dirname(cur), m.previous.bundle);
      if (seen.has(prevDir)) {
        chainProblems.push('keten: kringverwijzing');
        break;
      }
      seen.add(prevDir);
      if (!existsSync(join(prevDir, MANIFEST))) {
        chainProblems.push(`keten: vorige meting ${m.previous.bundle} (${m.previous.phase}) niet gevonden naast deze bundel`);
        break;
      }
      const prevBytes = readFileSync(join(prevDir, MANIFEST));
      if (sha256hex(prevBytes) !== m.previous.manifestSha256) {
        chainProblems.push(`keten verbroken: manifest van ${m.previous.bundle} is gewijzigd (hash klopt niet)`);
        break;
      }
      const ps = checkSeal(prevDir);
      if (ps.problems.length) {
        chainProblems.push(...ps.problems.map((p) => `keten: ${m!.previous!.bundle}: ${p}`));
        break;
      }
      length++;
      m = ps.manifest;
      cur = prevDir;
    }
    report.chainLength = length;
    report.checks.chain = chainProblems.length ? 'fout' : 'ok';
    report.problems.push(...chainProblems);
  }

  // Content: consistency and re-grading.
  let bundle: Bundle;
  try {
    bundle = loadBundle(dir);
  } catch (err) {
    report.problems.push(`inhoud onleesbaar: ${errorMessage(err)}`);
    return finish(report);
  }
  const cons: string[] = [];
  const meta: BundleMeta = bundle.meta;
  const examSha = sha256hex(bundle.examSource);
  try {
    checkContent();
  } catch (err) {
    cons.push(`inhoud onleesbaar of van een onverwachte vorm: ${errorMessage(err)}`);
  }
  function checkContent() {
    const manifest = seal.manifest!;
  if (meta.exam?.sha256 !== examSha) cons.push('bundle.json: sha256 van het examen klopt niet met exam.yaml');
  if (bundle.result.exams?.[0]?.sha256 !== examSha) cons.push('result.json: sha256 van het examen klopt niet met exam.yaml');
  if (meta.bundleId !== manifest.bundleId) cons.push('bundle.json en manifest.json noemen een andere bundel');
  if (bundle.pod.pod !== meta.pod) cons.push(`result.json is van pod ${bundle.pod.pod}, bundel van ${meta.pod}`);
  const obsIds = new Set(bundle.observations.map((x) => x.id));
  for (const x of bundle.observations) if (x.pod !== meta.pod) cons.push(`waarneming ${x.id} is van pod ${x.pod}`);
  for (const c of bundle.pod.criteria) for (const id of c.observations) if (!obsIds.has(id)) cons.push(`${c.id}: waarneming ${id} ontbreekt in observations.jsonl`);
  }
  if (meta.proeflabVersion !== VERSION) report.notes.push(`bundel gemaakt met proeflab ${meta.proeflabVersion}, gecontroleerd met ${VERSION}: een verschil bij het herberekenen kan ook uit een gewijzigde check komen`);
  if (meta.pseudonymised) report.notes.push(`gepseudonimiseerde kopie (${meta.pseudonymised.at}); het origineel is verwijderd`);
  report.checks.consistent = cons.length ? 'fout' : 'ok';
  report.problems.push(...cons);

  if (o.regrade !== false) {
    if (meta.pseudonymised) {
      report.checks.regrade = 'overgeslagen';
      report.notes.push('herberekenen overgeslagen: de kandidaatgegevens (en dus de variabelen) zijn gepseudonimiseerd');
    } else {
      try {
        const r = regrade({ exam: bundle.exam, inventory: bundle.inventory, pod: meta.pod, observations: bundle.observations, recorded: bundle.pod, registry: o.registry });
        report.differences = r.differences;
        report.checks.regrade = r.differences.length ? 'fout' : 'ok';
        for (const d of r.differences)
          report.problems.push(`herberekend oordeel wijkt af: ${d.criterion} ${d.field}: vastgelegd ${short(d.recorded)}, herberekend ${short(d.recomputed)}`);
      } catch (err) {
        report.checks.regrade = 'fout';
        report.problems.push(`herberekenen niet mogelijk: ${errorMessage(err)}`);
      }
    }
  }

  const log = readActions(dir);
  report.actions = log.entries.length;
  report.actionsHead = log.head;
  const actionProblems = [...log.problems];
  if (o.expectActionsHead && o.expectActionsHead !== log.head && !log.entries.some((e) => e.prev === o.expectActionsHead))
    actionProblems.push(`actielog: verwachte kop ${o.expectActionsHead.slice(0, 16)}… niet gevonden (ingekort of vervangen)`);
  report.checks.actions = actionProblems.length ? 'fout' : 'ok';
  if (!actionProblems.length) {
    const st = replay(bundle, log.entries, log.problems);
    report.assessment = { status: st.status, version: st.version };
  }
  report.problems.push(...actionProblems);
  return finish(report);
}

const short = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '—' : s.length > 120 ? s.slice(0, 117) + '…' : s;
};

function finish(r: VerifyReport): VerifyReport {
  r.ok = r.problems.length === 0 && Object.values(r.checks).every((c) => c !== 'fout');
  return r;
}
