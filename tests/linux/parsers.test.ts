// Linux parsers on recorded outputs (tests/fixtures/linux, see its README) and on outputs written in
// the exact format of the tools where no recording host had them (systemd). Plus the read-only
// allow-list and the SSH helpers (fingerprints, sudo command line, sudo errors).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowCommand, splitCommand } from '../../drivers/linux/allow.js';
import { passwordPolicy, sinceTime } from '../../drivers/linux/facts.js';
import { parseGroup, parseShadow, parseSudoList, passwordState } from '../../drivers/linux/parsers/accounts.js';
import { allowsPort, firewallView, parseIptablesSave, parseNftJson, parseUfwStatus } from '../../drivers/linux/parsers/firewall.js';
import { linuxParsers } from '../../drivers/linux/parsers/index.js';
import { parseIpAddrJson, parseIpRouteJson } from '../../drivers/linux/parsers/ip.js';
import { parseAptSimulate, parseCrontab, parseDnfUpdates, parseDpkgQuery, parseJournalJson, parseResolvConf, parseSshd, parseStat, syslogTime, utcOffsetMinutes } from '../../drivers/linux/parsers/misc.js';
import { parseSs, splitEndpoint } from '../../drivers/linux/parsers/ss.js';
import { parseDf, parseFindmntJson } from '../../drivers/linux/parsers/storage.js';
import { parseListTimers, parseSystemctlShow, parseTimedatectl } from '../../drivers/linux/parsers/systemd.js';
import { fingerprint, normaliseFingerprint, remoteCommand, sudoFailure, sudoMode } from '../../drivers/linux/ssh.js';
import { createRegistry, findParser } from '../../src/core/registry.js';

