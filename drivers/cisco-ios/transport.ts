// Transports to an IOS CLI: SSH (ssh2 interactive shell), telnet (with option negotiation) and a
// console line through a terminal server (reverse telnet). Each gives the channel a byte stream.
import { createHash } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { DeviceConfig } from '../../src/core/types.js';
import { iosPlatform } from './platform.js';
import { DO, DONT, IAC, TelnetParser, WILL, WONT } from './telnet.js';

const { Client } = ssh2;

export interface Transport {
  kind: 'ssh' | 'telnet' | 'console';
  write(s: string): void;
  onData(cb: (s: string) => void): void;
  onClose(cb: (reason: string) => void): void;
  close(): void;
  hostKeyFingerprint?: string;
  /** Newline the device expects. */
  newline: string;
}

/** A connection problem with a clear reason (Dutch, with the English term where it helps). */
export class ConnectError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}

export function sshFingerprint(key: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
}

const where = (d: DeviceConfig, port: number) => `${d.host ?? d.role}:${port}`;

function abortError(signal: AbortSignal): Error {
  const r = signal.reason;
  return r instanceof Error ? r : new Error(String(r ?? 'aborted'));
}

export function openSsh(d: DeviceConfig, signal: AbortSignal): Promise<Transport> {
  const port = d.port ?? 22;
  return new Promise((resolve, reject) => {
    const c = new Client();
    let fingerprint: string | undefined;
    let keyMismatch: string | undefined;
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      c.end();
      reject(e);
    };
    const onAbort = () => {
      try {
        c.destroy();
      } catch {
        /* ignore */
      }
      fail(abortError(signal));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const legacy = d.options.legacyAlgorithms === true || d.options.legacy === true;
    const algorithms = legacy
      ? {
          kex: { append: iosPlatform.legacyAlgorithms.kex },
          serverHostKey: { append: iosPlatform.legacyAlgorithms.serverHostKey },
          cipher: { append: iosPlatform.legacyAlgorithms.cipher },
          hmac: { append: iosPlatform.legacyAlgorithms.hmac },
        }
      : undefined;
    type Algos = NonNullable<Parameters<InstanceType<typeof Client>['connect']>[0]['algorithms']>;
    c.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => finish(prompts.map(() => d.password ?? '')));
    c.on('error', (err: Error & { level?: string; code?: string }) => {
      if (keyMismatch) return fail(new ConnectError(keyMismatch, 'EHOSTKEY'));
      if (err.level === 'client-authentication')
        return fail(new ConnectError(`aanmelden bij ${where(d, port)} mislukt: gebruikersnaam of wachtwoord afgewezen (authentication failed)`, 'EAUTH'));
      if (err.level === 'client-timeout') return fail(new ConnectError(`${where(d, port)} antwoordt niet op de SSH-handshake (timeout)`, 'ETIMEDOUT'));
      if (err.code === 'ECONNREFUSED') return fail(Object.assign(new ConnectError(`verbinding geweigerd door ${where(d, port)} (connection refused)`, 'ECONNREFUSED')));
      if (err.code === 'ECONNRESET') return fail(new ConnectError(`verbinding met ${where(d, port)} verbroken tijdens aanmelden (connection reset)`, 'ECONNRESET'));
      if (/Connection lost before handshake/i.test(err.message))
        return fail(new ConnectError(`${where(d, port)} verbrak de verbinding voor de SSH-handshake (SSH uitgeschakeld? transport input, geen RSA-sleutel)`, 'ECONNRESET'));
      if (/handshake|negotiat|no matching/i.test(err.message))
        return fail(new ConnectError(`SSH-onderhandeling met ${where(d, port)} mislukt (${err.message}); oudere IOS? zet options.legacyAlgorithms`, 'EKEX'));
      fail(new ConnectError(`${where(d, port)}: ${err.message}`, err.code));
    });
    c.on('close', () => {
      if (!settled) fail(new ConnectError(keyMismatch ?? `${where(d, port)} verbrak de verbinding voor het aanmelden (connection closed)`, keyMismatch ? 'EHOSTKEY' : 'ECONNRESET'));
    });
    c.on('ready', () => {
      c.setNoDelay(true);
      c.shell({ term: 'vt100', cols: 511, rows: 24 }, (err, stream) => {
        if (err) return fail(new ConnectError(`${where(d, port)} weigert een shell (${err.message})`));
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        const closeCbs: ((r: string) => void)[] = [];
        let closed = false;
        const doClose = (reason: string) => {
          if (closed) return;
          closed = true;
          for (const cb of closeCbs) cb(reason);
        };
        stream.on('close', () => doClose('verbinding verbroken door het apparaat (connection closed)'));
        c.on('close', () => doClose('verbinding verbroken (connection closed)'));
        c.on('error', (e: Error) => doClose(`verbinding verbroken (${e.message})`));
        resolve({
          kind: 'ssh',
          newline: '\n',
          hostKeyFingerprint: fingerprint,
          write: (s) => {
            if (!closed) stream.write(s);
          },
          onData: (cb) => {
            stream.on('data', (b: Buffer) => cb(b.toString('latin1')));
            stream.stderr.on('data', (b: Buffer) => cb(b.toString('latin1')));
          },
          onClose: (cb) => closeCbs.push(cb),
          close: () => {
            closed = true;
            try {
              stream.end();
            } catch {
              /* ignore */
            }
            c.end();
          },
        });
      });
    });
    c.connect({
      host: d.host ?? '127.0.0.1',
      port,
      username: d.username ?? '',
      password: d.password,
      privateKey: d.privateKey,
      tryKeyboard: true,
      readyTimeout: d.timeoutMs ?? 30_000,
      keepaliveInterval: 0,
      ...(algorithms ? { algorithms: algorithms as unknown as Algos } : {}),
      hostVerifier: (key: Buffer) => {
        fingerprint = sshFingerprint(key);
        if (d.hostKey && normaliseFp(d.hostKey) !== fingerprint) {
          keyMismatch = `hostsleutel van ${where(d, port)} wijkt af van de vastgelegde sleutel (host key mismatch): verwacht ${d.hostKey}, gekregen ${fingerprint}; verbinding geweigerd`;
          return false;
        }
        return true;
      },
    });
  });
}

