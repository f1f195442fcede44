// Windows driver and checks. There is no Windows here: the PowerShell JSON in
// tests/fixtures/windows/ is WRITTEN in the exact shape the cmdlets/scripts produce (see its
// README), and replayed by sims/windows/server.ts, an ssh2 server that decodes each
// -EncodedCommand and answers for exactly that script (CRLF, BOM/UTF-16LE, CLIXML progress).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowsChecks } from '../../checks/windows-all.js';
import { allowCommand, decodeCommand, decodeOutput, encodeCommand, parseStderr, WINDOWS_FACTS, windowsDriver } from '../../drivers/windows/index.js';
import { createRegistry } from '../../src/core/registry.js';
import { type DeviceConfig, type DriverSession, type Outcome } from '../../src/core/types.js';
import { clixmlError, startWindowsSim, type Replay, type WindowsSim } from '../../sims/windows/server.js';
import { run as runExam } from '../../src/core/runner.js';
import { decideLive, exam, lab } from '../helpers.js';

const fx = (f: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/windows', f), 'utf8');
const script = (fact: string, p: Record<string, unknown> = {}) => WINDOWS_FACTS[fact]!.script(p);
const sig = () => AbortSignal.timeout(10_000);

describe('PowerShell wire formats', () => {
  it('-EncodedCommand is base64 of UTF-16LE and round-trips non-ASCII', () => {
    expect(encodeCommand('Get-Date')).toBe('RwBlAHQALQBEAGEAdABlAA==');
    expect(decodeCommand(encodeCommand("Get-LocalUser -Name 'gebruikér'"))).toBe("Get-LocalUser -Name 'gebruikér'");
  });
  it('decodes UTF-8, UTF-8+BOM, UTF-16LE with and without BOM, UTF-16BE; CRLF → LF', () => {
    const t = '{"Name":"Überprüfung"}\r\nnext\r\n';
    const want = '{"Name":"Überprüfung"}\nnext\n';
    expect(decodeOutput(Buffer.from(t))).toBe(want);
    expect(decodeOutput(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]))).toBe(want);
    expect(decodeOutput(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]))).toBe(want);
    expect(decodeOutput(Buffer.from(t, 'utf16le'))).toBe(want);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]);
    expect(decodeOutput(be)).toBe(want);
  });
  it('CLIXML: progress is noise, error records are the reason', () => {
    const e = parseStderr(clixmlError("Get-DhcpServerv4Scope : Access is denied.\n    + CategoryInfo : PermissionDenied"));
    expect(e.errors).toMatch(/^Get-DhcpServerv4Scope : Access is denied\.\n\s+\+ CategoryInfo : PermissionDenied$/);
    const prog = parseStderr('#< CLIXML\r\n<Objs Version="1.1.0.1"><Obj S="progress" RefId="0"><MS><I64 N="SourceId">1</I64></MS></Obj></Objs>');
    expect(prog).toEqual({ errors: '', progress: 1 });
  });
});

describe('read-only allow-list', () => {
  it('every fact script is allowed', () => {
    for (const [name, def] of Object.entries(WINDOWS_FACTS)) if (name !== 'windows.exec') expect(allowCommand(def.script({ zone: 'lab.proef' })), name).toBe(true);
  });
  it('admits reading cmdlets, refuses writers, aliases, call operators, redirection and other COM objects', () => {
    for (const s of ['Get-Service | ConvertTo-Json -Compress', "Test-NetConnection -ComputerName dc01 -Port 389 | Select-Object TcpTestSucceeded", 'Resolve-DnsName -Name lab.proef -Type A', "Get-ADUser -Filter * | Where-Object { $_.Enabled -eq $true } | Measure-Object", "Get-Item 'Set-Content'"])
      expect(allowCommand(s), s).toBe(true);
    for (const s of ['Set-Service -Name Spooler -StartupType Disabled', 'Stop-Service Spooler', 'New-LocalUser x', 'Remove-Item C:\\x', 'Get-Service; Restart-Computer', 'iex (Get-Content x)', "& 'C:\\evil.ps1'", 'Get-Process > C:\\out.txt', "(Get-Service Spooler).Stop()", 'Invoke-Expression $x', 'New-Object -ComObject WScript.Shell', "[IO.File]::WriteAllText('c:\\x','y')", 'Get-ChildItem | del', 'Add-ADGroupMember -Identity x -Members y'])
      expect(allowCommand(s), s).toBe(false);
  });
});

