// The exam catalog (issue 7): one exam per werkproces of every dossier, technical exams mostly automated,
// people exams with observation criteria and a deliverable check, per-candidate variables that really
// vary, reference solutions and start scenarios for every automated exam, and no text copied from the
// qualification dossiers (runs of 8+ words) apart from the codes and titles of kerntaken/werkprocessen.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog.js';
import { EXAMS_DIR, REPO_ROOT, findExamFiles, loadExam } from '../../src/core/exams.js';
import { candidateVariables, renderAssignment } from '../../src/core/assignment.js';
import { interpolate } from '../../src/core/vars.js';
import { loadScenarioFile } from '../../src/lab/scenarios.js';
import type { CheckExpr, Exam } from '../../src/model/exam.js';

const catalog = loadCatalog();
const dossierIds = catalog.dossiers.map((d) => d.id);
// Catalog exams live in exams/<dossier-id>/; exams/demo and exams/lab are examples, not the catalog.
const catalogFiles = findExamFiles().filter((f) => dossierIds.some((d) => f.startsWith(join(EXAMS_DIR, d) + '/')));
const exams = catalogFiles.map((f) => ({ file: f, exam: loadExam(f) }));
const isBpv = (e: Exam) => catalog.get(e.dossier)?.kind === 'bpv-afsprakenlijst';
const kindOf = (e: Exam) => catalog.werkproces(e.dossier, e.werkprocessen[0])?.kind;

function leaves(c: CheckExpr | undefined): { kind: string }[] {
  if (!c) return [];
  if ('all' in c && Array.isArray(c.all)) return c.all.flatMap(leaves);
  if ('any' in c && Array.isArray(c.any)) return c.any.flatMap(leaves);
  if ('not' in c && c.not && typeof c.not === 'object') return leaves(c.not as CheckExpr);
  return [c as { kind: string }];
}
const automated = (e: Exam) => e.criteria.filter((c) => !c.observe);
const observed = (e: Exam) => e.criteria.filter((c) => c.observe);

