import { readFileSync } from 'node:fs';

/** proeflab's version, from package.json (recorded in every result and evidence bundle). */
export const VERSION: string = (() => {
  try {
    return JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  }
})();
