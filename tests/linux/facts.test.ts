// Linux facts against a scripted connection: how exit codes and stderr become errors with a reason
// (permission denied, missing tools, sudo refusals) or valid-but-empty observations.
import { describe, expect, it } from 'vitest';
import { FACTS, literalHint, type FactContext } from '../../drivers/linux/facts.js';
import type { ExecOptions, ExecResult, SshConnection } from '../../drivers/linux/ssh.js';
import { ObservationError } from '../../src/core/types.js';

type Reply = Partial<ExecResult> | Error;

/** A connection whose exec() answers from a list of [pattern, reply]; records what was run and how. */
function fakeConn(replies: [RegExp, Reply][], mode: SshConnection['mode'] = 'root') {
  const ran: { script: string; sudo: boolean }[] = [];
  const conn = {
    mode,
    async exec(script: string, opts: ExecOptions = {}): Promise<ExecResult> {
      ran.push({ script, sudo: !!opts.sudo });
      const hit = replies.find(([re]) => re.test(script));
      if (!hit) return { command: script, exitCode: 127, stdout: '', stderr: `${script.split(' ')[0]}: command not found`, truncated: false };
      if (hit[1] instanceof Error) throw hit[1];
      return { command: script, exitCode: 0, stdout: '', stderr: '', truncated: false, ...hit[1] };
    },
    async readFile(): Promise<never> {
      throw new Error('Permission denied'); // SFTP as the login user; the fact falls back to sudo
    },
  };
  const ctx: FactContext = { conn: conn as unknown as SshConnection, signal: new AbortController().signal, now: () => new Date('2026-11-23T12:00:00Z') };
  return { ctx, ran };
}

const gather = (fact: string, params: Record<string, unknown>, replies: [RegExp, Reply][], mode?: SshConnection['mode']) => {
  const { ctx, ran } = fakeConn(replies, mode);
  return { p: FACTS[fact]!.run(ctx, params), ran };
};

