// Harness checks are pure: decided from recorded observations alone.
import { describe, expect, it } from 'vitest';
import { dnsRecord } from '../../checks/dns-record.js';
import { certCovers, httpCertificate } from '../../checks/http-certificate.js';
import { httpResponse } from '../../checks/http-response.js';
import { netTcp } from '../../checks/net-tcp.js';
import { FactUnavailable, type CheckKind, type FactView, type Observation } from '../../src/core/types.js';
import { observation } from '../helpers.js';

const H = { device: 'harness', platform: 'harness' };

function decide<P>(check: CheckKind<P>, raw: unknown, parsed: unknown, o: Partial<Observation> = {}) {
  const params = check.params.parse(raw);
  const obs = observation({ parsed, ...o });
  const view: FactView = {
    get: () => obs,
    parsed: () => {
      if (obs.error) throw new FactUnavailable(obs.error);
      return obs.parsed as never;
    },
  };
  return check.evaluate(params, view, H);
}

const page = (over: object = {}) => ({ url: 'u', status: 200, statusText: 'OK', headers: { 'strict-transport-security': 'max-age=300' }, body: '<h1>Welkom bij Bakkerij Jansen</h1>', bodyTruncated: false, ...over });
const cert = (over: object = {}) => ({
  subject: { CN: 'www.x.lab' }, issuer: { CN: 'www.x.lab' }, subjectAltNames: ['DNS:www.x.lab'], validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2099-01-01T00:00:00.000Z', daysRemaining: 400, fingerprint256: 'AA', selfSigned: true, trusted: false, chain: [], ...over,
});

describe('harness checks', () => {
  it('net.tcp: open/closed both ways; unresolved name is error', () => {
    expect(decide(netTcp, { host: 'h', port: 22 }, { state: 'open' }).status).toBe('pass');
    expect(decide(netTcp, { host: 'h', port: 23, state: 'closed' }, { state: 'open' })).toMatchObject({ status: 'fail', expected: 'dicht', actual: 'open' });
    expect(decide(netTcp, { host: 'h', port: 23, state: 'closed' }, { state: 'filtered' }).status).toBe('pass');
    expect(decide(netTcp, { host: 'h', port: 22 }, { state: 'unresolved', reason: 'name not found' }).status).toBe('error');
  });

  it('a fact that could not be observed throws FactUnavailable (the runner makes it error)', () => {
    expect(() => decide(netTcp, { host: 'h', port: 22 }, undefined, { error: 'boom' })).toThrow(FactUnavailable);
  });

  it('http.response: status, content, header, redirect', () => {
    expect(decide(httpResponse, { url: 'u', contains: 'Welkom bij Bakkerij Jansen' }, page()).status).toBe('pass');
    expect(decide(httpResponse, { url: 'u', contains: 'Welkom bij Kapsalon' }, page())).toMatchObject({ status: 'fail', expected: 'Welkom bij Kapsalon' });
    expect(decide(httpResponse, { url: 'u', status: 200 }, page({ status: 404 }))).toMatchObject({ status: 'fail', actual: 404 });
    expect(decide(httpResponse, { url: 'u', header: { 'Strict-Transport-Security': 'max-age=\\d+' } }, page()).status).toBe('pass');
    expect(decide(httpResponse, { url: 'u', header: { 'X-Frame-Options': 'DENY' } }, page()).status).toBe('fail');
    expect(decide(httpResponse, { url: 'u', redirect: 'https://' }, page({ status: 301, location: 'https://www.x.lab/' })).status).toBe('pass');
    expect(decide(httpResponse, { url: 'u', redirect: 'https://' }, page({ status: 302, location: 'http://www.x.lab/' })).status).toBe('fail');
  });

  it('http.certificate: name (SAN, wildcard), validity, days left, trust', () => {
    expect(decide(httpCertificate, { url: 'https://www.x.lab/' }, page({ tls: cert() })).status).toBe('pass');
    expect(decide(httpCertificate, { url: 'https://www.y.lab/' }, page({ tls: cert() })).status).toBe('fail');
    expect(decide(httpCertificate, { url: 'https://www.x.lab/', min_days: 30 }, page({ tls: cert({ daysRemaining: 10 }) }))).toMatchObject({ status: 'fail', actual: '10 dagen' });
    expect(decide(httpCertificate, { url: 'https://www.x.lab/', trusted: true }, page({ tls: cert() })).status).toBe('fail');
    expect(decide(httpCertificate, { url: 'https://www.x.lab/' }, page({ tls: cert({ daysRemaining: -2 }) })).status).toBe('fail');
    expect(decide(httpCertificate, { url: 'https://www.x.lab/' }, page()).status).toBe('fail');
    expect(certCovers({ san: ['DNS:*.x.lab'] }, 'www.x.lab')).toBe(true);
    expect(certCovers({ san: ['DNS:*.x.lab'] }, 'a.b.x.lab')).toBe(false);
  });

  it('dns.record: exact values, contains, absence, trailing dots and case', () => {
    const ans = (answers: { type: string; value: string }[], rcode = 'NOERROR') => ({ server: 's', name: 'n', type: 'A', rcode, authoritative: true, answers: answers.map((a) => ({ name: 'n', ttl: 1, ...a })) });
    expect(decide(dnsRecord, { server: 's', name: 'n', values: ['10.0.0.1'] }, ans([{ type: 'A', value: '10.0.0.1' }])).status).toBe('pass');
    expect(decide(dnsRecord, { server: 's', name: 'n', values: ['10.0.0.1'] }, ans([{ type: 'A', value: '10.0.0.2' }])).status).toBe('fail');
    expect(decide(dnsRecord, { server: 's', name: 'n', type: 'CNAME', contains: 'WWW.x.lab' }, ans([{ type: 'CNAME', value: 'www.x.lab.' }])).status).toBe('pass');
    expect(decide(dnsRecord, { server: 's', name: 'n', exists: false }, ans([], 'NXDOMAIN')).status).toBe('pass');
    expect(decide(dnsRecord, { server: 's', name: 'n' }, ans([], 'NXDOMAIN'))).toMatchObject({ status: 'fail', actual: 'NXDOMAIN' });
  });
});

