// Exam sessions (examiner): create from the catalog with a candidates CSV and a lab inventory,
// per-candidate variables and assignment sheets, runs (baseline, final), the self-check window,
// exam time and extra time per candidate, members of the session.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findExamFiles, loadExam } from '../core/exams.js';
import { newRunId } from '../core/runner.js';
import { errorMessage } from '../core/util.js';
import { text } from '../model/exam.js';
import { InputError, formatProblem } from '../model/load.js';
import { auditTable, requireUser, sessionAccess } from './auth.js';
import type { CandidateRow, ExamSessionRow, ServerDb, UserRow } from './db.js';
import { csrfField, errorPage, fmtTime, html, page, wordsFor, langOf, type Raw } from './html.js';
import type { CheckJob, JobRunner, Phase } from './jobs.js';
import type { LiveHub } from './live.js';
import {
  assignmentFor,
  candidatesOf,
  candidateVariables,
  loadLabFile,
  loadSessionExams,
  newStudentCode,
  parseCandidatesCsv,
  sessionExams,
  sessionLab,
  sessionRuns,
  type SessionExamRef,
} from './model.js';

type Body = Record<string, unknown>;
const str = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === '' ? [] : [String(v)]);

export interface ServerContext {
  db: ServerDb;
  hub: LiveHub;
  jobs: JobRunner;
  dataDir: string;
  examsDir?: string;
}

/** Fail early when the lab's secrets cannot be read (rather than at the first run). */
function sessionLabCheck(lab: ReturnType<typeof loadLabFile>) {
  const f = lab.value.secrets_file;
  if (f && !existsSync(resolve(dirname(lab.file), f))) throw new Error(`secrets_file '${f}' ontbreekt: upload het bij de labinventaris`);
}

/** Queue a run of the session's exams for some pods. */
export function queueRun(ctx: ServerContext, s: ExamSessionRow, phase: Phase, pods: string[], requestedBy: string): CheckJob {
  const job: CheckJob = { id: newRunId(), sessionId: s.id, phase, mode: phase === 'zelfcontrole' ? 'practice' : 'exam', pods, requestedBy };
  ctx.db.run(
    "INSERT INTO session_runs (run_id, session_id, phase, pods, status, requested_by, created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)",
    job.id,
    s.id,
    phase,
    JSON.stringify(pods),
    requestedBy,
    new Date().toISOString(),
  );
  ctx.hub.queued(job);
  ctx.jobs.submit(job);
  return job;
}

/** The deadline of one candidate: the session's end plus their extra time. */
export function candidateDeadline(s: ExamSessionRow, c: CandidateRow): Date | undefined {
  if (!s.ends_at) return undefined;
  return new Date(new Date(s.ends_at).getTime() + c.extra_minutes * 60_000);
}

