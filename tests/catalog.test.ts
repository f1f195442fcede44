// The catalog (exams/dossiers/*.yaml) against the seeds it was taken from (../shared/seeds).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCatalogDir, loadCatalog, validateWerkprocessen, werkprocesCodes } from '../src/core/catalog.js';
import { InputError } from '../src/model/load.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SEEDS = join(REPO, '..', 'shared', 'seeds');
const seed = (file: string) => readFileSync(join(SEEDS, file), 'utf8');

/** Every distinct werkproces code in a seed text, found with a regex (not copied from the catalog). */
function seedCodes(text: string): string[] {
  const dashed = [...text.matchAll(/\b(?:B\d|P\d)-K\d+-W\d+\b/g)].map((m) => m[0]);
  const dotted = [...text.matchAll(/^\s*(\d+\.\d+)\s+werkproces\b/gm)].map((m) => m[1]);
  return [...new Set([...dashed, ...dotted])].sort();
}
function seedKerntaken(text: string): string[] {
  const dashed = [...text.matchAll(/\b(?:B\d|P\d)-K\d+\b(?!-W)/g)].map((m) => m[0]);
  const numbered = [...text.matchAll(/\bKerntaak (\d+)\b/g)].map((m) => m[1]);
  return [...new Set([...dashed, ...numbered])].sort();
}
const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

const catalog = loadCatalog();
const EXPECTED: Record<string, { source: string; count: number }> = {
  'ict-en-mediabeheer': { source: '000_387d74a37fcba0ff.txt', count: 16 },
  'it-systems-and-devices': { source: '002_23431be34508be85.txt', count: 12 },
  'medewerker-beheer-ict': { source: '003_156e88d23db0e793.txt', count: 8 },
  'ict-beheerder-bpv': { source: '004_4d9ac700a447cf4d.txt', count: 17 },
};

