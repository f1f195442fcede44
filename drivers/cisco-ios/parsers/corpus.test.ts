// Golden-pair accuracy of the Cisco IOS parsers on the ntc-templates corpus
// (/work/shared/corpus/ntc-templates/cisco_ios/<command>/*.raw + *.yml, Apache-2.0, read in place,
// nothing copied). The .yml holds what ntc's TextFSM templates extract; each spec below maps our
// parsed value to their field names. Accuracy = fields equal / fields compared, over every golden
// pair of the command (records aligned by position; missing or extra records count as wrong fields).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { specs } from './corpus-specs.js';

const CORPUS = resolve(process.cwd(), '../shared/corpus/ntc-templates/cisco_ios');

type Rec = Record<string, unknown>;

const norm = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return JSON.stringify(v.map(norm));
  return String(v).trim();
};

interface Score {
  command: string;
  pairs: number;
  records: number;
  fields: number;
  equal: number;
  mismatches: string[];
}
const scores: Score[] = [];

describe('cisco-ios parsers on the ntc-templates corpus', () => {
  it('corpus directory exists (../shared/corpus/ntc-templates/cisco_ios)', () => {
    // Fail loudly, never skip: without the corpus the accuracy numbers below mean nothing.
    expect(existsSync(CORPUS), `corpus missing at ${CORPUS}`).toBe(true);
  });

  for (const spec of specs) {
    it(`${spec.command}: ≥95% exact field match on ${spec.dir}`, () => {
      const dir = resolve(CORPUS, spec.dir);
      expect(existsSync(dir), `corpus folder missing: ${dir}`).toBe(true);
      const raws = readdirSync(dir).filter((f) => f.endsWith('.raw') && !(spec.skipFiles ?? []).includes(f));
      expect(raws.length).toBeGreaterThan(0);
      const s: Score = { command: spec.command, pairs: 0, records: 0, fields: 0, equal: 0, mismatches: [] };
      for (const f of raws) {
        const raw = readFileSync(resolve(dir, f), 'utf8');
        const gold = (YAML.parse(readFileSync(resolve(dir, f.replace(/\.raw$/, '.yml')), 'utf8'))?.parsed_sample ?? []) as Rec[];
        s.pairs++;
        let mine: Rec[];
        try {
          mine = spec.toNtc(spec.parse(raw));
        } catch (err) {
          mine = [];
          s.mismatches.push(`${f}: parse threw ${(err as Error).message}`);
        }
        const n = Math.max(gold.length, mine.length);
        for (let i = 0; i < n; i++) {
          const g = gold[i];
          const m = mine[i];
          s.records++;
          const fields = spec.fields ?? Object.keys(g ?? m ?? {}).filter((k) => !(spec.exclude ?? []).includes(k));
          for (const k of fields) {
            s.fields++;
            const gv = g ? norm(g[k]) : '<no record>';
            const mv = m ? norm(m[k]) : '<no record>';
            if (gv === mv) s.equal++;
            else if (s.mismatches.length < (process.env.CORPUS_DEBUG ? 400 : 40)) s.mismatches.push(`${f}[${i}].${k}: gold ${JSON.stringify(gv)} ours ${JSON.stringify(mv)}`);
          }
        }
      }
      scores.push(s);
      const acc = s.fields ? s.equal / s.fields : 0;
      if (acc < 0.95 || process.env.CORPUS_DEBUG) console.log(`${spec.command} mismatches:\n  ` + s.mismatches.join('\n  '));
      expect(acc, `${spec.command}: ${s.equal}/${s.fields}`).toBeGreaterThanOrEqual(0.95);
    });
  }

  it('prompts, command echo, CRLF/LFCR line ends, ANSI and a paged --More-- do not change any parse', () => {
    // every golden pair again, dressed the way a terminal session delivers it
    const dress = [
      (raw: string, cmd: string) => `sw1#${cmd}\n${raw}\nsw1#`,
      (raw: string, cmd: string) => `${cmd}\r\n${raw.replace(/\n/g, '\r\n')}\r\nsw1>`,
      (raw: string) => raw.replace(/\n/g, '\n\r'),
      (raw: string) => {
        const ls = raw.split('\n');
        const k = Math.floor(ls.length / 2);
        return [...ls.slice(0, k), ' --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b' + ls[k], ...ls.slice(k + 1)].join('\n');
      },
      (raw: string) => `\x1b[?25h${raw}`,
    ];
    let compared = 0;
    for (const spec of specs) {
      const dir = resolve(CORPUS, spec.dir);
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.raw'))) {
        const raw = readFileSync(resolve(dir, f), 'utf8');
        let plain: unknown;
        try {
          plain = spec.toNtc(spec.parse(raw));
        } catch {
          continue;
        }
        for (const d of dress) {
          expect(spec.toNtc(spec.parse(d(raw, spec.command.replace(/ \(.*$/, '')))), `${spec.dir}/${f}`).toEqual(plain);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  afterAll(() => {
    if (!scores.length) return;
    const rows = scores.map((s) => ({
      command: s.command,
      pairs: s.pairs,
      records: s.records,
      fields: s.fields,
      equal: s.equal,
      accuracy: `${((100 * s.equal) / Math.max(1, s.fields)).toFixed(1)}%`,
    }));
    const f = scores.reduce((a, s) => a + s.fields, 0);
    const e = scores.reduce((a, s) => a + s.equal, 0);
    rows.push({ command: 'OVERALL', pairs: scores.reduce((a, s) => a + s.pairs, 0), records: scores.reduce((a, s) => a + s.records, 0), fields: f, equal: e, accuracy: `${((100 * e) / Math.max(1, f)).toFixed(1)}%` });
    console.log('cisco-ios parser accuracy on ntc-templates golden pairs (exact field match):');
    console.table(rows);
    const excluded = specs.filter((s) => s.exclude?.length).map((s) => `${s.command}: ${s.exclude!.join(', ')}${s.why ? ` (${s.why})` : ''}`);
    if (excluded.length) console.log('ntc fields not compared:\n  ' + excluded.join('\n  '));
    const notes = specs.filter((s) => s.note).map((s) => `${s.command}: ${s.note}`);
    if (notes.length) console.log('known ntc template errors (counted as mismatches):\n  ' + notes.join('\n  '));
  });

  it('overall accuracy ≥95%', () => {
    // runs after the per-command tests (vitest runs tests in a file in order)
    const f = scores.reduce((a, s) => a + s.fields, 0);
    const e = scores.reduce((a, s) => a + s.equal, 0);
    expect(scores.length).toBe(specs.length);
    expect(e / f).toBeGreaterThanOrEqual(0.95);
  });
});
