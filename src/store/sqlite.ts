// The run store: SQLite in one file, no set-up. Observations and verdicts are written as they
// stream in, so a crash loses nothing that was already observed.
import type { DatabaseSync as DatabaseSyncType } from 'node:sqlite';
import { createRequire } from 'node:module';
import type { RunEvent } from '../core/runner.js';
import type { RunResult } from '../model/result.js';
import type { Observation } from '../core/types.js';

// node:sqlite is stable in behaviour but still flagged experimental in Node 22: keep its one-time
// warning out of examiners' terminals.
const require = createRequire(import.meta.url);
function loadSqlite(): typeof import('node:sqlite') {
  const emit = process.emitWarning;
  process.emitWarning = ((w: string | Error, ...rest: unknown[]) => {
    if (String(typeof w === 'string' ? w : w.message).includes('SQLite')) return;
    return (emit as (...a: unknown[]) => void).call(process, w, ...rest);
  }) as typeof process.emitWarning;
  try {
    return require('node:sqlite');
  } finally {
    process.emitWarning = emit;
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, ended_at TEXT, mode TEXT, lab TEXT, phase TEXT, exams TEXT, result TEXT);
CREATE TABLE IF NOT EXISTS observations (run_id TEXT NOT NULL, id TEXT NOT NULL, pod TEXT, device TEXT, fact TEXT, started_at TEXT, error TEXT, json TEXT NOT NULL, PRIMARY KEY (run_id, id));
CREATE TABLE IF NOT EXISTS verdicts (run_id TEXT NOT NULL, pod TEXT NOT NULL, exam TEXT NOT NULL, criterion TEXT NOT NULL, status TEXT, points REAL, json TEXT NOT NULL, PRIMARY KEY (run_id, pod, exam, criterion));
`;

export class RunStore {
  readonly db: DatabaseSyncType;
  constructor(readonly path: string) {
    const { DatabaseSync } = loadSqlite();
    this.db = new DatabaseSync(path);
    // Another process (a resumed run, the web app, a reader) may hold the file briefly: wait, don't fail.
    this.db.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.exec(SCHEMA);
  }

  /** A listener for the runner's events that persists observations and verdicts as they come. */
  recorder(runId: string, meta: { mode: string; lab: string; phase?: string; exams: string[] }) {
    this.db
      .prepare('INSERT OR IGNORE INTO runs (id, started_at, mode, lab, phase, exams) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, new Date().toISOString(), meta.mode, meta.lab, meta.phase ?? null, JSON.stringify(meta.exams));
    const obs = this.db.prepare('INSERT OR REPLACE INTO observations (run_id, id, pod, device, fact, started_at, error, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const ver = this.db.prepare('INSERT OR REPLACE INTO verdicts (run_id, pod, exam, criterion, status, points, json) VALUES (?, ?, ?, ?, ?, ?, ?)');
    return (e: RunEvent) => {
      if (e.type === 'fact-done') {
        const o = e.observation;
        obs.run(runId, o.id, o.pod, o.device, o.fact, o.startedAt, o.error ?? null, JSON.stringify(o));
      } else if (e.type === 'criterion') {
        ver.run(runId, e.pod, e.exam, e.result.id, e.result.status, e.result.points, JSON.stringify(e.result));
      }
    };
  }

  finish(runId: string, result: RunResult) {
    this.db.prepare('UPDATE runs SET ended_at = ?, result = ? WHERE id = ?').run(result.run.endedAt, JSON.stringify(result), runId);
  }

  runs(): { id: string; started_at: string; ended_at: string | null; mode: string; lab: string }[] {
    return this.db.prepare('SELECT id, started_at, ended_at, mode, lab FROM runs ORDER BY started_at').all() as never;
  }

  /** Observations recorded for a run, in the order they were made (for resuming after a crash). */
  observations(runId: string): Observation[] {
    const rows = this.db.prepare('SELECT json FROM observations WHERE run_id = ? ORDER BY rowid').all(runId) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json));
  }

  run(runId: string): { id: string; ended_at: string | null; exams: string; lab: string; mode: string; phase: string | null } | undefined {
    return this.db.prepare('SELECT id, ended_at, exams, lab, mode, phase FROM runs WHERE id = ?').get(runId) as never;
  }

  observationCount(runId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM observations WHERE run_id = ?').get(runId) as { n: number }).n;
  }

  close() {
    this.db.close();
  }
}
