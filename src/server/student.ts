// Students: sign in with the per-candidate code of a session (no account), see only their own pod,
// run self-checks within the examiner's limits. What they see always goes through studentView:
// never expected values, observed values, examiner feedback or raw evidence.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { studentView } from '../report/views.js';
import type { CandidateRow, ExamSessionRow, ServerDb, SessionRunRow } from './db.js';
import { csrfField, errorPage, fmtTime, html, langOf, page, verdictBadge, wordsFor } from './html.js';
import type { ServerWords } from './i18n.js';
import { assignmentFor, loadSessionExams, normaliseCode, podOnly, runResult, sessionLab } from './model.js';
import { candidateDeadline, queueRun, type ServerContext } from './sessions.js';

type Body = Record<string, string | undefined>;

interface StudentCtx {
  session: ExamSessionRow;
  cand: CandidateRow;
}

export function selfChecksOf(db: ServerDb, sessionId: number, cand: CandidateRow): SessionRunRow[] {
  return db.all<SessionRunRow>(
    "SELECT * FROM session_runs WHERE session_id = ? AND phase = 'zelfcontrole' AND requested_by = ? ORDER BY created_at DESC, rowid DESC",
    sessionId,
    `kandidaat:${cand.number}`,
  );
}

/** Whether a self-check may start now, and if not, why. */
export function selfCheckAllowed(db: ServerDb, s: ExamSessionRow, cand: CandidateRow, w: ServerWords, now = Date.now()): { ok: boolean; reason?: string; left: number; waitSeconds: number } {
  const runs = selfChecksOf(db, s.id, cand);
  const counted = runs.filter((r) => r.status !== 'error');
  const left = Math.max(0, s.selfcheck_max - counted.length);
  const last = runs[0];
  const waitSeconds = last ? Math.max(0, Math.ceil((new Date(last.created_at).getTime() + s.selfcheck_cooldown * 1000 - now) / 1000)) : 0;
  const deadline = candidateDeadline(s, cand);
  if (!s.selfcheck_open) return { ok: false, reason: w.selfcheckNotOpen, left, waitSeconds };
  if (deadline && deadline.getTime() < now) return { ok: false, reason: w.timeUp, left, waitSeconds };
  if (last && (last.status === 'queued' || last.status === 'running')) return { ok: false, reason: w.checkRunning, left, waitSeconds };
  if (left <= 0) return { ok: false, reason: w.noChecksLeft, left, waitSeconds };
  if (waitSeconds > 0) return { ok: false, reason: w.cooldownActive, left, waitSeconds };
  return { ok: true, left, waitSeconds: 0 };
}

