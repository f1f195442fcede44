// The seam between the web app and src/evidence: after every final run the server writes a sealed
// evidence bundle per candidate and exam, and every review action (assessment, override,
// signature, agreement, irregularity) is appended to that bundle's signed action log. The
// database stays the working copy the web app reads; the bundle is what survives the server.
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { appendAction } from '../evidence/actions.js';
import { bundlesInChain, chainDir, writeBundle } from '../evidence/bundle.js';
import { loadOrInitKey, type SigningKey } from '../evidence/crypto.js';
import { errorMessage } from '../core/util.js';
import type { RunResult } from '../model/result.js';
import type { ServerDb } from './db.js';
import type { CheckJob } from './jobs.js';
import { loadSessionExams, sessionLab } from './model.js';
import type { EvidenceSink } from './review.js';
import type { ExamSessionRow } from './db.js';

export class BundleEvidence implements EvidenceSink {
  private key: SigningKey | undefined;
  constructor(
    private readonly db: ServerDb,
    private readonly root: string,
    private readonly log: FastifyBaseLogger,
    private readonly keyFile = join(root, 'signing-key.pem'),
  ) {}

  private signingKey(): SigningKey {
    return (this.key ??= loadOrInitKey(this.keyFile).key);
  }

  private sessionRoot(sessionId: number) {
    return join(this.root, `session-${sessionId}`);
  }

  /** Seal a bundle per pod and exam of a finished final run. */
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
        writeBundle({ root: this.sessionRoot(s.id), result, pod: pr.pod, exam, lab, key: this.signingKey(), signerName: `proeflab serve (${job.requestedBy})` });
      }
    } catch (err) {
      this.log.error({ err: errorMessage(err), run: job.id }, 'evidence bundle not written');
      this.db.audit({ actor: 'system', action: 'evidence.bundle.failed', sessionId: job.sessionId, detail: { run: job.id, error: errorMessage(err) } });
    }
  }

  private latest(sessionId: number, pod: string, exam: string): string | undefined {
    return bundlesInChain(chainDir(this.sessionRoot(sessionId), exam, pod)).at(-1);
  }

  action(a: Parameters<EvidenceSink['action']>[0]) {
    const dir = this.latest(a.sessionId, a.pod, a.exam);
    if (!dir) return;
    try {
      appendAction(dir, { type: a.type, actor: a.actor, data: { ...a.data, via: 'proeflab serve' }, ...(a.motivation !== undefined ? { motivation: a.motivation } : {}) }, this.signingKey());
    } catch (err) {
      this.log.error({ err: errorMessage(err), dir }, 'evidence action not appended');
      this.db.audit({ actor: 'system', action: 'evidence.action.failed', sessionId: a.sessionId, detail: { dir, type: a.type, error: errorMessage(err) } });
    }
  }

  bundle(sessionId: number, pod: string, exam: string) {
    const dir = this.latest(sessionId, pod, exam);
    return dir ? { file: dir, name: `${pod}-${exam}-${dir.split('/').at(-1)}` } : undefined;
  }
}
