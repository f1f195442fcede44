// A read-only query returns the expected rows (P2-K1-W3 Beheert databases).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';

const Params = z
  .object({
    sql: z.string().min(1),
    database: z.string().optional(),
    /** Rows expected (each object's keys compared as strings); order ignored unless ordered. */
    rows: z.array(z.record(z.string(), z.unknown())).optional(),
    ordered: z.boolean().default(false),
    /** Only extra rows allowed beyond `rows`? default false = exactly these rows. */
    subset: z.boolean().default(false),
    row_count: z.number().int().min(0).optional(),
    min_rows: z.number().int().min(0).optional(),
  })
  .strict();
type P = z.infer<typeof Params>;

const norm = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v));
const rowMatches = (want: Record<string, unknown>, got: Record<string, unknown>) => Object.entries(want).every(([k, v]) => {
  const key = Object.keys(got).find((g) => g.toLowerCase() === k.toLowerCase());
  return key !== undefined && norm(got[key]) === norm(v);
});

export const sqlQuery: CheckKind<P> = {
  kind: 'sql.query',
  description: 'Een alleen-lezen query (SELECT) geeft de verwachte rijen terug',
  params: Params,
  platforms: ['sql'],
  facts: (p, t) => [req(t, 'sql.query', { sql: p.sql, ...(p.database ? { database: p.database } : {}) })],
  evaluate(p, f, t) {
    const { rows } = f.parsed<{ rows: Record<string, unknown>[] }>(req(t, 'sql.query', { sql: p.sql, ...(p.database ? { database: p.database } : {}) }));
    const shown = rows.slice(0, 20);
    if (p.row_count !== undefined && rows.length !== p.row_count) return fail(`query gaf ${rows.length} rijen, verwacht ${p.row_count}`, p.row_count, rows.length);
    if (p.min_rows !== undefined && rows.length < p.min_rows) return fail(`query gaf ${rows.length} rijen, verwacht minstens ${p.min_rows}`, p.min_rows, rows.length);
    if (p.rows) {
      if (p.ordered) {
        const bad = p.rows.findIndex((w, i) => !rows[i] || !rowMatches(w, rows[i]!));
        if (bad >= 0 || (!p.subset && rows.length !== p.rows.length)) return fail(`query geeft niet de verwachte rijen in volgorde${bad >= 0 ? ` (rij ${bad + 1} wijkt af)` : ''}`, p.rows, shown);
      } else {
        const left = [...rows];
        const missing = p.rows.filter((w) => {
          const i = left.findIndex((g) => rowMatches(w, g));
          if (i < 0) return true;
          left.splice(i, 1);
          return false;
        });
        if (missing.length) return fail(`query mist ${missing.length} verwachte rij(en): ${JSON.stringify(missing[0])}`, p.rows, shown);
        if (!p.subset && left.length) return fail(`query geeft ${left.length} onverwachte rij(en) extra`, p.rows, shown);
      }
    }
    return pass(`query geeft ${rows.length} rij(en) zoals verwacht`, p.rows ?? p.row_count ?? p.min_rows, shown);
  },
};
