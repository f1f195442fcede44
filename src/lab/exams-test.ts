// `proeflab exams test`: every automated exam proves itself on the containerised lab. Bring the lab
// into the exam's start state, run the exam (expect a low score and no `error`), apply the reference
// solution, run again (expect every automated criterion to pass). A criterion that passes on the
// start state or fails on the solution is a bug in the exam.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { candidateVariables } from '../core/assignment.js';
import { EXAMS_DIR, findExamFiles, loadExam, resolveExamRef } from '../core/exams.js';
import { createRegistry } from '../core/registry.js';
import { run } from '../core/runner.js';
import { interpolateDeep } from '../core/vars.js';
import type { Exam } from '../model/exam.js';
import { Lab } from '../model/lab.js';
import { loadYaml, type LoadedYaml } from '../model/load.js';
import type { PodResult } from '../model/result.js';
import { dockerDir, type Log } from './engine.js';
import { labStatus, labUp, openLab, recreateDevices, SERVICES, type LabHandle } from './lab.js';
import { listScenarios, type Scenario } from './scenarios.js';
import { CHANGED_MARKER, labContainer as container, iosConfigure, routerosRun, sshRunWrite } from './write.js';

export interface ExamTestRow {
  exam: string;
  status: 'ok' | 'bug' | 'skipped';
  before?: Counts;
  after?: Counts;
  problems: string[];
}
type Counts = { pass: number; fail: number; error: number; skipped: number };

const counts = (r: PodResult): Counts => {
  const auto = r.criteria.filter((c) => !c.observe);
  const n = (s: string) => auto.filter((c) => c.status === s).length;
  return { pass: n('pass'), fail: n('fail'), error: n('error'), skipped: n('skipped') };
};

/** Scenarios live in exams/scenarios (faults, shared states) and exams/solutions (per exam). */
function scenario(name: string): Scenario {
  const all = [join(EXAMS_DIR, 'scenarios'), join(EXAMS_DIR, 'solutions')].filter(existsSync).flatMap((d) => listScenarios(d));
  const id = name.startsWith('solution:') ? `solution-${name.slice('solution:'.length)}` : name;
  const s = all.find((x) => x.id === id);
  if (!s) throw new Error(`unknown scenario '${name}'`);
  return s;
}

/** The lab devices a scenario (and its base) writes to. */
function writes(name: string): Set<string> {
  if (name === 'blank') return new Set();
  const s = scenario(name);
  const out = s.base && s.base !== 'blank' ? writes(s.base) : new Set<string>();
  for (const step of s.steps) out.add(step.device);
  return out;
}


/** Apply a scenario (and its base) with the candidate's own values filled in. */
async function apply(name: string, lab: LabHandle, scope: Record<string, unknown>, log: Log, applied = new Set<string>()): Promise<void> {
  if (name === 'blank' || applied.has(name)) return; // a solution's base is usually the start already applied
  const s = scenario(name);
  applied.add(name);
  if (s.base && s.base !== 'blank') await apply(s.base, lab, scope, log, applied);
  log(`  scenario ${s.id}: ${s.steps.length} stap(pen)`);
  for (const step of interpolateDeep(s.steps, scope)) {
    if (step.ios !== undefined) await iosConfigure(lab, step.device, step.ios);
    else if (step.routeros !== undefined) await routerosRun(lab, step.device, step.routeros);
    else if (step.shell !== undefined) await sshRunWrite(lab, step.device, step.shell);
  }
  // Daemons restarted by the steps (sshd re-executing on SIGHUP, a data plane following a new
  // configuration) need a moment, as they would before an examinator starts grading.
  await new Promise((r) => setTimeout(r, 2500));
}

export function automatedExams(refs: string[]): LoadedYaml<Exam>[] {
  const files = refs.length ? refs.map((r) => resolveExamRef(r)) : findExamFiles();
  return files.map(loadExam).filter((e) => e.value.scenario?.solution && e.value.criteria.some((c) => !c.observe));
}

export async function examsTest(refs: string[], o: { labFile?: string; reset?: boolean; log?: Log } = {}): Promise<ExamTestRow[]> {
  const log = o.log ?? (() => {});
  const labFile = o.labFile ?? join(dockerDir(), 'lab.yaml');
  const lab = loadYaml(labFile, Lab);
  const pod = lab.value.pods[0];
  const registry = createRegistry();
  const rows: ExamTestRow[] = [];
  if (o.reset !== false) {
    const status = await labStatus().catch(() => []);
    if (!status.length || status.some((r) => !r.ready)) await labUp({ log });
  }
  for (const exam of automatedExams(refs)) {
    const e = exam.value;
    const missing = Object.keys(e.roles).filter((r) => !(r in pod.devices));
    if (missing.length) {
      rows.push({ exam: e.id, status: 'skipped', problems: [`het lab mist de rol(len) ${missing.join(', ')}`] });
      continue;
    }
    log(`${e.id}:`);
    const problems: string[] = [];
    try {
      const start = e.scenario?.start ?? 'blank';
      const touched = new Set([...writes(start), ...writes(e.scenario!.solution!)].map(container));
      const involved = new Set([...touched, ...Object.keys(e.roles).map(container)].filter((d) => (SERVICES as readonly string[]).includes(d)));
      if (o.reset !== false) {
        // Containers that an earlier exam, scenario or run wrote to (write.ts marks them): recreated
        // (seconds) so every exam starts from the lab's own start state without a full down/up.
        const before = await openLab();
        const changed: string[] = [];
        for (const d of involved) if (await before.exec(d, ['test', '-e', CHANGED_MARKER]).then(() => true, () => false)) changed.push(d);
        if (changed.length) {
          log(`  opnieuw aanmaken: ${changed.join(', ')}`);
          await recreateDevices(changed, { log });
        }
      }
      const handle = await openLab();
      const { scope } = candidateVariables(e, lab.value, pod);
      const applied = new Set<string>();
      await apply(start, handle, scope, log, applied);
      const grade = async () => (await run({ exams: [exam], lab, registry, pods: [pod.id] })).results[0];
      const before = await grade();
      for (const c of before.criteria) {
        if (c.observe) continue;
        if (c.status === 'error') problems.push(`startsituatie: ${c.id} niet waarneembaar: ${c.message}`);
        if (c.status === 'pass') problems.push(`startsituatie: ${c.id} is al behaald (criterium toetst niets)`);
      }
      await apply(e.scenario!.solution!, handle, scope, log, applied);
      const after = await grade();
      for (const c of after.criteria) if (!c.observe && c.status !== 'pass') problems.push(`oplossing: ${c.id} ${c.status}: ${c.message}`);
      rows.push({ exam: e.id, status: problems.length ? 'bug' : 'ok', before: counts(before), after: counts(after), problems });
    } catch (err) {
      rows.push({ exam: e.id, status: 'bug', problems: [...problems, `kon niet worden getest: ${(err as Error).message.split('\n')[0]}`] });
    }
  }
  return rows;
}
