// The live overview: per pod the state of its latest run (progress, provisional score, failing
// and unobservable criteria with the reason, unreachable devices), pushed to examiners' browsers
// with server-sent events. Updates are coalesced per client so 30 pods stay light on a laptop.
import type { FastifyInstance } from 'fastify';
import type { RunEvent } from '../core/runner.js';
import type { RunResult } from '../model/result.js';
import { sessionAccess } from './auth.js';
import type { ServerDb } from './db.js';
import { esc, html, page, raw, wordsFor } from './html.js';
import type { CheckJob, JobListener, Phase } from './jobs.js';
import { candidatesOf, latestRun, sessionRuns } from './model.js';

export interface PodLive {
  pod: string;
  candidate?: { number: string; name: string };
  phase?: Phase;
  runId?: string;
  state: 'idle' | 'queued' | 'running' | 'done' | 'error';
  total: number;
  decided: number;
  pass: number;
  fail: number;
  error: number;
  points: number;
  maxPoints: number;
  grade?: number;
  outcome?: string;
  failing: { exam: string; id: string; title: string; status: string; message: string }[];
  unreachable: { device: string; message: string }[];
  message?: string;
  updatedAt: string;
}

type Subscriber = (p: PodLive) => void;

export class LiveHub {
  private states = new Map<number, Map<string, PodLive>>();
  private subs = new Map<number, Set<Subscriber>>();

  constructor(private readonly db: ServerDb) {}

  /** The session's pods, rebuilt from the database after a restart. */
  snapshot(sessionId: number): PodLive[] {
    let m = this.states.get(sessionId);
    if (!m) {
      m = new Map();
      this.states.set(sessionId, m);
      for (const c of candidatesOf(this.db, sessionId)) {
        const base: PodLive = { ...empty(c.pod), candidate: { number: c.number, name: c.name } };
        const last = (['eindmeting', 'zelfcontrole', 'nulmeting'] as Phase[])
          .map((ph) => latestRun(this.db, sessionId, c.pod, ph))
          .filter((x) => !!x)
          .sort((a, b) => b!.row.created_at.localeCompare(a!.row.created_at))[0];
        m.set(c.pod, last ? fromResult(base, last.result, last.row.phase) : base);
      }
      // Runs still queued or running at start-up were lost with the old process.
      for (const r of sessionRuns(this.db, sessionId).filter((r) => r.status === 'queued' || r.status === 'running')) {
        for (const pod of JSON.parse(r.pods) as string[]) {
          const p = m.get(pod);
          if (p && (!p.runId || p.runId === r.run_id)) Object.assign(p, { state: 'error', phase: r.phase, message: 'onderbroken' });
        }
      }
    }
    return [...m.values()];
  }

  private update(sessionId: number, pod: string, fn: (p: PodLive) => void) {
    this.snapshot(sessionId);
    const m = this.states.get(sessionId)!;
    let p = m.get(pod);
    if (!p) {
      p = empty(pod);
      m.set(pod, p);
    }
    fn(p);
    p.updatedAt = new Date().toISOString();
    for (const s of this.subs.get(sessionId) ?? []) s(p);
  }

  subscribe(sessionId: number, fn: Subscriber): () => void {
    if (!this.subs.has(sessionId)) this.subs.set(sessionId, new Set());
    this.subs.get(sessionId)!.add(fn);
    return () => this.subs.get(sessionId)?.delete(fn);
  }

  queued(job: CheckJob) {
    for (const pod of job.pods)
      this.update(job.sessionId, pod, (p) => Object.assign(p, { ...empty(pod), candidate: p.candidate, state: 'queued', phase: job.phase, runId: job.id }));
  }

