// Every scenario of the exams (start scenarios, reference solutions, faults and their `undo` steps),
// rendered for the containerised lab's candidate (docker/lab.yaml, pod `lab`) and applied in-process to
// the simulators the lab runs as sw1, r1 and mt1: `ios:` steps through the cisco-ios driver's strict
// applyConfig (a refused line fails), `routeros:` steps through the routeros driver's applyConfig. This
// is what `proeflab exams test` does in the container lab, in seconds instead of minutes. `shell:`
// steps need the Linux containers and are left to the lab suite.
//
// Per scenario: no line is refused, the lab can still log in afterwards (a solution must not change the
// lab's own credentials), a fault's undo repairs exactly what the fault broke, and spot checks that the
// running configuration holds what the steps set.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import '../../drivers/index.js';
import { applyConfig as iosApply } from '../../drivers/cisco-ios/index.js';
import { applyConfig as rosApply, routerosDriver } from '../../drivers/routeros/index.js';
import { renderConfig } from '../../sims/cisco-ios/config.js';
import { startIosSim, type IosSim } from '../../sims/cisco-ios/index.js';
import { startRouterosSim, type RouterosSim } from '../../sims/routeros/index.js';
import { candidateVariables } from '../../src/core/assignment.js';
import { EXAMS_DIR, REPO_ROOT, loadExam, resolveExamRef } from '../../src/core/exams.js';
import type { DeviceConfig } from '../../src/core/types.js';
import { interpolateDeep } from '../../src/core/vars.js';
import { listScenarios, type Scenario } from '../../src/lab/scenarios.js';
import { Lab } from '../../src/model/lab.js';
import { loadYaml } from '../../src/model/load.js';

// --- known problems (each one is reported; the test fails when the list no longer matches) ----------

/** Lines the lab refuses for a reason outside the scenario file (say, an exam definition to be fixed). */
const KNOWN_REFUSED: Record<string, string[]> = {};

/** Scenarios that change a credential the lab logs in with (docker/lab.yaml): the lab cannot grade afterwards. */
const KNOWN_LOCKOUT: Record<string, string[]> = {};

// --- the lab's candidate and the scenarios --------------------------------------------------------

const lab = loadYaml(join(REPO_ROOT, 'docker', 'lab.yaml'), Lab);
const pod = lab.value.pods.find((p) => p.id === 'lab')!;
const scenarios = [join(EXAMS_DIR, 'scenarios'), join(EXAMS_DIR, 'solutions')].filter(existsSync).flatMap((d) => listScenarios(d));

function scenario(name: string): Scenario {
  const id = name.startsWith('solution:') ? `solution-${name.slice('solution:'.length)}` : name;
  const s = scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`unknown scenario '${name}'`);
  return s;
}

const examOf = (s: Scenario) => {
  if (!s.exam) throw new Error(`${s.id}: no exam: (its steps cannot be rendered)`);
  return loadExam(resolveExamRef(s.exam)).value;
};

/** The candidate's values for the exam a scenario belongs to, as `proeflab exams test` renders them. */
const scopeOf = (s: Scenario): Record<string, unknown> => candidateVariables(examOf(s), lab.value, pod).scope;

type Step = Scenario['steps'][number];
type Phase = 'start' | 'base' | 'steps' | 'undo';
interface Planned {
  phase: Phase;
  step: Step;
}

/** A scenario with its base chain, base first. */
function chain(s: Scenario, seen: string[] = []): Scenario[] {
  if (seen.includes(s.id)) throw new Error(`base chain loops at ${s.id}`);
  return [...(s.base && s.base !== 'blank' ? chain(scenario(s.base), [...seen, s.id]) : []), s];
}

/**
 * What the lab applies, in order, like src/lab/exams-test.ts: for the solution of an exam first the
 * exam's start scenario, then the scenario with its base chain (each scenario once: a solution's base
 * is usually the start already applied); then the undo steps. Everything rendered with the values of
 * the scenario's exam.
 */
function plan(s: Scenario): Planned[] {
  const scope = scopeOf(s);
  const exam = examOf(s);
  const isExamSolution = exam.scenario?.solution && scenario(exam.scenario.solution).id === s.id;
  const start = isExamSolution && exam.scenario?.start && exam.scenario.start !== 'blank' ? chain(scenario(exam.scenario.start)) : [];
  const own = chain(s).filter((c) => !start.includes(c));
  const render = (c: Scenario, phase: Phase) => interpolateDeep(c.steps, scope).map((step) => ({ phase, step }));
  return [
    ...start.flatMap((c) => render(c, 'start')),
    ...own.flatMap((c) => render(c, c === s ? 'steps' : 'base')),
    ...interpolateDeep(s.undo, scope).map((step) => ({ phase: 'undo' as const, step })),
  ];
}

