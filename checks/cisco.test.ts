// Unit tests of the Cisco IOS checks on recorded facts: outputs written in the exact IOS format
// (tests/fixtures/cisco-ios/, see its README) are parsed with the real parsers into Observation
// objects, and each check is evaluated through the runner's own evaluateExpr (so FactUnavailable,
// observation errors and parse errors are handled exactly as in a run).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findParser } from '../src/core/registry.js';
import { evaluateExpr } from '../src/core/runner.js';
import type { CheckKind, FactRequest, Observation } from '../src/core/types.js';
import { parsers } from '../drivers/cisco-ios/parsers/index.js';
import { createRegistry } from '../src/core/registry.js';
import { ciscoChecks } from './cisco-all.js';
import { ciscoAclApplied } from './cisco-acl-applied.js';
import { ciscoBanner } from './cisco-banner.js';
import { ciscoConfigSaved } from './cisco-config-saved.js';
import { ciscoDefaultGateway } from './cisco-default-gateway.js';
import { ciscoDhcpPool } from './cisco-dhcp-pool.js';
import { ciscoEnableSecret } from './cisco-enable-secret.js';
import { ciscoHostname } from './cisco-hostname.js';
import { ciscoInterface } from './cisco-interface.js';
import { ciscoLocalUser } from './cisco-local-user.js';
import { ciscoNeighbor } from './cisco-neighbor.js';
import { ciscoNtp } from './cisco-ntp.js';
import { ciscoOspfNeighbor } from './cisco-ospf-neighbor.js';
import { ciscoPasswordEncryption } from './cisco-password-encryption.js';
import { ciscoPortSecurity } from './cisco-port-security.js';
import { ciscoRoute } from './cisco-route.js';
import { ciscoSnmpCommunity } from './cisco-snmp-community.js';
import { ciscoSnmpUser } from './cisco-snmp-user.js';
import { ciscoSpanningTree } from './cisco-spanning-tree.js';
import { ciscoSsh } from './cisco-ssh.js';
import { ciscoSwitchport } from './cisco-switchport.js';
import { ciscoSyslog } from './cisco-syslog.js';
import { ciscoVlan } from './cisco-vlan.js';

const fx = (name: string) => readFileSync(resolve(process.cwd(), 'tests/fixtures/cisco-ios', name), 'utf8');

/** Recorded device: command → raw output, or an observation error. */
type Device = Record<string, string | { error: string }>;

const SW1: Device = {
  'show running-config': fx('sw1-show-running-config.txt'),
  'show startup-config': fx('sw1-show-startup-config-same.txt'),
  'show vlan brief': fx('show-vlan-brief.txt'),
  'show interfaces switchport': fx('sw1-show-interfaces-switchport.txt'),
  'show interfaces': fx('sw1-show-interfaces.txt'),
  'show ip ssh': fx('show-ip-ssh.txt'),
  'show ntp status': fx('show-ntp-status.txt'),
  'show spanning-tree': fx('sw1-show-spanning-tree.txt'),
  'show cdp neighbors': fx('show-cdp-neighbors-sw1.txt'),
  'show lldp neighbors': fx('show-lldp-neighbors-sw1.txt'),
};
const R1: Device = {
  'show running-config': fx('r1-show-running-config.txt'),
  'show startup-config': fx('show-startup-config-absent.txt'),
  'show ip ssh': fx('show-ip-ssh-disabled.txt'),
  'show ip route': fx('r1-show-ip-route.txt'),
  'show ip ospf neighbor': fx('r1-show-ip-ospf-neighbor.txt'),
  'show snmp user': fx('r1-show-snmp-user.txt'),
  'show ntp status': fx('show-ntp-status-unsync.txt'),
};