describe('linux facts: errors with a reason', () => {
  it('permission denied becomes an ObservationError that says what to do', async () => {
    const { p } = gather('linux.sshd', {}, [[/sshd/, { exitCode: 1, stderr: 'Permission denied' }]]);
    await expect(p).rejects.toThrow(ObservationError);
    await expect(gather('linux.sshd', {}, [[/sshd/, { exitCode: 1, stderr: 'Permission denied' }]]).p).rejects.toThrow(/onvoldoende rechten.*sudo-wachtwoord/);
  });

  it('a missing tool says so', async () => {
    await expect(gather('linux.addresses', {}, []).p).rejects.toThrow(/'ip' bestaat niet op het apparaat/);
  });

  it('sudo refusals from the transport pass through', async () => {
    const err = new ObservationError('sudo-wachtwoord afgewezen (secret klopt niet) (10.0.0.5:22)');
    await expect(gather('linux.listening', {}, [[/ss -Htulnp/, err]], 'password').p).rejects.toThrow(/sudo-wachtwoord afgewezen/);
  });

  it('privileged reads ask for sudo, plain reads do not', async () => {
    const { p, ran } = gather('linux.users', {}, [[/getent passwd/, { stdout: 'root:x:0:0:root:/root:/bin/bash\n' }], [/getent group/, { stdout: 'root:x:0:\n' }], [/getent shadow/, { stdout: 'root:!:20000:0:99999:7:::\n' }]], 'password');
    const g = await p;
    expect(ran.find((r) => r.script.startsWith('getent shadow'))!.sudo).toBe(true);
    expect(ran.find((r) => r.script === 'getent passwd')!.sudo).toBe(false);
    expect((g.parsed as { users: { status: string }[] }).users[0]!.status).toBe('L');
  });

  it('an unreadable shadow file still gives users, with the reason kept', async () => {
    const g = await gather('linux.users', {}, [[/getent passwd/, { stdout: 'kim:x:1000:1000::/home/kim:/bin/bash\n' }], [/getent group/, { stdout: 'kim:x:1000:\n' }], [/getent shadow/, new ObservationError('sudo vraagt een wachtwoord')]], 'nopasswd').p;
    expect(g.parsed).toMatchObject({ shadowError: 'sudo vraagt een wachtwoord', users: [{ name: 'kim', groups: ['kim'] }] });
  });

  it('firewall: no tools installed is a valid "no firewall"; all refused is an error', async () => {
    const none = await gather('linux.firewall', {}, []).p;
    expect(none.parsed).toMatchObject({ backend: 'none', active: false, inputPolicy: 'accept' });
    const denied = [/ufw/, /nft/, /iptables-save/].map((re) => [re, { exitCode: 1, stderr: 'ERROR: You need to be root to run this script' }] as [RegExp, Reply]);
    denied[1]![1] = { exitCode: 1, stderr: 'Error: Operation not permitted' };
    denied[2]![1] = { exitCode: 1, stderr: 'iptables-save: Permission denied (you must be root)' };
    await expect(gather('linux.firewall', {}, denied).p).rejects.toThrow(/onvoldoende rechten om de firewall te lezen/);
  });

  it('unparseable output keeps raw and sets parseError (not an error)', async () => {
    const g = await gather('linux.addresses', {}, [[/ip -j addr/, { stdout: 'Option "-j" is unknown, try "ip -help".' }]]).p;
    expect(g.parsed).toBeUndefined();
    expect(g.parseError).toMatch(/geen geldige JSON/);
    expect(g.raw).toContain('Option "-j" is unknown');
  });

  it('linux.file: a missing file is observed as absent', async () => {
    const g = await gather('linux.file', { path: '/etc/nope' }, [[/stat/, { exitCode: 1, stderr: "stat: cannot statx '/etc/nope': No such file or directory" }]]).p;
    expect(g.parsed).toEqual({ exists: false, path: '/etc/nope' });
  });

  it('linux.file never reads secret files into evidence (state yes, content no)', async () => {
    const stat = [/stat/, { stdout: 'regular file|root|shadow|0|42|640|1200|1795431491|/etc/shadow\n' }] as [RegExp, Reply];
    await expect(gather('linux.file', { path: '/etc/shadow', content: true }, [stat]).p).rejects.toThrow(/wordt niet gelezen/);
    expect((await gather('linux.file', { path: '/etc/shadow' }, [stat]).p).parsed).toMatchObject({ owner: 'root', group: 'shadow', mode: '0640' });
  });

  it('linux.file follows a symbolic link for content, never into a secret file', async () => {
    const link = [/^stat -c/, { stdout: 'symbolic link|root|root|0|0|777|27|1795431491|/etc/nginx/sites-enabled/app\n' }] as [RegExp, Reply];
    const target = [/readlink -f/, { stdout: '/etc/nginx/sites-available/app\nregular file\n' }] as [RegExp, Reply];
    const cat = [/head -c/, { stdout: 'server { server_name app.lab.test; }\n' }] as [RegExp, Reply];
    const g = await gather('linux.file', { path: '/etc/nginx/sites-enabled/app', content: true }, [link, target, cat], 'password').p;
    expect(g.parsed).toMatchObject({ type: 'symbolic link', linkTarget: '/etc/nginx/sites-available/app', targetType: 'regular file', content: 'server { server_name app.lab.test; }\n' });
    const toShadow = [/readlink -f/, { stdout: '/etc/shadow\nregular file\n' }] as [RegExp, Reply];
    await expect(gather('linux.file', { path: '/tmp/x', content: true }, [link, toShadow]).p).rejects.toThrow(/wordt niet gelezen/);
    const dangling = [/readlink -f/, { exitCode: 1, stdout: '/etc/nginx/sites-available/weg\n', stderr: 'stat: cannot statx: No such file or directory' }] as [RegExp, Reply];
    expect((await gather('linux.file', { path: '/etc/nginx/sites-enabled/app', content: true }, [link, dangling]).p).parsed).toMatchObject({ targetType: 'ontbreekt' });
    expect((await gather('linux.file', { path: '/etc/nginx/sites-enabled/app', content: true }, [link, dangling]).p).parsed).not.toHaveProperty('content');
  });

  it('linux.exec refuses writes before anything is sent', async () => {
    const { p, ran } = gather('linux.exec', { command: 'systemctl stop ssh' }, []);
    await expect(p).rejects.toThrow(/geweigerd/);
    expect(ran).toEqual([]);
  });

  it('linux.script never uses sudo and stays inside its root', async () => {
    const { p, ran } = gather('linux.script', { root: '/home/kim/s', path: '/home/kim/s/a.sh', args: ['x y'] }, [[/timeout/, { stdout: 'ok\n' }]], 'password');
    expect((await p).parsed).toMatchObject({ exitCode: 0, stdout: 'ok\n', timedOut: false });
    expect(ran[0]!.sudo).toBe(false);
    expect(ran[0]!.script).toContain("timeout -k 2 30 /home/kim/s/a.sh 'x y'");
    await expect(gather('linux.script', { root: '/home/kim/s', path: '/home/kim/s/../../../etc/x' }, []).p).rejects.toThrow(/niet onder/);
    await expect(gather('linux.script', { root: '/etc', path: '/etc/x' }, []).p).rejects.toThrow(/te ruim/);
    const gone = await gather('linux.script', { root: '/home/kim/s', path: '/home/kim/s/b.sh' }, [[/timeout/, { exitCode: 126, stderr: 'script bestaat niet\n' }]], 'password').p;
    expect(gone.parsed).toMatchObject({ exists: false, path: '/home/kim/s/b.sh' });
  });

  it('linux.log: the time window is applied to file lines', async () => {
    const out = '2026-11-23T09:00:00+00:00 web sshd[1]: Failed password for bob\n2026-11-23T11:30:00+00:00 web sshd[2]: Failed password for bob\nzonder tijd Failed password\n';
    const g = await gather('linux.log', { source: '/var/log/auth.log', grep: 'Failed password', since: '1h' }, [[/grep/, { stdout: out }]]).p;
    expect(g.parsed).toMatchObject({ count: 2, untimed: 1 });
    await expect(gather('linux.log', { source: 'auth', grep: 'x' }, []).p).rejects.toThrow(/absoluut pad/);
    await expect(gather('linux.log', { source: '/var/log/auth.log', grep: 'x', since: 'gisteren' }, []).p).rejects.toThrow(/ongeldige 'since'/);
  });

  it('log pre-filter: only a literal every match must contain is sent to the server (grep -F)', () => {
    expect(literalHint('Failed password for \\w+ from')).toBe('Failed password for ');
    expect(literalHint('^Accepted (publickey|password) for beheer$')).toBe(' for beheer');
    expect(literalHint('error|fail')).toBeUndefined();
    expect(literalHint('(optional)?text')).toBe('text'); // the group may be absent, text may not
    expect(literalHint('(optional)?ab')).toBeUndefined();
    expect(literalHint('backup\\.sh exited with status \\d+')).toBe('backup.sh exited with status ');
    expect(literalHint('colou?r changed')).toBe('r changed');
    expect(literalHint('[0-9]+ ok')).toBe(' ok');
    expect(literalHint('[0-9]+ k')).toBeUndefined(); // too short to be worth it
    for (const [re, line] of [['Failed password for \\w+ from', 'Failed password for bob from 10.0.0.1'], ['colou?r changed', 'color changed'], ['^Accepted (publickey|password) for beheer$', 'Accepted password for beheer']])
      expect(line.includes(literalHint(re)!), re).toBe(true);
  });

  it('linux.timesync without systemd or chrony is an error with both reasons', async () => {
    await expect(gather('linux.timesync', {}, [[/timedatectl/, { exitCode: 1, stderr: 'System has not been booted with systemd as init system (PID 1).' }]]).p).rejects.toThrow(/niet uit te lezen: System has not been booted/);
  });
});
