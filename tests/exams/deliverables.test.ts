// Exams whose reference solution only publishes deliverables on srv1's web server (documents in
// /opdracht/<candidate>/, service-desk exports in /servicedesk/), proven without the container lab.
//
// Per exam: the solution's shell steps, rendered for the containerised lab's candidate (docker/lab.yaml,
// pod `lab`) as `proeflab exams test` renders them, are run with a throwaway directory standing in for
// nginx's /var/www/html; a node:http server on 127.0.0.1 serves that directory the way nginx serves
// /var/www/html (a file → 200, anything else → 404), and the exam runs through the runner against a
// copy of the lab's pod whose `web_url` points at that server. On the blank lab (empty web root) every
// automated criterion fails — a missing deliverable is `fail`, never `error` — and on the solution
// every automated criterion passes.
//
// A solution qualifies when every step is a `shell:` step on srv1 that only creates directories,
// writes files with quoted heredocs and sets permissions, all under /var/www/html. That check is also
// what makes running the script on this machine safe: nothing outside the stand-in web root is touched.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { candidateVariables } from '../../src/core/assignment.js';
import { loadCatalog } from '../../src/core/catalog.js';
import { EXAMS_DIR, REPO_ROOT, findExamFiles, loadExam } from '../../src/core/exams.js';
import { createRegistry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import { interpolateDeep } from '../../src/core/vars.js';
import type { CheckExpr, Exam } from '../../src/model/exam.js';
import { Lab } from '../../src/model/lab.js';
import { loadYaml, type LoadedYaml } from '../../src/model/load.js';
import { loadScenarioFile, type Scenario } from '../../src/lab/scenarios.js';

const WEB_ROOT = '/var/www/html';
const DELIVERABLE_KINDS = new Set(['http.document', 'http.csv-record']);

// --- which exams: solutions that only write under srv1's web root -----------------------------------

const PATH = /^\/var\/www\/html(\/[\w.-]+)*\/?$/;
const okPath = (p: string) => PATH.test(p) && !p.split('/').includes('..');

/**
 * The files a rendered script writes, or why it is not a pure deliverables script. Allowed: `set -e`,
 * `mkdir -p <dir>…`, `chmod -R a+rX <path>…`, `cat > <file> <<'DELIM'` … `DELIM` (quoted delimiter: the
 * body is written literally), every path under /var/www/html.
 */
function deliverableFiles(script: string): { files: string[] } | { reason: string } {
  const files: string[] = [];
  const lines = script.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line === 'set -e') continue;
    const mk = /^mkdir -p((?: \S+)+)$/.exec(line) ?? /^chmod -R a\+rX((?: \S+)+)$/.exec(line);
    if (mk) {
      const bad = mk[1].trim().split(/\s+/).filter((p) => !okPath(p));
      if (bad.length) return { reason: `line ${i + 1}: path outside ${WEB_ROOT}: ${bad.join(' ')}` };
      continue;
    }
    const cat = /^cat > (\S+) <<'([A-Z]+)'$/.exec(line);
    if (cat) {
      if (!okPath(cat[1])) return { reason: `line ${i + 1}: writes outside ${WEB_ROOT}: ${cat[1]}` };
      const end = lines.indexOf(cat[2], i + 1);
      if (end < 0) return { reason: `line ${i + 1}: heredoc ${cat[2]} is never closed` };
      files.push(cat[1]);
      i = end;
      continue;
    }
    return { reason: `line ${i + 1}: not a deliverables command: ${line}` };
  }
  return files.length ? { files } : { reason: 'writes no file' };
}

function leaves(c: CheckExpr | undefined): { kind: string }[] {
  if (!c) return [];
  if ('all' in c && Array.isArray(c.all)) return c.all.flatMap(leaves);
  if ('any' in c && Array.isArray(c.any)) return c.any.flatMap(leaves);
  if ('not' in c && c.not && typeof c.not === 'object') return leaves(c.not as CheckExpr);
  return [c as { kind: string }];
}
const automated = (e: Exam) => e.criteria.filter((c) => !c.observe);

// The containerised lab's pod: its candidate and variables, its devices without credentials (the
// checks here are all the harness's own HTTP requests; no device is contacted).
const dockerLab = loadYaml(join(REPO_ROOT, 'docker', 'lab.yaml'), Lab);
const dockerPod = dockerLab.value.pods.find((p) => p.id === 'lab')!;

const solutionFile = (ref: string) => join(EXAMS_DIR, 'solutions', `${ref.replace(/^solution:/, 'solution-')}.yaml`);

interface Case {
  exam: LoadedYaml<Exam>;
  solution: Scenario;
  script: string;
  files: string[];
}

const catalog = loadCatalog();
const allExams = findExamFiles().map(loadExam);
const cases: Case[] = [];
const rejected = new Map<string, string>();
for (const exam of allExams) {
  const ref = exam.value.scenario?.solution;
  if (!ref || !existsSync(solutionFile(ref))) continue;
  const solution = loadScenarioFile(solutionFile(ref));
  if (!solution.steps.every((s) => s.device === 'srv1' && s.shell !== undefined)) continue;
  const { scope } = candidateVariables(exam.value, dockerLab.value, dockerPod);
  const script = interpolateDeep(solution.steps, scope)
    .map((s) => s.shell!)
    .join('\n');
  const r = deliverableFiles(script);
  if ('reason' in r) rejected.set(exam.value.id, r.reason);
  else cases.push({ exam, solution, script, files: r.files });
}

