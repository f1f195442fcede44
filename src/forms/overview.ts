// Class overview: one row per candidate (final run per pod), a column per criterion, plus the
// criteria not met with their reasons. CSV (Excel-friendly), XLSX (exceljs), JSON and JUnit.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActions } from '../evidence/actions.js';
import { effectiveResult, replay } from '../evidence/assessment.js';
import { summarize } from '../evidence/bundle.js';
import { latestPerPod } from '../evidence/select.js';
import type { RunResult } from '../model/result.js';
import { renderJunit } from '../report/junit.js';
import { formWords, type Lang } from './words.js';

export interface OverviewRow {
  candidate: string;
  name: string;
  class: string;
  pod: string;
  exam: string;
  phase: string;
  status: string;
  version: number;
  points: number;
  maxPoints: number;
  grade?: number;
  outcome: string;
  criteria: Record<string, number | null>;
  failures: { criterion: string; reason: string }[];
  bundle: string;
}

export interface Overview {
  columns: { key: string; exam: string; criterion: string; title: string; maxPoints: number; cruciaal: boolean }[];
  rows: OverviewRow[];
  results: RunResult[];
}

export function buildOverview(paths: string[]): Overview {
  const bundles = latestPerPod(paths);
  const multiExam = new Set(bundles.map((b) => b.meta.exam.id)).size > 1;
  const columns: Overview['columns'] = [];
  const rows: OverviewRow[] = [];
  const results: RunResult[] = [];
  for (const b of bundles) {
    const log = readActions(b.dir);
    const st = replay(b, log.entries, log.problems);
    const eff = effectiveResult(b, st);
    results.push(eff);
    const p = eff.results[0];
    const key = (id: string) => (multiExam ? `${b.meta.exam.id}:${id}` : id);
    for (const c of p.criteria)
      if (!columns.some((x) => x.key === key(c.id))) columns.push({ key: key(c.id), exam: b.meta.exam.id, criterion: c.id, title: c.title, maxPoints: c.maxPoints, cruciaal: c.cruciaal });
    rows.push({
      candidate: b.meta.candidate?.id ?? b.meta.pod,
      name: b.meta.candidate?.name ?? '',
      class: b.meta.candidate?.class ?? '',
      pod: b.meta.pod,
      exam: b.meta.exam.id,
      phase: b.meta.phase,
      status: st.status,
      version: st.version,
      points: p.score.points,
      maxPoints: p.score.maxPoints,
      ...(p.score.grade !== undefined ? { grade: p.score.grade } : {}),
      outcome: p.score.outcome,
      criteria: Object.fromEntries(p.criteria.map((c) => [key(c.id), c.status === 'manual' || c.status === 'error' ? null : c.points])),
      failures: p.criteria
        .filter((c) => c.status === 'fail' || c.status === 'skipped' || c.status === 'error')
        .map((c) => ({ criterion: c.id, reason: `${c.cruciaal ? '[cruciaal] ' : ''}${c.message || c.status}` })),
      bundle: b.dir,
    });
  }
  return { columns, rows, results };
}

function header(lang: Lang, columns: Overview['columns']): string[] {
  const w = formWords(lang);
  return [w.candidateId, w.name, w.class, w.pod, w.exam, w.phase, w.status, w.points, 'max', w.grade, w.outcome, ...columns.map((c) => c.key), w.failures];
}

function cells(r: OverviewRow, columns: Overview['columns'], lang: Lang): (string | number)[] {
  const w = formWords(lang);
  return [
    r.candidate,
    r.name,
    r.class,
    r.pod,
    r.exam,
    r.phase,
    `${w[r.status as 'voorlopig']}${r.version ? ` v${r.version}` : ''}`,
    r.points,
    r.maxPoints,
    r.grade ?? '',
    w[r.outcome as 'voldoende'] ?? r.outcome,
    ...columns.map((c) => r.criteria[c.key] ?? ''),
    r.failures.map((f) => `${f.criterion}: ${f.reason}`).join(' | '),
  ];
}

