// Lab scenarios: named lab states as data (exams/scenarios/*.yaml), applied through explicit write
// paths — IOS/RouterOS configuration over the device's management session, shell commands on
// Linux hosts over SSH with sudo. Never through a driver's gather()/check path.
//
//   id: fout-access-vlan
//   title: …
//   kind: blank | solution | fault
//   base: solution:lab-vlan-routering     # applied first (optional)
//   steps:
//     - { device: sw1, ios: "interface FastEthernet0/1\n switchport access vlan 20" }
//     - { device: mt1, routeros: "/ip address add address=… interface=…" }
//     - { device: srv1, shell: "pkill dnsmasq" }
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parse } from 'yaml';
import { repoRoot, type Log } from './engine.js';
import type { LabHandle } from './lab.js';
import { iosConfigure, routerosRun, sshRunWrite } from './write.js';

const Step = z
  .object({
    device: z.string(),
    ios: z.string().optional().describe('IOS configuration lines (entered in configure terminal)'),
    routeros: z.string().optional().describe('RouterOS commands, one per line'),
    shell: z.string().optional().describe('Shell command on a Linux host, run with sudo'),
  })
  .strict()
  .refine((s) => [s.ios, s.routeros, s.shell].filter((x) => x !== undefined).length === 1, 'a step has exactly one of ios, routeros, shell');

export const Scenario = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(['blank', 'solution', 'fault']),
    description: z.string().optional(),
    werkprocessen: z.array(z.string()).default([]),
    /** Exam whose criteria detect this fault (criterion ids listed in `detected_by`). */
    exam: z.string().optional(),
    detected_by: z.array(z.string()).default([]),
    base: z.string().optional(),
    steps: z.array(Step).default([]),
    /** Steps that repair the fault again (the test suite uses them between fault scenarios). */
    undo: z.array(Step).default([]),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;

export const scenariosDir = () => join(repoRoot(), 'exams', 'scenarios');

export function listScenarios(dir = scenariosDir()): Scenario[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => loadScenarioFile(join(dir, f)));
}

export function loadScenarioFile(file: string): Scenario {
  const r = Scenario.safeParse(parse(readFileSync(file, 'utf8')));
  if (!r.success) throw new Error(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** `blank`, `solution:<exam-id>` (file solution-<exam-id>.yaml) or a scenario id. */
export function resolveScenario(name: string, dir = scenariosDir()): Scenario {
  const all = listScenarios(dir);
  const id = name.startsWith('solution:') ? `solution-${name.slice('solution:'.length)}` : name;
  const s = all.find((x) => x.id === id);
  if (!s) throw new Error(`unknown scenario '${name}' (known: blank, ${all.map((x) => (x.kind === 'solution' ? `solution:${x.id.replace(/^solution-/, '')}` : x.id)).join(', ')})`);
  return s;
}

export async function applyScenario(name: string, o: { lab: LabHandle; log?: Log; dir?: string; skipBase?: boolean }, seen = new Set<string>()): Promise<Scenario | undefined> {
  if (name === 'blank') return undefined;
  const s = resolveScenario(name, o.dir);
  if (seen.has(s.id)) throw new Error(`scenario '${s.id}' includes itself through base:`);
  seen.add(s.id);
  if (s.base && s.base !== 'blank' && !o.skipBase) await applyScenario(s.base, o, seen);
  o.log?.(`scenario ${s.id}: ${s.steps.length} step(s)`);
  await runSteps(o.lab, s.steps);
  return s;
}

/** Repair a fault scenario with its `undo` steps. */
export async function undoScenario(name: string, o: { lab: LabHandle; log?: Log; dir?: string }): Promise<void> {
  const s = resolveScenario(name, o.dir);
  o.log?.(`undo ${s.id}: ${s.undo.length} step(s)`);
  await runSteps(o.lab, s.undo);
}

async function runSteps(lab: LabHandle, steps: z.infer<typeof Step>[]): Promise<void> {
  for (const step of steps) {
    if (step.ios !== undefined) await iosConfigure(lab, step.device, step.ios);
    else if (step.routeros !== undefined) await routerosRun(lab, step.device, step.routeros);
    else if (step.shell !== undefined) await sshRunWrite(lab, step.device, step.shell);
  }
}
