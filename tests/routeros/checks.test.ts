// RouterOS checks decided from recorded facts (API records as the simulator and real routers
// return them; napalm-ros captures of real RouterOS API replies for snmp, ntp and users): pass, fail
// with expected/actual, and the error path (fact not observed → FactUnavailable → verdict error).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactUnavailable, type CheckKind, type FactRequest, type FactView, type Observation } from '../../src/core/types.js';
import { routerosChecks } from '../../checks/routeros-all.js';
import { stableJson } from '../../src/core/util.js';
import { corpusDir } from './corpus.js';

const NAPALM = join(corpusDir('napalm-ros'), 'tests/unit/mocked_data');
/** napalm-ros JSON is already typed by the Python client; on the wire every value is a string. */
const napalm = (...p: string[]) => (JSON.parse(readFileSync(join(NAPALM, ...p), 'utf8')).data as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));

type Facts = Record<string, unknown>; // key: menu (routeros.print) or fact name; Error = not observed
const T = { device: 'r1', platform: 'routeros' };

function view(facts: Facts): FactView {
  const key = (r: FactRequest) => (r.fact === 'routeros.print' ? String(r.params?.menu) : r.fact);
  const obs = (r: FactRequest): Observation => {
    const v = facts[key(r)];
    return {
      id: 'o', pod: 'p', device: r.device, platform: 'routeros', fact: r.fact, params: r.params ?? {}, attempt: 1, command: stableJson(r.params ?? {}), transport: 'api', raw: '', redactions: 0,
      startedAt: '', endedAt: '', durationMs: 0,
      ...(v instanceof Error ? { error: v.message } : v === undefined ? { error: `niet opgenomen: ${key(r)}` } : { parsed: v }),
    };
  };
  return {
    get: obs,
    parsed<X>(r: FactRequest): X {
      const o = obs(r);
      if (o.error || o.parsed === undefined) throw new FactUnavailable(o.error ?? 'geen uitvoer', o);
      return o.parsed as X;
    },
  };
}

const check = (kind: string) => routerosChecks.find((c) => c.kind === kind)! as CheckKind<unknown>;
function decide(kind: string, params: Record<string, unknown>, facts: Facts) {
  const c = check(kind);
  const p = c.params.parse(params);
  // every fact the check reads must be one it declared
  const declared = new Set(c.facts(p, T).map((r) => (r.fact === 'routeros.print' ? String(r.params?.menu) : r.fact)));
  const v = view(facts);
  const guarded: FactView = {
    get: (r) => (declared.has(r.fact === 'routeros.print' ? String(r.params?.menu) : r.fact) ? v.get(r) : fail(r)),
    parsed: (r) => (declared.has(r.fact === 'routeros.print' ? String(r.params?.menu) : r.fact) ? v.parsed(r) : fail(r)),
  };
  return c.evaluate(p, guarded, T);
}
const fail = (r: FactRequest): never => {
  throw new Error(`check read undeclared fact ${JSON.stringify(r)}`);
};
const down = new Error('RouterOS-API op 10.0.0.1:8728 weigert de verbinding');

