// Built-in stand-ins for the demo and tests: a candidate's web server (HTTP + HTTPS) and DNS
// server, in-process on loopback, no root and no Docker. Each is configured the way a candidate
// might have configured the real service, right or with mistakes.
import { createSocket, type Socket } from 'node:dgram';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import dnsPacket from 'dns-packet';
import selfsigned from 'selfsigned';

export interface ZoneRecord {
  name: string;
  type: 'A' | 'AAAA' | 'MX' | 'CNAME' | 'TXT' | 'PTR' | 'NS';
  value: string;
  ttl?: number;
}

/** An authoritative DNS server for a few records (UDP, dns-packet). */
export async function startDnsServer(records: ZoneRecord[], host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void> }> {
  const sock: Socket = createSocket('udp4');
  sock.on('message', (msg, rinfo) => {
    let q: dnsPacket.Packet;
    try {
      q = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const question = q.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    const known = records.filter((r) => r.name.toLowerCase() === name);
    let matches = known.filter((r) => r.type === question.type);
    // A CNAME answers any type for its name.
    if (!matches.length) matches = known.filter((r) => r.type === 'CNAME');
    const answers = matches.map((r) => {
      const data = r.type === 'MX' ? { preference: Number(r.value.split(' ')[0]), exchange: r.value.split(' ')[1] } : r.value;
      return { type: r.type, name: question.name, ttl: r.ttl ?? 3600, class: 'IN', data } as dnsPacket.Answer;
    });
    const reply = dnsPacket.encode({
      type: 'response',
      id: q.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (known.length || records.some((r) => name.endsWith(r.name.split('.').slice(-2).join('.'))) ? 0 : 3),
      questions: q.questions,
      answers,
    });
    sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, host, () => resolve()));
  return {
    port: (sock.address() as AddressInfo).port,
    close: () => new Promise((resolve) => sock.close(() => resolve())),
  };
}

export interface WebSiteOptions {
  /** Name on the certificate (CN and subjectAltName). */
  certName: string;
  /** Days the certificate is valid (negative: already expired). */
  certDays: number;
  /** HTML the HTTPS site serves at /. */
  body: string;
  /** Does plain HTTP redirect to HTTPS? */
  redirectToHttps: boolean;
  /** Hostname used in the redirect target. */
  redirectHost: string;
}

/** A web server with HTTP and HTTPS on loopback, configured as a candidate would. */
export async function startWebServer(opts: WebSiteOptions, host = '127.0.0.1') {
  const now = new Date();
  const notBefore = new Date(now.getTime() - 86_400_000);
  const notAfter = new Date(now.getTime() + opts.certDays * 86_400_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: opts.certName }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: notBefore.getTime() > notAfter.getTime() ? new Date(notAfter.getTime() - 30 * 86_400_000) : notBefore,
    notAfterDate: notAfter,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: opts.certName }] }],
  } as never);
  let httpsPort = 0;
  const https = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'strict-transport-security': 'max-age=31536000' });
      res.end(opts.body);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 Not Found');
    }
  });
  const http: Server = createHttpServer((req, res) => {
    if (opts.redirectToHttps) {
      res.writeHead(301, { location: `https://${opts.redirectHost}:${httpsPort}${req.url ?? '/'}` });
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(opts.body);
    }
  });
  const listen = (s: Server | TcpServer) => new Promise<number>((resolve) => s.listen(0, host, () => resolve((s.address() as AddressInfo).port)));
  httpsPort = await listen(https);
  const httpPort = await listen(http);
  return {
    httpPort,
    httpsPort,
    close: async () => {
      await Promise.all([http, https].map((s) => new Promise((r) => s.close(() => r(undefined)))));
    },
  };
}

/** A listening TCP port that greets like a service (an SSH banner, a telnet prompt). */
export async function startTcpService(banner: string, host = '127.0.0.1') {
  const server = createTcpServer((sock) => {
    sock.on('error', () => {});
    sock.end(banner);
  });
  const port = await new Promise<number>((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A TCP port on which nothing listens (bound and released, so connecting is refused). */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  const s = await startTcpService('', host);
  await s.close();
  return s.port;
}