  /** Persist and publish: the job listener the job runner reports to. */
  listener(onFinished?: (job: CheckJob, result?: RunResult) => void): JobListener {
    const db = this.db;
    const recorders = new Map<string, (e: RunEvent) => void>();
    return {
      started: (job) => {
        db.run("UPDATE session_runs SET status = 'running' WHERE run_id = ?", job.id);
        for (const pod of job.pods) this.update(job.sessionId, pod, (p) => Object.assign(p, { state: 'running' }));
      },
      event: (job, e) => {
        if (!recorders.has(job.id)) {
          const s = db.get<{ lab_name: string; exams: string }>('SELECT lab_name, exams FROM exam_sessions WHERE id = ?', job.sessionId)!;
          recorders.set(job.id, db.store.recorder(job.id, { mode: job.mode, lab: s.lab_name, phase: job.phase, exams: (JSON.parse(s.exams) as { id: string }[]).map((x) => x.id) }));
        }
        recorders.get(job.id)!(e);
        if (e.type === 'plan') {
          const totals = new Map<string, number>();
          for (const p of e.pods) totals.set(p.pod, (totals.get(p.pod) ?? 0) + p.criteria);
          for (const [pod, total] of totals) this.update(job.sessionId, pod, (p) => Object.assign(p, { total }));
        } else if (e.type === 'device' && e.state === 'error') {
          this.update(job.sessionId, e.pod, (p) => {
            if (!p.unreachable.some((u) => u.device === e.device)) p.unreachable.push({ device: e.device, message: e.message ?? '' });
          });
        } else if (e.type === 'criterion') {
          const c = e.result;
          this.update(job.sessionId, e.pod, (p) => {
            p.decided++;
            if (c.status === 'pass') p.pass++;
            if (c.status === 'fail' || c.status === 'skipped') p.fail++;
            if (c.status === 'error') p.error++;
            p.points += c.points;
            p.maxPoints += c.maxPoints;
            if (c.status === 'fail' || c.status === 'error' || c.status === 'skipped')
              p.failing.push({ exam: e.exam, id: c.id, title: c.title, status: c.status, message: c.message });
          });
        }
      },
      finished: (job, result) => {
        recorders.delete(job.id);
        db.store.finish(job.id, result);
        db.run("UPDATE session_runs SET status = 'done', finished_at = ? WHERE run_id = ?", new Date().toISOString(), job.id);
        for (const pod of job.pods) this.update(job.sessionId, pod, (p) => Object.assign(p, fromResult({ ...p }, result, job.phase)));
        onFinished?.(job, result);
      },
      failed: (job, error) => {
        recorders.delete(job.id);
        db.run("UPDATE session_runs SET status = 'error', error = ?, finished_at = ? WHERE run_id = ?", error, new Date().toISOString(), job.id);
        for (const pod of job.pods) this.update(job.sessionId, pod, (p) => Object.assign(p, { state: 'error', message: error }));
        onFinished?.(job);
      },
    };
  }
}

function empty(pod: string): PodLive {
  return { pod, state: 'idle', total: 0, decided: 0, pass: 0, fail: 0, error: 0, points: 0, maxPoints: 0, failing: [], unreachable: [], updatedAt: new Date().toISOString() };
}

function fromResult(base: PodLive, r: RunResult, phase: Phase): PodLive {
  const prs = r.results.filter((p) => p.pod === base.pod);
  if (!prs.length) return base;
  const criteria = prs.flatMap((p) => p.criteria.map((c) => ({ exam: p.exam, c })));
  const grades = prs.map((p) => p.score.grade).filter((g): g is number => g !== undefined);
  const outcomes = prs.map((p) => p.score.outcome);
  return {
    ...base,
    phase,
    runId: r.run.id,
    state: 'done',
    total: criteria.length,
    decided: criteria.length,
    pass: criteria.filter((x) => x.c.status === 'pass').length,
    fail: criteria.filter((x) => x.c.status === 'fail' || x.c.status === 'skipped').length,
    error: criteria.filter((x) => x.c.status === 'error').length,
    points: prs.reduce((s, p) => s + p.score.points, 0),
    maxPoints: prs.reduce((s, p) => s + p.score.maxPoints, 0),
    grade: grades.length === 1 ? grades[0] : undefined,
    outcome: outcomes.includes('onvoldoende') ? 'onvoldoende' : outcomes.includes('onbepaald') ? 'onbepaald' : outcomes.includes('voldoende') ? 'voldoende' : outcomes[0],
    failing: criteria
      .filter((x) => x.c.status === 'fail' || x.c.status === 'error' || x.c.status === 'skipped')
      .map((x) => ({ exam: x.exam, id: x.c.id, title: x.c.title, status: x.c.status, message: x.c.message })),
    unreachable: prs.flatMap((p) => p.devices.filter((d) => d.error).map((d) => ({ device: d.role, message: d.error! }))).filter(
      (u, i, a) => a.findIndex((x) => x.device === u.device) === i,
    ),
    message: undefined,
  };
}

