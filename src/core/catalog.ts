// The qualification catalog: every dossier in exams/dossiers/*.yaml, loaded and validated.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dossier, type Werkproces } from '../model/catalog.js';
import { InputError, formatPath, loadYaml, type InputProblem } from '../model/load.js';

export interface Catalog {
  dossiers: Dossier[];
  /** The dossier with this id, or undefined. */
  get(id: string): Dossier | undefined;
  /** The werkproces with this code in that dossier, or undefined. */
  werkproces(dossierId: string, code: string): Werkproces | undefined;
}

/**
 * exams/dossiers of the repository. This module lives in src/core (vitest, tsx) or dist/src/core
 * (built), so the repository root is two or three levels up; take the one that has the dossiers.
 */
export function defaultCatalogDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', '..'), join(here, '..', '..', '..')].map((root) => join(root, 'exams', 'dossiers'));
  return candidates.find((d) => existsSync(d)) ?? candidates[0];
}

/** Load every *.yaml/*.yml dossier in `dir`. Problems in all files are reported together (file:line:col). */
export function loadCatalog(dir = defaultCatalogDir()): Catalog {
  if (!existsSync(dir)) throw new InputError([{ file: dir, path: '', message: 'catalog directory does not exist' }]);
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_') && !f.startsWith('.'))
    .sort();
  const problems: InputProblem[] = [];
  const dossiers: Dossier[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const file = join(dir, f);
    try {
      const loaded = loadYaml(file, Dossier);
      const d = loaded.value;
      const other = seen.get(d.id);
      if (other) {
        problems.push({ file, ...loaded.locate(['id']), path: 'id', message: `dossier id '${d.id}' is also used by ${basename(other)}` });
        continue;
      }
      seen.set(d.id, file);
      problems.push(...checkDossier(d, file, loaded.locate));
      dossiers.push(d);
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length) throw new InputError(problems);
  const byId = new Map(dossiers.map((d) => [d.id, d]));
  const wp = new Map(dossiers.map((d) => [d.id, new Map(d.kerntaken.flatMap((k) => k.werkprocessen.map((w) => [w.code, w] as const)))]));
  return {
    dossiers,
    get: (id) => byId.get(id),
    werkproces: (dossierId, code) => wp.get(dossierId)?.get(code),
  };
}

/** Consistency the schema cannot express: unique codes, known profile codes, levels for a bpv scale. */
function checkDossier(d: Dossier, file: string, locate: (p: (string | number)[]) => { line?: number; column?: number }): InputProblem[] {
  const problems: InputProblem[] = [];
  const at = (path: (string | number)[], message: string) =>
    problems.push({ file, ...locate(path), path: formatPath(path), message });
  const profileCodes = new Set(d.profiles.map((p) => p.code));
  const codes = new Set<string>();
  d.kerntaken.forEach((k, ki) => {
    if (codes.has(k.code)) at(['kerntaken', ki, 'code'], `duplicate code '${k.code}'`);
    codes.add(k.code);
    k.werkprocessen.forEach((w, wi) => {
      const path = ['kerntaken', ki, 'werkprocessen', wi];
      if (codes.has(w.code)) at([...path, 'code'], `duplicate code '${w.code}'`);
      codes.add(w.code);
      if (!w.title.trim()) at([...path, 'title'], 'empty title');
      w.profiles.forEach((p, pi) => {
        if (!profileCodes.has(p))
          at([...path, 'profiles', pi], `unknown profile '${p}' (dossier profiles: ${[...profileCodes].join(', ') || 'none'})`);
      });
    });
  });
  if (d.scale === 'bpv' && !d.levels?.length) at(['scale'], "scale 'bpv' needs 'levels' (Bg/G/Bk)");
  return problems;
}

/** All werkproces codes of a dossier, in catalog order. */
export function werkprocesCodes(d: Dossier): string[] {
  return d.kerntaken.flatMap((k) => k.werkprocessen.map((w) => w.code));
}

/**
 * Check that an exam's dossier exists and every werkproces code belongs to it.
 * Returns a message for the author (listing what is valid), or undefined when all is well.
 */
export function validateWerkprocessen(catalog: Catalog, dossierId: string, codes: readonly string[]): string | undefined {
  const d = catalog.get(dossierId);
  if (!d) {
    const known = catalog.dossiers.map((x) => x.id).sort();
    return `onbekend dossier '${dossierId}' (unknown dossier); bekende dossiers: ${known.join(', ') || 'geen'}`;
  }
  if (codes.length === 0) return `geen werkprocessen opgegeven voor dossier '${d.id}'; geldige codes: ${werkprocesCodes(d).join(', ')}`;
  const unknown = [...new Set(codes.filter((c) => !catalog.werkproces(d.id, c)))];
  if (unknown.length === 0) return undefined;
  const list = unknown.map((c) => `'${c}'`).join(', ');
  return (
    `onbekend${unknown.length > 1 ? 'e' : ''} werkproces${unknown.length > 1 ? 'sen' : ''} ${list} in dossier '${d.id}' ` +
    `(unknown werkproces); geldige codes: ${werkprocesCodes(d).join(', ')}`
  );
}