// --- the lab's devices, in-process ----------------------------------------------------------------

// docker/compose.yaml: LAB_USER defaults to `examen`; passwords are generated per lab, here per run.
const LAB_USER = 'examen';
const pw = () => `Lab-${randomBytes(6).toString('hex')}`;
const T = 20_000;

interface Devices {
  ios: Map<string, { sim: IosSim; device: DeviceConfig }>;
  ros: Map<string, { sim: RouterosSim; device: DeviceConfig }>;
}
const started: (IosSim | RouterosSim)[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

/** sw1/r1 as src/lab/device/hook-ios.ts starts them (login user with privilege 1, enable secret). */
async function iosDevice(d: Devices, role: string) {
  let x = d.ios.get(role);
  if (!x) {
    if (pod.devices[role]?.platform !== 'cisco-ios') throw new Error(`${role} is no cisco-ios device in docker/lab.yaml`);
    const password = pw();
    const secret = pw();
    const sim = await startIosSim({ role: role.startsWith('sw') ? 'switch' : 'router', port: 0, telnetPort: false, hostname: role, user: LAB_USER, password, secret, privilege: 1, seed: role });
    started.push(sim);
    x = { sim, device: { role, platform: 'cisco-ios', host: '127.0.0.1', port: sim.port, transport: 'ssh', username: LAB_USER, password, secret, timeoutMs: T, options: {}, secrets: [] } };
    d.ios.set(role, x);
  }
  return x;
}

/** mt1 as src/lab/device/hook-routeros.ts starts it (the lab user is the only account), reached over the API. */
async function rosDevice(d: Devices, role: string) {
  let x = d.ros.get(role);
  if (!x) {
    if (pod.devices[role]?.platform !== 'routeros') throw new Error(`${role} is no routeros device in docker/lab.yaml`);
    const password = pw();
    const sim = await startRouterosSim({ apiPort: 0, sshPort: 0, user: LAB_USER, password, identity: role });
    started.push(sim);
    x = { sim, device: { role, platform: 'routeros', host: '127.0.0.1', port: sim.apiPort, transport: 'api', username: LAB_USER, password, timeoutMs: T, options: { sshPort: sim.sshPort }, secrets: [] } };
    d.ros.set(role, x);
  }
  return x;
}

const firstLine = (err: unknown) => (err as Error).message.split('\n')[0]!;

/** Scripts of one-line commands go one command at a time, so every refused command is seen (the lab stops at the first). */
const rosChunks = (script: string) => {
  const lines = script.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  return lines.every((l) => l.trim().startsWith('/')) ? lines : [script];
};

interface Applied {
  devices: Devices;
  refused: string[];
  /** Running configurations (IOS) and exports (RouterOS) at the end of each phase. */
  snapshots: Partial<Record<Phase, Record<string, string>>>;
}

const iosText = (sim: IosSim) => renderConfig(sim.state, 'running').replace(/^! Last configuration change.*\n/m, '');
const snapshot = (d: Devices) => ({
  ...Object.fromEntries([...d.ios].map(([role, x]) => [role, iosText(x.sim)])),
  ...Object.fromEntries([...d.ros].map(([role, x]) => [role, x.sim.state.export({ showSensitive: true }).replace(/^#.*\n/gm, '')])),
});

async function applyAll(s: Scenario): Promise<Applied> {
  const devices: Devices = { ios: new Map(), ros: new Map() };
  const refused: string[] = [];
  const snapshots: Applied['snapshots'] = {};
  const steps = plan(s);
  // Every device up before the first step, so each snapshot has all of them.
  for (const { step } of steps) {
    if (step.ios !== undefined) await iosDevice(devices, step.device);
    else if (step.routeros !== undefined) await rosDevice(devices, step.device);
  }
  for (const [i, { phase, step }] of steps.entries()) {
    if (step.ios !== undefined) {
      const { device } = await iosDevice(devices, step.device);
      try {
        await iosApply(device, step.ios, { strict: true, signal: AbortSignal.timeout(T) });
      } catch (err) {
        refused.push(`${step.device}: ${firstLine(err)}`);
      }
    } else if (step.routeros !== undefined) {
      const { device } = await rosDevice(devices, step.device);
      for (const chunk of rosChunks(step.routeros))
        try {
          await rosApply(device, chunk, AbortSignal.timeout(T));
        } catch (err) {
          refused.push(`${step.device}: ${firstLine(err)}`);
        }
    }
    if (steps[i + 1]?.phase !== phase) snapshots[phase] = snapshot(devices);
  }
  return { devices, refused, snapshots };
}

/** Devices the lab can no longer log in to with its own credentials (IOS: login and enable; RouterOS: API login). */
async function lockedOut(d: Devices): Promise<string[]> {
  const out: string[] = [];
  for (const [role, { device }] of d.ios) await iosApply(device, [], { strict: true, signal: AbortSignal.timeout(T) }).catch(() => out.push(role));
  for (const [role, { device }] of d.ros)
    await routerosDriver
      .connect(device, AbortSignal.timeout(T))
      .then((sess) => sess.close())
      .catch(() => out.push(role));
  return out.sort();
}

// --- spot checks: the running configuration holds what the steps set --------------------------------

/** `r` renders a template with the scenario's values (`{{net.first}}`). */
type Spot = (a: Applied, r: (template: string) => string) => void;
const cfg = (a: Applied, role: string) => iosText(a.devices.ios.get(role)!.sim);
const ros = (a: Applied, role: string) => a.devices.ros.get(role)!.sim.state;
/** A block of the running-config (`interface X` … up to the next line without a leading space). */
const block = (a: Applied, role: string, head: string) => {
  const lines = cfg(a, role).split('\n');
  const i = lines.indexOf(head);
  if (i < 0) return '';
  const end = lines.findIndex((l, k) => k > i && !l.startsWith(' '));
  return lines.slice(i, end < 0 ? undefined : end).join('\n');
};

const SPOT: Record<string, Spot> = {
  'solution-lab-vlan-routering': (a) => {
    expect(block(a, 'sw1', 'interface FastEthernet0/3')).toContain(' switchport access vlan 10\n switchport mode access');
    expect(block(a, 'sw1', 'interface GigabitEthernet0/1')).toContain(' switchport trunk allowed vlan 10,20\n switchport mode trunk');
    expect(block(a, 'r1', 'interface GigabitEthernet0/0.20')).toContain(' encapsulation dot1Q 20\n ip address 192.168.20.1 255.255.255.0\n ip helper-address 192.168.10.10');
  },
  'solution-imb-b1-k1-w4': (a, r) => {
    expect(block(a, 'sw1', 'interface GigabitEthernet0/1')).toContain(' switchport mode trunk');
    expect(a.devices.ios.get('sw1')!.sim.state.vlans.get(Number(r('{{vlan_test}}')))?.name).toBe('TEST-000000');
    expect(cfg(a, 'r1')).toContain(`ip dhcp pool TEST\n network ${r('{{net_test.network}}')} ${r('{{net_test.mask}}')}\n default-router ${r('{{net_test.first}}')}`);
  },
  'solution-imb-b1-k2-w2': (a, r) => {
    const sw = a.devices.ios.get('sw1')!.sim.state;
    expect(sw.hostname).toBe('SW-000000');
    expect(sw.users.get(r('{{beheerder}}'))?.privilege).toBe(15);
    expect(block(a, 'sw1', 'line vty 0 4')).toContain(' transport input ssh');
    // `do write memory` saved it
    expect(sw.startupConfig).toContain('hostname SW-000000');
    expect(cfg(a, 'r1')).toContain(`ip dhcp excluded-address ${r('{{net_gast.first}}')} ${r('{{net_gast.host10}}')}`);
  },
  'solution-imb-b1-k3-w1': (a, r) => {
    for (const role of ['sw1', 'r1']) {
      expect(cfg(a, role)).not.toMatch(/snmp-server community (public|private)/);
      expect(a.devices.ios.get(role)!.sim.state.snmp.users.map((u) => u.name)).toEqual([r('{{snmp_user}}')]);
      expect(cfg(a, role)).toContain('ntp server 192.168.10.10');
    }
    expect(ros(a, 'mt1').single('/system ntp client')).toMatchObject({ enabled: 'true', servers: '192.168.10.10' });
    expect(ros(a, 'mt1').files.map((f) => f.name)).toContain('MT-000000-config.rsc');
  },
  'solution-imb-b1-k3-w4': (a, r) => {
    const sw = cfg(a, 'sw1');
    expect(sw).toContain('service password-encryption');
    expect(sw).not.toMatch(/^enable password/m);
    expect(sw).toMatch(/^enable secret 5 /m);
    expect(sw).toContain('banner motd ^CAlleen voor bevoegden^C');
    expect(block(a, 'sw1', 'interface FastEthernet0/1')).toContain(`switchport port-security maximum ${r('{{max_mac}}')}`);
    const mt = ros(a, 'mt1');
    expect(mt.list('/ip service').filter((x) => x.disabled === 'true').map((x) => x.name).sort()).toEqual(['api-ssl', 'ftp', 'telnet', 'www', 'www-ssl']);
    expect(mt.list('/user').map((u) => u.name)).not.toContain('admin');
    expect(mt.list('/interface list member')).toEqual([expect.objectContaining({ list: 'LAN', interface: 'ether1' })]);
    expect(mt.list('/ip firewall filter').at(-1)).toMatchObject({ chain: 'input', 'in-interface-list': '!LAN', action: 'drop' });
  },
  'solution-isd-b1-k2-w1': (a, r) => {
    expect(block(a, 'sw1', 'interface GigabitEthernet0/1')).toContain(` switchport trunk native vlan ${r('{{vlan_beheer}}')}`);
    expect(cfg(a, 'sw1')).toContain('spanning-tree mode rapid-pvst');
    expect(block(a, 'r1', `interface GigabitEthernet0/0.${r('{{vlan_beheer}}')}`)).toContain(` encapsulation dot1Q ${r('{{vlan_beheer}}')} native`);
    const mt = ros(a, 'mt1');
    expect(mt.single('/system identity').name).toBe(`MT-${r('{{vestiging_code}}')}`);
    expect(mt.list('/ip address').map((x) => `${x.address} ${x.interface}`)).toEqual([`${r('{{net_beheer.last}}')}/26 vlan${r('{{vlan_beheer}}')}`]);
  },
  'solution-isd-b1-k2-w2': (a, r) => {
    expect(cfg(a, 'sw1')).toContain('logging trap warnings');
    const mt = ros(a, 'mt1');
    expect(mt.list('/snmp community').find((c) => c.default === 'true')).toMatchObject({ name: `nms000000`, addresses: r('{{net_monitoring}}'), 'write-access': 'false' });
    expect(mt.files.map((f) => f.name)).toContain('MT-000000.backup');
  },
  'solution-mbi-1-4': (a) => {
    expect(a.devices.ios.get('sw1')!.sim.state).toMatchObject({ cdpRun: true, lldpRun: true, hostname: 'SW-000000' });
    expect(block(a, 'r1', 'interface GigabitEthernet0/0')).toMatch(/description PK\d+-01/);
  },
  'solution-mbi-2-2': (a, r) => {
    expect(a.devices.ios.get('sw1')!.sim.state.vlans.has(Number(r('{{fout_vlan}}')))).toBe(false);
    expect(block(a, 'sw1', 'interface FastEthernet0/3')).toContain(' switchport access vlan 10');
    expect(block(a, 'r1', 'interface GigabitEthernet0/0.20')).not.toContain('shutdown');
  },
  'start-imb-b1-k3-w4': (a) => {
    expect(cfg(a, 'sw1')).toMatch(/^enable password cisco$/m);
    expect(ros(a, 'mt1').list('/user').map((u) => u.name)).toContain('admin');
  },
  'start-mbi-2-2': (a, r) => {
    expect(block(a, 'sw1', 'interface FastEthernet0/3')).toContain(` switchport access vlan ${r('{{fout_vlan}}')}`);
    expect(block(a, 'r1', 'interface GigabitEthernet0/0.20')).toContain(' shutdown');
  },
};

// --- the tests ------------------------------------------------------------------------------------

const applicable = scenarios.filter((s) => plan(s).some(({ step }) => step.ios !== undefined || step.routeros !== undefined));

describe('scenarios applied to the lab simulators (sw1, r1, mt1) for the lab candidate', () => {
  it('finds the scenarios with IOS or RouterOS steps, and the known problems name existing ones', () => {
    expect(applicable.length).toBeGreaterThanOrEqual(20);
    for (const id of [...Object.keys(KNOWN_REFUSED), ...Object.keys(KNOWN_LOCKOUT), ...Object.keys(SPOT)]) expect(scenarios.map((s) => s.id)).toContain(id);
  });

  // Each scenario gets its own simulators: they run side by side.
  it.concurrent.for(applicable.map((s) => [s.id, s] as const))('%s', async ([id, s], { expect }) => {
    const a = await applyAll(s);
    expect.soft(a.refused, 'refused lines').toEqual(KNOWN_REFUSED[id] ?? []);
    expect.soft(await lockedOut(a.devices), 'lab credentials changed on').toEqual(KNOWN_LOCKOUT[id] ?? []);
    // A fault changes something, and its undo puts back exactly what was there before.
    if (s.kind === 'fault' && s.undo.some((u) => u.ios !== undefined || u.routeros !== undefined)) {
      const { base, steps, undo } = a.snapshots;
      const roles = s.undo.map((u) => u.device);
      for (const r of roles) {
        expect.soft(steps?.[r], `${r}: the fault changes nothing`).not.toBe(base?.[r]);
        expect.soft(undo?.[r], `${r}: undo does not restore the configuration`).toBe(base?.[r]);
      }
    }
    const scope = scopeOf(s);
    SPOT[id]?.(a, (t) => String(interpolateDeep(t, scope)));
  });
});
