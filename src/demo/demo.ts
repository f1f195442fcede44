// `proeflab demo`: the sample exam against built-in stand-ins for two candidates — one who
// configured everything right and one who made the usual mistakes. No Docker, no root.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pc from 'picocolors';
import { stringify } from 'yaml';
import { EXAMS_DIR, loadExam } from '../core/exams.js';
import { createRegistry } from '../core/registry.js';
import { newRunId, run } from '../core/runner.js';
import { drawVariables } from '../core/vars.js';
import { Lab } from '../model/lab.js';
import type { RunResult } from '../model/result.js';
import { parseYaml } from '../model/load.js';
import { render, writeReports } from '../report/index.js';
import { RunStore } from '../store/sqlite.js';
import { createProgress } from '../cli/progress.js';
import { closedPort, startDnsServer, startTcpService, startWebServer } from './standins.js';

interface DemoCandidate {
  pod: string;
  id: string;
  name: string;
  /** true: configured as the assignment asks; false: typical mistakes. */
  right: boolean;
}

const CANDIDATES: DemoCandidate[] = [
  { pod: 'pod01', id: '100001', name: 'Sanne de Vries', right: true },
  { pod: 'pod02', id: '100002', name: 'Daan Jansen', right: false },
];

export async function startDemoLab(dir: string) {
  const exam = loadExam(join(EXAMS_DIR, 'demo', 'demo-intranet.yaml'));
  const closers: (() => Promise<void>)[] = [];
  const pods = [];
  for (const c of CANDIDATES) {
    // The stand-in is configured from the candidate's own variables, as the candidate would.
    const v = drawVariables(exam.value.variables, exam.value.id, c.id, {}, { candidate: { id: c.id } });
    const domain = String(v.domein);
    const web = await startWebServer({
      certName: c.right ? `www.${domain}` : 'localhost',
      certDays: c.right ? 365 : 10,
      body: c.right ? `<h1>Welkom bij ${v.bedrijf}</h1><p>Intranet</p>` : '<h1>It works!</h1>',
      redirectToHttps: c.right,
      redirectHost: `www.${domain}`,
    });
    const records = [
      { name: `www.${domain}`, type: 'A' as const, value: '127.0.0.1' },
      { name: `intranet.${domain}`, type: c.right ? ('CNAME' as const) : ('A' as const), value: c.right ? `www.${domain}` : '127.0.0.1' },
      ...(c.right ? [{ name: domain, type: 'MX' as const, value: `10 mail.${domain}` }] : []),
      { name: `mail.${domain}`, type: 'A' as const, value: '127.0.0.1' },
    ];
    const dns = await startDnsServer(records);
    const ssh = await startTcpService('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n');
    const telnet = c.right ? undefined : await startTcpService('\r\nUbuntu 22.04 LTS\r\nlogin: ');
    closers.push(web.close, dns.close, ssh.close, ...(telnet ? [telnet.close] : []));
    pods.push({
      id: c.pod,
      candidate: { id: c.id, name: c.name, class: 'ICT4A' },
      devices: { srv1: { platform: 'net', host: '127.0.0.1' } },
      variables: {
        http_port: web.httpPort,
        https_port: web.httpsPort,
        dns_port: dns.port,
        ssh_port: ssh.port,
        telnet_port: telnet?.port ?? (await closedPort()),
      },
    });
  }
  const labDoc = { name: 'demo', seed: exam.value.id, defaults: { timeout: 10 }, pods };
  mkdirSync(dir, { recursive: true });
  const labFile = join(dir, 'lab.yaml');
  const source = `# yaml-language-server: $schema=../../schemas/lab.schema.json\n# Written by proeflab demo: the built-in stand-ins on loopback.\n${stringify(labDoc)}`;
  writeFileSync(labFile, source);
  const lab = parseYaml(labFile, source, Lab);
  return { exam, lab, labFile, close: () => Promise.all(closers.map((c) => c())).then(() => undefined) };
}

export async function demoCommand(o: { out: string; lang: 'nl' | 'en'; quiet?: boolean }): Promise<number> {
  const out = resolve(o.out);
  const w = o.lang === 'en';
  process.stderr.write(pc.bold(w ? 'proeflab demo: starting stand-ins on loopback…\n' : 'proeflab demo: stand-ins starten op loopback…\n'));
  const demo = await startDemoLab(out);
  const progress = createProgress(process.stderr, { quiet: o.quiet });
  const store = new RunStore(join(out, 'proeflab.db'));
  const runId = newRunId();
  const record = store.recorder(runId, { mode: 'exam', lab: 'demo', exams: [demo.exam.value.id] });
  let result: RunResult;
  try {
    result = await run({
      exams: [demo.exam],
      lab: demo.lab,
      registry: createRegistry(),
      lang: o.lang,
      runId,
      examiner: 'demo',
      phase: 'eindmeting',
      onEvent: (e) => {
        if (!o.quiet) progress.onEvent(e);
        record(e);
      },
    });
  } finally {
    progress.done();
    await demo.close();
  }
  store.finish(runId, result);
  store.close();
  process.stdout.write(render(result, 'text', o.lang));
  const files = writeReports(result, out, ['html', 'junit'], o.lang);
  process.stdout.write(
    `\n${w ? 'written' : 'geschreven'}:\n${[demo.labFile, ...files, join(out, 'proeflab.db')].map((f) => `  ${f}`).join('\n')}\n`,
  );
  // Signed evidence bundle per pod (demo key in the output directory, never the installation key).
  const { writeDemoBundles } = await import('../evidence/demo.js');
  const bundles = writeDemoBundles({ out, result, exam: demo.exam, lab: demo.lab });
  process.stdout.write(`${w ? 'evidence bundles (verify with: proeflab verify <dir>)' : 'bewijsbundels (controleer met: proeflab verify <map>)'}:\n${bundles.dirs.map((f) => `  ${f}`).join('\n')}\n`);
  if (!bundles.ok) {
    process.stderr.write(pc.red(`demo self-test failed: evidence bundle does not verify: ${bundles.problems.join('; ')}\n`));
    return 1;
  }
  // Self-test: the candidate who did everything right must not fail anything.
  const reference = result.results.find((r) => r.pod === 'pod01');
  const wrong = reference?.criteria.filter((c) => c.status === 'fail' || c.status === 'skipped') ?? [];
  if (wrong.length) {
    process.stderr.write(pc.red(`demo self-test failed: pod01 should pass but fails ${wrong.map((c) => c.id).join(', ')}\n`));
    return 1;
  }
  const errors = reference?.criteria.filter((c) => c.status === 'error') ?? [];
  if (errors.length) process.stderr.write(pc.yellow(`let op: ${errors.map((c) => `${c.id}: ${c.message}`).join('; ')}\n`));
  return 0;
}