import { headings, httpDocument } from '../../checks/http-document.js';
import { httpCsvRecord } from '../../checks/http-csv-record.js';

describe('deliverable checks', () => {
  const doc = `# Functioneel ontwerp Bakkerij Jansen\n\n## Aanleiding\nDe bakkerij wil online bestellen mogelijk maken voor vaste klanten.\n\n## Eisen en wensen\n- bestellen\n\n<h2>Planning</h2><p>week 12</p>`;
  it('http.document: sections (Markdown and HTML), phrases, length', () => {
    expect(headings(doc)).toEqual(['functioneel ontwerp bakkerij jansen', 'aanleiding', 'eisen en wensen', 'planning']);
    expect(decide(httpDocument, { url: 'u', sections: ['Aanleiding', 'eisen', 'planning'], contains: ['Bakkerij Jansen'], min_words: 10 }, page({ body: doc })).status).toBe('pass');
    expect(decide(httpDocument, { url: 'u', sections: ['Aanleiding', 'Risico'] }, page({ body: doc }))).toMatchObject({ status: 'fail', message: 'document mist de onderdelen: Risico' });
    expect(decide(httpDocument, { url: 'u', min_words: 500 }, page({ body: doc })).status).toBe('fail');
    expect(decide(httpDocument, { url: 'u' }, page({ status: 404, body: '' })).status).toBe('fail');
  });

  it('http.csv-record: finds the ticket and checks its fields (; or , separated, BOM, case)', () => {
    const csv = '\ufeffTicket;Status;Oplossing;Melder\n1001;Opgelost;Printer opnieuw gekoppeld;Jan\n1002;Open;;Piet\n';
    expect(decide(httpCsvRecord, { url: 'u', match: { ticket: 1001 }, fields: { status: '^opgelost$', oplossing: '.' } }, page({ body: csv })).status).toBe('pass');
    expect(decide(httpCsvRecord, { url: 'u', match: { ticket: 1002 }, fields: { oplossing: '.' } }, page({ body: csv }))).toMatchObject({ status: 'fail', actual: '' });
    expect(decide(httpCsvRecord, { url: 'u', match: { ticket: 9 } }, page({ body: 'ticket,status\n1,open\n' })).status).toBe('fail');
  });
});
