// HTTP(S) from the harness: status, headers, body (bounded), redirect target, TLS certificate.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { ObservationError, type Gathered } from '../../src/core/types.js';

export interface CertInfo {
  subject: Record<string, string>;
  issuer: Record<string, string>;
  subjectAltNames: string[];
  validFrom: string;
  validTo: string;
  daysRemaining: number;
  fingerprint256: string;
  selfSigned: boolean;
  /** Did the chain verify against the trust store (and the hostname match)? */
  trusted: boolean;
  trustError?: string;
  chain: { subject: string; issuer: string }[];
}

export interface HttpResult {
  url: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  location?: string;
  body: string;
  bodyTruncated: boolean;
  tls?: CertInfo;
}

const MAX_BODY = 256 * 1024;

const flat = (o: object | undefined) =>
  Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));

function certInfo(sock: TLSSocket): CertInfo | undefined {
  const cert = sock.getPeerCertificate(true) as PeerCertificate & { issuerCertificate?: PeerCertificate };
  if (!cert || !cert.subject) return undefined;
  const chain: { subject: string; issuer: string }[] = [];
  const seen = new Set<string>();
  for (let c: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = cert; c && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
    seen.add(c.fingerprint256);
    chain.push({ subject: String(c.subject?.CN ?? JSON.stringify(c.subject)), issuer: String(c.issuer?.CN ?? JSON.stringify(c.issuer)) });
  }
  const validTo = new Date(cert.valid_to);
  return {
    subject: flat(cert.subject),
    issuer: flat(cert.issuer),
    subjectAltNames: (cert.subjectaltname ?? '').split(/,\s*/).filter(Boolean),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: validTo.toISOString(),
    daysRemaining: Math.floor((validTo.getTime() - Date.now()) / 86_400_000),
    fingerprint256: cert.fingerprint256,
    selfSigned: cert.fingerprint256 === (cert.issuerCertificate?.fingerprint256 ?? cert.fingerprint256) && JSON.stringify(cert.subject) === JSON.stringify(cert.issuer),
    trusted: sock.authorized,
    ...(sock.authorizationError ? { trustError: String(sock.authorizationError) } : {}),
    chain,
  };
}

export function probeHttp(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; ca?: string; servername?: string },
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Gathered> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return Promise.reject(new ObservationError(`ongeldige URL '${url}'`));
  }
  const method = opts.method ?? 'GET';
  const command = `${method} ${url}`;
  return new Promise((resolve, reject) => {
    const isHttps = u.protocol === 'https:';
    const req = (isHttps ? httpsRequest : httpRequest)(
      u,
      {
        method,
        headers: { 'user-agent': 'proeflab', ...opts.headers },
        timeout: timeoutMs,
        signal,
        // Observe the certificate whatever it is; trust is reported, not enforced.
        ...(isHttps ? { rejectUnauthorized: false, ca: opts.ca, ...(opts.servername || !isIP(u.hostname) ? { servername: opts.servername ?? u.hostname } : {}) } : {}),
      },
      (res: IncomingMessage) => {
        const tls = isHttps ? certInfo(res.socket as TLSSocket) : undefined;
        if (tls && !opts.ca) {
          // rejectUnauthorized:false still computes authorized/authorizationError against the default store.
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (c: Buffer) => {
          if (size < MAX_BODY) chunks.push(c);
          else truncated = true;
          size += c.length;
        });
        res.on('end', () => {
          const body = Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8');
          const headers = flat(res.headers);
          const parsed: HttpResult = {
            url,
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers,
            ...(headers.location ? { location: new URL(headers.location, url).toString() } : {}),
            body,
            bodyTruncated: truncated,
            ...(tls ? { tls } : {}),
          };
          const head = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\n${Object.entries(headers)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n')}`;
          const certText = tls ? `\n\n[certificaat] subject=${tls.subject.CN ?? ''} issuer=${tls.issuer.CN ?? ''} geldig tot ${tls.validTo} sha256=${tls.fingerprint256}` : '';
          resolve({ command, transport: isHttps ? 'https' : 'http', raw: `${head}\n\n${body}${certText}`, parsed });
        });
        res.on('error', (err) => reject(new ObservationError(`${url}: ${err.message}`, '', command)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`geen antwoord binnen ${timeoutMs / 1000} s`)));
    req.on('error', (err: NodeJS.ErrnoException) => {
      const reason =
        err.code === 'ECONNREFUSED' ? 'verbinding geweigerd' : err.code === 'ENOTFOUND' ? 'naam niet gevonden (DNS)' : err.message;
      reject(new ObservationError(`${url}: ${reason}`, '', command));
    });
    req.end();
  });
}
