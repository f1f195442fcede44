// Proof of own work: baseline → final diff per device and fact; copy detection across candidates.
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/evidence/bundle.js';
import { compareRuns, detectCopies, diffLines, renderBaselineDiff } from '../../src/evidence/ownwork.js';
import { baselineAndFinal, latestPerPod } from '../../src/evidence/select.js';
import { join } from 'node:path';
import { blankTable, goodTable, labYaml, newSession, runPhase } from './fixture.js';
import { lab as labOf } from '../helpers.js';
import { verifyBundle } from '../../src/evidence/verify.js';

const pods = [
  { id: 'pod01', candidate: '200001', name: 'Anna Bakker' },
  { id: 'pod02', candidate: '200002', name: 'Bram de Boer' },
  { id: 'pod03', candidate: '200003', name: 'Cem Yilmaz' },
];

describe('baseline vs final', () => {
  it('lists what changed on which device, with line diffs of the raw output', async () => {
    const s = newSession(pods.slice(0, 1));
    await runPhase(s, 'nulmeting', { pod01: blankTable }, 'n');
    await runPhase(s, 'zelfcontrole', { pod01: { ...blankTable, 'show vlan': goodTable('x')['show vlan'] } }, 'z');
    const { dirs } = await runPhase(s, 'eindmeting', { pod01: goodTable('sw-200001') }, 'e');
    const pair = baselineAndFinal(dirs.pod01)!;
    expect(pair.baseline.meta.phase).toBe('nulmeting');
    expect(pair.final.meta.phase).toBe('eindmeting');
    const d = compareRuns(pair.baseline, pair.final);
    expect(d.devices.sw1.changed).toBe(4);
    expect(d.unchanged).toBe(0);
    const run = d.devices.sw1.facts.find((f) => f.command === 'show run')!;
    expect(run.change).toBe('gewijzigd');
    expect(run.raw!.removed).toEqual(['hostname Switch']);
    expect(run.raw!.added).toEqual(expect.arrayContaining(['hostname sw-200001', 'snmp-server community <redacted> RO']));
    expect(run.before?.observation).toBeTruthy();
    const text = renderBaselineDiff(d);
    expect(text).toMatch(/sw1: 4 gewijzigd, 0 gelijk/);
    expect(text).toContain('+ hostname sw-200001');
    expect(text).toContain('- hostname Switch');
    // Same run against itself: nothing changed.
    expect(compareRuns(pair.final, pair.final).changed).toBe(0);
  });

  it('a pod reused by another candidate starts a new chain for that candidate', async () => {
    const s = newSession(pods.slice(0, 1));
    await runPhase(s, 'nulmeting', { pod01: blankTable }, 'n');
    const a = (await runPhase(s, 'eindmeting', { pod01: goodTable('sw-200001') }, 'e')).dirs.pod01;
    s.lab = labOf(labYaml([{ id: 'pod01', candidate: '200009', name: 'Zoë Later' }]));
    const b = (await runPhase(s, 'nulmeting', { pod01: blankTable }, 'n2')).dirs.pod01;
    const mb = loadBundle(b);
    expect(mb.manifest.previous).toBeNull();
    expect(mb.meta.seq).toBe(1);
    expect(loadBundle(a).manifest.previous).not.toBeNull();
    expect(latestPerPod([s.root]).map((x) => [x.meta.candidate?.id, x.meta.phase])).toEqual([
      ['200001', 'eindmeting'],
      ['200009', 'nulmeting'],
    ]);
    expect(baselineAndFinal(join(b, '..'))).toBeUndefined(); // the latest candidate has one run only
    expect(baselineAndFinal(a)!.baseline.meta.candidate?.id).toBe('200001');
    expect(verifyBundle(b, { registry: s.registry }).ok).toBe(true);
  });

  it('diffLines keeps order and context', () => {
    const d = diffLines('a\nb\nc\nd', 'a\nB\nc\nd\ne');
    expect(d.removed).toEqual(['b']);
    expect(d.added).toEqual(['B', 'e']);
    expect(d.lines).toEqual(['  a', '- b', '+ B', '  c', '  d', '+ e']);
  });
});

describe('copy detection', () => {
  it("flags another candidate's own variable value and equal hostnames; nothing when everyone did their own work", async () => {
    const s = newSession(pods);
    await runPhase(s, 'eindmeting', { pod01: goodTable('sw-200001'), pod02: goodTable('sw-200001'), pod03: goodTable('sw-200003') }, 'e');
    const bundles = latestPerPod([s.root]);
    expect(bundles.map((b) => b.meta.pod)).toEqual(['pod01', 'pod02', 'pod03']);
    const flags = detectCopies(bundles);
    const fromOther = flags.filter((f) => f.kind === 'variabele-van-ander');
    expect(fromOther).toHaveLength(1);
    expect(fromOther[0]).toMatchObject({ pods: ['pod02', 'pod01'], candidates: ['200002', '200001'], field: 'hostnaam', value: 'sw-200001' });
    expect(fromOther[0].where[0]).toMatchObject({ device: 'sw1', command: 'show run' });
    const same = flags.filter((f) => f.kind === 'gelijk-veld');
    expect(same).toEqual([expect.objectContaining({ field: 'hostname', value: 'sw-200001', pods: ['pod01', 'pod02'] })]);

    const honest = newSession(pods);
    await runPhase(honest, 'eindmeting', { pod01: goodTable('sw-200001'), pod02: goodTable('sw-200002'), pod03: goodTable('sw-200003') }, 'e');
    expect(detectCopies(latestPerPod([honest.root]))).toEqual([]);
  });

  it('configured fields and device identities', async () => {
    const s = newSession(pods.slice(0, 2));
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl admin@pc';
    const t1 = { ...goodTable('sw-200001'), 'show run': goodTable('sw-200001')['show run'] + `\n${key}` };
    const t2 = { ...goodTable('sw-200002'), 'show run': goodTable('sw-200002')['show run'] + `\n${key}` };
    await runPhase(s, 'eindmeting', { pod01: t1, pod02: t2 }, 'e');
    const bundles = latestPerPod([s.root]);
    const flags = detectCopies(bundles);
    expect(flags.map((f) => f.field)).toEqual(['ssh-sleutel']);
    // A device identity (serial) seen in two pods.
    bundles[0].pod.devices[0].identity = { serial: 'FOC1234X0AB' };
    bundles[1].pod.devices[0].identity = { serial: 'FOC1234X0AB' };
    expect(detectCopies(bundles).find((f) => f.kind === 'gelijke-identiteit')).toMatchObject({ field: 'serial', pods: ['pod01', 'pod02'] });
    // A custom field.
    const custom = detectCopies(bundles, { fields: [{ name: 'vlan-naam', pattern: /^(?:10|20) (\w+)/ }] });
    expect(custom.find((f) => f.field === 'vlan-naam')).toMatchObject({ value: 'servers' });
    // 'users' is written in the assignment itself ("10 users"): equal by design, not flagged.
    expect(custom.some((f) => f.value === 'users')).toBe(false);
    void loadBundle;
  });
});
