// Service probes of the net driver against real servers started here on loopback or in network
// namespaces made here: smbd (Samba file server, temp config, own port), OpenSSH sftp (the linux
// tests' sshd harness), dnsmasq as DHCP server with udhcpc as client in two namespaces joined by a
// veth pair, and linux.tcp-from through sshd. SMTP and FTP are small protocol stand-ins (no MTA or
// FTP daemon is installed here) that speak the real reply format.
import { execa, type ResultPromise } from 'execa';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netServiceChecks } from '../../checks/net-all.js';
import { linuxDriver } from '../../drivers/linux/index.js';
import { netDriver } from '../../drivers/net/index.js';
import { probeSftp } from '../../drivers/net/services.js';
import { type DriverSession, type Outcome } from '../../src/core/types.js';
import { freePort, startSshd, type Sshd } from '../linux/sshd-harness.js';
import { decideLive } from '../helpers.js';

const sig = () => AbortSignal.timeout(20_000);
let harness: DriverSession;

const run = (kind: string, raw: unknown, session = harness, device = 'harness'): Promise<Outcome> =>
  decideLive(netServiceChecks.find((x) => x.kind === kind)!, session, raw, { device, platform: device === 'harness' ? 'harness' : 'linux' }, sig);

/** A line protocol stand-in: greeting, then a reply per command. */
async function lineServer(greeting: string, answer: (line: string) => string): Promise<{ port: number; server: Server }> {
  const server = createServer((s) => {
    s.write(greeting + '\r\n');
    let buf = '';
    s.on('data', (d) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        s.write(answer(line) + '\r\n');
        if (/^QUIT/i.test(line)) s.end();
      }
    });
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as { port: number }).port, server };
}

beforeAll(async () => {
  harness = await netDriver.connect({ role: 'harness', platform: 'net', timeoutMs: 8000, options: {}, secrets: [] }, sig());
});

describe('SMTP and FTP banners', () => {
  let smtp: { port: number; server: Server };
  let ftp: { port: number; server: Server };
  beforeAll(async () => {
    smtp = await lineServer('220 mail.lab.proef ESMTP Postfix (Debian/GNU)', (l) => (/^EHLO/i.test(l) ? '250-mail.lab.proef\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 8BITMIME' : /^QUIT/i.test(l) ? '221 2.0.0 Bye' : '502 5.5.2 Error'));
    ftp = await lineServer('220 (vsFTPd 3.0.3)', (l) => (/^USER anonymous/i.test(l) ? '530 Permission denied.' : /^USER/i.test(l) ? '331 Please specify the password.' : l === 'PASS Ftp!2026' ? '230 Login successful.' : /^PASS/i.test(l) ? '530 Login incorrect.' : /^QUIT/i.test(l) ? '221 Goodbye.' : '500 Unknown command.'));
  });
  afterAll(() => {
    smtp.server.close();
    ftp.server.close();
  });
  it('SMTP banner, EHLO extensions, STARTTLS', async () => {
    expect(await run('net.smtp', { host: '127.0.0.1', port: smtp.port, contains: 'ESMTP', starttls: true })).toMatchObject({ status: 'pass', message: 'SMTP-banner: mail.lab.proef ESMTP Postfix (Debian/GNU)' });
    expect(await run('net.smtp', { host: '127.0.0.1', port: smtp.port, contains: 'Exchange' })).toMatchObject({ status: 'fail' });
    expect(await run('net.smtp', { host: '127.0.0.1', port: await freePort() })).toMatchObject({ status: 'error', message: expect.stringMatching(/verbinding geweigerd/) });
  });
  it('FTP banner and login; anonymous refused; password never in the transcript', async () => {
    expect(await run('net.ftp', { host: '127.0.0.1', port: ftp.port, username: 'jan', password: 'Ftp!2026', contains: 'vsFTPd' })).toMatchObject({ status: 'pass' });
    expect(await run('net.ftp', { host: '127.0.0.1', port: ftp.port, username: 'jan', password: 'fout' })).toMatchObject({ status: 'fail', message: expect.stringMatching(/530 Login incorrect/) });
    expect(await run('net.ftp', { host: '127.0.0.1', port: ftp.port, username: 'anonymous', password: 'x@y', login: false })).toMatchObject({ status: 'pass' });
    const g = await harness.gather('net.ftp', { host: '127.0.0.1', port: ftp.port, username: 'jan', password: 'Ftp!2026' }, sig());
    expect(g.raw).toContain('> PASS <redacted>');
    expect(g.raw).not.toContain('Ftp!2026');
  });
  it('a server that never answers is a time-out error', async () => {
    const mute = createServer(() => undefined);
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
    const slow = await netDriver.connect({ role: 'harness', platform: 'net', timeoutMs: 1500, options: {}, secrets: [] }, sig());
    await expect(slow.gather('net.smtp', { host: '127.0.0.1', port: (mute.address() as { port: number }).port }, sig())).rejects.toThrow(/time-out/);
    mute.close();
  });
});

