// The assessors' flow on top of a sealed bundle. Automated verdicts are proposals; the result is
// `voorlopig` until the required number of assessors (default 2) have each scored every
// criterion, agreed on a final score (each one's raw scores are kept in the agreement) and each
// signed that agreement; then it is `vastgesteld` and only signed corrections (override,
// re-grade, irregularity) can follow, each one a new version with who, when and a motivation.
// Everything is an appended, signed line in actions.jsonl; the state is replayed from the log.
// The web app calls these same functions.
import type { Registry } from '../core/registry.js';
import { assessmentRules, score, type AssessmentRules } from '../core/scoring.js';
import { Exam } from '../model/exam.js';
import { parseYaml } from '../model/load.js';
import type { CriterionResult, RunResult, Score } from '../model/result.js';
import { actionHash, ActionRefused, appendAction, readActions, type ActionEntry } from './actions.js';
import { loadBundle, summarize, type Bundle } from './bundle.js';
import type { SigningKey } from './crypto.js';
import { regrade } from './regrade.js';

export type ScoreValue = number | 'Bg' | 'G' | 'Bk';
export interface GivenScore {
  criterion: string;
  score: ScoreValue;
  motivation?: string;
}
export interface RecordedScore {
  score: ScoreValue;
  points: number;
  motivation?: string;
  at: string;
  seq: number;
}

export interface AssessorState {
  name: string;
  scores: Record<string, RecordedScore>;
  missing: string[];
  complete: boolean;
  fingerprints: string[];
}

export interface Agreement {
  seq: number;
  hash: string;
  at: string;
  by: string;
  assessors: string[];
  raw: Record<string, Record<string, ScoreValue>>;
  final: Record<string, { score: ScoreValue; points: number; motivation?: string }>;
  motivation?: string;
}

export interface AssessmentState {
  status: 'voorlopig' | 'vastgesteld';
  /** 0 while voorlopig; 1 when vastgesteld; +1 for every correction after that. */
  version: number;
  rules: AssessmentRules;
  /** Automated proposal per criterion (after pre-freeze overrides / re-grades). */
  proposals: Record<string, { status: CriterionResult['status']; score?: ScoreValue; points: number; source: string }>;
  assessors: Record<string, AssessorState>;
  agreement?: Agreement;
  signatures: { assessor: string; at: string; seq: number; fingerprint: string }[];
  frozenAt?: string;
  /** Final score per criterion once vastgesteld (agreement plus later corrections). */
  final?: Record<string, { score: ScoreValue; points: number; source: string; seq: number }>;
  corrections: ActionEntry[];
  irregularities: ActionEntry[];
  diplomaDate?: string;
  history: ActionEntry[];
  logProblems: string[];
}

const BPV_LEVELS = ['Bg', 'G', 'Bk'] as const;

