// The web app's database: one SQLite file (node:sqlite), created on first run. It shares the file
// with the run store (runs, observations, verdicts) so a session's evidence lives in one place.
import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { RunStore } from '../store/sqlite.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('examiner','assessor','administrator')),
  password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS http_sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS exam_sessions (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('exam','practice')),
  exams TEXT NOT NULL, lab_file TEXT NOT NULL, lab_name TEXT NOT NULL,
  selfcheck_open INTEGER NOT NULL DEFAULT 0, selfcheck_detail TEXT NOT NULL DEFAULT 'criteria',
  selfcheck_max INTEGER NOT NULL DEFAULT 5, selfcheck_cooldown INTEGER NOT NULL DEFAULT 120,
  ends_at TEXT, created_by INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS session_members (
  session_id INTEGER NOT NULL, user_id INTEGER NOT NULL, role TEXT NOT NULL CHECK (role IN ('examiner','assessor')),
  PRIMARY KEY (session_id, user_id));
CREATE TABLE IF NOT EXISTS candidates (
  session_id INTEGER NOT NULL, number TEXT NOT NULL, name TEXT NOT NULL, class TEXT NOT NULL DEFAULT '', pod TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE, extra_minutes INTEGER NOT NULL DEFAULT 0, variables TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (session_id, number), UNIQUE (session_id, pod));
CREATE TABLE IF NOT EXISTS session_runs (
  run_id TEXT PRIMARY KEY, session_id INTEGER NOT NULL, phase TEXT NOT NULL, pods TEXT NOT NULL,
  status TEXT NOT NULL, error TEXT, requested_by TEXT NOT NULL, created_at TEXT NOT NULL, finished_at TEXT);
CREATE INDEX IF NOT EXISTS session_runs_by_session ON session_runs (session_id, created_at);
-- Assessors' scores, agreement and signatures live in the evidence bundles' action logs (src/evidence).
CREATE TABLE IF NOT EXISTS irregularities (
  id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL, pod TEXT NOT NULL, text TEXT NOT NULL, user_id INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, session_id INTEGER,
  status INTEGER, ip TEXT, detail TEXT);
CREATE INDEX IF NOT EXISTS audit_by_session ON audit (session_id, id);
`;

export interface UserRow {
  id: number;
  username: string;
  name: string;
  role: 'examiner' | 'assessor' | 'administrator';
  password_hash: string;
  disabled: number;
}

export interface ExamSessionRow {
  id: number;
  name: string;
  kind: 'exam' | 'practice';
  exams: string;
  lab_file: string;
  lab_name: string;
  selfcheck_open: number;
  selfcheck_detail: 'none' | 'count' | 'criteria';
  selfcheck_max: number;
  selfcheck_cooldown: number;
  ends_at: string | null;
  created_by: number;
  created_at: string;
}

export interface CandidateRow {
  session_id: number;
  number: string;
  name: string;
  class: string;
  pod: string;
  code: string;
  extra_minutes: number;
  variables: string;
}

export interface SessionRunRow {
  run_id: string;
  session_id: number;
  phase: 'nulmeting' | 'zelfcontrole' | 'eindmeting';
  pods: string;
  status: 'queued' | 'running' | 'done' | 'error';
  error: string | null;
  requested_by: string;
  created_at: string;
  finished_at: string | null;
}

export class ServerDb {
  readonly store: RunStore;
  readonly db: DatabaseSync;
  constructor(readonly path: string) {
    this.store = new RunStore(path);
    this.db = this.store.db;
    this.db.exec('PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    this.db.exec(SCHEMA);
  }

  get<T>(sql: string, ...args: (string | number | null)[]): T | undefined {
    return this.db.prepare(sql).get(...args) as T | undefined;
  }
  all<T>(sql: string, ...args: (string | number | null)[]): T[] {
    return this.db.prepare(sql).all(...args) as T[];
  }
  run(sql: string, ...args: (string | number | null)[]) {
    return this.db.prepare(sql).run(...args);
  }
  tx<T>(fn: () => T): T {
    this.db.exec('BEGIN');
    try {
      const r = fn();
      this.db.exec('COMMIT');
      return r;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  setting(key: string, make: () => string): string {
    const row = this.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', key);
    if (row) return row.value;
    const value = make();
    this.run('INSERT INTO settings (key, value) VALUES (?, ?)', key, value);
    return value;
  }

  /** The cookie-signing secret, made once per installation. */
  sessionSecret(): string {
    return this.setting('session_secret', () => randomBytes(48).toString('base64url'));
  }

  userCount(): number {
    return this.get<{ n: number }>('SELECT count(*) AS n FROM users')!.n;
  }

  audit(e: { actor: string; action: string; sessionId?: number | null; status?: number; ip?: string; detail?: unknown }) {
    this.run(
      'INSERT INTO audit (at, actor, action, session_id, status, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      new Date().toISOString(),
      e.actor,
      e.action,
      e.sessionId ?? null,
      e.status ?? null,
      e.ip ?? null,
      e.detail === undefined ? null : JSON.stringify(e.detail),
    );
  }

  close() {
    this.store.close();
  }
}

/** An express-session compatible store in the same SQLite file. */
export function sqliteSessionStore(db: ServerDb, ttlMs: number) {
  return {
    set(sid: string, session: unknown, cb: (err?: unknown) => void) {
      try {
        db.run('INSERT OR REPLACE INTO http_sessions (sid, data, expires) VALUES (?, ?, ?)', sid, JSON.stringify(session), Date.now() + ttlMs);
        cb();
      } catch (err) {
        cb(err);
      }
    },
    get(sid: string, cb: (err: unknown, s?: never | null) => void) {
      try {
        const row = db.get<{ data: string; expires: number }>('SELECT data, expires FROM http_sessions WHERE sid = ?', sid);
        if (!row || row.expires < Date.now()) return cb(null, null);
        cb(null, JSON.parse(row.data) as never);
      } catch (err) {
        cb(err);
      }
    },
    destroy(sid: string, cb: (err?: unknown) => void) {
      try {
        db.run('DELETE FROM http_sessions WHERE sid = ?', sid);
        cb();
      } catch (err) {
        cb(err);
      }
    },
  };
}
