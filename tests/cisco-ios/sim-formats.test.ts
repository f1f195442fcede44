// The simulated IOS device prints show commands the way IOS does: the project's own parsers (which
// are tested on recorded outputs of real devices) must read every output of the simulator, and
// read back exactly what was configured. Also: the config engine (modes, abbreviations, errors).
import { describe, expect, it } from 'vitest';
import { parsers } from '../../drivers/cisco-ios/parsers/index.js';
import { findParser } from '../../src/core/registry.js';
import { loadConfig, renderConfig } from '../../sims/cisco-ios/config.js';
import { newState, type IosState } from '../../sims/cisco-ios/model.js';
import { IosSession, type SimDevice } from '../../sims/cisco-ios/session.js';

const SWITCH_CONFIG = `
hostname SW-A1
ip domain-name school.local
enable algorithm-type scrypt secret Klas2024
username beheer privilege 15 secret Welkom01
username oud password 0 geheim
service password-encryption
no ip domain-lookup
banner motd #Alleen bevoegd personeel#
vtp mode transparent
vlan 10
 name Docenten
vlan 20
 name Studenten
vlan 99
 name Beheer
spanning-tree mode rapid-pvst
spanning-tree vlan 10,20 priority 24576
ip ssh version 2
interface range fa0/1 - 4
 switchport mode access
 switchport access vlan 10
 switchport port-security
 switchport port-security maximum 2
 switchport port-security violation restrict
 spanning-tree portfast
interface range fa0/5-8, fa0/10
 switchport mode access
 switchport access vlan 20
interface fa0/24
 description Naar printer
 shutdown
interface g0/1
 description Uplink naar R1
 switchport trunk native vlan 99
 switchport trunk allowed vlan 10,20,99
 switchport mode trunk
interface vlan 99
 ip address 192.168.99.2 255.255.255.0
 no shutdown
ip default-gateway 192.168.99.1
access-list 10 permit 192.168.99.0 0.0.0.255
line vty 0 4
 access-class 10 in
 login local
 transport input ssh
line vty 5 15
 login local
 transport input ssh
snmp-server community Geheim123 RO 10
snmp-server location Lokaal 2.14
snmp-server contact beheer@school.local
snmp-server group BEHEER v3 priv
snmp-server user monitor BEHEER v3 auth sha Auth12345 priv aes 128 Priv12345
logging host 192.168.99.50
ntp server 192.168.99.1
end
`;

const ROUTER_CONFIG = `
hostname R1
ip domain-name school.local
enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
username beheer privilege 15 secret Welkom01
ip dhcp excluded-address 192.168.10.1 192.168.10.10
ip dhcp pool DOCENTEN
 network 192.168.10.0 255.255.255.0
 default-router 192.168.10.1
 dns-server 8.8.8.8 1.1.1.1
 domain-name school.local
interface g0/0
 no shutdown
interface g0/0.10
 encapsulation dot1Q 10
 ip address 192.168.10.1 255.255.255.0
 ip helper-address 192.168.99.10
 ip nat inside
interface g0/0.99
 encapsulation dot1Q 99 native
 ip address 192.168.99.1 255.255.255.0
interface g0/1
 ip address 203.0.113.2 255.255.255.252
 ip nat outside
 ip access-group BUITEN in
 no shutdown
interface Loopback0
 ip address 10.255.255.1 255.255.255.255
router ospf 1
 router-id 1.1.1.1
 network 192.168.10.0 0.0.0.255 area 0
 network 10.255.255.1 0.0.0.0 area 0
 passive-interface g0/0.10
ip route 0.0.0.0 0.0.0.0 203.0.113.1
ip route 172.16.0.0 255.255.0.0 192.168.99.254 200
ip access-list extended BUITEN
 permit tcp any host 203.0.113.2 eq 22
 deny ip any any log
access-list 1 permit 192.168.10.0 0.0.0.255
ip nat inside source list 1 interface GigabitEthernet0/1 overload
end
`;

