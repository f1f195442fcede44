// The linux driver against a REAL OpenSSH server (Debian's /usr/sbin/sshd) started on 127.0.0.1 by
// this test with a generated config and host key; root logs in with a throwaway key on that instance
// only (see sshd-harness.ts). Facts and checks run through the driver and through the runner.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linuxChecks } from '../../checks/linux-all.js';
import { linuxDriver, runWrite } from '../../drivers/linux/index.js';
import type { Socket } from '../../drivers/linux/parsers/ss.js';
import { createRegistry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import type { CheckKind, DeviceConfig, DriverSession, Gathered } from '../../src/core/types.js';
import { FactUnavailable } from '../../src/core/types.js';
import { exam, lab, observation } from '../helpers.js';
import { freePort, startSshd, type Sshd } from './sshd-harness.js';

let sshd: Sshd;
let session: DriverSession;
let work: string;
const sig = (ms = 20_000) => AbortSignal.timeout(ms);
const device = (over: Partial<DeviceConfig> = {}): DeviceConfig => ({
  role: 'srv',
  platform: 'linux',
  host: '127.0.0.1',
  port: sshd.port,
  username: 'root',
  privateKey: sshd.clientKey,
  timeoutMs: 10_000,
  options: {},
  secrets: [],
  ...over,
});
const byKind = (k: string) => linuxChecks.find((c) => c.kind === k)!;

/** Gather a check's facts through the live session, then decide it. */
async function check(kind: string, rawParams: unknown) {
  const c: CheckKind = byKind(kind);
  const params = c.params.parse(rawParams);
  const t = { device: 'srv', platform: 'linux' };
  const obs = new Map<string, Gathered | Error>();
  for (const r of c.facts(params, t)) {
    try {
      obs.set(JSON.stringify(r), await session.gather(r.fact, r.params ?? {}, sig()));
    } catch (err) {
      obs.set(JSON.stringify(r), err as Error);
    }
  }
  return c.evaluate(params, {
    get: (r) => observation({ parsed: (obs.get(JSON.stringify(r)) as Gathered).parsed }),
    parsed: (r) => {
      const g = obs.get(JSON.stringify(r));
      if (!g) throw new Error(`undeclared fact ${r.fact}`);
      if (g instanceof Error) throw new FactUnavailable(g.message);
      if (g.parsed === undefined) throw new FactUnavailable(g.parseError ?? 'no value');
      return g.parsed as never;
    },
  }, t);
}

beforeAll(async () => {
  sshd = await startSshd();
  session = await linuxDriver.connect(device(), sig());
  work = join(sshd.dir, 'work');
  mkdirSync(join(work, 'etc'), { recursive: true });
  mkdirSync(join(work, 'backup'));
  mkdirSync(join(work, 'scripts'));
  // Files the checks look at, all inside the harness's temporary directory.
  writeFileSync(join(work, 'etc', 'app.conf'), 'listen 8080\nlog_level info\n');
  chmodSync(join(work, 'etc', 'app.conf'), 0o640);
  execFileSync('tar', ['-czf', join(work, 'backup', 'etc-2026.tar.gz'), '-C', '/', work.slice(1) + '/etc/app.conf']);
  writeFileSync(join(work, 'backup', 'broken.tar.gz'), readFileSync(join(work, 'backup', 'etc-2026.tar.gz')).subarray(0, 40));
  execFileSync('sh', ['-c', `cd ${work}/backup && sha256sum etc-2026.tar.gz > etc-2026.tar.gz.sha256`]);
  writeFileSync(join(work, 'scripts', 'groet.sh'), '#!/bin/sh\necho "Hallo $1"\n[ "$1" = fout ] && exit 3\nexit 0\n');
  writeFileSync(join(work, 'scripts', 'traag.sh'), '#!/bin/sh\nsleep 10\n');
  chmodSync(join(work, 'scripts', 'groet.sh'), 0o755);
  chmodSync(join(work, 'scripts', 'traag.sh'), 0o755);
  const t = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
  writeFileSync(join(work, 'auth.log'), `${t(120)} vm sshd[1]: Failed password for bob from 10.0.0.9\n${t(5)} vm sshd[2]: Accepted publickey for beheer from 10.0.0.8\n${t(3)} vm sshd[3]: Failed password for bob from 10.0.0.9\n`);
});

afterAll(async () => {
  await session?.close();
  await sshd?.stop();
});

describe('linux driver over a real sshd', () => {
  it('records the host key fingerprint (identity) and runs many facts over ONE connection', async () => {
    const id = await session.identity!(sig());
    expect(id.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
    expect(id.hostname).toBeTruthy();
    const facts = ['linux.hostname', 'linux.users', 'linux.groups', 'linux.listening', 'linux.addresses', 'linux.routes', 'linux.mounts', 'linux.password-policy'];
    const all = await Promise.all(facts.map((f) => session.gather(f, {}, sig())));
    for (const g of all) expect(g.parseError, g.command).toBeUndefined();
    // sshd logs one "Accepted publickey" per connection: everything above shared the first one.
    expect(sshd.log().match(/Accepted publickey for root/g)?.length).toBe(1);
  });

  it('linux.listening sees this sshd with its process; the check passes for it and fails for a closed port', async () => {
    const g = await session.gather('linux.listening', {}, sig());
    const mine = (g.parsed as Socket[]).find((s) => s.port === sshd.port);
    expect(mine?.processes.map((p) => p.name)).toContain('sshd');
    expect((await check('linux.listening', { port: sshd.port, process: 'sshd', address: '127.0.0.1' })).status).toBe('pass');
    expect((await check('linux.listening', { port: sshd.port, process: 'nginx' })).status).toBe('fail');
    expect((await check('linux.listening', { port: await freePort() })).status).toBe('fail');
  });

  it('linux.sshd reads the effective settings of this instance (sshd -T -f)', async () => {
    expect((await check('linux.sshd', { config: sshd.config, settings: { PermitRootLogin: 'prohibit-password', PasswordAuthentication: 'no', AllowUsers: ['root'] } })).status).toBe('pass');
    const bad = await check('linux.sshd', { config: sshd.config, settings: { PermitRootLogin: 'no', AllowUsers: ['beheer'] } });
    expect(bad).toMatchObject({ status: 'fail' });
    expect(bad.message).toContain('PermitRootLogin');
  });

  it('linux.users / linux.group / linux.sudo', async () => {
    expect((await check('linux.user', { name: 'root', shell: '/bin/bash', groups: ['root'] })).status).toBe('pass');
    expect((await check('linux.user', { name: 'geenzo', present: false })).status).toBe('pass');
    expect((await check('linux.user', { name: 'geenzo' })).status).toBe('fail');
    const users = await session.gather('linux.users', {}, sig());
    expect(users.raw).not.toMatch(/\$(y|6|5|1)\$[^:\s]{8,}/); // never a password hash in evidence
    expect((await check('linux.group', { name: 'root', members: ['root'] })).status).toBe('pass');
    expect((await check('linux.sudo', { user: 'root', all_commands: true })).status).toBe('pass');
    expect((await check('linux.sudo', { user: 'nobody' })).status).toBe('fail');
    expect((await check('linux.sudo', { user: 'nobody', allowed: false })).status).toBe('pass');
  });

  it('linux.file: owner, mode, content over SFTP, sha256; missing file', async () => {
    const path = join(work, 'etc', 'app.conf');
    const sha = execFileSync('sha256sum', [path]).toString().slice(0, 64);
    expect((await check('linux.file', { path, owner: 'root', mode: '0640', contains: '^listen 8080$', sha256: sha })).status).toBe('pass');
    const r = await check('linux.file', { path, mode: '0600', contains: 'listen 443' });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/rechten zijn 0640.*listen 443/);
    expect((await check('linux.file', { path: join(work, 'nope') })).status).toBe('fail');
    expect((await check('linux.file', { path: join(work, 'nope'), present: false })).status).toBe('pass');
    const g = await session.gather('linux.file', { path, content: true }, sig());
    expect(g.command).toContain('sftp get');
  });

  it('linux.backup: integrity, checksum, restore of one file into a scratch dir, newest by pattern', async () => {
    const member = work.slice(1) + '/etc/app.conf';
    const ok = await check('linux.backup', { path: join(work, 'backup', 'etc-*.tar.gz'), max_age: '1h', restore_file: member });
    expect(ok.status, ok.message).toBe('pass');
    expect((ok.actual as { restore: { scratchRemoved: boolean } }).restore.scratchRemoved).toBe(true);
    expect((await check('linux.backup', { path: join(work, 'backup', 'broken.tar.gz') })).status).toBe('fail');
    expect((await check('linux.backup', { path: join(work, 'backup', 'broken.tar.gz'), format: 'gzip' })).status).toBe('fail');
    expect((await check('linux.backup', { path: join(work, 'backup', 'etc-2026.tar.gz'), format: 'gzip' })).status).toBe('pass');
    expect((await check('linux.backup', { path: join(work, 'backup', 'etc-2026.tar.gz'), format: 'checksum' })).status).toBe('pass');
    expect((await check('linux.backup', { path: join(work, 'backup', 'old-*.tar.gz') })).status).toBe('fail');
    // The original changed after the backup: the restored copy differs.
    writeFileSync(join(work, 'etc', 'app.conf'), 'listen 9090\n');
    const diff = await check('linux.backup', { path: join(work, 'backup', 'etc-2026.tar.gz'), restore_file: member });
    expect(diff.status).toBe('fail');
    expect(diff.message).toContain('wijkt af');
    writeFileSync(join(work, 'etc', 'app.conf'), 'listen 8080\nlog_level info\n');
    // No scratch directory is left behind in /tmp by any of the restores.
    expect(execFileSync('sh', ['-c', `find /tmp -maxdepth 1 -name 'tmp.*' -type d -exec find {} -name app.conf \\; 2>/dev/null | wc -l`]).toString().trim()).toBe('0');
  });

  it('linux.script runs only the named script under the named root, with a timeout', async () => {
    const root = join(work, 'scripts');
    expect((await check('linux.script', { root, path: join(root, 'groet.sh'), args: ['Kim'], stdout_equals: 'Hallo Kim' })).status).toBe('pass');
    expect((await check('linux.script', { root, path: join(root, 'groet.sh'), args: ['fout'] })).status).toBe('fail');
    const slow = await check('linux.script', { root, path: join(root, 'traag.sh'), timeout: 1 });
    expect(slow.status).toBe('fail');
    expect(slow.message).toContain('niet klaar');
    await expect(session.gather('linux.script', { root, path: '/bin/true' }, sig())).rejects.toThrow(/niet onder/);
    await expect(session.gather('linux.script', { root: '/', path: '/bin/true' }, sig())).rejects.toThrow(/te ruim/);
  });

  it('linux.log: a log file within a window', async () => {
    expect((await check('linux.log', { source: join(work, 'auth.log'), grep: 'Failed password for bob', since: '30m' })).status).toBe('pass');
    const two = await session.gather('linux.log', { source: join(work, 'auth.log'), grep: 'Failed password', since: '3h' }, sig());
    expect((two.parsed as { count: number }).count).toBe(2);
    expect((await check('linux.log', { source: join(work, 'auth.log'), grep: 'Failed password for root', since: '1h' })).status).toBe('fail');
    await expect(session.gather('linux.log', { source: join(work, 'none.log'), grep: 'x' }, sig())).rejects.toThrow(/bestaat niet/);
  });

  it('linux.exec runs allow-listed commands and refuses others', async () => {
    const g = await session.gather('linux.exec', { command: 'ss -Htlnp' }, sig());
    expect((g.parsed as { exitCode: number; data: Socket[] }).data.some((s) => s.port === sshd.port)).toBe(true);
    await expect(session.gather('linux.exec', { command: 'rm -rf /tmp/x' }, sig())).rejects.toThrow(/geweigerd/);
    await expect(session.gather('linux.exec', { command: 'cat /etc/hostname; touch /tmp/x' }, sig())).rejects.toThrow(/geweigerd/);
  });

  it('sudo -S: the password goes to sudo on stdin, never on the command line nor to the command', async () => {
    const secret = 'geheim-sudo-wachtwoord';
    const s = await linuxDriver.connect(device({ secret, options: { sudo: 'always' } }), sig());
    try {
      const id = await s.gather('linux.exec', { command: 'id -u', sudo: true }, sig());
      expect((id.parsed as { stdout: string }).stdout.trim()).toBe('0');
      expect(id.command).not.toContain(secret);
      // `cat` without arguments echoes its stdin: the command must not receive the sudo password.
      const cat = await s.gather('linux.exec', { command: 'cat', sudo: true }, sig());
      expect((cat.parsed as { exitCode: number; stdout: string }).exitCode).toBe(0);
      expect(cat.raw).not.toContain(secret);
      expect(sshd.log()).not.toContain(secret);
    } finally {
      await s.close();
    }
  });

  it('a connection dropped by the server is opened again for the next fact (no crash on the reset)', async () => {
    const s = await linuxDriver.connect(device(), sig());
    try {
      expect((await s.gather('linux.hostname', {}, sig())).parsed).toBeTruthy();
      const before = sshd.log().match(/Accepted publickey for root/g)!.length;
      // End the sshd session processes serving connections (children of the sshd this test started).
      const kids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(sshd.pid)]).toString().trim().split(/\s+/).filter(Boolean).map(Number);
      expect(kids.length).toBeGreaterThan(0);
      for (const pid of kids) process.kill(pid, "SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      const g = await s.gather('linux.hostname', {}, sig());
      expect((g.parsed as { hostname: string }).hostname).toBeTruthy();
      expect(sshd.log().match(/Accepted publickey for root/g)!.length).toBeGreaterThan(before);
    } finally {
      await s.close();
      // The shared session of the other tests was served by one of those children: open it again.
      await session.close();
      session = await linuxDriver.connect(device(), sig());
    }
  });

  it('runWrite is a separate, explicit write path', async () => {
    const marker = join(work, 'written-by-runWrite');
    const r = await runWrite(device(), `echo ok > ${marker}`);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('ok\n');
  });

  it('through the runner: an exam with linux criteria, evidence has the host key', async () => {
    const e = exam(`
id: linux-t
title: Linux
dossier: d
werkprocessen: [B1-K2-W2]
roles: { srv: linux }
criteria:
  - { id: ssh, title: SSH luistert, check: { kind: linux.listening, device: srv, port: ${sshd.port}, process: sshd } }
  - { id: root, title: Root alleen met sleutel, check: { kind: linux.sshd, device: srv, config: "${sshd.config}", settings: { PasswordAuthentication: "no" } } }
  - { id: backup, title: Back-up intact, check: { kind: linux.backup, device: srv, path: "${join(work, 'backup', 'etc-2026.tar.gz')}", max_age: 1d } }
  - { id: user, title: Gebruiker beheer, check: { kind: linux.user, device: srv, name: beheer } }
`);
    const l = lab(`
name: t
credentials: { rootkey: { username: root, private_key: { env: PROEFLAB_TEST_KEY } } }
pods:
  - id: p1
    devices: { srv: { platform: linux, host: 127.0.0.1, port: ${sshd.port}, credentials: rootkey, host_key: "${sshd.hostKeyFingerprint}" } }
`);
    const r = await run({ exams: [e], lab: l, registry: createRegistry(), env: { PROEFLAB_TEST_KEY: sshd.clientKey } });
    const st = Object.fromEntries(r.results[0]!.criteria.map((c) => [c.id, c.status]));
    expect(st).toEqual({ ssh: 'pass', root: 'pass', backup: 'pass', user: 'fail' });
    expect(r.results[0]!.devices[0]!.identity?.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
    expect(JSON.stringify(r.observations)).not.toContain('PRIVATE KEY');
  });
});

describe('linux driver error paths (reported as errors with a reason)', () => {
  it('wrong password: authentication failure with the reason', async () => {
    const err = await linuxDriver.connect(device({ privateKey: undefined, password: 'fout-wachtwoord' }), sig()).catch((e: Error & { level?: string }) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error & { level?: string }).level).toBe('client-authentication');
    expect((err as Error).message).toMatch(/aanmelden als root .* mislukt \(wachtwoord afgewezen\)/);
  });

  it('unreachable port: connection refused', async () => {
    const port = await freePort();
    const err = await linuxDriver.connect(device({ port }), sig()).catch((e: NodeJS.ErrnoException) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('host key mismatch: refused with both fingerprints; the right pin connects', async () => {
    const wrong = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const err = await linuxDriver.connect(device({ hostKey: wrong }), sig()).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('HostKeyMismatch');
    expect((err as Error).message).toContain(wrong);
    expect((err as Error).message).toContain(sshd.hostKeyFingerprint);
    const s = await linuxDriver.connect(device({ hostKey: sshd.hostKeyFingerprint + '=' }), sig());
    await s.close();
  });

  it('through the runner a fact that takes too long is an error with the reason (timeout)', async () => {
    const root = join(work, 'scripts');
    const e = exam(`
id: linux-t
title: Linux
dossier: d
werkprocessen: [P2-K1-W2]
roles: { srv: linux }
criteria:
  - { id: script, title: Script, check: { kind: linux.script, device: srv, root: "${root}", path: "${join(root, 'traag.sh')}", timeout: 30 } }
`);
    const l = lab(`
name: t
credentials: { rootkey: { username: root, private_key: { env: PROEFLAB_TEST_KEY } } }
pods:
  - id: p1
    devices: { srv: { platform: linux, host: 127.0.0.1, port: ${sshd.port}, credentials: rootkey, timeout: 2 } }
`);
    const r = await run({ exams: [e], lab: l, registry: createRegistry(), env: { PROEFLAB_TEST_KEY: sshd.clientKey } });
    expect(r.results[0]!.criteria[0]).toMatchObject({ status: 'error', message: expect.stringMatching(/geen antwoord binnen 2 s/) });
  });

  it('through the runner a host key mismatch makes every criterion error (never fail)', async () => {
    const e = exam(`
id: linux-t
title: Linux
dossier: d
werkprocessen: [W]
roles: { srv: linux }
criteria:
  - { id: host, title: Hostnaam, check: { kind: linux.hostname, device: srv, hostname: vm } }
`);
    const l = lab(`
name: t
credentials: { rootkey: { username: root, private_key: { env: PROEFLAB_TEST_KEY } } }
pods:
  - id: p1
    devices: { srv: { platform: linux, host: 127.0.0.1, port: ${sshd.port}, credentials: rootkey, host_key: "SHA256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" } }
`);
    const r = await run({ exams: [e], lab: l, registry: createRegistry(), env: { PROEFLAB_TEST_KEY: sshd.clientKey } });
    expect(r.results[0]!.criteria[0]!.status).toBe('error');
    expect(r.results[0]!.criteria[0]!.message).toMatch(/hostsleutel/);
  });
});
