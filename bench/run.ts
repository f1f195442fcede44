// `npm run bench`: a class run by proeflab next to Ansible and a sequential script against the same
// stand-ins (in a separate process), the 1,000-device scale run and CLI cold start. Prints a
// Markdown table and writes bench/RESULTS.md.
//   node dist/bench/run.js [--pods 30] [--ansible-pods 30] [--forks 30] [--devices 1000] [--skip ansible,sequential,scale,server,cold] [--no-write]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { commandLatency, CRITERIA, distinctCommands, examYaml, HANDSHAKE_MS, HTTP_LATENCY_MS } from './class.js';
import { writeAnsible } from './ansible.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const node = process.execPath;
const argv = process.argv.slice(2);
const arg = (name: string, def: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
};
const PODS = Number(arg('pods', '30'));
const ANSIBLE_PODS = Math.min(PODS, Number(arg('ansible-pods', String(PODS))));
const FORKS = Number(arg('forks', '30'));
const DEVICES = Number(arg('devices', '1000'));
const skip = new Set(arg('skip', '').split(',').filter(Boolean));
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

interface Proc {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  peakRssKB?: number;
  cpuS?: number;
}

/** Run a command under /usr/bin/time (peak RSS, CPU seconds); wall time measured here. */
function timed(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Proc> {
  return new Promise((res) => {
    const t0 = performance.now();
    const p = spawn('/usr/bin/time', ['-f', '@@TIME %M %U %S', cmd, ...args], { cwd: opts.cwd ?? root, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const m = /@@TIME (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      res({ code, stdout, stderr: stderr.replace(/.*@@TIME.*\n?/, ''), wallMs, peakRssKB: m ? Number(m[1]) : undefined, cpuS: m ? Number(m[2]) + Number(m[3]) : undefined });
    });
  });
}

async function startLab(pods: number, dir: string) {
  const child = spawn(node, [join(root, 'dist/bench/lab-main.js'), String(pods), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((res, rej) => {
    rl.once('line', res);
    child.once('exit', (c) => rej(new Error(`stand-ins exited (${c})`)));
  });
  const info = JSON.parse(line) as { labFile: string; pods: { id: string; sw1: { port: number }; r1: { port: number }; srv1: number; srv2: number }[] };
  return {
    ...info,
    stop: () =>
      new Promise<void>((res) => {
        child.once('exit', () => res());
        child.stdin!.end();
      }),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---- floor: the slowest device's own handshake + its distinct requested command latencies ----
const deviceFloor = {
  sw1: HANDSHAKE_MS + distinctCommands('sw1').reduce((a, c) => a + commandLatency(c), 0),
  r1: HANDSHAKE_MS + distinctCommands('r1').reduce((a, c) => a + commandLatency(c), 0),
  srv1: CRITERIA.filter((c) => c.device === 'srv1' && c.http).length * HTTP_LATENCY_MS,
  srv2: CRITERIA.filter((c) => c.device === 'srv2' && c.http).length * HTTP_LATENCY_MS,
};
const floorMs = Math.max(...Object.values(deviceFloor));

const rows: string[][] = [];
const notes: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'proeflab-bench-'));
const examFile = join(dir, 'exam.yaml');
writeFileSync(examFile, examYaml());
const perDevice = (d: string) => CRITERIA.filter((c) => c.device === d).length;
log(`class: ${PODS} pods × (sw1 ${perDevice('sw1')}, r1 ${perDevice('r1')}, srv1 ${perDevice('srv1')}, srv2 ${perDevice('srv2')} criteria); floor ${sec(floorMs)}; dir ${dir}`);

// ---- proeflab, sequential, Ansible: each against fresh stand-ins in their own process ----
let proeflabMs = 0;
{
  const lab = await startLab(PODS, join(dir, 'proeflab'));
  log('proeflab check …');
  const r = await timed(node, [join(root, 'bin/proeflab.js'), 'check', examFile, '--lab', lab.labFile, '--format', 'json', '-q']);
  await lab.stop();
  const res = JSON.parse(r.stdout);
  const s = res.summary;
  proeflabMs = r.wallMs;
  const runMs = Date.parse(res.run.endedAt) - Date.parse(res.run.startedAt);
  rows.push([
    `proeflab check (${PODS} pods, CLI incl. start-up)`,
    sec(r.wallMs),
    `${(r.wallMs / floorMs).toFixed(2)}× floor`,
    `${(r.peakRssKB! / 1024).toFixed(0)} MB`,
    `${s.pass} pass / ${s.fail} fail / ${s.error} error of ${s.criteria}; facts fetched ${s.factsFetched} of ${s.factsRequested} requested`,
  ]);
  rows.push([`… of which the run itself (run.startedAt → endedAt)`, sec(runMs), `${(runMs / floorMs).toFixed(2)}× floor`, '', `CPU ${r.cpuS?.toFixed(1)} s`]);
  if (r.code !== 0) notes.push(`proeflab exit ${r.code}: ${r.stderr.slice(0, 500)}`);
}

if (!skip.has('sequential')) {
  const lab = await startLab(PODS, join(dir, 'sequential'));
  log('sequential script …');
  const r = await timed(node, [join(root, 'dist/bench/sequential.js'), join(dir, 'sequential', 'pods.json')]);
  await lab.stop();
  const s = JSON.parse(r.stdout.trim().split('\n').pop()!);
  rows.push([
    `sequential per-device script (${PODS} pods)`,
    sec(r.wallMs),
    `${(r.wallMs / floorMs).toFixed(1)}× floor; proeflab ${(r.wallMs / proeflabMs).toFixed(1)}× faster`,
    `${(r.peakRssKB! / 1024).toFixed(0)} MB`,
    `${s.pass} pass / ${s.fail} fail; ${s.commands} commands/requests (no dedupe)`,
  ]);
}

if (!skip.has('ansible')) {
  const lab = await startLab(ANSIBLE_PODS, join(dir, 'ansible'));
  const a = writeAnsible(join(dir, 'ansible'), lab.pods, FORKS);
  log(`ansible-playbook (${ANSIBLE_PODS} pods, forks ${FORKS}) …`);
  const r = await timed('ansible-playbook', ['-i', a.inventory, a.playbook], {
    cwd: join(dir, 'ansible'),
    env: { ANSIBLE_CONFIG: a.cfg, ANSIBLE_LOCAL_TEMP: join(dir, 'ansible', 'tmp'), ANSIBLE_PERSISTENT_CONTROL_PATH_DIR: join(dir, 'ansible', 'pc'), ANSIBLE_NOCOLOR: '1' },
  });
  await lab.stop();
  let detail = `exit ${r.code}`;
  try {
    const j = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    const st = Object.values(j.stats as Record<string, { ok: number; failures: number; ignored: number; unreachable: number }>);
    const sum = (k: 'ok' | 'failures' | 'ignored' | 'unreachable') => st.reduce((a, x) => a + x[k], 0);
    detail = `${st.length} hosts; tasks ok ${sum('ok')}, failed ${sum('failures') + sum('ignored')}, unreachable ${sum('unreachable')}`;
  } catch {
    detail += ': ' + r.stderr.slice(-300);
  }
  const scaled = ANSIBLE_PODS < PODS ? ` (only ${ANSIBLE_PODS} of ${PODS} pods: a lower bound)` : '';
  rows.push([
    `Ansible ${ANSIBLE_PODS === PODS ? '' : `(${ANSIBLE_PODS} pods) `}forks=${FORKS}: ios_command / uri / wait_for + assert`,
    sec(r.wallMs),
    `${(r.wallMs / floorMs).toFixed(1)}× floor; proeflab ${(r.wallMs / proeflabMs).toFixed(1)}× faster${scaled}`,
    `${(r.peakRssKB! / 1024).toFixed(0)} MB (controller process)`,
    `${detail}; CPU ${r.cpuS?.toFixed(0)} s`,
  ]);
}

// ---- scale: 1,000 devices and the runner in one process ----
if (!skip.has('scale')) {
  log(`scale: ${DEVICES} devices in one process …`);
  const r = await timed(node, [join(root, 'dist/bench/scale.js'), String(DEVICES)]);
  const s = JSON.parse(r.stdout.trim().split('\n').pop()!);
  rows.push([
    `scale: ${s.devices} simulated IOS devices + runner in one process`,
    sec(s.runMs),
    `(sims started in ${sec(s.simStartMs)})`,
    `${s.peakRssMB.toFixed(0)} MB peak (sims alone ${s.rssAfterSimsMB.toFixed(0)} MB)`,
    `peak ${s.peakFds} open fds of ${s.fdLimit}; ${s.pass} pass / ${s.fail} fail / ${s.error} error of ${s.criteria}; facts ${s.factsFetched} of ${s.factsRequested}`,
  ]);
  if (s.errors.length) notes.push(`scale errors: ${s.errors.join('; ')}`);
}

// ---- web app under load ----
if (!skip.has('server')) {
  log('web app: 30 pods → 5 examiners (SSE) + 60 student sessions polling …');
  const r = await timed(node, [join(root, 'dist/bench/server-load.js')]);
  try {
    const s = JSON.parse(r.stdout.trim().split('\n').pop()!);
    const c = s.perClient as { messages: number; podsDone: number; backwards: number }[];
    rows.push([
      `serve: ${s.pods} pods streamed to ${s.examiners} examiners (SSE), ${s.students} student sessions polling`,
      sec(s.classRunMs),
      `polls p50 ${s.pollP50.toFixed(0)} ms, p95 ${s.pollP95.toFixed(0)} ms, max ${s.pollMax.toFixed(0)} ms`,
      `${s.peakRssMB.toFixed(0)} MB (server + stand-ins)`,
      `every examiner: ${c.map((x) => x.podsDone).join('/')} of ${s.pods} pods done, ${c.reduce((a, x) => a + x.backwards, 0)} out-of-order, ${c[0].messages} messages each; stored ${s.stored.pods} pods × criteria ${s.stored.criteria}, duplicates ${s.stored.duplicatePods + s.stored.duplicateCriteria}; ${s.polls} polls, ${s.pollErrors} errors; self-check starts ${s.selfCheckStarts.filter((x: number) => x === 303).length}/${s.selfCheckStarts.length} accepted`,
    ]);
  } catch {
    notes.push(`server load failed: ${r.stderr.slice(-500)}`);
  }
}

// ---- cold start ----
if (!skip.has('cold')) {
  for (const [label, args] of [
    ['proeflab --version', ['--version']],
    ['proeflab exams validate (whole catalog)', ['exams', 'validate']],
  ] as const) {
    const walls: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await timed(node, [join(root, 'bin/proeflab.js'), ...args]);
      walls.push(r.wallMs);
      cpu.push(r.cpuS! * 1000);
    }
    rows.push([`cold start: ${label}`, `${median(walls).toFixed(0)} ms`, `median of 7 (min ${Math.min(...walls).toFixed(0)} ms)`, '', `CPU median ${median(cpu).toFixed(0)} ms`]);
  }
}

const table = [
  '| what | wall time | ratio | peak memory | details |',
  '|---|---|---|---|---|',
  `| floor: slowest device (switch) = ${HANDSHAKE_MS} ms handshake + ${distinctCommands('sw1').length} distinct show commands | ${sec(floorMs)} | 1.00× | | router ${sec(deviceFloor.r1)}, servers ${sec(deviceFloor.srv1)} |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
process.stdout.write(`\n${table}\n\nmachine: ${machine}\n${notes.map((n) => `note: ${n}`).join('\n')}\n`);
if (!argv.includes('--no-write')) {
  const out = join(root, 'bench', 'RESULTS.latest.md');
  writeFileSync(out, `# npm run bench — ${new Date().toISOString()}\n\nmachine: ${machine}\n\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  log(`written ${out} (bench/RESULTS.md is the annotated copy)`);
}
void readFileSync;
