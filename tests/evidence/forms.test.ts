// Forms and exports rendered from the result contract + action log: the beoordelingsformulier in
// Dutch and English (HTML and PDF, pages checked as images), class overview CSV/XLSX/JSON/JUnit,
// the appeal dossier and the AVG inzage export.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agree, assess, correct, loadState, signResult } from '../../src/evidence/assessment.js';
import { renderDossier } from '../../src/forms/dossier.js';
import { renderForm } from '../../src/forms/form.js';
import { writeForms } from '../../src/forms/index.js';
import { buildInzage } from '../../src/forms/inzage.js';
import { buildOverview, renderCsv, renderXlsx, writeOverview } from '../../src/forms/overview.js';
import { blankTable, goodTable, newSession, runPhase, type Session } from './fixture.js';

let s: Session;
let d1: string;
let d2: string;

beforeAll(async () => {
  s = newSession([
    { id: 'pod01', candidate: '200001', name: 'Anna Bakker' },
    { id: 'pod02', candidate: '200002', name: 'Bram de Boer' },
  ]);
  await runPhase(s, 'nulmeting', { pod01: blankTable, pod02: blankTable }, 'n');
  const { dirs } = await runPhase(s, 'eindmeting', { pod01: goodTable('sw-200001'), pod02: blankTable }, 'e');
  d1 = dirs.pod01;
  d2 = dirs.pod02;
  // pod01: both assessors, agreed, signed → vastgesteld, then a correction.
  for (const [who, key] of [['Jansen', s.key], ['Pietersen', s.otherKey]] as const) {
    assess(d1, { assessor: who, key });
    assess(d1, { assessor: who, key, scores: [{ criterion: 'uitleg', score: 2, motivation: `${who}: helder uitgelegd` }, { criterion: 'houding', score: 'Bk' }] });
  }
  agree(d1, { actor: 'Jansen', key: s.key });
  signResult(d1, { assessor: 'Jansen', key: s.key });
  signResult(d1, { assessor: 'Pietersen', key: s.otherKey });
  correct(d1, { actor: 'Examencommissie', motivation: 'Trunkpoort defect tijdens de meting', correction: { kind: 'override', criterion: 'trunk', score: 1 }, key: s.key });
  // pod02: voorlopig, one assessor so far.
  assess(d2, { assessor: 'Jansen', key: s.key });
});

