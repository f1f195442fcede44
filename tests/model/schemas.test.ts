// The exported JSON Schemas are in sync with the zod models, and validate every shipped file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findExamFiles, REPO_ROOT } from '../../src/core/exams.js';
import { jsonSchema, SCHEMAS, type SchemaName } from '../../src/model/schemas.js';
import { allChecks } from '../../checks/index.js';

const committed = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', `${name}.schema.json`), 'utf8'));
const ajv = () => new Ajv2020.default({ strict: false, allErrors: true });

describe('JSON Schemas', () => {
  it.each(Object.keys(SCHEMAS))('schemas/%s.schema.json is up to date (npm run schemas)', (name) => {
    expect(committed(name)).toEqual(jsonSchema(name as SchemaName, allChecks));
  });

  it('every shipped exam file names its schema and validates against it', () => {
    const validate = ajv().compile(committed('exam'));
    const files = findExamFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      expect(src.split('\n')[0], f).toMatch(/^# yaml-language-server: \$schema=.*schemas\/exam\.schema\.json$/);
      const ok = validate(parse(src));
      expect(ok ? [] : validate.errors, f).toEqual([]);
    }
  });

  it('every catalog dossier validates against the catalog schema', () => {
    const validate = ajv().compile(committed('catalog'));
    const dir = join(REPO_ROOT, 'exams', 'dossiers');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const ok = validate(parse(readFileSync(join(dir, f), 'utf8')));
      expect(ok ? [] : validate.errors, f).toEqual([]);
    }
  });

  it('the JSON Schema rejects what zod rejects (an unknown field in a criterion)', () => {
    const validate = ajv().compile(committed('exam'));
    const exam = { id: 'x', title: 'X', dossier: 'd', werkprocessen: ['W'], criteria: [{ id: 'a', title: 'A', pointz: 3, observe: true }] };
    expect(validate(exam)).toBe(false);
  });

  it('the exam schema knows every check kind and its parameters (editor completion)', () => {
    const validate = ajv().compile(committed('exam'));
    const exam = (check: object) => ({ id: 'x', title: 'X', dossier: 'd', werkprocessen: ['W'], criteria: [{ id: 'a', title: 'A', check }] });
    expect(validate(exam({ kind: 'net.tcp', host: 'h', port: 22 }))).toBe(true);
    expect(validate(exam({ kind: 'net.tcp', host: 'h', port: '{{ssh_port}}' }))).toBe(true);
    expect(validate(exam({ kind: 'net.tcp', host: 'h', prot: 22 }))).toBe(false);
    expect(validate(exam({ kind: 'no.such', host: 'h' }))).toBe(false);
    const text = JSON.stringify(committed('exam'));
    for (const c of allChecks) expect(text).toContain(`"const":"${c.kind}"`);
  });

  it('a demo result validates against the result schema', async () => {
    const { RunResultSchema } = await import('../../src/model/result.js');
    const validate = ajv().compile(committed('result'));
    const sample = {
      schema: 'proeflab/result', schemaVersion: 1,
      run: { id: 'r', mode: 'exam', lang: 'nl', proeflabVersion: '0', startedAt: 'a', endedAt: 'b', host: 'h', lab: 'l' },
      exams: [], results: [], observations: [],
      summary: { pods: 0, criteria: 0, pass: 0, fail: 0, error: 0, skipped: 0, manual: 0, factsRequested: 0, factsFetched: 0, exitCode: 0 },
    };
    expect(RunResultSchema.safeParse(sample).success).toBe(true);
    expect(validate(sample)).toBe(true);
  });
});
