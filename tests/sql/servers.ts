// Real database servers for the sql driver tests, started on loopback in temp dirs and removed
// afterwards: MariaDB (mariadb-install-db + mariadbd as user mysql, grant tables ON) and
// PostgreSQL (initdb + pg_ctl as user postgres). Port: a free ephemeral port found via port 0.
import { execa } from 'execa';
import { chownSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
}

const uid = (u: string) => Number(execFileSync('id', ['-u', u]).toString().trim());
const gid = (u: string) => Number(execFileSync('id', ['-g', u]).toString().trim());

async function waitFor(fn: () => Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start within ${ms} ms`);
}

export interface Server { port: number; dir: string; stop(): Promise<void> }

/** MariaDB with root@localhost password `rootpw` (unix_socket + password). */
export async function startMariadb(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'proeflab-maria-'));
  chownSync(dir, uid('mysql'), gid('mysql'));
  const port = await freePort();
  const sock = join(dir, 'mysqld.sock');
  await execa('mariadb-install-db', ['--no-defaults', `--datadir=${dir}/data`, '--user=mysql', '--auth-root-authentication-method=normal', '--skip-test-db'], { timeout: 60_000 });
  const child = execa('mariadbd', ['--no-defaults', `--datadir=${dir}/data`, '--user=mysql', `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${sock}`, `--pid-file=${dir}/mysqld.pid`, '--skip-log-bin', '--innodb-buffer-pool-size=16M', '--skip-name-resolve'], { reject: false, stdio: 'ignore' });
  const kill = async () => {
    child.kill('SIGTERM');
    await Promise.race([child, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => existsSync(sock), 40_000, 'mariadbd');
    await execa('mariadb', ['--no-defaults', `--socket=${sock}`, '-uroot', '-e', "ALTER USER root@localhost IDENTIFIED BY 'rootpw'; CREATE OR REPLACE USER root@'127.0.0.1' IDENTIFIED BY 'rootpw'; GRANT ALL ON *.* TO root@'127.0.0.1' WITH GRANT OPTION; DELETE FROM mysql.global_priv WHERE NOT ((User = 'root' AND Host IN ('localhost', '127.0.0.1')) OR User LIKE 'mariadb.sys'); FLUSH PRIVILEGES;"]);
  } catch (err) {
    await kill();
    throw err;
  }
  return { port, dir, stop: kill };
}

/** PostgreSQL with superuser postgres password `pgpw`, scram over TCP on 127.0.0.1. */
export async function startPostgres(hba: string[] = []): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'proeflab-pg-'));
  chownSync(dir, uid('postgres'), gid('postgres'));
  const port = await freePort();
  const bin = '/usr/lib/postgresql/15/bin';
  writeFileSync(join(dir, 'pw'), 'pgpw\n');
  chownSync(join(dir, 'pw'), uid('postgres'), gid('postgres'));
  await execa('runuser', ['-u', 'postgres', '--', `${bin}/initdb`, '-D', `${dir}/data`, '-U', 'postgres', `--pwfile=${dir}/pw`, '--auth=scram-sha-256', '-E', 'UTF8', '--no-sync'], { timeout: 60_000 });
  const hbaFile = join(dir, 'data', 'pg_hba.conf');
  writeFileSync(hbaFile, ['local all all scram-sha-256', 'host all all 127.0.0.1/32 scram-sha-256', 'host all all ::1/128 scram-sha-256', ...hba, ''].join('\n'));
  chownSync(hbaFile, uid('postgres'), gid('postgres'));
  await execa('runuser', ['-u', 'postgres', '--', `${bin}/pg_ctl`, '-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-t', '40', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c shared_buffers=16MB -c fsync=off`, 'start'], { timeout: 60_000 });
  return {
    port,
    dir,
    async stop() {
      await execa('runuser', ['-u', 'postgres', '--', `${bin}/pg_ctl`, '-D', `${dir}/data`, '-m', 'fast', '-w', 'stop'], { reject: false, timeout: 30_000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
