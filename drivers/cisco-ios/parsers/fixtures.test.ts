// Parsers on outputs WRITTEN FOR PROEFLAB in the exact IOS format (tests/fixtures/cisco-ios/), for the
// commands the ntc-templates corpus has no golden pair for: full running/startup-config of an access
// switch and a router, show vlan brief, show interfaces trunk, show ip ssh, show ntp associations/status,
// show port-security, and "empty but valid" outputs. Also: abbreviations, and wrong output → Error.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findParser } from '../../../src/core/registry.js';
import { canonicalInterface, parsers, sameInterface, shortInterface } from './index.js';
import type { RunningConfig } from './running-config.js';

const fx = (name: string) => readFileSync(resolve(process.cwd(), 'tests/fixtures/cisco-ios', name), 'utf8');
const parse = (command: string, raw: string) => {
  const p = findParser(parsers, 'cisco-ios', command);
  if (!p) throw new Error(`no parser for ${command}`);
  return p.parse(raw) as any;
};

describe('command matching (IOS abbreviations)', () => {
  const cases: Array<[string, string]> = [
    ['sh vlan br', 'show vlan brief'],
    ['show vlan', 'show vlan'],
    ['sh ip int br', 'show ip interface brief'],
    ['show run', 'show running-config'],
    ['sh run int gi0/1', 'show running-config'],
    ['sh start', 'show startup-config'],
    ['sh ver', 'show version'],
    ['sh int status', 'show interfaces status'],
    ['sh int trunk', 'show interfaces trunk'],
    ['sh int sw', 'show interfaces switchport'],
    ['sh int gi0/1 switchport', 'show interfaces switchport'],
    ['sh int', 'show interfaces'],
    ['show interfaces GigabitEthernet0/1', 'show interfaces'],
    ['sh cdp nei', 'show cdp neighbors'],
    ['sh cdp nei det', 'show cdp neighbors detail'],
    ['sh lldp nei', 'show lldp neighbors'],
    ['sh span', 'show spanning-tree'],
    ['sh mac add', 'show mac address-table'],
    ['show mac-address-table', 'show mac address-table'],
    ['sh ip ro', 'show ip route'],
    ['sh ip os nei', 'show ip ospf neighbor'],
    ['sh ip dhcp bind', 'show ip dhcp binding'],
    ['sh ip ssh', 'show ip ssh'],
    ['sh ntp as', 'show ntp associations'],
    ['sh ntp stat', 'show ntp status'],
    ['sh access-l', 'show access-lists'],
    ['sh ip access-lists', 'show access-lists'],
    ['sh eth sum', 'show etherchannel summary'],
    ['sh standby br', 'show standby brief'],
    ['sh port-sec', 'show port-security'],
    ['sh port-security int fa0/1', 'show port-security interface'],
    ['sh snmp comm', 'show snmp community'],
    ['sh users', 'show users'],
    ['sh clock', 'show clock'],
    ['sh log', 'show logging'],
  ];
  for (const [typed, canonical] of cases)
    it(`'${typed}' → ${canonical}`, () => {
      expect(findParser(parsers, 'cisco-ios', typed)?.command).toBe(canonical);
    });
  it('does not match unrelated or writing commands', () => {
    expect(findParser(parsers, 'cisco-ios', 'configure terminal')).toBeUndefined();
    expect(findParser(parsers, 'cisco-ios', 'show vlan brief extra')).toBeUndefined();
    expect(findParser(parsers, 'routeros', 'show vlan brief')).toBeUndefined();
  });
});

