// Finding, loading and statically validating exam files.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Exam, type CheckExpr } from '../model/exam.js';
import { InputError, formatPath, loadYaml, type InputProblem, type LoadedYaml } from '../model/load.js';
import type { Registry } from './registry.js';
import { HARNESS } from './runner.js';
import { mapParams } from './params.js';

/** The repository root (works from src/ under vitest and from dist/src/ when built). */
export const REPO_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'exams'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the proeflab repository root');
})();

export const EXAMS_DIR = join(REPO_ROOT, 'exams');

/** All exam YAML files below a directory (dossiers/ holds the catalog, not exams). */
export function findExamFiles(dir = EXAMS_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'dossiers' && name !== 'scenarios' && name !== 'solutions' && !name.startsWith('.')) walk(p);
      } else if (/\.ya?ml$/.test(name) && !name.startsWith('_')) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

export function loadExam(file: string): LoadedYaml<Exam> {
  return loadYaml(file, Exam);
}

/** An exam argument is a file path or an exam id from the shipped catalog. */
export function resolveExamRef(ref: string, dir = EXAMS_DIR): string {
  if (existsSync(ref) && statSync(ref).isFile()) return resolve(ref);
  for (const f of findExamFiles(dir)) {
    try {
      if (loadExam(f).value.id === ref) return f;
    } catch {
      /* a broken exam elsewhere does not hide the one asked for */
    }
  }
  throw new InputError([{ file: ref, path: '', message: `no exam file or exam id '${ref}' (see: proeflab exams list)` }]);
}

export interface CatalogLike {
  validateWerkprocessen(dossier: string, codes: string[]): string | undefined;
}

/** Checks that need no lab: check kinds exist, devices are declared roles, literal params are valid. */
export function validateExam(exam: LoadedYaml<Exam>, registry: Registry, catalog?: CatalogLike): InputProblem[] {
  const problems: InputProblem[] = [];
  const at = (path: (string | number)[], message: string) =>
    problems.push({ file: exam.file, ...exam.locate(path), path: formatPath(path), message });
  if (catalog) {
    const err = catalog.validateWerkprocessen(exam.value.dossier, exam.value.werkprocessen);
    if (err) at(['werkprocessen'], err);
  }
  const roles = exam.value.roles;
  const walk = (e: CheckExpr, path: (string | number)[]) => {
    if ('all' in e) return (e.all as CheckExpr[]).forEach((x, i) => walk(x, [...path, 'all', i]));
    if ('any' in e) return (e.any as CheckExpr[]).forEach((x, i) => walk(x, [...path, 'any', i]));
    if ('not' in e) return walk(e.not as CheckExpr, [...path, 'not']);
    const kind = registry.checks.get(e.kind as string);
    if (!kind) return at([...path, 'kind'], `unknown check kind '${e.kind}' (known: ${[...registry.checks.keys()].sort().join(', ')})`);
    const device = e.device as string | undefined;
    if (device === undefined && !kind.platforms.includes(HARNESS)) at(path, `check '${kind.kind}' needs a device: one of ${Object.keys(roles).join(', ')}`);
    if (device !== undefined && device !== HARNESS && !(device in roles))
      at([...path, 'device'], `device '${device}' is not one of the exam's roles (${Object.keys(roles).join(', ') || 'none declared'})`);
    const { kind: _k, device: _d, ...params } = e;
    const keys = mapParams(kind.params, params);
    for (const k of keys.unknown) at([...path, k], `${kind.kind}: unknown parameter '${k}' (known: ${keys.known.join(', ')})`);
    for (const c of keys.camel) at([...path, c.written], `${kind.kind}: write parameters in snake_case like the rest of the exam: '${c.write}'`);
    if (!JSON.stringify(params).includes('{{')) {
      const r = kind.params.safeParse(keys.params);
      if (!r.success) for (const i of r.error.issues) at([...path, ...(i.path as (string | number)[])], `${kind.kind}: ${i.message}`);
    }
  };
  exam.value.criteria.forEach((c, i) => c.check && walk(c.check, ['criteria', i, 'check']));
  return problems;
}
