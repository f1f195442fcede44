// A record in an exported table (service-desk tickets, asset inventory, user list) published as CSV:
// a row matching the key exists and its fields have the required values.
import { z } from 'zod';
import { parse } from 'csv-parse/sync';
import type { CheckKind } from '../src/core/types.js';
import type { HttpResult } from '../drivers/net/http.js';

const Params = z
  .object({
    url: z.string(),
    match: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).describe('Columns that identify the row (exact, case-insensitive)'),
    fields: z.record(z.string(), z.string()).default({}).describe('Columns whose value must match this regular expression ("." = not empty)'),
    min_rows: z.number().int().min(1).default(1),
  })
  .strict();
type P = z.infer<typeof Params>;

const req = (p: P) => ({ device: 'harness', fact: 'net.http', params: { url: p.url } });

export function parseCsv(body: string): Record<string, string>[] {
  const delimiter = (body.split('\n')[0].match(/;/g)?.length ?? 0) > (body.split('\n')[0].match(/,/g)?.length ?? 0) ? ';' : ',';
  return parse(body, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, delimiter, bom: true, relax_column_count: true });
}

export const httpCsvRecord: CheckKind<P> = {
  kind: 'http.csv-record',
  description: 'Een export (tickets, inventaris, gebruikers) bevat het gevraagde record met de juiste velden',
  params: Params,
  platforms: ['harness'],
  facts: (p) => [req(p)],
  evaluate(p, facts) {
    const r = facts.parsed<HttpResult>(req(p));
    if (r.status !== 200) return { status: 'fail', message: `export ${p.url} niet gevonden (status ${r.status})`, expected: 200, actual: r.status };
    let rows: Record<string, string>[];
    try {
      rows = parseCsv(r.body);
    } catch (err) {
      return { status: 'fail', message: `export is geen leesbare CSV: ${(err as Error).message}` };
    }
    const key = Object.entries(p.match).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()] as const);
    const hits = rows.filter((row) => key.every(([k, v]) => (row[k] ?? '').toLowerCase() === v));
    const label = key.map(([k, v]) => `${k}=${v}`).join(', ');
    if (hits.length < p.min_rows) return { status: 'fail', message: `geen record met ${label} in de export (${rows.length} rijen)`, expected: p.match, actual: rows.length };
    for (const [field, re] of Object.entries(p.fields)) {
      const bad = hits.find((row) => !new RegExp(re, 'i').test(row[field.toLowerCase()] ?? ''));
      if (bad) return { status: 'fail', message: `record ${label}: veld '${field}' is '${bad[field.toLowerCase()] ?? ''}'`, expected: re, actual: bad[field.toLowerCase()] ?? null };
    }
    return { status: 'pass', message: `record ${label} aanwezig${Object.keys(p.fields).length ? ' met de vereiste velden' : ''}` };
  },
};