function observe(device: string, dev: Device, r: FactRequest): Observation | undefined {
  const command = String(r.params?.command ?? '');
  const out = dev[command];
  if (out === undefined) return undefined;
  const base = { id: 'x', pod: 'p1', device, platform: 'cisco-ios', fact: r.fact, params: r.params ?? {}, attempt: 1, command, transport: 'ssh', redactions: 0, startedAt: '', endedAt: '', durationMs: 1 };
  if (typeof out !== 'string') return { ...base, raw: '', error: out.error };
  const parser = findParser(parsers, 'cisco-ios', command);
  if (!parser) throw new Error(`test setup: no parser for ${command}`);
  try {
    return { ...base, raw: out, parsed: parser.parse(out) };
  } catch (err) {
    return { ...base, raw: out, parseError: (err as Error).message };
  }
}

function run<P>(kind: CheckKind<P>, rawParams: unknown, dev: Device, device = 'sw1') {
  const params = kind.params.parse(rawParams);
  const facts = kind.facts(params, { device, platform: 'cisco-ios' });
  const leaf = { label: kind.kind, kind, params, device, platform: 'cisco-ios', facts };
  return evaluateExpr({ leaf } as never, (r) => observe(device, dev, r));
}

describe('cisco checks: registration and facts', () => {
  it('are registered once each, with Dutch descriptions and cisco-ios platform', () => {
    const reg = createRegistry();
    expect(ciscoChecks.length).toBe(22);
    for (const c of ciscoChecks) {
      expect(reg.checks.get(c.kind)).toBe(c);
      expect(c.kind).toMatch(/^cisco\.[a-z-]+$/);
      expect(c.platforms).toEqual(['cisco-ios']);
      expect(c.description).toMatch(/ (is|zijn|staat|bestaat|heeft|met|op|de|en|van) /);
    }
  });
  it('ask for cisco.show with canonical full commands that have a parser', () => {
    const samples: Array<[CheckKind, unknown]> = [
      [ciscoVlan, { vlan: 10 }],
      [ciscoSwitchport, { interface: 'Fa0/1', mode: 'access' }],
      [ciscoInterface, { interface: 'Vlan99' }],
      [ciscoSsh, {}],
      [ciscoNtp, { server: '1.1.1.1', synchronized: true }],
      [ciscoNeighbor, { interface: 'Fa0/24', neighbor: 'R1', protocol: 'lldp' }],
      [ciscoConfigSaved, {}],
      [ciscoRoute, { network: '0.0.0.0/0' }],
      [ciscoOspfNeighbor, { neighbor: '2.2.2.2' }],
      [ciscoSnmpUser, { username: 'x' }],
      [ciscoSpanningTree, { mode: 'pvst' }],
    ];
    const commands = new Set<string>();
    for (const [k, p] of samples)
      for (const f of k.facts(k.params.parse(p), { device: 'sw1', platform: 'cisco-ios' })) {
        expect(f).toMatchObject({ device: 'sw1', fact: 'cisco.show' });
        const c = String(f.params?.command);
        expect(c).toMatch(/^show [a-z]/);
        expect(findParser(parsers, 'cisco-ios', c)?.command).toBe(c);
        commands.add(c);
      }
    // the running-config based checks all share one fetch
    const runChecks: Array<[CheckKind, unknown]> = [
      [ciscoLocalUser, { username: 'a' }],
      [ciscoBanner, {}],
      [ciscoHostname, { hostname: 'a' }],
      [ciscoDhcpPool, { pool: 'a' }],
      [ciscoSyslog, { host: '1.1.1.1' }],
    ];
    const runFacts = runChecks.map(([k, p]) => JSON.stringify(k.facts(k.params.parse(p), { device: 'sw1', platform: 'cisco-ios' })));
    expect(new Set(runFacts).size).toBe(1);
  });
});

