// Service probes from the harness: SMTP/FTP banners (and FTP login), SFTP login + listing (ssh2),
// SMB share list/listing with credentials (Debian smbclient via execa), DHCP lease with its options
// (udhcpc in a network namespace or on an interface; the options are printed, never applied).
// Unreachable, refused login, permission denied and timeouts become ObservationError with the reason;
// a refused SMB/FTP/SFTP login is a value (`login: false`) because checks may want exactly that.
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type SFTPWrapper } from 'ssh2';
import { ObservationError, type Gathered } from '../../src/core/types.js';

const netReason = (err: unknown, where: string): ObservationError => {
  const e = err as { code?: string; message?: string; level?: string };
  if (e.code === 'ECONNREFUSED') return new ObservationError(`${where}: verbinding geweigerd`);
  if (e.code === 'ETIMEDOUT' || /timed? ?out/i.test(e.message ?? '')) return new ObservationError(`${where}: time-out`);
  if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH') return new ObservationError(`${where}: onbereikbaar (${e.code})`);
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return new ObservationError(`${where}: naam niet op te lossen`);
  return new ObservationError(`${where}: ${e.message ?? String(err)}`);
};

/** A line-oriented text protocol conversation (SMTP, FTP): read replies, send commands. */
class LineConn {
  private buf = '';
  private waiters: (() => void)[] = [];
  private closed = false;
  transcript: string[] = [];
  constructor(readonly sock: Socket) {
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => {
      this.buf += d;
      this.waiters.splice(0).forEach((w) => w());
    });
    sock.on('close', () => {
      this.closed = true;
      this.waiters.splice(0).forEach((w) => w());
    });
    sock.on('error', () => undefined);
  }
  /** One (possibly multi-line) reply: `250-…` continues, `250 …` ends. */
  async reply(timeoutMs: number): Promise<{ code: number; text: string }> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.buf.split(/\r?\n/);
      for (let i = 0; i < lines.length - 1; i++) {
        const m = /^(\d{3}) /.exec(lines[i]!);
        if (m) {
          const text = lines.slice(0, i + 1).join('\n');
          this.buf = lines.slice(i + 1).join('\n');
          this.transcript.push(`< ${text.replace(/\n/g, '\n< ')}`);
          return { code: Number(m[1]), text };
        }
      }
      if (this.closed) throw new ObservationError(`verbinding gesloten door de server${this.buf ? `: ${this.buf.trim()}` : ''}`);
      if (Date.now() > end) throw new ObservationError(`time-out: geen antwoord binnen ${timeoutMs} ms${this.buf ? ` (wel: ${this.buf.trim().slice(0, 80)})` : ''}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(10, end - Date.now()));
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }
  send(line: string, shown = line) {
    this.transcript.push(`> ${shown}`);
    this.sock.write(line + '\r\n');
  }
}

function open(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port });
    const t = setTimeout(() => (s.destroy(), reject(new ObservationError(`${host}:${port}: time-out bij verbinden`))), timeoutMs);
    const abort = () => (s.destroy(), reject(new ObservationError('afgebroken')));
    signal.addEventListener('abort', abort, { once: true });
    s.once('connect', () => (clearTimeout(t), signal.removeEventListener('abort', abort), resolve(s)));
    s.once('error', (e) => (clearTimeout(t), signal.removeEventListener('abort', abort), reject(netReason(e, `${host}:${port}`))));
  });
}

export async function probeSmtp(host: string, port: number, helo: string, timeoutMs: number, signal: AbortSignal): Promise<Gathered> {
  const c = new LineConn(await open(host, port, timeoutMs, signal));
  try {
    const banner = await c.reply(timeoutMs);
    c.send(`EHLO ${helo}`);
    const ehlo = await c.reply(timeoutMs);
    c.send('QUIT');
    await c.reply(timeoutMs).catch(() => undefined);
    const ext = ehlo.code === 250 ? ehlo.text.split('\n').slice(1).map((l) => l.slice(4).trim().split(' ')[0]!.toUpperCase()) : [];
    return { command: `smtp ${host}:${port} EHLO ${helo}`, raw: c.transcript.join('\n'), transport: 'tcp', parsed: { code: banner.code, banner: banner.text.replace(/^\d{3}[ -]/gm, ''), extensions: ext, starttls: ext.includes('STARTTLS') } };
  } finally {
    c.sock.destroy();
  }
}

export async function probeFtp(host: string, port: number, creds: { username?: string | undefined; password?: string | undefined }, timeoutMs: number, signal: AbortSignal): Promise<Gathered> {
  const c = new LineConn(await open(host, port, timeoutMs, signal));
  try {
    const banner = await c.reply(timeoutMs);
    let login: boolean | undefined;
    let loginReply: string | undefined;
    if (creds.username !== undefined) {
      c.send(`USER ${creds.username}`);
      let r = await c.reply(timeoutMs);
      if (r.code === 331) {
        c.send(`PASS ${creds.password ?? ''}`, 'PASS <redacted>');
        r = await c.reply(timeoutMs);
      }
      login = r.code === 230;
      loginReply = r.text;
    }
    c.send('QUIT');
    await c.reply(timeoutMs).catch(() => undefined);
    return { command: `ftp ${host}:${port}${creds.username !== undefined ? ` USER ${creds.username}` : ''}`, raw: c.transcript.join('\n'), transport: 'tcp', parsed: { code: banner.code, banner: banner.text.replace(/^\d{3}[ -]/gm, ''), ...(login !== undefined ? { login, loginReply } : {}) } };
  } finally {
    c.sock.destroy();
  }
}

export function probeSftp(host: string, port: number, creds: { username: string; password?: string | undefined; privateKey?: string | undefined }, path: string, timeoutMs: number, signal: AbortSignal): Promise<Gathered> {
  const where = `sftp ${creds.username}@${host}:${port}`;
  return new Promise((resolve, reject) => {
    const client = new Client();
    const done = (fn: () => void) => {
      clearTimeout(timer);
      client.end();
      fn();
    };
    const timer = setTimeout(() => done(() => reject(new ObservationError(`${where}: time-out`))), timeoutMs + 1000);
    signal.addEventListener('abort', () => done(() => reject(new ObservationError('afgebroken'))), { once: true });
    client.once('error', (err: Error & { level?: string }) => {
      if (err.level === 'client-authentication') return done(() => resolve({ command: `${where} ls ${path}`, raw: 'authentication failed', transport: 'ssh', parsed: { login: false, reason: 'aanmelden geweigerd' } }));
      done(() => reject(netReason(err, where)));
    });
    client.once('ready', () => {
      client.sftp((err: Error | undefined, sftp: SFTPWrapper) => {
        if (err) return done(() => reject(new ObservationError(`${where}: SFTP-subsysteem niet beschikbaar: ${err.message}`)));
        sftp.readdir(path, (e, list) => {
          if (e) {
            const code = (e as Error & { code?: number }).code;
            return done(() => resolve({ command: `${where} ls ${path}`, raw: e.message, transport: 'ssh', parsed: { login: true, path, error: code === 3 ? 'geen rechten' : code === 2 ? 'bestaat niet' : e.message, entries: null } }));
          }
          const entries = list.map((x) => ({ name: x.filename, dir: (x.attrs.mode & 0o170000) === 0o040000, size: x.attrs.size })).sort((a, b) => a.name.localeCompare(b.name));
          done(() => resolve({ command: `${where} ls ${path}`, raw: list.map((x) => x.longname).join('\n'), transport: 'ssh', parsed: { login: true, path, entries } }));
        });
      });
    });
    client.connect({ host, port, username: creds.username, readyTimeout: timeoutMs, ...(creds.password !== undefined ? { password: creds.password } : {}), ...(creds.privateKey ? { privateKey: creds.privateKey } : {}) });
  });
}

/** smbclient: `-L` lists shares; with a share, `ls` lists its root. Password via the PASSWD env, never argv. */
export async function probeSmb(host: string, port: number, share: string | undefined, creds: { username?: string | undefined; password?: string | undefined; domain?: string | undefined }, timeoutMs: number, signal: AbortSignal): Promise<Gathered> {
  const base = ['-p', String(port), '-m', 'SMB3', '-t', String(Math.ceil(timeoutMs / 1000)), ...(creds.username ? ['-U', creds.username] : ['-N']), ...(creds.domain ? ['-W', creds.domain] : [])];
  const args = share ? [`//${host}/${share}`, ...base, '-c', 'ls'] : ['-L', `//${host}`, '-g', ...base];
  const command = `smbclient ${args.join(' ')}`;
  const r = await execa('smbclient', args, { env: creds.password !== undefined ? { PASSWD: creds.password } : {}, reject: false, timeout: timeoutMs + 2000, cancelSignal: signal, all: true });
  const out = (r.all ?? '').toString();
  if (r.timedOut) throw new ObservationError(`smbclient naar ${host}:${port}: time-out`, out, command);
  const status = /NT_STATUS_[A-Z_]+/.exec(out)?.[0];
  if (status === 'NT_STATUS_LOGON_FAILURE' || status === 'NT_STATUS_ACCOUNT_DISABLED' || status === 'NT_STATUS_WRONG_PASSWORD') return { command, raw: out, transport: 'smb', parsed: { login: false, status } };
  if (status === 'NT_STATUS_ACCESS_DENIED') return { command, raw: out, transport: 'smb', parsed: { login: true, access: false, status, ...(share ? { share } : {}) } };
  if (status === 'NT_STATUS_BAD_NETWORK_NAME') return { command, raw: out, transport: 'smb', parsed: { login: true, exists: false, status, share } };
  if (status === 'NT_STATUS_CONNECTION_REFUSED') throw new ObservationError(`SMB ${host}:${port}: verbinding geweigerd`, out, command);
  if (status === 'NT_STATUS_IO_TIMEOUT' || status === 'NT_STATUS_HOST_UNREACHABLE') throw new ObservationError(`SMB ${host}:${port}: onbereikbaar (${status})`, out, command);
  if (r.exitCode !== 0) throw new ObservationError(`smbclient faalde (exit ${r.exitCode})${status ? `: ${status}` : ''}`, out, command);
  if (share) {
    const entries = out
      .split('\n')
      .map((l) => /^  (.+?)\s+([DAHSRN]*)\s+(\d+)\s+\w{3} \w{3}\s+\d+ [\d:]+ \d{4}$/.exec(l))
      .filter((m): m is RegExpExecArray => !!m && m[1] !== '.' && m[1] !== '..')
      .map((m) => ({ name: m[1]!, dir: m[2]!.includes('D'), size: Number(m[3]) }));
    return { command, raw: out, transport: 'smb', parsed: { login: true, access: true, exists: true, share, entries } };
  }
  const shares = out.split('\n').filter((l) => /^(Disk|IPC|Printer)\|/.test(l)).map((l) => {
    const [type, name, comment] = l.split('|');
    return { name: name!, type: type!, comment: comment ?? '' };
  });
  return { command, raw: out, transport: 'smb', parsed: { login: true, shares } };
}