describe('beoordelingsformulier', () => {
  it('renders in Dutch with proposals, both assessors, final scores, motivation, evidence, signatures, corrections', () => {
    const { bundle, state } = loadState(d1);
    const html = renderForm(bundle, state, { lang: 'nl', werkproces: 'B1-K1-W1' });
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Beoordelingsformulier');
    expect(html).toContain('B1-K1-W1');
    expect(html).toContain('Anna Bakker');
    expect(html).toContain('VLAN 10 op sw-200001');
    expect(html).toMatch(/vastgesteld · versie 2/);
    expect(html).toContain('>Beoordelaars</th>');
    expect(html).toContain('<th class="who">Jansen</th>');
    expect(html).toContain('<th class="who">Pietersen</th>');
    expect(html).toContain('Jansen: helder uitgelegd');
    expect(html).toContain('Trunkpoort defect tijdens de meting');
    expect(html).toContain('show vlan'); // evidence reference
    expect(html).toContain(state.signatures[1].fingerprint);
    expect(html).toContain(bundle.manifestSha256);
    expect(html).not.toContain('Zeer-Geheim');
  });

  it('renders in English, with criterion titles in English and the candidate’s own values', () => {
    const { bundle, state } = loadState(d2);
    const html = renderForm(bundle, state, { lang: 'en', werkproces: 'B1-K2-W2' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Assessment form');
    expect(html).toContain('VLAN 10 on sw-200002');
    expect(html).toContain('Explains the VLAN plan');
    expect(html).toContain('provisional');
    expect(html).toContain('Automated verdicts are proposals');
    expect(html).not.toContain('Beoordelingsformulier');
  });

  it('writes one form per candidate per werkproces, and PDFs whose pages are non-blank images', async () => {
    const out = mkdtempSync(join(tmpdir(), 'proeflab-forms-'));
    const files = await writeForms([s.root], { out, lang: 'nl', pdf: true });
    const html = files.filter((f) => f.endsWith('.html'));
    const pdf = files.filter((f) => f.endsWith('.pdf'));
    expect(html.map((f) => f.split('/').at(-1))).toEqual([
      'beoordelingsformulier-200001-test-exam-B1-K1-W1-nl.html',
      'beoordelingsformulier-200001-test-exam-B1-K2-W2-nl.html',
      'beoordelingsformulier-200002-test-exam-B1-K1-W1-nl.html',
      'beoordelingsformulier-200002-test-exam-B1-K2-W2-nl.html',
    ]);
    expect(pdf).toHaveLength(4);
    const first = pdf[0];
    expect(readFileSync(first).subarray(0, 5).toString()).toBe('%PDF-');
    // Pages as PNG images (what a reviewer looks at) …
    execFileSync('pdftoppm', ['-png', '-r', '50', first, join(out, 'page')]);
    const pngs = readdirSync(out).filter((f) => /^page-\d+\.png$/.test(f));
    expect(pngs.length).toBeGreaterThanOrEqual(1);
    expect(readFileSync(join(out, pngs[0])).subarray(1, 4).toString()).toBe('PNG');
    // … and the same page as a greyscale PGM to count dark pixels: text and table lines, not a blank page.
    execFileSync('pdftoppm', ['-gray', '-r', '50', '-f', '1', '-l', '1', first, join(out, 'grey')]);
    const pgm = readFileSync(join(out, readdirSync(out).find((f) => f.startsWith('grey'))!));
    const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const [w, h] = [Number(m[1]), Number(m[2])];
    const pixels = pgm.subarray(pgm.length - w * h);
    let dark = 0;
    for (const p of pixels) if (p < 128) dark++;
    expect(w).toBeGreaterThan(300);
    expect(dark / pixels.length).toBeGreaterThan(0.01);
    expect(dark / pixels.length).toBeLessThan(0.5);
  }, 120_000);
});

describe('class overview', () => {
  it('one row per candidate, a column per criterion, failures with reasons (CSV, XLSX, JSON, JUnit)', async () => {
    const ov = buildOverview([s.root]);
    expect(ov.rows.map((r) => [r.candidate, r.phase, r.status])).toEqual([
      ['200001', 'eindmeting', 'vastgesteld'],
      ['200002', 'eindmeting', 'voorlopig'],
    ]);
    expect(ov.columns.map((c) => c.key)).toEqual(['vlan', 'ssh', 'community', 'hostnaam', 'trunk', 'uitleg', 'houding']);
    expect(ov.rows[0].criteria).toMatchObject({ vlan: 2, trunk: 1, uitleg: 2, houding: 3 });
    expect(ov.rows[1].criteria.uitleg).toBeNull();
    expect(ov.rows[1].failures.map((f) => f.criterion)).toEqual(['vlan', 'ssh', 'community', 'hostnaam', 'trunk']);
    expect(ov.rows[1].failures[0].reason).toMatch(/^\[cruciaal\] '10 users' not found/);

    const csv = renderCsv(ov, 'nl').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[0].split(';')).toEqual(expect.arrayContaining(['kandidaatnummer', 'vlan', 'houding', 'Niet behaald (met reden)']));
    expect(csv[1].split(';').slice(0, 3)).toEqual(['200001', 'Anna Bakker', 'ICT4B']);
    expect(renderCsv(ov, 'en').split('\r\n')[0]).toContain('candidate number,Name');

    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(ov, 'nl')) as never);
    const ws = wb.getWorksheet('Overzicht')!;
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(1).value).toBe('200001');
    expect(ws.getRow(2).getCell(12).value).toBe(2); // vlan points, a number
    expect(wb.getWorksheet('Niet behaald')!.rowCount).toBe(1 + 5);

    const out = mkdtempSync(join(tmpdir(), 'proeflab-overview-'));
    const files = await writeOverview([s.root], out, 'nl');
    expect(files.map((f) => f.split('/').at(-1))).toEqual(['klasoverzicht-nl.csv', 'klasoverzicht-nl.xlsx', 'klasoverzicht.json', 'klasoverzicht-junit.xml']);
    expect(readFileSync(join(out, 'klasoverzicht-junit.xml'), 'utf8')).toMatch(/<testsuites name="proeflab" tests="14"/);
  });
});

describe('appeal dossier and AVG inzage', () => {
  it('the dossier is one self-contained file: form, verification, chain, own-work diff, observations, action log, exam, files', () => {
    const html = renderDossier(d1, 'nl', { registry: s.registry });
    expect(html).toContain('Dossier bezwaar en beroep');
    expect(html).toContain('Beoordelingsformulier');
    expect(html).toContain('Controle van de bewijsbundel');
    expect(html).toMatch(/class="ok">geldig</);
    expect(html).toContain('nulmeting');
    expect(html).toContain('+ hostname sw-200001'); // own-work diff from the nulmeting
    expect(html).toContain('snmp-server community &lt;redacted&gt; RO');
    expect(html).toContain('Trunkpoort defect tijdens de meting');
    expect(html).toContain('id: test-exam');
    for (const f of ['manifest.json', 'manifest.sig', 'observations.jsonl', 'actions.jsonl']) expect(html).toContain(`download="${f}"`);
    expect(html).not.toMatch(/<script|<link|src="http/); // no external resources
    expect(html).not.toContain('Zeer-Geheim');
  });

  it('the inzage export has all data about one candidate and nothing about others', () => {
    const data = buildInzage('200002', [s.root]);
    expect(data.candidate).toMatchObject({ id: '200002', name: 'Bram de Boer' });
    expect(data.bundles.map((b) => b.phase).sort()).toEqual(['eindmeting', 'nulmeting']);
    expect(data.bundles[0].retention.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(data.bundles.some((b) => b.actions.some((a) => a.type === 'assess'))).toBe(true);
    const text = JSON.stringify(data);
    expect(text).not.toContain('200001');
    expect(text).not.toContain('Anna Bakker');
    expect(existsSync(d1)).toBe(true);
  });
});
