// RouterOS /export and print parsers on the community.routeros, routeros-exports and napalm-ros
// captures (read in place from ../shared/corpus), plus outputs constructed in the exact RouterOS
// format for what the corpus lacks (v7 exports with `\` continuations, CRLF and inline warnings).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findParser } from '../../src/core/registry.js';
import { ExportParseError, parseExport, parsePrint, parsePrintItems, parsers, PrintParseError, toApiRecords } from '../../drivers/routeros/parsers/index.js';
import { corpusDir } from './corpus.js';

const FACTS = join(corpusDir('community.routeros'), 'tests/unit/plugins/modules/fixtures/facts');
const EXPORTS = corpusDir('routeros-exports');
const NAPALM = join(corpusDir('napalm-ros'), 'tests/unit/mocked_data');
const read = (...p: string[]) => readFileSync(join(...p), 'utf8');

describe('/export on the corpus', () => {
  it('community.routeros export: header, find default=yes, positional item, add', () => {
    const e = parseExport(read(FACTS, 'export'));
    expect(e.header).toMatchObject({ version: '6.42.5', date: 'sep/25/2018 10:10:52', softwareId: '9EER-511K' });
    expect(e.menus['/interface wireless security-profiles']).toEqual([
      { action: 'set', find: { default: 'yes' }, props: { 'supplicant-identity': 'MikroTik' }, line: 7 },
    ]);
    expect(e.menus['/tool user-manager customer'][0]).toMatchObject({ action: 'set', item: 'admin', props: { access: 'own-routers,own-users,own-profiles,own-limits,config-payment-gw' } });
    expect(e.menus['/ip address'][0].props).toEqual({ address: '192.168.88.1/24', comment: 'defconf', interface: 'ether1', network: '192.168.88.0' });
    expect(e.menus['/system lcd page']).toHaveLength(8);
    expect(e.menus['/system lcd page'][7]).toMatchObject({ item: 'ether1', props: { disabled: 'yes', 'display-time': '5s' } });
  });

  it('every export in routeros-exports and community.routeros parses with menus', () => {
    const files = [...readdirSync(EXPORTS).filter((f) => f.endsWith('.rsc')).map((f) => join(EXPORTS, f)), join(FACTS, 'export'), join(FACTS, 'export_verbose')];
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const e = parseExport(readFileSync(f, 'utf8'));
      expect(e.header.version, f).toMatch(/^6\./);
      expect(Object.keys(e.menus).length, f).toBeGreaterThan(3);
    }
    const verbose = parseExport(read(FACTS, 'export_verbose'));
    expect(verbose.menus['/system lcd'][0].props).toMatchObject({ contrast: '0', enabled: 'no', port: 'parallel', type: '24x4' });
  });

  it('napalm-ros terse exports, v6 and v7 (one command per line, quoted value with spaces)', () => {
    for (const v of ['v6', 'v7']) {
      const dir = join(NAPALM, 'test_get_config', v);
      const file = readdirSync(dir).find((f) => /export_terse.*stdout$/.test(f))!;
      const e = parseExport(read(dir, file));
      expect(e.header).toMatchObject({ version: '7.4', model: '751G-2HnD', serial: 'XXXXXXXXXXXX', softwareId: 'XXXX-XXXX' });
      expect(e.menus['/ip address']).toEqual([{ action: 'add', props: { address: '1.1.1.1/24', interface: 'ether1', comment: 'some comment with spaces' }, line: 7 }]);
      expect(e.menus['/interface bridge'][0].props).toEqual({ 'auto-mac': 'yes', name: 'bridge' });
    }
  });

  // Constructed in the exact format of a RouterOS 7 `/export` (CRLF, 4-space continuation indent,
  // inline `#` warnings, `[ find default-name=... ]`, escapes in quoted values).
  const V7 = [
    '# 2024-03-02 10:11:12 by RouterOS 7.14.1',
    '# software id = ABCD-1234',
    '#',
    '# model = RB5009UG+S+',
    '# serial number = HE10ABCDEF',
    '/interface bridge',
    'add admin-mac=48:A9:8A:00:00:01 auto-mac=no comment="LAN \\"core\\" bridge" \\',
    '    name=bridge1 vlan-filtering=yes',
    '/interface ethernet',
    'set [ find default-name=ether1 ] comment=WAN',
    '# poe-out status: short_circuit',
    'set [ find default-name=ether2 ] poe-out=off',
    '/interface vlan',
    'add interface=bridge1 name=vlan10 vlan-id=10',
    '/ip address',
    'add address=10.0.10.1/24 interface=vlan10 network=10.0.10.0 # interface not running',
    '/ip firewall filter',
    'add action=accept chain=input comment="defconf: accept established,related,untracked" \\',
    '    connection-state=established,related,untracked',
    'add action=drop chain=input comment="defconf: drop all not coming from LAN" \\',
    '    in-interface-list=!LAN',
    '/ip service',
    'set telnet disabled=yes',
    'set ssh address=10.0.99.0/24',
    '/system identity',
    'set name="R1 Lab\\_A"',
    '/system script',
    'add name=s source=":log info \\"a\\";\\r\\',
    '    \\n:put \\$x"',
  ].join('\r\n');

  it('v7 export: CRLF, continuations, inline and own-line warnings, find default-name, escapes', () => {
    const e = parseExport(V7);
    expect(e.header).toEqual({ date: '2024-03-02 10:11:12', version: '7.14.1', softwareId: 'ABCD-1234', model: 'RB5009UG+S+', serial: 'HE10ABCDEF' });
    expect(e.menus['/interface bridge'][0]).toMatchObject({
      action: 'add',
      props: { 'admin-mac': '48:A9:8A:00:00:01', 'auto-mac': 'no', comment: 'LAN "core" bridge', name: 'bridge1', 'vlan-filtering': 'yes' },
      line: 7,
    });
    expect(e.menus['/interface ethernet'][0]).toMatchObject({ action: 'set', find: { 'default-name': 'ether1' }, props: { comment: 'WAN' } });
    expect(e.menus['/interface ethernet'][1]).toMatchObject({ find: { 'default-name': 'ether2' }, warnings: ['poe-out status: short_circuit'] });
    expect(e.menus['/ip address'][0]).toMatchObject({ props: { address: '10.0.10.1/24', interface: 'vlan10' }, warnings: ['interface not running'] });
    expect(e.menus['/ip firewall filter'][1].props['in-interface-list']).toBe('!LAN');
    expect(e.menus['/ip firewall filter'][0].props['connection-state']).toBe('established,related,untracked');
    expect(e.menus['/ip service']).toEqual([
      { action: 'set', item: 'telnet', props: { disabled: 'yes' }, line: 23 },
      { action: 'set', item: 'ssh', props: { address: '10.0.99.0/24' }, line: 24 },
    ]);
    expect(e.menus['/system identity'][0].props.name).toBe('R1 Lab A');
    expect(e.menus['/system script'][0].props.source).toBe(':log info "a";\r\n:put $x');
  });

  it('v7 slash paths and terse lines are the same menus as the space form', () => {
    const e = parseExport('# by RouterOS 7.12\n/ip/address add address=1.2.3.4/24 interface=ether1\n/ip address\nremove [ find interface=ether2 ]\n');
    expect(e.menus['/ip address']).toEqual([
      { action: 'add', props: { address: '1.2.3.4/24', interface: 'ether1' }, line: 2 },
      { action: 'remove', find: { interface: 'ether2' }, props: {}, line: 4 },
    ]);
  });

  it('refuses what is not an export', () => {
    expect(() => parseExport('bad command name export (line 1 column 1)')).toThrow(ExportParseError);
    expect(() => parseExport('add address=1.2.3.4')).toThrow(/buiten een menu/);
  });
});

