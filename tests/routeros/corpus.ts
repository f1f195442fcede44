// Locate the shared RouterOS corpus (read in place, never copied). Fails loudly when absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = '/work/shared/corpus';

export function corpusDir(...candidates: string[]): string {
  for (const c of candidates) {
    const p = join(CORPUS, c);
    if (existsSync(p)) return p;
  }
  throw new Error(`RouterOS corpus not found: looked for ${candidates.map((c) => join(CORPUS, c)).join(', ')} — the parser tests need ../shared/corpus`);
}
