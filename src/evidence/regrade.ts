// Re-grading from evidence: decide every criterion again from the stored observations with the
// recorded exam, exactly as the runner did, and compare with the recorded verdicts.
//
// Redacted values. The runner redacts secrets BEFORE any check sees an observation (runner.ts
// DeviceWorker.finish), so every recorded verdict was decided on the same redacted text that is
// stored in the bundle. Rule: checks never see secrets; a check about a secret compares its
// type or its presence (`{secretType: 9}`, "community is not public"), never its value. Hence
// re-grading from the redacted evidence gives the same verdict by construction, and a check that
// did compare a redacted value would already have compared `<redacted>` at run time (and is
// re-computed identically). Lab credentials are rebuilt with dummy values: checks are pure
// functions of observations, so connection secrets cannot influence a verdict.
import { createRegistry, type Registry } from '../core/registry.js';
import { baseResult, evaluateExpr, factKey, fromPart, plan, undecidable } from '../core/runner.js';
import { score } from '../core/scoring.js';
import type { FactRequest, Observation } from '../core/types.js';
import { stableJson } from '../core/util.js';
import type { Exam } from '../model/exam.js';
import { Lab } from '../model/lab.js';
import { parseYaml, type LoadedYaml } from '../model/load.js';
import type { CriterionResult, PodResult, Score } from '../model/result.js';

export interface Difference {
  criterion: string;
  field: string;
  recorded: unknown;
  recomputed: unknown;
}

export interface Regraded {
  criteria: CriterionResult[];
  score: Score;
  variables: Record<string, unknown>;
  differences: Difference[];
}

/** A lab the planner accepts, built from the bundle's redacted inventory: every secret reference gets a dummy value. */
export function labFromInventory(inventory: Lab): { lab: LoadedYaml<Lab>; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = {};
  const credentials: Record<string, unknown> = {};
  for (const [name, cred] of Object.entries(inventory.credentials ?? {})) {
    credentials[name] = Object.fromEntries(
      Object.entries(cred).map(([k, ref]) => {
        if (ref && typeof ref === 'object') {
          const v = `PROEFLAB_VERIFY_${name}_${k}`.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
          env[v] = 'proeflab-verify-dummy';
          return [k, { env: v }];
        }
        return [k, ref];
      }),
    );
  }
  const value = { ...inventory, credentials };
  delete (value as { secrets_file?: string }).secrets_file;
  return { lab: parseYaml('lab.json (bundle)', JSON.stringify(value), Lab), env };
}

/** Re-decide every criterion of one pod from stored observations. */
export function regrade(opts: {
  exam: LoadedYaml<Exam>;
  inventory: Lab;
  pod: string;
  observations: Observation[];
  recorded?: PodResult;
  registry?: Registry;
}): Regraded {
  const registry = opts.registry ?? createRegistry();
  const { lab, env } = labFromInventory(opts.inventory);
  const [p] = plan({ exams: [opts.exam], lab, registry, pods: [opts.pod], env });
  const recordedById = new Map((opts.recorded?.criteria ?? []).map((c) => [c.id, c]));

  // Observations per fact key, all attempts.
  const byKey = new Map<string, Observation[]>();
  for (const o of opts.observations) {
    const k = factKey(o.pod, { device: o.device, fact: o.fact, params: o.params });
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(o);
  }
  const decided = new Map<string, CriterionResult>();
  const decide = (id: string): CriterionResult => {
    const done = decided.get(id);
    if (done) return done;
    const cp = p.criteria.find((c) => c.criterion.id === id)!;
    const c = cp.criterion;
    const rec = recordedById.get(id);
    const { feedbackStudent: _s, feedbackExaminer: _e, ...plain } = baseResult(c, 'nl', 'exam');
    const base: CriterionResult = { ...plain, title: rec?.title ?? plain.title };
    const deps = c.depends_on.map(decide);
    let result: CriterionResult;
    const early = undecidable(cp, base, deps);
    if (early || !cp.expr) result = early ?? base;
    else {
      const preferIds = new Set(rec?.observations ?? []);
      const attempts = rec?.attempts ?? 1;
      const lookup = (r: FactRequest): Observation | undefined => {
        const list = byKey.get(factKey(opts.pod, r)) ?? [];
        return (
          list.find((o) => preferIds.has(o.id)) ??
          list.find((o) => o.attempt === attempts) ??
          list.reduce<Observation | undefined>((a, o) => (!a || o.attempt > a.attempt ? o : a), undefined)
        );
      };
      const part = evaluateExpr(cp.expr, lookup);
      const used = [...new Set(cp.facts.map((f) => lookup(f)?.id).filter((x): x is string => !!x))];
      result = fromPart(base, part, used, attempts);
    }
    decided.set(id, result);
    return result;
  };
  const criteria = p.criteria.map((c) => decide(c.criterion.id));
  const sc = score(criteria, opts.exam.value.scoring);
  const variables = JSON.parse(JSON.stringify(p.variables)) as Record<string, unknown>;
  const differences = opts.recorded ? compare(opts.recorded, criteria, sc, variables) : [];
  return { criteria, score: sc, variables, differences };
}

const same = (a: unknown, b: unknown) => stableJson(a ?? null) === stableJson(b ?? null);

function compare(rec: PodResult, criteria: CriterionResult[], sc: Score, variables: Record<string, unknown>): Difference[] {
  const diffs: Difference[] = [];
  const recIds = rec.criteria.map((c) => c.id);
  const newIds = criteria.map((c) => c.id);
  for (const id of recIds) if (!newIds.includes(id)) diffs.push({ criterion: id, field: 'bestaat', recorded: true, recomputed: false });
  for (const c of criteria) {
    const r = rec.criteria.find((x) => x.id === c.id);
    if (!r) {
      diffs.push({ criterion: c.id, field: 'bestaat', recorded: false, recomputed: true });
      continue;
    }
    for (const f of ['status', 'points', 'maxPoints', 'cruciaal', 'message', 'expected', 'actual', 'parts'] as const) {
      if (!same(r[f], c[f])) diffs.push({ criterion: c.id, field: f, recorded: r[f], recomputed: c[f] });
    }
  }
  for (const f of ['points', 'maxPoints', 'grade', 'outcome', 'cruciaalFailed'] as const) {
    if (!same(rec.score[f], sc[f])) diffs.push({ criterion: '(score)', field: f, recorded: rec.score[f], recomputed: sc[f] });
  }
  if (!same(rec.variables, variables)) diffs.push({ criterion: '(variabelen)', field: 'variables', recorded: rec.variables, recomputed: variables });
  return diffs;
}
