// Scoring as common in MBO practice: points per criterion, a failed cruciaal criterion makes the
// werkproces onvoldoende, grade = 1 + 9 × points/max, cesuur 5.5, goed from 8 (all configurable).
import type { Scoring } from '../model/exam.js';
import type { CriterionResult, Score } from '../model/result.js';

export function roundTo(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((n + Number.EPSILON) * f) / f;
}

/** Points earned by one criterion result (manual ones count only once an assessor scored them). */
export function pointsFor(c: Pick<CriterionResult, 'status' | 'maxPoints'>): number {
  return c.status === 'pass' ? c.maxPoints : 0;
}

export function score(criteria: CriterionResult[], rules: Scoring): Score {
  const automated = criteria.filter((c) => !c.observe);
  const observed = criteria.filter((c) => c.observe);
  const automatedMax = automated.reduce((s, c) => s + c.maxPoints, 0);
  const automatedPoints = automated.reduce((s, c) => s + c.points, 0);
  const maxPoints = criteria.reduce((s, c) => s + c.maxPoints, 0);
  const points = criteria.reduce((s, c) => s + c.points, 0);
  const pendingObservation = observed.filter((c) => c.status === 'manual').length;
  const cruciaalFailed = criteria.filter((c) => c.cruciaal && (c.status === 'fail' || c.status === 'skipped')).map((c) => c.id);
  const undecided = criteria.some((c) => c.status === 'error') || pendingObservation > 0;

  let grade: number | undefined;
  let passed: boolean;
  if (rules.method === 'grade') {
    grade = maxPoints > 0 ? roundTo(1 + (9 * points) / maxPoints, rules.decimals) : undefined;
    passed = grade !== undefined && grade >= rules.cesuur;
  } else passed = points >= rules.cesuur;

  let outcome: Score['outcome'];
  if (cruciaalFailed.length > 0) outcome = 'onvoldoende';
  else if (undecided) outcome = 'onbepaald';
  else if (!passed) outcome = 'onvoldoende';
  else outcome = grade !== undefined && grade >= rules.goed ? 'goed' : 'voldoende';

  return {
    method: rules.method,
    points,
    maxPoints,
    automatedPoints,
    automatedMax,
    pendingObservation,
    grade,
    cesuur: rules.cesuur,
    cruciaalFailed,
    outcome,
    status: 'voorlopig',
  };
}

/** The assessors' scoring flow (see src/evidence/assessment.ts); per exam under scoring.assessment. */
export interface AssessmentRules {
  /** Distinct assessors who must each score, agree and sign before the result is vastgesteld. */
  assessors: number;
  /** Share of a bpv criterion's points for Beginnend, Gevorderd, Bekwaam. */
  bpv: { Bg: number; G: number; Bk: number };
  /** Lowest score that meets a cruciaal criterion: share of points, 0–3 score, bpv level. */
  cruciaalMinimum: { points: number; '0-3': number; bpv: 'Bg' | 'G' | 'Bk' };
  /** A score that differs from the automated proposal needs a motivation. */
  motivationOnDeviation: boolean;
}

export const DEFAULT_ASSESSMENT: AssessmentRules = {
  assessors: 2,
  bpv: { Bg: 0, G: 0.5, Bk: 1 },
  cruciaalMinimum: { points: 1, '0-3': 2, bpv: 'G' },
  motivationOnDeviation: true,
};

export function assessmentRules(s: Scoring | undefined): AssessmentRules {
  const a = s?.assessment;
  return {
    assessors: a?.assessors ?? DEFAULT_ASSESSMENT.assessors,
    bpv: a?.bpv ?? DEFAULT_ASSESSMENT.bpv,
    cruciaalMinimum: { ...DEFAULT_ASSESSMENT.cruciaalMinimum, ...(a?.cruciaal_minimum ?? {}) },
    motivationOnDeviation: a?.motivation_on_deviation ?? DEFAULT_ASSESSMENT.motivationOnDeviation,
  };
}