const fx = (f: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/linux', f), 'utf8');

describe('recorded outputs (Debian 12)', () => {
  it('ip -j addr / ip -j route', () => {
    const ifs = parseIpAddrJson(fx('ip-j-addr.json'));
    const lo = ifs.find((i) => i.ifname === 'lo')!;
    expect(lo.addresses).toContainEqual(expect.objectContaining({ family: 'inet', address: '127.0.0.1', prefixlen: 8, cidr: '127.0.0.1/8' }));
    expect(lo.addresses.some((a) => a.family === 'inet6' && a.address === '::1')).toBe(true);
    const routes = [...parseIpRouteJson(fx('ip-j-route.json')), ...parseIpRouteJson(fx('ip-j-6-route.json'))];
    expect(routes.find((r) => r.dst === 'default' && r.family === 'inet')?.gateway).toBeTruthy();
    expect(routes.some((r) => r.family === 'inet6')).toBe(true);
    expect(parseIpRouteJson('')).toEqual([]);
    expect(() => parseIpAddrJson('Object "addr" is unknown')).toThrow(/geen geldige JSON/);
  });

  it('ss -Htulnp: netid, wildcard and scoped endpoints, processes', () => {
    const s = parseSs(fx('ss-Htulnp.txt'));
    expect(s.length).toBe(fx('ss-Htulnp.txt').trim().split('\n').length);
    expect(s.find((x) => x.port === 2024)).toMatchObject({ netid: 'tcp', state: 'LISTEN', localAddress: '0.0.0.0', processes: [] });
    expect(s.find((x) => x.netid === 'udp')!.processes[0]).toMatchObject({ name: 'node' });
    expect(splitEndpoint('[::]:22')).toEqual({ address: '::', port: '22' });
    expect(splitEndpoint('127.0.0.53%lo:53')).toEqual({ address: '127.0.0.53', port: '53', interface: 'lo' });
    expect(splitEndpoint('*:80')).toEqual({ address: '*', port: '80' });
    // Without -H and without a netid column (only -t).
    expect(parseSs('State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nLISTEN 0 128 [::]:22 [::]:* users:(("sshd",pid=9,fd=4))\n')[0]).toMatchObject({ netid: '', port: 22, localAddress: '::', processes: [{ name: 'sshd', pid: 9, fd: 4 }] });
  });

  it('sshd -T: effective values, multi-valued AllowUsers; -C applies a Match block', () => {
    const all = parseSshd(fx('sshd-T.txt'));
    expect(all.permitrootlogin).toBe('no');
    expect(all.passwordauthentication).toBe('no');
    expect(all.allowusers).toEqual(['beheer', 'student']);
    expect(parseSshd(fx('sshd-T-C-student.txt')).passwordauthentication).toBe('yes');
    // An sshd_config file: first value wins, Match blocks are not global.
    const file = parseSshd('PermitRootLogin no\nPermitRootLogin yes\nAllowUsers a b\nMatch User x\n  PasswordAuthentication yes\n');
    expect(file).toMatchObject({ permitrootlogin: 'no', allowusers: ['a', 'b'] });
    expect(file.passwordauthentication).toBeUndefined();
  });

  it('firewall: iptables-save and nft -j (recorded in a namespace) give the same normalised view', () => {
    const ipt = firewallView({ iptables: parseIptablesSave(fx('iptables-save-deny.txt')) });
    const nft = firewallView({ nft: parseNftJson(fx('nft-j-inet-filter.json')) });
    for (const v of [ipt, nft]) {
      expect(v.inputPolicy).toBe('drop');
      expect(v.active).toBe(true);
      expect(allowsPort(v.rules, 443)).toBeTruthy();
      expect(allowsPort(v.rules, 53, 'udp')).toBeTruthy(); // via a jumped-to chain
      expect(allowsPort(v.rules, 53, 'tcp')).toBeUndefined();
      expect(allowsPort(v.rules, 3306)).toBeUndefined(); // explicitly dropped
      expect(allowsPort(v.rules, 22, 'tcp', '10.10.0.0/24')).toBeTruthy();
      expect(allowsPort(v.rules, 22, 'tcp', '192.168.1.0/24')).toBeUndefined();
    }
    expect(ipt.backend).toBe('iptables');
    expect(nft.backend).toBe('nftables');
    expect(allowsPort(nft.rules, 8080)).toBeTruthy(); // range in the jumped-to chain
    // The host's own recorded rules (container NAT only): no input filtering at all.
    const host = firewallView({ nft: parseNftJson(fx('nft-j.json')), iptables: parseIptablesSave(fx('iptables-save.txt')) });
    expect(host.inputPolicy).toBe('accept');
    expect(host.rules).toEqual([]);
  });

  it('firewalld (nftables, recorded in a namespace): policy accept + final reject counts as default deny; zone rules reachable', () => {
    const v = firewallView({ nft: parseNftJson(fx('nft-j-firewalld.json')) });
    expect(v).toMatchObject({ backend: 'nftables', inputPolicy: 'reject' });
    expect(allowsPort(v.rules, 22)).toBeTruthy();
    expect(allowsPort(v.rules, 443)).toBeTruthy();
    expect(allowsPort(v.rules, 80)).toBeUndefined();
    // The same idea for iptables: a final catch-all REJECT in INPUT.
    const ipt = firewallView({ iptables: parseIptablesSave('*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -m comment --comment "rest" -j REJECT --reject-with icmp-host-prohibited\nCOMMIT\n') });
    expect(ipt.inputPolicy).toBe('reject');
    const open = firewallView({ iptables: parseIptablesSave('*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -s 10.0.0.0/8 -j DROP\nCOMMIT\n') });
    expect(open.inputPolicy).toBe('accept');
    // ip6tables next to iptables: its policy is reported, its rules are kept with family ipv6.
    const both = firewallView({ iptables: parseIptablesSave(fx('iptables-save-deny.txt')), ip6tables: parseIptablesSave('*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 8443 -j ACCEPT\nCOMMIT\n') });
    expect(both).toMatchObject({ inputPolicy: 'drop', inputPolicy6: 'accept' });
    expect(allowsPort(both.rules, 8443)?.family).toBe('ipv6');
  });

  it('ufw status verbose wins when active', () => {
    const ufw = parseUfwStatus(`Status: active
Logging: on (low)
Default: deny (incoming), allow (outgoing), disabled (routed)
New profiles: skip

To                         Action      From
--                         ------      ----
22/tcp                     ALLOW IN    10.0.0.0/8
80,443/tcp                 ALLOW IN    Anywhere
OpenSSH                    ALLOW IN    Anywhere
3306                       DENY IN     Anywhere
22/tcp (v6)                ALLOW IN    Anywhere (v6)
`);
    expect(ufw.defaults).toEqual({ incoming: 'deny', outgoing: 'allow', routed: 'disabled' });
    expect(ufw.rules[2]!.to.service).toBe('OpenSSH');
    const v = firewallView({ ufw, iptables: parseIptablesSave(fx('iptables-save.txt')) });
    expect(v).toMatchObject({ backend: 'ufw', inputPolicy: 'drop' });
    expect(allowsPort(v.rules, 443)).toBeTruthy();
    expect(allowsPort(v.rules, 22, 'tcp', '10.0.0.0/8')).toBeTruthy();
    expect(allowsPort(v.rules, 3306)).toBeUndefined();
    expect(firewallView({ ufw: parseUfwStatus('Status: inactive\n') }).backend).toBe('none');
  });

  it('findmnt -J + df -PTk', () => {
    const m = parseFindmntJson(fx('findmnt-J.json'));
    expect(m.find((x) => x.target === '/')).toMatchObject({ fstype: expect.any(String) });
    const df = parseDf(fx('df-PTk.txt'));
    const root = df.find((d) => d.mountedOn === '/')!;
    expect(root.type).toBeTruthy();
    expect(root.size).toBeGreaterThan(root.available);
    expect(root.size % 1024).toBe(0);
  });

  it('stat -c, sudo -l, apt-get -s, dpkg-query', () => {
    const [f, d, l] = fx('stat.txt').trim().split('\n').map(parseStat);
    expect(f).toMatchObject({ type: 'regular file', owner: 'root', mode: '0644', path: '/etc/passwd' });
    expect(d!.type).toBe('directory');
    expect(l!.type).toBe('symbolic link');
    expect(parseSudoList(fx('sudo-l-root.txt'))).toMatchObject({ user: 'root', allowed: true, all: true });
    expect(parseSudoList(fx('sudo-l-nobody.txt'))).toMatchObject({ user: 'nobody', exists: true, allowed: false });
    const ups = parseAptSimulate(fx('apt-get-s-upgrade.txt'));
    expect(ups.length).toBe(fx('apt-get-s-upgrade.txt').split('\n').filter((x) => x.startsWith('Inst ')).length);
    expect(ups.some((u) => u.security)).toBe(true);
    expect(ups.some((u) => !u.security)).toBe(true);
    const pk = parseDpkgQuery(fx('dpkg-query.txt'));
    expect(pk.length).toBe(40);
    expect(pk.every((p) => p.installed)).toBe(true);
    expect(parseDpkgQuery('apache2\t\tamd64\tun\n')[0]!.installed).toBe(false);
    // dnf updateinfo (RHEL/Alma/Fedora advisories), written in dnf's format.
    const dnf = parseDnfUpdates('RHSA-2023:1234 Important/Sec. openssl-1:3.0.7-6.el9_2.x86_64\nRHBA-2023:2000 bugfix      tzdata-2023c-1.el9.noarch\nFEDORA-2023-1a2b3c4d5e security curl-8.0.1-1.fc38.x86_64\n');
    expect(dnf.map((u) => [u.name, u.security])).toEqual([['openssl', true], ['tzdata', false], ['curl', true]]);
  });

  it('password policy: login.defs + the PAM stack of this host', () => {
    const p = passwordPolicy(fx('login.defs.txt'), fx('pam-common-password.txt'), '');
    expect(p.effective).toMatchObject({ maxDays: 99999, minDays: 0, warnAge: 7, qualityModule: null });
    expect(p.effective.minLength).toBeUndefined();
    const hardened = passwordPolicy(
      'PASS_MAX_DAYS 90\nPASS_MIN_DAYS 1\nPASS_WARN_AGE 14\n',
      'password requisite pam_pwquality.so retry=3\npassword [success=1 default=ignore] pam_unix.so obscure use_authtok yescrypt remember=5\n',
      '# comment\nminlen = 12\nminclass = 3\n',
    );
    expect(hardened.effective).toMatchObject({ minLength: 12, minLengthSource: 'pwquality.conf minlen', maxDays: 90, minDays: 1, warnAge: 14, remember: 5, minClass: 3 });
    expect(passwordPolicy('', 'password requisite pam_pwquality.so\n', '').effective.minLength).toBe(8); // pwquality's default
  });
});

describe('formats written by hand (systemd 252, shadow, journal)', () => {
  it('systemctl show', () => {
    const u = parseSystemctlShow('Id=nginx.service\nNames=nginx.service\nLoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\nMainPID=812\nDescription=A high performance web server\n');
    expect(u).toMatchObject({ exists: true, active: true, enabled: true, mainPid: 812 });
    const missing = parseSystemctlShow('Id=foo.service\nNames=foo.service\nLoadState=not-found\nActiveState=inactive\nSubState=dead\nUnitFileState=\nMainPID=0\n');
    expect(missing).toMatchObject({ exists: false, active: false, enabled: false });
    expect(parseSystemctlShow('Id=ssh.service\nLoadState=loaded\nActiveState=failed\nSubState=failed\nUnitFileState=disabled\n')).toMatchObject({ active: false, enabled: false });
    expect(() => parseSystemctlShow('Failed to connect to bus')).toThrow();
  });

  it('timedatectl show / status', () => {
    expect(parseTimedatectl('Timezone=Europe/Amsterdam\nLocalRTC=no\nCanNTP=yes\nNTP=yes\nNTPSynchronized=yes\nTimeUSec=Mon 2026-11-23 12:00:00 CET\n')).toMatchObject({ timezone: 'Europe/Amsterdam', synchronized: true, ntpEnabled: true });
    expect(parseTimedatectl('Timezone=UTC\nNTP=no\nNTPSynchronized=no\n')).toMatchObject({ synchronized: false, ntpEnabled: false });
    expect(parseTimedatectl('               Local time: Mon 2026-11-23 12:00:00 CET\n           Time zone: Europe/Amsterdam (CET, +0100)\nSystem clock synchronized: no\n              NTP service: inactive\n')).toMatchObject({ timezone: 'Europe/Amsterdam', synchronized: false, ntpEnabled: false });
  });

  it('systemctl list-timers: JSON and text', () => {
    const j = parseListTimers('[{"next":1795435200000000,"left":1234,"last":1795348800000000,"passed":5,"unit":"backup.timer","activates":"backup.service"}]');
    expect(j[0]).toMatchObject({ unit: 'backup.timer', activates: 'backup.service', next: '2026-11-23T12:00:00.000Z' });
    const t = parseListTimers(`NEXT                        LEFT       LAST                        PASSED       UNIT                         ACTIVATES
Mon 2026-11-23 12:00:00 UTC 27min left Sun 2026-11-22 12:00:00 UTC 23h ago      backup.timer                 backup.service
n/a                         n/a        n/a                         n/a          certbot.timer                certbot.service

2 timers listed.`);
    expect(t.map((x) => x.unit)).toEqual(['backup.timer', 'certbot.timer']);
    expect(t[0]!.next).toBe('2026-11-23T12:00:00.000Z');
    expect(t[1]!.next).toBeUndefined();
  });

  it('shadow: states and hash types, never the hash', () => {
    const s = parseShadow('root:!$y$j9T$abcdefgh$ijklmnop:20000:0:99999:7:::\nbob:$6$salt$hashhashhash:20000:1:90:14:::\nsvc:*:20000:0:99999:7:::\nanon::20000:0:99999:7:::\nkim:!$y$:20000:0:99999:7:::\n');
    expect(s.map((x) => [x.username, x.status, x.hashType ?? null])).toEqual([
      ['root', 'L', 'yescrypt'], ['bob', 'P', 'sha512'], ['svc', 'L', null], ['anon', 'NP', null], ['kim', 'L', 'yescrypt'],
    ]);
    expect(JSON.stringify(s)).not.toMatch(/hashhash|ijklmnop|salt/);
    expect(s[1]).toMatchObject({ minimum: 1, maximum: 90, warn: 14 });
    expect(passwordState('abcdefghijklm')).toEqual({ status: 'P', hashType: 'des' });
  });

  it('sudo -l with NOPASSWD and several commands; unknown user', () => {
    const s = parseSudoList(`Matching Defaults entries for beheer on web01:
    env_reset

User beheer may run the following commands on web01:
    (root) NOPASSWD: /usr/bin/systemctl restart nginx, /usr/bin/journalctl
    (ALL : ALL) /usr/bin/apt
`);
    expect(s).toMatchObject({ allowed: true, all: false });
    expect(s.rules).toEqual([
      { runAs: 'root', nopasswd: true, commands: ['/usr/bin/systemctl restart nginx', '/usr/bin/journalctl'] },
      { runAs: 'ALL : ALL', nopasswd: false, commands: ['/usr/bin/apt'] },
    ]);
    expect(parseSudoList('sudo: unknown user geenzo\n', 'geenzo')).toMatchObject({ exists: false, allowed: false });
    expect(() => parseSudoList('sudo: a terminal is required')).toThrow();
  });

  it('journalctl -o json, syslog times, resolv.conf, crontab with user column', () => {
    const j = parseJournalJson('{"__REALTIME_TIMESTAMP":"1795431600000000","_SYSTEMD_UNIT":"ssh.service","SYSLOG_IDENTIFIER":"sshd","MESSAGE":"Accepted publickey for beheer"}\n{"__REALTIME_TIMESTAMP":"1795431601000000","MESSAGE":[104,105]}\n');
    expect(j).toEqual([
      { time: '2026-11-23T11:00:00.000Z', unit: 'ssh.service', identifier: 'sshd', message: 'Accepted publickey for beheer' },
      { time: '2026-11-23T11:00:01.000Z', message: 'hi' },
    ]);
    const now = new Date('2026-01-02T10:00:00Z');
    expect(syslogTime('Jan  2 09:59:01 web sshd[1]: x', now)).toBe('2026-01-02T09:59:01.000Z');
    expect(syslogTime('Dec 31 23:00:00 web sshd[1]: x', now)).toBe('2025-12-31T23:00:00.000Z');
    expect(syslogTime('2026-01-02T09:00:00.123456+01:00 web sshd[1]: x', now)).toBe('2026-01-02T08:00:00.123Z');
    expect(syslogTime('no time here', now)).toBeUndefined();
    // BSD times are the server's local time (Europe/Amsterdam in winter: +0100).
    expect(syslogTime('Jan  2 10:59:01 web sshd[1]: x', now, utcOffsetMinutes('+0100'))).toBe('2026-01-02T09:59:01.000Z');
    expect(utcOffsetMinutes('-0530')).toBe(-330);
    expect(sinceTime('30m', now).toISOString()).toBe('2026-01-02T09:30:00.000Z');
    expect(parseResolvConf('# x\nnameserver 10.0.0.53\nnameserver 1.1.1.1\nsearch school.lab\noptions edns0\n')).toEqual({ nameservers: ['10.0.0.53', '1.1.1.1'], search: ['school.lab'], options: ['edns0'] });
    const c = parseCrontab('SHELL=/bin/sh\n30 2 * * * root /usr/local/bin/backup.sh\n@reboot root /opt/start\n', true);
    expect(c.entries.map((e) => [e.user, e.command])).toEqual([['root', '/usr/local/bin/backup.sh'], ['root', '/opt/start']]);
    expect(parseCrontab('0 3 * * 1-5 /home/kim/backup.sh >> /var/log/b.log 2>&1\n').entries[0]).toMatchObject({ dayOfWeek: ['1-5'], command: '/home/kim/backup.sh >> /var/log/b.log 2>&1' });
    expect(parseGroup('sudo:x:27:kim,beheer\n')[0]!.members).toEqual(['kim', 'beheer']);
  });
});

describe('parser registry and allow-list', () => {
  it('proeflab parse --platform linux finds the parsers', () => {
    const reg = createRegistry();
    for (const [cmd, want] of [
      ['ip -j addr', 'ip -j addr'], ['ip -j -6 route show table main', 'ip -j route'], ['ss -Htulnp', 'ss -Htulnp'], ['sudo iptables-save', 'iptables-save'],
      ['sshd -T', 'sshd -T'], ['/usr/sbin/sshd -T -C user=x', 'sshd -T'], ['getent passwd', 'getent passwd'], ['systemctl show nginx', 'systemctl show'],
      ['timedatectl show', 'timedatectl'], ['ufw status verbose', 'ufw status'], ['nft -j list ruleset', 'nft -j list ruleset'], ['df -PTk', 'df -PTk'],
      ['findmnt -J', 'findmnt -J'], ['crontab -l', 'crontab -l'], ['iptables -L -n -v', 'iptables -L'], ['chage -l kim', 'chage -l'], ['sudo -l -U kim', 'sudo -l -U'],
    ] as const) expect(findParser(reg.parsers, 'linux', cmd)?.command, cmd).toBe(want);
    expect(linuxParsers.every((p) => p.platform === 'linux')).toBe(true);
  });

  it('allow-list: reading forms only', () => {
    for (const ok of ['cat /etc/passwd', 'ss -Htulnp', 'systemctl status nginx', 'systemctl is-enabled ssh', "grep -E '^PermitRootLogin' /etc/ssh/sshd_config", 'sshd -T',
      'iptables -L -n -v', 'nft list ruleset', 'ufw status verbose', 'tar -tzf /backup/etc.tar.gz', 'gzip -t /backup/x.gz', 'apt-get -s upgrade', 'crontab -l -u kim',
      'journalctl -u ssh --since today', 'sudo -l -U kim', 'dpkg -l nginx', 'rpm -q httpd', 'find /home -name "*.sh"', 'hostname -f', 'ip addr show', '/usr/sbin/sshd -T'])
      expect(allowCommand(ok), ok).toBe(true);
    for (const bad of ['rm -rf /', 'systemctl stop nginx', 'systemctl restart ssh', 'iptables -F', 'iptables -A INPUT -j ACCEPT', 'nft flush ruleset', 'ufw disable',
      'tar -xzf /backup/etc.tar.gz', 'tar -czf /tmp/x.tgz /etc', 'gzip /etc/passwd', 'gzip -d x.gz', 'apt-get upgrade', 'crontab -r', 'journalctl --vacuum-time=1s',
      'cat /etc/passwd; reboot', 'cat $(echo /etc/shadow)', 'cat /etc/passwd > /tmp/x', 'ls | sh', 'find / -delete', 'find / -exec rm {} ;', 'hostname evil',
      'ip link set eth0 down', 'ip addr add 1.2.3.4/24 dev eth0', 'date -s 2020-01-01', 'sudo rm -rf /', 'sshd', 'bash -c ls', './script.sh', 'ss -K', 'tail -f /var/log/syslog', 'dpkg -i x.deb'])
      expect(allowCommand(bad), bad).toBe(false);
    // Secrets never become evidence, even with a reading command.
    for (const secret of ['cat /etc/shadow', 'sudo -l -U x', 'head /etc/gshadow', 'getent shadow', 'getent shadow kim', 'cat /etc/ssh/ssh_host_ed25519_key', 'cat /home/kim/.ssh/id_ed25519', 'cat /etc/ssl/private/web.key', 'grep x /etc/shadow-'])
      expect(allowCommand(secret), secret).toBe(secret === 'sudo -l -U x');
    expect(allowCommand('cat /etc/ssh/ssh_host_ed25519_key.pub')).toBe(true);
    expect(splitCommand(`grep -E 'a b' "c d" e`)).toEqual(['grep', '-E', 'a b', 'c d', 'e']);
    expect(splitCommand('echo "$HOME"')).toBeUndefined();
  });
});

describe('ssh helpers', () => {
  it('fingerprints in OpenSSH format; pins normalised', () => {
    const key = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', 'base64');
    expect(fingerprint(key)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(normaliseFingerprint(' abc= ')).toBe('SHA256:abc');
    expect(normaliseFingerprint('SHA256:abc')).toBe('SHA256:abc');
  });

  it('sudo: password never on the command line; the command gets /dev/null as stdin', () => {
    const dev = { role: 'r', platform: 'linux', username: 'beheer', secret: 'Geheim123!', options: {}, secrets: [] };
    expect(sudoMode(dev)).toBe('password');
    expect(sudoMode({ ...dev, secret: undefined })).toBe('nopasswd');
    expect(sudoMode({ ...dev, username: 'root' })).toBe('root');
    expect(sudoMode({ ...dev, options: { sudo: false } })).toBe('none');
    const cmd = remoteCommand('ss -Htulnp', 'password', true);
    expect(cmd).not.toContain('Geheim123');
    expect(cmd).toContain("sudo -S -p '' -- sh -c");
    expect(cmd).toContain('exec 0</dev/null');
    expect(remoteCommand('ss -Htulnp', 'nopasswd', true)).toContain('sudo -n --');
    expect(remoteCommand('ss -Htulnp', 'root', true)).not.toContain('sudo');
    expect(remoteCommand('hostname', 'password', false)).not.toContain('sudo');
  });

  it('sudo failures are recognised with a reason', () => {
    expect(sudoFailure('Sorry, try again.\nsudo: 1 incorrect password attempt\n')).toMatch(/sudo-wachtwoord afgewezen/);
    expect(sudoFailure('sudo: a password is required\n')).toMatch(/secret/);
    expect(sudoFailure('beheer is not in the sudoers file.  This incident will be reported.\n')).toMatch(/geen sudo/);
    expect(sudoFailure('ss: permission denied')).toBeUndefined();
  });
});
