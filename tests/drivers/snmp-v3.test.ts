// The snmp driver against Debian's snmpd (Net-SNMP 5.9) with a generated config on loopback:
// SNMPv3 USM (authPriv SHA/AES, SHA-256/AES, MD5/DES, authNoPriv), the errors a wrong user, key or
// level gives, and the Linux agent's own MIBs (IF-MIB, IP-MIB ipAddressTable, HOST-RESOURCES).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snmpDriver } from '../../drivers/snmp/index.js';
import type { DeviceConfig, DriverSession } from '../../src/core/types.js';
import { startSnmpd, type Agent } from './snmp-agents.js';

let agent: Agent;
const signal = () => AbortSignal.timeout(20_000);
const sessions: DriverSession[] = [];
/** Connect and read the system group: where a dead agent or a refused credential shows. */
async function systemOf(cfg: DeviceConfig) {
  const s = await snmpDriver.connect(cfg, AbortSignal.timeout(20_000));
  sessions.push(s);
  return s.gather('snmp.system', {}, AbortSignal.timeout(20_000));
}

const AUTH = 'auth-Sleutel-123';
const PRIV = 'priv-Sleutel-456';

function v3(username: string, options: Record<string, unknown> = {}): DeviceConfig {
  const o = { version: '3', auth_key: AUTH, priv_key: PRIV, timeout: 1, retries: 0, ...options };
  return { role: 'r1', platform: 'snmp', host: '127.0.0.1', port: agent.port, username, timeoutMs: 20_000, options: o, secrets: [AUTH, PRIV] };
}
async function open(cfg: DeviceConfig) {
  const s = await snmpDriver.connect(cfg, signal());
  sessions.push(s);
  return s;
}

