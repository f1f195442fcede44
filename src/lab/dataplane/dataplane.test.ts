import { describe, expect, it } from 'vitest';
import { parseIosConfig, planSwitchPort, routerState, switchState, vlanList } from './ios.js';
import { routerosState } from './routeros.js';

const sw = `hostname sw1
!
interface FastEthernet0/1
 switchport mode access
 switchport access vlan 10
!
interface FastEthernet0/2
 switchport access vlan 20
 shutdown
!
interface GigabitEthernet0/1
 switchport mode trunk
 switchport trunk native vlan 99
 switchport trunk allowed vlan 10,20,99
 switchport trunk allowed vlan remove 20
!
end`;

describe('IOS switch configuration → bridge state', () => {
  it('access, shutdown and trunk allowed/native as IOS means them', () => {
    const st = switchState(parseIosConfig(sw), ['FastEthernet0/1', 'FastEthernet0/2', 'FastEthernet0/3', 'GigabitEthernet0/1']);
    expect(st.get('FastEthernet0/1')).toEqual({ up: true, vlans: [10], pvid: 10 });
    expect(st.get('FastEthernet0/2')).toEqual({ up: false, vlans: [20], pvid: 20 });
    expect(st.get('FastEthernet0/3'), 'unconfigured port: VLAN 1').toEqual({ up: true, vlans: [1], pvid: 1 });
    expect(st.get('GigabitEthernet0/1')).toEqual({ up: true, vlans: [10, 99], pvid: 99 });
  });
  it('a later interface block continues the earlier one', () => {
    const st = switchState(parseIosConfig(`${sw}\ninterface Fa0/1\n switchport access vlan 30\n`), ['FastEthernet0/1']);
    expect(st.get('FastEthernet0/1')).toEqual({ up: true, vlans: [30], pvid: 30 });
  });
  it('plans bridge vlan commands only for what changed', () => {
    const a = { up: true, vlans: [10], pvid: 10 };
    expect(planSwitchPort('fa0_1', a, a)).toEqual([]);
    expect(planSwitchPort('fa0_1', a, { ...a, up: false })).toEqual([['ip', 'link', 'set', 'dev', 'fa0_1', 'down']]);
    expect(planSwitchPort('gi0_1', a, { up: true, vlans: [10, 11, 12, 99], pvid: 99 })).toEqual([
      ['bridge', 'vlan', 'del', 'dev', 'gi0_1', 'vid', '1-4094'],
      ['bridge', 'vlan', 'add', 'dev', 'gi0_1', 'vid', '10-12'],
      ['bridge', 'vlan', 'add', 'dev', 'gi0_1', 'vid', '99', 'pvid', 'untagged'],
    ]);
    expect(vlanList('1-3,7,4095')).toEqual([1, 2, 3, 7]);
  });
});

describe('IOS router configuration → routing state', () => {
  const r1 = `interface GigabitEthernet0/0
 no ip address
!
interface GigabitEthernet0/0.10
 encapsulation dot1Q 10
 ip address 192.168.10.1 255.255.255.0
 ip access-group WEB in
!
interface GigabitEthernet0/0.20
 encapsulation dot1Q 20
 ip address 192.168.20.1 255.255.255.0
 ip helper-address 192.168.10.10
!
interface GigabitEthernet0/1
 ip address 10.0.0.1 255.255.255.252
 shutdown
!
ip route 0.0.0.0 0.0.0.0 10.0.0.2
ip access-list extended WEB
 deny tcp any host 192.168.20.5 eq www
 permit ip any any
`;
  it('subinterfaces, addresses, shutdown, routes, relays, ACL as nftables', () => {
    const st = routerState(parseIosConfig(r1), new Map([['GigabitEthernet0/0', 'gi0_0'], ['GigabitEthernet0/1', 'gi0_1']]));
    expect(st.ifs.get('GigabitEthernet0/0.10')).toEqual({ dev: 'gi0_0.10', parent: 'gi0_0', vlan: 10, up: true, addresses: ['192.168.10.1/24'] });
    expect(st.ifs.get('GigabitEthernet0/1')).toMatchObject({ up: false, addresses: ['10.0.0.1/30'] });
    expect(st.routes).toEqual([{ prefix: '0.0.0.0/0', via: '10.0.0.2' }]);
    expect(st.relays).toEqual([{ server: '192.168.10.10', devs: ['gi0_0.20'], up: 'gi0_0.10' }]);
    expect(st.nft).toContain('iifname "gi0_0.10" jump acl_WEB');
    expect(st.nft).toContain('ip daddr 192.168.20.5/32 tcp dport 80 drop');
  });
  it('a router port without configuration is administratively down', () => {
    const st = routerState(parseIosConfig(''), new Map([['GigabitEthernet0/0', 'gi0_0']]));
    expect(st.ifs.get('GigabitEthernet0/0')?.up).toBe(false);
  });
});

describe('RouterOS export → routing state', () => {
  it('vlan interfaces, addresses, disabled ports, routes, firewall', () => {
    const st = routerosState(
      `/interface ethernet\nset [ find default-name=ether2 ] disabled=yes\n/interface vlan\nadd interface=ether1 name=vlan10 vlan-id=10\n/ip address\nadd address=192.168.10.1/24 interface=vlan10\nadd address=10.0.0.2/30 interface=ether2\n/ip route\nadd dst-address=0.0.0.0/0 gateway=10.0.0.1\n/ip firewall filter\nadd action=drop chain=forward dst-port=80 protocol=tcp\n/ip firewall nat\nadd action=masquerade chain=srcnat out-interface=ether2\n`,
      new Map([['ether1', 'ether1'], ['ether2', 'ether2']]),
    );
    expect(st.ifs.get('vlan10')).toEqual({ dev: 'ether1.10', parent: 'ether1', vlan: 10, up: true, addresses: ['192.168.10.1/24'] });
    expect(st.ifs.get('ether2')).toMatchObject({ up: false, addresses: ['10.0.0.2/30'] });
    expect(st.routes).toEqual([{ prefix: '0.0.0.0/0', via: '10.0.0.1' }]);
    expect(st.nft).toContain('tcp dport { 80 } drop');
    expect(st.nft).toContain('oifname "ether2" masquerade');
  });
});
