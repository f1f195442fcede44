// The exam-session domain, independent of HTTP: candidates CSV, per-candidate variables and
// assignment text, the lab with its candidates, runs of a session, and assessors' scoring.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadExam } from '../core/exams.js';
import { candidateVariables as drawFor, renderAssignment } from '../core/assignment.js';
import type { VarValue } from '../core/vars.js';
import type { Exam } from '../model/exam.js';
import { Lab } from '../model/lab.js';
import { parseYaml, type LoadedYaml } from '../model/load.js';
import type { RunResult } from '../model/result.js';
import type { Observation } from '../core/types.js';
import { stableJson } from '../core/util.js';
import type { CandidateRow, ExamSessionRow, ServerDb, SessionRunRow } from './db.js';

export interface SessionExamRef {
  id: string;
  file: string;
  sha256: string;
  title: string;
}

export interface CsvCandidate {
  number: string;
  name: string;
  klas: string;
  pod: string;
}

/** Parse the candidates CSV (comma or semicolon, optional header, quoted fields). */
export function parseCandidatesCsv(source: string): { candidates: CsvCandidate[]; problems: string[] } {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const sep = (lines[0] ?? '').includes(';') && !(lines[0] ?? '').includes(',') ? ';' : ',';
  const problems: string[] = [];
  const candidates: CsvCandidate[] = [];
  lines.forEach((line, i) => {
    const cells = splitCsvLine(line, sep).map((c) => c.trim());
    if (i === 0 && /kandidaat|number|nummer/i.test(cells[0] ?? '')) return; // header
    if (cells.length < 4) {
      problems.push(`regel ${i + 1}: verwacht kandidaatnummer,naam,klas,pod`);
      return;
    }
    const [number, name, klas, pod] = cells;
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(number)) problems.push(`regel ${i + 1}: ongeldig kandidaatnummer '${number}'`);
    else if (!pod) problems.push(`regel ${i + 1}: pod ontbreekt`);
    else candidates.push({ number, name, klas, pod });
  });
  const dup = (k: keyof CsvCandidate) => {
    const seen = new Set<string>();
    for (const c of candidates) {
      if (seen.has(c[k])) problems.push(`${k === 'pod' ? 'pod' : 'kandidaatnummer'} '${c[k]}' komt twee keer voor`);
      seen.add(c[k]);
    }
  };
  dup('number');
  dup('pod');
  if (!candidates.length && !problems.length) problems.push('geen kandidaten in het CSV-bestand');
  return { candidates, problems };
}

function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      // A quote opens a quoted field only at its start; elsewhere it is part of the text.
      quoted = true;
      cur = '';
    }
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A sign-in code for one candidate: 10 characters from an unambiguous alphabet (~50 bits). */
export function newStudentCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}
export const normaliseCode = (s: string) => {
  const c = s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return c.length === 10 ? `${c.slice(0, 5)}-${c.slice(5)}` : c;
};

export function sessionExams(s: ExamSessionRow): SessionExamRef[] {
  return JSON.parse(s.exams) as SessionExamRef[];
}

export function loadSessionExams(s: ExamSessionRow): LoadedYaml<Exam>[] {
  return sessionExams(s).map((e) => loadExam(e.file));
}

export function loadLabFile(file: string): LoadedYaml<Lab> {
  return parseYaml(file, readFileSync(file, 'utf8'), Lab);
}

/** The session's lab inventory with each pod's candidate taken from the imported CSV. */
export function sessionLab(db: ServerDb, s: ExamSessionRow): LoadedYaml<Lab> {
  const lab = loadLabFile(s.lab_file);
  const cands = candidatesOf(db, s.id);
  const byPod = new Map(cands.map((c) => [c.pod, c]));
  const pods = lab.value.pods.map((p) => {
    const c = byPod.get(p.id);
    return c ? { ...p, candidate: { id: c.number, name: c.name, ...(c.class ? { class: c.class } : {}) } } : p;
  });
  return { ...lab, value: { ...lab.value, pods } };
}

export function candidatesOf(db: ServerDb, sessionId: number): CandidateRow[] {
  return db.all<CandidateRow>('SELECT * FROM candidates WHERE session_id = ? ORDER BY pod', sessionId);
}