describe('error path (could not observe / could not parse → error, never fail)', () => {
  it('observation error → error with the reason', () => {
    const r = run(ciscoVlan, { vlan: 10 }, { 'show vlan brief': { error: 'SSH-verbinding geweigerd' } });
    expect(r.status).toBe('error');
    expect(r.message).toContain('SSH-verbinding geweigerd');
  });
  it('unparseable output → error, raw kept', () => {
    const r = run(ciscoVlan, { vlan: 10 }, { 'show vlan brief': "% Invalid input detected at '^' marker.\n" });
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/uitvoer niet te lezen/);
  });
  it('second fact failing also gives error (ssh needs show ip ssh and running-config)', () => {
    const r = run(ciscoSsh, {}, { ...SW1, 'show ip ssh': { error: 'time-out na 10 s' } });
    expect(r.status).toBe('error');
    expect(r.message).toContain('time-out');
  });
  it('every cisco check turns an unreachable device into error', () => {
    const params: Record<string, unknown> = {
      'cisco.vlan': { vlan: 10 },
      'cisco.switchport': { interface: 'Fa0/1', mode: 'access' },
      'cisco.interface': { interface: 'Vlan99' },
      'cisco.local-user': { username: 'admin' },
      'cisco.hostname': { hostname: 'x' },
      'cisco.snmp-user': { username: 'x' },
      'cisco.syslog': { host: '1.1.1.1' },
      'cisco.ntp': { server: '1.1.1.1' },
      'cisco.default-gateway': { gateway: '1.1.1.1' },
      'cisco.route': { network: '0.0.0.0/0' },
      'cisco.ospf-neighbor': { neighbor: '1.1.1.1' },
      'cisco.dhcp-pool': { pool: 'x' },
      'cisco.acl-applied': { acl: '1', interface: 'Gi0/1', direction: 'in' },
      'cisco.port-security': { interface: 'Fa0/1' },
      'cisco.spanning-tree': { mode: 'pvst' },
      'cisco.neighbor': { interface: 'Fa0/1', neighbor: 'x' },
    };
    const down = new Proxy({}, { get: () => ({ error: 'host onbereikbaar' }) }) as Device;
    for (const c of ciscoChecks) {
      const r = run(c, params[c.kind] ?? {}, down);
      expect(r.status, c.kind).toBe('error');
    }
  });
});

describe('cisco.vlan', () => {
  it('pass: VLAN exists with name (case-insensitive) and port', () => {
    const r = run(ciscoVlan, { vlan: 10, name: 'administratie', ports: ['FastEthernet0/1'] }, SW1);
    expect(r.status).toBe('pass');
    expect(r.message).toContain('VLAN 10');
  });
  it('fail: VLAN missing lists what is there', () => {
    const r = run(ciscoVlan, { vlan: 30 }, SW1);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/VLAN 30 bestaat niet.*10 \(Administratie\)/);
    expect(r.message).not.toContain('1002');
  });
  it('fail: wrong name gives actual vs expected', () => {
    const r = run(ciscoVlan, { vlan: 20, name: 'Studenten' }, SW1);
    expect(r).toMatchObject({ status: 'fail', expected: { vlan: 20, name: 'Studenten' }, actual: { name: 'Docenten' } });
    expect(r.message).toBe("VLAN 20 heeft naam 'Docenten', verwacht 'Studenten'");
  });
  it('fail: caseSensitive and missing port', () => {
    expect(run(ciscoVlan, { vlan: 10, name: 'administratie', caseSensitive: true }, SW1).status).toBe('fail');
    expect(run(ciscoVlan, { vlan: 10, ports: ['Fa0/2'] }, SW1).message).toMatch(/mist poort/);
  });
});

