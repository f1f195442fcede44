// Integration suite against the containerised stand-in lab (docker/). Needs Docker or Podman.
// `npm run test:lab`: builds the images when needed, starts the lab, runs, tears it down
// (PROEFLAB_LAB_KEEP=1 leaves it running). Timings go to stderr and tests/.tmp/lab-timings.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../drivers/index.js';
import { createRegistry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import { loadExam } from '../../src/core/exams.js';
import { Lab } from '../../src/model/lab.js';
import { loadYaml } from '../../src/model/load.js';
import { snmpDriver } from '../../drivers/snmp/index.js';
import { routerosDriver } from '../../drivers/routeros/index.js';
import { dockerDir, repoRoot } from '../../src/lab/engine.js';
import { labDown, labStatus, labUp, openLab, type LabHandle } from '../../src/lab/lab.js';
import { applyScenario, listScenarios, undoScenario } from '../../src/lab/scenarios.js';
import { iosConfigure, labDevice, routerosRun } from '../../src/lab/write.js';

const log = (l: string) => process.stderr.write(`[lab] ${l}\n`);
const timings: Record<string, unknown> = {};
let lab: LabHandle;

const examFile = join(repoRoot(), 'exams', 'lab', 'lab-vlan-routering.yaml');

/** ping from inside a lab container (the client's side of the data plane). */
async function ping(from: string, to: string): Promise<boolean> {
  return lab.exec(from, ['ping', '-c', '1', '-W', '1', to]).then(
    () => true,
    () => false,
  );
}

/** Reachability settles within a few seconds of a change (the data plane follows the config). */
async function eventually(from: string, to: string, want: boolean, seconds = 12): Promise<boolean> {
  const end = Date.now() + seconds * 1000;
  let got = !want;
  while (Date.now() < end) {
    got = await ping(from, to);
    if (got === want) return got;
    await new Promise((r) => setTimeout(r, 500));
  }
  return got;
}

async function addressOf(svc: string): Promise<string | undefined> {
  const out = await lab.exec(svc, ['ip', '-4', '-o', 'addr', 'show', 'lan0']).catch(() => '');
  return /inet (\d+\.\d+\.\d+\.\d+)/.exec(out)?.[1];
}

async function dhcp(svc: string): Promise<string | undefined> {
  await lab.exec(svc, ['sh', '-c', 'dhclient -r lan0 2>/dev/null; pkill dhclient; ip addr flush dev lan0; timeout 15 dhclient -1 -4 lan0 2>/dev/null || true']);
  return addressOf(svc);
}

async function grade(): Promise<Map<string, string>> {
  const res = await run({ exams: [loadExam(examFile)], lab: loadYaml(join(dockerDir(), 'lab.yaml'), Lab), registry: createRegistry(), mode: 'ci' });
  return new Map(res.results[0]!.criteria.map((c) => [c.id, c.status]));
}

beforeAll(async () => {
  const t0 = Date.now();
  await labDown({}).catch(() => undefined);
  const first = await labUp({ log, timeoutS: 240 });
  timings.upFirst = { seconds: first.seconds, built: first.built, phases: first.phases };
  log(`lab up (images ${first.built.length ? 'built: ' + first.built.join(',') : 'present'}): ${first.seconds} s`);
  // Warm start: containers recreated from the images that now exist.
  await labDown({});
  const warm = await labUp({ log, timeoutS: 240, rebuildStale: false });
  timings.upWarm = { seconds: warm.seconds, phases: warm.phases };
  log(`lab up warm: ${warm.seconds} s`);
  timings.setupTotal = Math.round((Date.now() - t0) / 1000);
  lab = await openLab();
});

afterAll(async () => {
  mkdirSync(join(repoRoot(), 'tests', '.tmp'), { recursive: true });
  writeFileSync(join(repoRoot(), 'tests', '.tmp', 'lab-timings.json'), JSON.stringify(timings, null, 2));
  log(`timings: ${JSON.stringify(timings)}`);
  if (!process.env.PROEFLAB_LAB_KEEP) await labDown({});
});

describe('the stand-in lab', () => {
  it('starts every device and reports it ready', async () => {
    const rows = await labStatus();
    expect(rows.filter((r) => !r.ready).map((r) => r.service)).toEqual([]);
    expect(rows.map((r) => r.service).sort()).toEqual(['db1', 'dc1', 'mt1', 'pc1', 'pc2', 'r1', 'snmp1', 'srv1', 'sw1']);
  });

  it('forwards through the real data plane exactly as sw1 and r1 are configured', async () => {
    // Factory state: every switch port in VLAN 1, so pc1 and srv1 share a segment.
    const pc1 = await dhcp('pc1');
    expect(pc1, 'pc1 gets a lease from srv1 through sw1').toMatch(/^192\.168\.10\./);
    // Put pc1/srv1 in VLAN 10, pc2 in VLAN 20; trunk to r1 — but r1 not configured yet.
    await iosConfigure(lab, 'sw1', 'interface FastEthernet0/1\n switchport mode access\n switchport access vlan 10\ninterface FastEthernet0/2\n switchport mode access\n switchport access vlan 20\ninterface FastEthernet0/3\n switchport mode access\n switchport access vlan 10\ninterface GigabitEthernet0/1\n switchport mode trunk\n switchport trunk allowed vlan 10,20');
    await lab.exec('pc2', ['sh', '-c', 'pkill dhclient; ip addr flush dev lan0; ip addr add 192.168.20.50/24 dev lan0; ip route replace default via 192.168.20.1']);
    expect(await eventually('pc1', '192.168.10.10', true), 'pc1 → srv1 (both VLAN 10)').toBe(true);
    expect(await eventually('pc1', '192.168.20.50', false), 'pc1 → pc2 (VLAN 20) without a router').toBe(false);
    expect(await ping('pc2', '192.168.10.10'), 'pc2 → srv1 without a router').toBe(false);
    // Router-on-a-stick on r1: now VLAN 10 ↔ 20 is routed.
    await iosConfigure(lab, 'r1', 'interface GigabitEthernet0/0\n no shutdown\ninterface GigabitEthernet0/0.10\n encapsulation dot1Q 10\n ip address 192.168.10.1 255.255.255.0\ninterface GigabitEthernet0/0.20\n encapsulation dot1Q 20\n ip address 192.168.20.1 255.255.255.0\n ip helper-address 192.168.10.10');
    expect(await eventually('pc1', '192.168.20.50', true), 'pc1 → pc2 routed by r1').toBe(true);
    expect(await ping('pc2', '192.168.10.10'), 'pc2 → srv1 routed by r1').toBe(true);
    // DHCP for VLAN 20 reaches srv1 only through r1's relay (ip helper-address).
    expect(await dhcp('pc2'), 'pc2 lease relayed by r1').toMatch(/^192\.168\.20\./);
    // Moving pc1's port to VLAN 20 cuts it off from srv1 (its address is VLAN 10's).
    await iosConfigure(lab, 'sw1', 'interface FastEthernet0/1\n switchport access vlan 20');
    expect(await eventually('pc1', '192.168.10.10', false), 'pc1 in VLAN 20 with a VLAN 10 address').toBe(false);
    await iosConfigure(lab, 'sw1', 'interface FastEthernet0/1\n switchport access vlan 10');
    expect(await eventually('pc1', '192.168.10.10', true)).toBe(true);
    // VLAN 20 removed from the trunk: routing to pc2 stops; shutting the server port stops VLAN 10 too.
    await iosConfigure(lab, 'sw1', 'interface GigabitEthernet0/1\n switchport trunk allowed vlan 10');
    expect(await eventually('pc1', (await addressOf('pc2'))!, false), 'VLAN 20 not on the trunk').toBe(false);
    await iosConfigure(lab, 'sw1', 'interface GigabitEthernet0/1\n switchport trunk allowed vlan 10,20');
    expect(await eventually('pc1', (await addressOf('pc2'))!, true)).toBe(true);
  });

  it('routes on the simulated RouterOS as its configuration says (wan link r1 ↔ mt1)', async () => {
    await iosConfigure(lab, 'r1', 'interface GigabitEthernet0/1\n no shutdown\n ip address 10.0.0.1 255.255.255.252');
    expect(await eventually('r1', '10.0.0.2', false, 3)).toBe(false);
    await routerosRun(lab, 'mt1', '/ip address add address=10.0.0.2/30 interface=ether2');
    expect(await eventually('r1', '10.0.0.2', true), 'r1 → mt1 once mt1 has its address').toBe(true);
    await routerosRun(lab, 'mt1', '/interface ethernet set [ find default-name=ether2 ] disabled=yes');
    expect(await eventually('r1', '10.0.0.2', false), 'ether2 disabled').toBe(false);
    await routerosRun(lab, 'mt1', '/interface ethernet set [ find default-name=ether2 ] disabled=no');
    expect(await eventually('r1', '10.0.0.2', true)).toBe(true);
  });

  it('every driver observes its stand-in (the lab exam passes in the solution state)', async () => {
    await applyScenario('solution:lab-vlan-routering', { lab, log });
    const verdicts = await grade();
    const notPass = [...verdicts].filter(([, v]) => v !== 'pass');
    expect(notPass).toEqual([]);
    // SNMP: snmpsim recordings (snmp1) and the net-snmp agent on srv1.
    for (const [role, name] of [['snmp1', 'snmp1-sw'], ['srv1-snmp', 'srv1']] as const) {
      const s = await snmpDriver.connect(labDevice(role), AbortSignal.timeout(20_000));
      try {
        const g = await s.gather('snmp.system', {}, AbortSignal.timeout(20_000));
        expect(JSON.stringify(g.parsed), role).toContain(name);
      } finally {
        await s.close();
      }
    }
    // RouterOS over the API.
    const ros = await routerosDriver.connect(labDevice('mt1'), AbortSignal.timeout(20_000));
    try {
      const g = await ros.gather('routeros.identity', {}, AbortSignal.timeout(20_000));
      expect(JSON.stringify(g.parsed)).toContain('mt1');
    } finally {
      await ros.close();
    }
    // dc1 (Samba AD) and db1 (MariaDB) answer inside their containers.
    expect(await lab.exec('dc1', ['smbclient', '-N', '-L', 'localhost'])).toMatch(/netlogon/i);
    expect(await lab.exec('db1', ['mariadb', '-N', '-e', 'show databases'])).toContain('examen');
  });

  const faults = listScenarios().filter((s) => s.kind === 'fault');
  it('has the fault scenarios of the troubleshooting exams', () => {
    expect(faults.map((f) => f.id).sort()).toEqual(
      ['fout-access-vlan', 'fout-default-gateway', 'fout-dhcp-scope', 'fout-dns-gestopt', 'fout-firewall-http', 'fout-interface-shutdown', 'fout-schijf-vol'],
    );
  });

  for (const f of faults) {
    it(`detects fault scenario ${f.id} (${f.detected_by.join(', ')})`, async () => {
      await applyScenario(f.id, { lab, log, skipBase: true });
      const during = await grade();
      for (const c of f.detected_by) expect(during.get(c), `${c} while ${f.id} is applied`).not.toBe('pass');
      const others = [...during].filter(([id, v]) => !f.detected_by.includes(id) && v !== 'pass').map(([id]) => id);
      log(`${f.id}: detected by ${f.detected_by.map((c) => `${c}=${during.get(c)}`).join(', ')}; other criteria not passing: ${others.join(', ') || 'none'}`);
      await undoScenario(f.id, { lab, log });
      const after = await grade();
      for (const c of f.detected_by) expect(after.get(c), `${c} after undoing ${f.id}`).toBe('pass');
    });
  }
});