export function liveRoutes(db: ServerDb, hub: LiveHub) {
  return async function (app: FastifyInstance) {
    app.get('/sessions/:id/live', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'any');
      if (!acc) return reply;
      const w = wordsFor(req);
      const pods = hub.snapshot(acc.session.id);
      return page(req, reply, {
        title: `${w.live}: ${acc.session.name}`,
        nav: [
          { href: '/', label: w.dashboard },
          { href: `/sessions/${acc.session.id}`, label: acc.session.name },
          { href: `/sessions/${acc.session.id}/live`, label: w.live, current: true },
        ],
        scripts: ['/assets/live.js'],
        body: html`<p class="muted" id="live-status" role="status" aria-live="polite"></p>
<div class="pods" id="pods" data-events="/sessions/${acc.session.id}/live/events" data-review="/sessions/${acc.session.id}/review/" data-words="${JSON.stringify(liveWords(w))}">
${pods.map((p) => podCard(p, w, acc.session.id))}</div>`,
      });
    });

    app.get('/sessions/:id/live/events', async (req, reply) => {
      const acc = sessionAccess(db, req, reply, 'any');
      if (!acc) return reply;
      const sessionId = acc.session.id;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (p: PodLive) => res.write(`event: pod\ndata: ${JSON.stringify(p)}\n\n`);
      hub.snapshot(sessionId).forEach(send);
      // Coalesce: at most one message per pod per 250 ms per client.
      const pending = new Map<string, PodLive>();
      let timer: NodeJS.Timeout | undefined;
      const unsubscribe = hub.subscribe(sessionId, (p) => {
        pending.set(p.pod, p);
        timer ??= setTimeout(() => {
          timer = undefined;
          for (const q of pending.values()) send(q);
          pending.clear();
        }, 250);
      });
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.raw.on('close', () => {
        unsubscribe();
        clearInterval(ping);
        if (timer) clearTimeout(timer);
      });
      return reply;
    });
  };
}

function liveWords(w: ReturnType<typeof wordsFor>) {
  return {
    phases: w.phases,
    runStatus: { ...w.runStatus, idle: w.noRunYet },
    unreachable: w.unreachable,
    pass: w.pass,
    fail: w.fail,
    error: w.error,
    skipped: w.skipped,
    review: w.review,
    provisional: w.provisional,
    grade: w.grade,
    points: w.points,
    outcomes: { voldoende: w.voldoende, goed: w.goed, onvoldoende: w.onvoldoende, onbepaald: w.onbepaald },
  };
}

export function podCard(p: PodLive, w: ReturnType<typeof wordsFor>, sessionId: number) {
  const pct = p.total ? Math.round((100 * p.decided) / p.total) : p.state === 'done' ? 100 : 0;
  const stateLabel = p.state === 'idle' ? w.noRunYet : w.runStatus[p.state];
  return html`<article class="pod state-${p.state}" id="pod-${p.pod}" aria-labelledby="pod-${p.pod}-h">
<h2 id="pod-${p.pod}-h">${p.pod}<span class="cand">${p.candidate ? ` · ${p.candidate.number} ${p.candidate.name}` : ''}</span></h2>
<p class="meta"><span class="phase">${p.phase ? w.phases[p.phase] : ''}</span> <span class="state">${stateLabel}</span></p>
<progress max="100" value="${pct}" aria-label="${w.progress} ${p.pod}">${pct}%</progress>
<p class="counts"><span class="c-pass">${p.pass} ${w.pass}</span> · <span class="c-fail">${p.fail} ${w.fail}</span> · <span class="c-error">${p.error} ${w.error}</span></p>
<p class="score">${w.provisional}: <strong>${fmtPoints(p.points)}/${fmtPoints(p.maxPoints)}</strong>${p.grade !== undefined ? ` · ${w.grade} ${p.grade.toFixed(1)}` : ''}${p.outcome ? raw(` · <span class="outcome-${p.outcome}">${escOutcome(w, p.outcome)}</span>`) : ''}</p>
${p.unreachable.length ? html`<p class="unreach" role="alert">${p.unreachable.map((u) => html`<span>${u.device} ${w.unreachable}: ${u.message}</span>`)}</p>` : ''}
${p.message ? html`<p class="unreach">${p.message}</p>` : ''}
<ul class="failing">${p.failing.slice(0, 8).map((f) => html`<li class="f-${f.status}"><strong>${f.id}</strong>: ${f.message}</li>`)}${p.failing.length > 8 ? html`<li>… +${p.failing.length - 8}</li>` : ''}</ul>
<p><a href="/sessions/${sessionId}/review/${p.pod}">${w.review} ${p.pod}</a></p></article>`;
}

const fmtPoints = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const escOutcome = (w: ReturnType<typeof wordsFor>, o: string) => esc((w as unknown as Record<string, string>)[o] ?? o);
