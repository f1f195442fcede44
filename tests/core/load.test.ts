import { describe, expect, it } from 'vitest';
import { Exam } from '../../src/model/exam.js';
import { Lab } from '../../src/model/lab.js';
import { InputError, parseYaml } from '../../src/model/load.js';

function problems(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error('expected an InputError');
}

const good = `id: x
title: X
dossier: ict-en-mediabeheer
werkprocessen: [B1-K2-W2]
criteria:
  - id: a
    title: A
    check: { kind: net.tcp, host: 127.0.0.1, port: 22 }
`;

describe('loading exam files', () => {
  it('accepts a valid exam and fills defaults', () => {
    const e = parseYaml('x.yaml', good, Exam).value;
    expect(e.criteria[0].points).toBe(1);
    expect(e.scoring).toMatchObject({ method: 'grade', cesuur: 5.5 });
  });

  it('names file, line, column and field path for a wrong type', () => {
    const src = good.replace('title: A', 'title: A\n    points: veel');
    const [p] = problems(() => parseYaml('broken.yaml', src, Exam));
    expect(p).toMatchObject({ file: 'broken.yaml', line: 8, column: 13, path: 'criteria[0].points' });
    expect(p.message).toMatch(/number/);
  });

  it('reports unknown fields with their names and position', () => {
    const src = good.replace('criteria:', 'cesur: 5\ncriteria:');
    const [p] = problems(() => parseYaml('e.yaml', src, Exam));
    expect(p.message).toContain("'cesur'");
    expect(p.line).toBe(1);
  });

  it('reports a missing required field', () => {
    const src = good.replace('dossier: ict-en-mediabeheer\n', '');
    const [p] = problems(() => parseYaml('e.yaml', src, Exam));
    expect(p.path).toBe('dossier');
    expect(p.message).toMatch(/required|expected string/);
  });

  it('reports YAML syntax errors with line and column', () => {
    const [p] = problems(() => parseYaml('e.yaml', 'id: x\ntitle: [unclosed\n', Exam));
    expect(p.message).toMatch(/^YAML:/);
    expect(p.line).toBeGreaterThan(0);
  });

  it('refuses duplicate criterion ids and unknown dependencies', () => {
    const src = good + `  - id: a\n    title: B\n    depends_on: [zz]\n    check: { kind: net.tcp, host: h, port: 1 }\n`;
    const ps = problems(() => parseYaml('e.yaml', src, Exam));
    expect(ps.map((p) => p.message).join('\n')).toMatch(/used twice/);
    expect(ps.map((p) => p.message).join('\n')).toMatch(/unknown criterion 'zz'/);
    expect(ps.find((p) => p.path === 'criteria[1].depends_on[0]')?.line).toBe(11);
  });

  it('an observation criterion may not have a check, an automated one needs one', () => {
    const src = good + `  - id: b\n    title: B\n    observe: true\n    check: { kind: net.tcp, host: h, port: 1 }\n  - id: c\n    title: C\n`;
    const ps = problems(() => parseYaml('e.yaml', src, Exam));
    expect(ps.map((p) => p.path)).toEqual(expect.arrayContaining(['criteria[1].check', 'criteria[2].check']));
  });

  it('lab files: unknown credentials are named with the known ones', () => {
    const src = `pods:\n  - id: p1\n    devices:\n      sw1: { platform: cisco-ios, host: 10.0.0.1, credentials: nope }\ncredentials:\n  sw: { username: admin, password: { env: SW_PASS } }\n`;
    const [p] = problems(() => parseYaml('lab.yaml', src, Lab));
    expect(p.path).toBe('pods[0].devices.sw1.credentials');
    expect(p.message).toContain('known: sw');
    expect(p.line).toBe(4);
  });

  it('lab files refuse inline passwords', () => {
    const src = `pods:\n  - id: p1\n    devices: {}\ncredentials:\n  sw: { username: admin, password: geheim123 }\n`;
    const [p] = problems(() => parseYaml('lab.yaml', src, Lab));
    expect(p.path).toBe('credentials.sw.password');
  });
});
