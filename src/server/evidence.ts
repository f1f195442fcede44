// The seam between the web app and src/evidence. After every final run the server writes a sealed
// evidence bundle per candidate and exam (writeBundle); the assessors' work in the web app —
// scores, overrides, agreement, signatures, corrections, irregularities — goes through
// src/evidence/assessment.ts into that bundle's signed, append-only action log, and the review
// pages are replayed from it. The bundle is the record; the database only points at it.
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { bundlesInChain, chainDir, writeBundle } from '../evidence/bundle.js';
import { loadOrInitKey, type SigningKey } from '../evidence/crypto.js';
import { errorMessage } from '../core/util.js';
import type { RunResult } from '../model/result.js';
import type { ExamSessionRow, ServerDb } from './db.js';
import type { CheckJob } from './jobs.js';
import { loadSessionExams, sessionLab } from './model.js';

export interface EvidenceStore {
  /** Called when a run finished: seal bundles for a final run. */
  runFinished(job: CheckJob, result: RunResult): void;
  /** The sealed bundle of the latest final run for this candidate and exam. */
  bundleDir(sessionId: number, pod: string, exam: string): string | undefined;
  /** The key actions are signed with. */
  key(): SigningKey;
}

export class BundleEvidence implements EvidenceStore {
  private signingKey: SigningKey | undefined;
  constructor(
    private readonly db: ServerDb,
    private readonly root: string,
    private readonly log: FastifyBaseLogger,
    private readonly keyFile = join(root, 'signing-key.pem'),
  ) {}

  key(): SigningKey {
    return (this.signingKey ??= loadOrInitKey(this.keyFile).key);
  }

  private sessionRoot(sessionId: number) {
    return join(this.root, `session-${sessionId}`);
  }

  runFinished(job: CheckJob, result: RunResult) {
    if (job.phase !== 'eindmeting') return;
    const s = this.db.get<ExamSessionRow>('SELECT * FROM exam_sessions WHERE id = ?', job.sessionId);
    if (!s) return;
    try {
      const exams = loadSessionExams(s);
      const lab = sessionLab(this.db, s);
      for (const pr of result.results) {
        const exam = exams.find((e) => e.value.id === pr.exam);
        if (!exam) continue;
        const dir = writeBundle({ root: this.sessionRoot(s.id), result, pod: pr.pod, exam, lab, key: this.key(), signerName: `proeflab serve (${job.requestedBy})` });
        this.db.audit({ actor: 'system', action: 'evidence.bundle', sessionId: s.id, detail: { run: job.id, pod: pr.pod, exam: pr.exam, dir } });
      }
    } catch (err) {
      this.log.error({ err: errorMessage(err), run: job.id }, 'evidence bundle not written');
      this.db.audit({ actor: 'system', action: 'evidence.bundle.failed', sessionId: job.sessionId, detail: { run: job.id, error: errorMessage(err) } });
    }
  }

  bundleDir(sessionId: number, pod: string, exam: string): string | undefined {
    return bundlesInChain(chainDir(this.sessionRoot(sessionId), exam, pod)).at(-1);
  }
}
