// Retention: date per bundle (18 months after the diploma date by default), listing what is due,
// deleting or pseudonymising it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setDiplomaDate } from '../../src/evidence/assessment.js';
import { addMonths, loadBundle } from '../../src/evidence/bundle.js';
import { applyRetention, pseudonymFor, retentionStatus } from '../../src/evidence/retention.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import { goodTable, newSession, runPhase } from './fixture.js';

const pods = [
  { id: 'pod01', candidate: '200001', name: 'Anna Bakker' },
  { id: 'pod02', candidate: '200002', name: 'Bram de Boer' },
];

describe('retention', () => {
  it('month arithmetic clamps to the end of the month', () => {
    expect(addMonths('2026-06-30', 18)).toBe('2027-12-30');
    expect(addMonths('2025-08-31', 18)).toBe('2027-02-28');
    expect(addMonths('2026-11-23T10:00:00Z', 18)).toBe('2028-05-23');
  });

  it('lists due bundles, based on the exam date until the diploma date is recorded', async () => {
    const s = newSession(pods);
    const { dirs } = await runPhase(s, 'eindmeting', { pod01: goodTable('sw-200001'), pod02: goodTable('sw-200002') }, 'e');
    const examDay = loadBundle(dirs.pod01).meta.run.startedAt;
    const until = addMonths(examDay, 18);
    expect(loadBundle(dirs.pod01).meta.retention).toMatchObject({ months: 18, basis: 'examendatum', until });
    expect(retentionStatus(s.root).every((i) => !i.due)).toBe(true);

    // Diploma date recorded later, as a signed action: the period runs from there.
    setDiplomaDate(dirs.pod01, { actor: 'Examenbureau', date: '2027-07-01', key: s.key });
    expect(() => setDiplomaDate(dirs.pod01, { actor: 'X', date: '1 juli', key: s.key })).toThrow(/geen datum/);
    const after = retentionStatus(s.root, { now: new Date(`${addMonths(until, 1)}T00:00:00Z`) });
    const p1 = after.find((i) => i.pod === 'pod01')!;
    const p2 = after.find((i) => i.pod === 'pod02')!;
    expect(p1).toMatchObject({ basis: 'diploma', diplomaDate: '2027-07-01', until: '2029-01-01', due: false });
    expect(p2).toMatchObject({ basis: 'examendatum', due: true });
    // A school that keeps 24 months.
    expect(retentionStatus(s.root, { now: new Date(`${addMonths(until, 1)}T00:00:00Z`), months: 24 }).find((i) => i.pod === 'pod02')!.due).toBe(false);
    expect(verifyBundle(dirs.pod01, { registry: s.registry }).ok).toBe(true);

    // --apply delete removes only what is due.
    const done = applyRetention(after, { mode: 'delete' });
    expect(done).toEqual([{ dir: dirs.pod02, action: 'verwijderd' }]);
    expect(existsSync(dirs.pod02)).toBe(false);
    expect(existsSync(dirs.pod01)).toBe(true);
  });

  it('pseudonymises: no name or candidate number left, re-signed, still verifies (re-grading skipped)', async () => {
    const s = newSession(pods);
    const { dirs } = await runPhase(s, 'eindmeting', { pod01: goodTable('sw-200001'), pod02: goodTable('sw-200002') }, 'e');
    const items = retentionStatus(s.root, { now: new Date('2099-01-01') });
    expect(items.filter((i) => i.due)).toHaveLength(2);
    const done = applyRetention(items, { mode: 'pseudonymise', key: s.key, now: () => new Date('2099-01-01') });
    expect(done.map((d) => d.action)).toEqual(['gepseudonimiseerd', 'gepseudonimiseerd']);
    const dir = dirs.pod01;
    const pseudo = pseudonymFor('200001', s.key);
    for (const f of readdirSync(dir)) {
      const t = readFileSync(join(dir, f), 'utf8');
      expect(t, f).not.toContain('200001');
      expect(t, f).not.toContain('Anna Bakker');
    }
    const b = loadBundle(dir);
    expect(b.meta.candidate).toEqual({ id: pseudo, class: 'ICT4B' });
    expect(b.meta.pseudonymised?.fromManifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.pod.criteria.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'fail', 'manual', 'manual']);
    const v = verifyBundle(dir, { registry: s.registry });
    expect(v.problems).toEqual([]);
    expect(v.checks.regrade).toBe('overgeslagen');
    expect(retentionStatus(s.root, { now: new Date('2099-01-01') }).every((i) => i.pseudonymised)).toBe(true);
  });
});