beforeAll(async () => {
  agent = await startSnmpd({
    community: 'lab-Community-9',
    users: [
      { name: 'beheer', auth: 'SHA', authKey: AUTH, priv: 'AES', privKey: PRIV },
      { name: 'monitor', auth: 'SHA', authKey: AUTH },
      { name: 'oud', auth: 'MD5', authKey: AUTH, priv: 'AES', privKey: PRIV },
      { name: 'desgebruiker', auth: 'MD5', authKey: AUTH, priv: 'DES', privKey: PRIV },
      { name: 'nieuw', auth: 'SHA-256', authKey: AUTH, priv: 'AES', privKey: PRIV },
    ],
    sysName: 'r1-lokaal-b214',
    sysLocation: 'Lokaal B2.14, rek 3',
    sysContact: 'beheer@school.example',
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  await agent?.stop();
});

describe('snmp driver against snmpd (SNMPv3)', () => {
  it('authPriv SHA/AES: system group as configured', async () => {
    const s = await open(v3('beheer'));
    const g = await s.gather('snmp.system', {}, signal());
    expect(g.parsed).toMatchObject({ sysName: 'r1-lokaal-b214', sysLocation: 'Lokaal B2.14, rek 3', sysContact: 'beheer@school.example', missing: [] });
    expect((g.parsed as { sysDescr: string }).sysDescr).toMatch(/^Linux /);
    expect((g.parsed as { sysUpTime: number }).sysUpTime).toBeGreaterThanOrEqual(0);
  });

  it('authNoPriv SHA, authPriv MD5/AES and SHA-256/AES all read the same sysName', async () => {
    const cases: DeviceConfig[] = [
      v3('monitor', { level: 'authNoPriv', priv_key: undefined }),
      v3('oud', { authProtocol: 'md5', privProtocol: 'aes' }),
      v3('nieuw', { authProtocol: 'sha256', privProtocol: 'aes' }),
    ];
    for (const c of cases) {
      const s = await open(c);
      expect(((await s.gather('snmp.system', {}, signal())).parsed as { sysName: string }).sysName).toBe('r1-lokaal-b214');
    }
  });

  it('identity of a Linux agent: hostname = sysName, os Linux with the kernel version', async () => {
    const s = await open(v3('beheer'));
    const id = await s.identity!(signal());
    expect(id).toMatchObject({ hostname: 'r1-lokaal-b214', os: 'Linux' });
    expect(id.version).toMatch(/^\d+\.\d+/);
  });

  it('IF-MIB, IP-MIB and HOST-RESOURCES of the Linux agent over SNMPv3', async () => {
    const s = await open(v3('beheer'));
    const { interfaces } = (await s.gather('snmp.interfaces', {}, signal())).parsed as { interfaces: Record<string, unknown>[] };
    expect(interfaces.find((i) => i.name === 'lo')).toMatchObject({ typeName: 'softwareLoopback', operStatus: 'up', adminStatus: 'up' });
    const { addresses } = (await s.gather('snmp.ip', {}, signal())).parsed as { addresses: Record<string, unknown>[] };
    expect(addresses.find((a) => a.address === '127.0.0.1')).toMatchObject({ family: 'ipv4', ifName: 'lo', prefixLength: 8, netmask: '255.0.0.0' });
    const h = (await s.gather('snmp.host', {}, signal())).parsed as Record<string, any>;
    expect(h.memoryBytes).toBeGreaterThan(0);
    expect(h.storage.some((x: any) => x.type === 'ram')).toBe(true);
    expect(Array.isArray(h.processorLoad)).toBe(true);
  });

  it('DES privacy: works where OpenSSL still has DES; otherwise (Node 22 / OpenSSL 3) the error says so instead of a cryptic OpenSSL code', async () => {
    let s: DriverSession | undefined;
    try {
      s = await open(v3('desgebruiker', { authProtocol: 'md5', privProtocol: 'des' }));
    } catch (err) {
      expect(String(err)).toMatch(/privProtocol des wordt door de OpenSSL van deze Node niet meer ondersteund/);
      return;
    }
    expect(((await s.gather('snmp.system', {}, signal())).parsed as { sysName: string }).sysName).toBe('r1-lokaal-b214');
  });

  it('wrong auth_key: the agent reports a wrong digest, and the error says so', async () => {
    await expect(systemOf(v3('beheer', { auth_key: 'fout-fout-fout' }))).rejects.toThrow(
      /SNMPv3-authenticatie mislukt voor gebruiker 'beheer': auth_key of authProtocol onjuist \(usmStatsWrongDigests\)/,
    );
  });

  it('wrong authProtocol (MD5 for a SHA user) is also a wrong digest', async () => {
    await expect(systemOf(v3('beheer', { authProtocol: 'md5' }))).rejects.toThrow(/usmStatsWrongDigests/);
  });

  it('unknown user: the agent reports it', async () => {
    await expect(systemOf(v3('onbekend'))).rejects.toThrow(/SNMPv3-gebruiker 'onbekend' is onbekend bij de agent \(usmStatsUnknownUserNames\)/);
  });

  it('authPriv for a user that only has auth: unsupported security level', async () => {
    await expect(systemOf(v3('monitor', { level: 'authPriv' }))).rejects.toThrow(/usmStatsUnsupportedSecLevels/);
  });

  it('wrong priv_key: no usable answer, and the reason names the privacy key', async () => {
    await expect(systemOf(v3('beheer', { priv_key: 'fout-fout-fout' }))).rejects.toThrow(/priv_key/);
  });

  it('v3 without username or without auth_key is refused with a clear message', async () => {
    await expect(snmpDriver.connect({ ...v3(''), username: undefined, options: { version: '3', auth_key: AUTH } }, signal())).rejects.toThrow(/zonder gebruikersnaam/);
    await expect(snmpDriver.connect(v3('beheer', { auth_key: undefined, level: 'authPriv' }), signal())).rejects.toThrow(/zonder auth_key/);
  });

  it('snmp.probe: the same agent also answers v2c with the lab community (the v3-required check relies on this)', async () => {
    const s = await open(v3('beheer', { community: 'lab-Community-9' }));
    const p = await s.gather('snmp.probe', { version: '2c', lab: true }, signal());
    expect(p.parsed).toMatchObject({ answered: true, credential: 'de community van het lab', sysName: 'r1-lokaal-b214' });
    const pub = await s.gather('snmp.probe', { version: '2c', community: 'public' }, signal());
    expect(pub.parsed).toMatchObject({ answered: false, tried: true });
    const wrongUser = await s.gather('snmp.probe', { version: '3', user: 'beheer', authKey: 'fout-fout-fout', privKey: PRIV }, signal());
    expect(wrongUser.parsed).toMatchObject({ answered: false, tried: true });
    expect((wrongUser.parsed as { reason: string }).reason).toMatch(/usmStatsWrongDigests/);
    const noCommunity = await (await open(v3('beheer'))).gather('snmp.probe', { version: '2c', lab: true }, signal());
    expect(noCommunity.parsed).toMatchObject({ answered: false, tried: false });
  });
});
