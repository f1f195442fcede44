// Review (examiners and assessors of the session): per candidate the criteria with their evidence
// (raw output, diff from the baseline), overrides with a mandatory motivation, observation
// criteria scored on the form, a second assessor's independent scoring, agreement, sign-off,
// irregularity reports and downloads. Every action is also handed to the evidence sink, which
// appends it to the candidate's sealed evidence bundle (src/evidence).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { score } from '../core/scoring.js';
import type { Observation } from '../core/types.js';
import { stableJson } from '../core/util.js';
import type { Exam } from '../model/exam.js';
import type { LoadedYaml } from '../model/load.js';
import type { CriterionResult, PodResult, RunResult } from '../model/result.js';
import { renderHtml } from '../report/html.js';
import { sessionAccess, type MemberRole } from './auth.js';
import type { CandidateRow, ExamSessionRow, ServerDb, UserRow } from './db.js';
import { csrfField, errorPage, fmtTime, html, langOf, page, verdictBadge, wordsFor, type Raw } from './html.js';
import type { ServerWords } from './i18n.js';
import {
  assessmentsOf,
  baselineFor,
  candidatesOf,
  latestRun,
  lineDiff,
  loadSessionExams,
  podOnly,
  sameVerdict,
  scoringBy,
  type AssessmentRow,
} from './model.js';
import type { ServerContext } from './sessions.js';

/** Where review actions go besides the database: the evidence bundles (see src/server/evidence.ts). */
export interface EvidenceSink {
  action(a: { sessionId: number; pod: string; exam: string; type: 'assess' | 'override' | 'sign' | 'agree' | 'irregularity'; actor: string; data: Record<string, unknown>; motivation?: string }): void;
  /** A downloadable evidence bundle for the pod and exam, if one was written. */
  bundle?(sessionId: number, pod: string, exam: string): { file: string; name: string } | undefined;
}

interface Signoff {
  user_id: number;
  at: string;
  digest: string;
  name: string;
  username: string;
}

export interface PodExamReview {
  exam: LoadedYaml<Exam>;
  result: PodResult;
  run: RunResult;
  rows: AssessmentRow[];
  signoffs: Signoff[];
  /** The scoring of every assessor who scored or signed (user id → criteria). */
  scorers: Map<number, ReturnType<typeof scoringBy>>;
  agreed: boolean;
  final?: { criteria: CriterionResult[]; score: PodResult['score'] };
}

const digestOf = (runId: string, criteria: CriterionResult[]) =>
  createHash('sha256')
    .update(stableJson({ run: runId, verdicts: criteria.map((c) => [c.id, c.status, c.points]) }))
    .digest('hex');

/** Everything about one candidate's exam: automated result, each assessor's scoring, agreement, signatures. */
export function podExamReview(db: ServerDb, s: ExamSessionRow, pod: string, exam: LoadedYaml<Exam>): PodExamReview | undefined {
  const final = latestRun(db, s.id, pod, 'eindmeting');
  const result = final?.result.results.find((r) => r.pod === pod && r.exam === exam.value.id);
  if (!final || !result) return undefined;
  const rows = assessmentsOf(db, s.id, pod, exam.value.id);
  const signoffs = db.all<Signoff>(
    'SELECT s.user_id, s.at, s.digest, u.name, u.username FROM signoffs s JOIN users u ON u.id = s.user_id WHERE s.session_id = ? AND s.pod = ? AND s.exam = ? ORDER BY s.at',
    s.id,
    pod,
    exam.value.id,
  );
  const ids = new Set<number>([...rows.map((r) => r.user_id), ...signoffs.map((x) => x.user_id)]);
  const scorers = new Map([...ids].map((id) => [id, scoringBy(result, exam.value, rows, id)]));
  // Valid signatures: made on the scoring the signer still has, on this final run.
  const valid = signoffs.filter((x) => scorers.get(x.user_id) && digestOf(final.result.run.id, scorers.get(x.user_id)!.criteria) === x.digest);
  const digests = new Set(valid.map((x) => x.digest));
  const agreed = valid.length >= 2 && digests.size === 1;
  let fin: PodExamReview['final'];
  if (agreed) {
    const criteria = scorers.get(valid[0].user_id)!.criteria;
    fin = { criteria, score: { ...score(criteria, exam.value.scoring), status: 'vastgesteld' } };
  }
  return { exam, result, run: final.result, rows, signoffs: valid, scorers, agreed, final: fin };
}