describe('interface names', () => {
  it('canonicalises abbreviations and spaced CDP names', () => {
    expect(canonicalInterface('Gi0/1')).toBe('GigabitEthernet0/1');
    expect(canonicalInterface('Gig 1/0/10')).toBe('GigabitEthernet1/0/10');
    expect(canonicalInterface('fa0/24')).toBe('FastEthernet0/24');
    expect(canonicalInterface('Te1/1/1')).toBe('TenGigabitEthernet1/1/1');
    expect(canonicalInterface('Twe1/0/1')).toBe('TwentyFiveGigE1/0/1');
    expect(canonicalInterface('Po1')).toBe('Port-channel1');
    expect(canonicalInterface('Vl99')).toBe('Vlan99');
    expect(canonicalInterface('Lo0')).toBe('Loopback0');
    expect(canonicalInterface('Gi0/0/1.20')).toBe('GigabitEthernet0/0/1.20');
    expect(canonicalInterface('eth0')).toBe('Ethernet0');
    expect(shortInterface('GigabitEthernet0/1')).toBe('Gi0/1');
    expect(shortInterface('Port-channel1')).toBe('Po1');
    expect(sameInterface('Fas 0/24', 'FastEthernet0/24')).toBe(true);
    expect(sameInterface('Gi0/1', 'Gi0/2')).toBe(false);
  });
});

describe('show running-config (fixture: access switch, IOS 15.2)', () => {
  const c = parse('show running-config', fx('sw1-show-running-config.txt')) as RunningConfig;
  it('reads global settings', () => {
    expect(c.hostname).toBe('SW1-LOKAAL2');
    expect(c.domainName).toBe('lab.roc.nl');
    expect(c.servicePasswordEncryption).toBe(true);
    expect(c.enableSecret).toEqual({ type: 9 });
    expect(c.ssh).toMatchObject({ version: 2, timeout: 60, retries: 3 });
    expect(c.defaultGateway).toBe('192.168.99.1');
    expect(c.spanningTree.mode).toBe('rapid-pvst');
    expect(c.spanningTree.vlanPriorities).toEqual([{ vlans: '10,20', priority: 24576 }]);
    expect(c.banners.motd).toContain('Alleen toegang voor bevoegd personeel');
    expect(c.banners.motd).not.toContain('^C');
  });
  it('reduces users and passwords to their types (no hashes in parsed values)', () => {
    expect(c.users).toEqual([
      { name: 'admin', privilege: 15, secretType: 9 },
      { name: 'beheer', privilege: 15, secretType: 5 },
      { name: 'student', passwordType: 7 },
    ]);
    const json = JSON.stringify({ ...c, normalized: undefined });
    expect(json).not.toContain('$9$');
    expect(json).not.toContain('$1$');
    expect(json).not.toContain('0822455D0A16');
    expect(json).not.toContain('045802150C2E');
    expect(c.normalized.join('\n')).not.toMatch(/\$9\$|\$1\$|0822455D0A16|045802150C2E/);
    expect(c.normalized).toContain('username admin privilege 15 secret 9 <secret>');
  });
  it('reads VLANs, interfaces, switchport and port-security', () => {
    expect(c.vlans).toEqual([
      { id: 10, name: 'Administratie' },
      { id: 20, name: 'Docenten' },
      { id: 99, name: 'Beheer' },
      { id: 999, name: 'Parkeer' },
    ]);
    const fa1 = c.interfaces.find((i) => i.name === 'FastEthernet0/1')!;
    expect(fa1.switchport).toMatchObject({ mode: 'access', accessVlan: 10 });
    expect(fa1.switchport.portSecurity).toEqual({ enabled: true, maximum: 2, violation: 'restrict', sticky: true, macAddresses: ['0050.7966.6800'] });
    expect(fa1.spanningTree).toEqual({ portfast: true, bpduguard: true });
    expect(c.interfaces.find((i) => i.name === 'FastEthernet0/3')!.shutdown).toBe(true);
    const gi1 = c.interfaces.find((i) => i.name === 'GigabitEthernet0/1')!;
    expect(gi1.switchport).toMatchObject({ mode: 'trunk', trunkNative: 99, trunkAllowed: '10,20,99' });
    expect(gi1.channelGroup).toEqual({ group: 1, mode: 'active' });
    const vl99 = c.interfaces.find((i) => i.name === 'Vlan99')!;
    expect(vl99.ipAddresses).toEqual([{ address: '192.168.99.2', mask: '255.255.255.0', prefixLength: 24, secondary: false }]);
  });
  it('reads lines, SNMP, logging, NTP, ACLs', () => {
    const vty = c.lines.find((l) => l.type === 'vty' && l.first === 0)!;
    expect(vty).toMatchObject({ last: 4, transportInput: ['ssh'], login: 'local', accessClass: [{ name: 'BEHEER', direction: 'in' }] });
    expect(c.lines.find((l) => l.type === 'con')).toMatchObject({ passwordType: 7, login: 'login' });
    expect(c.snmp.communities).toEqual([
      { name: 'Pr0eflab', access: 'RO', acl: '10' },
      { name: 'public', access: 'RW' },
    ]);
    expect(c.snmp.location).toBe('Lokaal 2.14');
    expect(c.snmp.hosts[0]).toMatchObject({ host: '192.168.99.10', version: '2c', community: 'Pr0eflab' });
    expect(c.logging).toMatchObject({ hosts: ['192.168.99.10'], trap: 'informational' });
    expect(c.ntp.servers).toEqual([
      { address: '192.168.99.1', prefer: true },
      { address: '10.0.0.1', prefer: false },
    ]);
    const beheer = c.accessLists.find((a) => a.name === 'BEHEER')!;
    expect(beheer.type).toBe('standard');
    expect(beheer.entries[0]).toMatchObject({ action: 'permit', source: { kind: 'network', address: '192.168.99.0', wildcard: '0.0.0.255' }, remark: ['alleen het beheernetwerk'] });
    expect(beheer.entries[1]).toMatchObject({ action: 'deny', source: { kind: 'any' }, log: 'log' });
  });
});