export function sessionRoutes(ctx: ServerContext) {
  const { db } = ctx;
  return async function (app: FastifyInstance) {
    app.get('/', async (req, reply) => {
      if (db.userCount() === 0) return reply.redirect('/setup');
      const user = requireUser(req, reply);
      if (!user) return reply;
      const w = wordsFor(req);
      const rows =
        user.role === 'administrator'
          ? db.all<ExamSessionRow>('SELECT * FROM exam_sessions ORDER BY created_at DESC')
          : db.all<ExamSessionRow>(
              'SELECT s.* FROM exam_sessions s JOIN session_members m ON m.session_id = s.id WHERE m.user_id = ? ORDER BY s.created_at DESC',
              user.id,
            );
      const canCreate = user.role !== 'assessor';
      return page(req, reply, {
        title: w.sessions,
        body: html`${canCreate ? html`<p><a class="button" href="/sessions/new">${w.newSession}</a></p>` : ''}
${rows.length ? html`<table class="grid"><thead><tr><th scope="col">${w.sessionName}</th><th scope="col">${w.kind}</th><th scope="col">${w.exams}</th><th scope="col">${w.candidates}</th><th scope="col"></th></tr></thead><tbody>
${rows.map((s) => html`<tr><td><a href="/sessions/${s.id}">${s.name}</a></td><td>${w.kinds[s.kind]}</td><td>${sessionExams(s).map((e) => e.title).join(', ')}</td><td>${db.get<{ n: number }>('SELECT count(*) AS n FROM candidates WHERE session_id = ?', s.id)!.n}</td>
<td><a href="/sessions/${s.id}/live">${w.live}</a> · <a href="/sessions/${s.id}/review">${w.review}</a></td></tr>`)}</tbody></table>` : html`<p>${w.noSessions}</p>`}
${user.role === 'administrator' ? html`<p><a href="/admin/users">${w.users}</a> · <a href="/admin/audit">${w.audit}</a></p>` : ''}`,
      });
    });

    const catalog = () =>
      findExamFiles(ctx.examsDir).flatMap((file) => {
        try {
          const e = loadExam(file);
          return [{ file, exam: e }];
        } catch {
          return [];
        }
      });

    function newSessionPage(req: FastifyRequest, reply: FastifyReply, error?: string) {
      const w = wordsFor(req);
      const lang = langOf(req);
      return page(req, reply, {
        title: w.newSession,
        flash: error ? { kind: 'error', text: error } : undefined,
        nav: [{ href: '/', label: w.dashboard }, { href: '/sessions/new', label: w.newSession, current: true }],
        body: html`<form method="post" action="/sessions" enctype="multipart/form-data" class="stack">${csrfField(reply)}
<label for="s-name">${w.sessionName}</label><input id="s-name" name="name" required maxlength="120">
<fieldset><legend>${w.kind}</legend>
<label><input type="radio" name="kind" value="exam" checked> ${w.kinds.exam}</label>
<label><input type="radio" name="kind" value="practice"> ${w.kinds.practice}</label></fieldset>
<fieldset><legend>${w.exams}</legend>${catalog().map(
          ({ exam }) =>
            html`<label class="exam-choice"><input type="checkbox" name="exams" value="${exam.value.id}"> <strong>${text(exam.value.title, lang)}</strong> <span class="muted">${exam.value.id} ${exam.value.version} · ${exam.value.werkprocessen.join(', ')}</span></label>`,
        )}</fieldset>
<label for="s-lab">${w.labFile}</label><input id="s-lab" name="lab" type="file" accept=".yaml,.yml" required>
<label for="s-secrets">${w.secretsFile}</label><input id="s-secrets" name="secrets" type="file" accept=".yaml,.yml" aria-describedby="s-secrets-help"><small id="s-secrets-help">${w.secretsHelp}</small>
<label for="s-csv">${w.candidatesCsv}</label><input id="s-csv" name="candidates" type="file" accept=".csv,text/csv" required>
<button type="submit">${w.create}</button></form>`,
      });
    }

    app.get('/sessions/new', async (req, reply) => {
      if (!requireUser(req, reply, ['examiner', 'administrator'])) return reply;
      return newSessionPage(req, reply);
    });

    app.post('/sessions', async (req, reply) => {
      const user = requireUser(req, reply, ['examiner', 'administrator']);
      if (!user) return reply;
      const w = wordsFor(req);
      const b = (req.body ?? {}) as Body;
      const name = str(b.name).trim();
      const kind = str(b.kind) === 'practice' ? 'practice' : 'exam';
      const examIds = list(b.exams);
      const labSource = str(b.lab);
      const secretsSource = str(b.secrets);
      const csv = str(b.candidates);
      const fail = (msg: string) => newSessionPage(req, reply.code(400), msg);
      if (!name) return fail(`${w.badInput}: ${w.sessionName}`);
      const cat = catalog();
      const chosen = examIds.map((id) => cat.find((c) => c.exam.value.id === id));
      if (!chosen.length || chosen.some((c) => !c)) return fail(`${w.badInput}: ${w.exams}`);
      const parsed = parseCandidatesCsv(csv);
      if (parsed.problems.length) return fail(`${w.badInput}: ${parsed.problems.join('; ')}`);

      // The lab file is kept in the data directory: a lab's secrets_file is relative to it.
      const sessionId = Number(db.get<{ n: number }>('SELECT coalesce(max(id), 0) + 1 AS n FROM exam_sessions')!.n);
      const labFile = join(ctx.dataDir, 'sessions', String(sessionId), 'lab.yaml');
      // The id is not taken yet, so anything in its directory is left over from a refused attempt.
      rmSync(dirname(labFile), { recursive: true, force: true });
      mkdirSync(dirname(labFile), { recursive: true });
      writeFileSync(labFile, labSource);
      let lab;
      try {
        lab = loadLabFile(labFile);
        // The lab's secrets file (credentials of the devices) is uploaded next to it, readable by the server only.
        if (secretsSource.trim()) {
          const rel = lab.value.secrets_file;
          const target = rel ? resolve(dirname(labFile), rel) : '';
          if (!rel || !target.startsWith(dirname(labFile) + sep)) return fail(`${w.secretsFile}: ${w.secretsWhere}`);
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, secretsSource, { mode: 0o600 });
        }
        sessionLabCheck(lab);
      } catch (err) {
        return fail(`${w.labFile}: ${err instanceof InputError ? err.problems.map(formatProblem).join('; ') : errorMessage(err)}`);
      }
      const missing = parsed.candidates.filter((c) => !lab.value.pods.some((p) => p.id === c.pod));
      if (missing.length) return fail(`${w.badInput}: pod ${missing.map((c) => c.pod).join(', ')} ∉ ${w.labFile}`);
      const exams = chosen.map((c) => c!.exam);
      const refs: SessionExamRef[] = exams.map((e) => ({ id: e.value.id, file: e.file, sha256: e.sha256, title: text(e.value.title, langOf(req)) }));
      let rows;
      try {
        rows = parsed.candidates.map((c) => ({ ...c, variables: candidateVariables(lab.value, exams, { ...c, class: c.klas }) }));
      } catch (err) {
        return fail(`${w.variables}: ${errorMessage(err)}`);
      }
      db.tx(() => {
        db.run(
          'INSERT INTO exam_sessions (id, name, kind, exams, lab_file, lab_name, selfcheck_open, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          sessionId,
          name,
          kind,
          JSON.stringify(refs),
          labFile,
          lab.value.name,
          kind === 'practice' ? 1 : 0,
          user.id,
          new Date().toISOString(),
        );
        db.run("INSERT INTO session_members (session_id, user_id, role) VALUES (?, ?, 'examiner')", sessionId, user.id);
        for (const c of rows) {
          db.run(
            'INSERT INTO candidates (session_id, number, name, class, pod, code, variables) VALUES (?, ?, ?, ?, ?, ?, ?)',
            sessionId,
            c.number,
            c.name,
            c.klas,
            c.pod,
            newStudentCode(),
            JSON.stringify(c.variables),
          );
        }
      });
      req.auditSession = sessionId;
      req.auditDetail = { name, kind, exams: refs.map((r) => `${r.id}@${r.sha256.slice(0, 12)}`), candidates: rows.length, lab: lab.value.name };
      return reply.redirect(`/sessions/${sessionId}`, 303);
    });

    app.get('/sessions/:id', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'any');
      if (!acc) return reply;
      const { session: s, role } = acc;
      const w = wordsFor(req);
      const lang = langOf(req);
      const cands = candidatesOf(db, s.id);
      const runs = sessionRuns(db, s.id).slice(0, 30);
      const members = db.all<UserRow & { mrole: string }>(
        'SELECT u.*, m.role AS mrole FROM session_members m JOIN users u ON u.id = m.user_id WHERE m.session_id = ? ORDER BY m.role DESC, u.name',
        s.id,
      );
      const ex = role === 'examiner';
      // An exam file that changed since the session was created would grade against other rules.
      const changed = sessionExams(s).filter((e) => {
        try {
          return loadExam(e.file).sha256 !== e.sha256;
        } catch {
          return true;
        }
      });
      const flash = changed.length
        ? { kind: 'error' as const, text: `${w.examChanged}: ${changed.map((e) => e.id).join(', ')}` }
        : (req.query as Record<string, string>).queued
          ? { kind: 'ok' as const, text: w.runQueued }
          : undefined;
      const runForm = (phase: Phase, label: string, pod?: string): Raw =>
        html`<form method="post" action="/sessions/${s.id}/runs" class="inline">${csrfField(reply)}<input type="hidden" name="phase" value="${phase}">${pod ? html`<input type="hidden" name="pod" value="${pod}">` : ''}<button type="submit"${pod ? html` aria-label="${label} ${pod}"` : ''}>${label}</button></form>`;
      return page(req, reply, {
        title: s.name,
        flash,
        nav: [{ href: '/', label: w.dashboard }, { href: `/sessions/${s.id}`, label: s.name, current: true }],
        body: html`<p class="muted">${w.kinds[s.kind]} · ${sessionExams(s).map((e) => `${e.title} (${e.id})`).join(', ')} · lab ${s.lab_name}</p>
<p class="actions"><a class="button" href="/sessions/${s.id}/live">${w.live}</a> <a class="button" href="/sessions/${s.id}/review">${w.review}</a> <a class="button secondary" href="/sessions/${s.id}/sheets">${w.sheets}</a> <a class="button secondary" href="/sessions/${s.id}/download/scores.csv">${w.scoresCsv}</a> <a class="button secondary" href="/sessions/${s.id}/audit">${w.audit}</a></p>
${ex ? html`<section aria-labelledby="h-run"><h2 id="h-run">${w.startRun}</h2><p class="actions">${runForm('nulmeting', w.baseline)} ${runForm('eindmeting', w.finalAll)}</p></section>
<section aria-labelledby="h-sc" class="cols"><div><h2 id="h-sc">${s.selfcheck_open ? w.selfcheckOpen : w.selfcheckClosed}</h2>
<form method="post" action="/sessions/${s.id}/selfcheck" class="stack narrow">${csrfField(reply)}
<fieldset><legend>${w.selfcheck}</legend><label><input type="radio" name="open" value="1"${s.selfcheck_open ? html` checked` : ''}> ${w.open}</label> <label><input type="radio" name="open" value="0"${s.selfcheck_open ? '' : html` checked`}> ${w.close}</label></fieldset>
<label for="sc-detail">${w.detail}</label><select id="sc-detail" name="detail">${(['none', 'count', 'criteria'] as const).map((d) => html`<option value="${d}"${s.selfcheck_detail === d ? html` selected` : ''}>${w.details[d]}</option>`)}</select>
<label for="sc-max">${w.maxChecks}</label><input id="sc-max" name="max" type="number" min="0" max="100" value="${s.selfcheck_max}">
<label for="sc-cool">${w.cooldown}</label><input id="sc-cool" name="cooldown" type="number" min="0" max="86400" value="${s.selfcheck_cooldown}">
<button type="submit">${w.save}</button></form></div>
<div><h2>${w.timer}</h2><p>${w.endsAt}: ${fmtTime(s.ends_at, lang)}</p>
<form method="post" action="/sessions/${s.id}/timer" class="stack narrow">${csrfField(reply)}<label for="t-min">${w.startTimer}</label><input id="t-min" name="minutes" type="number" min="0" max="1440" value="180"><button type="submit">${w.save}</button></form></div></section>` : ''}
<section aria-labelledby="h-c"><h2 id="h-c">${w.candidates}</h2>
<table class="grid"><thead><tr><th scope="col">${w.pod}</th><th scope="col">${w.number}</th><th scope="col">${w.name}</th><th scope="col">${w.klas}</th>${ex ? html`<th scope="col">${w.code}</th><th scope="col">${w.extraTime}</th><th scope="col">${w.finalOne}</th>` : ''}<th scope="col">${w.review}</th></tr></thead><tbody>
${cands.map(
  (c) => html`<tr><td>${c.pod}</td><td>${c.number}</td><td>${c.name}</td><td>${c.class}</td>${
    ex
      ? html`<td><code class="code" data-pod="${c.pod}">${c.code}</code></td><td><form method="post" action="/sessions/${s.id}/candidates/${c.number}/extra-time" class="inline">${csrfField(reply)}<label class="sr-only" for="x-${c.number}">${w.extraTime} ${c.number}</label><input id="x-${c.number}" name="minutes" type="number" min="0" max="600" value="${c.extra_minutes}" class="short"><button type="submit" class="small">${w.save}</button></form></td><td>${runForm('eindmeting', w.finalOne, c.pod)}</td>`
      : ''
  }<td><a href="/sessions/${s.id}/review/${c.pod}">${w.review}</a></td></tr>`,
)}</tbody></table></section>
<section aria-labelledby="h-r"><h2 id="h-r">${w.runs}</h2>${runs.length ? html`<table class="grid"><thead><tr><th scope="col">${w.when}</th><th scope="col">${w.run}</th><th scope="col">${w.pod}</th><th scope="col">${w.status}</th><th scope="col">${w.actor}</th></tr></thead><tbody>
${runs.map((r) => html`<tr><td>${fmtTime(r.created_at, lang)}</td><td>${w.phases[r.phase]}</td><td>${(JSON.parse(r.pods) as string[]).join(', ')}</td><td class="rs-${r.status}">${w.runStatus[r.status]}${r.error ? `: ${r.error}` : ''}</td><td>${r.requested_by}</td></tr>`)}</tbody></table>` : html`<p>${w.none}</p>`}</section>
<section aria-labelledby="h-m"><h2 id="h-m">${w.members}</h2><ul>${members.map((m) => html`<li>${m.name} (${m.username}) · ${w.roles[m.mrole as 'examiner']}</li>`)}</ul>
${ex ? html`<form method="post" action="/sessions/${s.id}/members" class="inline-form">${csrfField(reply)}<label for="m-user">${w.username}</label> <input id="m-user" name="username" required> <label for="m-role">${w.role}</label> <select id="m-role" name="role"><option value="assessor">${w.roles.assessor}</option><option value="examiner">${w.roles.examiner}</option></select> <button type="submit">${w.addMember}</button></form>` : ''}</section>`,
      });
    });

    app.post('/sessions/:id/runs', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'examiner');
      if (!acc) return reply;
      const b = (req.body ?? {}) as Body;
      const phase = str(b.phase);
      if (phase !== 'nulmeting' && phase !== 'eindmeting') return errorPage(req, reply, 400, wordsFor(req).badInput);
      const all = candidatesOf(db, acc.session.id).map((c) => c.pod);
      const pod = str(b.pod);
      if (pod && !all.includes(pod)) return errorPage(req, reply, 400, wordsFor(req).badInput);
      const job = queueRun(ctx, acc.session, phase, pod ? [pod] : all, req.user!.username);
      req.auditDetail = { run: job.id, phase, pods: job.pods };
      return reply.redirect(`/sessions/${acc.session.id}?queued=${job.id}`, 303);
    });

    app.post('/sessions/:id/selfcheck', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'examiner');
      if (!acc) return reply;
      const b = (req.body ?? {}) as Body;
      const detail = str(b.detail);
      const max = Number(str(b.max));
      const cooldown = Number(str(b.cooldown));
      if (!['none', 'count', 'criteria'].includes(detail) || !Number.isInteger(max) || max < 0 || max > 100 || !Number.isInteger(cooldown) || cooldown < 0 || cooldown > 86400)
        return errorPage(req, reply, 400, wordsFor(req).badInput);
      const open = str(b.open) === '1' ? 1 : 0;
      db.run('UPDATE exam_sessions SET selfcheck_open = ?, selfcheck_detail = ?, selfcheck_max = ?, selfcheck_cooldown = ? WHERE id = ?', open, detail, max, cooldown, acc.session.id);
      req.auditDetail = { open: !!open, detail, max, cooldown };
      return reply.redirect(`/sessions/${acc.session.id}`, 303);
    });

    app.post('/sessions/:id/timer', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'examiner');
      if (!acc) return reply;
      const minutes = Number(str(((req.body ?? {}) as Body).minutes));
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) return errorPage(req, reply, 400, wordsFor(req).badInput);
      const endsAt = minutes ? new Date(Date.now() + minutes * 60_000).toISOString() : null;
      db.run('UPDATE exam_sessions SET ends_at = ? WHERE id = ?', endsAt, acc.session.id);
      req.auditDetail = { minutes, endsAt };
      return reply.redirect(`/sessions/${acc.session.id}`, 303);
    });

    app.post('/sessions/:id/candidates/:number/extra-time', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'examiner');
      if (!acc) return reply;
      const number = (req.params as { number: string }).number;
      const minutes = Number(str(((req.body ?? {}) as Body).minutes));
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 600) return errorPage(req, reply, 400, wordsFor(req).badInput);
      const r = db.run('UPDATE candidates SET extra_minutes = ? WHERE session_id = ? AND number = ?', minutes, acc.session.id, number);
      if (!r.changes) return errorPage(req, reply, 404, wordsFor(req).notFound);
      req.auditDetail = { candidate: number, extraMinutes: minutes };
      return reply.redirect(`/sessions/${acc.session.id}`, 303);
    });

    app.post('/sessions/:id/members', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'examiner');
      if (!acc) return reply;
      const b = (req.body ?? {}) as Body;
      const role = str(b.role) === 'examiner' ? 'examiner' : 'assessor';
      const u = db.get<UserRow>('SELECT * FROM users WHERE username = ? AND disabled = 0', str(b.username).trim());
      if (!u) return errorPage(req, reply, 400, `${wordsFor(req).badInput}: ${str(b.username)}`);
      db.run('INSERT OR REPLACE INTO session_members (session_id, user_id, role) VALUES (?, ?, ?)', acc.session.id, u.id, role);
      req.auditDetail = { member: u.username, role };
      return reply.redirect(`/sessions/${acc.session.id}`, 303);
    });

    app.get('/sessions/:id/sheets', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'examiner');
      if (!acc) return reply;
      const s = acc.session;
      const w = wordsFor(req);
      const lang = langOf(req);
      const lab = sessionLab(db, s).value;
      const exams = loadSessionExams(s);
      const url = `${req.protocol}://${req.headers.host ?? 'localhost'}/student/login`;
      return page(req, reply, {
        title: `${w.sheets}: ${s.name}`,
        nav: [
          { href: '/', label: w.dashboard },
          { href: `/sessions/${s.id}`, label: s.name },
          { href: `/sessions/${s.id}/sheets`, label: w.sheets, current: true },
        ],
        body: html`<p class="noprint"><button type="button" data-print>${w.print}</button></p>
${candidatesOf(db, s.id).map(
  (c) => html`<article class="sheet"><h2>${w.sheetTitle} · ${s.name}</h2>
<dl class="kv"><dt>${w.candidate}</dt><dd>${c.number} · ${c.name}${c.class ? ` · ${c.class}` : ''}</dd><dt>${w.pod}</dt><dd>${c.pod}</dd><dt>${w.code}</dt><dd><code class="code">${c.code}</code> (${url})</dd></dl>
${exams.map((e) => {
  const a = assignmentFor(lab, e, c, lang);
  return html`<section><h3>${a.title} <span class="muted">[${a.werkprocessen.join(', ')}]</span></h3><div class="opdracht">${a.text}</div></section>`;
})}
</article>`,
)}`,
      });
    });

    app.get('/sessions/:id/audit', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'examiner');
      if (!acc) return reply;
      const w = wordsFor(req);
      const rows = db.all<{ at: string; actor: string; action: string; session_id: number | null; status: number | null; detail: string | null }>(
        'SELECT * FROM audit WHERE session_id = ? ORDER BY id DESC LIMIT 1000',
        acc.session.id,
      );
      return page(req, reply, {
        title: `${w.audit}: ${acc.session.name}`,
        nav: [
          { href: '/', label: w.dashboard },
          { href: `/sessions/${acc.session.id}`, label: acc.session.name },
          { href: `/sessions/${acc.session.id}/audit`, label: w.audit, current: true },
        ],
        body: auditTable(w, rows),
      });
    });
  };
}
