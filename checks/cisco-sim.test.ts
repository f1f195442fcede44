// The Cisco IOS checks end to end: the real cisco-ios driver gathers `cisco.show` facts from the
// in-process simulated switch (sims/cisco-ios) over SSH; the observations are built the way the runner
// builds them and evaluated with the runner's evaluateExpr. A candidate's solution passes; an unsaved
// change and a wrong access VLAN fail with actual vs expected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfig, ciscoIosDriver } from '../drivers/cisco-ios/index.js';
import { evaluateExpr } from '../src/core/runner.js';
import type { CheckKind, DeviceConfig, DriverSession, FactRequest, Observation } from '../src/core/types.js';
import { startIosSim, type IosSim } from '../sims/cisco-ios/index.js';
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
import { ciscoOspfNeighbor } from './cisco-ospf-neighbor.js';
import { ciscoPasswordEncryption } from './cisco-password-encryption.js';
import { ciscoPortSecurity } from './cisco-port-security.js';
import { ciscoRoute } from './cisco-route.js';
import { ciscoSsh } from './cisco-ssh.js';
import { ciscoSwitchport } from './cisco-switchport.js';
import { ciscoSyslog } from './cisco-syslog.js';
import { ciscoVlan } from './cisco-vlan.js';

// Global `ip ...` lines come before the interface sections: the simulator (at the time of writing)
// rejects `ip default-gateway` / `ip ssh version` typed after an interface section, which real IOS
// accepts (it leaves interface mode for the global command).
const SOLUTION = `hostname SW1
ip default-gateway 192.168.99.1
ip ssh version 2
service password-encryption
enable secret class
username admin privilege 15 secret cisco
ip domain-name lab.roc.nl
vlan 10
 name Administratie
vlan 20
 name Docenten
vlan 99
 name Beheer
interface FastEthernet0/1
 switchport mode access
 switchport access vlan 10
 switchport port-security
 switchport port-security maximum 2
 switchport port-security violation restrict
interface FastEthernet0/24
 switchport mode trunk
 switchport trunk allowed vlan 10,20,99
 switchport trunk native vlan 99
interface Vlan99
 ip address 192.168.99.2 255.255.255.0
 no shutdown
logging host 192.168.99.10
banner motd ^CAlleen bevoegd personeel^C
line vty 0 15
 login local
 transport input ssh
`;

let sim: IosSim;
let session: DriverSession;
const device = (): DeviceConfig => ({ role: 'sw1', platform: 'cisco-ios', host: '127.0.0.1', port: sim.port, transport: 'ssh', username: 'admin', password: 'cisco', secret: 'class', timeoutMs: 10_000, options: {}, secrets: [] });

beforeAll(async () => {
  sim = await startIosSim({
    role: 'switch',
    startupConfig: SOLUTION,
    user: 'admin',
    password: 'cisco',
    secret: 'class',
    neighbors: [{ localIf: 'FastEthernet0/24', deviceId: 'R1.lab.roc.nl', remoteIf: 'GigabitEthernet0/1', capability: 'R', platform: 'cisco CISCO1941/K9', ip: '192.168.99.1' }],
    connected: ['FastEthernet0/24'],
  });
  session = await ciscoIosDriver.connect(device(), AbortSignal.timeout(15_000));
});
afterAll(async () => {
  await session?.close();
  await sim?.close();
});

/** Gather the check's facts through the driver and evaluate like the runner does. */
async function check<P>(kind: CheckKind<P>, raw: unknown, sess: () => DriverSession = () => session) {
  const params = kind.params.parse(raw);
  const facts = kind.facts(params, { device: 'sw1', platform: 'cisco-ios' });
  const obs = new Map<string, Observation>();
  for (const f of facts) {
    const key = JSON.stringify(f);
    const base = { id: key, pod: 'p1', device: 'sw1', platform: 'cisco-ios', fact: f.fact, params: f.params ?? {}, attempt: 1, startedAt: '', endedAt: '', durationMs: 0, redactions: 0 };
    try {
      const g = await sess().gather(f.fact, f.params ?? {}, AbortSignal.timeout(15_000));
      obs.set(key, { ...base, command: g.command, raw: g.raw, transport: g.transport ?? 'ssh', ...(g.parsed !== undefined ? { parsed: g.parsed } : {}), ...(g.parseError ? { parseError: g.parseError } : {}) });
    } catch (err) {
      obs.set(key, { ...base, command: '', raw: '', transport: 'ssh', error: (err as Error).message });
    }
  }
  return evaluateExpr({ leaf: { label: kind.kind, kind, params, device: 'sw1', platform: 'cisco-ios', facts } } as never, (r: FactRequest) => obs.get(JSON.stringify(r)));
}

