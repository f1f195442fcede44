// Reporters: every output format is rendered from the one result contract.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../model/result.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderText } from './text.js';
import { isStudentMode, studentView } from './views.js';
import type { Lang } from './i18n.js';

export type Format = 'text' | 'json' | 'junit' | 'html';

export function render(result: RunResult, format: Format, lang?: Lang): string {
  const r = isStudentMode(result) ? studentView(result) : result;
  switch (format) {
    case 'json':
      return JSON.stringify(r, null, 2) + '\n';
    case 'junit':
      return renderJunit(r);
    case 'html':
      return renderHtml(r, { lang });
    default:
      return renderText(r, { lang });
  }
}

const EXT: Record<Format, string> = { text: 'txt', json: 'json', junit: 'xml', html: 'html' };

/** Write result.json plus the requested formats into a directory; returns the paths written. */
export function writeReports(result: RunResult, dir: string, formats: Format[], lang?: Lang): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const f of new Set<Format>(['json', ...formats])) {
    const name = f === 'json' ? 'result.json' : f === 'junit' ? 'junit.xml' : `report.${EXT[f]}`;
    const path = join(dir, name);
    writeFileSync(path, f === 'text' ? render(result, f, lang).replace(/\x1b\[[0-9;]*m/g, '') : render(result, f, lang));
    written.push(path);
  }
  return written;
}
