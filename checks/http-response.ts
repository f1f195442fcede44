// A web server answers a URL with the expected status, content, header or redirect.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { HttpResult } from '../drivers/net/http.js';

const Params = z
  .object({
    url: z.string(),
    status: z.number().int().optional().describe('Expected HTTP status (default: 200 unless redirect is given)'),
    contains: z.string().optional().describe('Text the body must contain'),
    matches: z.string().optional().describe('Regular expression the body must match'),
    header: z.record(z.string(), z.string()).optional().describe('Headers that must have these values (regex)'),
    redirect: z.string().optional().describe('Location must start with this (e.g. https://www.example.nl/)'),
  })
  .strict();
type P = z.infer<typeof Params>;

const req = (p: P) => ({ device: 'harness', fact: 'net.http', params: { url: p.url } });

export const httpResponse: CheckKind<P> = {
  kind: 'http.response',
  description: 'Webserver geeft op een URL de verwachte status, inhoud, header of doorverwijzing',
  params: Params,
  platforms: ['harness'],
  facts: (p) => [req(p)],
  evaluate(p, facts) {
    const r = facts.parsed<HttpResult>(req(p));
    const wantStatus = p.status ?? (p.redirect ? undefined : 200);
    if (wantStatus !== undefined && r.status !== wantStatus)
      return { status: 'fail', message: `${p.url} gaf status ${r.status}, verwacht ${wantStatus}`, expected: wantStatus, actual: r.status };
    if (p.redirect) {
      if (r.status < 300 || r.status > 399 || !r.location?.startsWith(p.redirect))
        return {
          status: 'fail',
          message: `${p.url} verwijst niet door naar ${p.redirect} (status ${r.status}${r.location ? `, naar ${r.location}` : ''})`,
          expected: p.redirect,
          actual: r.location ?? `status ${r.status}`,
        };
    }
    if (p.contains !== undefined && !r.body.includes(p.contains))
      return { status: 'fail', message: `de pagina ${p.url} bevat niet de verwachte tekst`, expected: p.contains, actual: excerpt(r.body) };
    if (p.matches !== undefined && !new RegExp(p.matches, 'm').test(r.body))
      return { status: 'fail', message: `de pagina ${p.url} voldoet niet aan het patroon`, expected: p.matches, actual: excerpt(r.body) };
    for (const [h, re] of Object.entries(p.header ?? {})) {
      const v = r.headers[h.toLowerCase()];
      if (v === undefined || !new RegExp(re, 'i').test(v))
        return { status: 'fail', message: `header ${h} is ${v === undefined ? 'afwezig' : `'${v}'`}`, expected: re, actual: v ?? null };
    }
    return { status: 'pass', message: `${p.url} antwoordt zoals verwacht (status ${r.status})`, actual: r.status };
  },
};

function excerpt(body: string): string {
  const t = body.replace(/\s+/g, ' ').trim();
  return t.length > 160 ? `${t.slice(0, 160)}…` : t;
}
