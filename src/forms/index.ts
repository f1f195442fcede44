// Forms per candidate per werkproces, from bundles (latest run per pod) and their action logs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActions } from '../evidence/actions.js';
import { replay } from '../evidence/assessment.js';
import { latestPerPod } from '../evidence/select.js';
import { renderForm } from './form.js';
import { htmlToPdf } from './pdf.js';
import type { Lang } from './words.js';

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

export async function writeForms(paths: string[], o: { out: string; lang: Lang; pdf?: boolean }): Promise<string[]> {
  mkdirSync(o.out, { recursive: true });
  const written: string[] = [];
  const pdfs: { html: string; out: string }[] = [];
  for (const b of latestPerPod(paths)) {
    const log = readActions(b.dir);
    const st = replay(b, log.entries, log.problems);
    for (const wp of b.exam.value.werkprocessen) {
      const html = renderForm(b, st, { lang: o.lang, werkproces: wp });
      const base = join(o.out, `beoordelingsformulier-${safe(b.meta.candidate?.id ?? b.meta.pod)}-${safe(b.meta.exam.id)}-${safe(wp)}-${o.lang}`);
      writeFileSync(`${base}.html`, html);
      written.push(`${base}.html`);
      if (o.pdf) pdfs.push({ html, out: `${base}.pdf` });
    }
  }
  written.push(...(await htmlToPdf(pdfs)));
  return written;
}

export { renderForm } from './form.js';
export { htmlToPdf } from './pdf.js';
