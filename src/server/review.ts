// Review (examiners and assessors of the session): per candidate the criteria with their evidence
// (raw output, diff from the baseline), each assessor's independent scoring (a score that
// deviates from the automated proposal is an override and needs a motivation), observation
// criteria on the form's scale, agreement, signatures, corrections after the result is final,
// irregularity reports and downloads (result, report, form as HTML and PDF, sealed bundle).
// The assessors' flow is src/evidence/assessment.ts on the candidate's sealed evidence bundle:
// every action is a signed line in its action log and the pages are replayed from it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ActionRefused } from '../evidence/actions.js';
import {
  agree,
  assess,
  correct,
  effectiveCriteria,
  effectiveResult,
  loadState,
  parseScore,
  signResult,
  type AssessmentState,
  type ScoreValue,
} from '../evidence/assessment.js';
import type { Bundle } from '../evidence/bundle.js';
import { renderForm } from '../forms/form.js';
import { htmlToPdf } from '../forms/pdf.js';
import { score } from '../core/scoring.js';
import type { Observation } from '../core/types.js';
import { errorMessage } from '../core/util.js';
import type { Exam } from '../model/exam.js';
import type { LoadedYaml } from '../model/load.js';
import type { CriterionResult, RunResult } from '../model/result.js';
import { renderHtml } from '../report/html.js';
import { sessionAccess } from './auth.js';
import type { CandidateRow, ExamSessionRow, UserRow } from './db.js';
import type { EvidenceStore } from './evidence.js';
import { csrfField, errorPage, fmtTime, html, langOf, page, verdictBadge, wordsFor, type Raw } from './html.js';
import type { ServerWords } from './i18n.js';
import { baselineFor, candidatesOf, latestRun, lineDiff, loadSessionExams } from './model.js';
import type { ServerContext } from './sessions.js';

/** How an account appears in the action log (name plus username: unique and readable). */
export const actorName = (u: Pick<UserRow, 'name' | 'username'>) => `${u.name} (${u.username})`;

export interface Review {
  dir: string;
  bundle: Bundle;
  state: AssessmentState;
}

export function loadReview(store: EvidenceStore, s: ExamSessionRow, pod: string, exam: string): Review | undefined {
  const dir = store.bundleDir(s.id, pod, exam);
  if (!dir) return undefined;
  const { bundle, state } = loadState(dir);
  return { dir, bundle, state };
}

/** One assessor's scoring as criteria: their scores where given, else the proposals. */
export function scoringOf(r: Review, assessor: string): CriterionResult[] {
  const mine = r.state.assessors[assessor]?.scores ?? {};
  const final: NonNullable<AssessmentState['final']> = {};
  for (const c of r.bundle.pod.criteria) {
    const s = mine[c.id];
    if (s) final[c.id] = { score: s.score, points: s.points, source: assessor, seq: s.seq };
  }
  return effectiveCriteria(r.bundle, { ...r.state, final });
}

const scaleValues = (c: CriterionResult): ScoreValue[] =>
  c.scale === 'bpv' ? ['Bg', 'G', 'Bk'] : c.scale === '0-3' ? [0, 1, 2, 3] : c.maxPoints <= 10 && Number.isInteger(c.maxPoints) ? Array.from({ length: c.maxPoints + 1 }, (_, i) => i) : [0, c.maxPoints];

const same = (a: ScoreValue | undefined, b: ScoreValue | undefined) => a !== undefined && b !== undefined && String(a) === String(b);

type Body = Record<string, string | undefined>;

