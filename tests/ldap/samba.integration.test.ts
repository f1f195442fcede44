// The ldap driver and checks against a REAL Samba AD DC provisioned and started by this test
// (see samba-dc.ts: temp dir, own network namespace, LDAPS with Samba's own CA).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapChecks } from '../../checks/ldap-all.js';
import { ldapDriver } from '../../drivers/ldap/index.js';
import { type DeviceConfig, type DriverSession, type Outcome } from '../../src/core/types.js';
import { createRegistry } from '../../src/core/registry.js';
import { run as runExam } from '../../src/core/runner.js';
import { decideLive, exam, lab } from '../helpers.js';
import { startSambaDc, type SambaDc } from './samba-dc.js';

const sig = () => AbortSignal.timeout(20_000);
let dc: SambaDc;
let s: DriverSession;
let dev: (over?: Partial<DeviceConfig>, opts?: Record<string, unknown>) => DeviceConfig;

const run = (kind: string, raw: unknown, session = s): Promise<Outcome> =>
  decideLive(ldapChecks.find((x) => x.kind === kind)!, session, raw, { device: 'dc1', platform: 'ldap' }, sig);

beforeAll(async () => {
  dc = await startSambaDc(async (tool) => {
    await tool(['ou', 'create', 'OU=Staf,DC=lab,DC=proef']);
    await tool(['ou', 'create', 'OU=Sales,OU=Staf,DC=lab,DC=proef']);
    await tool(['ou', 'create', 'OU=Werkplekken,DC=lab,DC=proef']);
    await tool(['user', 'create', 'jan', 'Welkom01!Jan', '--userou=OU=Sales,OU=Staf', '--given-name=Jan', '--surname=Jansen']);
    await tool(['user', 'create', 'piet', 'Welkom01!Piet', '--userou=OU=Staf']);
    await tool(['user', 'disable', 'piet']);
    await tool(['group', 'add', 'GG_Verkoop', '--groupou=OU=Staf']);
    await tool(['group', 'add', 'GG_Medewerkers']);
    await tool(['group', 'addmembers', 'GG_Verkoop', 'jan']);
    await tool(['group', 'addmembers', 'GG_Medewerkers', 'GG_Verkoop']);
    await tool(['computer', 'create', 'WS01', '--computerou=OU=Werkplekken']);
    await tool(['domain', 'passwordsettings', 'set', '--min-pwd-length=10', '--complexity=on', '--history-length=12', '--max-pwd-age=90', '--account-lockout-threshold=5']);
  });
  const cn = /CN=([^\n,]+)/.exec(new X509Certificate(require_cert(dc)).subject)?.[1];
  dev = (over = {}, opts = {}) => ({ role: 'dc1', platform: 'ldap', host: dc.host, port: 636, transport: 'ldaps', username: `Administrator@${dc.realm}`, password: dc.adminPassword, timeoutMs: 8000, options: { ca: dc.ca, servername: cn, ...opts }, secrets: [dc.adminPassword], ...over });
  s = await ldapDriver.connect(dev(), sig());
}, 150_000);

/** Samba's ca.pem is the CA; the server certificate (cert.pem) names the host. */
function require_cert(d: SambaDc): string {
  return readFileSync(`${d.dir}/private/tls/cert.pem`, 'utf8');
}

afterAll(async () => {
  await s?.close();
  await dc?.stop();
}, 30_000);

