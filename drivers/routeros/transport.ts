// Transports of the RouterOS driver: the API (node-routeros; plain 8728 or TLS 8729 with the
// certificate fingerprint recorded and optionally pinned) and SSH (ssh2 exec; the login name gets
// the `+cet1024w` suffix: no colours, no terminal probing, 1024 columns, no auto-wrap).
// Errors are turned into clear Dutch reasons (ObservationError) for the evidence.
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { getSystemErrorName } from 'node:util';
import { RouterOSAPI } from 'node-routeros';
import ssh2 from 'ssh2';
import { ObservationError, type DeviceConfig } from '../../src/core/types.js';

export type ApiRecord = Record<string, string>;

const where = (host: string, port: number) => `${host}:${port}`;

/** Turn a node-routeros / socket error into a clear reason. */
export function apiErrorReason(err: unknown, host: string, port: number, tls: boolean): string {
  const e = err as { errno?: string | number; code?: string; message?: string };
  // node-routeros reports socket errors as a numeric errno (-111), its own as names (CANTLOGIN)
  const code = typeof e?.errno === 'number' ? getSystemErrorName(e.errno) : (e?.errno ?? e?.code ?? '');
  const svc = tls ? 'api-ssl' : 'api';
  switch (code) {
    case 'ECONNREFUSED':
      return `RouterOS-API op ${where(host, port)} weigert de verbinding: de dienst ${svc} staat uit (/ip service) of luistert op een andere poort`;
    case 'CANTLOGIN':
      return `aanmelden bij de RouterOS-API op ${where(host, port)} mislukt: gebruikersnaam of wachtwoord afgewezen`;
    case 'SOCKTMOUT':
    case 'ETIMEDOUT':
      return `geen antwoord van de RouterOS-API op ${where(host, port)} (time-out)`;
    case 'ECONNRESET':
    case 'SOCKCLOSED':
    case 'UNKNOWNREPLY':
      return `RouterOS-API op ${where(host, port)} verbrak de verbinding (staat het adres van proeflab in /ip service ${svc} address?)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where(host, port)} is onbereikbaar`;
  }
  const msg = e?.message ?? String(err);
  if (/EPROTO|wrong version number|SSL|TLS/i.test(msg)) return `TLS-fout met ${where(host, port)} (${svc}): ${msg}`;
  return `RouterOS-API op ${where(host, port)}: ${msg}`;
}

/** SHA-256 fingerprint of a DER certificate, `AB:CD:...` (as Node and browsers print it). */
export const certFingerprint = (der: Buffer) => createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
const normFp = (s: string) => s.replace(/^sha256[:/]/i, '').replace(/[^0-9a-f]/gi, '').toUpperCase();

export class ApiTransport {
  private api?: RouterOSAPI;
  tlsFingerprint?: string;
  constructor(
    readonly host: string,
    readonly port: number,
    readonly user: string,
    private readonly password: string,
    readonly tls: boolean,
    private readonly timeoutMs: number,
    /** Pinned certificate fingerprint (hex, any separators); a different certificate is refused. */
    private readonly pin?: string,
  ) {}

  async open(signal: AbortSignal): Promise<void> {
    const api = new RouterOSAPI({
      host: this.host,
      port: this.port,
      user: this.user,
      password: this.password,
      timeout: Math.max(1, Math.ceil(this.timeoutMs / 1000)),
      // RouterOS certificates are usually self-signed: the fingerprint is recorded (and pinned when
      // configured) instead of a CA check.
      ...(this.tls ? { tls: { rejectUnauthorized: false } } : {}),
    });
    api.on('error', () => {});
    const onAbort = () => void api.close().catch(() => {});
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await api.connect();
    } catch (err) {
      throw new ObservationError(apiErrorReason(err, this.host, this.port, this.tls));
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (this.tls) {
      const sock = (api as unknown as { connector?: { socket?: TLSSocket } }).connector?.socket;
      const cert = sock?.getPeerCertificate?.();
      if (cert?.raw) this.tlsFingerprint = certFingerprint(cert.raw);
      if (this.pin && (!this.tlsFingerprint || normFp(this.pin) !== normFp(this.tlsFingerprint))) {
        await api.close().catch(() => {});
        throw new ObservationError(`TLS-certificaat van ${this.host}:${this.port} wijkt af van het vastgelegde (verwacht ${this.pin}, gekregen ${this.tlsFingerprint ?? 'geen'})`);
      }
    }
    this.api = api;
  }

  /** Send one sentence; the caller has checked it against the allow-list (or is the write path). */
  async run(words: string[]): Promise<ApiRecord[]> {
    if (!this.api) throw new ObservationError('RouterOS-API: geen verbinding');
    try {
      const [cmd, ...attrs] = words;
      const data = (await this.api.write(cmd, attrs)) as Record<string, unknown>[];
      return data.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));
    } catch (err) {
      const e = err as { errno?: string | number; message?: string };
      if (e?.errno) throw new ObservationError(apiErrorReason(err, this.host, this.port, this.tls));
      throw new ObservationError(`RouterOS weigerde '${words[0]}': ${e?.message ?? String(err)}`, '', words.join(' '));
    }
  }

  async close() {
    const api = this.api;
    this.api = undefined;
    if (api) await api.close().catch(() => {});
  }
}

