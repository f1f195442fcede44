// SSH transport for the linux driver: ONE ssh2 connection per host, exec channels multiplexed over
// it (bounded by maxSessions), SFTP for reading files, sudo with the password on stdin, and the
// server's host key recorded (SHA256 fingerprint) and pinned when DeviceConfig.hostKey is set.
import { createHash } from 'node:crypto';
import { Client, type ClientChannel, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import { ObservationError, type DeviceConfig } from '../../src/core/types.js';
import { Semaphore } from '../../src/core/util.js';

/** Single-quote a string for a POSIX shell. */
export function shq(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** OpenSSH-style fingerprint of a raw public key blob: `SHA256:` + unpadded base64. */
export function fingerprint(key: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
}

/** Normalise a pinned fingerprint as people paste it (`SHA256:abc=`, `abc`, with spaces). */
export function normaliseFingerprint(fp: string): string {
  const t = fp.trim().replace(/=+$/, '');
  return t.startsWith('SHA256:') ? t : `SHA256:${t}`;
}

export class HostKeyMismatch extends Error {
  constructor(
    readonly where: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(
      `hostsleutel van ${where} komt niet overeen met de vastgelegde sleutel: verwacht ${expected}, ontvangen ${received} ` +
        `(een andere machine, een opnieuw geïnstalleerde server of een man-in-the-middle; verbinding geweigerd)`,
    );
    this.name = 'HostKeyMismatch';
  }
}

export interface ExecResult {
  command: string;
  exitCode: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  /** Output was cut at the size limit. */
  truncated: boolean;
}

export interface ExecOptions {
  /** Run through sudo (when the login user is not root). */
  sudo?: boolean;
  /** Text written to stdin (after the sudo password, if any). */
  stdin?: string;
  signal?: AbortSignal;
  /** Byte limit for stdout (default 8 MiB). */
  maxBytes?: number;
}

const MAX_BYTES = 8 * 1024 * 1024;

/** How privileged commands are run, decided from the device config. */
export type SudoMode = 'root' | 'password' | 'nopasswd' | 'none';

export function sudoMode(device: DeviceConfig): SudoMode {
  const opt = device.options?.sudo;
  // options.sudo: false = never use sudo; 'always' = use it even when logged in as root.
  if (opt === false) return 'none';
  if ((device.username === 'root' || device.username === undefined) && opt !== 'always') return 'root';
  if (device.secret) return 'password';
  return 'nopasswd';
}

/**
 * The exact remote command line. Every command runs under `LC_ALL=C` so output is parseable.
 * With sudo the password goes to sudo's stdin (`-S -p ''`), never on the command line; the wrapped
 * shell then closes its stdin so a command that does not need a password never sees it.
 */
export function remoteCommand(script: string, mode: SudoMode, sudo: boolean): string {
  const env = 'export LC_ALL=C LANG=C TZ=UTC;';
  if (!sudo || mode === 'root' || mode === 'none') return `${env} ${script}`;
  const inner = `exec 0</dev/null; ${env} ${script}`;
  const flags = mode === 'password' ? `-S -p ''` : '-n';
  return `${env} sudo ${flags} -- sh -c ${shq(inner)}`;
}

/** Recognise sudo's own complaints (not the command's). */
export function sudoFailure(stderr: string): string | undefined {
  if (/incorrect password attempt|Sorry, try again/i.test(stderr)) return 'sudo-wachtwoord afgewezen (secret klopt niet)';
  if (/a password is required|no password was provided|no tty present/i.test(stderr))
    return 'sudo vraagt een wachtwoord; stel het sudo-wachtwoord (secret) van dit apparaat in';
  if (/is not in the sudoers file|not allowed to execute|may not run sudo/i.test(stderr)) return 'de gebruiker mag geen sudo gebruiken (nodig voor dit gegeven)';
  if (/sudo: (command )?not found|sudo: No such file/i.test(stderr)) return 'sudo is niet geïnstalleerd op het apparaat';
  if (/you must have a tty to run sudo/i.test(stderr)) return "sudo eist een terminal (Defaults requiretty); zet 'Defaults !requiretty' voor deze gebruiker of meld aan als root";
  return undefined;
}

export class SshConnection {
  readonly mode: SudoMode;
  hostKeyFingerprint?: string;
  hostKeyType?: string;
  private client?: Client;
  private sftpP?: Promise<SFTPWrapper>;
  private slots: Semaphore;
  private closed = false;
  /** close() was called: never reconnect. */
  private ended = false;
  private reconnecting?: Promise<void>;

  constructor(readonly device: DeviceConfig) {
    this.mode = sudoMode(device);
    this.slots = new Semaphore(Math.max(1, device.maxSessions ?? 4));
  }

  get where(): string {
    return `${this.device.host ?? this.device.role}:${this.device.port ?? 22}`;
  }

  connect(signal: AbortSignal): Promise<void> {
    const d = this.device;
    if (!d.host) return Promise.reject(new Error(`apparaat ${d.role} heeft geen host`));
    const client = new Client();
    const pinned = d.hostKey ? normaliseFingerprint(d.hostKey) : undefined;
    let mismatch: HostKeyMismatch | undefined;
    const cfg: ConnectConfig = {
      host: d.host,
      port: d.port ?? 22,
      username: d.username ?? 'root',
      readyTimeout: d.timeoutMs ?? 20_000,
      keepaliveInterval: 10_000,
      tryKeyboard: !!d.password,
      hostVerifier: (key: Buffer) => {
        const fp = fingerprint(key);
        this.hostKeyFingerprint = fp;
        this.hostKeyType = keyType(key);
        if (pinned && pinned !== fp) {
          mismatch = new HostKeyMismatch(this.where, pinned, fp);
          return false;
        }
        return true;
      },
    };
    if (d.password) cfg.password = d.password;
    if (d.privateKey) cfg.privateKey = d.privateKey;
    if (typeof d.options?.passphrase === 'string') cfg.passphrase = d.options.passphrase;
    if (d.options?.algorithms && typeof d.options.algorithms === 'object') cfg.algorithms = d.options.algorithms as ConnectConfig['algorithms'];
    if (d.password) {
      client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => finish(prompts.map(() => d.password!)));
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        client.end();
        reject(signal.reason ?? new Error('aborted'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      client.once('ready', () => {
        signal.removeEventListener('abort', onAbort);
        // Only a ready client is used for channels (a channel opened mid-handshake breaks the stream).
        this.client = client;
        this.closed = false;
        this.sftpP = undefined;
        resolve();
      });
      let ready = false;
      client.once('ready', () => (ready = true));
      // Errors after 'ready' (connection reset, keepalive timeout) must not crash the process:
      // the connection is marked closed and the next exec opens a new one.
      client.on('error', (err: Error & { level?: string }) => {
        if (ready) {
          if (this.client === client) this.closed = true;
          return;
        }
        signal.removeEventListener('abort', onAbort);
        if (mismatch) return reject(mismatch);
        if (err.level === 'client-authentication') {
          const how = [d.password ? 'wachtwoord' : '', d.privateKey ? 'sleutel' : ''].filter(Boolean).join(' en ') || 'geen wachtwoord of sleutel opgegeven';
          const e = new Error(`aanmelden als ${cfg.username} bij ${this.where} mislukt (${how} afgewezen)`) as Error & { level?: string };
          e.level = 'client-authentication';
          return reject(e);
        }
        reject(err);
      });
      client.on('close', () => {
        if (this.client === client) this.closed = true;
      });
      client.connect(cfg);
    });
  }

  /** Run one command on its own channel. Never throws for a non-zero exit; throws for transport trouble. */
  async exec(script: string, opts: ExecOptions = {}): Promise<ExecResult> {
    // A connection the server dropped (reboot of sshd, idle timeout) is opened again once.
    if (this.reconnecting) await this.reconnecting.catch(() => {});
    if (this.client && this.closed && !this.ended) {
      this.reconnecting ??= this.connect(opts.signal ?? AbortSignal.timeout(this.device.timeoutMs ?? 20_000)).finally(() => (this.reconnecting = undefined));
      await this.reconnecting.catch((err: Error) => {
        throw new ObservationError(`SSH-verbinding met ${this.where} verbroken en niet te herstellen: ${err.message}`, '', script);
      });
    }
    const client = this.client;
    if (!client || this.closed) throw new ObservationError(`SSH-verbinding met ${this.where} is gesloten`, '', script);
    const useSudo = !!opts.sudo && this.mode !== 'root' && this.mode !== 'none';
    const cmd = remoteCommand(script, this.mode, !!opts.sudo);
    const release = await this.slots.acquire();
    try {
      return await new Promise<ExecResult>((resolve, reject) => {
        const signal = opts.signal;
        if (signal?.aborted) return reject(signal.reason);
        client.exec(cmd, (err, stream: ClientChannel) => {
          if (err) return reject(new ObservationError(`kan geen kanaal openen op ${this.where}: ${err.message}`, '', script));
          const out: Buffer[] = [];
          const errOut: Buffer[] = [];
          let size = 0;
          let truncated = false;
          const limit = opts.maxBytes ?? MAX_BYTES;
          const onAbort = () => {
            try {
              stream.signal('KILL');
            } catch {
              /* not supported by every server */
            }
            stream.close();
            reject(signal!.reason);
          };
          signal?.addEventListener('abort', onAbort, { once: true });
          stream.on('data', (b: Buffer) => {
            if (size >= limit) {
              truncated = true;
              return;
            }
            size += b.length;
            out.push(b);
          });
          stream.stderr.on('data', (b: Buffer) => {
            if (errOut.reduce((n, x) => n + x.length, 0) < 1024 * 1024) errOut.push(b);
          });
          let code: number | null = null;
          let sig: string | undefined;
          stream.on('exit', (c: number | null, s?: string) => {
            code = c;
            sig = s ?? undefined;
          });
          stream.on('close', () => {
            signal?.removeEventListener('abort', onAbort);
            let stdout = Buffer.concat(out).toString('utf8');
            if (truncated) stdout = stdout.slice(0, limit);
            resolve({ command: script, exitCode: code, ...(sig ? { signal: sig } : {}), stdout, stderr: Buffer.concat(errOut).toString('utf8'), truncated });
          });
          if (useSudo && this.mode === 'password') stream.write(`${this.device.secret}\n`);
          if (opts.stdin !== undefined) stream.write(opts.stdin);
          stream.end();
        });
      }).then((r) => {
        if (useSudo && r.exitCode !== 0) {
          const why = sudoFailure(r.stderr);
          if (why) throw new ObservationError(`${why} (${this.where})`, r.stderr, script);
        }
        return r;
      });
    } finally {
      release();
    }
  }

  private sftp(): Promise<SFTPWrapper> {
    if (!this.sftpP) {
      this.sftpP = new Promise<SFTPWrapper>((resolve, reject) => {
        if (!this.client) return reject(new Error('not connected'));
        this.client.sftp((err, s) => (err ? reject(err) : resolve(s)));
      });
      this.sftpP.catch(() => (this.sftpP = undefined));
    }
    return this.sftpP;
  }

  /** Read a file over SFTP as the login user. Resolves `undefined` when the file does not exist. */
  async readFile(path: string, maxBytes = 1024 * 1024): Promise<{ data: Buffer; truncated: boolean } | undefined> {
    const sftp = await this.sftp();
    const release = await this.slots.acquire();
    try {
      return await new Promise((resolve, reject) => {
        sftp.open(path, 'r', (err, handle) => {
          if (err) {
            const code = (err as Error & { code?: number }).code;
            if (code === 2) return resolve(undefined); // SSH_FX_NO_SUCH_FILE
            return reject(Object.assign(new Error(`SFTP ${path}: ${err.message}`), { sftpCode: code }));
          }
          const chunks: Buffer[] = [];
          let pos = 0;
          const readMore = () => {
            const want = Math.min(64 * 1024, maxBytes + 1 - pos);
            const buf = Buffer.alloc(want);
            sftp.read(handle, buf, 0, want, pos, (e, n) => {
              if (e || n === 0) {
                sftp.close(handle, () => {});
                if (e && (e as Error & { code?: number }).code !== 1) return reject(e);
                const data = Buffer.concat(chunks);
                return resolve({ data: data.subarray(0, maxBytes), truncated: data.length > maxBytes });
              }
              chunks.push(buf.subarray(0, n));
              pos += n;
              if (pos > maxBytes) {
                sftp.close(handle, () => {});
                const data = Buffer.concat(chunks);
                return resolve({ data: data.subarray(0, maxBytes), truncated: true });
              }
              readMore();
            });
          };
          readMore();
        });
      });
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    this.ended = true;
    this.closed = true;
    this.client?.end();
  }
}

function keyType(key: Buffer): string | undefined {
  // SSH wire format: uint32 length + type name.
  if (key.length < 4) return undefined;
  const n = key.readUInt32BE(0);
  return n > 0 && n < 64 ? key.subarray(4, 4 + n).toString('latin1') : undefined;
}
