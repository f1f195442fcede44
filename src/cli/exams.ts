// `proeflab exams list | show | validate`.
import { existsSync, statSync } from 'node:fs';
import pc from 'picocolors';
import { loadCatalogSafe } from '../core/catalog-access.js';
import { findExamFiles, loadExam, resolveExamRef, validateExam } from '../core/exams.js';
import { createRegistry } from '../core/registry.js';
import { text } from '../model/exam.js';
import { InputError, formatProblem, loadYaml, type InputProblem } from '../model/load.js';
import { Lab } from '../model/lab.js';
import { assignmentSheet, renderAssignment } from '../core/assignment.js';

export function examsList(o: { dir?: string; json?: boolean }): number {
  const rows: { id: string; dossier: string; werkprocessen: string[]; title: string; automated: number; observed: number; file: string }[] = [];
  const problems: InputProblem[] = [];
  for (const f of findExamFiles(o.dir)) {
    try {
      const e = loadExam(f).value;
      rows.push({
        id: e.id,
        dossier: e.dossier,
        werkprocessen: e.werkprocessen,
        title: text(e.title),
        automated: e.criteria.filter((c) => !c.observe).length,
        observed: e.criteria.filter((c) => c.observe).length,
        file: f,
      });
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (o.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else {
    const catalog = loadCatalogSafe();
    for (const r of rows)
      process.stdout.write(`${pc.bold(r.id.padEnd(34))} ${r.dossier.padEnd(24)} ${r.werkprocessen.join(',').padEnd(10)} ${String(r.automated).padStart(3)} auto ${String(r.observed).padStart(2)} obs  ${r.title}\n`);
    if (catalog) {
      const covered = new Set(rows.flatMap((r) => r.werkprocessen.map((w) => `${r.dossier}/${w}`)));
      const all = catalog.dossiers.flatMap((d) => d.kerntaken.flatMap((k) => k.werkprocessen.map((w) => `${d.id}/${w.code}`)));
      const missing = all.filter((w) => !covered.has(w));
      process.stdout.write(pc.dim(`\n${rows.length} examens; ${all.length - missing.length} van ${all.length} werkprocessen gedekt`) + '\n');
      if (missing.length) process.stdout.write(pc.dim(`zonder examen: ${missing.join(', ')}`) + '\n');
    }
  }
  for (const p of problems) process.stderr.write(pc.red(formatProblem(p)) + '\n');
  return problems.length ? 2 : 0;
}

export function examsShow(ref: string, o: { lang: 'nl' | 'en' }): number {
  const e = loadExam(resolveExamRef(ref)).value;
  const out: string[] = [];
  out.push(pc.bold(`${e.id} ${e.version} — ${text(e.title, o.lang)}`));
  out.push(`dossier ${e.dossier}, werkproces ${e.werkprocessen.join(', ')}${e.profiles.length ? `, profielen ${e.profiles.join(', ')}` : ''}`);
  if (e.description) out.push('', text(e.description, o.lang));
  if (Object.keys(e.roles).length) out.push('', pc.bold('rollen'), ...Object.entries(e.roles).map(([r, k]) => `  ${r}: ${k}`));
  if (Object.keys(e.variables).length) out.push('', pc.bold('variabelen per kandidaat'), ...Object.entries(e.variables).map(([n, v]) => `  ${n}: ${JSON.stringify(v)}`));
  out.push('', pc.bold('beoordelingscriteria'));
  for (const c of e.criteria) {
    const pts = c.scale === '0-3' ? `0-3 ×${c.points}` : c.scale === 'bpv' ? 'Bg/G/Bk' : `${c.points} pt`;
    const how = c.observe ? 'observatie' : describeCheck(c.check);
    out.push(`  ${c.cruciaal ? pc.red('*') : ' '} ${c.id.padEnd(24)} ${pts.padEnd(9)} ${text(c.title, o.lang)} ${pc.dim(`(${how})`)}`);
  }
  const s = e.scoring;
  out.push('', `cesuur: ${s.method === 'grade' ? `cijfer ≥ ${s.cesuur} (goed vanaf ${s.goed})` : `${s.cesuur} punten`}; * = cruciaal`);
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

function describeCheck(c: unknown): string {
  if (!c || typeof c !== 'object') return '';
  const o = c as Record<string, unknown>;
  if ('all' in o) return `alle: ${(o.all as unknown[]).map(describeCheck).join(', ')}`;
  if ('any' in o) return `een van: ${(o.any as unknown[]).map(describeCheck).join(', ')}`;
  if ('not' in o) return `niet ${describeCheck(o.not)}`;
  return `${o.kind}${o.device ? '@' + o.device : ''}`;
}

export function examsValidate(paths: string[]): number {
  const files = paths.length
    ? paths.flatMap((p) => (existsSync(p) && statSync(p).isDirectory() ? findExamFiles(p) : [p]))
    : findExamFiles();
  const registry = createRegistry();
  const catalog = loadCatalogSafe();
  const problems: InputProblem[] = [];
  let ok = 0;
  for (const f of files) {
    try {
      const exam = loadExam(f);
      const found = validateExam(exam, registry, catalog);
      problems.push(...found);
      if (!found.length) ok++;
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  for (const p of problems) process.stderr.write(pc.red(formatProblem(p)) + '\n');
  process.stdout.write(`${ok}/${files.length} examens geldig\n`);
  return problems.length ? 2 : 0;
}

export function examsOpdracht(ref: string, o: { lab?: string; candidate?: string; lang: 'nl' | 'en' }): number {
  const exam = loadExam(resolveExamRef(ref));
  const lab = o.lab ? loadYaml(o.lab, Lab).value : undefined;
  const pods = lab ? lab.pods.filter((p) => !o.candidate || p.candidate?.id === o.candidate || p.id === o.candidate) : [{ id: 'pod', candidate: { id: o.candidate ?? 'kandidaat' }, variables: {}, devices: {} }];
  if (!pods.length) throw new InputError([{ file: o.lab!, path: 'pods', message: `no pod with candidate '${o.candidate}'` }]);
  process.stdout.write(pods.map((p) => assignmentSheet(renderAssignment(exam, lab, p, o.lang), o.lang)).join('\n\f\n'));
  return 0;
}
