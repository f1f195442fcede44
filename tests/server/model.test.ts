// The web app's pure helpers: candidates CSV, sign-in codes, evidence diff and baseline matching.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/core/types.js';
import type { RunResult } from '../../src/model/result.js';
import { baselineFor, lineDiff, newStudentCode, normaliseCode, parseCandidatesCsv } from '../../src/server/model.js';

describe('candidates CSV', () => {
  it('reads commas or semicolons, an optional header, quotes and a BOM', () => {
    const comma = parseCandidatesCsv('\uFEFFkandidaatnummer,naam,klas,pod\r\n100001,"de Vries, Sanne",ICT4A,pod01\r\n\r\n100002,Daan Jansen,ICT4A,pod02\r\n');
    expect(comma.problems).toEqual([]);
    expect(comma.candidates).toEqual([
      { number: '100001', name: 'de Vries, Sanne', klas: 'ICT4A', pod: 'pod01' },
      { number: '100002', name: 'Daan Jansen', klas: 'ICT4A', pod: 'pod02' },
    ]);
    const semi = parseCandidatesCsv('100003;Fatma "Fa" Yilmaz;ICT4B;pod03\n');
    expect(semi.candidates).toEqual([{ number: '100003', name: 'Fatma "Fa" Yilmaz', klas: 'ICT4B', pod: 'pod03' }]);
    expect(parseCandidatesCsv('1,"A ""x"" B",K,p1').candidates[0].name).toBe('A "x" B');
  });

  it('names every problem with its line', () => {
    const r = parseCandidatesCsv('100001,Sanne,ICT4A\n10 0002,Daan,ICT4A,pod02\n100003,Ali,ICT4A,pod01\n100003,Bo,ICT4A,pod04\n100005,Eva,ICT4A,pod01\n');
    expect(r.problems).toEqual([
      'regel 1: verwacht kandidaatnummer,naam,klas,pod',
      "regel 2: ongeldig kandidaatnummer '10 0002'",
      "kandidaatnummer '100003' komt twee keer voor",
      "pod 'pod01' komt twee keer voor",
    ]);
    expect(parseCandidatesCsv('kandidaatnummer,naam,klas,pod\n').problems).toEqual(['geen kandidaten in het CSV-bestand']);
  });
});

describe('sign-in codes', () => {
  it('are 10 unambiguous characters and survive how people type them', () => {
    const codes = new Set(Array.from({ length: 200 }, newStudentCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    expect(normaliseCode(' abcde fghjk ')).toBe('ABCDE-FGHJK');
    expect(normaliseCode('ABCDE—FGHJK')).toBe('ABCDE-FGHJK');
    expect(normaliseCode('abc')).toBe('ABC');
  });
});

describe('evidence diff', () => {
  it('shows kept, removed and added lines in order', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'c' },
      { op: '+', text: 'd' },
    ]);
    expect(lineDiff('same', 'same')).toEqual([{ op: ' ', text: 'same' }]);
  });

  it('finds the baseline observation of the same device, fact and parameters', () => {
    const obs = (id: string, params: Record<string, unknown>, raw: string, pod = 'pod01') =>
      ({ id, pod, device: 'sw1', platform: 'cisco-ios', fact: 'cisco.show', params, attempt: 1, command: 'show vlan', transport: 'ssh', raw, redactions: 0, startedAt: '', endedAt: '', durationMs: 1 }) as Observation;
    const baseline = { observations: [obs('b1', { command: 'show vlan brief' }, 'old'), obs('b2', { command: 'show run' }, 'cfg'), obs('b3', { command: 'show vlan brief' }, 'other pod', 'pod02')] } as unknown as RunResult;
    expect(baselineFor(obs('f1', { command: 'show vlan brief' }, 'new'), baseline)?.id).toBe('b1');
    expect(baselineFor(obs('f2', { command: 'show ip route' }, 'new'), baseline)).toBeUndefined();
    expect(baselineFor(obs('f3', { command: 'show vlan brief' }, 'new'), undefined)).toBeUndefined();
  });
});