function device(role: 'switch' | 'router', config: string): { state: IosState; run: (cmd: string) => string; bad: string[] } {
  const state = newState(role, 'formats');
  const bad = loadConfig(state, config);
  state.startupConfig = renderConfig(state, 'startup');
  const dev: SimDevice = { state, faults: {}, save: () => (state.startupConfig = renderConfig(state, 'startup')), log: () => {} };
  const sess = new IosSession(dev, { write: () => {}, close: () => {} }, { transport: 'ssh', line: 'vty 0', user: 'beheer', from: '127.0.0.1', privilege: 15 });
  sess.termLength = 0;
  return {
    state,
    bad,
    run: (cmd) => {
      const out: string[] = [];
      sess.execLine(cmd, out);
      return out.join('');
    },
  };
}

function parse(raw: string, command: string): any {
  const p = findParser(parsers, 'cisco-ios', command);
  if (!p) throw new Error(`no parser for ${command}`);
  return p.parse(raw);
}

describe('simulated switch output read by the IOS parsers', () => {
  const sw = device('switch', SWITCH_CONFIG);
  sw.state.connected = new Set(['GigabitEthernet0/1', 'FastEthernet0/1', 'FastEthernet0/5']);
  sw.state.neighbors = [{ localIf: 'GigabitEthernet0/1', deviceId: 'R1.school.local', remoteIf: 'GigabitEthernet0/0', capability: 'R', platform: 'cisco CISCO1941/K9', ip: '192.168.99.1' }];
  sw.state.lldpRun = true;

  it('loads the whole startup-config without refused lines', () => {
    expect(sw.bad).toEqual([]);
  });

  it('show version / inventory', () => {
    const v = parse(sw.run('show version'), 'show version');
    expect(v).toMatchObject({ hostname: 'SW-A1', version: '15.0(2)SE11', hardware: ['WS-C2960-24TT-L'], serial: [sw.state.serial] });
    const inv = parse(sw.run('show inventory'), 'show inventory');
    expect(inv[0]).toMatchObject({ pid: 'WS-C2960-24TT-L', sn: sw.state.serial });
  });

  it('show vlan brief / show vlan', () => {
    for (const cmd of ['show vlan brief', 'show vlan']) {
      const vl = parse(sw.run(cmd), cmd) as { id: number; name: string; ports: string[] }[];
      expect(vl.find((v) => v.id === 10)).toMatchObject({ name: 'Docenten', ports: ['Fa0/1', 'Fa0/2', 'Fa0/3', 'Fa0/4'] });
      expect(vl.find((v) => v.id === 20)).toMatchObject({ name: 'Studenten', ports: ['Fa0/5', 'Fa0/6', 'Fa0/7', 'Fa0/8', 'Fa0/10'] });
      expect(vl.find((v) => v.id === 99)).toMatchObject({ name: 'Beheer', ports: [] });
      expect(vl.find((v) => v.id === 1)!.ports).toContain('Fa0/9');
      expect(vl.find((v) => v.id === 1)!.ports).not.toContain('Gi0/1');
    }
  });

  it('show interfaces status / trunk / switchport', () => {
    const st = parse(sw.run('show interfaces status'), 'show interfaces status') as Record<string, unknown>[];
    expect(st).toHaveLength(26);
    expect(st.find((x) => x.port === 'Fa0/24')).toMatchObject({ name: 'Naar printer', status: 'disabled' });
    expect(st.find((x) => x.port === 'Fa0/1')).toMatchObject({ status: 'connected', vlan: '10' });
    expect(st.find((x) => x.port === 'Gi0/1')).toMatchObject({ status: 'connected', vlan: 'trunk' });
    const tr = parse(sw.run('show interfaces trunk'), 'show interfaces trunk') as Record<string, unknown>[];
    expect(tr).toHaveLength(1);
    expect(JSON.stringify(tr[0])).toMatch(/99/);
    const sp = parse(sw.run('show interfaces switchport'), 'show interfaces switchport') as Record<string, unknown>[];
    expect(sp).toHaveLength(26);
    expect(JSON.stringify(sp.find((x) => /Fa0\/1$|FastEthernet0\/1$/.test(String(x.interface ?? x.name))))).toMatch(/access/);
  });

  it('show ip interface brief / show interfaces', () => {
    const br = parse(sw.run('sh ip int br'), 'sh ip int br') as Record<string, unknown>[];
    expect(br.find((x) => x.interface === 'Vlan99')).toMatchObject({ ipAddress: '192.168.99.2', status: 'up', protocol: 'up' });
    expect(br.find((x) => x.interface === 'FastEthernet0/24')).toMatchObject({ status: 'administratively down' });
    const ifs = parse(sw.run('show interfaces'), 'show interfaces') as Record<string, unknown>[];
    expect(ifs.length).toBe(br.length);
    expect(JSON.stringify(ifs.find((x) => x.name === 'GigabitEthernet0/1' || x.interface === 'GigabitEthernet0/1'))).toMatch(/Uplink naar R1/);
  });

  it('show cdp / lldp neighbors (+ detail)', () => {
    expect(parse(sw.run('show cdp neighbors'), 'show cdp neighbors')).toEqual([expect.objectContaining({ deviceId: 'R1.school.local' })]);
    const d = parse(sw.run('show cdp neighbors detail'), 'show cdp neighbors detail');
    expect(JSON.stringify(d)).toMatch(/192\.168\.99\.1/);
    expect(JSON.stringify(d)).toMatch(/GigabitEthernet0\/0/);
    expect(parse(sw.run('show lldp neighbors'), 'show lldp neighbors')).toEqual([expect.objectContaining({ deviceId: 'R1.school.local' })]);
    expect(JSON.stringify(parse(sw.run('show lldp neighbors detail'), 'show lldp neighbors detail'))).toMatch(/R1\.school\.local/);
  });

  it('spanning-tree, mac address-table, port-security, ssh, snmp, logging, ntp, clock, users, access-lists', () => {
    const stp = parse(sw.run('show spanning-tree'), 'show spanning-tree');
    expect(JSON.stringify(stp)).toMatch(/rstp/);
    expect(JSON.stringify(stp)).toMatch(/24586/); // 24576 + vlan 10
    parse(sw.run('show mac address-table'), 'show mac address-table');
    const ps = parse(sw.run('show port-security'), 'show port-security');
    expect(JSON.stringify(ps)).toMatch(/Restrict/i);
    expect(JSON.stringify(parse(sw.run('show ip ssh'), 'show ip ssh'))).toMatch(/2(\.0)?/);
    expect(JSON.stringify(parse(sw.run('show snmp community'), 'show snmp community'))).toMatch(/Geheim123/);
    expect(parse(sw.run('show snmp user'), 'show snmp user')).toEqual([expect.objectContaining({ name: 'monitor', group: 'BEHEER', authProtocol: 'SHA', privProtocol: 'AES128' })]);
    expect(parse(sw.run('show port-security interface fa0/1'), 'show port-security interface fa0/1')).toMatchObject({ enabled: true, portStatus: 'Secure-up', violationMode: 'Restrict', maximum: 2 });
    expect(JSON.stringify(parse(sw.run('show logging'), 'show logging'))).toMatch(/192\.168\.99\.50/);
    expect(JSON.stringify(parse(sw.run('show ntp associations'), 'show ntp associations'))).toMatch(/192\.168\.99\.1/);
    parse(sw.run('show ntp status'), 'show ntp status');
    parse(sw.run('show clock'), 'show clock');
    parse(sw.run('show users'), 'show users');
    expect(JSON.stringify(parse(sw.run('show access-lists'), 'show access-lists'))).toMatch(/192\.168\.99\.0/);
  });

  it('show running-config parses to the configured structure, without secrets', () => {
    const raw = sw.run('show running-config');
    const rc = parse(raw, 'show running-config');
    expect(rc).toMatchObject({ hostname: 'SW-A1', domainName: 'school.local', servicePasswordEncryption: true, enableSecret: { type: 9 }, defaultGateway: '192.168.99.1' });
    expect(rc.users).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'beheer', privilege: 15, secretType: 5 }), expect.objectContaining({ name: 'oud', passwordType: 7 })]));
    expect(rc.ssh.version).toBe(2);
    expect(rc.vlans).toEqual(expect.arrayContaining([{ id: 10, name: 'Docenten' }, { id: 99, name: 'Beheer' }]));
    expect(rc.spanningTree.mode).toBe('rapid-pvst');
    expect(rc.lines.find((l: { type: string; first: number }) => l.type === 'vty' && l.first === 0)).toMatchObject({ transportInput: ['ssh'], login: 'local' });
    expect(rc.banners.motd).toBe('Alleen bevoegd personeel');
    const g01 = rc.interfaces.find((i: { name: string }) => i.name === 'GigabitEthernet0/1');
    expect(JSON.stringify(g01)).toMatch(/"trunk"/);
    expect(JSON.stringify(g01)).toMatch(/99/);
    expect(rc.snmp ? JSON.stringify(rc.snmp) : '').toMatch(/Lokaal 2\.14/);
    expect(rc.logging.hosts).toEqual(['192.168.99.50']);
    expect(rc.ntp.servers.map((s: { address: string }) => s.address)).toEqual(['192.168.99.1']);
    expect(JSON.stringify(rc)).not.toMatch(/Welkom01|geheim\b|Klas2024|Auth12345|Priv12345/);
    // Saved config equals the running one (config saved check).
    const start = parse(sw.run('show startup-config'), 'show startup-config');
    expect(start.hostname).toBe('SW-A1');
  });
});