/** SSH host key fingerprint as OpenSSH prints it (`SHA256:base64`, no padding). */
export const sshFingerprint = (key: Buffer) => 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');

export function sshErrorReason(err: unknown, host: string, port: number): string {
  const e = err as NodeJS.ErrnoException & { level?: string };
  if (e?.level === 'client-authentication') return `aanmelden via SSH bij ${host}:${port} mislukt: gebruikersnaam of wachtwoord afgewezen`;
  if (e?.code === 'ECONNREFUSED') return `SSH op ${host}:${port} weigert de verbinding: de dienst ssh staat uit (/ip service) of luistert op een andere poort`;
  if (e?.level === 'client-timeout' || /timed out/i.test(e?.message ?? '')) return `geen antwoord van SSH op ${host}:${port} (time-out)`;
  if (e?.code === 'ECONNRESET') return `SSH op ${host}:${port} verbrak de verbinding (staat het adres van proeflab in /ip service ssh address?)`;
  return `SSH naar ${host}:${port}: ${e?.message ?? String(err)}`;
}

export class SshTransport {
  private client?: ssh2.Client;
  hostKeyFingerprint?: string;
  constructor(
    readonly host: string,
    readonly port: number,
    readonly user: string,
    private readonly password: string | undefined,
    private readonly privateKey: string | undefined,
    private readonly timeoutMs: number,
    private readonly pinnedHostKey?: string,
  ) {}

  open(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const c = new ssh2.Client();
      let mismatch: string | undefined;
      const fail = (err: unknown) => {
        c.end();
        reject(new ObservationError(mismatch ?? sshErrorReason(err, this.host, this.port)));
      };
      const onAbort = () => fail(Object.assign(new Error('timed out'), { level: 'client-timeout' }));
      signal.addEventListener('abort', onAbort, { once: true });
      c.on('ready', () => {
        signal.removeEventListener('abort', onAbort);
        this.client = c;
        resolve();
      });
      c.on('error', (err) => {
        signal.removeEventListener('abort', onAbort);
        fail(err);
      });
      c.connect({
        host: this.host,
        port: this.port,
        // `+cet1024w`: c = no colours, e = "dumb" terminal mode, t = no terminal capability
        // auto-detection, 1024w = 1024 columns so print output is not wrapped.
        username: `${this.user}+cet1024w`,
        ...(this.password !== undefined ? { password: this.password } : {}),
        ...(this.privateKey ? { privateKey: this.privateKey } : {}),
        readyTimeout: this.timeoutMs,
        hostVerifier: (key: Buffer) => {
          this.hostKeyFingerprint = sshFingerprint(key);
          if (this.pinnedHostKey && this.pinnedHostKey !== this.hostKeyFingerprint) {
            mismatch = `SSH-sleutel van ${this.host} wijkt af van de vastgelegde (verwacht ${this.pinnedHostKey}, gekregen ${this.hostKeyFingerprint})`;
            return false;
          }
          return true;
        },
      });
    });
  }

  /** Run one CLI command (exec channel) and return its output with CRs removed. */
  exec(command: string, signal: AbortSignal): Promise<string> {
    const c = this.client;
    if (!c) return Promise.reject(new ObservationError('SSH: geen verbinding'));
    return new Promise((resolve, reject) => {
      c.exec(command, (err, stream) => {
        if (err) return reject(new ObservationError(sshErrorReason(err, this.host, this.port), '', command));
        let out = '';
        const onAbort = () => stream.close();
        signal.addEventListener('abort', onAbort, { once: true });
        stream.on('data', (d: Buffer) => (out += d.toString('utf8')));
        stream.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
        stream.on('close', () => {
          signal.removeEventListener('abort', onAbort);
          resolve(out.replace(/\r\n?/g, '\n'));
        });
      });
    });
  }

  async close() {
    this.client?.end();
    this.client = undefined;
  }
}

/**
 * Read the SSH host key fingerprint without logging in: the handshake is stopped in the host key
 * check, before any authentication (so no failed-login entry in the router's log).
 */
export function probeHostKey(host: string, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    let fp: string | undefined;
    const done = () => {
      c.end();
      if (fp) resolve(fp);
      else reject(new ObservationError(`SSH-sleutel van ${host}:${port} niet te lezen`));
    };
    c.on('error', (err) => {
      if (fp) return done();
      c.end();
      reject(new ObservationError(sshErrorReason(err, host, port)));
    });
    c.on('close', done);
    c.connect({
      host,
      port,
      username: 'proeflab-hostkey-probe',
      readyTimeout: timeoutMs,
      hostVerifier: (key: Buffer) => {
        fp = sshFingerprint(key);
        return false;
      },
    });
  });
}

/** Connection settings of a device resolved for both transports. */
export function endpoints(device: DeviceConfig) {
  const o = device.options ?? {};
  const transport = (device.transport ?? (o.transport as string | undefined) ?? 'auto').toLowerCase();
  const tls = transport === 'api-ssl' || transport === 'api-tls' || o.tls === true;
  const apiPort = transport.startsWith('api') && device.port ? device.port : Number(o.apiPort ?? (tls ? 8729 : 8728));
  const sshPort = transport === 'ssh' && device.port ? device.port : Number(o.sshPort ?? 22);
  return { transport, tls, apiPort, sshPort, host: device.host ?? '127.0.0.1', timeoutMs: device.timeoutMs ?? 15_000 };
}