describe('cisco.switchport', () => {
  it('pass: access port in VLAN 10', () => {
    expect(run(ciscoSwitchport, { interface: 'FastEthernet0/1', mode: 'access', vlan: 10 }, SW1)).toMatchObject({ status: 'pass', message: 'FastEthernet0/1 is access-poort in VLAN 10' });
  });
  it('fail: access VLAN wrong; dynamic auto is not static access', () => {
    expect(run(ciscoSwitchport, { interface: 'Fa0/1', mode: 'access', vlan: 20 }, SW1).message).toMatch(/access-VLAN is 10, verwacht 20/);
    expect(run(ciscoSwitchport, { interface: 'Fa0/2', mode: 'access', vlan: 1 }, SW1).message).toMatch(/mode is 'dynamic auto'/);
  });
  it('pass: trunk with allowed and native VLANs (any order / ranges)', () => {
    expect(run(ciscoSwitchport, { interface: 'Fa0/24', mode: 'trunk', allowedVlans: [99, 20, 10], nativeVlan: 99 }, SW1).status).toBe('pass');
    expect(run(ciscoSwitchport, { interface: 'Fa0/24', mode: 'trunk', allowedVlans: '10,20', allowedMatch: 'includes' }, SW1).status).toBe('pass');
  });
  it('fail: trunk allows more than asked, native wrong, access port is no trunk', () => {
    expect(run(ciscoSwitchport, { interface: 'Fa0/24', mode: 'trunk', allowedVlans: '10,20' }, SW1).message).toMatch(/toegestane VLANs zijn 10,20,99, verwacht 10,20/);
    expect(run(ciscoSwitchport, { interface: 'Fa0/24', mode: 'trunk', nativeVlan: 1 }, SW1).message).toMatch(/native VLAN is 99, verwacht 1/);
    expect(run(ciscoSwitchport, { interface: 'Gi0/1', mode: 'trunk', allowedVlans: '10,20,99' }, SW1).message).toMatch(/toegestane VLANs zijn 1-4094/);
    expect(run(ciscoSwitchport, { interface: 'Fa0/1', mode: 'trunk' }, SW1).status).toBe('fail');
    expect(run(ciscoSwitchport, { interface: 'Fa0/9', mode: 'trunk' }, SW1).message).toMatch(/niet gevonden/);
  });
});

describe('cisco.interface', () => {
  it('pass: up/up with IP/prefix', () => {
    expect(run(ciscoInterface, { interface: 'vlan99', ip: '192.168.99.2/24' }, SW1)).toMatchObject({ status: 'pass', message: 'Vlan99 is up/up met 192.168.99.2/24' });
    expect(run(ciscoInterface, { interface: 'Vl99', ip: '192.168.99.2 255.255.255.0' }, SW1).status).toBe('pass');
    expect(run(ciscoInterface, { interface: 'Fa0/3', status: 'administratively down' }, SW1).status).toBe('pass');
  });
  it('fail: down/down (notconnect), wrong prefix, no IP', () => {
    expect(run(ciscoInterface, { interface: 'Fa0/2' }, SW1).message).toMatch(/status is down\/down \(notconnect\), verwacht up\/up/);
    expect(run(ciscoInterface, { interface: 'Vlan99', ip: '192.168.99.2/25' }, SW1).message).toMatch(/IP-adres is 192.168.99.2\/24, verwacht 192.168.99.2\/25/);
    expect(run(ciscoInterface, { interface: 'Fa0/1', ip: '10.0.0.1/24' }, SW1).message).toMatch(/geen IP-adres/);
    expect(run(ciscoInterface, { interface: 'Gi0/5' }, SW1).message).toMatch(/bestaat niet/);
  });
});

describe('cisco.ssh', () => {
  it('pass: SSH v2, telnet off on all vty lines', () => {
    const r = run(ciscoSsh, { loginLocal: true }, SW1);
    expect(r.status).toBe('pass');
    expect(r.message).toContain('vty 0 4');
  });
  it('fail: SSH disabled (no keys) and telnet allowed', () => {
    const r = run(ciscoSsh, {}, R1, 'r1');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/SSH staat uit.*RSA/);
    expect(r.message).toMatch(/vty 0 4 staat telnet toe \(transport input telnet ssh\)/);
  });
  it('fail: version 1.99', () => {
    const r = run(ciscoSsh, {}, { ...SW1, 'show ip ssh': fx('show-ip-ssh.txt').replace('version 2.0', 'version 1.99') });
    expect(r.message).toMatch(/1\.99.*SSHv1/);
  });
});