const id = (n: number) => ({ '.id': `*${n}` });
const BRIDGE = [{ ...id(1), name: 'bridge1', 'vlan-filtering': 'true', disabled: 'false' }];
const PORTS = [
  { ...id(2), bridge: 'bridge1', interface: 'ether2', pvid: '10', disabled: 'false' },
  { ...id(3), bridge: 'bridge1', interface: 'ether3', pvid: '20', disabled: 'false' },
];
const BVLAN = [
  { ...id(4), bridge: 'bridge1', 'vlan-ids': '10', tagged: 'bridge1,ether5', untagged: 'ether2', 'current-tagged': 'bridge1,ether5', 'current-untagged': 'ether2', disabled: 'false' },
  { ...id(5), bridge: 'bridge1', 'vlan-ids': '20-21', tagged: 'bridge1', untagged: '', 'current-untagged': 'ether3', disabled: 'false' },
];
const FILTER_OK = [
  { ...id(1), chain: 'input', action: 'accept', 'connection-state': 'established,related,untracked', disabled: 'false' },
  { ...id(2), chain: 'input', action: 'drop', 'connection-state': 'invalid', disabled: 'false' },
  { ...id(3), chain: 'input', action: 'accept', protocol: 'icmp', disabled: 'false' },
  { ...id(4), chain: 'forward', action: 'accept', disabled: 'false' },
  { ...id(5), chain: 'input', action: 'drop', 'in-interface-list': '!LAN', comment: 'defconf: drop all not coming from LAN', disabled: 'false' },
];
const SERVICES = (o: Record<string, Partial<Record<string, string>>> = {}) =>
  ['telnet', 'ftp', 'www', 'ssh', 'www-ssl', 'api', 'winbox', 'api-ssl'].map((name, i) => ({ ...id(i), name, port: '1', address: '', disabled: 'false', ...(o[name] ?? {}) }));

