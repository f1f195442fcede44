// Integration: the real runner decides every routeros.* check through the RouterOS driver against
// in-process simulated routers — a configured v7 (API), a configured v6 (SSH only), a v7 at factory
// defaults, and an address where nothing answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import type { CriterionResult, RunResult } from '../../src/model/result.js';
import { runCli, startRouterosSim, type RouterosSim } from '../../sims/routeros/index.js';
import { LAB_SCRIPT } from '../../sims/routeros/testdata/lab-script.js';
import { exam, lab } from '../helpers.js';

const PW = 'Beheer-2024!';
let good7: RouterosSim;
let good6: RouterosSim;
let factory: RouterosSim;

function configure(sim: RouterosSim, v: 6 | 7) {
  const script = LAB_SCRIPT.filter((l) => v === 7 || !l.startsWith('/interface wifi'))
    .map((l) => (v === 6 ? l.replace('servers=pool.ntp.org', 'server-dns-names=pool.ntp.org') : l))
    .concat(
      v === 6
        ? [
            '/interface wireless security-profiles add name=sec1 mode=dynamic-keys authentication-types=wpa2-psk wpa2-pre-shared-key="Geheim wachtwoord 1"',
            '/interface wireless set [ find default-name=wlan1 ] ssid=Lab-WiFi security-profile=sec1 mode=ap-bridge disabled=no',
          ]
        : [],
    );
  for (const l of script) {
    const out = runCli(sim.state, l).output;
    if (out && !/backup saved/.test(out)) throw new Error(`${l}: ${out}`);
  }
}

beforeAll(async () => {
  [good7, good6, factory] = await Promise.all([
    startRouterosSim({ version: 7, password: PW, identity: 'MikroTik' }),
    startRouterosSim({ version: 6, password: PW }),
    startRouterosSim({ version: 7, password: '' }),
  ]);
  configure(good7, 7);
  configure(good6, 6);
  factory.state.add('/user', { name: 'proeflab', group: 'read', password: PW });
});
afterAll(async () => {
  await Promise.all([good7?.close(), good6?.close(), factory?.close()]);
});

const LAB = () => `
name: routeros-test
defaults: { timeout: 10 }
credentials:
  ros: { username: admin, password: { env: ROS_PW } }
  ro: { username: proeflab, password: { env: ROS_PW } }
pods:
  - { id: good7, devices: { r1: { platform: routeros, host: 127.0.0.1, credentials: ros, options: { apiPort: ${good7.apiPort}, sshPort: ${good7.sshPort} } } } }
  - { id: good6, devices: { r1: { platform: routeros, host: 127.0.0.1, transport: ssh, port: ${good6.sshPort}, host_key: '${good6.sshHostKeyFingerprint}', credentials: ros } } }
  - { id: factory, devices: { r1: { platform: routeros, host: 127.0.0.1, credentials: ro, options: { apiPort: ${factory.apiPort}, sshPort: ${factory.sshPort} } } } }
  - { id: dead, devices: { r1: { platform: routeros, host: 127.0.0.1, transport: api, credentials: ros, options: { apiPort: 9 } } } }
`;

const CHECKS: Record<string, string> = {
  identity: `kind: routeros.identity, name: R1-lab`,
  bridge: `kind: routeros.bridge-vlan, bridge: bridge1, ports: [{ interface: ether2, pvid: 10 }, { interface: ether3, pvid: 20 }], vlans: [{ id: 10, tagged: [bridge1], untagged: [ether2] }, { id: 20, tagged: [bridge1, ether4], untagged: [ether3] }]`,
  vlanif: `kind: routeros.vlan-interface, vlanId: 10, parent: bridge1, address: 10.0.10.1/24`,
  dhcp: `kind: routeros.dhcp-server, interface: vlan10, poolRange: 10.0.10.100-10.0.10.200, gateway: 10.0.10.1, dns: [9.9.9.9]`,
  nat: `kind: routeros.nat-masquerade, outInterface: ether1`,
  fw: `kind: routeros.firewall-input`,
  services: `kind: routeros.services, managementSubnet: 10.0.99.0/24, restricted: [winbox]`,
  admin: `kind: routeros.admin-user`,
  ntp: `kind: routeros.ntp-client, servers: [pool.ntp.org]`,
  snmp: `kind: routeros.snmp-community, name: s3cr3tRO, addresses: 10.0.99.0/24`,
  wifi: `kind: routeros.wireless-security, ssid: Lab-WiFi`,
  route: `kind: routeros.default-route, gateway: 203.0.113.1`,
  backup: `kind: routeros.backup, kind_: x`,
};
CHECKS.backup = `kind: routeros.backup, nameContains: R1-config`;

