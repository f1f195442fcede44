// The non-root path against a real sshd and real sudo: a throwaway user (created here with useradd,
// no home directory, removed in afterAll together with its sudoers drop-in) logs in with a password;
// privileged facts go through `sudo -S` with the password on stdin. Covers: password login, sudo with
// the right/wrong/no password, SFTP refused → read through sudo, and what a user without sudo sees.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linuxDriver } from '../../drivers/linux/index.js';
import type { Socket } from '../../drivers/linux/parsers/ss.js';
import type { DeviceConfig, DriverSession } from '../../src/core/types.js';
import { startSshd, type Sshd } from './sshd-harness.js';

const suffix = String(process.pid).slice(-5);
const ADMIN = `plt-adm${suffix}`; // may sudo, with password
const PLAIN = `plt-usr${suffix}`; // no sudo at all
const PASSWORD = `Proef-${suffix}-wachtwoord!`;
const SUDOERS = `/etc/sudoers.d/proeflab-test-${suffix}`;

let sshd: Sshd;
let secretFile: string;
const sig = () => AbortSignal.timeout(20_000);
const device = (over: Partial<DeviceConfig> = {}): DeviceConfig => ({
  role: 'srv', platform: 'linux', host: '127.0.0.1', port: sshd.port, username: ADMIN, password: PASSWORD, secret: PASSWORD, timeoutMs: 15_000, options: {}, secrets: [PASSWORD], ...over,
});

beforeAll(async () => {
  for (const u of [ADMIN, PLAIN]) {
    execFileSync('useradd', ['-M', '-d', '/nonexistent', '-s', '/bin/sh', u]);
    execFileSync('chpasswd', [], { input: `${u}:${PASSWORD}\n` });
  }
  writeFileSync(SUDOERS, `${ADMIN} ALL=(ALL:ALL) ALL\n`, { mode: 0o440 });
  execFileSync('visudo', ['-cf', SUDOERS]);
  sshd = await startSshd({ users: [ADMIN, PLAIN], passwords: true });
  secretFile = join(sshd.dir, 'root-only.conf');
  writeFileSync(secretFile, 'db_password_hint=zie kluis\n');
  chmodSync(secretFile, 0o600);
  chmodSync(sshd.dir, 0o755);
});

afterAll(async () => {
  await sshd?.stop();
  rmSync(SUDOERS, { force: true });
  for (const u of [ADMIN, PLAIN]) {
    try {
      execFileSync('userdel', [u]);
    } catch {
      /* not created */
    }
  }
});

describe('linux driver as a non-root user with sudo', () => {
  it('password login; sudo -S with the password makes privileged facts work', async () => {
    const s = await linuxDriver.connect(device(), sig());
    try {
      const ss = await s.gather('linux.listening', {}, sig());
      expect((ss.parsed as Socket[]).find((x) => x.port === sshd.port)?.processes.map((p) => p.name)).toContain('sshd');
      expect(ss.command).not.toContain(PASSWORD);
      const sudo = await s.gather('linux.sudo', { user: ADMIN }, sig());
      expect(sudo.parsed).toMatchObject({ allowed: true, all: true, rules: [{ nopasswd: false }] });
      const users = await s.gather('linux.users', {}, sig());
      const me = (users.parsed as { users: { name: string; status?: string; hashType?: string }[] }).users.find((u) => u.name === ADMIN);
      expect(me).toMatchObject({ status: 'P' });
      expect(me!.hashType).toBeTruthy();
      expect(users.raw).not.toMatch(/\$(y|6|5)\$[^:\s]{8,}/);
      // SFTP as the user is refused (0600 root); the driver reads it through sudo.
      const f = await s.gather('linux.file', { path: secretFile, content: true }, sig());
      expect(f.parsed).toMatchObject({ owner: 'root', mode: '0600', content: 'db_password_hint=zie kluis\n' });
      expect(f.command).toContain('sudo cat');
    } finally {
      await s.close();
    }
  });

  it('a wrong sudo password is an error with that reason', async () => {
    const s = await linuxDriver.connect(device({ secret: 'niet-het-wachtwoord' }), sig());
    try {
      await expect(s.gather('linux.listening', {}, sig())).rejects.toThrow(/sudo-wachtwoord afgewezen/);
      // Facts that need no privileges still work on the same connection.
      expect((await s.gather('linux.hostname', {}, sig())).parsed).toBeTruthy();
    } finally {
      await s.close();
    }
  });

  it('no sudo password configured: the reason says to set one', async () => {
    const s = await linuxDriver.connect(device({ secret: undefined }), sig());
    try {
      await expect(s.gather('linux.sshd', { config: sshd.config }, sig())).rejects.toThrow(/sudo vraagt een wachtwoord/);
    } finally {
      await s.close();
    }
  });

  it('a user without sudo rights: refused with the reason; without sudo at all: permission denied', async () => {
    const s = await linuxDriver.connect(device({ username: PLAIN }), sig());
    try {
      const err = await s.gather('linux.sshd', { config: sshd.config }, sig()).catch((e: Error) => e);
      expect((err as Error).message).toMatch(/geen sudo/);
    } finally {
      await s.close();
    }
    const n = await linuxDriver.connect(device({ username: PLAIN, secret: undefined, options: { sudo: false } }), sig());
    try {
      await expect(n.gather('linux.file', { path: secretFile, content: true }, sig())).rejects.toThrow(/kan .* niet lezen|Permission denied/i);
    } finally {
      await n.close();
    }
  });
});