describe('SFTP (real OpenSSH) and linux.tcp-from (vantage point over SSH)', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
    mkdirSync(join(sshd.dir, 'upload'));
    writeFileSync(join(sshd.dir, 'upload', 'rapport.pdf'), 'x');
  });
  afterAll(async () => sshd?.stop());
  it('login with a key and list a directory; refused login is a value', async () => {
    const g = await probeSftp('127.0.0.1', sshd.port, { username: 'root', privateKey: sshd.clientKey }, join(sshd.dir, 'upload'), 8000, sig());
    expect(g.parsed).toMatchObject({ login: true, entries: [{ name: 'rapport.pdf', dir: false, size: 1 }] });
    expect(await run('net.sftp', { host: '127.0.0.1', port: sshd.port, username: 'root', password: 'geen-wachtwoord', login: false })).toMatchObject({ status: 'pass' });
    expect(await run('net.sftp', { host: '127.0.0.1', port: sshd.port, username: 'root', password: 'geen-wachtwoord' })).toMatchObject({ status: 'fail', message: expect.stringMatching(/geweigerd/) });
  });
  it('port open/closed as seen from the lab host', async () => {
    const srv = createServer(() => undefined);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const open = (srv.address() as { port: number }).port;
    const linux = await linuxDriver.connect({ role: 'web01', platform: 'linux', host: '127.0.0.1', port: sshd.port, username: 'root', privateKey: sshd.clientKey, timeoutMs: 10_000, options: {}, secrets: [] }, sig());
    try {
      expect(await run('net.tcp-from', { host: '127.0.0.1', port: open }, linux, 'web01')).toMatchObject({ status: 'pass', message: `poort 127.0.0.1:${open} vanaf web01 is open` });
      const closed = await freePort();
      expect(await run('net.tcp-from', { host: '127.0.0.1', port: closed, state: 'closed' }, linux, 'web01')).toMatchObject({ status: 'pass', message: expect.stringMatching(/dicht \(geweigerd\)/) });
      expect(await run('net.tcp-from', { host: '127.0.0.1', port: closed }, linux, 'web01')).toMatchObject({ status: 'fail' });
      expect(await run('net.tcp-from', { host: 'bestaat-niet.invalid', port: 80 }, linux, 'web01')).toMatchObject({ status: 'error' });
    } finally {
      await linux.close();
      srv.close();
    }
  });
});

