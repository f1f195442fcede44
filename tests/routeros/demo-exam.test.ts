// The RouterOS criteria of the demo exam (exams/demo/demo-netwerk.yaml) decided against the
// simulated RouterOS: a router configured as the assignment asks passes every mt-* criterion, a
// factory-default one fails them. (sw1 points at a closed port: the switch is not under test here.)
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfig } from '../../drivers/routeros/index.js';
import { EXAMS_DIR, loadExam } from '../../src/core/exams.js';
import { createRegistry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import type { RunResult } from '../../src/model/result.js';
import { startRouterosSim, type RouterosSim } from '../../sims/routeros/index.js';
import { lab } from '../helpers.js';

const PW = 'Demo-Router-1';
let right: RouterosSim;
let wrong: RouterosSim;
let result: RunResult;

const device = (sim: RouterosSim) => ({ role: 'mt1', platform: 'routeros', host: '127.0.0.1', username: 'admin', password: PW, options: { apiPort: sim.apiPort, sshPort: sim.sshPort }, secrets: [PW] });

beforeAll(async () => {
  [right, wrong] = await Promise.all([startRouterosSim({ version: 7, password: PW }), startRouterosSim({ version: 7, password: PW })]);
  // The reference solution for candidate 100001 with vlan_users=20, net_users=10.20.30.0/24,
  // applied through the driver's write path.
  await applyConfig(device(right), `
/system identity set name=MT-100001
/interface bridge add name=bridge1 vlan-filtering=yes
/interface vlan add interface=bridge1 name=vlan20 vlan-id=20
/ip address add address=10.20.30.1/24 interface=vlan20
/ip pool add name=gebruikers ranges=10.20.30.100-10.20.30.200
/ip dhcp-server add name=dhcp-gebruikers interface=vlan20 address-pool=gebruikers
/ip dhcp-server network add address=10.20.30.0/24 gateway=10.20.30.1 dns-server=10.20.30.1
/ip firewall nat add chain=srcnat action=masquerade out-interface=ether1
/ip service set telnet disabled=yes
/ip service set ftp disabled=yes
/ip service set www disabled=yes
`);
  // the usual mistakes: name left at the default, wrong VLAN id, no DHCP network, NAT on the wrong
  // port, telnet left on
  await applyConfig(device(wrong), `
/interface bridge add name=bridge1
/interface vlan add interface=bridge1 name=vlan20 vlan-id=21
/ip address add address=10.20.30.1/24 interface=vlan20
/ip pool add name=gebruikers ranges=10.20.30.100-10.20.30.200
/ip dhcp-server add name=dhcp-gebruikers interface=vlan20 address-pool=gebruikers
/ip firewall nat add chain=srcnat action=masquerade out-interface=ether2
/ip service set ftp disabled=yes
/ip service set www disabled=yes
`);
  const exam = loadExam(join(EXAMS_DIR, 'demo', 'demo-netwerk.yaml'));
  const vars = `variables: { vlan_users: 20, vlan_beheer: 60, net_users: 10.20.30.0/24 }`;
  // the other roles of the exam (switch, SNMP, ...) point at a closed port: not under test here
  const others = Object.entries(exam.value.roles)
    .filter(([role]) => role !== 'mt1')
    .map(([role, kind]) => `${role}: { platform: ${String(kind).startsWith('cisco-ios') ? 'cisco-ios' : kind}, host: 127.0.0.1, port: 9, credentials: other }`)
    .join(', ');
  const l = lab(`
name: demo-routeros
defaults: { timeout: 10 }
credentials:
  ros: { username: admin, password: { env: ROS_PW } }
  other: { username: beheer, password: { env: ROS_PW }, community: { env: ROS_PW } }
pods:
  - { id: pod01, candidate: { id: '100001', name: A }, ${vars}, devices: { mt1: { platform: routeros, host: 127.0.0.1, credentials: ros, options: { apiPort: ${right.apiPort}, sshPort: ${right.sshPort} } }, ${others} } }
  - { id: pod02, candidate: { id: '100002', name: B }, ${vars}, devices: { mt1: { platform: routeros, host: 127.0.0.1, credentials: ros, options: { apiPort: ${wrong.apiPort}, sshPort: ${wrong.sshPort} } }, ${others} } }
`);
  result = await run({ exams: [exam], lab: l, registry: createRegistry(), env: { ROS_PW: PW } });
}, 120_000);
afterAll(async () => {
  await Promise.all([right?.close(), wrong?.close()]);
});

const mt = (pod: string) => Object.fromEntries(result.results.find((r) => r.pod === pod)!.criteria.filter((c) => c.id.startsWith('mt-')).map((c) => [c.id, c]));

describe('demo exam, router part, against the simulated RouterOS', () => {
  it('configured as asked: every mt-* criterion passes', () => {
    const r = mt('pod01');
    const ids = ['mt-dhcp', 'mt-diensten', 'mt-naam', 'mt-nat', 'mt-vlan'];
    expect(Object.keys(r)).toEqual(expect.arrayContaining(ids));
    for (const id of ids) expect(`${id}: ${r[id].status} ${r[id].message}`).toBe(`${id}: pass ${r[id].message}`);
  });

  it('typical mistakes: fail with the reasons; DHCP is skipped because its VLAN criterion failed', () => {
    const r = mt('pod02');
    expect(r['mt-naam']).toMatchObject({ status: 'fail', message: "identity is 'MikroTik', verwacht 'MT-100002'" });
    expect(r['mt-vlan']).toMatchObject({ status: 'fail', message: 'geen VLAN-interface met VLAN-id 20' });
    expect(r['mt-dhcp'].status).toBe('skipped');
    expect(r['mt-nat']).toMatchObject({ status: 'fail', message: 'masquerade staat niet op ether1 maar op ether2' });
    expect(r['mt-diensten']).toMatchObject({ status: 'fail', message: 'telnet staat aan' });
  });
});