export function reviewRoutes(ctx: ServerContext, store: EvidenceStore) {
  const { db } = ctx;
  return async function (app: FastifyInstance) {
    const findCandidate = (s: ExamSessionRow, pod: string) => candidatesOf(db, s.id).find((c) => c.pod === pod);
    const safeLoad = (s: ExamSessionRow, pod: string, exam: string) => {
      try {
        return loadReview(store, s, pod, exam);
      } catch {
        return undefined;
      }
    };

    app.get('/sessions/:id/review', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'any');
      if (!acc) return reply;
      const s = acc.session;
      const w = wordsFor(req);
      const exams = loadSessionExams(s);
      return page(req, reply, {
        title: `${w.review}: ${s.name}`,
        nav: [
          { href: '/', label: w.dashboard },
          { href: `/sessions/${s.id}`, label: s.name },
          { href: `/sessions/${s.id}/review`, label: w.review, current: true },
        ],
        body: html`<table class="grid"><thead><tr><th scope="col">${w.pod}</th><th scope="col">${w.candidate}</th>${exams.map((e) => html`<th scope="col">${e.value.id}</th>`)}</tr></thead><tbody>
${candidatesOf(db, s.id).map((c) => html`<tr><td><a href="/sessions/${s.id}/review/${c.pod}">${c.pod}</a></td><td>${c.number} ${c.name}</td>${exams.map((e) => {
          const r = safeLoad(s, c.pod, e.value.id);
          if (!r) return html`<td class="muted">${w.noRunYet}</td>`;
          const sc = effectiveResult(r.bundle, r.state).results[0].score;
          return html`<td><span class="outcome-${sc.outcome}">${w[sc.outcome]}</span> ${sc.grade !== undefined ? sc.grade.toFixed(1) : ''} · ${w[r.state.status]} · ${r.state.signatures.length} ${w.signatures}</td>`;
        })}</tr>`)}</tbody></table>`,
      });
    });

    app.get('/sessions/:id/review/:pod', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'any');
      if (!acc) return reply;
      const s = acc.session;
      const pod = (req.params as { pod: string }).pod;
      const cand = findCandidate(s, pod);
      const w = wordsFor(req);
      if (!cand) return errorPage(req, reply, 404, w.notFound);
      const baseline = latestRun(db, s.id, pod, 'nulmeting')?.result;
      const exams = loadSessionExams(s);
      const irregs = db.all<{ id: number; text: string; at: string; name: string }>(
        'SELECT i.id, i.text, i.at, u.name FROM irregularities i JOIN users u ON u.id = i.user_id WHERE i.session_id = ? AND i.pod = ? ORDER BY i.at',
        s.id,
        pod,
      );
      const q = req.query as Body;
      const flash = q.error ? { kind: 'error' as const, text: String(q.error) } : q.ok ? { kind: 'ok' as const, text: String(q.ok) } : undefined;
      return page(req, reply, {
        title: `${w.review}: ${cand.number} ${cand.name} (${pod})`,
        flash,
        nav: [
          { href: '/', label: w.dashboard },
          { href: `/sessions/${s.id}`, label: s.name },
          { href: `/sessions/${s.id}/review`, label: w.review },
          { href: `/sessions/${s.id}/review/${pod}`, label: pod, current: true },
        ],
        scripts: ['/assets/review.js'],
        body: html`${exams.map((e) => examSection(req, reply, s, cand, e, baseline, w))}
<section aria-labelledby="h-irr"><h2 id="h-irr">${w.irregularities}</h2>
${irregs.length ? html`<ul>${irregs.map((i) => html`<li><time datetime="${i.at}">${fmtTime(i.at, langOf(req))}</time> · ${i.name}: ${i.text}</li>`)}</ul>` : html`<p>${w.none}</p>`}
<form method="post" action="/sessions/${s.id}/review/${pod}/irregularities" class="stack">${csrfField(reply)}
<label for="irr">${w.irregularity}</label><textarea id="irr" name="text" required minlength="10" rows="3"></textarea><button type="submit">${w.reportIt}</button></form></section>`,
      });
    });

    function examSection(req: FastifyRequest, reply: FastifyReply, s: ExamSessionRow, cand: CandidateRow, exam: LoadedYaml<Exam>, baseline: RunResult | undefined, w: ServerWords): Raw {
      let r: Review | undefined;
      try {
        r = loadReview(store, s, cand.pod, exam.value.id);
      } catch (err) {
        return html`<section class="exam"><h2>${exam.value.id}</h2><p class="warn" role="alert">${errorMessage(err)}</p></section>`;
      }
      if (!r) return html`<section class="exam"><h2>${exam.value.id}</h2><p>${w.signBlockedNoRun}</p></section>`;
      const lang = langOf(req);
      const { bundle, state } = r;
      const me = actorName(req.user!);
      const mine = state.assessors[me];
      const others = Object.values(state.assessors).filter((a) => a.name !== me);
      const showOthers = !!mine?.complete || state.status === 'vastgesteld';
      const myCriteria = scoringOf(r, me);
      const frozen = state.status === 'vastgesteld';
      const eff = effectiveResult(bundle, state).results[0];
      const shown = frozen ? eff.score : score(myCriteria, bundle.exam.value.scoring);
      const obsById = new Map(bundle.observations.map((o) => [o.id, o]));
      const base = `/sessions/${s.id}/review/${cand.pod}/${exam.value.id}`;
      const signed = new Set(state.signatures.map((x) => x.assessor));
      return html`<section class="exam" aria-labelledby="h-${exam.value.id}"><h2 id="h-${exam.value.id}">${exam.value.id} <span class="muted">[${exam.value.werkprocessen.join(', ')}] · run ${bundle.result.run.id} · ${fmtTime(bundle.result.run.endedAt, lang)}</span></h2>
<p><span class="status st-${state.status}">${w[state.status]}${state.version > 1 ? ` · ${w.version} ${state.version}` : ''}</span></p>
<p class="downloads">${w.downloads}: <a href="${base}/result.json" download>${w.resultJson}</a> · <a href="${base}/report.html">${w.reportHtml}</a> · ${exam.value.werkprocessen.map((wp) => html`<a href="${base}/form.html?werkproces=${wp}">${w.form} ${wp}</a> (<a href="${base}/form.pdf?werkproces=${wp}">PDF</a>) · `)}<a href="${base}/bundle.tar.gz">${w.bundle}</a></p>
<details class="vars"><summary>${w.variables}</summary><dl class="kv">${Object.entries(bundle.pod.variables).map(
        ([k, v]) => html`<dt><code>${k}</code></dt><dd>${typeof v === 'object' && v && 'cidr' in v ? String((v as { cidr: string }).cidr) : String(v)}</dd>`,
      )}</dl></details>
<div class="criteria">${bundle.pod.criteria.map((c, i) => {
        const proposal = state.proposals[c.id];
        const my = mine?.scores[c.id];
        const mc = myCriteria[i];
        const fin = state.final?.[c.id];
        const disagree = showOthers && !!my && others.some((o) => o.scores[c.id] && !same(o.scores[c.id].score, my.score));
        return html`<details class="crit${disagree ? ' disagree' : ''}" id="c-${exam.value.id}-${c.id}" data-status="${mc.status}">
<summary>${verdictBadge(w, c.status)}${my && !same(my.score, proposal?.score) ? html` → ${verdictBadge(w, mc.status)}` : ''} <span class="ctitle">${c.title}</span>${c.cruciaal ? html` <span class="cru">${w.cruciaal}</span>` : ''}${my ? html` <span class="mine" title="${w.yourScoring}">✓</span>` : ''}<span class="pts">${fmt(frozen && fin ? fin.points : mc.points)}/${fmt(c.maxPoints)}</span></summary>
<div class="body">
<dl class="kv"><dt>${w.criterion}</dt><dd><code>${c.id}</code> · ${w.scale}: ${c.scale}</dd>
${c.message ? html`<dt>${w.outcomeMessage}</dt><dd>${c.message}</dd>` : ''}
${c.expected !== undefined ? html`<dt>${w.expected}</dt><dd><code>${show(c.expected)}</code></dd><dt>${w.actual}</dt><dd><code>${show(c.actual)}</code></dd>` : ''}
${c.feedbackExaminer ? html`<dt>${w.feedback}</dt><dd>${c.feedbackExaminer}</dd>` : ''}
${guidance(exam, c.id, lang) ? html`<dt>${w.guidance}</dt><dd>${guidance(exam, c.id, lang)}</dd>` : ''}
<dt>${w.proposal}</dt><dd>${proposal?.score !== undefined ? html`${String(proposal.score)} (${proposal.source})` : w.noProposal}</dd>
${my ? html`<dt>${w.yourScoring}</dt><dd><strong>${String(my.score)}</strong> ${my.motivation ?? ''} <span class="muted">(${fmtTime(my.at, lang)})</span></dd>` : ''}
${showOthers
  ? others.map((o) => html`<dt>${o.name}</dt><dd>${o.scores[c.id] ? html`<strong>${String(o.scores[c.id].score)}</strong> ${o.scores[c.id].motivation ?? ''}` : w.none}</dd>`)
  : others.length
    ? html`<dt>${w.otherScoring}</dt><dd class="muted">${w.hiddenUntilDone}</dd>`
    : ''}
${fin ? html`<dt>${w.final}</dt><dd><strong>${String(fin.score)}</strong> (${fin.source})</dd>` : ''}
</dl>
${c.observations.map((oid) => obsById.get(oid)).filter((o): o is Observation => !!o).map((o) => evidenceBlock(o, baseline, w))}
${frozen ? correctionForm(reply, base, c, w) : scoreForm(reply, base, c, proposal?.score, my?.score, my?.motivation, w)}
</div></details>`;
      })}</div>
<div class="scorebox"><p><strong>${frozen ? w.final : w.yourScoring}</strong>: ${fmt(shown.points)}/${fmt(shown.maxPoints)} ${w.points}${shown.grade !== undefined ? ` · ${w.grade} ${shown.grade.toFixed(1)}` : ''} · <span class="outcome-${shown.outcome}">${w[shown.outcome]}</span>${shown.cruciaalFailed.length ? ` · ${w.cruciaalFailed}: ${shown.cruciaalFailed.join(', ')}` : ''}</p>
${!frozen && mine && mine.missing.length ? html`<p class="muted">${w.stillToScore}: ${mine.missing.join(', ')}</p>` : ''}
${!frozen && showOthers && others.length ? html`<p>${w.agreement}: ${others.map((o) => {
        const diffs = bundle.pod.criteria.filter((c) => !same(o.scores[c.id]?.score, mine?.scores[c.id]?.score)).map((c) => c.id);
        return html`<span class="${diffs.length ? 'fail-text' : 'pass-text'}">${o.name}: ${diffs.length ? `${w.disagree} (${diffs.join(', ')})` : w.agree}</span> `;
      })}</p>` : ''}
${state.agreement ? html`<p>${w.agreementBy} ${state.agreement.by} (${fmtTime(state.agreement.at, lang)}): ${state.agreement.assessors.join(', ')}</p>` : ''}
<p>${w.signed}: ${state.signatures.length ? state.signatures.map((x) => `${x.assessor} (${fmtTime(x.at, lang)})`).join(', ') : w.none}</p>
${frozen || signed.has(me) ? '' : html`<form method="post" action="${base}/sign" class="inline">${csrfField(reply)}<button type="submit">${w.sign}</button></form> <span class="muted">${w.signHelp}</span>`}
</div></section>`;
    }

    function scoreForm(reply: FastifyReply, base: string, c: CriterionResult, proposal: ScoreValue | undefined, mine: ScoreValue | undefined, motivation: string | undefined, w: ServerWords): Raw {
      const id = `o-${c.id}`;
      const current = mine ?? proposal;
      const label = (v: ScoreValue) =>
        c.scale === 'points' && c.maxPoints > 0 && (v === 0 || v === c.maxPoints) && scaleValues(c).length === 2 ? `${v} (${v === 0 ? w.fail : w.pass})` : String(v);
      return html`<form method="post" action="${base}/criteria/${c.id}" class="stack ${c.observe ? 'observe' : 'override'}" data-proposal="${proposal === undefined ? '' : String(proposal)}">${csrfField(reply)}<fieldset><legend>${c.observe ? w.scoreObservation : w.override}</legend>
<label for="${id}-v">${w.yourScore}</label><select id="${id}-v" name="score">${current === undefined ? html`<option value="" selected disabled>—</option>` : ''}${scaleValues(c).map(
        (v) => html`<option value="${String(v)}"${same(v, current) ? html` selected` : ''}>${label(v)}${same(v, proposal) ? ` · ${w.proposal}` : ''}</option>`,
      )}</select>
<label for="${id}-m">${w.motivation}</label><textarea id="${id}-m" name="motivation" minlength="10" rows="2"${proposal === undefined ? html` required` : ''}>${motivation ?? ''}</textarea>
<button type="submit">${w.save}</button></fieldset></form>`;
    }

    function correctionForm(reply: FastifyReply, base: string, c: CriterionResult, w: ServerWords): Raw {
      const id = `k-${c.id}`;
      return html`<form method="post" action="${base}/criteria/${c.id}" class="stack override">${csrfField(reply)}<fieldset><legend>${w.correction}</legend>
<label for="${id}-v">${w.yourScore}</label><select id="${id}-v" name="score">${scaleValues(c).map((v) => html`<option value="${String(v)}">${String(v)}</option>`)}</select>
<label for="${id}-m">${w.motivation}</label><textarea id="${id}-m" name="motivation" required minlength="10" rows="2"></textarea>
<button type="submit">${w.save}</button></fieldset></form>`;
    }

    function evidenceBlock(o: Observation, baseline: RunResult | undefined, w: ServerWords): Raw {
      const b = baselineFor(o, baseline);
      let diff: Raw;
      if (!b) diff = html`<p class="muted">${w.noBaseline}</p>`;
      else if (b.raw === o.raw) diff = html`<p class="muted">${w.noChange}</p>`;
      else
        diff = html`<pre class="diff" tabindex="0" aria-label="${w.diffBaseline}">${lineDiff(b.raw, o.raw).map(
          (l) => html`<span class="d${l.op === '+' ? 'add' : l.op === '-' ? 'del' : 'eq'}">${l.op} ${l.text}\n</span>`,
        )}</pre>`;
      const lines = o.raw.split('\n');
      return html`<div class="obs"><h4>${o.device} · <code>${o.command}</code></h4>
<p class="muted">${o.transport} · ${o.startedAt} · ${o.durationMs} ms${o.redactions ? ` · ${o.redactions} ${w.redacted}` : ''}${o.parseError ? ` · ${w.parseError}: ${o.parseError}` : ''}</p>
${o.error ? html`<p class="warn">${o.error}</p>` : ''}
<details open><summary>${w.rawOutput}</summary><pre class="raw" tabindex="0" aria-label="${w.rawOutput}">${lines.map((l, i) => html`<span class="ln" aria-hidden="true">${String(i + 1).padStart(4)}</span> ${l}\n`)}</pre></details>
<details><summary>${w.diffBaseline}</summary>${diff}</details>
${o.parsed !== undefined ? html`<details><summary>parsed</summary><pre>${JSON.stringify(o.parsed, null, 2)}</pre></details>` : ''}</div>`;
    }

    /** Resolve :id/:pod/:exam to a review, or answer. */
    function target(req: FastifyRequest, reply: FastifyReply) {
      const acc = sessionAccess(db, req, reply, 'any');
      if (!acc) return undefined;
      const { pod, exam: examId } = req.params as { pod: string; exam: string };
      const cand = findCandidate(acc.session, pod);
      const exam = loadSessionExams(acc.session).find((e) => e.value.id === examId);
      const review = cand && exam ? safeLoad(acc.session, pod, examId) : undefined;
      if (!cand || !exam || !review) {
        errorPage(req, reply, 404, wordsFor(req).notFound);
        return undefined;
      }
      return { ...acc, cand, exam, pod, review, back: `/sessions/${acc.session.id}/review/${pod}` };
    }

    const backWith = (reply: FastifyReply, back: string, key: 'ok' | 'error', msg: string, anchor = '') =>
      reply.redirect(`${back}?${key}=${encodeURIComponent(msg)}${anchor}`, 303);

    app.post('/sessions/:id/review/:pod/:exam/criteria/:criterion', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      const w = wordsFor(req);
      const critId = (req.params as { criterion: string }).criterion;
      const { bundle, state } = t.review;
      const c = bundle.pod.criteria.find((x) => x.id === critId);
      if (!c) return errorPage(req, reply, 404, w.notFound);
      const b = (req.body ?? {}) as Body;
      const motivation = String(b.motivation ?? '').trim();
      const anchor = `#c-${t.exam.value.id}-${c.id}`;
      let value: ScoreValue;
      try {
        value = parseScore(String(b.score ?? ''));
      } catch {
        return errorPage(req, reply, 400, w.badInput);
      }
      if (!scaleValues(c).some((v) => same(v, value)) && !(c.scale === 'points' && typeof value === 'number' && value >= 0 && value <= c.maxPoints))
        return errorPage(req, reply, 400, w.badInput);
      const proposal = state.proposals[c.id]?.score;
      const deviates = !same(value, proposal);
      // An override (or a score without proposal) needs a real motivation, also in the browser.
      if ((deviates || state.status === 'vastgesteld') && motivation.length < 10) {
        req.auditDetail = { refused: 'motivation', criterion: c.id, score: value };
        reply.code(400);
        return page(req, reply, { title: w.badInput, flash: { kind: 'error', text: w.motivationRequired }, body: html`<p><a href="${t.back}${anchor}">${w.back}</a></p>` });
      }
      const actor = actorName(req.user!);
      try {
        if (state.status === 'vastgesteld') correct(t.review.dir, { actor, motivation, correction: { kind: 'override', criterion: c.id, score: value }, key: store.key() });
        else assess(t.review.dir, { assessor: actor, scores: [{ criterion: c.id, score: value, ...(motivation ? { motivation } : {}) }], key: store.key() });
      } catch (err) {
        if (err instanceof ActionRefused) return backWith(reply, t.back, 'error', err.message, anchor);
        throw err;
      }
      req.auditDetail = { pod: t.pod, exam: t.exam.value.id, criterion: c.id, automated: c.status, proposal, score: value, override: deviates, correction: state.status === 'vastgesteld', motivation, bundle: basename(t.review.dir) };
      return reply.redirect(`${t.back}${anchor}`, 303);
    });

    app.post('/sessions/:id/review/:pod/:exam/sign', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      const w = wordsFor(req);
      const me = actorName(req.user!);
      const dir = t.review.dir;
      const key = store.key();
      const audit = (what: string, extra: object = {}) => (req.auditDetail = { pod: t.pod, exam: t.exam.value.id, step: what, bundle: basename(dir), ...extra });
      try {
        // 1. Confirm the proposals the assessor did not score themselves.
        let { state } = loadState(dir);
        const mine = state.assessors[me];
        const confirmable = t.review.bundle.pod.criteria.filter((c) => !mine?.scores[c.id] && state.proposals[c.id]?.score !== undefined);
        if (confirmable.length) assess(dir, { assessor: me, key });
        ({ state } = loadState(dir));
        const a = state.assessors[me];
        if (!a?.complete) {
          audit('incomplete', { missing: a?.missing });
          return backWith(reply, t.back, 'error', `${w.signBlockedPending} (${a?.missing.join(', ')})`);
        }
        // 2. Agreement with the other assessors who completed their scoring.
        if (!state.agreement || !state.agreement.assessors.includes(me)) {
          const complete = Object.values(state.assessors).filter((x) => x.complete && x.name !== me);
          if (complete.length + 1 < state.rules.assessors) {
            audit('waiting');
            return backWith(reply, t.back, 'ok', w.waitingForSecond);
          }
          const partners = complete.slice(0, state.rules.assessors - 1).map((x) => x.name);
          agree(dir, { actor: me, assessors: [...partners, me], key });
        }
        // 3. Sign the agreement.
        const { state: after } = signResult(dir, { assessor: me, key });
        audit('signed', { status: after.status, signatures: after.signatures.map((x) => x.assessor) });
        return backWith(reply, t.back, 'ok', after.status === 'vastgesteld' ? w.vastgesteld : `${w.signed} ${me}`);
      } catch (err) {
        if (err instanceof ActionRefused) {
          audit('refused', { reason: err.message });
          return backWith(reply, t.back, 'error', err.message.includes('verschillen') ? `${w.signBlockedDisagree} ${err.message}` : err.message);
        }
        throw err;
      }
    });

    app.post('/sessions/:id/review/:pod/irregularities', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'any');
      if (!acc) return reply;
      const pod = (req.params as { pod: string }).pod;
      const w = wordsFor(req);
      if (!findCandidate(acc.session, pod)) return errorPage(req, reply, 404, w.notFound);
      const text = String(((req.body ?? {}) as Body).text ?? '').trim();
      if (text.length < 10) return errorPage(req, reply, 400, w.motivationRequired);
      db.run('INSERT INTO irregularities (session_id, pod, text, user_id, at) VALUES (?, ?, ?, ?, ?)', acc.session.id, pod, text, req.user!.id, new Date().toISOString());
      // Also into the evidence of every exam of the candidate that has a bundle already.
      const bundles: string[] = [];
      for (const e of loadSessionExams(acc.session)) {
        const dir = store.bundleDir(acc.session.id, pod, e.value.id);
        if (!dir) continue;
        correct(dir, { actor: actorName(req.user!), motivation: text, correction: { kind: 'irregularity' }, key: store.key() });
        bundles.push(basename(dir));
      }
      req.auditDetail = { pod, text, bundles };
      return reply.redirect(`/sessions/${acc.session.id}/review/${pod}#h-irr`, 303);
    });

    // ---- downloads ----

    app.get('/sessions/:id/review/:pod/:exam/result.json', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      const { bundle, state } = t.review;
      const { history: _h, ...assessment } = state;
      const out = { ...effectiveResult(bundle, state), assessment, bundle: { id: bundle.meta.bundleId, manifestSha256: bundle.manifestSha256 } };
      return reply
        .header('content-disposition', `attachment; filename="${t.pod}-${t.exam.value.id}-result.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(out, null, 2));
    });

    app.get('/sessions/:id/review/:pod/:exam/report.html', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      // The offline report carries its own inline style and filter script (its content is escaped).
      return reply
        .header('content-security-policy', OFFLINE_CSP)
        .type('text/html; charset=utf-8')
        .send(renderHtml(effectiveResult(t.review.bundle, t.review.state), { lang: langOf(req) }));
    });

    const formFor = (t: NonNullable<ReturnType<typeof target>>, req: FastifyRequest) => {
      const wp = String((req.query as Body).werkproces ?? '');
      const werkproces = t.exam.value.werkprocessen.includes(wp) ? wp : t.exam.value.werkprocessen[0];
      return { werkproces, html: renderForm(t.review.bundle, t.review.state, { lang: langOf(req), werkproces }) };
    };

    app.get('/sessions/:id/review/:pod/:exam/form.html', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      return reply.header('content-security-policy', OFFLINE_CSP).type('text/html; charset=utf-8').send(formFor(t, req).html);
    });

    app.get('/sessions/:id/review/:pod/:exam/form.pdf', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      const f = formFor(t, req);
      const dir = mkdtempSync(join(tmpdir(), 'proeflab-form-'));
      try {
        const [file] = await htmlToPdf([{ html: f.html, out: join(dir, 'form.pdf') }]);
        const pdf = readFileSync(file);
        return reply
          .header('content-disposition', `attachment; filename="beoordelingsformulier-${t.cand.number}-${t.exam.value.id}-${f.werkproces}.pdf"`)
          .type('application/pdf')
          .send(pdf);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    app.get('/sessions/:id/review/:pod/:exam/bundle.tar.gz', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      const { spawn } = await import('node:child_process');
      const dir = t.review.dir;
      const tar = spawn('tar', ['-czf', '-', '-C', dirname(dir), basename(dir)], { stdio: ['ignore', 'pipe', 'ignore'] });
      return reply
        .header('content-disposition', `attachment; filename="${t.pod}-${t.exam.value.id}-${basename(dir)}.tar.gz"`)
        .type('application/gzip')
        .send(tar.stdout);
    });

    app.get('/sessions/:id/download/scores.csv', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'any');
      if (!acc) return reply;
      const exams = loadSessionExams(acc.session);
      const q = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
      const lines = [['kandidaatnummer', 'naam', 'klas', 'pod', 'examen', 'punten', 'max', 'cijfer', 'uitslag', 'status', 'ondertekend'].join(';')];
      for (const c of candidatesOf(db, acc.session.id))
        for (const e of exams) {
          const r = safeLoad(acc.session, c.pod, e.value.id);
          const sc = r ? effectiveResult(r.bundle, r.state).results[0].score : undefined;
          lines.push(
            [c.number, c.name, c.class, c.pod, e.value.id, sc?.points ?? '', sc?.maxPoints ?? '', sc?.grade ?? '', sc?.outcome ?? '', sc?.status ?? '', r?.state.signatures.map((x) => x.assessor).join(' & ') ?? '']
              .map(q)
              .join(';'),
          );
        }
      return reply
        .header('content-disposition', `attachment; filename="scores-${acc.session.id}.csv"`)
        .type('text/csv; charset=utf-8')
        .send('\uFEFF' + lines.join('\r\n') + '\r\n');
    });
  };
}

const OFFLINE_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
function guidance(exam: LoadedYaml<Exam>, id: string, lang: 'nl' | 'en'): string {
  const g = exam.value.criteria.find((c) => c.id === id)?.guidance;
  return g === undefined ? '' : typeof g === 'string' ? g : (lang === 'en' && g.en) || g.nl;
}
