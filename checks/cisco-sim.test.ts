// The Cisco IOS checks end to end: the real cisco-ios driver gathers `cisco.show` facts from the
// in-process simulated switch (sims/cisco-ios) over SSH; the observations are built the way the runner
// builds them and evaluated with the runner's evaluateExpr. A candidate's solution passes; an unsaved
// change and a wrong access VLAN fail with actual vs expected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfig, ciscoIosDriver } from '../drivers/cisco-ios/index.js';
import { evaluateExpr } from '../src/core/runner.js';
import type { CheckKind, DeviceConfig, DriverSession, FactRequest, Observation } from '../src/core/types.js';
import { startIosSim, type IosSim } from '../sims/cisco-ios/index.js';
import { ciscoBanner } from './cisco-banner.js';
import { ciscoConfigSaved } from './cisco-config-saved.js';
import { ciscoDefaultGateway } from './cisco-default-gateway.js';
import { ciscoEnableSecret } from './cisco-enable-secret.js';
import { ciscoHostname } from './cisco-hostname.js';
import { ciscoInterface } from './cisco-interface.js';
import { ciscoLocalUser } from './cisco-local-user.js';
import { ciscoNeighbor } from './cisco-neighbor.js';
import { ciscoPasswordEncryption } from './cisco-password-encryption.js';
import { ciscoPortSecurity } from './cisco-port-security.js';
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
async function check<P>(kind: CheckKind<P>, raw: unknown) {
  const params = kind.params.parse(raw);
  const facts = kind.facts(params, { device: 'sw1', platform: 'cisco-ios' });
  const obs = new Map<string, Observation>();
  for (const f of facts) {
    const key = JSON.stringify(f);
    const base = { id: key, pod: 'p1', device: 'sw1', platform: 'cisco-ios', fact: f.fact, params: f.params ?? {}, attempt: 1, startedAt: '', endedAt: '', durationMs: 0, redactions: 0 };
    try {
      const g = await session.gather(f.fact, f.params ?? {}, AbortSignal.timeout(15_000));
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