describe('routeros checks on recorded facts', () => {
  it('identity', () => {
    expect(decide('routeros.identity', { name: 'R1-lab' }, { '/system identity': [{ name: 'R1-lab' }] })).toMatchObject({ status: 'pass' });
    expect(decide('routeros.identity', { name: 'R1-lab' }, { '/system identity': [{ name: 'MikroTik' }] })).toEqual({ status: 'fail', message: "identity is 'MikroTik', verwacht 'R1-lab'", expected: 'R1-lab', actual: 'MikroTik' });
    expect(decide('routeros.identity', { name: 'r1-LAB', ignoreCase: true }, { '/system identity': [{ name: 'R1-lab' }] }).status).toBe('pass');
    expect(() => decide('routeros.identity', { name: 'x' }, { '/system identity': down })).toThrow(FactUnavailable);
  });

  it('bridge-vlan: filtering, PVIDs, tagged/untagged (vlan-ids ranges, dynamic current-untagged)', () => {
    const params = { bridge: 'bridge1', ports: [{ interface: 'ether2', pvid: 10 }, { interface: 'ether3', pvid: 20 }], vlans: [{ id: 10, tagged: ['bridge1', 'ether5'], untagged: ['ether2'] }, { id: 21, tagged: ['bridge1'], untagged: ['ether3'] }] };
    const facts = { '/interface bridge': BRIDGE, '/interface bridge port': PORTS, '/interface bridge vlan': BVLAN };
    expect(decide('routeros.bridge-vlan', params, facts).status).toBe('pass');
    const off = decide('routeros.bridge-vlan', params, { ...facts, '/interface bridge': [{ ...BRIDGE[0], 'vlan-filtering': 'no' }], '/interface bridge port': [PORTS[0], { ...PORTS[1], pvid: '1' }] });
    expect(off.status).toBe('fail');
    expect(off.message).toBe('vlan-filtering staat uit, verwacht aan; poort ether3 heeft PVID 1, verwacht 20');
    expect(off.actual).toMatchObject({ vlanFiltering: false, ports: [{ interface: 'ether2', pvid: 10 }, { interface: 'ether3', pvid: 1 }] });
    const wrong = decide('routeros.bridge-vlan', { bridge: 'bridge1', vlans: [{ id: 10, untagged: ['ether5'] }, { id: 30, tagged: ['bridge1'] }] }, facts);
    expect(wrong.message).toBe('VLAN 10: ether5 niet untagged; VLAN 10: ether5 tagged, verwacht untagged; VLAN 30 staat niet in /interface bridge vlan');
    expect(decide('routeros.bridge-vlan', { bridge: 'br-lan' }, facts).message).toBe("bridge 'br-lan' bestaat niet");
    expect(() => decide('routeros.bridge-vlan', params, { ...facts, '/interface bridge vlan': down })).toThrow(/weigert de verbinding/);
  });

  it('vlan-interface with address', () => {
    const vl = [{ ...id(1), name: 'vlan10', 'vlan-id': '10', interface: 'bridge1', disabled: 'false' }];
    const addr = [{ ...id(2), address: '10.0.10.1/24', network: '10.0.10.0', interface: 'vlan10', disabled: 'false' }];
    expect(decide('routeros.vlan-interface', { vlanId: 10, parent: 'bridge1', address: '10.0.10.1/24' }, { '/interface vlan': vl, '/ip address': addr }).status).toBe('pass');
    const r = decide('routeros.vlan-interface', { vlanId: 10, address: '10.0.10.254/24' }, { '/interface vlan': vl, '/ip address': addr });
    expect(r).toMatchObject({ status: 'fail', message: 'VLAN-interface vlan10 heeft adres 10.0.10.1/24, verwacht 10.0.10.254/24', actual: { addresses: ['10.0.10.1/24'] } });
    expect(decide('routeros.vlan-interface', { vlanId: 20, address: '10.0.20.1/24' }, { '/interface vlan': vl, '/ip address': addr }).message).toBe('geen VLAN-interface met VLAN-id 20');
    expect(decide('routeros.vlan-interface', { vlanId: 10, parent: 'ether2', address: '10.0.10.1/24' }, { '/interface vlan': vl, '/ip address': addr }).message).toBe("VLAN-interface vlan10 hangt aan 'bridge1', verwacht 'ether2'");
  });

  it('dhcp-server with pool, gateway, DNS', () => {
    const facts = {
      '/ip dhcp-server': [{ ...id(1), name: 'dhcp10', interface: 'vlan10', 'address-pool': 'pool10', disabled: 'false' }],
      '/ip pool': [{ ...id(2), name: 'pool10', ranges: '10.0.10.100-10.0.10.200' }],
      '/ip dhcp-server network': [{ ...id(3), address: '10.0.10.0/24', gateway: '10.0.10.1', 'dns-server': '10.0.10.1,9.9.9.9' }],
      '/ip address': [{ ...id(4), address: '10.0.10.1/24', interface: 'vlan10', disabled: 'false' }],
    };
    const params = { interface: 'vlan10', poolRange: '10.0.10.100-10.0.10.200', gateway: '10.0.10.1', dns: ['9.9.9.9'] };
    expect(decide('routeros.dhcp-server', params, facts).status).toBe('pass');
    const bad = decide('routeros.dhcp-server', { ...params, gateway: '10.0.10.254', dns: ['1.1.1.1'] }, facts);
    expect(bad.message).toBe('gateway is 10.0.10.1, verwacht 10.0.10.254; DNS-server(s) 1.1.1.1 ontbreken (ingesteld: 10.0.10.1, 9.9.9.9)');
    expect(decide('routeros.dhcp-server', { interface: 'vlan20' }, facts).message).toBe('geen DHCP-server op vlan20');
    const noPool = decide('routeros.dhcp-server', { interface: 'vlan10' }, { ...facts, '/ip dhcp-server': [{ ...facts['/ip dhcp-server'][0], 'address-pool': 'static-only' }] });
    expect(noPool.message).toMatch(/geen adrespool/);
  });

  it('nat-masquerade', () => {
    const nat = [{ ...id(1), chain: 'srcnat', action: 'masquerade', 'out-interface': 'ether1', disabled: 'false' }];
    expect(decide('routeros.nat-masquerade', { outInterface: 'ether1' }, { '/ip firewall nat': nat }).status).toBe('pass');
    expect(decide('routeros.nat-masquerade', { outInterface: 'ether2' }, { '/ip firewall nat': nat }).message).toBe('masquerade staat niet op ether2 maar op ether1');
    expect(decide('routeros.nat-masquerade', { outInterface: 'ether1' }, { '/ip firewall nat': [{ ...nat[0], disabled: 'true' }] }).message).toBe('masquerade-regel via ether1 staat uit');
    expect(decide('routeros.nat-masquerade', { outInterfaceList: 'WAN' }, { '/ip firewall nat': [] }).message).toBe('geen masquerade-regel in chain srcnat');
    expect(() => check('routeros.nat-masquerade').params.parse({})).toThrow();
  });

  it('firewall-input: defconf-style passes; missing drop, accept-all and order fail', () => {
    expect(decide('routeros.firewall-input', {}, { '/ip firewall filter': FILTER_OK }).status).toBe('pass');
    expect(decide('routeros.firewall-input', { allowInterfaceCondition: false }, { '/ip firewall filter': FILTER_OK }).message).toMatch(/de laatste regel van de input-chain is 'drop in-interface-list=!LAN'/);
    const noDrop = decide('routeros.firewall-input', {}, { '/ip firewall filter': FILTER_OK.slice(0, 4) });
    expect(noDrop.message).toBe("de laatste regel van de input-chain is 'accept protocol=icmp', verwacht een drop zonder voorwaarden");
    const acceptAll = decide('routeros.firewall-input', {}, { '/ip firewall filter': [FILTER_OK[0], { ...id(9), chain: 'input', action: 'accept', disabled: 'false' }, FILTER_OK[4]] });
    expect(acceptAll.message).toBe('input-regel 1 accepteert alles vóór de drop');
    const order = decide('routeros.firewall-input', {}, { '/ip firewall filter': [{ ...id(1), chain: 'input', action: 'drop', disabled: 'false' }] });
    expect(order.message).toBe('geen accept-regel voor established,related in de input-chain');
    expect(decide('routeros.firewall-input', {}, { '/ip firewall filter': [] }).message).toMatch(/heeft geen regels/);
  });

  it('services: insecure off, management restricted to the subnet', () => {
    const good = SERVICES({ telnet: { disabled: 'true' }, ftp: { disabled: 'true' }, www: { disabled: 'true' }, ssh: { address: '10.0.99.0/24' }, winbox: { address: '10.0.99.10,10.0.99.0/25' } });
    expect(decide('routeros.services', { managementSubnet: '10.0.99.0/24' }, { '/ip service': good }).status).toBe('pass');
    const r = decide('routeros.services', { managementSubnet: '10.0.99.0/24' }, { '/ip service': SERVICES({ ftp: { disabled: 'true' }, www: { disabled: 'yes' }, ssh: { address: '0.0.0.0/0' } }) });
    expect(r.message).toBe('telnet staat aan; winbox is vanaf elk adres bereikbaar (address leeg), verwacht alleen 10.0.99.0/24; ssh staat ook open voor 0.0.0.0/0 (buiten 10.0.99.0/24)');
    expect(r.actual).toMatchObject({ telnet: 'aan, vanaf elk adres', www: 'uit', ssh: 'aan, alleen 0.0.0.0/0' });
    expect(() => check('routeros.services').params.parse({ managementSubnet: 'beheer' })).toThrow();
  });

  it('admin-user: observed through the harness login probe (napalm-ros /user print of a real router)', () => {
    const users = napalm('test_get_users', 'no_keys', '_user_print.json');
    expect(users[0]).toMatchObject({ name: 'admin', group: 'full', disabled: 'false' });
    const refused = { accepted: false, message: 'aanmelden ... afgewezen' };
    expect(decide('routeros.admin-user', {}, { '/user': users, 'routeros.login': refused })).toMatchObject({ status: 'pass', message: "'admin' heeft een wachtwoord: aanmelden zonder wachtwoord geweigerd" });
    expect(decide('routeros.admin-user', { requireRename: true }, { '/user': users, 'routeros.login': refused }).status).toBe('fail');
    expect(decide('routeros.admin-user', {}, { '/user': [{ ...users[0], name: 'beheerder' }], 'routeros.login': refused }).message).toMatch(/hernoemd of verwijderd/);
    const open = decide('routeros.admin-user', {}, { '/user': users, 'routeros.login': { accepted: true } });
    expect(open).toMatchObject({ status: 'fail', actual: { aanmeldenZonderWachtwoord: 'gelukt' } });
    expect(() => decide('routeros.admin-user', {}, { '/user': users, 'routeros.login': down })).toThrow(FactUnavailable);
  });

  it('ntp-client (napalm-ros v6 capture and v7 shape)', () => {
    const v6 = napalm('test_get_ntp_servers', 'ip_only', '_system_ntp_client_print.json');
    expect(decide('routeros.ntp-client', { servers: ['1.1.1.1', '2.2.2.2'] }, { '/system ntp client': v6 }).status).toBe('pass');
    expect(decide('routeros.ntp-client', { servers: ['pool.ntp.org'] }, { '/system ntp client': v6 }).message).toBe('NTP-server(s) pool.ntp.org niet ingesteld (ingesteld: 1.1.1.1, 2.2.2.2)');
    expect(decide('routeros.ntp-client', {}, { '/system ntp client': [{ enabled: 'false', servers: '' }] }).message).toBe('NTP-client staat uit');
    expect(decide('routeros.ntp-client', { servers: ['pool.ntp.org'] }, { '/system ntp client': [{ enabled: 'yes', servers: 'pool.ntp.org,time.cloudflare.com' }] }).status).toBe('pass');
  });

  it('snmp-community (napalm-ros capture: SNMP off with community public → fail)', () => {
    const snmp = napalm('test_get_snmp_information', 'normal', '_snmp_print.json');
    const comm = napalm('test_get_snmp_information', 'normal', '_snmp_community_print.json');
    const r = decide('routeros.snmp-community', {}, { '/snmp': snmp, '/snmp community': comm });
    expect(r).toMatchObject({ status: 'fail', message: "SNMP staat uit; community 'public' bestaat nog" });
    const ok = decide('routeros.snmp-community', { name: 'mon1tor', addresses: '10.0.99.0/24' }, {
      '/snmp': [{ ...snmp[0], enabled: 'true' }],
      '/snmp community': [{ ...comm[0], name: 'mon1tor', addresses: '10.0.99.0/24' }],
    });
    expect(ok.status).toBe('pass');
    const open = decide('routeros.snmp-community', { addresses: '10.0.99.0/24' }, { '/snmp': [{ enabled: 'true' }], '/snmp community': [{ ...comm[0], name: 'x', 'write-access': 'true' }] });
    expect(open.message).toBe("community 'x' heeft schrijfrechten; community 'x' is bereikbaar vanaf 0.0.0.0/0, verwacht alleen 10.0.99.0/24");
  });

  it('wireless-security: v6 security profile and v7 wifi; the menus of the other version read as empty', () => {
    const v6 = {
      '/interface wireless': [{ ...id(1), name: 'wlan1', ssid: 'Lab-WiFi', 'security-profile': 'sec1', disabled: 'false' }],
      '/interface wireless security-profiles': [{ ...id(2), name: 'sec1', mode: 'dynamic-keys', 'authentication-types': 'wpa2-psk', 'wpa2-pre-shared-key': '<secret:12>' }],
      '/interface wifi': [],
      '/interface wifi security': [],
    };
    expect(decide('routeros.wireless-security', { ssid: 'Lab-WiFi' }, v6)).toMatchObject({ status: 'pass', message: "wlan1 (SSID 'Lab-WiFi') beveiligd met wpa2-psk, sleutel van 12 tekens" });
    const weak = decide('routeros.wireless-security', {}, { ...v6, '/interface wireless security-profiles': [{ ...v6['/interface wireless security-profiles'][0], 'authentication-types': 'wpa-psk,wpa2-psk', 'wpa2-pre-shared-key': '<secret:6>' }] });
    expect(weak.message).toBe('wlan1 staat ook wpa-psk toe; de sleutel van wlan1 is 6 tekens, minstens 8');
    const open = decide('routeros.wireless-security', {}, { ...v6, '/interface wireless security-profiles': [{ name: 'sec1', mode: 'none' }] });
    expect(open.message).toBe('wlan1 is onbeveiligd (geen WPA2/WPA3); de sleutel van wlan1 is niet ingesteld, minstens 8');
    const v7 = {
      '/interface wireless': [],
      '/interface wireless security-profiles': [],
      '/interface wifi': [{ ...id(1), name: 'wifi1', 'configuration.ssid': 'Lab-WiFi', security: 'sec1', disabled: 'false' }],
      '/interface wifi security': [{ ...id(2), name: 'sec1', 'authentication-types': 'wpa2-psk,wpa3-psk', passphrase: '<secret:19>' }],
    };
    expect(decide('routeros.wireless-security', { ssid: 'Lab-WiFi' }, v7).message).toBe("wifi1 (SSID 'Lab-WiFi') beveiligd met wpa2-psk + wpa3-psk, sleutel van 19 tekens");
    expect(decide('routeros.wireless-security', { ssid: 'Gast' }, v7).message).toBe("geen draadloze interface met SSID 'Gast'");
    expect(decide('routeros.wireless-security', {}, { '/interface wireless': [], '/interface wireless security-profiles': [], '/interface wifi': [], '/interface wifi security': [] }).message).toBe('geen draadloze interface gevonden');
    expect(() => decide('routeros.wireless-security', {}, { ...v7, '/interface wifi': down })).toThrow(FactUnavailable);
  });

  it('default-route', () => {
    const routes = [
      { '.id': '*8000000', 'dst-address': '10.0.10.0/24', gateway: 'vlan10', dynamic: 'true', active: 'true', disabled: 'false' },
      { ...id(1), 'dst-address': '0.0.0.0/0', gateway: '203.0.113.1', distance: '1', active: 'true', disabled: 'false' },
    ];
    expect(decide('routeros.default-route', { gateway: '203.0.113.1' }, { '/ip route': routes }).status).toBe('pass');
    expect(decide('routeros.default-route', { gateway: '203.0.113.254' }, { '/ip route': routes }).message).toBe('standaardroute via 203.0.113.1, verwacht via 203.0.113.254');
    expect(decide('routeros.default-route', {}, { '/ip route': [routes[0]] }).message).toBe('geen standaardroute (0.0.0.0/0)');
    expect(decide('routeros.default-route', {}, { '/ip route': [{ ...routes[1], active: 'false' }] }).message).toMatch(/niet actief of staat uit/);
  });

  it('backup present', () => {
    const files = [
      { ...id(1), name: 'flash', type: 'disk', size: '0' },
      { ...id(2), name: 'R1-lab-20240503.backup', type: 'backup', size: '24561', 'creation-time': '2024-05-03 10:00:00' },
    ];
    expect(decide('routeros.backup', { nameContains: 'r1-lab' }, { '/file': files })).toMatchObject({ status: 'pass', message: 'back-up (.backup of .rsc) aanwezig: R1-lab-20240503.backup' });
    expect(decide('routeros.backup', { type: 'export' }, { '/file': files }).message).toBe('geen geëxporteerde configuratie (.rsc) gevonden');
    expect(decide('routeros.backup', {}, { '/file': [files[0]] }).status).toBe('fail');
  });

  it('every check: platform routeros, Dutch description, facts all routeros.*', () => {
    expect(routerosChecks).toHaveLength(13);
    for (const c of routerosChecks) {
      expect(c.platforms).toEqual(['routeros']);
      expect(c.kind).toMatch(/^routeros\.[a-z-]+$/);
      const p = c.params.safeParse({ name: 'x', managementSubnet: '10.0.0.0/24', vlanId: 10, address: '10.0.0.1/24', interface: 'e', outInterface: 'e' });
      if (p.success) for (const f of c.facts(p.data, T)) expect(f.fact).toMatch(/^routeros\./);
    }
  });
});