describe('cisco checks against the simulated switch (driver + sim + parsers)', () => {
  it('the solution passes', async () => {
    const cases: Array<[CheckKind, unknown]> = [
      [ciscoHostname, { hostname: 'SW1', domain: 'lab.roc.nl' }],
      [ciscoVlan, { vlan: 10, name: 'Administratie', ports: ['Fa0/1'] }],
      [ciscoVlan, { vlan: 99, name: 'Beheer' }],
      [ciscoSwitchport, { interface: 'Fa0/1', mode: 'access', vlan: 10 }],
      [ciscoSwitchport, { interface: 'Fa0/24', mode: 'trunk', allowedVlans: '10,20,99', nativeVlan: 99 }],
      [ciscoInterface, { interface: 'Vlan99', ip: '192.168.99.2/24', status: 'up' }],
      [ciscoDefaultGateway, { gateway: '192.168.99.1' }],
      [ciscoEnableSecret, {}],
      [ciscoLocalUser, { username: 'admin', privilege: 15 }],
      [ciscoPasswordEncryption, {}],
      [ciscoBanner, { contains: 'bevoegd' }],
      [ciscoSsh, { loginLocal: true }],
      [ciscoSyslog, { host: '192.168.99.10' }],
      [ciscoPortSecurity, { interface: 'Fa0/1', maximum: 2, violation: 'restrict' }],
      [ciscoNeighbor, { interface: 'Fa0/24', neighbor: 'R1', neighborInterface: 'Gi0/1' }],
      [ciscoConfigSaved, {}],
    ];
    const results = [];
    for (const [k, p] of cases) results.push({ kind: k.kind, ...(await check(k, p)) });
    const notPassing = results.filter((r) => r.status !== 'pass').map((r) => `${r.kind}: ${r.status} ${r.message}`);
    expect(notPassing).toEqual([]);
  });

  it('a wrong, unsaved change fails with actual vs expected', async () => {
    await applyConfig(device(), ['interface FastEthernet0/1', ' switchport access vlan 20'], { signal: AbortSignal.timeout(15_000) });
    const sp = await check(ciscoSwitchport, { interface: 'Fa0/1', mode: 'access', vlan: 10 });
    expect(sp).toMatchObject({ status: 'fail', expected: { vlan: 10 }, actual: { vlan: 20 } });
    expect(sp.message).toMatch(/access-VLAN is 20, verwacht 10/);
    const saved = await check(ciscoConfigSaved, {});
    expect(saved.status).toBe('fail');
    expect(saved.message).toMatch(/switchport access vlan 20/);
  });
});

// global `ip ...` sections before the interfaces (see the note on SOLUTION above)
const ROUTER = `hostname R1
enable secret class
username admin privilege 15 secret cisco
ip domain-name lab.roc.nl
ip ssh version 2
ip dhcp excluded-address 192.168.10.1 192.168.10.10
ip dhcp pool ADMINISTRATIE
 network 192.168.10.0 255.255.255.0
 default-router 192.168.10.1
 dns-server 8.8.8.8
ip route 0.0.0.0 0.0.0.0 203.0.113.1
ip access-list extended INTERNET-IN
 permit tcp any host 203.0.113.2 eq 22
 deny ip any any
interface GigabitEthernet0/0
 ip address 203.0.113.2 255.255.255.252
 ip access-group INTERNET-IN in
 no shutdown
interface GigabitEthernet0/1
 ip address 192.168.10.1 255.255.255.0
 no shutdown
interface Serial0/0/0
 ip address 10.0.0.1 255.255.255.252
 no shutdown
router ospf 1
 network 10.0.0.0 0.0.0.3 area 0
 network 192.168.10.0 0.0.0.255 area 0
line vty 0 4
 login local
 transport input ssh
`;

describe('cisco checks against the simulated router', () => {
  let r1: IosSim;
  let rs: DriverSession;
  beforeAll(async () => {
    r1 = await startIosSim({
      role: 'router',
      startupConfig: ROUTER,
      user: 'admin',
      password: 'cisco',
      secret: 'class',
      ospfNeighbors: [{ routerId: '2.2.2.2', address: '10.0.0.2', iface: 'Serial0/0/0', state: 'FULL/  -' }],
      connected: ['GigabitEthernet0/0', 'GigabitEthernet0/1', 'Serial0/0/0'],
    });
    rs = await ciscoIosDriver.connect({ role: 'r1', platform: 'cisco-ios', host: '127.0.0.1', port: r1.port, transport: 'ssh', username: 'admin', password: 'cisco', secret: 'class', timeoutMs: 10_000, options: {}, secrets: [] }, AbortSignal.timeout(15_000));
  });
  afterAll(async () => {
    await rs?.close();
    await r1?.close();
  });

  it('routing and DHCP checks pass; a missing neighbour and an ACL not applied fail', async () => {
    const cases: Array<[CheckKind, unknown, 'pass' | 'fail']> = [
      [ciscoRoute, { network: '0.0.0.0/0', nextHop: '203.0.113.1', protocol: 'static' }, 'pass'],
      [ciscoRoute, { network: '10.0.0.0/30', protocol: 'connected' }, 'pass'],
      [ciscoOspfNeighbor, { neighbor: '2.2.2.2', interface: 'Se0/0/0' }, 'pass'],
      [ciscoOspfNeighbor, { neighbor: '3.3.3.3' }, 'fail'],
      [ciscoDhcpPool, { pool: 'ADMINISTRATIE', network: '192.168.10.0/24', defaultRouter: '192.168.10.1', dnsServers: '8.8.8.8', excluded: '192.168.10.1-192.168.10.10' }, 'pass'],
      // `ip access-group` is not kept by the simulator yet (reported), so only the failing direction here;
      // cisco.acl-applied passes on recorded running-configs in cisco.test.ts
      [ciscoAclApplied, { acl: 'INTERNET-IN', interface: 'Gi0/0', direction: 'out' }, 'fail'],
      [ciscoInterface, { interface: 'Gi0/1', ip: '192.168.10.1/24' }, 'pass'],
    ];
    const wrong = [];
    for (const [k, p, want] of cases) {
      const r = await check(k, p, () => rs);
      if (r.status !== want) wrong.push(`${k.kind} ${JSON.stringify(p)}: ${r.status} (${r.message}), verwacht ${want}`);
    }
    expect(wrong).toEqual([]);
  });
});
