// The snmp checks, decided by the real runner from observations of real agents on loopback:
// snmpsim serving LibreNMS recordings (plus a `public` community on purpose), and two snmpd's
// (one with SNMPv3 only, one that also answers v2c).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import { exam, lab } from '../helpers.js';
import { SNMPREC_DIR, freeUdpPort, startSnmpd, startSnmpsim, type Agent } from '../drivers/snmp-agents.js';
import { join } from 'node:path';

const AUTH = 'auth-Sleutel-123';
const PRIV = 'priv-Sleutel-456';
const COMMUNITY = 'lab-Community-9';
const env = { SNMP_AUTH: AUTH, SNMP_PRIV: PRIV, SNMP_COMMUNITY: COMMUNITY, C3560: 'ios_c3560', IE3200: 'ios_ie32008t2s-ios17-12', ROS: 'routeros_rb750gr3', ISR: 'iosxe_isr4321' };
const system = { sysName: 'r1-lokaal-b214', sysLocation: 'Lokaal B2.14, rek 3', sysContact: 'beheer@school.example' };

let sim: Agent;
let v3only: Agent;
let mixed: Agent;
let deadPort: number;

beforeAll(async () => {
  [sim, v3only, mixed, deadPort] = await Promise.all([
    startSnmpsim(['ios_c3560.snmprec', 'ios_ie32008t2s-ios17-12.snmprec', 'iosxe_isr4321.snmprec', 'routeros_rb750gr3.snmprec'], {
      // An agent that (wrongly) still answers the community `public`.
      'public.snmprec': { from: join(SNMPREC_DIR, 'constructed_qbridge.snmprec') },
    }),
    startSnmpd({ users: [{ name: 'beheer', auth: 'SHA', authKey: AUTH, priv: 'AES', privKey: PRIV }], ...system }),
    startSnmpd({ community: COMMUNITY, users: [{ name: 'beheer', auth: 'SHA', authKey: AUTH, priv: 'AES', privKey: PRIV }], ...system }),
    freeUdpPort(),
  ]);
}, 90_000);

afterAll(async () => {
  await Promise.all([sim?.stop(), v3only?.stop(), mixed?.stop()]);
});

const opts = `options: { timeout: 0.5, retries: 0 }`;
const LAB = () => `
name: snmp-test
defaults: { timeout: 20 }
credentials:
  v3: { username: beheer, auth_key: { env: SNMP_AUTH }, priv_key: { env: SNMP_PRIV } }
  unknownuser: { username: nieuwkomer, auth_key: { env: SNMP_AUTH }, priv_key: { env: SNMP_PRIV }, community: { env: SNMP_COMMUNITY } }
  v3plus: { username: beheer, auth_key: { env: SNMP_AUTH }, priv_key: { env: SNMP_PRIV }, community: { env: SNMP_COMMUNITY } }
  c3560: { community: { env: C3560 } }
  ie3200: { community: { env: IE3200 } }
  ros: { community: { env: ROS } }
  isr: { community: { env: ISR } }
pods:
  - { id: v3only, devices: { r1: { platform: snmp, host: 127.0.0.1, port: ${v3only.port}, credentials: v3, ${opts} } } }
  - { id: mixed, devices: { r1: { platform: snmp, host: 127.0.0.1, port: ${mixed.port}, credentials: v3plus, options: { version: '3', timeout: 0.5, retries: 0 } } } }
  - { id: nouser, devices: { r1: { platform: snmp, host: 127.0.0.1, port: ${mixed.port}, credentials: unknownuser, options: { version: '3', timeout: 0.5, retries: 0 } } } }
  - { id: c3560, devices: { r1: { platform: snmp, host: 127.0.0.1, port: ${sim.port}, credentials: c3560, ${opts} } } }
  - { id: ie3200, devices: { r1: { platform: snmp, host: 127.0.0.1, port: ${sim.port}, credentials: ie3200, ${opts} } } }
  - { id: ros, devices: { r1: { platform: snmp, host: 127.0.0.1, port: ${sim.port}, credentials: ros, ${opts} } } }
  - { id: isr, devices: { r1: { platform: snmp, host: 127.0.0.1, port: ${sim.port}, credentials: isr, ${opts} } } }
  - { id: dead, devices: { r1: { platform: snmp, host: 127.0.0.1, port: ${deadPort}, credentials: c3560, ${opts} } } }
`;

/** Run one check (flow-style YAML) against the given pods; returns pod → {status, message, expected, actual}. */
async function decide(check: string, pods: string[]) {
  const e = exam(`
id: snmp-t
title: T
dossier: d
werkprocessen: [W]
roles: { r1: snmp }
criteria:
  - { id: c, title: C, check: { device: r1, ${check} } }
`);
  const r = await run({ exams: [e], lab: lab(LAB()), pods, registry: createRegistry(), env });
  return Object.fromEntries(r.results.map((p) => [p.pod, p.criteria[0]]));
}

