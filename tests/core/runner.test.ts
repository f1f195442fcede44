import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/core/registry.js';
import { run, type RunEvent } from '../../src/core/runner.js';
import { InputError } from '../../src/model/load.js';
import { containsCheck, exam, lab, tableDriver } from '../helpers.js';

const LAB = `
name: t
defaults: { timeout: 1 }
pods:
  - id: p1
    candidate: { id: '1' }
    devices: { sw1: { platform: fake, host: 10.9.9.1 } }
  - id: p2
    candidate: { id: '2' }
    devices: { sw1: { platform: fake2, host: 10.9.9.2 } }
`;

const EXAM = (criteria: string) => `
id: t
title: T
dossier: d
werkprocessen: [W]
roles: { sw1: fake }
criteria:
${criteria}`;

function registry(calls: string[], table1: Record<string, string | Error | 'hang'>, table2 = table1, opts2 = {}) {
  const d1 = tableDriver('fake', table1, calls);
  const d2 = { ...tableDriver('fake2', table2, calls, opts2), roleKinds: ['fake'] };
  return createRegistry([d1, d2], [containsCheck], []);
}

describe('runner', () => {
  it('fetches a fact asked for by several checks only once per device', async () => {
    const calls: string[] = [];
    const e = exam(EXAM(`
  - { id: a, title: A, check: { kind: test.contains, device: sw1, command: show run, text: hostname } }
  - { id: b, title: B, check: { kind: test.contains, device: sw1, command: show run, text: vlan } }
  - { id: c, title: C, check: { all: [ { kind: test.contains, device: sw1, command: show run, text: x }, { kind: test.contains, device: sw1, command: show ver, text: IOS } ] } }
`));
    const r = await run({ exams: [e], lab: lab(LAB), pods: ['p1'], registry: registry(calls, { 'show run': 'hostname SW1\nvlan 10', 'show ver': 'Cisco IOS' }) });
    expect(calls.sort()).toEqual(['show run', 'show ver']);
    expect(r.summary).toMatchObject({ factsRequested: 4, factsFetched: 2, pass: 2, fail: 1 });
    expect(r.results[0].criteria.map((c) => c.status)).toEqual(['pass', 'pass', 'fail']);
    const c = r.results[0].criteria[2];
    expect(c.parts?.map((p) => p.status)).toEqual(['fail', 'pass']);
    expect(c.observations).toHaveLength(2);
  });

  it('a criterion whose prerequisite failed is skipped, not failed', async () => {
    const e = exam(EXAM(`
  - { id: a, title: A, check: { kind: test.contains, device: sw1, command: show run, text: missing } }
  - { id: b, title: B, depends_on: [a], check: { kind: test.contains, device: sw1, command: show run, text: hostname } }
`));
    const r = await run({ exams: [e], lab: lab(LAB), pods: ['p1'], registry: registry([], { 'show run': 'hostname SW1' }) });
    expect(r.results[0].criteria.map((c) => c.status)).toEqual(['fail', 'skipped']);
    expect(r.results[0].criteria[1].message).toContain("'a'");
    expect(r.summary.exitCode).toBe(1);
  });

  it('an unreachable device gives error with the reason, never fail, and leaves other pods alone', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const calls: string[] = [];
    const reg = registry(calls, { 'show run': 'hostname SW1' }, {}, { connectError: refused });
    const e = exam(EXAM(`  - { id: a, title: A, check: { kind: test.contains, device: sw1, command: show run, text: hostname } }`));
    const r = await run({ exams: [e], lab: lab(LAB), registry: reg });
    const [p1, p2] = r.results;
    expect(p1.criteria[0].status).toBe('pass');
    expect(p2.criteria[0].status).toBe('error');
    expect(p2.criteria[0].message).toContain('verbinding geweigerd door 10.9.9.2');
    expect(p2.devices[0].error).toContain('geweigerd');
    expect(r.summary.exitCode).toBe(3);
  });

  it('a device that never answers ends as error within its timeout', async () => {
    const e = exam(EXAM(`  - { id: a, title: A, check: { kind: test.contains, device: sw1, command: show run, text: x } }`));
    const r = await run({ exams: [e], lab: lab(LAB), pods: ['p1'], registry: registry([], { 'show run': 'hang' }) });
    expect(r.results[0].criteria[0].status).toBe('error');
    expect(r.results[0].criteria[0].message).toMatch(/geen antwoord binnen 1 s/);
  });

  it('refuses commands that are not on the read-only allow-list before they reach the device', async () => {
    const calls: string[] = [];
    const e = exam(EXAM(`  - { id: a, title: A, check: { kind: test.contains, device: sw1, command: reload, text: x } }`));
    const r = await run({ exams: [e], lab: lab(LAB), pods: ['p1'], registry: registry(calls, { reload: 'boom' }) });
    expect(calls).toEqual([]);
    expect(r.results[0].criteria[0].status).toBe('error');
    expect(r.results[0].criteria[0].message).toMatch(/geweigerd.*reload/);
  });

  it('retries within the wait window until things converge', async () => {
    let n = 0;
    const d = tableDriver('fake', {}, []);
    d.connect = async () => ({
      async gather(_f, p) {
        n++;
        return { command: String(p.command), raw: n >= 3 ? 'FULL' : 'INIT', parsed: { text: n >= 3 ? 'FULL' : 'INIT' } };
      },
      async close() {},
    });
    const reg = createRegistry([d, { ...tableDriver('fake2', {}), roleKinds: ['fake'] }], [containsCheck], []);
    const e = exam(EXAM(`  - { id: a, title: A, retry: { within: 2s, every: 50ms }, check: { kind: test.contains, device: sw1, command: show ospf, text: FULL } }`));
    const r = await run({ exams: [e], lab: lab(LAB), pods: ['p1'], registry: reg });
    expect(r.results[0].criteria[0]).toMatchObject({ status: 'pass', attempts: 3 });
    expect(r.observations.map((o) => o.attempt)).toEqual([1, 2, 3]);
  });

  it('catches a role the lab lacks before anything connects', async () => {
    const calls: string[] = [];
    const e = exam(EXAM(`  - { id: a, title: A, check: { kind: test.contains, device: sw1, command: show run, text: x } }`).replace('roles: { sw1: fake }', 'roles: { sw1: fake, r1: fake }'));
    await expect(run({ exams: [e], lab: lab(LAB), registry: registry(calls, {}) })).rejects.toThrow(/needs role 'r1'/);
    expect(calls).toEqual([]);
  });

  it('unknown check kinds list the known ones, with the position in the exam file', async () => {
    const e = exam(EXAM(`  - { id: a, title: A, check: { kind: test.nope, device: sw1 } }`));
    try {
      await run({ exams: [e], lab: lab(LAB), pods: ['p1'], registry: registry([], {}) });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      const p = (err as InputError).problems[0];
      expect(p.message).toMatch(/unknown check kind 'test.nope' \(known: test.contains\)/);
      expect(p.path).toBe('criteria[0].check.kind');
      expect(p.line).toBe(8);
    }
  });

  it('redacts the device secrets from raw output and counts it', async () => {
    const reg = registry([], { 'show run': 'username admin password Welkom123\nhostname SW1' });
    const l = lab(LAB.replace('host: 10.9.9.1 }', 'host: 10.9.9.1, credentials: c }') + `credentials:\n  c: { username: admin, password: { env: T_PASS } }\n`);
    const e = exam(EXAM(`  - { id: a, title: A, check: { kind: test.contains, device: sw1, command: show run, text: hostname } }`));
    const r = await run({ exams: [e], lab: l, pods: ['p1'], registry: reg, env: { T_PASS: 'Welkom123' } });
    expect(r.observations[0].raw).not.toContain('Welkom123');
    expect(r.observations[0].redactions).toBeGreaterThan(0);
  });

  it('streams events as results are decided', async () => {
    const events: RunEvent['type'][] = [];
    const e = exam(EXAM(`  - { id: a, title: A, check: { kind: test.contains, device: sw1, command: show run, text: h } }\n  - { id: o, title: O, observe: true }`));
    const r = await run({ exams: [e], lab: lab(LAB), pods: ['p1'], registry: registry([], { 'show run': 'h' }), onEvent: (ev) => events.push(ev.type) });
    expect(events[0]).toBe('plan');
    expect(events).toContain('fact-done');
    expect(events.filter((t) => t === 'criterion')).toHaveLength(2);
    expect(events.lastIndexOf('criterion')).toBeLessThan(events.indexOf('pod-done'));
    expect(r.results[0].criteria[1]).toMatchObject({ status: 'manual', observe: true });
  });
});