/** Points for a score on a criterion's scale; throws ActionRefused for a score outside the scale. */
export function pointsForScore(c: Pick<CriterionResult, 'id' | 'scale' | 'maxPoints'>, v: ScoreValue, rules: AssessmentRules): number {
  if (c.scale === 'bpv') {
    if (typeof v !== 'string' || !BPV_LEVELS.includes(v)) throw new ActionRefused(`${c.id}: score op de bpv-schaal is Bg, G of Bk (niet '${v}')`);
    return round2(rules.bpv[v] * c.maxPoints);
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ActionRefused(`${c.id}: score moet een getal zijn (niet '${v}')`);
  if (c.scale === '0-3') {
    if (!Number.isInteger(v) || v < 0 || v > 3) throw new ActionRefused(`${c.id}: score op de schaal 0–3 is 0, 1, 2 of 3 (niet ${v})`);
    return round2((v / 3) * c.maxPoints);
  }
  if (v < 0 || v > c.maxPoints) throw new ActionRefused(`${c.id}: score is 0 tot en met ${c.maxPoints} punten (niet ${v})`);
  return v;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Parse a score typed on the command line: a number, or Bg/G/Bk. */
export function parseScore(s: string): ScoreValue {
  const t = s.trim();
  const bpv = BPV_LEVELS.find((l) => l.toLowerCase() === t.toLowerCase());
  if (bpv) return bpv;
  const n = Number(t.replace(',', '.'));
  if (!t || !Number.isFinite(n)) throw new ActionRefused(`score '${s}' is geen getal en geen Bg/G/Bk`);
  return n;
}

/** The automated verdict as a score on the criterion's own scale (undefined: no proposal). */
export function proposalScore(c: CriterionResult): ScoreValue | undefined {
  if (c.status === 'manual' || c.status === 'error') return undefined;
  const pass = c.status === 'pass';
  if (c.scale === 'bpv') return pass ? 'Bk' : 'Bg';
  if (c.scale === '0-3') return pass ? 3 : 0;
  return pass ? c.maxPoints : 0;
}

/** Whether a score meets the criterion (used for cruciaal criteria). */
export function meetsMinimum(c: Pick<CriterionResult, 'scale' | 'maxPoints'>, v: ScoreValue, points: number, rules: AssessmentRules): boolean {
  if (c.scale === 'bpv') return BPV_LEVELS.indexOf(v as 'Bg') >= BPV_LEVELS.indexOf(rules.cruciaalMinimum.bpv);
  if (c.scale === '0-3') return Number(v) >= rules.cruciaalMinimum['0-3'];
  return points >= rules.cruciaalMinimum.points * c.maxPoints - 1e-9;
}

const sameScore = (a: ScoreValue | undefined, b: ScoreValue | undefined) => a !== undefined && b !== undefined && String(a) === String(b);

/** Replay the action log into the current state. Pure given bundle + entries. */
export function replay(bundle: Bundle, entries: ActionEntry[], logProblems: string[] = []): AssessmentState {
  const rules = assessmentRules(bundle.exam.value.scoring);
  const criteria = bundle.pod.criteria;
  const st: AssessmentState = {
    status: 'voorlopig',
    version: 0,
    rules,
    proposals: Object.fromEntries(
      criteria.map((c) => {
        const s = proposalScore(c);
        return [c.id, { status: c.status, ...(s !== undefined ? { score: s } : {}), points: c.points, source: 'automatisch' }];
      }),
    ),
    assessors: {},
    signatures: [],
    corrections: [],
    irregularities: [],
    history: entries,
    logProblems,
  };
  const assessor = (name: string): AssessorState =>
    (st.assessors[name] ??= { name, scores: {}, missing: criteria.map((c) => c.id), complete: false, fingerprints: [] });
  for (const e of entries) {
    const d = e.data as Record<string, any>;
    switch (e.type) {
      case 'assess': {
        const a = assessor(String(d.assessor));
        if (!a.fingerprints.includes(e.key.fingerprint)) a.fingerprints.push(e.key.fingerprint);
        for (const s of (d.scores ?? []) as (GivenScore & { points: number })[])
          a.scores[s.criterion] = { score: s.score, points: s.points, ...(s.motivation ? { motivation: s.motivation } : {}), at: e.at, seq: e.seq };
        if (st.agreement && st.status === 'voorlopig') {
          st.agreement = undefined;
          st.signatures = [];
        }
        break;
      }
      case 'agree':
        st.agreement = {
          seq: e.seq,
          hash: actionHash(e),
          at: e.at,
          by: e.actor,
          assessors: d.assessors,
          raw: d.raw,
          final: d.final,
          ...(e.motivation ? { motivation: e.motivation } : {}),
        };
        st.signatures = [];
        break;
      case 'sign':
        if (st.agreement && d.agreement === st.agreement.hash && !st.signatures.some((s) => s.assessor === d.assessor))
          st.signatures.push({ assessor: d.assessor, at: e.at, seq: e.seq, fingerprint: e.key.fingerprint });
        if (st.status === 'voorlopig' && st.agreement && st.agreement.assessors.every((a) => st.signatures.some((s) => s.assessor === a))) {
          st.status = 'vastgesteld';
          st.version = 1;
          st.frozenAt = e.at;
          st.final = Object.fromEntries(Object.entries(st.agreement.final).map(([k, v]) => [k, { score: v.score, points: v.points, source: 'overeenstemming', seq: st.agreement!.seq }]));
        }
        break;
      // Before vastgesteld a correction changes the proposal the assessors see; their own scores (and
      // so the agreement) remain theirs to change. After vastgesteld it changes the final score.
      case 'override':
      case 'regrade': {
        st.corrections.push(e);
        const changes = (e.type === 'override' ? [d] : d.changes ?? []) as { criterion: string; score: ScoreValue; points: number; status?: string }[];
        for (const ch of changes) {
          if (st.status === 'vastgesteld') st.final![ch.criterion] = { score: ch.score, points: ch.points, source: e.type === 'override' ? 'correctie' : 'herbeoordeling', seq: e.seq };
          else
            st.proposals[ch.criterion] = {
              status: (ch.status as CriterionResult['status']) ?? st.proposals[ch.criterion]?.status ?? 'manual',
              score: ch.score,
              points: ch.points,
              source: e.type === 'override' ? `correctie #${e.seq}` : `herbeoordeling #${e.seq}`,
            };
        }
        if (st.status === 'vastgesteld') st.version++;
        break;
      }
      case 'irregularity':
        st.irregularities.push(e);
        if (st.status === 'vastgesteld') st.version++;
        break;
      case 'diploma':
        st.diplomaDate = d.date;
        break;
    }
  }
  for (const a of Object.values(st.assessors)) {
    a.missing = criteria.map((c) => c.id).filter((id) => !a.scores[id]);
    a.complete = a.missing.length === 0;
  }
  return st;
}

export function loadState(dir: string): { bundle: Bundle; state: AssessmentState } {
  const bundle = loadBundle(dir);
  const log = readActions(dir);
  return { bundle, state: replay(bundle, log.entries, log.problems) };
}

function refuseIfFrozen(st: AssessmentState, what: string) {
  if (st.status === 'vastgesteld')
    throw new ActionRefused(`de uitslag is vastgesteld (versie ${st.version}); ${what} kan niet meer — alleen een ondertekende correctie (proeflab correct) of melding van een onregelmatigheid`);
}

function criterionOf(bundle: Bundle, id: string): CriterionResult {
  const c = bundle.pod.criteria.find((x) => x.id === id);
  if (!c) throw new ActionRefused(`onbekend beoordelingscriterium '${id}' (bekend: ${bundle.pod.criteria.map((x) => x.id).join(', ')})`);
  return c;
}

/**
 * An assessor's scores. Without scores: the assessor confirms every automated proposal they have
 * not scored yet. A score that differs from the proposal (or for a criterion without one) needs a
 * motivation when the exam's rules say so (default).
 */
export function assess(dir: string, o: { assessor: string; scores?: GivenScore[]; key: SigningKey; now?: () => Date }): ActionEntry {
  const { bundle, state } = loadState(dir);
  refuseIfFrozen(state, 'beoordelen');
  const name = o.assessor.trim();
  if (!name) throw new ActionRefused('naam van de beoordelaar is verplicht (--assessor)');
  const mine = state.assessors[name]?.scores ?? {};
  let scores: (GivenScore & { points: number; proposal?: ScoreValue })[];
  if (!o.scores?.length) {
    scores = bundle.pod.criteria
      .filter((c) => !mine[c.id] && state.proposals[c.id]?.score !== undefined)
      .map((c) => ({ criterion: c.id, score: state.proposals[c.id].score!, points: state.proposals[c.id].points, proposal: state.proposals[c.id].score }));
    if (!scores.length) throw new ActionRefused(`${name} heeft alle voorstellen al beoordeeld; scoor observatiecriteria met --criterion ID --score N`);
  } else {
    scores = o.scores.map((s) => {
      const c = criterionOf(bundle, s.criterion);
      const points = pointsForScore(c, s.score, state.rules);
      const proposal = state.proposals[c.id]?.score;
      const motivation = s.motivation?.trim();
      if (state.rules.motivationOnDeviation && !motivation) {
        if (proposal === undefined && c.status === 'error')
          throw new ActionRefused(`${c.id}: kon niet automatisch worden waargenomen; een score hiervoor vraagt een motivering (--motivation)`);
        if (proposal !== undefined && !sameScore(proposal, s.score))
          throw new ActionRefused(`${c.id}: score ${s.score} wijkt af van het voorstel ${proposal}; een motivering is verplicht (--motivation)`);
      }
      return { criterion: c.id, score: s.score, points, ...(motivation ? { motivation } : {}), ...(proposal !== undefined ? { proposal } : {}) };
    });
  }
  return appendAction(dir, { type: 'assess', actor: name, data: { assessor: name, scores } }, o.key, o.now);
}

/**
 * Record the assessors' agreement on a final score. Needs the required number of distinct
 * assessors, each complete. Where their scores differ, a final score and a motivation must be
 * given for that criterion. Both (all) raw scores are kept in the agreement.
 */
export function agree(
  dir: string,
  o: { actor: string; assessors?: string[]; scores?: GivenScore[]; motivation?: string; key: SigningKey; now?: () => Date },
): ActionEntry {
  const { bundle, state } = loadState(dir);
  refuseIfFrozen(state, 'overeenstemming vastleggen');
  const names = [...new Set((o.assessors?.length ? o.assessors : Object.keys(state.assessors)).map((n) => n.trim()))];
  const need = state.rules.assessors;
  if (names.length < need)
    throw new ActionRefused(`er zijn ${need} beoordelaars nodig die elk beoordeeld hebben; nu: ${names.length ? names.join(', ') : 'geen'}`);
  if (names.length > need && !o.assessors?.length)
    throw new ActionRefused(`meer dan ${need} beoordelaars (${names.join(', ')}): kies wie de overeenstemming vastleggen (--assessor, herhaalbaar)`);
  for (const n of names) {
    const a = state.assessors[n];
    if (!a) throw new ActionRefused(`${n} heeft nog niet beoordeeld`);
    if (!a.complete) throw new ActionRefused(`${n} heeft nog niet alles beoordeeld: ${a.missing.join(', ')}`);
  }
  if (!names.includes(o.actor.trim())) throw new ActionRefused(`${o.actor} is geen van de beoordelaars (${names.join(', ')})`);
  const given = new Map((o.scores ?? []).map((s) => [s.criterion, s]));
  for (const id of given.keys()) criterionOf(bundle, id);
  const final: Agreement['final'] = {};
  const disagreements: string[] = [];
  for (const c of bundle.pod.criteria) {
    const raw = names.map((n) => state.assessors[n].scores[c.id].score);
    const g = given.get(c.id);
    if (g) {
      const differs = raw.some((r) => !sameScore(r, g.score));
      if (differs && !g.motivation?.trim() && !o.motivation?.trim())
        throw new ActionRefused(`${c.id}: eindscore ${g.score} wijkt af van een beoordelaar (${raw.join(' / ')}); motiveer dit (--motivation)`);
      final[c.id] = { score: g.score, points: pointsForScore(c, g.score, state.rules), ...(g.motivation?.trim() ? { motivation: g.motivation.trim() } : {}) };
    } else if (raw.every((r) => sameScore(r, raw[0]))) final[c.id] = { score: raw[0], points: pointsForScore(c, raw[0], state.rules) };
    else disagreements.push(`${c.id}: ${names.map((n, i) => `${n} ${raw[i]}`).join(', ')}`);
  }
  if (disagreements.length)
    throw new ActionRefused(`de beoordelaars verschillen; geef per criterium de afgesproken eindscore (--criterion ID --score N --motivation ...):\n  ${disagreements.join('\n  ')}`);
  const rawScores = Object.fromEntries(names.map((n) => [n, Object.fromEntries(Object.entries(state.assessors[n].scores).map(([k, v]) => [k, v.score]))]));
  const preview = effectiveCriteria(bundle, { ...state, final: Object.fromEntries(Object.entries(final).map(([k, v]) => [k, { ...v, source: 'overeenstemming', seq: 0 }])) });
  return appendAction(
    dir,
    { type: 'agree', actor: o.actor.trim(), data: { assessors: names, raw: rawScores, final, score: score(preview, bundle.exam.value.scoring) }, ...(o.motivation?.trim() ? { motivation: o.motivation.trim() } : {}) },
    o.key,
    o.now,
  );
}

/** An assessor signs the current agreement. When every assessor of the agreement signed, the result is vastgesteld. */
export function signResult(dir: string, o: { assessor: string; key: SigningKey; now?: () => Date }): { entry: ActionEntry; state: AssessmentState } {
  const { bundle, state } = loadState(dir);
  refuseIfFrozen(state, 'ondertekenen');
  const a = state.agreement;
  if (!a) throw new ActionRefused('er is (nog) geen geldige overeenstemming om te ondertekenen (proeflab agree); een latere beoordeling maakt een eerdere overeenstemming ongeldig');
  const name = o.assessor.trim();
  if (!a.assessors.includes(name)) throw new ActionRefused(`${name} is geen beoordelaar van deze overeenstemming (${a.assessors.join(', ')})`);
  if (state.signatures.some((s) => s.assessor === name)) throw new ActionRefused(`${name} heeft deze overeenstemming al ondertekend`);
  const entry = appendAction(dir, { type: 'sign', actor: name, data: { assessor: name, agreement: a.hash } }, o.key, o.now);
  const log = readActions(dir);
  return { entry, state: replay(bundle, log.entries, log.problems) };
}

export type Correction =
  | { kind: 'override'; criterion: string; score: ScoreValue }
  | { kind: 'regrade'; examSource: string; examFile: string }
  | { kind: 'irregularity'; criterion?: string };

/** A correction: always appended, signed, with who, when and a mandatory motivation. */
export function correct(dir: string, o: { actor: string; motivation: string; correction: Correction; key: SigningKey; now?: () => Date; registry?: Registry }): ActionEntry {
  const motivation = o.motivation?.trim() ?? '';
  if (motivation.length < 5) throw new ActionRefused('een correctie vraagt een motivering (--motivation, minstens een zin)');
  const { bundle, state } = loadState(dir);
  const corr = o.correction;
  if (corr.kind === 'override') {
    const c = criterionOf(bundle, corr.criterion);
    const points = pointsForScore(c, corr.score, state.rules);
    const previous = state.final?.[c.id] ?? state.proposals[c.id];
    return appendAction(
      dir,
      { type: 'override', actor: o.actor, motivation, data: { criterion: c.id, score: corr.score, points, previous: previous ? { score: previous.score ?? null, points: previous.points } : null, status: state.status } },
      o.key,
      o.now,
    );
  }
  if (corr.kind === 'irregularity') {
    if (corr.criterion) criterionOf(bundle, corr.criterion);
    return appendAction(dir, { type: 'irregularity', actor: o.actor, motivation, data: { ...(corr.criterion ? { criterion: corr.criterion } : {}), status: state.status } }, o.key, o.now);
  }
  // Re-grade after an exam fix: decide again from the same stored observations with the fixed exam.
  const exam = parseYaml(corr.examFile, corr.examSource, Exam);
  if (exam.value.id !== bundle.exam.value.id) throw new ActionRefused(`ander examen (${exam.value.id}) dan in de bundel (${bundle.exam.value.id})`);
  const r = regrade({ exam, inventory: bundle.inventory, pod: bundle.meta.pod, observations: bundle.observations, recorded: bundle.pod, registry: o.registry });
  const changes = r.criteria
    .filter((c) => !c.observe)
    .map((c) => ({ c, old: bundle.pod.criteria.find((x) => x.id === c.id) }))
    .filter(({ c, old }) => !old || old.status !== c.status || old.points !== c.points || old.maxPoints !== c.maxPoints)
    .map(({ c, old }) => ({ criterion: c.id, status: c.status, score: proposalScore(c) ?? 0, points: c.points, previous: old ? { status: old.status, points: old.points } : null, message: c.message }));
  return appendAction(
    dir,
    {
      type: 'regrade',
      actor: o.actor,
      motivation,
      data: { exam: { file: corr.examFile, version: exam.value.version, sha256: exam.sha256, source: corr.examSource }, changes, differences: r.differences.length, status: state.status },
    },
    o.key,
    o.now,
  );
}

/** Record the diploma date (starts the retention period). Appended like every other action. */
export function setDiplomaDate(dir: string, o: { actor: string; date: string; key: SigningKey; now?: () => Date }): ActionEntry {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date) || Number.isNaN(Date.parse(o.date))) throw new ActionRefused(`diplomadatum '${o.date}' is geen datum (JJJJ-MM-DD)`);
  return appendAction(dir, { type: 'diploma', actor: o.actor, data: { date: o.date } }, o.key, o.now);
}

/** Criteria with the points as they stand: final scores once vastgesteld/agreed, else proposals. */
export function effectiveCriteria(bundle: Bundle, st: AssessmentState): CriterionResult[] {
  return bundle.pod.criteria.map((c) => {
    const f = st.final?.[c.id];
    if (f) {
      const met = meetsMinimum(c, f.score, f.points, st.rules);
      return { ...c, status: met ? 'pass' : 'fail', points: f.points };
    }
    const p = st.proposals[c.id];
    if (p && p.source !== 'automatisch' && p.score !== undefined) {
      const met = meetsMinimum(c, p.score, p.points, st.rules);
      return { ...c, status: met ? 'pass' : 'fail', points: p.points };
    }
    return c;
  });
}

/** The result contract as it stands after the action log: what forms and exports render. */
export function effectiveResult(bundle: Bundle, st: AssessmentState): RunResult {
  const criteria = effectiveCriteria(bundle, st);
  const sc: Score = { ...score(criteria, bundle.exam.value.scoring), status: st.status };
  const pod = { ...bundle.pod, criteria, score: sc };
  return { ...bundle.result, results: [pod], summary: summarize([pod], undefined, bundle.observations.length) };
}
