// A deliverable (design, plan, procedure, instruction) published where the assignment says — on the
// lab's intranet or share over HTTP — with the required sections and enough substance.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { HttpResult } from '../drivers/net/http.js';

const Params = z
  .object({
    url: z.string(),
    sections: z.array(z.string()).default([]).describe('Headings that must be present (case-insensitive; Markdown # or HTML h1–h4)'),
    min_words: z.number().int().nonnegative().default(0).describe('At least this many words of text'),
    // A phrase that is exactly one per-candidate number ("{{projectnr}}") arrives as a number.
    contains: z
      .array(z.union([z.string(), z.number()]).transform(String))
      .default([])
      .describe('Phrases that must occur somewhere (e.g. the client name)'),
  })
  .strict();
type P = z.infer<typeof Params>;

const req = (p: P) => ({ device: 'harness', fact: 'net.http', params: { url: p.url } });

/** Headings of a Markdown or HTML document, lower-cased and trimmed. */
export function headings(body: string): string[] {
  const md = [...body.matchAll(/^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => m[1]);
  const html = [...body.matchAll(/<h[1-4][^>]*>([\s\S]*?)<\/h[1-4]>/gi)].map((m) => m[1].replace(/<[^>]+>/g, ''));
  return [...md, ...html].map((h) => h.trim().toLowerCase());
}

export function wordCount(body: string): number {
  return body.replace(/<[^>]+>/g, ' ').split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
}

export const httpDocument: CheckKind<P> = {
  kind: 'http.document',
  description: 'Een opgeleverd document staat op de afgesproken plek, met de vereiste onderdelen',
  params: Params,
  platforms: ['harness'],
  facts: (p) => [req(p)],
  evaluate(p, facts) {
    const r = facts.parsed<HttpResult>(req(p));
    if (r.status !== 200) return { status: 'fail', message: `document ${p.url} niet gevonden (status ${r.status})`, expected: 200, actual: r.status };
    const have = headings(r.body);
    const missing = p.sections.filter((s) => !have.some((h) => h.includes(s.toLowerCase())));
    if (missing.length) return { status: 'fail', message: `document mist de onderdelen: ${missing.join(', ')}`, expected: p.sections, actual: have };
    const absent = p.contains.filter((c) => !r.body.toLowerCase().includes(c.toLowerCase()));
    if (absent.length) return { status: 'fail', message: `document noemt niet: ${absent.join(', ')}`, expected: p.contains, actual: null };
    const words = wordCount(r.body);
    if (words < p.min_words) return { status: 'fail', message: `document is te summier (${words} woorden)`, expected: `≥ ${p.min_words} woorden`, actual: words };
    return { status: 'pass', message: `document aanwezig met ${have.length} onderdelen en ${words} woorden`, actual: { sections: have.length, words } };
  },
};