describe('check parameters', () => {
  it('an unknown parameter is an input error naming the known ones, not silently ignored', async () => {
    const e = exam(EXAM(`  - { id: a, title: A, check: { kind: test.contains, device: sw1, command: show run, txt: hostname } }`));
    await expect(run({ exams: [e], lab: lab(LAB), pods: ['p1'], registry: registry([], {}) })).rejects.toThrow(/unknown parameter 'txt' \(known: command, text\)/);
  });
});

describe('parameter names', () => {
  it('exam files write snake_case; checks declared in camelCase receive their own names', async () => {
    const { mapParams } = await import('../../src/core/params.js');
    const { z } = await import('zod');
    const schema = z.object({ allowedVlans: z.array(z.number()).optional(), min_days: z.number().optional() });
    expect(mapParams(schema, { allowed_vlans: [10], min_days: 3 })).toMatchObject({ params: { allowedVlans: [10], min_days: 3 }, unknown: [], camel: [] });
    expect(mapParams(schema, { allowedVlans: [10] }).camel).toEqual([{ written: 'allowedVlans', write: 'allowed_vlans' }]);
    expect(mapParams(schema, { allowed: [10] })).toMatchObject({ unknown: ['allowed'], known: ['allowed_vlans', 'min_days'] });
  });
});

describe('concurrency', () => {
  it('--concurrency bounds how many devices are worked on at once; criteria only wait', async () => {
    let inFlight = 0;
    let peak = 0;
    const mk = (platform: string) => {
      const d = tableDriver(platform, {});
      d.connect = async () => ({
        async gather(_f, p) {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((r) => setTimeout(r, 20));
          inFlight--;
          return { command: String(p.command), raw: 'x', parsed: { text: 'x' } };
        },
        async close() {},
      });
      return d;
    };
    const reg = createRegistry([mk('fake'), { ...mk('fake2'), roleKinds: ['fake'] }], [containsCheck], []);
    const e = exam(EXAM(`  - { id: a, title: A, check: { kind: test.contains, device: sw1, command: show a, text: x } }\n  - { id: b, title: B, check: { kind: test.contains, device: sw1, command: show b, text: x } }`));
    const r = await run({ exams: [e], lab: lab(LAB), registry: reg, concurrency: 1 });
    expect(r.summary.pass).toBe(4);
    expect(peak).toBe(1);
  });
});