let result: RunResult;
const byPod = (pod: string): Record<string, CriterionResult> => Object.fromEntries(result.results.find((r) => r.pod === pod)!.criteria.map((c) => [c.id, c]));

describe('routeros checks through the runner against simulated routers', () => {
  beforeAll(async () => {
    const e = exam(`
id: ros-t
title: T
dossier: d
werkprocessen: [W]
roles: { r1: routeros }
criteria:
${Object.entries(CHECKS).map(([id, c]) => `  - { id: ${id}, title: ${id}, check: { device: r1, ${c} } }`).join('\n')}
`);
    result = await run({ exams: [e], lab: lab(LAB()), registry: createRegistry(), env: { ROS_PW: PW } });
  }, 120_000);

  it('configured v7 over the API: every criterion passes; facts shared between checks', () => {
    const r = byPod('good7');
    for (const [id, c] of Object.entries(r)) expect(`${id}: ${c.status} ${c.message}`).toBe(`${id}: pass ${c.message}`);
    expect(r.wifi.message).toBe("wifi1 (SSID 'Lab-WiFi') beveiligd met wpa2-psk + wpa3-psk, sleutel van 19 tekens");
    const obs = result.observations.filter((o) => o.pod === 'good7');
    expect(obs.every((o) => o.transport === 'api')).toBe(true);
    // /ip address is read by vlan-interface and dhcp-server: fetched once
    expect(obs.filter((o) => o.command === '/ip/address/print')).toHaveLength(1);
    // the PSK never reaches the evidence
    expect(JSON.stringify(result)).not.toContain('Geheim wachtwoord');
    expect(result.results.find((p) => p.pod === 'good7')!.devices[0].identity).toMatchObject({ hostname: 'R1-lab', serial: 'HGH09SIM7RB' });
  });

  it('configured v6 over SSH only (pinned host key): every criterion passes', () => {
    const r = byPod('good6');
    for (const [id, c] of Object.entries(r)) expect(`${id}: ${c.status} ${c.message}`).toBe(`${id}: pass ${c.message}`);
    expect(r.wifi.message).toBe("wlan1 (SSID 'Lab-WiFi') beveiligd met wpa2-psk, sleutel van 19 tekens");
    expect(result.observations.filter((o) => o.pod === 'good6').every((o) => o.transport === 'ssh')).toBe(true);
    expect(result.results.find((p) => p.pod === 'good6')!.devices[0].identity).toMatchObject({ hostKeyFingerprint: good6.sshHostKeyFingerprint });
  });

  it('factory defaults: each criterion fails with a reason (not error)', () => {
    const r = byPod('factory');
    for (const [id, c] of Object.entries(r)) expect(`${id}: ${c.status}`).toBe(`${id}: fail`);
    expect(r.identity.message).toBe("identity is 'MikroTik', verwacht 'R1-lab'");
    expect(r.admin.message).toBe("aanmelden als 'admin' zonder wachtwoord lukt: het standaardaccount is niet beveiligd");
    expect(r.services.message).toMatch(/^telnet staat aan; ftp staat aan; www staat aan; winbox is vanaf elk adres bereikbaar/);
    expect(r.snmp.message).toBe("SNMP staat uit; community 'public' bestaat nog; community 's3cr3tRO' bestaat niet");
    expect(r.wifi.message).toBe("geen draadloze interface met SSID 'Lab-WiFi'");
    expect(r.fw.message).toBe('geen accept-regel voor established,related in de input-chain; de input-chain heeft geen regels (alles wordt toegelaten)');
  });

  it('unreachable router: every criterion is an error with the reason, never a fail', () => {
    const r = byPod('dead');
    for (const c of Object.values(r)) {
      expect(c.status).toBe('error');
      expect(c.message).toMatch(/RouterOS-API op 127\.0\.0\.1:9 weigert de verbinding/);
    }
  });
});