describe('users and passwords', () => {
  it('cisco.local-user pass (type 9) and fail (type 7 password, wrong privilege, missing user)', () => {
    expect(run(ciscoLocalUser, { username: 'admin', privilege: 15 }, SW1)).toMatchObject({ status: 'pass', actual: { secret: 'secret type 9' } });
    expect(run(ciscoLocalUser, { username: 'beheer' }, SW1).status).toBe('pass');
    expect(run(ciscoLocalUser, { username: 'beheer', secretTypes: [9] }, SW1).message).toMatch(/MD5, verwacht type 9/);
    expect(run(ciscoLocalUser, { username: 'student' }, SW1).message).toMatch(/password \(type 7 \(omkeerbaar\)\) in plaats van een secret/);
    expect(run(ciscoLocalUser, { username: 'admin' }, R1, 'r1').message).toMatch(/password \(onversleuteld\)/);
    expect(run(ciscoLocalUser, { username: 'docent' }, SW1).message).toMatch(/bestaat niet.*admin, beheer en student/);
    expect(JSON.stringify(run(ciscoLocalUser, { username: 'admin' }, SW1))).not.toContain('$9$');
  });
  it('cisco.enable-secret pass and fail (only enable password)', () => {
    expect(run(ciscoEnableSecret, {}, SW1)).toMatchObject({ status: 'pass', message: 'enable secret is ingesteld (type 9)' });
    expect(run(ciscoEnableSecret, {}, R1, 'r1')).toMatchObject({ status: 'fail', message: 'geen enable secret; alleen een enable password (type 0)' });
  });
  it('cisco.password-encryption pass and fail', () => {
    expect(run(ciscoPasswordEncryption, {}, SW1).status).toBe('pass');
    expect(run(ciscoPasswordEncryption, {}, R1, 'r1')).toMatchObject({ status: 'fail', actual: { servicePasswordEncryption: 'uit', onversleuteld: ['username admin'] } });
  });
});

describe('banner and hostname', () => {
  it('cisco.banner', () => {
    expect(run(ciscoBanner, { contains: 'bevoegd personeel' }, SW1).status).toBe('pass');
    expect(run(ciscoBanner, { contains: 'R1' }, R1, 'r1').status).toBe('pass');
    expect(run(ciscoBanner, { contains: 'verboden' }, SW1).message).toMatch(/bevat 'verboden' niet/);
    expect(run(ciscoBanner, { type: 'login' }, SW1).message).toMatch(/geen banner login/);
  });
  it('cisco.hostname', () => {
    expect(run(ciscoHostname, { hostname: 'sw1-lokaal2', domain: 'LAB.roc.nl' }, SW1).status).toBe('pass');
    expect(run(ciscoHostname, { hostname: 'sw1-lokaal2', caseSensitive: true }, SW1).status).toBe('fail');
    expect(run(ciscoHostname, { hostname: 'SW2', domain: 'school.nl' }, SW1).message).toBe("sw1: hostname is 'SW1-LOKAAL2', verwacht 'SW2'; domeinnaam is 'lab.roc.nl', verwacht 'school.nl'");
  });
});

describe('SNMP', () => {
  it('cisco.snmp-community: RO community passes only without public', () => {
    const r = run(ciscoSnmpCommunity, { community: 'Pr0eflab' }, SW1);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/standaardcommunity 'public' \(RW\)/);
    expect(run(ciscoSnmpCommunity, { community: 'Pr0eflab', forbidDefaults: false }, SW1).status).toBe('pass');
    expect(run(ciscoSnmpCommunity, { community: 'public', forbidDefaults: false }, SW1).message).toMatch(/is RW, verwacht RO/);
    expect(run(ciscoSnmpCommunity, {}, R1, 'r1')).toMatchObject({ status: 'pass', message: expect.stringMatching(/geen enkele community/) });
    expect(run(ciscoSnmpCommunity, {}, SW1)).toMatchObject({ status: 'fail', message: expect.stringMatching(/standaardcommunity 'public'/) });
    // the runner hides lab secrets from checks: a redacted community name cannot be judged
    const redacted = { 'show running-config': fx('sw1-show-running-config.txt').replace('community Pr0eflab', 'community <redacted>') };
    expect(run(ciscoSnmpCommunity, { community: 'Pr0eflab', forbidDefaults: false }, redacted)).toMatchObject({ status: 'error' });
  });
  it('cisco.snmp-user: authPriv passes, noPriv fails', () => {
    expect(run(ciscoSnmpUser, { username: 'monitor', group: 'BEHEER', auth: 'sha', priv: 'aes' }, R1, 'r1').status).toBe('pass');
    expect(run(ciscoSnmpUser, { username: 'oud' }, R1, 'r1').message).toMatch(/geen versleuteling/);
    expect(run(ciscoSnmpUser, { username: 'nagios' }, R1, 'r1').message).toMatch(/bestaat niet.*monitor en oud/);
  });
});