describe('SMB share with credentials (real smbd on a loopback port)', () => {
  let dir: string;
  let port: number;
  let smbd: ResultPromise;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'proeflab-smbd-'));
    port = await freePort();
    for (const d of ['data', 'geheim', 'priv', 'lock', 'state', 'cache', 'ncalrpc']) mkdirSync(join(dir, d));
    // smbd serves files as the mapped unix user (nobody): the share must be readable for it.
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'data'), 0o755);
    writeFileSync(join(dir, 'data', 'rooster.xlsx'), 'x');
    mkdirSync(join(dir, 'data', 'Verkoop'));
    const conf = join(dir, 'smb.conf');
    writeFileSync(conf, [
      '[global]', 'server role = standalone server', `smb ports = ${port}`, 'interfaces = lo', 'bind interfaces only = yes',
      `private dir = ${dir}/priv`, `lock directory = ${dir}/lock`, `state directory = ${dir}/state`, `cache directory = ${dir}/cache`, `pid directory = ${dir}`, `ncalrpc dir = ${dir}/ncalrpc`,
      `passdb backend = tdbsam:${dir}/priv/passdb.tdb`, `log file = ${dir}/log.smbd`, 'load printers = no', 'disable spoolss = yes', 'server min protocol = SMB2', 'map to guest = never',
      '[Afdelingen]', `path = ${dir}/data`, 'read only = yes', 'valid users = nobody',
      '[Geheim]', `path = ${dir}/geheim`, 'read only = yes', 'valid users = root', '',
    ].join('\n'));
    await execa('pdbedit', ['-s', conf, '-a', '-u', 'nobody', '-t'], { input: 'Smb!2026\nSmb!2026\n' });
    smbd = execa('smbd', ['--foreground', '--no-process-group', '-s', conf], { reject: false, stdio: 'ignore', detached: true });
    const end = Date.now() + 20_000;
    for (;;) {
      const r = await execa('smbclient', ['-L', '//127.0.0.1', '-p', String(port), '-N', '-g'], { reject: false, all: true });
      if (!/CONNECTION_REFUSED/.test(r.all ?? '')) break;
      if (Date.now() > end) throw new Error('smbd did not start');
      await new Promise((r2) => setTimeout(r2, 300));
    }
  }, 40_000);
  afterAll(async () => {
    if (smbd?.pid) {
      try {
        process.kill(-smbd.pid, 'SIGTERM');
      } catch {}
      await Promise.race([smbd, new Promise((r) => setTimeout(r, 5000))]);
    }
    // smbd starts samba-dcerpcd on demand in a session of its own: end it (and its rpcd_* workers,
    // same process group) by the pid file it leaves in our pid directory.
    try {
      const pid = Number(readFileSync(join(dir, 'samba-dcerpcd.pid'), 'utf8').trim());
      if (pid > 1) process.kill(-pid, 'SIGTERM');
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  });
  const base = () => ({ host: '127.0.0.1', port, username: 'nobody', password: 'Smb!2026' });
  it('lists shares and opens one with the given credentials', async () => {
    expect(await run('net.smb', { ...base(), shares: ['Afdelingen', 'Geheim'] })).toMatchObject({ status: 'pass' });
    expect(await run('net.smb', { ...base(), share: 'Afdelingen', contains: ['rooster.xlsx', 'Verkoop'] })).toMatchObject({ status: 'pass' });
    expect(await run('net.smb', { ...base(), share: 'Afdelingen', contains: ['notulen.docx'] })).toMatchObject({ status: 'fail', message: expect.stringMatching(/mist notulen\.docx/) });
  });
  it('access denied, wrong password and missing share are values; a dead port is an error', async () => {
    expect(await run('net.smb', { ...base(), share: 'Geheim', access: false })).toMatchObject({ status: 'pass' });
    expect(await run('net.smb', { ...base(), share: 'Geheim' })).toMatchObject({ status: 'fail', message: expect.stringMatching(/geen toegang/) });
    expect(await run('net.smb', { ...base(), password: 'fout', share: 'Afdelingen' })).toMatchObject({ status: 'fail', message: expect.stringMatching(/NT_STATUS_LOGON_FAILURE/) });
    expect(await run('net.smb', { ...base(), share: 'Bestaatniet' })).toMatchObject({ status: 'fail', message: expect.stringMatching(/bestaat niet/) });
    const g = await harness.gather('net.smb', { ...base(), share: 'Afdelingen' }, sig());
    expect(g.command).not.toContain('Smb!2026');
    expect(await run('net.smb', { ...base(), port: await freePort() })).toMatchObject({ status: 'error', message: expect.stringMatching(/verbinding geweigerd/) });
  });
});