describe('show running-config (fixture: ISR router, IOS-XE 16.9)', () => {
  const c = parse('sh run', fx('r1-show-running-config.txt')) as RunningConfig;
  it('reads router settings', () => {
    expect(c.hostname).toBe('R1');
    expect(c.enablePassword).toEqual({ type: 0 });
    expect(c.enableSecret).toBeUndefined();
    expect(c.users).toEqual([{ name: 'admin', privilege: 15, passwordType: 0 }]);
    expect(JSON.stringify({ ...c, normalized: undefined })).not.toMatch(/cisco123|Geheim123|Geheim456|121A0C0411045D5679/);
    expect(c.banners.motd).toBe('Router R1 - lokaal 2.14');
    expect(c.dhcp.excluded).toEqual([
      { start: '192.168.10.1', end: '192.168.10.10' },
      { start: '192.168.20.1', end: '192.168.20.1' },
    ]);
    expect(c.dhcp.pools[0]).toMatchObject({ name: 'ADMINISTRATIE', network: '192.168.10.0', prefixLength: 24, defaultRouter: ['192.168.10.1'], dnsServers: ['8.8.8.8', '1.1.1.1'], domainName: 'lab.roc.nl', lease: '2' });
    expect(c.dhcp.pools[1]).toMatchObject({ name: 'DOCENTEN', network: '192.168.20.0', prefixLength: 24 });
    expect(c.ipRoutes).toEqual([
      { network: '0.0.0.0', mask: '0.0.0.0', prefixLength: 0, nextHop: '203.0.113.1' },
      { network: '172.16.50.0', mask: '255.255.255.0', prefixLength: 24, nextHop: '10.0.0.2', distance: 150, name: 'backup' },
      { network: '10.99.0.0', mask: '255.255.0.0', prefixLength: 16, interface: 'Null0' },
    ]);
    expect(c.router.ospf[0]).toMatchObject({ process: 1, routerId: '1.1.1.1', defaultInformationOriginate: true, passiveInterfaces: ['GigabitEthernet0/0/1.10'] });
    expect(c.router.ospf[0].networks[0]).toEqual({ network: '10.0.0.0', wildcard: '0.0.0.3', prefixLength: 30, area: '0' });
    expect(c.router.eigrp[0]).toMatchObject({ asn: 100, autoSummary: false, networks: [{ network: '172.16.0.0' }] });
    expect(c.nat[0]).toMatchObject({ direction: 'inside', kind: 'source', type: 'list', acl: '1', interface: 'GigabitEthernet0/0/0', overload: true });
    expect(c.nat[1]).toMatchObject({ type: 'static', local: '192.168.99.10:80', global: '203.0.113.2:8080' });
    const sub20 = c.interfaces.find((i) => i.name === 'GigabitEthernet0/0/1.20')!;
    expect(sub20).toMatchObject({ encapsulation: { type: 'dot1Q', vlan: 20 }, ipHelpers: ['192.168.99.10'], nat: 'inside', accessGroups: [{ name: '110', direction: 'out' }] });
    expect(c.interfaces.find((i) => i.name === 'GigabitEthernet0/0/0')!.accessGroups).toEqual([{ name: 'INTERNET-IN', direction: 'in' }]);
    expect(c.accessLists.find((a) => a.name === '110')!.entries[0]).toMatchObject({ action: 'deny', protocol: 'tcp', destination: { kind: 'network', address: '192.168.20.0' }, destinationPorts: { op: 'eq', ports: ['telnet'] }, remark: ['geen telnet naar docenten'] });
    expect(c.snmp.users).toEqual([{ name: 'monitor', group: 'BEHEER', version: 'v3', auth: 'sha', priv: 'aes 128' }]);
    expect(c.lines.find((l) => l.type === 'vty')).toMatchObject({ transportInput: ['telnet', 'ssh'], login: 'login', passwordType: 7 });
    expect(c.lines.find((l) => l.type === 'con')).toMatchObject({ transportInput: ['none'] });
    expect(c.ntp.servers).toEqual([{ address: '0.nl.pool.ntp.org', prefer: false }]);
  });
});

