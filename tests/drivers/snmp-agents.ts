// Real SNMP agents for the snmp driver tests, started on loopback: Debian's snmpsim (serving
// snmprec recordings) and Debian's snmpd (for SNMPv3). Both are separate processes we start and
// stop ourselves; ports are free ephemeral UDP ports picked just before starting.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import snmp, { type Session } from 'net-snmp';

export const SNMPREC_DIR = resolve(import.meta.dirname, '../fixtures/snmprec');

function which(names: string[]): string | undefined {
  for (const n of names) {
    const r = spawnSync('sh', ['-c', `command -v ${n}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  for (const p of names.map((n) => `/usr/sbin/${n}`)) {
    if (spawnSync('test', ['-x', p]).status === 0) return p;
  }
  return undefined;
}

export function requireBinary(names: string[], debPackage: string): string {
  const bin = which(names);
  if (!bin)
    throw new Error(
      `${names.join(' / ')} niet gevonden: deze test start een echte SNMP-agent. Installeer het Debian-pakket '${debPackage}' (apt-get install ${debPackage}); .ci/run doet dat ook.`,
    );
  return bin;
}

/** A free UDP port on 127.0.0.1 (bind to 0, read it, release it). */
export function freeUdpPort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createSocket('udp4');
    s.once('error', rej);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

type Ready = { community: string } | { user: SnmpdUser };

/** One GET of sysUpTime: true when the agent answers (any answer but a timeout). */
function answers(port: number, how: Ready): Promise<boolean> {
  return new Promise<boolean>((done) => {
    let s: Session;
    if ('community' in how) s = snmp.createSession('127.0.0.1', how.community, { port, retries: 0, timeout: 400, version: snmp.Version2c });
    else {
      const u = how.user;
      s = snmp.createV3Session(
        '127.0.0.1',
        {
          name: u.name,
          level: u.priv ? snmp.SecurityLevel.authPriv : snmp.SecurityLevel.authNoPriv,
          authProtocol: u.auth === 'MD5' ? snmp.AuthProtocols.md5 : u.auth === 'SHA' ? snmp.AuthProtocols.sha : snmp.AuthProtocols.sha256,
          authKey: u.authKey,
          ...(u.priv ? { privProtocol: u.priv === 'DES' ? snmp.PrivProtocols.des : snmp.PrivProtocols.aes, privKey: u.privKey } : {}),
        },
        { port, retries: 0, timeout: 400 },
      );
    }
    s.on('error', () => {});
    s.get(['1.3.6.1.2.1.1.3.0'], (err) => {
      s.close();
      done(!err || err.name !== 'RequestTimedOutError');
    });
  });
}

/** Wait until the agent answers. */
async function waitForAgent(port: number, how: Ready, proc: ChildProcess, log: () => string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`agent stopte (exit ${proc.exitCode}):\n${log().slice(-3000)}`);
    if (await answers(port, how)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`agent op 127.0.0.1:${port} antwoordt niet binnen ${ms / 1000} s:\n${log().slice(-3000)}`);
}

export interface Agent {
  port: number;
  dir: string;
  log(): string;
  stop(): Promise<void>;
}

function startProcess(bin: string, args: string[], env: NodeJS.ProcessEnv, dir: string, port: number, ready: Ready): Promise<Agent> {
  const proc = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const agent: Agent = {
    port,
    dir,
    log: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
        await gone;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return waitForAgent(port, ready, proc, () => out).then(
    () => agent,
    async (err) => {
      await agent.stop();
      throw err;
    },
  );
}

/**
 * snmpsim serving recordings: community = file name without `.snmprec`.
 * `files` are names in tests/fixtures/snmprec; `extra` are additional data files (name → content or source path).
 */
export async function startSnmpsim(
  files: string[],
  extra: Record<string, { from: string } | { text: string }> = {},
  v3?: { user: string; authKey: string; authProto: 'MD5' | 'SHA' | 'SHA256'; privKey: string; privProto: 'AES' | 'DES' },
): Promise<Agent> {
  const bin = requireBinary(['snmpsim-command-responder', 'snmpsimd.py', 'snmpsimd'], 'snmpsim');
  const dir = mkdtempSync(join(tmpdir(), 'proeflab-snmpsim-'));
  const data = join(dir, 'data');
  const cache = join(dir, 'cache');
  mkdirSync(data);
  mkdirSync(cache);
  for (const f of files) copyFileSync(join(SNMPREC_DIR, f), join(data, basename(f)));
  for (const [name, src] of Object.entries(extra)) {
    if ('from' in src) copyFileSync(src.from, join(data, name));
    else writeFileSync(join(data, name), src.text);
  }
  // snmpsim refuses to run as root; it drops to nobody, who must be able to read the data and write the cache.
  const root = process.getuid?.() === 0;
  if (root) {
    chmodSync(dir, 0o755);
    chmodSync(data, 0o755);
    chmodSync(cache, 0o777);
    for (const f of [...files.map((x) => basename(x)), ...Object.keys(extra)]) chmodSync(join(data, f), 0o644);
  }
  const port = await freeUdpPort();
  const args = [
    `--data-dir=${data}`,
    `--cache-dir=${cache}`,
    `--agent-udpv4-endpoint=127.0.0.1:${port}`,
    '--logging-method=stderr',
    ...(root ? ['--process-user=nobody', '--process-group=nogroup'] : []),
    ...(v3
      ? [`--v3-user=${v3.user}`, `--v3-auth-key=${v3.authKey}`, `--v3-auth-proto=${v3.authProto}`, `--v3-priv-key=${v3.privKey}`, `--v3-priv-proto=${v3.privProto}`]
      : []),
  ];
  const first = basename(files[0] ?? Object.keys(extra)[0]).replace(/\.snmprec$/, '');
  return startProcess(bin, args, { HOME: dir }, dir, port, { community: first });
}

export interface SnmpdUser {
  name: string;
  auth: 'MD5' | 'SHA' | 'SHA-256';
  authKey: string;
  priv?: 'DES' | 'AES';
  privKey?: string;
}

/** Net-SNMP's snmpd with a generated config: optional v2c rocommunity, v3 users, system group. */
export async function startSnmpd(cfg: { community?: string; users: SnmpdUser[]; sysName?: string; sysLocation?: string; sysContact?: string }): Promise<Agent> {
  const bin = requireBinary(['snmpd'], 'snmpd');
  const dir = mkdtempSync(join(tmpdir(), 'proeflab-snmpd-'));
  const port = await freeUdpPort();
  const lines = [`agentaddress udp:127.0.0.1:${port}`];
  if (cfg.community) lines.push(`rocommunity ${cfg.community} 127.0.0.1`);
  for (const u of cfg.users) {
    lines.push(`createUser ${u.name} ${u.auth} "${u.authKey}"${u.priv ? ` ${u.priv} "${u.privKey}"` : ''}`);
    lines.push(`rouser ${u.name} ${u.priv ? 'priv' : 'auth'}`);
  }
  if (cfg.sysName) lines.push(`sysName ${cfg.sysName}`);
  if (cfg.sysLocation) lines.push(`sysLocation ${cfg.sysLocation}`);
  if (cfg.sysContact) lines.push(`sysContact ${cfg.sysContact}`);
  const conf = join(dir, 'snmpd.conf');
  writeFileSync(conf, lines.join('\n') + '\n');
  // -C: only this config; -f: foreground; -Lo: log to stdout. Persistent state stays in our temp dir.
  const args = ['-f', '-Lo', '-C', '-c', conf, '-p', join(dir, 'snmpd.pid')];
  const env = { SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '', MIBDIRS: join(dir, 'nomibs') };
  return startProcess(bin, args, env, dir, port, cfg.community ? { community: cfg.community } : { user: cfg.users[0] });
}
