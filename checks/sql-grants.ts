// Least privilege: an account has the required privileges on the named schema and nothing more
// (no global privileges, no other schemas, no GRANT OPTION, only the allowed privilege types).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, list, pass, req } from '../drivers/linux/check-util.js';
import type { SqlGrants } from './sql-common.js';

const Params = z
  .object({
    user: z.string().min(1),
    schema: z.string().min(1),
    /** PostgreSQL: database the schema lives in (table grants are per database). */
    database: z.string().optional(),
    /** Privileges the account must have on the schema (e.g. SELECT, INSERT). */
    required: z.array(z.string()).default([]),
    /** Privileges it may have at most on the schema; default = required. */
    allowed: z.array(z.string()).optional(),
  })
  .strict();
type P = z.infer<typeof Params>;

const IGNORED = new Set(['USAGE', 'CONNECT', 'TEMPORARY']);

export const sqlGrants: CheckKind<P> = {
  kind: 'sql.grants',
  description: 'Rechten van een databasegebruiker zijn minimaal: alleen de gevraagde rechten op het genoemde schema',
  params: Params,
  platforms: ['sql'],
  facts: (p, t) => [req(t, 'sql.grants', { user: p.user, ...(p.database ? { database: p.database } : {}) })],
  evaluate(p, f, t) {
    const g = f.parsed<SqlGrants>(req(t, 'sql.grants', { user: p.user, ...(p.database ? { database: p.database } : {}) }));
    if (!g.exists) return fail(`databasegebruiker ${p.user} bestaat niet`, p.user, 'afwezig');
    const required = p.required.map((x) => x.toUpperCase());
    const allowed = new Set([...(p.allowed ?? p.required).map((x) => x.toUpperCase()), ...IGNORED]);
    const excess: string[] = [];
    const onSchema = new Set<string>();
    if (g.superuser) excess.push('SUPERUSER');
    for (const x of g.global ?? []) if (x !== 'SUPERUSER') excess.push(x);
    for (const gr of g.grants) {
      const privs = gr.privileges.map((x) => x.toUpperCase());
      const what = `${gr.schema}.${gr.table}`;
      if (gr.grantOption) excess.push(`GRANT OPTION op ${what}`);
      if (gr.schema === '*' || gr.schema === '%') {
        for (const x of privs) if (!IGNORED.has(x)) excess.push(`${x} op ${what}`);
        continue;
      }
      if (gr.schema !== p.schema) {
        if (g.engine === 'postgres' && gr.schema === 'public' && privs.every((x) => x === 'CREATE')) continue; // PG < 15 default
        for (const x of privs) if (!IGNORED.has(x)) excess.push(`${x} op ${what}`);
        continue;
      }
      for (const x of privs) {
        const base = x.replace(/\s*\(.*\)$/, '');
        if (base === 'ALL PRIVILEGES' || base === 'ALL') {
          if (!p.allowed?.some((a) => /^ALL/i.test(a))) excess.push(`ALL PRIVILEGES op ${what}`);
          else required.forEach((r) => onSchema.add(r));
        } else if (!allowed.has(base)) excess.push(`${base} op ${what}`);
        onSchema.add(base);
      }
    }
    const missing = required.filter((r) => !onSchema.has(r));
    const actual = g.grants.map((x) => `${x.privileges.join(',')} op ${x.schema}.${x.table}`);
    if (missing.length) return fail(`${p.user} mist ${list(missing)} op ${p.schema}`, { schema: p.schema, required }, actual);
    if (excess.length) return fail(`${p.user} heeft meer rechten dan nodig: ${list(excess)}`, { schema: p.schema, allowed: [...allowed].filter((x) => !IGNORED.has(x)) }, actual);
    return pass(`${p.user} heeft alleen ${list([...onSchema])} op ${p.schema}`, { schema: p.schema, required }, actual);
  },
};
