// A REAL Samba AD domain controller for the ldap driver tests. Samba's AD LDAP server always
// listens on 389/636, so it runs in a network namespace made here (`ip netns add`, a veth pair
// with a random 10.25x.y.z/30 between the host and that namespace only). Provisioned into a temp
// dir with samba-tool, objects created with samba-tool (offline, on the sam.ldb), then `samba`
// runs in the namespace. stop() kills it, deletes the veth and the namespace and the temp dir.
import { execa, type ResultPromise } from 'execa';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SambaDc {
  host: string;
  realm: string;
  baseDn: string;
  adminPassword: string;
  ca: string;
  dir: string;
  tool(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

const portOpen = (host: string, port: number) =>
  new Promise<boolean>((res) => {
    const s = connect({ host, port, timeout: 1000 });
    s.once('connect', () => (s.destroy(), res(true)));
    s.once('error', () => res(false));
    s.once('timeout', () => (s.destroy(), res(false)));
  });

function pickSubnet(): string {
  const used = execFileSync('ip', ['-br', 'addr']).toString();
  for (let i = 0; i < 50; i++) {
    const net = `10.${250 + Math.floor(Math.random() * 5)}.${Math.floor(Math.random() * 250)}.${4 * Math.floor(Math.random() * 60)}`;
    if (!used.includes(net.split('.').slice(0, 3).join('.') + '.')) return net;
  }
  throw new Error('no free 10.25x subnet');
}

export async function startSambaDc(setup: (tool: (args: string[]) => Promise<string>) => Promise<void>): Promise<SambaDc> {
  const dir = mkdtempSync(join(tmpdir(), 'proeflab-samba-'));
  const realm = 'LAB.PROEF';
  const baseDn = 'DC=lab,DC=proef';
  const adminPassword = 'Welkom01!Beheer';
  const conf = join(dir, 'etc', 'smb.conf');
  const tag = `${process.pid % 100000}${Math.floor(Math.random() * 100)}`;
  const ns = `pl-ldap-${tag}`;
  const vh = `plh${tag}`.slice(0, 15);
  const vn = `pln${tag}`.slice(0, 15);
  let samba: ResultPromise | undefined;
  let netUp = false;
  const stop = async () => {
    if (samba?.pid) {
      try {
        process.kill(-samba.pid, 'SIGTERM');
      } catch {}
      await Promise.race([samba.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
      try {
        process.kill(-samba.pid, 'SIGKILL');
      } catch {}
    }
    if (netUp) {
      // Anything left inside the namespace (forked samba workers) goes with it.
      const pids = (await execa('ip', ['netns', 'pids', ns], { reject: false })).stdout.split('\n').filter(Boolean);
      for (const p of pids) {
        try {
          process.kill(Number(p), 'SIGKILL');
        } catch {}
      }
      await execa('ip', ['link', 'del', vh], { reject: false });
      await execa('ip', ['netns', 'del', ns], { reject: false });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await execa('samba-tool', ['domain', 'provision', '--use-rfc2307', `--realm=${realm}`, '--domain=LAB', '--server-role=dc', '--dns-backend=NONE', `--adminpass=${adminPassword}`, `--targetdir=${dir}`, '--option=interfaces=lo', '--option=bind interfaces only=yes', `--option=log file=${dir}/log.%m`], { timeout: 120_000 });
    const tool = async (args: string[]) => (await execa('samba-tool', [...args, '-s', conf], { timeout: 60_000 })).stdout;
    await setup(tool);
    const net = pickSubnet();
    const [a, b, c, d] = net.split('.').map(Number) as [number, number, number, number];
    const hostIp = `${a}.${b}.${c}.${d + 1}`;
    const nsIp = `${a}.${b}.${c}.${d + 2}`;
    await execa('ip', ['netns', 'add', ns]);
    netUp = true;
    await execa('ip', ['link', 'add', vh, 'type', 'veth', 'peer', 'name', vn, 'netns', ns]);
    await execa('ip', ['addr', 'add', `${hostIp}/30`, 'dev', vh]);
    await execa('ip', ['link', 'set', vh, 'up']);
    await execa('ip', ['netns', 'exec', ns, 'ip', 'addr', 'add', `${nsIp}/30`, 'dev', vn]);
    await execa('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', vn, 'up']);
    await execa('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up']);
    samba = execa('ip', ['netns', 'exec', ns, 'samba', '--foreground', '--no-process-group', '-s', conf, `--option=interfaces=lo ${vn}`, '--option=server services=ldap cldap kdc', '--option=dcerpc endpoint servers=', `--option=log file=${dir}/log.samba`], { detached: true, reject: false, stdio: 'ignore' });
    const end = Date.now() + 45_000;
    while (!(await portOpen(nsIp, 636)) || !(await portOpen(nsIp, 389))) {
      if (Date.now() > end) throw new Error(`samba did not listen on ${nsIp}:636 in time`);
      if (samba.exitCode !== null) throw new Error(`samba exited (${samba.exitCode}); see ${dir}/log.samba`);
      await new Promise((r) => setTimeout(r, 300));
    }
    return { host: nsIp, realm, baseDn, adminPassword, ca: readFileSync(join(dir, 'private', 'tls', 'ca.pem'), 'utf8'), dir, tool, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