describe('simulated router output read by the IOS parsers', () => {
  const r = device('router', ROUTER_CONFIG);
  r.state.connected = new Set(['GigabitEthernet0/0', 'GigabitEthernet0/1']);
  r.state.ospfNeighbors = [{ routerId: '2.2.2.2', address: '192.168.10.2', iface: 'GigabitEthernet0/0.10', state: 'FULL/BDR' }];

  it('loads the whole startup-config without refused lines', () => {
    expect(r.bad).toEqual([]);
  });

  it('show ip route: connected, local, static and default routes', () => {
    const rt = parse(r.run('show ip route'), 'show ip route');
    const s = JSON.stringify(rt);
    expect(s).toMatch(/203\.0\.113\.1/);
    expect(s).toMatch(/172\.16\.0\.0/);
    expect(s).toMatch(/192\.168\.10\.0/);
    expect(s).toMatch(/GigabitEthernet0\/0\.10/);
  });

  it('show ip ospf neighbor, show ip interface brief, show access-lists, show ip dhcp binding', () => {
    expect(parse(r.run('show ip ospf neighbor'), 'show ip ospf neighbor')).toEqual([expect.objectContaining({ neighborId: '2.2.2.2' })]);
    const br = parse(r.run('show ip interface brief'), 'show ip interface brief') as Record<string, unknown>[];
    expect(br.find((x) => x.interface === 'GigabitEthernet0/0.10')).toMatchObject({ ipAddress: '192.168.10.1', status: 'up' });
    expect(br.find((x) => x.interface === 'Serial0/0/0')).toMatchObject({ status: 'administratively down' });
    const acl = parse(r.run('show access-lists'), 'show access-lists') as { name: string }[];
    expect(acl.map((a) => a.name).sort()).toEqual(['1', 'BUITEN']);
    expect(parse(r.run('show ip dhcp binding'), 'show ip dhcp binding')).toEqual([]);
  });

  it('show running-config: subinterfaces, OSPF, DHCP, NAT, ACL on an interface, routes', () => {
    const rc = parse(r.run('show running-config'), 'show running-config');
    expect(rc.enableSecret).toEqual({ type: 5 });
    const sub = rc.interfaces.find((i: { name: string }) => i.name === 'GigabitEthernet0/0.10');
    expect(sub).toMatchObject({ encapsulation: { vlan: 10 }, ipHelpers: ['192.168.99.10'], nat: 'inside' });
    expect(rc.interfaces.find((i: { name: string }) => i.name === 'GigabitEthernet0/1').accessGroups).toEqual([{ name: 'BUITEN', direction: 'in' }]);
    expect(JSON.stringify(rc.router)).toMatch(/192\.168\.10\.0/);
    expect(JSON.stringify(rc.dhcp)).toMatch(/DOCENTEN/);
    expect(JSON.stringify(rc.dhcp)).toMatch(/192\.168\.10\.10/);
    expect(rc.nat[0]).toMatchObject({ direction: 'inside', type: 'list', acl: '1', interface: 'GigabitEthernet0/1', overload: true });
    expect(rc.ipRoutes).toEqual(expect.arrayContaining([expect.objectContaining({ network: '0.0.0.0', nextHop: '203.0.113.1' }), expect.objectContaining({ network: '172.16.0.0', distance: 200 })]));
  });
});

