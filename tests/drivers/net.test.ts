// The harness probes against real servers on loopback (the demo stand-ins).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netDriver } from '../../drivers/net/index.js';
import type { DnsAnswer } from '../../drivers/net/dns.js';
import type { HttpResult } from '../../drivers/net/http.js';
import type { TcpState } from '../../drivers/net/tcp.js';
import type { DriverSession } from '../../src/core/types.js';
import { closedPort, startDnsServer, startWebServer } from '../../src/demo/standins.js';

let session: DriverSession;
let web: Awaited<ReturnType<typeof startWebServer>>;
let dns: Awaited<ReturnType<typeof startDnsServer>>;
const signal = () => AbortSignal.timeout(5000);

beforeAll(async () => {
  session = await netDriver.connect({ role: 'harness', platform: 'net', options: {}, secrets: [], timeoutMs: 3000 }, signal());
  web = await startWebServer({ certName: 'www.school.lab', certDays: 90, body: '<h1>Welkom</h1>', redirectToHttps: true, redirectHost: 'www.school.lab' });
  dns = await startDnsServer([
    { name: 'www.school.lab', type: 'A', value: '192.0.2.10' },
    { name: 'school.lab', type: 'MX', value: '10 mail.school.lab' },
    { name: 'intranet.school.lab', type: 'CNAME', value: 'www.school.lab' },
  ]);
});
afterAll(async () => {
  await web.close();
  await dns.close();
});

describe('net driver', () => {
  it('tcp: open and closed ports', async () => {
    const open = await session.gather('net.tcp', { host: '127.0.0.1', port: web.httpPort }, signal());
    expect((open.parsed as TcpState).state).toBe('open');
    const closed = await session.gather('net.tcp', { host: '127.0.0.1', port: await closedPort() }, signal());
    expect((closed.parsed as TcpState).state).toBe('closed');
    expect(closed.raw).toContain('closed');
  });

  it('http: redirect is observed, not followed', async () => {
    const g = await session.gather('net.http', { url: `http://127.0.0.1:${web.httpPort}/x` }, signal());
    const r = g.parsed as HttpResult;
    expect(r.status).toBe(301);
    expect(r.location).toBe(`https://www.school.lab:${web.httpsPort}/x`);
    expect(g.command).toBe(`GET http://127.0.0.1:${web.httpPort}/x`);
  });

  it('https: body and certificate details are observed even for an untrusted certificate', async () => {
    const g = await session.gather('net.http', { url: `https://127.0.0.1:${web.httpsPort}/` }, signal());
    const r = g.parsed as HttpResult;
    expect(r.status).toBe(200);
    expect(r.body).toContain('Welkom');
    expect(r.tls?.subject.CN).toBe('www.school.lab');
    expect(r.tls?.subjectAltNames).toContain('DNS:www.school.lab');
    expect(r.tls?.daysRemaining).toBeGreaterThanOrEqual(88);
    expect(r.tls?.trusted).toBe(false);
    expect(r.tls?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('http: a refused connection is an observation error with the reason', async () => {
    const port = await closedPort();
    await expect(session.gather('net.http', { url: `http://127.0.0.1:${port}/` }, signal())).rejects.toThrow(/verbinding geweigerd/);
  });

  it('dns: A, MX and CNAME records from the chosen server, and NXDOMAIN', async () => {
    const ask = async (name: string, type: string) => (await session.gather('net.dns', { server: `127.0.0.1:${dns.port}`, name, type }, signal())).parsed as DnsAnswer;
    expect((await ask('www.school.lab', 'A')).answers.map((a) => a.value)).toEqual(['192.0.2.10']);
    expect((await ask('school.lab', 'MX')).answers.map((a) => a.value)).toEqual(['10 mail.school.lab']);
    expect((await ask('intranet.school.lab', 'CNAME')).answers[0].value).toBe('www.school.lab');
    const none = await ask('nope.example', 'A');
    expect(none.answers).toEqual([]);
    expect(none.rcode).toBe('NXDOMAIN');
  });

  it('dns: a server that does not answer is an error, not an empty answer', async () => {
    const port = await closedPort();
    const s = await netDriver.connect({ role: 'harness', platform: 'net', options: {}, secrets: [], timeoutMs: 500 }, signal());
    await expect(s.gather('net.dns', { server: `127.0.0.1:${port}`, name: 'x.lab', type: 'A' }, signal())).rejects.toThrow(/geen antwoord/);
  });

  it('ping: loopback answers', async () => {
    const g = await session.gather('net.ping', { host: '127.0.0.1', count: 1 }, signal());
    expect((g.parsed as { alive: boolean }).alive).toBe(true);
    expect(g.raw).toMatch(/bytes from 127\.0\.0\.1/);
  });
});
