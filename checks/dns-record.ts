// A DNS server answers a name with the expected records (A, AAAA, PTR, MX, CNAME, TXT, NS, SRV).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { DnsAnswer } from '../drivers/net/dns.js';

const Params = z
  .object({
    server: z.string().describe('DNS server ip[:port] to ask'),
    name: z.string(),
    type: z.enum(['A', 'AAAA', 'PTR', 'MX', 'CNAME', 'TXT', 'NS', 'SRV', 'SOA']).default('A'),
    values: z.array(z.union([z.string(), z.number()]).transform(String)).optional().describe('Exactly these values (order free)'),
    contains: z.union([z.string(), z.number()]).transform(String).optional().describe('At least this value'),
    exists: z.boolean().default(true).describe('false: the name must NOT resolve'),
    authoritative: z.boolean().optional(),
  })
  .strict();
type P = z.infer<typeof Params>;

const req = (p: P) => ({ device: 'harness', fact: 'net.dns', params: { server: p.server, name: p.name, type: p.type } });
const norm = (v: string) => v.toLowerCase().replace(/\.$/, '');

export const dnsRecord: CheckKind<P> = {
  kind: 'dns.record',
  description: 'DNS-server geeft voor een naam de verwachte records',
  params: Params,
  platforms: ['harness'],
  facts: (p) => [req(p)],
  evaluate(p, facts) {
    const r = facts.parsed<DnsAnswer>(req(p));
    const got = r.answers.filter((a) => a.type === p.type).map((a) => norm(a.value));
    const label = `${p.name} ${p.type} bij ${p.server}`;
    if (!p.exists)
      return got.length === 0
        ? { status: 'pass', message: `${label}: terecht geen antwoord (${r.rcode})`, actual: r.rcode }
        : { status: 'fail', message: `${label} bestaat nog: ${got.join(', ')}`, expected: 'geen record', actual: got };
    if (got.length === 0) return { status: 'fail', message: `${label}: geen record (${r.rcode})`, expected: p.values ?? p.contains ?? 'een record', actual: r.rcode };
    if (p.authoritative !== undefined && r.authoritative !== p.authoritative)
      return { status: 'fail', message: `${label}: antwoord is ${r.authoritative ? '' : 'niet '}gezaghebbend`, expected: p.authoritative, actual: r.authoritative };
    if (p.values) {
      const want = p.values.map(norm).sort();
      const have = [...got].sort();
      if (JSON.stringify(want) !== JSON.stringify(have)) return { status: 'fail', message: `${label} geeft ${have.join(', ')}`, expected: want, actual: have };
    }
    if (p.contains !== undefined && !got.includes(norm(p.contains)))
      return { status: 'fail', message: `${label} bevat ${p.contains} niet (wel: ${got.join(', ')})`, expected: p.contains, actual: got };
    return { status: 'pass', message: `${label} → ${got.join(', ')}`, actual: got };
  },
};
