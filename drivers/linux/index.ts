// The `linux` driver: a Linux server examined over SSH (ssh2). One connection per host, exec
// channels multiplexed (up to maxSessions, default 4), SFTP for file contents, sudo with the
// password on stdin when DeviceConfig.secret is set, host key recorded and pinned (hostKey).
// Check mode is read-only: every fact runs reading commands only (linux.exec is allow-listed);
// writes (reference solutions, fault injection) go through the separate `runWrite` below.
// Two documented exceptions: `linux.script` runs the candidate's own script named by the exam, and
// `linux.backup` with restoreFile extracts one file into a `mktemp -d` scratch dir it removes again.
import type { DeviceConfig, Driver, DriverSession } from '../../src/core/types.js';
import { allowCommand } from './allow.js';
import { FACTS, type FactContext } from './facts.js';
import { parseOsRelease } from './parsers/misc.js';
import { SshConnection, type ExecResult } from './ssh.js';
import { ObservationError } from '../../src/core/types.js';

export { allowCommand } from './allow.js';
export { fingerprint, HostKeyMismatch, SshConnection } from './ssh.js';

export interface LinuxDriverOptions {
  /** Clock for time windows (linux.log since, backup age). */
  now?: () => Date;
}

export function makeLinuxDriver(opts: LinuxDriverOptions = {}): Driver {
  return {
    platform: 'linux',
    description: 'Linux-server via SSH (ssh2): exec over één verbinding, SFTP, sudo, vastgepinde hostsleutel',
    roleKinds: ['linux-server', 'debian', 'ubuntu', 'rhel'],
    // Exec channels are multiplexed over one SSH connection (OpenSSH allows 10 by default).
    defaultMaxSessions: 4,
    facts: Object.fromEntries(Object.entries(FACTS).map(([k, v]) => [k, { description: v.description, ...(v.params ? { params: v.params } : {}) }])),
    allowCommand,
    async connect(device: DeviceConfig, signal: AbortSignal): Promise<DriverSession> {
      const conn = new SshConnection(device);
      await conn.connect(signal);
      const now = opts.now ?? (() => new Date());
      return {
        async gather(fact, params, sig) {
          const def = FACTS[fact];
          if (!def) throw new ObservationError(`linux kent het gegeven '${fact}' niet (wel: ${Object.keys(FACTS).join(', ')})`);
          const ctx: FactContext = { conn, signal: sig, now };
          return def.run(ctx, params);
        },
        async identity(sig) {
          const [h, os, k] = await Promise.all([
            conn.exec('hostname', { signal: sig }),
            conn.exec('cat /etc/os-release', { signal: sig }),
            conn.exec('uname -r', { signal: sig }),
          ]);
          const rel = os.exitCode === 0 ? parseOsRelease(os.stdout) : {};
          return {
            hostname: h.stdout.trim(),
            ...(rel.PRETTY_NAME ? { version: rel.PRETTY_NAME } : {}),
            ...(k.exitCode === 0 ? { kernel: k.stdout.trim() } : {}),
            ...(conn.hostKeyFingerprint ? { hostKeyFingerprint: conn.hostKeyFingerprint } : {}),
            ...(conn.hostKeyType ? { hostKeyType: conn.hostKeyType } : {}),
          };
        },
        close: () => conn.close(),
      };
    },
  };
}

export const linuxDriver: Driver = makeLinuxDriver();

/**
 * WRITE access, outside check mode: run a shell script on the server (with sudo when the login
 * user is not root), for reference solutions and fault injection. Never reachable from gather().
 */
export async function runWrite(device: DeviceConfig, script: string, opts: { signal?: AbortSignal; sudo?: boolean } = {}): Promise<ExecResult> {
  const signal = opts.signal ?? AbortSignal.timeout(device.timeoutMs ?? 60_000);
  const conn = new SshConnection(device);
  await conn.connect(signal);
  try {
    return await conn.exec(script, { sudo: opts.sudo ?? true, signal });
  } finally {
    await conn.close();
  }
}