/** CSV with `;` and decimal comma for nl (Dutch Excel), `,` and decimal point for en; UTF-8 with BOM. */
export function renderCsv(ov: Overview, lang: Lang): string {
  const sep = lang === 'nl' ? ';' : ',';
  const q = (v: string | number) => {
    const s = typeof v === 'number' ? (lang === 'nl' ? String(v).replace('.', ',') : String(v)) : v;
    return s.includes(sep) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [header(lang, ov.columns).map(q).join(sep), ...ov.rows.map((r) => cells(r, ov.columns, lang).map(q).join(sep))];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

export async function renderXlsx(ov: Overview, lang: Lang): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const w = formWords(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'proeflab';
  wb.created = new Date(0);
  const ws = wb.addWorksheet(lang === 'nl' ? 'Overzicht' : 'Overview', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  ws.addRow(header(lang, ov.columns));
  ws.getRow(1).font = { bold: true };
  for (const r of ov.rows) {
    const row = ws.addRow(cells(r, ov.columns, lang));
    const outcome = row.getCell(11);
    outcome.font = { bold: true, color: { argb: r.outcome === 'onvoldoende' ? 'FFC62828' : r.outcome === 'onbepaald' ? 'FFB26A00' : 'FF1A7F37' } };
  }
  ws.columns.forEach((c, i) => {
    c.width = i < 11 ? Math.max(10, Math.min(28, String(ws.getRow(1).getCell(i + 1).value ?? '').length + 4)) : i === 11 + ov.columns.length ? 60 : 12;
  });
  // Column titles in full, in a second row of comments would clutter: a legend sheet instead.
  const legend = wb.addWorksheet(lang === 'nl' ? 'Criteria' : 'Criteria');
  legend.addRow([w.exam, w.criterion, lang === 'nl' ? 'omschrijving' : 'description', 'max', w.cruciaal]).font = { bold: true };
  for (const c of ov.columns) legend.addRow([c.exam, c.key, c.title, c.maxPoints, c.cruciaal ? 'ja' : '']);
  legend.getColumn(3).width = 70;
  const fails = wb.addWorksheet(lang === 'nl' ? 'Niet behaald' : 'Failed');
  fails.addRow([w.candidateId, w.name, w.exam, w.criterion, lang === 'nl' ? 'reden' : 'reason']).font = { bold: true };
  for (const r of ov.rows) for (const f of r.failures) fails.addRow([r.candidate, r.name, r.exam, f.criterion, f.reason]);
  fails.getColumn(5).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function mergedResult(ov: Overview): RunResult | undefined {
  const [first] = ov.results;
  if (!first) return undefined;
  const results = ov.results.flatMap((r) => r.results);
  return {
    ...first,
    exams: [...new Map(ov.results.flatMap((r) => r.exams).map((e) => [e.id, e])).values()],
    results,
    observations: [],
    summary: summarize(results),
  };
}

export async function writeOverview(paths: string[], out: string, lang: Lang): Promise<string[]> {
  const ov = buildOverview(paths);
  mkdirSync(out, { recursive: true });
  const files = {
    csv: join(out, `klasoverzicht-${lang}.csv`),
    xlsx: join(out, `klasoverzicht-${lang}.xlsx`),
    json: join(out, 'klasoverzicht.json'),
    junit: join(out, 'klasoverzicht-junit.xml'),
  };
  writeFileSync(files.csv, renderCsv(ov, lang));
  writeFileSync(files.xlsx, await renderXlsx(ov, lang));
  writeFileSync(files.json, JSON.stringify({ columns: ov.columns, rows: ov.rows }, null, 2) + '\n');
  const merged = mergedResult(ov);
  if (merged) writeFileSync(files.junit, renderJunit(merged));
  return Object.values(files).filter((f) => f !== files.junit || merged);
}