function podWithCandidate(lab: Lab, c: { number: string; name: string; class: string; pod: string }) {
  const pod = lab.pods.find((p) => p.id === c.pod);
  if (!pod) throw new Error(`pod '${c.pod}' staat niet in de labinventaris`);
  return { ...pod, candidate: { id: c.number, name: c.name, ...(c.class ? { class: c.class } : {}) } };
}

/** Each exam's variables for a candidate: the same draw the runner makes (src/core/assignment.ts). */
export function candidateVariables(lab: Lab, exams: LoadedYaml<Exam>[], c: { number: string; name: string; class: string; pod: string }) {
  const pod = podWithCandidate(lab, c);
  const out: Record<string, Record<string, VarValue>> = {};
  for (const e of exams) out[e.value.id] = drawFor(e.value, lab, pod).variables;
  return out;
}

/** The exam's assignment for one candidate, rendered with the candidate's own variables. */
export function assignmentFor(lab: Lab, exam: LoadedYaml<Exam>, c: CandidateRow, lang: 'nl' | 'en') {
  return renderAssignment(exam, lab, podWithCandidate(lab, c), lang);
}

// ---- runs of a session ----

export function sessionRuns(db: ServerDb, sessionId: number): SessionRunRow[] {
  return db.all<SessionRunRow>('SELECT * FROM session_runs WHERE session_id = ? ORDER BY created_at DESC, rowid DESC', sessionId);
}

export function runResult(db: ServerDb, runId: string): RunResult | undefined {
  const row = db.get<{ result: string | null }>('SELECT result FROM runs WHERE id = ?', runId);
  return row?.result ? (JSON.parse(row.result) as RunResult) : undefined;
}

/** The latest finished run of a phase that covered this pod. */
export function latestRun(db: ServerDb, sessionId: number, pod: string, phase: SessionRunRow['phase']): { row: SessionRunRow; result: RunResult } | undefined {
  for (const row of db.all<SessionRunRow>(
    "SELECT * FROM session_runs WHERE session_id = ? AND phase = ? AND status = 'done' ORDER BY created_at DESC, rowid DESC",
    sessionId,
    phase,
  )) {
    if (!(JSON.parse(row.pods) as string[]).includes(pod)) continue;
    const result = runResult(db, row.run_id);
    if (result) return { row, result };
  }
  return undefined;
}

export const podOnly = (r: RunResult, pod: string): RunResult => {
  const results = r.results.filter((p) => p.pod === pod);
  const criteria = results.flatMap((p) => p.criteria);
  const count = (s: string) => criteria.filter((c) => c.status === s).length;
  return {
    ...r,
    results,
    observations: r.observations.filter((o) => o.pod === pod),
    summary: { ...r.summary, pods: results.length ? 1 : 0, criteria: criteria.length, pass: count('pass'), fail: count('fail'), error: count('error'), skipped: count('skipped'), manual: count('manual') },
  };
};

// ---- evidence helpers ----

export function baselineFor(o: Observation, baseline: RunResult | undefined): Observation | undefined {
  if (!baseline) return undefined;
  const key = stableJson(o.params);
  const matches = baseline.observations.filter((b) => b.pod === o.pod && b.device === o.device && b.fact === o.fact && stableJson(b.params) === key);
  return matches[matches.length - 1];
}

export type DiffLine = { op: ' ' | '+' | '-'; text: string };

/** Line diff (longest common subsequence); large outputs fall back to a plain replace. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > 4_000_000) return [...a.map((t) => ({ op: '-' as const, text: t })), ...b.map((t) => ({ op: '+' as const, text: t }))];
  const n = a.length;
  const m = b.length;
  const L = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i] });
      i++;
      j++;
    } else if (L[i + 1][j] >= L[i][j + 1]) out.push({ op: '-', text: a[i++] });
    else out.push({ op: '+', text: b[j++] });
  }
  while (i < n) out.push({ op: '-', text: a[i++] });
  while (j < m) out.push({ op: '+', text: b[j++] });
  return out;
}