export function studentRoutes(ctx: ServerContext, opts: { loginRateLimit: { max: number; timeWindow: number } }) {
  const { db } = ctx;
  return async function (app: FastifyInstance) {
    /** The signed-in student's session and candidate; everything a student sees is scoped by this. */
    function student(req: FastifyRequest, reply: FastifyReply): StudentCtx | undefined {
      const st = req.session.student;
      const session = st && db.get<ExamSessionRow>('SELECT * FROM exam_sessions WHERE id = ?', st.sessionId);
      const cand = st && db.get<CandidateRow>('SELECT * FROM candidates WHERE session_id = ? AND number = ?', st.sessionId, st.number);
      if (!session || !cand) {
        if (req.method === 'GET' && !req.url.endsWith('/status')) reply.redirect('/student/login');
        else errorPage(req, reply, 401, wordsFor(req).forbidden);
        return undefined;
      }
      req.auditSession = session.id;
      return { session, cand };
    }

    function loginPage(req: FastifyRequest, reply: FastifyReply, error?: string) {
      const w = wordsFor(req);
      return page(req, reply, {
        title: w.studentLogin,
        flash: error ? { kind: 'error', text: error } : undefined,
        body: html`<p>${w.studentIntro}</p><form method="post" action="/student/login" class="stack narrow">${csrfField(reply)}
<label for="f-code">${w.code}</label><input id="f-code" name="code" required autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" autofocus>
<button type="submit">${w.login}</button></form>`,
      });
    }

    app.get('/student/login', async (req, reply) => loginPage(req, reply));

    app.post(
      '/student/login',
      { config: { rateLimit: { ...opts.loginRateLimit, keyGenerator: (req: FastifyRequest) => `student:${req.ip}` } } },
      async (req, reply) => {
        const code = normaliseCode(String(((req.body ?? {}) as Body).code ?? ''));
        const cand = code ? db.get<CandidateRow>('SELECT * FROM candidates WHERE code = ?', code) : undefined;
        if (!cand) {
          req.auditActor = 'kandidaat:?';
          return loginPage(req, reply.code(401), wordsFor(req).codeWrong);
        }
        const lang = req.session.lang;
        await req.session.regenerate();
        if (lang) req.session.lang = lang;
        req.session.student = { sessionId: cand.session_id, number: cand.number, pod: cand.pod };
        req.auditSession = cand.session_id;
        req.auditActor = `kandidaat:${cand.number}`;
        return reply.redirect('/student', 303);
      },
    );

    app.post('/student/logout', async (req, reply) => {
      await req.session.destroy();
      return reply.redirect('/student/login', 303);
    });

    app.get('/student', async (req, reply) => {
      const sc = student(req, reply);
      if (!sc) return reply;
      const { session: s, cand } = sc;
      const w = wordsFor(req);
      const lang = langOf(req);
      const allowed = selfCheckAllowed(db, s, cand, w);
      const runs = selfChecksOf(db, s.id, cand);
      const last = runs[0];
      const lastDone = runs.find((r) => r.status === 'done');
      const lab = sessionLab(db, s).value;
      const deadline = candidateDeadline(s, cand);
      const running = last && (last.status === 'queued' || last.status === 'running');
      const flash = (req.query as Body).started ? { kind: 'ok' as const, text: w.checkRunning } : (req.query as Body).refused ? { kind: 'error' as const, text: String((req.query as Body).refused) } : undefined;
      return page(req, reply, {
        title: `${w.yourPod}: ${cand.pod}`,
        flash,
        scripts: running ? ['/assets/student.js'] : [],
        body: html`<p>${w.candidate} ${cand.number} · ${cand.name} · ${s.name}${deadline ? html` · ${w.endsAt} ${fmtTime(deadline.toISOString(), lang)}` : ''}</p>
<section aria-labelledby="h-check" class="panel"><h2 id="h-check">${w.selfcheck}</h2>
<p>${s.selfcheck_open ? w.selfcheckOpen : w.selfcheckClosed} · ${w.checksLeft}: <strong id="left">${allowed.left}</strong>${allowed.waitSeconds ? html` · ${w.waitUntil} <span id="wait">${allowed.waitSeconds}</span> ${w.seconds}` : ''}</p>
${running ? html`<p role="status" id="running" data-status="/student/status">${w.checkRunning}</p>` : ''}
<form method="post" action="/student/check">${csrfField(reply)}<button type="submit"${allowed.ok ? '' : html` disabled aria-disabled="true"`}>${w.checkNow}</button>${allowed.ok ? '' : html` <span class="muted">${allowed.reason}</span>`}</form>
${lastDone ? lastCheck(s, cand, lastDone, w, lang) : ''}</section>
<section aria-labelledby="h-opdr"><h2 id="h-opdr">${w.assignment}</h2>${loadSessionExams(s).map((e) => {
          const a = assignmentFor(lab, e, cand, lang);
          return html`<h3>${a.title}</h3><div class="opdracht">${a.text}</div>`;
        })}</section>`,
      });
    });

    function lastCheck(s: ExamSessionRow, cand: CandidateRow, run: SessionRunRow, w: ServerWords, lang: 'nl' | 'en') {
      const result = runResult(db, run.run_id);
      if (!result) return '';
      // Only this candidate's pod, and only what a student may see.
      const view = studentView(podOnly(result, cand.pod));
      const criteria = view.results.flatMap((p) => p.criteria).filter((c) => !c.observe);
      const passed = criteria.filter((c) => c.status === 'pass').length;
      const head = html`<h3>${w.lastCheck} · ${fmtTime(view.run.endedAt, lang)}</h3>`;
      if (s.kind === 'exam' && s.selfcheck_detail === 'none') return html`${head}<p>${w.checkDone}</p>`;
      if (s.kind === 'exam' && s.selfcheck_detail === 'count') return html`${head}<p class="count">${w.countOnly(passed, criteria.length)}</p>`;
      const feedback = s.kind === 'practice';
      return html`${head}<p class="count">${w.countOnly(passed, criteria.length)}</p><ul class="student-results">${criteria.map(
        (c) => html`<li>${verdictBadge(w, c.status === 'skipped' ? 'fail' : c.status)} <span>${c.title}</span>${
          feedback && c.status !== 'pass' && c.feedbackStudent ? html`<p class="fb">${c.feedbackStudent}</p>` : feedback && c.message ? html`<p class="fb">${c.message}</p>` : ''
        }</li>`,
      )}</ul>`;
    }

    app.post('/student/check', async (req, reply) => {
      const sc = student(req, reply);
      if (!sc) return reply;
      const w = wordsFor(req);
      // Decide and record in one transaction so a double click cannot start two checks.
      const job = db.tx(() => {
        const allowed = selfCheckAllowed(db, sc.session, sc.cand, w);
        if (!allowed.ok) return allowed.reason;
        return queueRun(ctx, sc.session, 'zelfcontrole', [sc.cand.pod], `kandidaat:${sc.cand.number}`);
      });
      if (typeof job === 'string' || job === undefined) {
        req.auditDetail = { refused: job };
        reply.code(303);
        return reply.redirect(`/student?refused=${encodeURIComponent(job ?? '')}`, 303);
      }
      req.auditDetail = { run: job.id, pod: sc.cand.pod };
      return reply.redirect('/student?started=1', 303);
    });

    app.get('/student/status', async (req, reply) => {
      const sc = student(req, reply);
      if (!sc) return reply;
      const last = selfChecksOf(db, sc.session.id, sc.cand)[0];
      return { running: !!last && (last.status === 'queued' || last.status === 'running'), status: last?.status ?? null };
    });
  };
}