const replies = new Map<string, Replay>([
  [script('windows.computer'), { stdout: fx('computer.json'), encoding: 'utf8bom', progress: true }],
  [script('windows.features'), { stdout: fx('features.json'), encoding: 'utf16le', progress: true }],
  [script('windows.users'), { stdout: fx('users.json') }],
  [script('windows.groups'), { stdout: fx('groups.json'), encoding: 'utf8bom' }],
  [script('windows.services'), { stdout: fx('services.json') }],
  [script('windows.firewall'), { stdout: fx('firewall.json'), encoding: 'utf16le' }],
  [script('windows.shares'), { stdout: fx('shares.json'), progress: true }],
  [script('windows.dns-zones'), { stdout: fx('dns-zones.json') }],
  [script('windows.dns-records', { zone: 'lab.proef' }), { stdout: fx('dns-records-lab.proef.json') }],
  [script('windows.dhcp'), { stdout: fx('dhcp.json'), encoding: 'utf8bom' }],
  [script('windows.updates'), { stdout: fx('updates.json') }],
  [script('windows.bitlocker'), { stdout: fx('bitlocker.json') }],
  [script('windows.gpo-links'), { stdout: fx('gpo-links.json') }],
  ['Get-Service -Name Spooler, wuauserv | Select-Object Name, DisplayName, Status, StartType | ConvertTo-Json -Compress', { stdout: fx('services-ps51-numeric.json') }],
  ["Get-SmbShare -Name 'Leeg' | ConvertTo-Json -Compress", { stdout: '' }],
  ['Get-Date -Format o', { stdout: '', hang: true }],
  ["Get-ADUser -Identity 'geheim'", { stdout: '', stderr: clixmlError("Get-ADUser : Insufficient access rights to perform the operation\n    + CategoryInfo : PermissionDenied"), exitCode: 1 }],
]);

let sim: WindowsSim;
let s: DriverSession;
const dev = (over: Partial<DeviceConfig> = {}): DeviceConfig => ({ role: 'dc01', platform: 'windows', host: '127.0.0.1', port: sim.port, username: 'LAB\\examinator', password: 'Geheim!2026', timeoutMs: 3000, options: {}, secrets: ['Geheim!2026'], ...over });

const run = (kind: string, raw: unknown): Promise<Outcome> => decideLive(windowsChecks.find((x) => x.kind === kind)!, s, raw, { device: 'dc01', platform: 'windows' }, sig);

beforeAll(async () => {
  sim = await startWindowsSim({ username: 'LAB\\examinator', password: 'Geheim!2026', replies });
  s = await windowsDriver.connect(dev(), sig());
});
afterAll(async () => {
  await s?.close();
  await sim?.close();
});