type Body = Record<string, string | undefined>;

export function reviewRoutes(ctx: ServerContext, sink: EvidenceSink) {
  const { db } = ctx;
  return async function (app: FastifyInstance) {
    const findCandidate = (s: ExamSessionRow, pod: string) => candidatesOf(db, s.id).find((c) => c.pod === pod);

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
          const r = podExamReview(db, s, c.pod, e);
          if (!r) return html`<td class="muted">${w.noRunYet}</td>`;
          const sc = r.final?.score ?? r.result.score;
          return html`<td><span class="outcome-${sc.outcome}">${w[sc.outcome]}</span> ${sc.grade !== undefined ? sc.grade.toFixed(1) : ''} · ${r.final ? w.vastgesteld : w.voorlopig} · ${r.signoffs.length}✍</td>`;
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
      const flash = (req.query as Body).error ? { kind: 'error' as const, text: String((req.query as Body).error) } : (req.query as Body).ok ? { kind: 'ok' as const, text: String((req.query as Body).ok) } : undefined;
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
        body: html`${exams.map((e) => examSection(req, reply, s, acc.role, cand, e, baseline, w))}
<section aria-labelledby="h-irr"><h2 id="h-irr">${w.irregularities}</h2>
${irregs.length ? html`<ul>${irregs.map((i) => html`<li><time datetime="${i.at}">${fmtTime(i.at, langOf(req))}</time> · ${i.name}: ${i.text}</li>`)}</ul>` : html`<p>${w.none}</p>`}
<form method="post" action="/sessions/${s.id}/review/${pod}/irregularities" class="stack">${csrfField(reply)}
<label for="irr">${w.irregularity}</label><textarea id="irr" name="text" required minlength="10" rows="3"></textarea><button type="submit">${w.reportIt}</button></form></section>`,
      });
    });

    function examSection(req: FastifyRequest, reply: FastifyReply, s: ExamSessionRow, role: MemberRole, cand: CandidateRow, exam: LoadedYaml<Exam>, baseline: RunResult | undefined, w: ServerWords): Raw {
      const r = podExamReview(db, s, cand.pod, exam);
      const title = html`<h2>${exam.value.id} <span class="muted">[${exam.value.werkprocessen.join(', ')}]</span></h2>`;
      if (!r) return html`<section class="exam">${title}<p>${w.signBlockedNoRun}</p></section>`;
      const me = req.user!;
      const mine = scoringBy(r.result, exam.value, r.rows, me.id);
      const others = [...r.scorers.entries()].filter(([id]) => id !== me.id);
      const names = new Map(db.all<UserRow>('SELECT * FROM users').map((u) => [u.id, u.name]));
      const showOthers = mine.pendingObservation === 0;
      const obsById = new Map(r.run.observations.map((o) => [o.id, o]));
      const base = `/sessions/${s.id}/review/${cand.pod}/${exam.value.id}`;
      const signedByMe = r.signoffs.some((x) => x.user_id === me.id);
      const myRows = new Map(r.rows.filter((x) => x.user_id === me.id).map((x) => [x.criterion, x]));
      const shown = r.final?.score ?? mine.score;
      return html`<section class="exam" aria-labelledby="h-${exam.value.id}"><h2 id="h-${exam.value.id}">${exam.value.id} <span class="muted">[${exam.value.werkprocessen.join(', ')}] · run ${r.run.run.id} · ${fmtTime(r.run.run.endedAt, langOf(req))}</span></h2>
<p class="downloads">${w.downloads}: <a href="${base}/result.json" download>${w.resultJson}</a> · <a href="${base}/report.html">${w.reportHtml}</a>${sink.bundle?.(s.id, cand.pod, exam.value.id) ? html` · <a href="${base}/bundle.tar.gz">${w.bundle}</a>` : ''}</p>
<details class="vars"><summary>${w.variables}</summary><dl class="kv">${Object.entries(r.result.variables).map(
        ([k, v]) => html`<dt><code>${k}</code></dt><dd>${typeof v === 'object' && v && 'cidr' in v ? String((v as { cidr: string }).cidr) : String(v)}</dd>`,
      )}</dl></details>
<div class="criteria">${r.result.criteria.map((c, i) => {
        const my = mine.criteria[i];
        const a = myRows.get(c.id);
        const otherCells = others.map(([id, sc]) => ({ name: names.get(id) ?? String(id), c: sc.criteria[i] }));
        const disagree = showOthers && otherCells.some((o) => !sameVerdict(o.c, my));
        return html`<details class="crit${disagree ? ' disagree' : ''}" id="c-${exam.value.id}-${c.id}" data-status="${my.status}">
<summary>${verdictBadge(w, c.status)}${a ? html` → ${verdictBadge(w, my.status)}` : ''} <span class="ctitle">${c.title}</span>${c.cruciaal ? html` <span class="cru">${w.cruciaal}</span>` : ''}<span class="pts">${fmt(my.points)}/${fmt(my.maxPoints)}</span></summary>
<div class="body">
<dl class="kv"><dt>${w.criterion}</dt><dd><code>${c.id}</code></dd>
${c.message ? html`<dt>${w.outcomeMessage}</dt><dd>${c.message}</dd>` : ''}
${c.expected !== undefined ? html`<dt>${w.expected}</dt><dd><code>${show(c.expected)}</code></dd><dt>${w.actual}</dt><dd><code>${show(c.actual)}</code></dd>` : ''}
${c.feedbackExaminer ? html`<dt>${w.feedback}</dt><dd>${c.feedbackExaminer}</dd>` : ''}
${c.observe && exam.value.criteria.find((x) => x.id === c.id)?.guidance ? html`<dt>guidance</dt><dd>${guidance(exam, c.id, langOf(req))}</dd>` : ''}
${a ? html`<dt>${w.yourScoring}</dt><dd>${verdictBadge(w, my.status)} ${a.motivation} <span class="muted">(${fmtTime(a.at, langOf(req))})</span></dd>` : ''}
${showOthers ? otherCells.map((o) => html`<dt>${w.otherScoring} (${o.name})</dt><dd>${verdictBadge(w, o.c.status)} ${fmt(o.c.points)}/${fmt(o.c.maxPoints)} ${o.c.message !== c.message ? o.c.message : ''}</dd>`) : others.length ? html`<dt>${w.otherScoring}</dt><dd class="muted">${w.hiddenUntilDone}</dd>` : ''}
</dl>
${c.observations.map((oid) => obsById.get(oid)).filter((o): o is Observation => !!o).map((o) => evidenceBlock(o, baseline, w))}
${c.observe ? observationForm(reply, base, c, a, w) : overrideForm(reply, base, c, w)}
</div></details>`;
      })}</div>
<div class="scorebox"><p><strong>${r.final ? w.final : w.yourScoring}</strong>: ${fmt(shown.points)}/${fmt(shown.maxPoints)} ${w.points}${shown.grade !== undefined ? ` · ${w.grade} ${shown.grade.toFixed(1)}` : ''} · <span class="outcome-${shown.outcome}">${w[shown.outcome]}</span>${shown.cruciaalFailed.length ? ` · ${w.cruciaalFailed}: ${shown.cruciaalFailed.join(', ')}` : ''}${mine.pendingObservation ? ` · ${mine.pendingObservation} ${w.pendingObservation}` : ''}</p>
${others.length && showOthers ? html`<p>${w.agreement}: ${others.map(([id, sc]) => {
        const diffs = sc.criteria.filter((c, i) => !sameVerdict(c, mine.criteria[i])).map((c) => c.id);
        return html`<span class="${diffs.length ? 'fail-text' : 'pass-text'}">${names.get(id)}: ${diffs.length ? `${w.disagree} (${diffs.join(', ')})` : w.agree}</span> `;
      })}</p>` : ''}
<p>${w.signed}: ${r.signoffs.length ? r.signoffs.map((x) => `${x.name} (${fmtTime(x.at, langOf(req))})`).join(', ') : w.none}</p>
${signedByMe ? '' : html`<form method="post" action="${base}/sign" class="inline">${csrfField(reply)}<button type="submit">${w.sign}</button></form>`}
${role === 'examiner' ? '' : ''}</div></section>`;
    }

    function overrideForm(reply: FastifyReply, base: string, c: CriterionResult, w: ServerWords): Raw {
      const id = `o-${c.id}`;
      return html`<form method="post" action="${base}/criteria/${c.id}" class="stack override">${csrfField(reply)}<fieldset><legend>${w.override}</legend>
<label for="${id}-v">${w.newVerdict}</label><select id="${id}-v" name="verdict"><option value="pass">${w.pass}</option><option value="fail">${w.fail}</option><option value="auto">${w.automated}</option></select>
<label for="${id}-m">${w.motivation}</label><textarea id="${id}-m" name="motivation" required minlength="10" rows="2"></textarea>
<button type="submit">${w.save}</button></fieldset></form>`;
    }

    function observationForm(reply: FastifyReply, base: string, c: CriterionResult, a: AssessmentRow | undefined, w: ServerWords): Raw {
      const id = `s-${c.id}`;
      const options = c.scale === 'points' ? [0, 1] : [0, 1, 2, 3];
      return html`<form method="post" action="${base}/criteria/${c.id}" class="stack observe">${csrfField(reply)}<fieldset><legend>${w.scoreObservation}</legend>
<label for="${id}-v">${w.scoreObservation}</label><select id="${id}-v" name="score">${options.map((v) => html`<option value="${v}"${a?.value === v ? html` selected` : ''}>${v}</option>`)}</select>
<label for="${id}-m">${w.note}</label><textarea id="${id}-m" name="motivation" required minlength="10" rows="2">${a?.motivation ?? ''}</textarea>
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

    /** Resolve :id/:pod/:exam, or answer. */
    function target(req: FastifyRequest, reply: FastifyReply) {
      const acc = sessionAccess(db, req, reply, 'any');
      if (!acc) return undefined;
      const { pod, exam: examId } = req.params as { pod: string; exam: string };
      const cand = findCandidate(acc.session, pod);
      const exam = loadSessionExams(acc.session).find((e) => e.value.id === examId);
      if (!cand || !exam) {
        errorPage(req, reply, 404, wordsFor(req).notFound);
        return undefined;
      }
      return { ...acc, cand, exam, pod, back: `/sessions/${acc.session.id}/review/${pod}` };
    }

    const backWith = (reply: FastifyReply, back: string, key: 'ok' | 'error', msg: string, anchor = '') =>
      reply.redirect(`${back}?${key}=${encodeURIComponent(msg)}${anchor}`, 303);

    app.post('/sessions/:id/review/:pod/:exam/criteria/:criterion', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      const w = wordsFor(req);
      const critId = (req.params as { criterion: string }).criterion;
      const review = podExamReview(db, t.session, t.pod, t.exam);
      const c = review?.result.criteria.find((x) => x.id === critId);
      if (!review || !c) return errorPage(req, reply, 404, w.notFound);
      const b = (req.body ?? {}) as Body;
      const motivation = String(b.motivation ?? '').trim();
      const me = req.user!;
      let status: AssessmentRow['status'];
      let value: number | null = null;
      if (c.observe) {
        value = Number(b.score);
        const max = c.scale === 'points' ? 1 : 3;
        if (!Number.isInteger(value) || value < 0 || value > max) return errorPage(req, reply, 400, w.badInput);
        status = 'observed';
      } else {
        if (b.verdict === 'auto') {
          db.run('DELETE FROM assessments WHERE session_id = ? AND pod = ? AND exam = ? AND criterion = ? AND user_id = ?', t.session.id, t.pod, t.exam.value.id, c.id, me.id);
          revokeSignature(t.session.id, t.pod, t.exam.value.id, me.id);
          req.auditDetail = { pod: t.pod, exam: t.exam.value.id, criterion: c.id, verdict: 'auto', motivation };
          sink.action({ sessionId: t.session.id, pod: t.pod, exam: t.exam.value.id, type: 'override', actor: me.name, data: { criterion: c.id, status: 'auto' }, motivation });
          return reply.redirect(`${t.back}#c-${t.exam.value.id}-${c.id}`, 303);
        }
        if (b.verdict !== 'pass' && b.verdict !== 'fail') return errorPage(req, reply, 400, w.badInput);
        status = b.verdict;
      }
      if (motivation.length < 10) {
        reply.code(400);
        return page(req, reply, { title: w.badInput, flash: { kind: 'error', text: w.motivationRequired }, body: html`<p><a href="${t.back}#c-${t.exam.value.id}-${c.id}">${w.back}</a></p>` });
      }
      db.run(
        'INSERT OR REPLACE INTO assessments (session_id, pod, exam, criterion, user_id, status, value, motivation, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        t.session.id,
        t.pod,
        t.exam.value.id,
        c.id,
        me.id,
        status,
        value,
        motivation,
        new Date().toISOString(),
      );
      // A changed scoring withdraws the assessor's own earlier signature.
      revokeSignature(t.session.id, t.pod, t.exam.value.id, me.id);
      const type = c.observe ? 'assess' : 'override';
      req.auditDetail = { pod: t.pod, exam: t.exam.value.id, criterion: c.id, automated: c.status, status, value, motivation };
      sink.action({ sessionId: t.session.id, pod: t.pod, exam: t.exam.value.id, type, actor: me.name, data: { criterion: c.id, automated: c.status, status, value, run: review.run.run.id }, motivation });
      return reply.redirect(`${t.back}#c-${t.exam.value.id}-${c.id}`, 303);
    });

    function revokeSignature(sessionId: number, pod: string, exam: string, userId: number) {
      db.run('DELETE FROM signoffs WHERE session_id = ? AND pod = ? AND exam = ? AND user_id = ?', sessionId, pod, exam, userId);
    }

    app.post('/sessions/:id/review/:pod/:exam/sign', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      const w = wordsFor(req);
      const review = podExamReview(db, t.session, t.pod, t.exam);
      if (!review) return backWith(reply.code(303), t.back, 'error', w.signBlockedNoRun);
      const me = req.user!;
      const mine = scoringBy(review.result, t.exam.value, review.rows, me.id);
      if (mine.pendingObservation > 0) {
        req.auditDetail = { refused: 'pending observation' };
        return backWith(reply, t.back, 'error', w.signBlockedPending);
      }
      // Everyone who signed before must have the same scoring.
      const disagreeing = review.signoffs.filter((x) => x.user_id !== me.id && review.scorers.get(x.user_id)!.criteria.some((c, i) => !sameVerdict(c, mine.criteria[i])));
      if (disagreeing.length) {
        req.auditDetail = { refused: 'disagreement', with: disagreeing.map((x) => x.username) };
        return backWith(reply, t.back, 'error', w.signBlockedDisagree);
      }
      const digest = digestOf(review.run.run.id, mine.criteria);
      db.run('INSERT OR REPLACE INTO signoffs (session_id, pod, exam, user_id, at, digest) VALUES (?, ?, ?, ?, ?, ?)', t.session.id, t.pod, t.exam.value.id, me.id, new Date().toISOString(), digest);
      const after = podExamReview(db, t.session, t.pod, t.exam)!;
      req.auditDetail = { pod: t.pod, exam: t.exam.value.id, run: review.run.run.id, digest, points: mine.score.points, grade: mine.score.grade, outcome: mine.score.outcome, final: after.agreed };
      sink.action({ sessionId: t.session.id, pod: t.pod, exam: t.exam.value.id, type: 'sign', actor: me.name, data: { run: review.run.run.id, digest, score: mine.score } });
      if (after.agreed && after.final)
        sink.action({ sessionId: t.session.id, pod: t.pod, exam: t.exam.value.id, type: 'agree', actor: me.name, data: { run: review.run.run.id, digest, signers: after.signoffs.map((x) => x.name), score: after.final.score } });
      return backWith(reply, t.back, 'ok', after.agreed ? w.vastgesteld : w.signed + ' ' + me.name);
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
      req.auditDetail = { pod, text };
      for (const e of loadSessionExams(acc.session)) sink.action({ sessionId: acc.session.id, pod, exam: e.value.id, type: 'irregularity', actor: req.user!.name, data: { text }, motivation: text });
      return reply.redirect(`/sessions/${acc.session.id}/review/${pod}#h-irr`, 303);
    });

    // ---- downloads ----

    /** The pod's result with the agreed scoring applied (or the automated one while provisional). */
    function reviewedResult(s: ExamSessionRow, pod: string) {
      const exams = loadSessionExams(s);
      const reviews = exams.map((e) => podExamReview(db, s, pod, e)).filter((r): r is PodExamReview => !!r);
      if (!reviews.length) return undefined;
      const run = podOnly(reviews[0].run, pod);
      run.results = reviews.map((r) => (r.final ? { ...r.result, criteria: r.final.criteria, score: r.final.score } : r.result));
      return { run, reviews };
    }

    app.get('/sessions/:id/review/:pod/:exam/result.json', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      const r = reviewedResult(t.session, t.pod);
      if (!r) return errorPage(req, reply, 404, wordsFor(req).notFound);
      const names = new Map(db.all<UserRow>('SELECT * FROM users').map((u) => [u.id, u.username]));
      const out = {
        ...r.run,
        results: r.run.results.filter((x) => x.exam === t.exam.value.id),
        assessment: {
          assessments: r.reviews.find((x) => x.exam.value.id === t.exam.value.id)?.rows.map((a) => ({ ...a, user: names.get(a.user_id) })) ?? [],
          signoffs: r.reviews.find((x) => x.exam.value.id === t.exam.value.id)?.signoffs.map((x) => ({ user: x.username, name: x.name, at: x.at, digest: x.digest })) ?? [],
          irregularities: db.all('SELECT text, at, user_id FROM irregularities WHERE session_id = ? AND pod = ?', t.session.id, t.pod),
        },
      };
      return reply
        .header('content-disposition', `attachment; filename="${t.pod}-${t.exam.value.id}-result.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(out, null, 2));
    });

    app.get('/sessions/:id/review/:pod/:exam/report.html', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      const r = reviewedResult(t.session, t.pod);
      if (!r) return errorPage(req, reply, 404, wordsFor(req).notFound);
      const run = { ...r.run, results: r.run.results.filter((x) => x.exam === t.exam.value.id) };
      // The offline report carries its own inline style and filter script (its content is escaped).
      return reply
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
        .type('text/html; charset=utf-8')
        .send(renderHtml(run, { lang: langOf(req) }));
    });

    app.get('/sessions/:id/review/:pod/:exam/bundle.tar.gz', async (req, reply) => {
      const t = target(req, reply);
      if (!t) return reply;
      const b = sink.bundle?.(t.session.id, t.pod, t.exam.value.id);
      if (!b) return errorPage(req, reply, 404, wordsFor(req).notFound);
      const { spawn } = await import('node:child_process');
      const { dirname, basename } = await import('node:path');
      const tar = spawn('tar', ['-czf', '-', '-C', dirname(b.file), basename(b.file)], { stdio: ['ignore', 'pipe', 'ignore'] });
      return reply.header('content-disposition', `attachment; filename="${b.name}.tar.gz"`).type('application/gzip').send(tar.stdout);
    });

    app.get('/sessions/:id/download/scores.csv', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'any');
      if (!acc) return reply;
      const exams = loadSessionExams(acc.session);
      const q = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
      const lines = [['kandidaatnummer', 'naam', 'klas', 'pod', 'examen', 'punten', 'max', 'cijfer', 'uitslag', 'status', 'ondertekend'].join(';')];
      for (const c of candidatesOf(db, acc.session.id))
        for (const e of exams) {
          const r = podExamReview(db, acc.session, c.pod, e);
          const sc = r?.final?.score ?? r?.result.score;
          lines.push(
            [c.number, c.name, c.class, c.pod, e.value.id, sc?.points ?? '', sc?.maxPoints ?? '', sc?.grade ?? '', sc?.outcome ?? '', sc?.status ?? '', r?.signoffs.map((x) => x.username).join(' ') ?? '']
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

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
function guidance(exam: LoadedYaml<Exam>, id: string, lang: 'nl' | 'en'): string {
  const g = exam.value.criteria.find((c) => c.id === id)?.guidance;
  return g === undefined ? '' : typeof g === 'string' ? g : (lang === 'en' && g.en) || g.nl;
}