describe('syslog and NTP', () => {
  it('cisco.syslog', () => {
    expect(run(ciscoSyslog, { host: '192.168.99.10', level: 'informational' }, SW1).status).toBe('pass');
    expect(run(ciscoSyslog, { host: '192.168.99.10', level: 'debugging' }, SW1).message).toMatch(/trap is informational, verwacht minstens debugging/);
    expect(run(ciscoSyslog, { host: '10.1.1.1' }, R1, 'r1').message).toMatch(/niet ingesteld/);
  });
  it('cisco.ntp configured and synchronised', () => {
    expect(run(ciscoNtp, { server: '192.168.99.1', synchronized: true }, SW1).status).toBe('pass');
    expect(run(ciscoNtp, { server: '0.nl.pool.ntp.org', synchronized: true }, R1, 'r1').message).toMatch(/niet gesynchroniseerd \(stratum 16\)/);
    expect(run(ciscoNtp, { server: '10.9.9.9' }, SW1).message).toMatch(/wel: 192.168.99.1 en 10.0.0.1/);
  });
});

describe('routing', () => {
  it('cisco.default-gateway: ip default-gateway (switch) and default route (router)', () => {
    expect(run(ciscoDefaultGateway, { gateway: '192.168.99.1' }, SW1).status).toBe('pass');
    expect(run(ciscoDefaultGateway, { gateway: '203.0.113.1' }, R1, 'r1').status).toBe('pass');
    expect(run(ciscoDefaultGateway, { gateway: '192.168.99.254' }, SW1).message).toMatch(/wel: ip default-gateway 192.168.99.1/);
  });
  it('cisco.route', () => {
    expect(run(ciscoRoute, { network: '0.0.0.0/0', nextHop: '203.0.113.1', protocol: 'static' }, R1, 'r1').status).toBe('pass');
    expect(run(ciscoRoute, { network: '172.16.50.0/24', protocol: 'ospf', interface: 'Se0/1/0' }, R1, 'r1').status).toBe('pass');
    expect(run(ciscoRoute, { network: '172.16.50.0 255.255.255.0', protocol: 'static' }, R1, 'r1').message).toMatch(/is er, maar als O 172.16.50.0\/24 via 10.0.0.2/);
    expect(run(ciscoRoute, { network: '192.168.40.0/24' }, R1, 'r1').message).toMatch(/staat niet in de routeringstabel/);
    expect(run(ciscoRoute, { network: '172.16.50.0/24', nextHop: '10.0.0.2', source: 'config' }, R1, 'r1')).toMatchObject({ status: 'pass', message: 'statische route geconfigureerd: ip route 172.16.50.0 255.255.255.0 10.0.0.2 150' });
    expect(run(ciscoRoute, { network: '172.16.50.0/24', nextHop: '10.0.0.9', source: 'config' }, R1, 'r1').message).toMatch(/is geconfigureerd als ip route 172.16.50.0 255.255.255.0 10.0.0.2 150/);
    expect(run(ciscoRoute, { network: '192.168.40.0/24', source: 'config' }, R1, 'r1').message).toMatch(/geen statische route/);
    const l2 = { 'show ip route': 'Default gateway is 192.168.99.1\n\nHost               Gateway           Last Use    Total Uses  Interface\nICMP redirect cache is empty\n' };
    expect(run(ciscoRoute, { network: '0.0.0.0/0' }, l2).message).toBe('sw1 routeert niet (geen ip routing); default gateway: 192.168.99.1');
  });
  it('cisco.ospf-neighbor', () => {
    expect(run(ciscoOspfNeighbor, { neighbor: '2.2.2.2' }, R1, 'r1')).toMatchObject({ status: 'pass' });
    expect(run(ciscoOspfNeighbor, { neighbor: '3.3.3.3' }, R1, 'r1').message).toMatch(/status 2WAY\/DROTHER, verwacht FULL/);
    expect(run(ciscoOspfNeighbor, { neighbor: '3.3.3.3', state: '2WAY' }, R1, 'r1').status).toBe('pass');
    expect(run(ciscoOspfNeighbor, { count: 2 }, R1, 'r1').message).toMatch(/1 OSPF-buur\/buren in FULL, verwacht minstens 2/);
    expect(run(ciscoOspfNeighbor, { neighbor: '4.4.4.4' }, R1, 'r1').message).toMatch(/niet gevonden/);
    expect(run(ciscoOspfNeighbor, { neighbor: '2.2.2.2' }, { 'show ip ospf neighbor': '\n' }, 'r1').message).toMatch(/niet gevonden.*geen/);
  });
});