describe('ldap driver against a real Samba AD DC (LDAPS)', () => {
  it('RootDSE names the domain', async () => {
    const g = await s.gather('ldap.rootdse', {}, sig());
    expect(g.parsed).toMatchObject({ defaultNamingContext: dc.baseDn, dnsHostName: expect.stringMatching(/\.lab\.proef$/i) });
  });

  it('OU structure', async () => {
    expect(await run('ldap.ou', { path: 'Staf/Sales' })).toMatchObject({ status: 'pass' });
    expect(await run('ldap.ou', { path: 'Werkplekken' })).toMatchObject({ status: 'pass' });
    const wrong = await run('ldap.ou', { path: 'Sales' });
    expect(wrong).toMatchObject({ status: 'fail', message: expect.stringMatching(/andere plek: Staf\/Sales/) });
    expect(await run('ldap.ou', { path: 'ICT' })).toMatchObject({ status: 'fail' });
  });

  it('users: enabled, OU, direct and nested membership', async () => {
    expect(await run('ldap.user', { name: 'jan', enabled: true, ou: 'Staf/Sales', member_of: ['GG_Verkoop', 'GG_Medewerkers'] })).toMatchObject({ status: 'pass' });
    expect(await run('ldap.user', { name: 'jan', member_of: ['GG_Medewerkers'], nested: false })).toMatchObject({ status: 'fail' });
    const piet = await run('ldap.user', { name: 'piet', enabled: true });
    expect(piet).toMatchObject({ status: 'fail', message: expect.stringMatching(/uitgeschakeld/) });
    expect(await run('ldap.user', { name: 'piet', enabled: false, ou: 'Staf' })).toMatchObject({ status: 'pass' });
    expect(await run('ldap.user', { name: 'jan', ou: 'Staf' })).toMatchObject({ status: 'fail' });
    expect(await run('ldap.user', { name: 'klaas' })).toMatchObject({ status: 'fail' });
    expect(await run('ldap.user', { name: 'klaas', present: false })).toMatchObject({ status: 'pass' });
    expect(await run('ldap.user', { name: 'Administrator', enabled: true, ou: 'CN=Users', member_of: ['Domain Admins'] })).toMatchObject({ status: 'pass' });
  });

  it('groups: scope and nested members', async () => {
    expect(await run('ldap.group', { name: 'GG_Medewerkers', scope: 'global', security: true, members: ['GG_Verkoop', 'jan'] })).toMatchObject({ status: 'pass' });
    expect(await run('ldap.group', { name: 'GG_Medewerkers', members: ['jan'], nested: false })).toMatchObject({ status: 'fail' });
    expect(await run('ldap.group', { name: 'GG_Verkoop', ou: 'Staf', members: ['jan'], exact: true })).toMatchObject({ status: 'pass' });
    expect(await run('ldap.group', { name: 'GG_Verkoop', scope: 'universal' })).toMatchObject({ status: 'fail' });
  });

  it('computer objects', async () => {
    // samba-tool pre-stages the account disabled (userAccountControl 4098) until a machine joins.
    expect(await run('ldap.computer', { name: 'WS01', ou: 'Werkplekken' })).toMatchObject({ status: 'pass' });
    expect(await run('ldap.computer', { name: 'WS01', enabled: true })).toMatchObject({ status: 'fail', message: expect.stringMatching(/uitgeschakeld/) });
    expect(await run('ldap.computer', { name: 'WS01', ou: 'Staf' })).toMatchObject({ status: 'fail' });
    expect(await run('ldap.computer', { name: 'WS02' })).toMatchObject({ status: 'fail' });
    const c = await s.gather('ldap.computers', {}, sig());
    expect((c.parsed as { computers: { name: string; domainController: boolean }[] }).computers.some((x) => x.domainController)).toBe(true);
  });

  it('password policy from the domain object', async () => {
    const g = await s.gather('ldap.password-policy', {}, sig());
    expect(g.parsed).toMatchObject({ minLength: 10, complexity: true, historyLength: 12, maxAgeDays: 90, lockoutThreshold: 5 });
    expect(await run('ldap.password-policy', { min_length: 8, complexity: true, max_age_days: 90, lockout_threshold: 5, history: 10 })).toMatchObject({ status: 'pass' });
    const weak = await run('ldap.password-policy', { min_length: 12 });
    expect(weak).toMatchObject({ status: 'fail', message: expect.stringMatching(/minimale lengte 10/) });
  });

  it('a normal user can read the directory too (same facts)', async () => {
    const jan = await ldapDriver.connect(dev({ username: `jan@${dc.realm}`, password: 'Welkom01!Jan' }), sig());
    try {
      expect(await run('ldap.user', { name: 'jan', member_of: ['GG_Medewerkers'] }, jan)).toMatchObject({ status: 'pass' });
    } finally {
      await jan.close();
    }
  });

  it('through the runner: an exam with AD criteria against the Samba DC', async () => {
    const e = exam(`
id: ad-t
title: Active Directory
dossier: d
werkprocessen: [B1-K2-W1]
roles: { dc1: ldap }
criteria:
  - { id: ou, title: OU-structuur, check: { kind: ldap.ou, device: dc1, path: Staf/Sales } }
  - { id: jan, title: Jan in Verkoop, check: { kind: ldap.user, device: dc1, name: jan, enabled: true, ou: Staf/Sales, member_of: [GG_Medewerkers] } }
  - { id: piet, title: Piet actief, check: { kind: ldap.user, device: dc1, name: piet, enabled: true } }
  - { id: ws, title: Werkplek in domein, check: { kind: ldap.computer, device: dc1, name: WS01, ou: Werkplekken } }
  - { id: pw, title: Wachtwoordbeleid, check: { kind: ldap.password-policy, device: dc1, min_length: 10, complexity: true, lockout_threshold: 5 } }
`);
    const l = lab(`
name: t
credentials: { da: { username: Administrator@${dc.realm}, password: { env: AD_PW } } }
pods:
  - id: p1
    devices: { dc1: { platform: ldap, host: ${dc.host}, port: 636, transport: ldaps, credentials: da, options: { tls_insecure: true } } }
`);
    const r = await runExam({ exams: [e], lab: l, registry: createRegistry(), env: { AD_PW: dc.adminPassword } });
    const st = Object.fromEntries(r.results[0]!.criteria.map((c) => [c.id, c.status]));
    expect(st).toEqual({ ou: 'pass', jan: 'pass', piet: 'fail', ws: 'pass', pw: 'pass' });
    expect(JSON.stringify(r.observations)).not.toContain(dc.adminPassword);
  });

  it('wrong password, plain LDAP simple bind, untrusted certificate and unreachable are errors with the reason', async () => {
    await expect(ldapDriver.connect(dev({ password: 'fout' }), sig())).rejects.toThrow(/bind\) geweigerd/);
    await expect(ldapDriver.connect(dev({ port: 389, transport: 'ldap' }), sig())).rejects.toThrow(/versleuteling|sterke authenticatie/);
    await expect(ldapDriver.connect(dev({}, { ca: undefined }), sig())).rejects.toThrow(/certifica/i);
    await expect(ldapDriver.connect(dev({ port: 3269 + 1 }), sig())).rejects.toThrow(/verbinding geweigerd/);
    // Accepting any certificate is possible when the lab's CA is not at hand:
    const ins = await ldapDriver.connect(dev({}, { ca: undefined, tls_insecure: true }), sig());
    await ins.close();
  });
});