function normaliseFp(fp: string): string {
  const t = fp.trim();
  return t.startsWith('SHA256:') ? t.replace(/=+$/, '') : `SHA256:${t.replace(/=+$/, '')}`;
}

/** Client side of telnet option negotiation (RFC 854/1091/1073): accept echo/SGA, report a wide terminal. */
function telnetClient(send: (b: Buffer) => void): TelnetParser {
  return new TelnetParser({
    option(cmd, opt) {
      if (cmd === WILL) send(Buffer.from([IAC, opt === 1 || opt === 3 ? DO : DONT, opt]));
      else if (cmd === DO) {
        if (opt === 31) {
          // NAWS: 511 columns, 0 rows (no paging where the device honours it).
          send(Buffer.from([IAC, WILL, 31, IAC, 250, 31, 1, 255, 255, 0, 0, IAC, 240]));
        } else if (opt === 24 || opt === 3) send(Buffer.from([IAC, WILL, opt]));
        else send(Buffer.from([IAC, WONT, opt]));
      }
    },
    subnegotiation(sb) {
      // TERMINAL-TYPE SEND → IS VT100
      if (sb[0] === 24 && sb[1] === 1) send(Buffer.from([IAC, 250, 24, 0, ...Buffer.from('VT100'), IAC, 240]));
    },
  });
}

export function openTelnet(d: DeviceConfig, signal: AbortSignal, kind: 'telnet' | 'console'): Promise<Transport> {
  const port = d.port ?? (kind === 'telnet' ? 23 : 2001);
  return new Promise((resolve, reject) => {
    let settled = false;
    const sock: Socket = netConnect({ host: d.host ?? '127.0.0.1', port });
    const onAbort = () => {
      sock.destroy();
      if (!settled) {
        settled = true;
        reject(abortError(signal));
      }
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    sock.once('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      const msg =
        err.code === 'ECONNREFUSED'
          ? `verbinding geweigerd door ${where(d, port)} (connection refused)`
          : err.code === 'ECONNRESET'
            ? `verbinding met ${where(d, port)} verbroken (connection reset)`
            : `${where(d, port)}: ${err.message}`;
      reject(new ConnectError(msg, err.code));
    });
    sock.once('connect', () => {
      settled = true;
      signal.removeEventListener('abort', onAbort);
      sock.setNoDelay(true);
      const codec = telnetClient((b) => sock.write(b));
      const closeCbs: ((r: string) => void)[] = [];
      let closed = false;
      sock.on('close', () => {
        if (closed) return;
        closed = true;
        for (const cb of closeCbs) cb('verbinding verbroken door het apparaat (connection closed)');
      });
      sock.on('error', () => {});
      resolve({
        kind,
        newline: '\r\n',
        write: (s) => {
          if (!closed) sock.write(Buffer.from(s.replace(/\xff/g, '\xff\xff'), 'latin1'));
        },
        onData: (cb) => sock.on('data', (b: Buffer) => cb(codec.decode(b))),
        onClose: (cb) => closeCbs.push(cb),
        close: () => {
          closed = true;
          sock.destroy();
        },
      });
    });
  });
}