// --- a stand-in for nginx serving /var/www/html -------------------------------------------------

let server: Server;
let root = '';
let webUrl = '';
const work = mkdtempSync(join(tmpdir(), 'proeflab-deliverables-'));

function serve(dir: string) {
  root = dir;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404 Not Found</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  webUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

/** docker/lab.yaml's pod `lab` with web_url pointing at the stand-in server. */
function labFile(): LoadedYaml<Lab> {
  const file = join(work, 'lab.yaml');
  const devices = Object.fromEntries(Object.entries(dockerPod.devices).map(([role, { credentials: _c, ...d }]) => [role, d]));
  const lab = {
    name: 'deliverables',
    ...(dockerLab.value.seed ? { seed: dockerLab.value.seed } : {}),
    pods: [{ id: dockerPod.id, candidate: dockerPod.candidate, variables: { ...dockerPod.variables, web_url: webUrl }, devices }],
  };
  writeFileSync(file, stringify(lab));
  return loadYaml(file, Lab);
}

async function grade(exam: LoadedYaml<Exam>) {
  const r = await run({ exams: [exam], lab: labFile(), registry: createRegistry(), pods: [dockerPod.id] });
  const pod = r.results[0];
  expect(pod.variables.web_url).toBe(webUrl);
  expect(pod.candidate?.id).toBe(dockerPod.candidate?.id);
  return pod.criteria.filter((c) => !c.observe);
}

// --- the tests ------------------------------------------------------------------------------------

describe('deliverable exams (solutions that publish on srv1’s web server)', () => {
  it('finds them: every exam judged only on published deliverables has such a solution', () => {
    const deliverableOnly = allExams
      .map((x) => x.value)
      .filter((e) => catalog.get(e.dossier)?.kind !== 'bpv-afsprakenlijst')
      .filter((e) => automated(e).length > 0 && automated(e).every((c) => leaves(c.check).every((l) => DELIVERABLE_KINDS.has(l.kind))));
    const covered = new Set(cases.map((c) => c.exam.value.id));
    expect(deliverableOnly.map((e) => e.id).filter((id) => !covered.has(id)).map((id) => `${id}: ${rejected.get(id) ?? 'no solution'}`)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(17);
  });

  it('the script filter refuses anything but writing under /var/www/html', () => {
    expect(deliverableFiles("set -e\nmkdir -p /var/www/html/a\ncat > /var/www/html/a/b.md <<'E'\n# x\nrm -rf /\nE")).toEqual({ files: ['/var/www/html/a/b.md'] });
    expect('reason' in deliverableFiles('mkdir -p /etc/nginx')).toBe(true);
    expect('reason' in deliverableFiles("cat > /var/www/html/../../etc/x <<'E'\nE")).toBe(true);
    expect('reason' in deliverableFiles('cat > /var/www/html/x <<E\nE')).toBe(true); // unquoted: the body would be expanded
    expect('reason' in deliverableFiles("cat > /var/www/html/x <<'E'\nno end")).toBe(true);
    expect('reason' in deliverableFiles('nginx -s reload')).toBe(true);
  });

  for (const { exam, solution, script, files } of cases) {
    const e = exam.value;
    it(`${e.id}: blank lab → every automated criterion fails (none error); ${solution.id} → all pass`, async () => {
      expect(solution.kind).toBe('solution');
      expect(solution.exam).toBe(e.id);
      expect(e.scenario?.start ?? 'blank').toBe('blank');
      expect(script).not.toContain('{{');

      // Blank: srv1's web root without the candidate's deliverables.
      const blank = join(work, `${e.id}-blank`);
      mkdirSync(blank, { recursive: true });
      serve(blank);
      const before = await grade(exam);
      // A criterion that depends on a failed one is skipped (the candidate is not marked down twice).
      const dependent = new Set(e.criteria.filter((c) => c.depends_on.length > 0).map((c) => c.id));
      const unexpected = before.filter((c) => !(c.status === 'fail' || (c.status === 'skipped' && dependent.has(c.id))));
      expect(unexpected.map((c) => `${c.id}: ${c.status} ${c.message}`)).toEqual([]);
      expect(before.some((c) => c.status === 'fail')).toBe(true);

      // Solution: the rendered script with a throwaway directory standing in for /var/www/html.
      const web = join(work, `${e.id}-web`);
      mkdirSync(web, { recursive: true });
      execFileSync('sh', ['-c', script.split(WEB_ROOT).join(web)], { cwd: work, stdio: 'pipe' });
      for (const f of files) expect(existsSync(f.replace(WEB_ROOT, web)), f).toBe(true);
      // CSV exports: every row has the header's columns (a stray ';' in a value would shift them).
      for (const f of files.filter((x) => x.endsWith('.csv'))) {
        const rows = readFileSync(f.replace(WEB_ROOT, web), 'utf8').trimEnd().split('\n');
        const cols = (s: string) => s.split(';').length;
        expect(rows.filter((r) => cols(r) !== cols(rows[0])), f).toEqual([]);
      }
      serve(web);
      const after = await grade(exam);
      expect(after.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status} ${c.message}`)).toEqual([]);
      expect(readdirSync(web).length).toBeGreaterThan(0);
    });
  }
});