describe('snmp checks against real agents', () => {
  it('snmp.community: v3-only and mixed agents refuse public/private (pass); an agent that answers public fails', async () => {
    const r = await decide(`kind: snmp.community, versions: ['2c']`, ['v3only', 'mixed', 'c3560']);
    expect(r.v3only.status).toBe('pass');
    expect(r.mixed.status).toBe('pass');
    expect(r.c3560).toMatchObject({ status: 'fail', actual: "antwoord met community 'public' (v2c)" });
    expect(r.c3560.message).toMatch(/agent antwoordt met community 'public' \(v2c\)/);
  });

  it('snmp.v3-required: v3-only passes; an agent that also answers v2c with the lab community fails; a dead agent is an error', async () => {
    const r = await decide(`kind: snmp.v3-required, versions: ['2c']`, ['v3only', 'mixed', 'dead']);
    expect(r.v3only).toMatchObject({ status: 'pass' });
    expect(r.v3only.message).toMatch(/SNMPv3 werkt met de SNMPv3-gebruiker van het lab \('beheer'\)/);
    expect(r.mixed).toMatchObject({ status: 'fail' });
    expect(r.mixed.message).toMatch(/ook op v2c met de community van het lab/);
    expect(r.mixed.message).not.toContain(COMMUNITY);
    expect(r.dead.status).toBe('error');
  });

  it('snmp.v3-required when the candidate did not create the v3 user: fail with the agent\'s reason (not error); other checks are error', async () => {
    const r = await decide(`kind: snmp.v3-required, versions: ['2c']`, ['nouser']);
    expect(r.nouser.status).toBe('fail');
    expect(r.nouser.message).toMatch(/SNMPv3 met de gebruiker van het lab werkt niet: agent weigert .*'nieuwkomer' is onbekend bij de agent/);
    const sys = await decide(`kind: snmp.system, sysName: r1-lokaal-b214`, ['nouser']);
    expect(sys.nouser.status).toBe('error');
    expect(sys.nouser.message).toMatch(/onbekend bij de agent \(usmStatsUnknownUserNames\)/);
  });

  it('snmp.v3-required on a v2c-only lab device: error (the lab gives no v3 user), not a verdict about the candidate', async () => {
    const r = await decide(`kind: snmp.v3-required, versions: ['2c']`, ['c3560']);
    expect(r.c3560.status).toBe('error');
    expect(r.c3560.message).toMatch(/geen SNMPv3-gebruiker/);
  });

  it('snmp.system: as configured passes; a different location fails with expected/actual; contains-match', async () => {
    const ok = await decide(`kind: snmp.system, sysName: R1-LOKAAL-B214, sysLocation: 'Lokaal B2.14, rek 3', sysContact: beheer@school.example`, ['v3only']);
    expect(ok.v3only.status).toBe('pass');
    const bad = await decide(`kind: snmp.system, sysName: r1-lokaal-b214, sysLocation: 'Lokaal A1.01'`, ['v3only', 'c3560']);
    expect(bad.v3only).toMatchObject({ status: 'fail', expected: { sysLocation: 'Lokaal A1.01' }, actual: { sysLocation: 'Lokaal B2.14, rek 3' } });
    expect(bad.v3only.message).toBe("sysLocation is 'Lokaal B2.14, rek 3', verwacht 'Lokaal A1.01'");
    expect(bad.c3560.message).toMatch(/sysName is niet ingesteld, verwacht 'r1-lokaal-b214'/);
    const part = await decide(`kind: snmp.system, sysLocation: B2.14, match: contains`, ['v3only']);
    expect(part.v3only.status).toBe('pass');
  });

  it('snmp.identity: the recorded serials and models (c3560, ISR4321, RouterOS via MikroTik MIB); a swapped device fails', async () => {
    expect((await decide(`kind: snmp.identity, serial: CAT0912N0CU, model: WS-C3560-48TS`, ['c3560'])).c3560.status).toBe('pass');
    expect((await decide(`kind: snmp.identity, serial: fdo2249a154, model: ISR4321`, ['isr'])).isr.status).toBe('pass');
    expect((await decide(`kind: snmp.identity, serial: 6F3A071688EA`, ['ros'])).ros.status).toBe('pass');
    const swapped = await decide(`kind: snmp.identity, serial: CAT0912N0CU`, ['isr']);
    expect(swapped.isr).toMatchObject({ status: 'fail', expected: { serial: 'CAT0912N0CU' }, actual: { serial: 'FDO2249A154' } });
    expect(swapped.isr.message).toMatch(/ander apparaat, of verkeerd IP-adres/);
  });

  it('snmp.interface: up/down from IF-MIB with abbreviated names; admin-down hint; unknown interface fails', async () => {
    const up = await decide(`kind: snmp.interface, interface: GigabitEthernet0/0/0`, ['isr']);
    expect(up.isr).toMatchObject({ status: 'pass', actual: { oper: 'up', admin: 'up' } });
    const down = await decide(`kind: snmp.interface, interface: gi0`, ['isr']);
    expect(down.isr.status).toBe('fail');
    expect(down.isr.message).toMatch(/interface Gi0 \(GigabitEthernet0\) is operationeel down, verwacht up \(interface staat uit/);
    const notPresent = await decide(`kind: snmp.interface, interface: Gi1/2, oper: down`, ['ie3200']);
    expect(notPresent.ie3200.status).toBe('fail');
    expect(notPresent.ie3200.actual).toMatchObject({ oper: 'notPresent' });
    const missing = await decide(`kind: snmp.interface, interface: Gi9/9`, ['ie3200']);
    expect(missing.ie3200).toMatchObject({ status: 'fail', actual: null });
  });

  it('snmp.lldp-neighbour: the recorded neighbours on the right port pass; wrong port or name fails; no neighbours fails', async () => {
    expect((await decide(`kind: snmp.lldp-neighbour, port: GigabitEthernet1/1, neighbour: DE-XXX-XXX-FAC-MP-SW110, remote_port: GigabitEthernet1/25`, ['ie3200'])).ie3200.status).toBe('pass');
    expect((await decide(`kind: snmp.lldp-neighbour, port: 'trunk: SoAda (eoip1)', neighbour: r1`, ['ros'])).ros.status).toBe('pass');
    const wrongPort = await decide(`kind: snmp.lldp-neighbour, port: Gi1/2, neighbour: DE-XXX-XXX-FAC-MP-SW110`, ['ie3200']);
    expect(wrongPort.ie3200.status).toBe('fail');
    expect(wrongPort.ie3200.message).toMatch(/geen LLDP-buur op Gi1\/2/);
    const wrongName = await decide(`kind: snmp.lldp-neighbour, port: Gi1/1, neighbour: sw2`, ['ie3200']);
    expect(wrongName.ie3200).toMatchObject({ status: 'fail', actual: ['DE-XXX-XXX-FAC-MP-SW110 (Gi1/25) op Gi1/1'] });
    const none = await decide(`kind: snmp.lldp-neighbour, neighbour: sw2`, ['c3560']);
    expect(none.c3560.message).toMatch(/ziet geen LLDP-buren/);
  });

  it('snmp.vlan: VTP names of the recordings (c3560, IE3200); wrong name and missing VLAN fail; absent', async () => {
    expect((await decide(`kind: snmp.vlan, id: 200, name: plc`, ['ie3200'])).ie3200.status).toBe('pass');
    expect((await decide(`kind: snmp.vlan, id: 10, name: DC-A-Private`, ['c3560'])).c3560.status).toBe('pass');
    const wrong = await decide(`kind: snmp.vlan, id: 101, name: beheer`, ['ie3200']);
    expect(wrong.ie3200).toMatchObject({ status: 'fail', message: "VLAN 101 heet 'netw-mgmt-prd', verwacht 'beheer'", actual: { id: 101, name: 'netw-mgmt-prd' } });
    expect((await decide(`kind: snmp.vlan, id: 30`, ['ie3200'])).ie3200.status).toBe('fail');
    expect((await decide(`kind: snmp.vlan, id: 30, state: absent`, ['ie3200'])).ie3200.status).toBe('pass');
    expect((await decide(`kind: snmp.vlan, id: 10`, ['ros'])).ros.message).toMatch(/geeft geen VLAN's via SNMP/);
  });

  it('an unreachable agent makes every snmp check an error with the reason, never a fail', async () => {
    const r = await decide(`kind: snmp.system, sysName: x`, ['dead']);
    expect(r.dead.status).toBe('error');
    expect(r.dead.message).toMatch(/geen antwoord van 127\.0\.0\.1:\d+ \(SNMP v2c\).*agent onbereikbaar of community onjuist/);
  });

  it('secrets never reach the evidence: community and keys are redacted from observations', async () => {
    const e = exam(`
id: snmp-t
title: T
dossier: d
werkprocessen: [W]
roles: { r1: snmp }
criteria:
  - { id: c, title: C, check: { device: r1, kind: snmp.v3-required, versions: ['2c'] } }
`);
    const r = await run({ exams: [e], lab: lab(LAB()), pods: ['mixed'], registry: createRegistry(), env });
    const text = JSON.stringify(r);
    for (const s of [AUTH, PRIV, COMMUNITY]) expect(text).not.toContain(s);
    expect(r.observations.length).toBeGreaterThanOrEqual(3);
  });
});
