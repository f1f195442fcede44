// Terminal summary: per pod the criteria with verdict and the voorlopige uitslag.
import pc from 'picocolors';
import type { PodResult, RunResult } from '../model/result.js';
import { words, type Lang } from './i18n.js';
import { isStudentMode } from './views.js';

const SYMBOL: Record<string, string> = { pass: '✔', fail: '✘', error: '!', skipped: '−', manual: '○' };
const COLOR: Record<string, (s: string) => string> = { pass: pc.green, fail: pc.red, error: pc.yellow, skipped: pc.dim, manual: pc.cyan };

export function renderText(r: RunResult, opts: { lang?: Lang; verbose?: boolean } = {}): string {
  const w = words(opts.lang ?? r.run.lang);
  const student = isStudentMode(r);
  const lines: string[] = [];
  for (const p of r.results) {
    lines.push('', podHeader(p, r, w));
    for (const c of p.criteria) {
      const color = COLOR[c.status] ?? ((s: string) => s);
      const pts = c.observe ? '' : pc.dim(` ${c.points}/${c.maxPoints}`);
      const cru = c.cruciaal ? pc.bold(` [${w.cruciaal}]`) : '';
      lines.push(`  ${color(SYMBOL[c.status])} ${c.title}${cru}${pts}`);
      if (student) {
        if (c.status !== 'pass' && c.feedbackStudent) lines.push(pc.dim(`      ${c.feedbackStudent}`));
        else if (c.status === 'error' || c.status === 'skipped') lines.push(pc.dim(`      ${c.message}`));
      } else if (c.status !== 'pass' || opts.verbose) {
        if (c.message) lines.push(pc.dim(`      ${c.message}`));
        if (c.status === 'fail' && c.expected !== undefined)
          lines.push(pc.dim(`      ${w.expected}: ${fmt(c.expected)} · ${w.actual}: ${fmt(c.actual)}`));
      }
    }
    lines.push(scoreLine(p, w));
  }
  const s = r.summary;
  lines.push(
    '',
    `${w.summary}: ${s.pods} ${w.pod}(s), ${s.criteria} ${w.criteria}: ` +
      [
        pc.green(`${s.pass} ${w.pass}`),
        s.fail ? pc.red(`${s.fail} ${w.fail}`) : `${s.fail} ${w.fail}`,
        s.error ? pc.yellow(`${s.error} ${w.error}`) : `${s.error} ${w.error}`,
        `${s.skipped} ${w.skipped}`,
        `${s.manual} ${w.manual}`,
      ].join(', '),
  );
  if (!student) lines.push(pc.dim(`${s.factsFetched} ${w.factsFetched} (${s.factsRequested} ${w.factsRequested})`));
  return lines.join('\n') + '\n';
}

function podHeader(p: PodResult, r: RunResult, w: ReturnType<typeof words>): string {
  const exam = r.exams.find((e) => e.id === p.exam);
  const who = p.candidate ? `${w.candidate} ${p.candidate.id}${p.candidate.name ? ` (${p.candidate.name})` : ''}` : '';
  return pc.bold(`${w.pod} ${p.pod}${who ? ' · ' + who : ''} · ${exam?.title ?? p.exam} [${exam?.werkprocessen.join(', ') ?? ''}]`);
}

function scoreLine(p: PodResult, w: ReturnType<typeof words>): string {
  const s = p.score;
  const color = s.outcome === 'onvoldoende' ? pc.red : s.outcome === 'onbepaald' ? pc.yellow : pc.green;
  const parts = [`${s.points}/${s.maxPoints} ${w.points}`];
  if (s.grade !== undefined) parts.push(`${w.grade} ${s.grade.toFixed(1)}`);
  parts.push(color(w[s.outcome]));
  if (s.cruciaalFailed.length) parts.push(pc.red(`${w.cruciaalFailed}: ${s.cruciaalFailed.join(', ')}`));
  if (s.pendingObservation) parts.push(`${s.pendingObservation} ${w.pendingObservation}`);
  return `  ${pc.bold(w[s.status])}: ${parts.join(' · ')}`;
}

export function fmt(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
