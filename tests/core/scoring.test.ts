import { describe, expect, it } from 'vitest';
import { score } from '../../src/core/scoring.js';
import type { CriterionResult } from '../../src/model/result.js';

const c = (id: string, status: CriterionResult['status'], max: number, extra: Partial<CriterionResult> = {}): CriterionResult => ({
  id, title: id, status, points: status === 'pass' ? max : 0, maxPoints: max, scale: 'points', cruciaal: false, observe: false, message: '', observations: [], attempts: 1, ...extra,
});
const rules = { method: 'grade' as const, cesuur: 5.5, goed: 8, decimals: 1 };

describe('scoring (MBO practice)', () => {
  it('grade = 1 + 9 × points/max, rounded to one decimal', () => {
    const s = score([c('a', 'pass', 2), c('b', 'fail', 1)], rules);
    expect(s.grade).toBe(7); // 1 + 9*2/3
    expect(s.outcome).toBe('voldoende');
    expect(score([c('a', 'pass', 5), c('b', 'fail', 2)], rules).grade).toBe(7.4); // 7.428…
  });

  it('goed from 8, onvoldoende below the cesuur', () => {
    expect(score([c('a', 'pass', 9), c('b', 'fail', 1)], rules).outcome).toBe('goed');
    expect(score([c('a', 'pass', 1), c('b', 'fail', 1)], rules).outcome).toBe('voldoende'); // exactly 5.5
    expect(score([c('a', 'pass', 1), c('b', 'fail', 2)], rules).outcome).toBe('onvoldoende'); // 4.0
  });

  it('a failed cruciaal criterion makes it onvoldoende whatever the points', () => {
    const s = score([c('a', 'pass', 9), c('b', 'fail', 1, { cruciaal: true })], rules);
    expect(s.grade).toBe(9.1);
    expect(s.outcome).toBe('onvoldoende');
    expect(s.cruciaalFailed).toEqual(['b']);
  });

  it('errors and unscored observation criteria leave the outcome undetermined', () => {
    expect(score([c('a', 'pass', 1), c('b', 'error', 1)], rules).outcome).toBe('onbepaald');
    const s = score([c('a', 'pass', 1), c('o', 'manual', 3, { observe: true })], rules);
    expect(s.outcome).toBe('onbepaald');
    expect(s.pendingObservation).toBe(1);
    expect(s.status).toBe('voorlopig');
  });

  it('points method uses a plain cesuur in points', () => {
    const s = score([c('a', 'pass', 3), c('b', 'fail', 2)], { ...rules, method: 'points', cesuur: 3 });
    expect(s.grade).toBeUndefined();
    expect(s.outcome).toBe('voldoende');
  });
});