describe('secrets never reach parsed values', () => {
  it('keys and passwords in interface, routing and global lines are masked', () => {
    const raw = [
      'Building configuration...',
      '',
      'hostname R9',
      'enable secret 5 $1$abcd$0123456789abcdefghij',
      'tacacs-server host 10.1.1.1 key 7 104D000A0618',
      'ntp authentication-key 1 md5 01234 7',
      'crypto isakmp key V3rySecret address 198.51.100.1',
      'interface GigabitEthernet0/1',
      ' standby 1 ip 10.0.0.1',
      ' standby 1 authentication md5 key-string 7 0822455D0A16',
      ' ip ospf message-digest-key 1 md5 7 13061E010803',
      ' ppp chap password 0 Pl4inText',
      'router ospf 1',
      ' area 0 authentication message-digest',
      'line vty 0 4',
      ' password 0 Vty-Plain',
      'end',
    ].join('\n');
    const c = parse('show running-config', raw) as RunningConfig;
    const json = JSON.stringify(c);
    for (const secret of ['$1$abcd', '104D000A0618', '01234', 'V3rySecret', '0822455D0A16', '13061E010803', 'Pl4inText', 'Vty-Plain']) expect(json, secret).not.toContain(secret);
    expect(c.interfaces[0].standby).toEqual([{ group: 1, ip: '10.0.0.1' }]);
    expect(c.lines[0].passwordType).toBe(0);
    expect(c.normalized).toContain(' standby 1 authentication md5 key-string 7 <secret>');
  });
});

describe('show startup-config vs running-config', () => {
  const run = parse('show running-config', fx('sw1-show-running-config.txt')) as RunningConfig;
  it('same configuration → same digest, despite header and timestamp lines', () => {
    const st = parse('show startup-config', fx('sw1-show-startup-config-same.txt')) as RunningConfig;
    expect(st.digest).toBe(run.digest);
    expect(st.normalized).toEqual(run.normalized);
  });
  it('older startup-config → different digest', () => {
    const st = parse('show startup-config', fx('sw1-show-startup-config-older.txt')) as RunningConfig;
    expect(st.digest).not.toBe(run.digest);
  });
});

