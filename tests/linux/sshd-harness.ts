// A real OpenSSH server for the linux driver tests: Debian's /usr/sbin/sshd started on 127.0.0.1 with
// a generated config and host key. Least invasive set-up: no user is created; root may log in with a
// throwaway key only, and only on this sshd instance (its own AuthorizedKeysFile, AllowUsers root,
// passwords refused). Everything lives in one mkdtemp directory that stop() removes.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint } from '../../drivers/linux/ssh.js';

export interface Sshd {
  dir: string;
  port: number;
  config: string;
  clientKey: string;
  hostKeyFingerprint: string;
  /** sshd's own log (stderr, -e) so far. */
  log(): string;
  /** Process id of the listening sshd (its children serve the connections). */
  pid: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function keygen(path: string) {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'proeflab-test', '-f', path]);
}

/** Fingerprint of an OpenSSH public key line (`ssh-ed25519 AAAA… comment`). */
export function pubFingerprint(pubLine: string): string {
  return fingerprint(Buffer.from(pubLine.trim().split(/\s+/)[1]!, 'base64'));
}

export interface SshdOptions {
  /** Extra users allowed to log in (besides root with the key). */
  users?: string[];
  /** Allow password logins (for those users; root stays key-only). */
  passwords?: boolean;
}

export async function startSshd(opts: SshdOptions = {}): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'proeflab-sshd-'));
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'client_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1`,
      `Port ${port}`,
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PermitRootLogin prohibit-password`,
      `AllowUsers root${(opts.users ?? []).map((u) => ' ' + u).join('')}`,
      `PasswordAuthentication ${opts.passwords ? 'yes' : 'no'}`,
      `KbdInteractiveAuthentication no`,
      `UsePAM no`,
      `StrictModes no`,
      `MaxSessions 16`,
      `X11Forwarding no`,
      `AllowTcpForwarding no`,
      `Subsystem sftp /usr/lib/openssh/sftp-server`,
      `LogLevel VERBOSE`,
      '',
    ].join('\n'),
  );
  // sshd insists on its privilege separation directory; create it when missing (and leave it).
  const privsep = '/run/sshd';
  if (!existsSync(privsep)) mkdirSync(privsep, { mode: 0o755 });
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config, '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), 10_000);
    const check = () => {
      if (/Server listening on/.test(log)) {
        clearTimeout(t);
        resolve();
      }
    };
    child.stderr!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`sshd exited with ${code}: ${log}`));
    });
  });
  return {
    dir,
    port,
    config,
    clientKey: readFileSync(join(dir, 'client_key'), 'utf8'),
    hostKeyFingerprint: pubFingerprint(readFileSync(join(dir, 'host_key.pub'), 'utf8')),
    log: () => log,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      // /run/sshd stays: another sshd (a parallel test run, the system's) may be using it, and
      // removing it under a running sshd makes every new connection fail (ECONNRESET).
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