describe('windows driver through the replaying SSH server', () => {
  it('every windows check is registered with a Dutch description', () => {
    const reg = createRegistry();
    expect(windowsChecks).toHaveLength(12);
    for (const c of windowsChecks) {
      expect(reg.checks.get(c.kind)).toBe(c);
      expect(c.platforms).toEqual(['windows']);
    }
  });

  it('sends powershell -NoProfile -NonInteractive -EncodedCommand and decodes UTF-8/BOM/UTF-16LE + CLIXML progress', async () => {
    const c = await s.gather('windows.computer', {}, sig());
    expect(c.parsed).toEqual({ name: 'DC01', domain: 'lab.proef', partOfDomain: true, domainController: true, domainRole: 5, workgroup: null, os: 'Microsoft Windows Server 2022 Standard', version: '10.0.20348', build: 20348 });
    expect(sim.received.at(-1)).toBe(script('windows.computer'));
    const f = await s.gather('windows.features', {}, sig());
    expect((f.parsed as { features: unknown[] }).features).toHaveLength(7);
  });

  it('computer, features, local users and groups', async () => {
    expect(await run('windows.computer', { name: 'dc01', domain: 'LAB.PROEF', domain_controller: true, os_contains: 'Server 2022', min_build: 17763 })).toMatchObject({ status: 'pass' });
    expect(await run('windows.computer', { domain: 'school.local' })).toMatchObject({ status: 'fail' });
    expect(await run('windows.feature', { features: ['AD DS', 'DNS', 'DHCP', 'File Server'] })).toMatchObject({ status: 'pass' });
    expect(await run('windows.feature', { features: ['IIS'] })).toMatchObject({ status: 'fail', message: 'niet geïnstalleerd: Web-Server' });
    expect(await run('windows.feature', { features: ['IIS'], installed: false })).toMatchObject({ status: 'pass' });
    expect(await run('windows.local-user', { name: 'beheerder', enabled: true, groups: ['Administrators'] })).toMatchObject({ status: 'pass' });
    expect(await run('windows.local-user', { name: 'Guest', enabled: true })).toMatchObject({ status: 'fail', message: expect.stringMatching(/uitgeschakeld/) });
    expect(await run('windows.local-group', { name: 'Administrators', members: ['LAB\\Domain Admins', 'beheerder'] })).toMatchObject({ status: 'pass' });
    expect(await run('windows.local-group', { name: 'Administrators', members: ['Administrator'], exact: true })).toMatchObject({ status: 'fail', message: expect.stringMatching(/ongewenste leden/) });
    // A single member comes as a bare object from ConvertTo-Json:
    expect(await run('windows.local-group', { name: 'Users', members: ['Authenticated Users'] })).toMatchObject({ status: 'pass' });
  });

  it('services, including PowerShell 5.1 numeric enums', async () => {
    expect(await run('windows.service', { name: 'DNS Server', status: 'Running', start_type: 'Automatic' })).toMatchObject({ status: 'pass' });
    expect(await run('windows.service', { name: 'Spooler', status: 'Running' })).toMatchObject({ status: 'fail', message: 'service Spooler is Stopped, verwacht Running' });
    const raw = await s.gather('windows.exec', { script: 'Get-Service -Name Spooler, wuauserv | Select-Object Name, DisplayName, Status, StartType | ConvertTo-Json -Compress' }, sig());
    const { SERVICE_STATUS, START_TYPE } = await import('../../drivers/windows/facts.js');
    const rows = (raw.parsed as { json: { Status: number; StartType: number }[] }).json;
    expect(rows.map((r) => [SERVICE_STATUS(r.Status), START_TYPE(r.StartType)])).toEqual([['Running', 'Automatic'], ['Stopped', 'Manual']]);
  });

  it('firewall profiles and rules', async () => {
    expect(await run('windows.firewall', { profiles: ['Domain', 'Private'], default_inbound: 'Block' })).toMatchObject({ status: 'pass' });
    expect(await run('windows.firewall', { profiles: ['Domain', 'Private', 'Public'] })).toMatchObject({ status: 'fail', message: 'firewallprofiel uit: Public' });
    expect(await run('windows.firewall', { rule: { port: '443', protocol: 'TCP' } })).toMatchObject({ status: 'pass', message: expect.stringMatching(/Intranet HTTP/) });
    expect(await run('windows.firewall', { rule: { port: '23', action: 'Block' } })).toMatchObject({ status: 'pass' });
    expect(await run('windows.firewall', { rule: { port: '21' } })).toMatchObject({ status: 'fail' });
  });

  it('SMB shares with share and NTFS permissions', async () => {
    expect(await run('windows.share', { name: 'Afdelingen', path: 'D:\\Shares\\Afdelingen', share_access: [{ account: 'GG_Medewerkers', right: 'Change' }], ntfs: [{ account: 'LAB\\GG_Verkoop', rights: 'Modify' }, { account: 'GG_Medewerkers', rights: 'ReadAndExecute' }], no_access: ['Everyone'] })).toMatchObject({ status: 'pass' });
    expect(await run('windows.share', { name: 'Afdelingen', share_access: [{ account: 'GG_Medewerkers', right: 'Read' }] })).toMatchObject({ status: 'fail', message: expect.stringMatching(/meer dan Read/) });
    expect(await run('windows.share', { name: 'Afdelingen', ntfs: [{ account: 'GG_Medewerkers', rights: 'Modify' }] })).toMatchObject({ status: 'fail' });
    // Single ACE as bare object and numeric FileSystemRights (2032127 = FullControl):
    expect(await run('windows.share', { name: 'Publiek', no_access: ['Everyone'] })).toMatchObject({ status: 'fail', message: expect.stringMatching(/Everyone/) });
    expect(await run('windows.share', { name: 'Publiek', ntfs: [{ account: 'Everyone', rights: 'FullControl' }] })).toMatchObject({ status: 'pass' });
    expect(await run('windows.share', { name: 'Data' })).toMatchObject({ status: 'fail' });
  });

  it('DNS zones and records', async () => {
    expect(await run('windows.dns', { zone: 'lab.proef', type: 'Primary', ad_integrated: true, secure_updates: true })).toMatchObject({ status: 'pass' });
    expect(await run('windows.dns', { zone: 'lab.proef', record: { name: 'web01.lab.proef', type: 'A', data: '192.168.10.20' } })).toMatchObject({ status: 'pass' });
    expect(await run('windows.dns', { zone: 'lab.proef', record: { name: 'intranet', type: 'CNAME', data: 'web01.lab.proef' } })).toMatchObject({ status: 'pass' });
    expect(await run('windows.dns', { zone: 'lab.proef', record: { name: '@', type: 'MX', data: 'mail.lab.proef' } })).toMatchObject({ status: 'pass' });
    expect(await run('windows.dns', { zone: 'lab.proef', record: { name: 'web01', data: '192.168.10.21' } })).toMatchObject({ status: 'fail' });
    expect(await run('windows.dns', { zone: 'school.local' })).toMatchObject({ status: 'fail' });
  });

  it('DHCP scopes, options and reservations', async () => {
    expect(await run('windows.dhcp', { scope: '192.168.10.0', start: '192.168.10.100', end: '192.168.10.200', mask: '255.255.255.0', active: true, router: '192.168.10.1', dns_servers: ['192.168.10.10'], dns_domain: 'lab.proef', reservations: [{ ip: '192.168.10.50', mac: '00:15:5D:0A:14:32' }] })).toMatchObject({ status: 'pass' });
    expect(await run('windows.dhcp', { scope: '192.168.20.0', active: true })).toMatchObject({ status: 'fail' });
    expect(await run('windows.dhcp', { scope: '192.168.20.0', router: '192.168.20.1' })).toMatchObject({ status: 'fail', message: expect.stringMatching(/niet ingesteld/) });
    expect(await run('windows.dhcp', { scope: '192.168.10.0', reservations: [{ ip: '192.168.10.50', mac: '00-15-5d-0a-14-33' }] })).toMatchObject({ status: 'fail' });
  });

  it('pending updates, BitLocker and GPO links', async () => {
    expect(await run('windows.updates', {})).toMatchObject({ status: 'fail', message: expect.stringMatching(/KB5046616/) });
    expect(await run('windows.updates', { max_pending: 1 })).toMatchObject({ status: 'pass' });
    expect(await run('windows.bitlocker', { volumes: ['C:'], protector: 'Tpm' })).toMatchObject({ status: 'pass' });
    expect(await run('windows.bitlocker', { volumes: ['C:', 'D:'] })).toMatchObject({ status: 'fail', message: expect.stringMatching(/D:/) });
    expect(await run('windows.gpo-link', { gpo: 'Wachtwoordbeleid', target: 'domain', enforced: true })).toMatchObject({ status: 'pass' });
    expect(await run('windows.gpo-link', { gpo: 'Drive mapping Sales', target: 'Staf/Sales' })).toMatchObject({ status: 'pass' });
    expect(await run('windows.gpo-link', { gpo: 'Schermbeveiliging', target: 'Werkplekken' })).toMatchObject({ status: 'fail', message: expect.stringMatching(/uitgeschakeld/) });
    expect(await run('windows.gpo-link', { gpo: 'Drive mapping Sales', target: 'Werkplekken' })).toMatchObject({ status: 'fail', message: expect.stringMatching(/wel aan OU=Sales/) });
  });

  it('through the runner: an exam with Windows criteria against the replaying server', async () => {
    const e = exam(`
id: win-t
title: Windows Server
dossier: d
werkprocessen: [B1-K2-W1]
roles: { dc01: windows }
criteria:
  - { id: dc, title: Domeincontroller, check: { kind: windows.computer, device: dc01, name: DC01, domain: lab.proef, domain_controller: true } }
  - { id: roles, title: Rollen, check: { kind: windows.feature, device: dc01, features: [AD DS, DNS, DHCP] } }
  - { id: share, title: Share, check: { kind: windows.share, device: dc01, name: Afdelingen, no_access: [Everyone] } }
  - { id: dhcp, title: Scope, check: { kind: windows.dhcp, device: dc01, scope: 192.168.10.0, router: 192.168.10.1 } }
  - { id: upd, title: Updates, check: { kind: windows.updates, device: dc01 } }
`);
    const l = lab(`
name: t
credentials: { wadm: { username: 'LAB\\examinator', password: { env: WIN_PW } } }
pods:
  - id: p1
    devices: { dc01: { platform: windows, host: 127.0.0.1, port: ${sim.port}, credentials: wadm } }
`);
    const r = await runExam({ exams: [e], lab: l, registry: createRegistry(), env: { WIN_PW: 'Geheim!2026' } });
    const st = Object.fromEntries(r.results[0]!.criteria.map((c) => [c.id, c.status]));
    expect(st).toEqual({ dc: 'pass', roles: 'pass', share: 'pass', dhcp: 'pass', upd: 'fail' });
    expect(r.results[0]!.devices[0]!.identity?.hostname).toBe('DC01');
  });

  it('empty output is "no objects", not a parse error; junk is a parse error with raw kept', async () => {
    const g = await s.gather('windows.exec', { script: "Get-SmbShare -Name 'Leeg' | ConvertTo-Json -Compress" }, sig());
    expect(g.parsed).toEqual({ text: '' });
    const { psJsonList } = await import('../../drivers/windows/decode.js');
    expect(psJsonList('')).toEqual([]);
    expect(() => WINDOWS_FACTS['windows.services']!.parse('WARNING: x', {})).toThrow();
  });

  it('refused commands are never sent; errors carry the reason', async () => {
    const before = sim.received.length;
    await expect(s.gather('windows.exec', { script: 'Stop-Service -Name DNS' }, sig())).rejects.toThrow(/alleen lezende cmdlets/);
    expect(sim.received.length).toBe(before);
    await expect(s.gather('windows.exec', { script: "Get-ADUser -Identity 'geheim'" }, sig())).rejects.toThrow(/geen rechten: Get-ADUser : Insufficient access rights/);
    await expect(s.gather('windows.exec', { script: 'Get-Nothing' }, sig())).rejects.toThrow(/cmdlet niet beschikbaar/);
    await expect(s.gather('windows.exec', { script: 'Get-Date -Format o' }, sig())).rejects.toThrow(/time-out na 3000 ms/);
    await expect(windowsDriver.connect(dev({ password: 'fout' }), sig())).rejects.toThrow(/aanmelden geweigerd/);
    await expect(windowsDriver.connect(dev({ hostKey: 'SHA256:nietdezesleutel' }), sig())).rejects.toThrow(/127\.0\.0\.1/);
    const { freePort } = await import('../sql/servers.js');
    await expect(windowsDriver.connect(dev({ port: await freePort() }), sig())).rejects.toThrow(/verbinding geweigerd/);
  });
});
