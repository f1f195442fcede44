// The example linux exam (tests/fixtures/exams/linux-server.yaml) is valid and plans against a lab:
// every check kind exists, its params validate after the variables are filled in, every kind is used.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linuxChecks } from '../../checks/linux-all.js';
import { createRegistry } from '../../src/core/registry.js';
import { plan } from '../../src/core/runner.js';
import { exam, lab } from '../helpers.js';

const file = resolve(import.meta.dirname, '../fixtures/exams/linux-server.yaml');

describe('example linux exam', () => {
  it('validates, plans and uses every linux check kind', () => {
    const e = exam(readFileSync(file, 'utf8'));
    const l = lab(`
name: t
credentials: { beheer: { username: beheer, password: { env: PW }, secret: { env: PW } } }
pods:
  - id: p1
    devices: { srv: { platform: linux, host: 10.20.0.10, credentials: beheer } }
`);
    const plans = plan({ exams: [e], lab: l, registry: createRegistry(), env: { PW: "x" } });
    const facts = plans[0]!.criteria.flatMap((c) => c.facts);
    expect(new Set(facts.map((f) => f.fact)).size).toBeGreaterThanOrEqual(20);
    const kinds = new Set(readFileSync(file, 'utf8').match(/kind: (linux\.[a-z-]+)/g)!.map((m) => m.slice(6)));
    expect([...kinds].sort()).toEqual(linuxChecks.map((c) => c.kind).sort());
  });
});
