// snmp1 of the container lab (docker/snmprec/public.snmprec, served by snmpsim under the community
// `public`) against the criteria of the real exams that read it: mbi-1-1 switch-is-besteld
// (ENTITY-MIB serial/model) and mbi-1-4 lldp-kern-sw (LLDP-MIB neighbour). The exams and the pod
// `lab` of docker/lab.yaml are loaded from the repository; only the device address is the test's.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, loadExam } from '../../src/core/exams.js';
import { loadYaml } from '../../src/model/load.js';
import { Lab } from '../../src/model/lab.js';
import { createRegistry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import { lab } from '../helpers.js';
import { startSnmpsim, type Agent } from '../drivers/snmp-agents.js';

const RECORDING = join(REPO_ROOT, 'docker', 'snmprec', 'public.snmprec');
const EXAM_1_1 = join(REPO_ROOT, 'exams', 'medewerker-beheer-ict', '1-1.yaml');
const EXAM_1_4 = join(REPO_ROOT, 'exams', 'medewerker-beheer-ict', '1-4.yaml');
const labPod = loadYaml(join(REPO_ROOT, 'docker', 'lab.yaml'), Lab).value.pods.find((p) => p.id === 'lab')!;

let sim: Agent;

beforeAll(async () => {
  sim = await startSnmpsim([], { 'public.snmprec': { from: RECORDING } });
}, 90_000);

afterAll(async () => {
  await sim?.stop();
});

type Pod = { id: string; candidate?: { id: string; name?: string }; variables?: Record<string, string | number | boolean> };

/**
 * One criterion of a real exam (its check, variables and texts as written; depends_on dropped, roles
 * narrowed to snmp1) decided by the runner for the given pods, whose snmp1 is the snmpsim above.
 * `check` replaces the criterion's check (still interpolated with the exam's variables).
 */
async function decide(examFile: string, criterion: string, pods: Pod[], check?: Record<string, unknown>) {
  const loaded = loadExam(examFile);
  const c = loaded.value.criteria.find((x) => x.id === criterion)!;
  expect(c, `${criterion} in ${examFile}`).toBeDefined();
  const criteria = [{ ...c, depends_on: [], ...(check ? { check: check as typeof c.check } : {}) }];
  const exam = { ...loaded, value: { ...loaded.value, roles: { snmp1: 'snmp' }, criteria } };
  const l = lab(
    JSON.stringify({
      name: 'lab-snmp1-test',
      credentials: { snmpsim: { community: { env: 'SNMPSIM_COMMUNITY' } } },
      pods: pods.map((p) => ({
        ...p,
        devices: { snmp1: { platform: 'snmp', host: '127.0.0.1', port: sim.port, credentials: 'snmpsim', options: { timeout: 1, retries: 1 } } },
      })),
    }),
  );
  // The community is the recording's file name, as lab-secrets.yaml says (snmpsim_community: "public").
  const r = await run({ exams: [exam], lab: l, registry: createRegistry(), env: { SNMPSIM_COMMUNITY: 'public' } });
  return Object.fromEntries(r.results.map((p) => [p.pod, p.criteria[0]]));
}

const asLab = (id: string, variables: Pod['variables'] = {}): Pod => ({ id, candidate: labPod.candidate, variables: { ...labPod.variables, ...variables } });

describe('snmp1 (docker/snmprec/public.snmprec) for the exams that use it', () => {
  it('docker/lab.yaml pins the recorded switch for pod lab (candidate 000000)', () => {
    expect(labPod.candidate?.id).toBe('000000');
    expect(labPod.variables).toMatchObject({ serie_switch: 'FOC1234X0AB', model_switch: 'WS-C2960-24TT-L', kernswitch: 'snmp1-sw' });
  });

  it('mbi-1-1 switch-is-besteld: the recorded serial and model pass; another serial or model fails', async () => {
    // The criterion also wants the model in the candidate's inventory on srv1; here only its SNMP half.
    const snmpHalf = (loadExam(EXAM_1_1).value.criteria.find((x) => x.id === 'switch-is-besteld')!.check as { all: Record<string, unknown>[] }).all.find((c) => c.kind === 'snmp.identity')!;
    expect(snmpHalf).toMatchObject({ device: 'snmp1', serial: '{{serie_switch}}', model: '{{model_switch}}' });
    const r = await decide(
      EXAM_1_1,
      'switch-is-besteld',
      [
        asLab('lab'),
        // The exam's own defaults (WS-C2960 as a contains-match) describe the same switch.
        { id: 'defaults', candidate: labPod.candidate },
        asLab('otherserial', { serie_switch: 'FOC9999Z9ZZ' }),
        asLab('othermodel', { model_switch: 'WS-C3560' }),
      ],
      snmpHalf,
    );
    expect(r.lab).toMatchObject({ status: 'pass', actual: { serial: 'FOC1234X0AB', model: 'WS-C2960-24TT-L' } });
    expect(r.defaults.status).toBe('pass');
    expect(r.otherserial).toMatchObject({ status: 'fail', expected: { serial: 'FOC9999Z9ZZ' }, actual: { serial: 'FOC1234X0AB' } });
    expect(r.otherserial.message).toMatch(/ander apparaat, of verkeerd IP-adres/);
    expect(r.othermodel.status).toBe('fail');
    expect(r.othermodel.message).toMatch(/model WS-C2960-24TT-L is niet het verwachte WS-C3560/);
  });

  it('mbi-1-4 lldp-kern-sw: the core switch sees SW-000000 Gi0/2 on Gi0/1; another candidate\'s switch name or port fails', async () => {
    const r = await decide(EXAM_1_4, 'lldp-kern-sw', [asLab('lab'), { ...asLab('other'), candidate: { id: '123456' } }]);
    expect(r.lab).toMatchObject({ status: 'pass', expected: { port: 'GigabitEthernet0/1', neighbour: 'SW-000000', remote_port: 'GigabitEthernet0/2' } });
    expect(r.lab.message).toBe('LLDP-buur SW-000000 (Gi0/2) op GigabitEthernet0/1');
    expect(r.other.status).toBe('fail');
    expect(r.other.message).toMatch(/verwacht SW-123456 \(GigabitEthernet0\/2\) op GigabitEthernet0\/1, gevonden: SW-000000 \(Gi0\/2\) op GigabitEthernet0\/1/);
    const crossed = await decide(EXAM_1_4, 'lldp-kern-sw', [asLab('lab')], {
      kind: 'snmp.lldp-neighbour', device: 'snmp1', port: 'GigabitEthernet0/1', neighbour: 'SW-{{candidate.id}}', remote_port: 'GigabitEthernet0/1',
    });
    expect(crossed.lab.status).toBe('fail');
    const otherPort = await decide(EXAM_1_4, 'lldp-kern-sw', [asLab('lab')], { kind: 'snmp.lldp-neighbour', device: 'snmp1', port: 'Gi0/2', neighbour: 'SW-{{candidate.id}}' });
    expect(otherPort.lab.status).toBe('fail');
    expect(otherPort.lab.message).toMatch(/geen LLDP-buur op Gi0\/2/);
  });

  it('kernswitch (what sw1 must see via LLDP in mbi-1-4) is the recording\'s sysName', async () => {
    const loaded = loadExam(EXAM_1_4);
    expect(loaded.value.variables.kernswitch).toEqual({ value: labPod.variables?.kernswitch });
    const r = await decide(EXAM_1_4, 'lldp-kern-sw', [asLab('lab')], { kind: 'snmp.system', device: 'snmp1', sys_name: '{{kernswitch}}' });
    expect(r.lab).toMatchObject({ status: 'pass', expected: { sysName: 'snmp1-sw' } });
  });
});
