// Scale: N simulated IOS devices (N/2 pods × switch + router) and the runner in ONE process.
// Reports wall time of the run, peak RSS, peak open file descriptors (/proc/self/fd) and verdicts.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExam } from '../src/core/exams.js';
import { createRegistry } from '../src/core/registry.js';
import { run } from '../src/core/runner.js';
import { Lab } from '../src/model/lab.js';
import { loadYaml } from '../src/model/load.js';
import { examYaml } from './class.js';
import { startClass } from './standins.js';

const devices = Number(process.argv[2] ?? 1000);
const handshakeMs = Number(process.argv[3] ?? 2000);
const scale = Number(process.argv[4] ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'proeflab-scale-'));
const fds = () => readdirSync('/proc/self/fd').length;
let peakFds = fds();
const sampler = setInterval(() => (peakFds = Math.max(peakFds, fds())), 100);
const t0 = performance.now();
const lab = await startClass({ pods: Math.ceil(devices / 2), dir, servers: false, handshakeMs, latencyScale: scale });
const startMs = performance.now() - t0;
const examFile = join(dir, 'exam.yaml');
writeFileSync(examFile, examYaml({ networkOnly: true }));
const rssBefore = process.memoryUsage().rss;
const t1 = performance.now();
const result = await run({ exams: [loadExam(examFile)], lab: loadYaml(lab.labFile, Lab), registry: createRegistry(), mode: 'exam' });
const runMs = performance.now() - t1;
clearInterval(sampler);
peakFds = Math.max(peakFds, fds());
const s = result.summary;
await lab.close();
process.stdout.write(
  JSON.stringify({
    devices: lab.pods.length * 2,
    simStartMs: startMs,
    runMs,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    rssAfterSimsMB: rssBefore / 2 ** 20,
    peakFds,
    fdLimit: Number(/Max open files\s+(\d+)/.exec(await import('node:fs').then((f) => f.readFileSync('/proc/self/limits', 'utf8')))?.[1]),
    criteria: s.criteria,
    pass: s.pass,
    fail: s.fail,
    error: s.error,
    factsRequested: s.factsRequested,
    factsFetched: s.factsFetched,
    errors: [...new Set(result.results.flatMap((r) => r.criteria.filter((c) => c.status === 'error').map((c) => c.message)))].slice(0, 5),
  }) + '\n',
);
process.exit(0);