/**
 * DHCP: run udhcpc once (`-n -q`, no release) on an interface, optionally inside a network
 * namespace; its hook script only prints the offered lease (ip, mask, router, dns, domain, lease,
 * server id), it configures nothing. No lease within the time-out → `offered: false` (a value).
 */
export async function probeDhcp(iface: string, netns: string | undefined, timeoutMs: number, signal: AbortSignal): Promise<Gathered> {
  if (!/^[\w.-]{1,15}$/.test(iface) || (netns && !/^[\w.-]+$/.test(netns))) throw new ObservationError('ongeldige interface- of namespacenaam');
  const dir = mkdtempSync(join(tmpdir(), 'proeflab-dhcp-'));
  const hook = join(dir, 'hook.sh');
  writeFileSync(hook, '#!/bin/sh\n[ "$1" = bound ] || [ "$1" = renew ] || exit 0\necho "LEASE ip=$ip subnet=$subnet router=$router dns=$dns domain=$domain lease=$lease serverid=$serverid"\n');
  chmodSync(hook, 0o755);
  const tries = Math.max(1, Math.min(5, Math.floor(timeoutMs / 3000)));
  const args = ['-i', iface, '-n', '-q', '-f', '-t', String(tries), '-T', '2', '-A', '1', '-s', hook, '-S'];
  const argv = netns ? ['ip', 'netns', 'exec', netns, 'udhcpc', ...args] : ['udhcpc', ...args];
  const command = argv.join(' ');
  try {
    const r = await execa(argv[0]!, argv.slice(1), { reject: false, timeout: timeoutMs + 5000, cancelSignal: signal, all: true });
    const out = (r.all ?? '').toString();
    if (/not found|No such file/i.test(out) && r.exitCode === 127) throw new ObservationError('udhcpc ontbreekt op de harness', out, command);
    if (/Cannot open network namespace/i.test(out)) throw new ObservationError(`namespace ${netns} bestaat niet`, out, command);
    if (/ioctl.*No such device|SIOCGIFINDEX/i.test(out)) throw new ObservationError(`interface ${iface} bestaat niet`, out, command);
    const m = /LEASE (.*)$/m.exec(out);
    if (!m) return { command, raw: out, transport: 'dhcp', parsed: { offered: false } };
    const kv = Object.fromEntries([...m[1]!.matchAll(/(\w+)=(\S*)/g)].map((x) => [x[1]!, x[2]!]));
    const words = (s: string | undefined) => (s ? s.split(/\s+/).filter(Boolean) : []);
    // dns may hold several servers separated by spaces; the hook prints them space-separated on one line.
    const dnsList = /dns=(.*?) domain=/.exec(m[1]!)?.[1];
    return { command, raw: out, transport: 'dhcp', parsed: { offered: true, ip: kv.ip, mask: kv.subnet, router: words(kv.router)[0] ?? null, dns: words(dnsList), domain: kv.domain || null, leaseSeconds: Number(kv.lease || 0), server: kv.serverid || null } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
