// Pure parts of the snmp driver: value conversion, hex text, IPv6 text, interface-name matching,
// IP-MIB ipAddressTable indexes, identity from sysDescr. Inputs are constructed in the exact wire
// form (varbind type numbers and octets as net-snmp hands them over).
import { describe, expect, it } from 'vitest';
import { formatVb, toVb } from '../../drivers/snmp/client.js';
import { cleanDescr, decodeHexText, formatTicks, identityFrom, ipv6, parseIp, parseSystem, resolveOid } from '../../drivers/snmp/mibs.js';
import { sameHost, sameInterface } from '../../drivers/snmp/names.js';
import { requireBinary } from './snmp-agents.js';

describe('snmp value conversion', () => {
  it('octet strings: UTF-8 text, Latin-1 text, binary as hex; Counter64 as number or decimal string', () => {
    expect(toVb({ oid: '1.1', type: 4, value: Buffer.from('Lokaal B2.14') }).value).toBe('Lokaal B2.14');
    expect(toVb({ oid: '1.1', type: 4, value: Buffer.from('Caf\xe9 De Kroon', 'latin1') }).value).toBe('Café De Kroon');
    const mac = toVb({ oid: '1.1', type: 4, value: Buffer.from([0x70, 0xc9, 0xc6, 0xcb, 0x4e, 0x20]) });
    expect(mac).toMatchObject({ type: 'Hex-STRING', value: '70:c9:c6:cb:4e:20' });
    expect(formatVb(mac)).toBe('1.1 = Hex-STRING: 70 C9 C6 CB 4E 20');
    expect(toVb({ oid: '1.2', type: 70, value: Buffer.from([0x01, 0x00, 0x00, 0x00, 0x00]) }).value).toBe(4294967296);
    expect(toVb({ oid: '1.2', type: 70, value: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) }).value).toBe('18446744073709551615');
    expect(formatVb(toVb({ oid: '1.3', type: 129, value: null }))).toBe('1.3 = No Such Instance currently exists at this OID');
    expect(formatVb(toVb({ oid: '1.4', type: 67, value: 430500 }))).toBe('1.4 = Timeticks: 430500');
  });

  it('hex text in sysDescr is decoded; quotes from snmpwalk-saved values are dropped; other text is left alone', () => {
    expect(decodeHexText('0x526f757465724f53')).toBe('RouterOS');
    expect(decodeHexText('52 6f 75 74 65 72 4f 53')).toBe('RouterOS');
    expect(decodeHexText('cafe')).toBeUndefined();
    expect(decodeHexText('ffff ffff')).toBeUndefined();
    expect(cleanDescr('"Cisco IOS Software"')).toBe('Cisco IOS Software');
    expect(cleanDescr('Linux r1 6.1.0')).toBe('Linux r1 6.1.0');
    expect(formatTicks(430500)).toBe('1h 11m 45s');
    expect(formatTicks(70027724)).toBe('8d 2h 31m 17s');
  });

  it('IPv6 text (RFC 5952) and ipAddressTable indexes with prefix pointers', () => {
    expect(ipv6([0xfd, 0xfd, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1])).toBe('fdfd:0:2:1::1');
    expect(ipv6([...Array(15).fill(0), 1])).toBe('::1');
    expect(ipv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1])).toBe('2001:db8::1:0:0:1');
    const t = (col: number, idx: string, type: number, value: unknown) => toVb({ oid: `1.3.6.1.2.1.4.34.1.${col}.${idx}`, type, value });
    const v4 = '1.4.192.168.10.1';
    const v6 = '2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1';
    const addrs = parseIp(
      [
        t(3, v4, 2, 3),
        t(4, v4, 2, 1),
        t(5, v4, 6, '1.3.6.1.2.1.4.32.1.5.3.1.4.192.168.10.0.24'),
        t(3, '1.4.192.168.10.255', 2, 3),
        t(4, '1.4.192.168.10.255', 2, 3),
        t(3, v6, 2, 3),
        t(4, v6, 2, 1),
        t(5, v6, 6, '1.3.6.1.2.1.4.32.1.5.3.2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.0.64'),
      ],
      new Map([[3, 'vlan10']]),
    );
    expect(addrs).toEqual([
      { address: '192.168.10.1', family: 'ipv4', ifIndex: 3, ifName: 'vlan10', prefixLength: 24, netmask: '255.255.255.0', source: 'ipAddressTable', type: 'unicast' },
      { address: '2001:db8::1', family: 'ipv6', ifIndex: 3, ifName: 'vlan10', prefixLength: 64, netmask: null, source: 'ipAddressTable', type: 'unicast' },
    ]);
  });

  it('interface names as typed; host names with or without domain', () => {
    expect(sameInterface('Gi1/0/1', 'GigabitEthernet1/0/1')).toBe(true);
    expect(sameInterface('fa0/3', 'FastEthernet0/3')).toBe(true);
    expect(sameInterface('Te1/1/1', 'TenGigabitEthernet1/1/1')).toBe(true);
    expect(sameInterface('ether1', 'ether1')).toBe(true);
    expect(sameInterface('Gi1/0/1', 'GigabitEthernet1/0/10')).toBe(false);
    expect(sameInterface('Gi0/1', 'GigabitEthernet0/1.100')).toBe(false);
    expect(sameInterface('Fa0/1', 'GigabitEthernet0/1')).toBe(false);
    expect(sameInterface('G0/1', 'GigabitEthernet0/1')).toBe(false);
    expect(sameHost('sw1', 'SW1.school.lan')).toBe(true);
    expect(sameHost('sw1.school.lan', 'sw1')).toBe(true);
    expect(sameHost('sw1', 'sw10')).toBe(false);
  });

  it('MIB names resolve to OIDs; unknown names and junk do not', () => {
    expect(resolveOid('sysName.0')).toBe('1.3.6.1.2.1.1.5.0');
    expect(resolveOid('IF-MIB::ifOperStatus.3')).toBe('1.3.6.1.2.1.2.2.1.8.3');
    expect(resolveOid('.1.3.6.1.2.1.1.5.0')).toBe('1.3.6.1.2.1.1.5.0');
    expect(resolveOid('sysNaam.0')).toBeUndefined();
    expect(resolveOid('1.3.6; rm')).toBeUndefined();
  });

  it('identity from sysDescr for a Linux agent and for a device without ENTITY-MIB', () => {
    const sys = (d: string) => parseSystem([toVb({ oid: '1.3.6.1.2.1.1.1.0', type: 4, value: Buffer.from(d) }), toVb({ oid: '1.3.6.1.2.1.1.5.0', type: 4, value: Buffer.from('r1') })]);
    expect(identityFrom(sys('Linux r1 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 x86_64'), [])).toMatchObject({ hostname: 'r1', os: 'Linux', version: '6.1.0-28-amd64' });
    expect(identityFrom(sys('RouterOS CCR2004-1G-12S+2XS'), [])).toMatchObject({ os: 'RouterOS', model: 'CCR2004-1G-12S+2XS' });
    expect(
      identityFrom(sys('Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11, RELEASE SOFTWARE (fc3)'), []),
    ).toMatchObject({ os: 'IOS', version: '15.0(2)SE11', model: 'C2960' });
  });

  it('a missing agent binary fails the tests with the Debian package to install', () => {
    expect(() => requireBinary(['snmpsimd-bestaat-niet'], 'snmpsim')).toThrow(/niet gevonden.*Installeer het Debian-pakket 'snmpsim' \(apt-get install snmpsim\)/);
  });
});