describe('cisco.dhcp-pool', () => {
  it('pass with network, router, DNS and exclusions', () => {
    const r = run(ciscoDhcpPool, { pool: 'administratie', network: '192.168.10.0/24', defaultRouter: '192.168.10.1', dnsServers: ['8.8.8.8'], excluded: ['192.168.10.1-192.168.10.10'] }, R1, 'r1');
    expect(r.status).toBe('pass');
    expect(run(ciscoDhcpPool, { network: '192.168.20.0/24', defaultRouter: '192.168.20.1', excluded: '192.168.20.1' }, R1, 'r1').status).toBe('pass');
  });
  it('fail: missing DNS, exclusions not covering, pool missing', () => {
    expect(run(ciscoDhcpPool, { pool: 'DOCENTEN', dnsServers: '8.8.8.8' }, R1, 'r1').message).toMatch(/DNS-server\(s\) 8.8.8.8 ontbreken/);
    expect(run(ciscoDhcpPool, { pool: 'ADMINISTRATIE', excluded: '192.168.10.1-192.168.10.20' }, R1, 'r1').message).toMatch(/niet \(helemaal\) uitgesloten/);
    expect(run(ciscoDhcpPool, { network: '192.168.30.0/24' }, R1, 'r1').message).toMatch(/niet gevonden.*ADMINISTRATIE \(192.168.10.0\/24\)/);
  });
});

describe('cisco.acl-applied', () => {
  it('pass on interface and on vty lines', () => {
    expect(run(ciscoAclApplied, { acl: 'INTERNET-IN', interface: 'Gi0/0/0', direction: 'in' }, R1, 'r1').status).toBe('pass');
    expect(run(ciscoAclApplied, { acl: 110, interface: 'GigabitEthernet0/0/1.20', direction: 'out' }, R1, 'r1').status).toBe('pass');
    expect(run(ciscoAclApplied, { acl: 'BEHEER', interface: 'vty', direction: 'in' }, SW1).status).toBe('pass');
  });
  it('fail: wrong direction, not applied, applied but undefined', () => {
    expect(run(ciscoAclApplied, { acl: 'INTERNET-IN', interface: 'Gi0/0/0', direction: 'out' }, R1, 'r1').message).toMatch(/niet out toegepast.*wel: INTERNET-IN in/);
    expect(run(ciscoAclApplied, { acl: '1', interface: 'vty', direction: 'in' }, R1, 'r1').message).toMatch(/access-class 1 in ontbreekt/);
    const cfg = fx('r1-show-running-config.txt').replace(/^ip access-list extended INTERNET-IN\n(?: .*\n)*/m, '');
    expect(run(ciscoAclApplied, { acl: 'INTERNET-IN', interface: 'Gi0/0/0', direction: 'in' }, { 'show running-config': cfg }, 'r1').message).toMatch(/bestaat niet \(filtert dan niets\)/);
  });
});

describe('cisco.port-security', () => {
  it('pass and fail', () => {
    expect(run(ciscoPortSecurity, { interface: 'Fa0/1', maximum: 2, violation: 'restrict', sticky: true }, SW1).status).toBe('pass');
    expect(run(ciscoPortSecurity, { interface: 'Fa0/2', maximum: 1, violation: 'shutdown' }, SW1).status).toBe('pass');
    expect(run(ciscoPortSecurity, { interface: 'Fa0/2', maximum: 2, violation: 'restrict' }, SW1).message).toMatch(/maximum is 1 \(standaard\), verwacht 2; violation is shutdown \(standaard\), verwacht restrict/);
    expect(run(ciscoPortSecurity, { interface: 'Fa0/3' }, SW1).message).toMatch(/port-security staat uit/);
  });
});