describe('print on the community.routeros captures (v6, wrapped detail)', () => {
  it('ip address detail: comment, dynamic flag, wrapped continuation', () => {
    const o = parsePrint(read(FACTS, 'ip_address_print_detail_without-paging'));
    expect(o.form).toBe('detail');
    expect(o.records).toHaveLength(3);
    expect(o.records[0]).toEqual({ number: 0, flags: '', comment: 'defconf', props: { address: '192.168.88.1/24', network: '192.168.88.0', interface: 'ether1', 'actual-interface': 'ether1' } });
    expect(toApiRecords(o)[1]).toMatchObject({ address: '10.37.129.3/24', dynamic: 'true', disabled: 'false', invalid: 'false' });
  });

  it('ip route detail: legend over three lines, values wrapped across lines', () => {
    const o = parsePrint(read(FACTS, 'ip_route_print_detail_without-paging'));
    expect(o.flagLegend).toMatchObject({ X: 'disabled', A: 'active', C: 'connect', b: 'bgp', P: 'prohibit' });
    expect(o.records[0]).toMatchObject({ number: 0, flags: 'ADC', props: { 'dst-address': '10.10.66.0/30', 'routing-mark': 'altegro', scope: '10' } });
    expect(o.records[1].props).toMatchObject({ 'gateway-status': '85.15.75.109 reachable via  Internet-VTK', distance: '1', scope: '30', 'target-scope': '10' });
  });

  it('interface detail and single-item prints', () => {
    const o = parsePrint(read(FACTS, 'interface_print_detail_without-paging'));
    expect(o.records[0]).toMatchObject({ flags: 'R', props: { name: 'ether1', 'link-downs': '0', 'last-link-up-time': 'sep/25/2018 06:30:04' } });
    const res = parsePrint(read(FACTS, 'system_resource_print_without-paging'));
    expect(res.form).toBe('single');
    expect(res.records[0].props).toMatchObject({ version: '6.42.5 (stable)', 'board-name': 'x86', 'cpu-count': '2' });
    expect(parsePrint(read(FACTS, 'system_identity_print_without-paging')).records[0].props).toEqual({ name: 'MikroTik' });
    expect(parsePrint(read(FACTS, 'system_routerboard_print_without-paging')).records[0].props['serial-number']).toBe('1234567890');
    // prompt echo and quoted values of an interactive capture (RouterOS 5)
    const old = parsePrint(read(FACTS, '..', 'system_resource_print'));
    expect(old.records[0].props).toMatchObject({ version: '5.0rc1', 'board-name': 'RB1100', uptime: '2w1d23h34m57s' });
  });

  it('empty but valid output is not an error; error output is', () => {
    expect(parsePrint('Flags: X - disabled, I - invalid, D - dynamic\n')).toEqual({ form: 'empty', flagLegend: { X: 'disabled', I: 'invalid', D: 'dynamic' }, records: [] });
    expect(parsePrint('')).toMatchObject({ form: 'empty', records: [] });
    expect(() => parsePrint('bad command name poe (line 1 column 21)')).toThrow(PrintParseError);
  });

  // Constructed in the RouterOS 7 format (print without detail on a v7 device; terse with comment).
  it('v7 table: Columns line, ;;; before the row, bridge vlan lists', () => {
    const raw = [
      'Flags: D - DYNAMIC',
      'Columns: BRIDGE, VLAN-IDS, CURRENT-TAGGED, CURRENT-UNTAGGED',
      '#   BRIDGE   VLAN-IDS  CURRENT-TAGGED  CURRENT-UNTAGGED',
      ';;; users',
      '0   bridge1        10  bridge1         ether2          ',
      '                                       ether3          ',
      '1 D bridge1         1                  bridge1         ',
    ].join('\r\n');
    const o = parsePrintItems(raw);
    expect(o.form).toBe('table');
    expect(o.columns).toEqual(['BRIDGE', 'VLAN-IDS', 'CURRENT-TAGGED', 'CURRENT-UNTAGGED']);
    expect(o.items[0]).toMatchObject({ '#': '0', bridge: 'bridge1', 'vlan-ids': '10', 'current-tagged': 'bridge1', 'current-untagged': 'ether2 ether3', comment: 'users', dynamic: 'false' });
    expect(o.items[1]).toMatchObject({ 'vlan-ids': '1', 'current-untagged': 'bridge1', dynamic: 'true' });
  });
});