describe('exam catalog coverage', () => {
  it('finds the catalog and its exams', () => {
    expect(dossierIds.sort()).toEqual(['ict-beheerder-bpv', 'ict-en-mediabeheer', 'it-systems-and-devices', 'medewerker-beheer-ict']);
    expect(exams.length).toBeGreaterThanOrEqual(53);
  });

  it('every werkproces in the catalog has exactly one exam, in its dossier directory', () => {
    const count = new Map<string, string[]>();
    for (const { file, exam } of exams) {
      const e = exam.value;
      expect(file.startsWith(join(EXAMS_DIR, e.dossier) + '/'), `${file} declares dossier ${e.dossier}`).toBe(true);
      for (const code of e.werkprocessen) {
        const key = `${e.dossier}/${code}`;
        expect(catalog.werkproces(e.dossier, code), `${file}: unknown werkproces ${key}`).toBeDefined();
        count.set(key, [...(count.get(key) ?? []), e.id]);
      }
    }
    const problems: string[] = [];
    for (const d of catalog.dossiers)
      for (const k of d.kerntaken)
        for (const w of k.werkprocessen) {
          const ids = count.get(`${d.id}/${w.code}`) ?? [];
          if (ids.length !== 1) problems.push(`${d.id}/${w.code}: ${ids.length} exams (${ids.join(', ')})`);
        }
    expect(problems).toEqual([]);
    expect(count.size).toBe(53);
  });

  it('exam ids are unique', () => {
    const ids = exams.map((x) => x.exam.value.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('every technical exam has at least 8 automated criteria and at least 1 observation criterion', () => {
    const bad = exams
      .map((x) => x.exam.value)
      .filter((e) => !isBpv(e) && kindOf(e) === 'technical')
      .filter((e) => automated(e).length < 8 || observed(e).length < 1)
      .map((e) => `${e.id}: ${automated(e).length} automated, ${observed(e).length} observed`);
    expect(bad).toEqual([]);
  });

  it('every technical exam spreads its automated criteria over the devices it declares', () => {
    const bad: string[] = [];
    for (const { exam } of exams) {
      const e = exam.value;
      if (isBpv(e) || kindOf(e) !== 'technical') continue;
      const used = new Set(automated(e).flatMap((c) => leaves(c.check).map((l) => (l as { device?: string }).device)).filter(Boolean));
      for (const role of Object.keys(e.roles)) if (!used.has(role)) bad.push(`${e.id}: role ${role} is declared but no check uses it`);
    }
    expect(bad).toEqual([]);
  });

  it('every people exam has observation criteria and (except BPV) a check of a deliverable', () => {
    const deliverable = new Set(['http.document', 'http.csv-record', 'linux.file']);
    const bad: string[] = [];
    for (const { exam } of exams) {
      const e = exam.value;
      if (kindOf(e) !== 'people' && !isBpv(e)) continue;
      if (observed(e).length < 1) bad.push(`${e.id}: no observation criteria`);
      if (!isBpv(e) && !automated(e).some((c) => leaves(c.check).some((l) => deliverable.has(l.kind))))
        bad.push(`${e.id}: no automated check of a deliverable`);
    }
    expect(bad).toEqual([]);
  });

  it('BPV forms are observation only, on the Bg/G/Bk scale', () => {
    const bpv = exams.map((x) => x.exam.value).filter(isBpv);
    expect(bpv.length).toBe(17);
    for (const e of bpv) {
      expect(automated(e).map((c) => c.id), e.id).toEqual([]);
      expect(e.criteria.every((c) => c.scale === 'bpv'), e.id).toBe(true);
    }
  });

  it("every exam renders its opdracht for 3 candidates with their own values, nothing left unresolved", () => {
    const bad: string[] = [];
    const devices = { srv1: { platform: 'net', host: '192.0.2.10' } } as never;
    for (const { exam } of exams) {
      const e = exam.value;
      // BPV forms are filled in at the workplace: no per-candidate values to copy, variables optional.
      if (isBpv(e) && Object.keys(e.variables).length === 0) continue;
      const pods = ['123456', '234567', '345678'].map((id) => ({ id: `pod-${id}`, candidate: { id }, variables: {}, devices }));
      let rendered: ReturnType<typeof renderAssignment>[];
      try {
        rendered = pods.map((p) => renderAssignment(exam, undefined, p as never));
      } catch (err) {
        bad.push(`${e.id}: ${(err as Error).message}`);
        continue;
      }
      const texts = rendered.map((r) => r.text + '\n' + r.title);
      if (!e.opdracht) bad.push(`${e.id}: no opdracht`);
      if (new Set(texts).size !== 3) bad.push(`${e.id}: opdracht is not different for 3 candidates`);
      for (const t of texts) if (t.includes('{{')) bad.push(`${e.id}: unresolved placeholder in "${t.slice(t.indexOf('{{'), t.indexOf('{{') + 40)}"`);
      if (!isBpv(e)) {
        const names = Object.keys(e.variables);
        const varies = names.some((n) => new Set(rendered.map((r) => JSON.stringify(r.variables[n]))).size > 1);
        if (!varies) bad.push(`${e.id}: no variable takes different values for different candidates`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('every automated exam names a start scenario and a reference solution that exist and use only its variables', () => {
    const dirs = [join(EXAMS_DIR, 'scenarios'), join(EXAMS_DIR, 'solutions')];
    const find = (id: string) => dirs.map((d) => join(d, `${id}.yaml`)).find((f) => existsSync(f));
    const bad: string[] = [];
    for (const { exam } of exams) {
      const e = exam.value;
      // Technical exams, and people exams with automated checks of their deliverables.
      if (isBpv(e) || (kindOf(e) !== 'technical' && automated(e).length === 0)) continue;
      if (!e.scenario?.solution) {
        bad.push(`${e.id}: no scenario.solution`);
        continue;
      }
      const solId = e.scenario.solution.replace(/^solution:/, 'solution-');
      const solFile = find(solId);
      if (!solFile) {
        bad.push(`${e.id}: solution file ${solId}.yaml not found`);
        continue;
      }
      const sol = loadScenarioFile(solFile);
      if (sol.kind !== 'solution' || sol.exam !== e.id) bad.push(`${e.id}: ${solId} is not the solution of this exam`);
      if (sol.steps.length === 0) bad.push(`${e.id}: ${solId} has no steps`);
      const start = e.scenario.start ?? 'blank';
      if (start !== 'blank' && !find(start)) bad.push(`${e.id}: start scenario ${start} not found`);
      // Placeholders in the solution and a start scenario of our own: the exam's variables or candidate.id.
      const known = new Set([...Object.keys(e.variables), 'candidate']);
      for (const f of [solFile, start !== 'blank' ? find(start) : undefined].filter((x): x is string => !!x)) {
        const src = readFileSync(f, 'utf8');
        for (const m of src.replace(/^\s*#.*$/gm, '').matchAll(/\{\{\s*([\w-]+)/g))
          if (!known.has(m[1])) bad.push(`${e.id}: ${f.slice(REPO_ROOT.length + 1)} uses unknown variable {{${m[1]}}}`);
        // Rendered for the containerised lab's candidate (docker/lab.yaml), every placeholder resolves.
        try {
          const { scope } = candidateVariables(e, undefined, { id: 'lab', candidate: { id: '000000' }, variables: {}, devices: {} } as never);
          for (const step of loadScenarioFile(f).steps) {
            const out = String(interpolate(step.ios ?? step.routeros ?? step.shell ?? '', scope));
            if (out.includes('{{')) bad.push(`${e.id}: ${f.slice(REPO_ROOT.length + 1)} keeps a placeholder after rendering`);
          }
        } catch (err) {
          bad.push(`${e.id}: ${f.slice(REPO_ROOT.length + 1)}: ${(err as Error).message}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

// --- copying from the seeds -----------------------------------------------------------------------
const SEEDS = '/work/shared/seeds';
const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const grams = (ws: string[], n = 8) => ws.slice(0, Math.max(0, ws.length - n + 1)).map((_, i) => ws.slice(i, i + n).join(' '));

describe.skipIf(!existsSync(SEEDS))('no copying from the qualification dossiers', () => {
  it('no exam text repeats a run of 8 or more words from the seeds (codes and titles excepted)', () => {
    // The seeds the catalog is made from (001 is a duplicate of 000 and not used).
    const sources = [...new Set(catalog.dossiers.map((d) => d.source).filter((s): s is string => !!s))];
    expect(sources.length).toBe(4);
    const seedGrams = new Set(sources.flatMap((s) => grams(words(readFileSync(join(SEEDS, s), 'utf8')))));
    expect(seedGrams.size).toBeGreaterThan(10_000);
    // Titles of dossiers, kerntaken and werkprocessen may be quoted as they are.
    const titles = catalog.dossiers.flatMap((d) => [d.title, ...d.kerntaken.flatMap((k) => [k.title, ...k.werkprocessen.map((w) => w.title)])]);
    const allowed = new Set(titles.flatMap((t) => grams(words(t))));
    const copied: string[] = [];
    for (const { file } of exams) {
      const ws = words(readFileSync(file, 'utf8'));
      for (const g of grams(ws)) if (seedGrams.has(g) && !allowed.has(g)) copied.push(`${file.slice(REPO_ROOT.length + 1)}: "${g}"`);
    }
    expect(copied).toEqual([]);
  });

  it('the copy detector finds a copied sentence (guards the test itself)', () => {
    const src = readFileSync(join(SEEDS, catalog.dossiers[0].source!), 'utf8');
    const ws = words(src);
    const sample = ws.slice(Math.floor(ws.length / 2), Math.floor(ws.length / 2) + 12).join(' ');
    expect(sample.split(' ').length).toBe(12);
    const seedGrams = new Set(grams(ws));
    expect(grams(words(`title: ${sample}`)).some((g) => seedGrams.has(g))).toBe(true);
  });
});