describe('DHCP lease on a segment (dnsmasq ↔ udhcpc in two namespaces made here)', () => {
  const tag = `${process.pid % 10000}${Math.floor(Math.random() * 90 + 10)}`;
  const nsS = `pl-dhcps-${tag}`;
  const nsC = `pl-dhcpc-${tag}`;
  const vS = `pds${tag}`.slice(0, 15);
  const vC = `pdc${tag}`.slice(0, 15);
  const subnet = `10.252.${Math.floor(Math.random() * 250)}`;
  let dnsmasq: ResultPromise | undefined;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'proeflab-dhcp-'));
    await execa('ip', ['netns', 'add', nsS]);
    await execa('ip', ['netns', 'add', nsC]);
    await execa('ip', ['link', 'add', vS, 'netns', nsS, 'type', 'veth', 'peer', 'name', vC, 'netns', nsC]);
    await execa('ip', ['-n', nsS, 'addr', 'add', `${subnet}.1/24`, 'dev', vS]);
    await execa('ip', ['-n', nsS, 'link', 'set', vS, 'up']);
    await execa('ip', ['-n', nsC, 'link', 'set', vC, 'up']);
    dnsmasq = execa('ip', ['netns', 'exec', nsS, 'dnsmasq', '--no-daemon', '--conf-file=/dev/null', '--port=0', `--interface=${vS}`, '--bind-interfaces', `--dhcp-range=${subnet}.100,${subnet}.150,255.255.255.0,1h`, `--dhcp-option=3,${subnet}.1`, `--dhcp-option=6,${subnet}.10,${subnet}.11`, '--dhcp-option=15,lab.proef', `--dhcp-leasefile=${dir}/leases`, `--pid-file=${dir}/pid`], { reject: false, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
  }, 30_000);
  afterAll(async () => {
    dnsmasq?.kill('SIGTERM');
    await Promise.race([dnsmasq, new Promise((r) => setTimeout(r, 3000))]);
    await execa('ip', ['netns', 'del', nsS], { reject: false });
    await execa('ip', ['netns', 'del', nsC], { reject: false });
    rmSync(dir, { recursive: true, force: true });
  });
  it('a lease in the right network with router, DNS and domain', async () => {
    const g = await harness.gather('net.dhcp', { interface: vC, netns: nsC }, sig());
    expect(g.parsed).toMatchObject({ offered: true, ip: expect.stringMatching(new RegExp(`^${subnet.replace(/\./g, '\\.')}\\.(1[0-4]\\d|150)$`)), mask: '255.255.255.0', router: `${subnet}.1`, dns: [`${subnet}.10`, `${subnet}.11`], domain: 'lab.proef', leaseSeconds: 3600 });
    expect(await run('net.dhcp', { interface: vC, netns: nsC, network: `${subnet}.0/24`, router: `${subnet}.1`, dns: [`${subnet}.10`], domain: 'lab.proef' })).toMatchObject({ status: 'pass' });
    expect(await run('net.dhcp', { interface: vC, netns: nsC, router: `${subnet}.254` })).toMatchObject({ status: 'fail', message: expect.stringMatching(/router/) });
  }, 30_000);
  it('no server on the segment → no lease (fail, not error); missing namespace → error', async () => {
    dnsmasq?.kill('SIGTERM');
    await Promise.race([dnsmasq, new Promise((r) => setTimeout(r, 3000))]);
    dnsmasq = undefined;
    expect(await run('net.dhcp', { interface: vC, netns: nsC })).toMatchObject({ status: 'fail', message: expect.stringMatching(/geen DHCP-lease/) });
    expect(await run('net.dhcp', { interface: vC, netns: `${nsC}-weg` })).toMatchObject({ status: 'error', message: expect.stringMatching(/bestaat niet/) });
  }, 40_000);
});