describe('RouterOS 7 print detail (constructed in the v7 format)', () => {
  it('route detail: `;`-separated legend with lower-case flags, `+` flag, empty quoted value', () => {
    const raw = [
      'Flags: D - dynamic; X - disabled, I - inactive, A - active; c - connect, s - static, r - rip, b - bgp, o - ospf, i - is-is, d - dhcp, v - vpn, m - modem, y - bgp-mpls-vpn; H - hw-offloaded; + - ecmp ',
      ' 0  As   dst-address=0.0.0.0/0 routing-table=main pref-src="" gateway=192.168.1.1 immediate-gw=192.168.1.1%ether1 distance=1 scope=30 target-scope=10 vrf-interface=ether1 suppress-hw-offload=no ',
      '',
      ' 1  DAc   dst-address=192.168.1.0/24 routing-table=main gateway=ether1 immediate-gw=ether1 distance=0 scope=10 suppress-hw-offload=no local-address=192.168.1.2%ether1 ',
      '',
      ' 2 X s   ;;; backup',
      '          dst-address=0.0.0.0/0 routing-table=main gateway=10.9.9.1 distance=5 scope=30 target-scope=10',
    ].join('\r\n');
    const o = parsePrintItems(raw);
    expect(o.form).toBe('detail');
    expect(o.flagLegend).toMatchObject({ D: 'dynamic', i: 'is-is', I: 'inactive', s: 'static', H: 'hw-offloaded', '+': 'ecmp' });
    expect(o.items[0]).toMatchObject({ 'dst-address': '0.0.0.0/0', 'pref-src': '', gateway: '192.168.1.1', active: 'true', static: 'true', dynamic: 'false', 'is-is': 'false' });
    expect(o.items[1]).toMatchObject({ dynamic: 'true', active: 'true', connect: 'true', 'local-address': '192.168.1.2%ether1' });
    expect(o.items[2]).toMatchObject({ comment: 'backup', disabled: 'true', static: 'true', active: 'false', gateway: '10.9.9.1', distance: '5' });
  });
});

describe('registration', () => {
  it('routeros parsers are found for typed commands (space and slash forms)', () => {
    expect(parsers.every((p) => p.platform === 'routeros')).toBe(true);
    expect(findParser(parsers, 'routeros', '/export terse')?.command).toBe('/export');
    expect(findParser(parsers, 'routeros', '/ip address export')?.command).toBe('/export');
    expect(findParser(parsers, 'routeros', '/ip address print detail without-paging')?.command).toBe('/ip address print');
    expect(findParser(parsers, 'routeros', '/ip/firewall/filter/print')?.command).toBe('/ip firewall filter print');
    expect(findParser(parsers, 'routeros', '/routing ospf neighbor print')?.command).toBe('print');
    expect(findParser(parsers, 'routeros', '/interface ethernet monitor ether1 once')?.command).toBe('monitor once');
  });
});
