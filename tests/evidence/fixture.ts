// A small exam session without network: a table driver stands in for the devices, so bundles can
// be written from real runner output (redaction, dedupe, depends_on, observation criteria).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, type Registry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import { writeBundle } from '../../src/evidence/bundle.js';
import { initKey, type SigningKey } from '../../src/evidence/crypto.js';
import type { RunResult } from '../../src/model/result.js';
import { containsCheck, exam as examOf, lab as labOf, tableDriver } from '../helpers.js';

export const SECRET = 'Zeer-Geheim-42';

export const EXAM_YAML = `id: test-exam
version: 1.0.0
title: { nl: Testexamen, en: Test exam }
dossier: ict-en-mediabeheer
werkprocessen: [B1-K1-W1, B1-K2-W2]
roles: { sw1: fake }
variables:
  hostnaam: { template: "sw-{{candidate.id}}" }
criteria:
  - id: vlan
    title: { nl: "VLAN 10 op {{hostnaam}}", en: "VLAN 10 on {{hostnaam}}" }
    points: 2
    cruciaal: true
    check: { kind: test.contains, device: sw1, command: show vlan, text: "10 users" }
  - id: ssh
    title: SSH staat aan
    check: { kind: test.contains, device: sw1, command: show ip ssh, text: "SSH Enabled" }
  - id: community
    title: SNMP-community is ingesteld (waarde is geheim)
    check: { kind: test.contains, device: sw1, command: show run, text: "snmp-server community <redacted> RO" }
  - id: hostnaam
    title: Hostnaam is ingesteld
    check: { kind: test.contains, device: sw1, command: show run, text: "hostname {{hostnaam}}" }
  - id: trunk
    title: Trunk naar r1
    depends_on: [ssh]
    check: { kind: test.contains, device: sw1, command: show int trunk, text: "Gi0/1" }
  - id: uitleg
    title: { nl: Licht de VLAN-indeling toe, en: Explains the VLAN plan }
    observe: true
    scale: 0-3
    points: 1
  - id: houding
    title: Professionele houding
    observe: true
    scale: bpv
    points: 3
`;

export function labYaml(pods: { id: string; candidate: string; name: string }[]) {
  return `name: testlab
credentials:
  sw: { username: admin, password: { env: TEST_SW_PASSWORD }, community: { env: TEST_SW_COMMUNITY } }
pods:
${pods.map((p) => `  - id: ${p.id}\n    candidate: { id: "${p.candidate}", name: ${p.name}, class: ICT4B }\n    devices: { sw1: { platform: fake, host: 127.0.0.1, credentials: sw, options: { enable_password: inline-secret } } }`).join('\n')}
`;
}

export const ENV = { TEST_SW_PASSWORD: 'admin-pass-1', TEST_SW_COMMUNITY: SECRET };

/** Device outputs of a candidate who did it right (except the trunk) for a given hostname. */
export function goodTable(host: string): Record<string, string> {
  return {
    'show vlan': 'VLAN Name Status\n1 default active\n10 users active\n20 servers active',
    'show ip ssh': 'SSH Enabled - version 2.0',
    'show run': `hostname ${host}\n!\nsnmp-server community ${SECRET} RO\nusername admin secret 9 $9$abcdefghijklmn$opqrstuvwxyz0123456789ABCDEFGHIJ\n!\nend`,
    'show int trunk': 'Port Mode Encapsulation Status Native vlan\nGi0/2 on 802.1q trunking 1',
  };
}

export const blankTable: Record<string, string> = {
  'show vlan': 'VLAN Name Status\n1 default active',
  'show ip ssh': 'SSH Disabled - version 1.99',
  'show run': 'hostname Switch\n!\nend',
  'show int trunk': '',
};

export interface Session {
  dir: string;
  root: string;
  key: SigningKey;
  otherKey: SigningKey;
  exam: ReturnType<typeof examOf>;
  lab: ReturnType<typeof labOf>;
  registry: Registry;
}

export function newSession(pods = [{ id: 'pod01', candidate: '200001', name: 'Anna Bakker' }]): Session {
  const dir = mkdtempSync(join(tmpdir(), 'proeflab-evidence-'));
  return {
    dir,
    root: join(dir, 'evidence'),
    key: initKey(join(dir, 'keys', 'examiner.pem')),
    otherKey: initKey(join(dir, 'keys', 'other.pem')),
    exam: examOf(EXAM_YAML),
    lab: labOf(labYaml(pods)),
    registry: createRegistry([tableDriver('fake', {})], [containsCheck]),
  };
}

/** Run the exam for the pods with the given device outputs (per pod) and write one bundle per pod. */
export async function runPhase(s: Session, phase: string, tables: Record<string, Record<string, string>>, runId: string): Promise<{ result: RunResult; dirs: Record<string, string> }> {
  const dirs: Record<string, string> = {};
  let last: RunResult | undefined;
  for (const [pod, table] of Object.entries(tables)) {
    const registry = createRegistry([tableDriver('fake', table)], [containsCheck]);
    const result = await run({ exams: [s.exam], lab: s.lab, registry, pods: [pod], env: ENV, phase, examiner: 'E. Xaminator', runId: `${runId}-${pod}` });
    dirs[pod] = writeBundle({ root: s.root, result, pod, exam: s.exam, lab: s.lab, key: s.key, signerName: 'E. Xaminator', registry });
    last = result;
  }
  return { result: last!, dirs };
}

export function copyBundle(dir: string): string {
  const to = join(mkdtempSync(join(tmpdir(), 'proeflab-tamper-')), 'b');
  cpSync(dir, to, { recursive: true });
  return to;
}