describe('cisco.spanning-tree', () => {
  it('pass: rapid-pvst and root for VLAN 10 with priority 24576', () => {
    expect(run(ciscoSpanningTree, { mode: 'rapid-pvst', vlan: 10, root: true, priority: 24576 }, SW1).status).toBe('pass');
    expect(run(ciscoSpanningTree, { vlan: 99, root: false }, SW1).status).toBe('pass');
  });
  it('fail: wrong mode, not root', () => {
    expect(run(ciscoSpanningTree, { mode: 'pvst' }, SW1).message).toMatch(/modus is rapid-pvst, verwacht pvst/);
    expect(run(ciscoSpanningTree, { vlan: 99, root: true }, SW1).message).toMatch(/geen root bridge voor VLAN 99: root is 0cd9.9611.2200/);
    expect(run(ciscoSpanningTree, { vlan: 30 }, SW1).message).toMatch(/geen spanning-tree-instantie voor VLAN 30/);
  });
});

describe('cisco.neighbor (cabling matches the drawing)', () => {
  it('pass via CDP and LLDP, domain suffix ignored, any interface spelling', () => {
    expect(run(ciscoNeighbor, { interface: 'FastEthernet0/24', neighbor: 'R1', neighborInterface: 'Gi0/0/1' }, SW1)).toMatchObject({ status: 'pass' });
    expect(run(ciscoNeighbor, { interface: 'Gi0/2', neighbor: 'SW2', neighborInterface: 'GigabitEthernet0/2' }, SW1).status).toBe('pass');
    expect(run(ciscoNeighbor, { interface: 'Gi0/1', neighbor: 'sw2', protocol: 'lldp' }, SW1).status).toBe('pass');
  });
  it('fail: other neighbour, other port, nothing on the port', () => {
    expect(run(ciscoNeighbor, { interface: 'Fa0/24', neighbor: 'SW2' }, SW1).message).toMatch(/op FastEthernet0\/24 zit R1.lab.roc.nl, verwacht SW2/);
    expect(run(ciscoNeighbor, { interface: 'Gi0/1', neighbor: 'SW2', neighborInterface: 'Gi0/2' }, SW1).message).toMatch(/poort GigabitEthernet0\/1, verwacht GigabitEthernet0\/2/);
    expect(run(ciscoNeighbor, { interface: 'Fa0/1', neighbor: 'R1' }, SW1).message).toMatch(/geen CDP-buur op FastEthernet0\/1; R1 zit op FastEthernet0\/24/);
    expect(run(ciscoNeighbor, { interface: 'Fa0/1', neighbor: 'R1' }, { 'show cdp neighbors': fx('show-cdp-neighbors-empty.txt') }).message).toMatch(/CDP ziet geen enkele buur/);
  });
});

describe('cisco.config-saved', () => {
  it('pass: startup equals running (headers and timestamps ignored)', () => {
    expect(run(ciscoConfigSaved, {}, SW1).status).toBe('pass');
  });
  it('fail: unsaved lines are listed; never saved', () => {
    const r = run(ciscoConfigSaved, {}, { ...SW1, 'show startup-config': fx('sw1-show-startup-config-older.txt') });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/niet opgeslagen: 'vlan 999', 'name Parkeer', 'logging host 192.168.99.10'/);
    expect(run(ciscoConfigSaved, {}, R1, 'r1').message).toMatch(/geen startup-config.*nooit opgeslagen/);
  });
  it('a changed password is seen as a difference without showing it', () => {
    const changed = fx('sw1-show-startup-config-same.txt').replace('0822455D0A16', '1511021F0725');
    const r = run(ciscoConfigSaved, {}, { ...SW1, 'show startup-config': changed });
    expect(r.status).toBe('fail');
    expect(JSON.stringify(r)).not.toMatch(/0822455D0A16|1511021F0725/);
  });
});
