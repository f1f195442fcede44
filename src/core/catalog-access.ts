// The catalog as the CLI and validators use it: loaded once, with werkproces validation.
import { loadCatalog, validateWerkprocessen } from './catalog.js';
import type { Dossier } from '../model/catalog.js';

export interface CatalogAccess {
  dossiers: Dossier[];
  validateWerkprocessen(dossier: string, codes: string[]): string | undefined;
}

let cached: CatalogAccess | undefined;

export function loadCatalogSafe(): CatalogAccess {
  if (cached) return cached;
  const c = loadCatalog();
  cached = { dossiers: c.dossiers, validateWerkprocessen: (d, codes) => validateWerkprocessen(c, d, codes) };
  return cached;
}
