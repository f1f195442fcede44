// Bad input fuzzing, bounded: exam and lab YAML and raw device output for every parser. No crash,
// no hang, and every failure a clear error (InputError with a location, or an Error with a message).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/core/registry.js';
import { Exam } from '../../src/model/exam.js';
import { Lab } from '../../src/model/lab.js';
import { InputError, parseYaml } from '../../src/model/load.js';
import { REPO_ROOT } from '../../src/core/exams.js';

const examSource = readFileSync(join(REPO_ROOT, 'exams', 'demo', 'demo-intranet.yaml'), 'utf8');
const labSource = `name: l\ncredentials:\n  c: { username: u, password: { env: P } }\npods:\n  - id: p1\n    candidate: { id: '1' }\n    devices:\n      sw1: { platform: cisco-ios, host: 10.0.0.1, port: 22, credentials: c }\n`;

/** Mutations a tired author or a broken editor makes: delete, duplicate, swap, insert junk. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(':', '- ', '{', ']', '\t', '\n  ', '&a', '*a', '!!js', '"', "'", '#', '\u0000', '{{', '}}')) }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(src: string, ms: Mutation[]): string {
  let s = src;
  for (const m of ms) {
    const at = s.length ? m.at % s.length : 0;
    if (m.op === 'delete') s = s.slice(0, at) + s.slice(at + m.len);
    else if (m.op === 'insert') s = s.slice(0, at) + m.text + s.slice(at);
    else s = s.slice(0, at) + s.slice(at, at + m.len) + s.slice(at);
  }
  return s;
}

function onlyClearErrors(source: string, schema: typeof Exam | typeof Lab) {
  try {
    parseYaml('f.yaml', source, schema);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    for (const p of (err as InputError).problems) {
      expect(p.file).toBe('f.yaml');
      expect(p.message.length).toBeGreaterThan(3);
    }
  }
}

describe('fuzzing', () => {
  it('exam YAML: every mutation is accepted or rejected with a located, readable error', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => onlyClearErrors(apply(examSource, ms), Exam)), { numRuns: 400, seed: 42 });
  });

  it('lab YAML: every mutation is accepted or rejected with a located, readable error', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => onlyClearErrors(apply(labSource, ms), Lab)), { numRuns: 400, seed: 7 });
  });

  it('YAML bombs (alias expansion) are refused, not expanded', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    expect(() => parseYaml('bomb.yaml', bomb, Exam)).toThrow(InputError);
  });

  it('every parser: random and mangled output ends in a value or an Error with a message, never a crash or hang', () => {
    const { parsers } = createRegistry();
    expect(parsers.length).toBeGreaterThan(0);
    const junk = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.array(fc.constantFrom('Switch#', '--More--', '\r', '\t', '   ', 'Vlan', 'Gi0/1', 'connected', '10', 'default', '% Invalid input', '\\', '=', '"', 'flags:', ';;;', '----', 'Interface', 'Status'), { maxLength: 80 }).map((a) => a.join(' ')),
      fc.array(fc.string({ maxLength: 60 }), { maxLength: 30 }).map((a) => a.join('\n')),
    );
    for (const p of parsers) {
      fc.assert(
        fc.property(junk, (raw) => {
          try {
            p.parse(raw);
          } catch (err) {
            expect(err, `${p.platform} ${p.command}`).toBeInstanceOf(Error);
            expect((err as Error).message.length, `${p.platform} ${p.command}`).toBeGreaterThan(0);
          }
        }),
        { numRuns: 60, seed: 1 },
      );
    }
  }, 120_000);
});