describe('etherchannel and HSRP', () => {
  it('show etherchannel summary / show standby brief', () => {
    const sw = device('switch', 'hostname S2\ninterface range g0/1 - 2\n channel-group 1 mode active\nend\n');
    sw.state.connected = new Set(['GigabitEthernet0/1', 'GigabitEthernet0/2']);
    expect(sw.bad).toEqual([]);
    const ec = parse(sw.run('show etherchannel summary'), 'show etherchannel summary');
    expect(JSON.stringify(ec)).toMatch(/LACP/);
    expect(JSON.stringify(ec)).toMatch(/Gi0\/2/);
    const r = device('router', 'interface g0/0\n ip address 10.0.0.2 255.255.255.0\n standby 1 ip 10.0.0.1\n standby 1 priority 110\n standby 1 preempt\n no shutdown\nend\n');
    r.state.connected = new Set(['GigabitEthernet0/0']);
    expect(r.bad).toEqual([]);
    expect(JSON.stringify(parse(r.run('show standby brief'), 'show standby brief'))).toMatch(/10\.0\.0\.1/);
  });
});

describe('config engine and CLI behaviour', () => {
  it('abbreviations, invalid input caret, ambiguous and incomplete commands', () => {
    const sw = device('switch', 'hostname S1\nend\n');
    expect(sw.run('sh ver')).toMatch(/^Cisco IOS Software/);
    expect(sw.run('show vlan bogus')).toBe(`${' '.repeat('S1#show vlan '.length)}^\n% Invalid input detected at '^' marker.\n\n`);
    expect(sw.run('show ip')).toBe('% Incomplete command.\n\n');
    expect(sw.run('show interfaces fa0/99')).toBe(`${' '.repeat('S1#show interfaces '.length)}^\n% Invalid input detected at '^' marker.\n\n`);
    const r = device('router', 'hostname R9\nend\n');
    expect(r.run('show vlan brief')).toBe(`${' '.repeat('R9#show '.length)}^\n% Invalid input detected at '^' marker.\n\n`);
    expect(sw.run('sh i')).toMatch(/^% Ambiguous command:  "sh i"/);
    expect(sw.run('show running-config | include ^hostname')).toBe('hostname S1\n');
    expect(sw.run('show running-config | section interface Vlan1')).toBe('interface Vlan1\n no ip address\n shutdown\n');
  });

  it('a config line valid in global mode works from a sub-mode (like IOS) and invalid lines are refused', () => {
    const s = newState('switch', 'x');
    const bad = loadConfig(s, 'interface fa0/1\n description A\nhostname B\nvlan 5\n name V5\nswitchport mode trunk\nfoo bar\n');
    expect(s.hostname).toBe('B');
    expect(s.interfaces.get('FastEthernet0/1')!.description).toBe('A');
    expect(s.vlans.get(5)!.name).toBe('V5');
    expect(bad).toEqual(['switchport mode trunk', 'foo bar']);
  });

  it('`no` forms that need no value: enable password/secret, hostname, ip domain-name, logging trap', () => {
    const s = newState('switch', 'x');
    expect(loadConfig(s, 'hostname S2\nip domain-name a.lab\nenable password Oud1\nenable secret Nieuw1\nlogging trap warnings\n')).toEqual([]);
    expect(loadConfig(s, 'no enable password\nno logging trap\nno ip domain-name\n')).toEqual([]);
    expect(s.enablePassword).toBeUndefined();
    expect(s.enableSecret).toBeDefined();
    expect(s.logging.trap).toBeUndefined();
    expect(s.domainName).toBeUndefined();
    expect(loadConfig(s, 'no enable secret\nno hostname\nip domain name b.lab\nno ip domain name\n')).toEqual([]);
    expect([s.enableSecret, s.hostname, s.domainName]).toEqual([undefined, 'Switch', undefined]);
    // Without `no` the value is missing, as on IOS.
    expect(loadConfig(s, 'enable password\nenable secret\nhostname\nlogging trap\n')).toHaveLength(4);
  });

  it('renders and reloads its own running-config to the same text', () => {
    const a = device('switch', SWITCH_CONFIG);
    const again = newState('switch', 'formats');
    expect(loadConfig(again, renderConfig(a.state, 'running'))).toEqual([]);
    const strip = (t: string) => t.replace(/^! Last configuration change.*\n/m, '');
    expect(strip(renderConfig(again, 'running'))).toBe(strip(renderConfig(a.state, 'running')));
  });
});
