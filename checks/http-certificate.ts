// The HTTPS certificate is for the right name, valid now and for long enough, and (optionally) trusted.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { HttpResult } from '../drivers/net/http.js';

const Params = z
  .object({
    url: z.string().startsWith('https://'),
    name: z.string().optional().describe('Name the certificate must cover (CN or subjectAltName)'),
    min_days: z.number().int().default(1).describe('At least this many days of validity left'),
    trusted: z.boolean().default(false).describe('Chain must verify against the trust store'),
    issuer: z.string().optional().describe('Issuer CN must contain this'),
  })
  .strict();
type P = z.infer<typeof Params>;

const req = (p: P) => ({ device: 'harness', fact: 'net.http', params: { url: p.url } });

export function certCovers(names: { cn?: string; san: string[] }, name: string): boolean {
  const dns = names.san.filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4));
  const all = dns.length ? dns : names.cn ? [names.cn] : [];
  return all.some((n) => n.toLowerCase() === name.toLowerCase() || (n.startsWith('*.') && name.toLowerCase().endsWith(n.slice(1).toLowerCase()) && name.split('.').length === n.split('.').length));
}

export const httpCertificate: CheckKind<P> = {
  kind: 'http.certificate',
  description: 'HTTPS-certificaat geldt voor de juiste naam, is geldig en (optioneel) vertrouwd',
  params: Params,
  platforms: ['harness'],
  facts: (p) => [req(p)],
  evaluate(p, facts) {
    const r = facts.parsed<HttpResult>(req(p));
    const c = r.tls;
    if (!c) return { status: 'fail', message: `${p.url} levert geen certificaat`, expected: 'certificaat', actual: 'geen' };
    const name = p.name ?? new URL(p.url).hostname;
    if (!certCovers({ cn: c.subject.CN, san: c.subjectAltNames }, name))
      return { status: 'fail', message: `certificaat is niet uitgegeven voor ${name}`, expected: name, actual: c.subjectAltNames.join(', ') || c.subject.CN };
    if (new Date(c.validFrom) > new Date() || c.daysRemaining < 0)
      return { status: 'fail', message: `certificaat is niet geldig (${c.validFrom} t/m ${c.validTo})`, expected: 'geldig', actual: `${c.validFrom} – ${c.validTo}` };
    if (c.daysRemaining < p.min_days)
      return { status: 'fail', message: `certificaat verloopt over ${c.daysRemaining} dagen`, expected: `≥ ${p.min_days} dagen`, actual: `${c.daysRemaining} dagen` };
    if (p.issuer && !(c.issuer.CN ?? '').includes(p.issuer))
      return { status: 'fail', message: `certificaat is uitgegeven door ${c.issuer.CN}`, expected: p.issuer, actual: c.issuer.CN };
    if (p.trusted && !c.trusted)
      return { status: 'fail', message: `certificaat wordt niet vertrouwd (${c.trustError ?? 'onbekende reden'})`, expected: 'vertrouwd', actual: c.trustError };
    return { status: 'pass', message: `certificaat voor ${name} geldig tot ${c.validTo.slice(0, 10)} (${c.daysRemaining} dagen)`, actual: c.subject.CN };
  },
};