describe('other commands on written fixtures', () => {
  it('show vlan brief: wrapped port lists', () => {
    const v = parse('show vlan brief', fx('show-vlan-brief.txt'));
    expect(v).toHaveLength(9);
    expect(v[0].ports).toHaveLength(20);
    expect(v[0].ports.at(-1)).toBe('Fa0/23');
    expect(v.find((x: any) => x.id === 99)).toEqual({ id: 99, name: 'Beheer', status: 'active', ports: [] });
    expect(v.find((x: any) => x.id === 10).ports).toEqual(['Fa0/1']);
  });
  it('show interfaces trunk', () => {
    const t = parse('show interfaces trunk', fx('show-interfaces-trunk.txt'));
    expect(t).toEqual([
      { port: 'Fa0/24', mode: 'on', encapsulation: '802.1q', status: 'trunking', nativeVlan: 99, allowed: '10,20,99', active: '10,20,99', forwarding: '10,20,99' },
      { port: 'Po1', mode: 'on', encapsulation: '802.1q', status: 'trunking', nativeVlan: 99, allowed: '10,20,99', active: '10,20,99', forwarding: '10,20,99' },
    ]);
    const w = parse('show interfaces trunk', fx('show-interfaces-trunk-wrapped.txt'));
    expect(w[0].allowed).toBe('1-4094');
    expect(w[0].active.endsWith('460,470,480,490,500')).toBe(true);
    expect(w[0].forwarding).toBe('');
    expect(parse('show interfaces trunk', '\n')).toEqual([]);
  });
  it('show ip ssh (enabled v2, disabled without keys)', () => {
    const s = parse('show ip ssh', fx('show-ip-ssh.txt'));
    expect(s).toMatchObject({ enabled: true, version: '2.0', versions: [2], authenticationTimeout: 60, authenticationRetries: 3, keysMissing: false });
    expect(JSON.stringify(s)).not.toContain('AAAAB3');
    const d = parse('show ip ssh', fx('show-ip-ssh-disabled.txt'));
    expect(d).toMatchObject({ enabled: false, version: '1.99', versions: [1, 2], keysMissing: true });
  });
  it('show ntp associations / status', () => {
    const a = parse('show ntp associations', fx('show-ntp-associations.txt'));
    expect(a).toHaveLength(3);
    expect(a[0]).toMatchObject({ address: '192.168.99.1', sysPeer: true, configured: true, stratum: 2, reach: '377', offset: 0.456 });
    expect(a[2]).toMatchObject({ address: '192.168.99.200', status: '', refClock: '.INIT.', stratum: 16, reach: '0' });
    expect(parse('show ntp status', fx('show-ntp-status.txt'))).toMatchObject({ synchronized: true, stratum: 3, reference: '192.168.99.1', offsetMs: 0.456 });
    expect(parse('show ntp status', fx('show-ntp-status-unsync.txt'))).toMatchObject({ synchronized: false, stratum: 16, reference: '' });
  });
  it('show ip route on a layer-2 switch (no ip routing)', () => {
    const raw = 'Default gateway is 192.168.99.1\n\nHost               Gateway           Last Use    Total Uses  Interface\nICMP redirect cache is empty\n';
    expect(parse('show ip route', raw)).toEqual({ routes: [], routingDisabled: true, defaultGateway: '192.168.99.1' });
  });
  it('show vlan with no VLAN rows (router without switch ports)', () => {
    const raw = 'VLAN Name                             Status    Ports\n---- -------------------------------- --------- -------------------------------\n\nVLAN Type  SAID       MTU   Parent RingNo BridgeNo Stp  BrdgMode Trans1 Trans2\n---- ----- ---------- ----- ------ ------ -------- ---- -------- ------ ------\n';
    expect(parse('show vlan', raw)).toEqual([]);
  });
  it('show interfaces status: status words inside the (truncated) name', () => {
    const raw = [
      'Port      Name               Status       Vlan       Duplex  Speed Type',
      'Fa0/1     link is up         notconnect   10           auto   auto 10/100BaseTX',
      'Fa0/2     connected to R1 up connected    trunk      a-full  a-100 10/100BaseTX',
      'Fa0/3                        disabled     1            auto   auto 10/100BaseTX',
    ].join('\n');
    expect(parse('sh int status', raw).map((r: any) => [r.port, r.name, r.status, r.vlan])).toEqual([
      ['Fa0/1', 'link is up', 'notconnect', '10'],
      ['Fa0/2', 'connected to R1 up', 'connected', 'trunk'],
      ['Fa0/3', '', 'disabled', '1'],
    ]);
  });
  it('show port-security', () => {
    expect(parse('show port-security', fx('show-port-security.txt'))).toEqual([
      { interface: 'Fa0/1', maxSecureAddr: 2, currentAddr: 1, violationCount: 0, action: 'Restrict' },
      { interface: 'Fa0/2', maxSecureAddr: 1, currentAddr: 1, violationCount: 3, action: 'Shutdown' },
    ]);
  });
  it('empty but valid: no CDP neighbours is [] (with prompts and echo around it)', () => {
    expect(parse('show cdp neighbors', fx('show-cdp-neighbors-empty.txt'))).toEqual([]);
    expect(parse('show cdp neighbors', '% CDP is not enabled\n')).toEqual([]);
    expect(parse('show ip ospf neighbor', '\n')).toEqual([]);
    expect(parse('show mac address-table', '          Mac Address Table\n-------------------------------------------\n\nVlan    Mac Address       Type        Ports\n----    -----------       --------    -----\nTotal Mac Addresses for this criterion: 0\n')).toEqual([]);
  });
  it('CR line endings, tabs and trailing prompt do not matter', () => {
    const raw = fx('show-cdp-neighbors-sw1.txt').replace(/\n/g, '\r\n') + 'SW1-LOKAAL2#';
    const n = parse('show cdp neighbors', raw);
    expect(n).toHaveLength(3);
    expect(n[0]).toMatchObject({ deviceId: 'R1.lab.roc.nl', localInterface: 'Fas 0/24', capabilities: 'R B I', platform: 'ISR4321/K', portId: 'Gig 0/0/1' });
  });
});

describe('output that is not the command format throws a clear Error', () => {
  const wrong = '% Invalid input detected at \'^\' marker.\n';
  const cmds = [
    'show version',
    'show vlan brief',
    'show interfaces status',
    'show ip interface brief',
    'show cdp neighbors',
    'show lldp neighbors',
    'show running-config',
    'show ip route',
    'show access-lists',
    'show etherchannel summary',
    'show port-security',
    'show ip ssh',
    'show ntp associations',
    'show ntp status',
    'show clock',
    'show logging',
    'show users',
    'show ip dhcp binding',
    'show interfaces',
    'show interfaces switchport',
    'show mac address-table',
    'show spanning-tree',
    'show snmp community',
    'show inventory',
    'show ip ospf neighbor',
    'show standby brief',
    'show interfaces trunk',
    'show cdp neighbors detail',
    'show lldp neighbors detail',
    'show port-security interface Fa0/1',
  ];
  for (const c of cmds)
    it(c, () => {
      expect(() => parse(c, wrong)).toThrow(Error);
      // and a different command's output
      expect(() => parse(c, c === 'show version' ? fx('show-vlan-brief.txt') : 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11, RELEASE SOFTWARE (fc3)\nSW1 uptime is 1 week\n')).toThrow(Error);
    });
});