describe('catalog', () => {
  it('has exactly the four dossiers, 53 werkprocessen in all', () => {
    expect(catalog.dossiers.map((d) => d.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(catalog.dossiers.reduce((n, d) => n + werkprocesCodes(d).length, 0)).toBe(53);
  });

  it('loads from the default directory (resolved from the module)', () => {
    expect(defaultCatalogDir()).toBe(join(REPO, 'exams', 'dossiers'));
  });

  describe.each(Object.entries(EXPECTED))('%s', (id, { source, count }) => {
    const d = catalog.get(id)!;
    const text = seed(source);

    it('names its seed and has the expected number of werkprocessen', () => {
      expect(d).toBeDefined();
      expect(d.source).toBe(source);
      expect(werkprocesCodes(d)).toHaveLength(count);
    });

    it('has every werkproces and kerntaak code found in the seed, and no others', () => {
      const found = seedCodes(text);
      expect(found.length).toBe(count); // the regex itself finds them all
      expect([...werkprocesCodes(d)].sort()).toEqual(found);
      expect(d.kerntaken.map((k) => k.code).sort()).toEqual(seedKerntaken(text));
    });

    it('puts each werkproces under its own kerntaak', () => {
      for (const k of d.kerntaken)
        for (const w of k.werkprocessen) expect(w.code.startsWith(k.code.includes('-') ? `${k.code}-` : `${k.code}.`), w.code).toBe(true);
    });

    it('has non-empty titles that appear in the seed (ignoring scan whitespace)', () => {
      expect(d.title.trim()).not.toBe('');
      const s = squash(text);
      for (const k of d.kerntaken) {
        expect(k.title.trim(), k.code).not.toBe('');
        for (const w of k.werkprocessen) {
          expect(w.title.trim(), w.code).not.toBe('');
          expect(s.includes(squash(w.title)), `${w.code} ${w.title}`).toBe(true);
        }
      }
    });

    it('states the kind of every werkproces explicitly in the YAML', () => {
      const raw = readFileSync(join(defaultCatalogDir(), `${id}.yaml`), 'utf8');
      expect(raw.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/catalog.schema.json');
      expect([...raw.matchAll(/^\s+kind: (people|technical)\b/gm)]).toHaveLength(count);
    });
  });

  it('gives profiles: basisdeel to all profiles, profieldeel Px-K* only to Px', () => {
    for (const id of ['ict-en-mediabeheer', 'it-systems-and-devices']) {
      const d = catalog.get(id)!;
      const all = d.profiles.map((p) => p.code);
      expect(all).toEqual(['P1', 'P2']);
      for (const k of d.kerntaken)
        for (const w of k.werkprocessen) expect(w.profiles, w.code).toEqual(w.code.startsWith('B') ? all : [w.code.slice(0, 2)]);
    }
    const itsd = catalog.get('it-systems-and-devices')!;
    expect(itsd.profiles.map((p) => p.level)).toEqual([3, 4]);
    expect(catalog.get('ict-en-mediabeheer')!.level).toBe(4);
    expect(catalog.get('medewerker-beheer-ict')!.level).toBe(3);
  });

  it('marks people and technical werkprocessen', () => {
    const kind = (d: string, c: string) => catalog.werkproces(d, c)?.kind;
    expect(kind('ict-en-mediabeheer', 'B1-K1-W1')).toBe('people');
    expect(kind('ict-en-mediabeheer', 'B1-K2-W2')).toBe('technical');
    expect(kind('ict-en-mediabeheer', 'P1-K2-W3')).toBe('people');
    expect(kind('it-systems-and-devices', 'B1-K1-W2')).toBe('people');
    expect(kind('it-systems-and-devices', 'P2-K1-W3')).toBe('technical');
    expect(kind('medewerker-beheer-ict', '1.4')).toBe('technical');
    expect(kind('ict-beheerder-bpv', '4.2')).toBe('people');
  });

  it('has the BPV scale with Bg/G/Bk described in its own words', () => {
    const d = catalog.get('ict-beheerder-bpv')!;
    expect(d.kind).toBe('bpv-afsprakenlijst');
    expect(d.scale).toBe('bpv');
    expect(d.levels?.map((l) => [l.code, l.title])).toEqual([
      ['Bg', 'Beginnend'],
      ['G', 'Gevorderd'],
      ['Bk', 'Bekwaam'],
    ]);
    // No run of 6 words copied from the seed.
    const words = (s: string) => s.toLowerCase().match(/[\p{L}\d]+/gu) ?? [];
    const seedText = ` ${words(seed(EXPECTED['ict-beheerder-bpv'].source)).join(' ')} `;
    for (const l of d.levels!) {
      const w = words(l.description);
      expect(w.length, l.code).toBeGreaterThan(15);
      for (let i = 0; i + 6 <= w.length; i++) expect(seedText.includes(` ${w.slice(i, i + 6).join(' ')} `), `${l.code}: ${w.slice(i, i + 6).join(' ')}`).toBe(false);
    }
    for (const other of catalog.dossiers.filter((x) => x.id !== d.id)) expect(other.scale).toBe('standard');
  });
});

describe('validateWerkprocessen', () => {
  it('accepts known codes', () => {
    expect(validateWerkprocessen(catalog, 'ict-en-mediabeheer', ['B1-K2-W2', 'P1-K1-W1'])).toBeUndefined();
    expect(validateWerkprocessen(catalog, 'medewerker-beheer-ict', ['1.3'])).toBeUndefined();
  });

  it('names the unknown code and lists the valid ones', () => {
    const msg = validateWerkprocessen(catalog, 'medewerker-beheer-ict', ['1.1', '1.2'])!;
    expect(msg).toContain("'1.2'");
    expect(msg).not.toContain("'1.1'");
    expect(msg).toContain('1.1, 1.3, 1.4, 2.1, 2.2, 3.1, 3.2, 3.3');
    // A code from another dossier is not valid here.
    const msg2 = validateWerkprocessen(catalog, 'ict-en-mediabeheer', ['P2-K1-W1'])!;
    expect(msg2).toMatch(/werkproces 'P2-K1-W1'/);
    for (const c of werkprocesCodes(catalog.get('ict-en-mediabeheer')!)) expect(msg2).toContain(c);
  });

  it('lists the known dossiers for an unknown dossier', () => {
    const msg = validateWerkprocessen(catalog, 'ict-beheer', ['B1-K1-W1'])!;
    expect(msg).toContain("'ict-beheer'");
    for (const id of Object.keys(EXPECTED)) expect(msg).toContain(id);
  });
});

describe('loadCatalog errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const problems = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof InputError) return err.problems;
      throw err;
    }
    throw new Error('expected an InputError');
  };

  it('reports file, line and column of a schema problem and of an unknown profile', () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      [
        'id: x',
        'title: X',
        'source: s.txt',
        'profiles: [{ code: P1, title: A }]',
        'kerntaken:',
        '  - code: K1',
        '    title: T',
        '    werkprocessen:',
        '      - { code: K1-W1, title: W, profiles: [P9] }',
        '      - { code: K1-W2, title: W, kind: social }',
        '',
      ].join('\n'),
    );
    const ps = problems(() => loadCatalog(dir));
    const kind = ps.find((p) => p.path === 'kerntaken[0].werkprocessen[1].kind');
    expect(kind).toMatchObject({ file: join(dir, 'bad.yaml'), line: 10 });
    expect(kind!.column).toBeGreaterThan(1);
    rmSync(join(dir, 'bad.yaml'));
    writeFileSync(
      join(dir, 'bad2.yaml'),
      'id: x\ntitle: X\nsource: s.txt\nprofiles: [{ code: P1, title: A }]\nkerntaken:\n  - code: K1\n    title: T\n    werkprocessen:\n      - { code: K1-W1, title: W, profiles: [P9] }\n',
    );
    const [p] = problems(() => loadCatalog(dir));
    expect(p).toMatchObject({ line: 9, path: 'kerntaken[0].werkprocessen[0].profiles[0]' });
    expect(p.message).toMatch(/P9.*P1/);
    rmSync(join(dir, 'bad2.yaml'));
  });
});
