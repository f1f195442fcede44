// The CLI as a user runs it: the built bin, real processes, exit codes and messages.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'proeflab.js');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  // Tests run against the compiled CLI, exactly as `npx proeflab` does. Type errors are reported by
  // `npm test`'s own build step (pretest); here only the emitted JavaScript matters.
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
}, 120_000);

describe('proeflab CLI', () => {
  it('--version prints the package version', () => {
    const r = cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('every command has --help', () => {
    for (const cmd of [[], ['check'], ['exams'], ['exams', 'list'], ['exams', 'show'], ['exams', 'validate'], ['schema'], ['parse'], ['demo']]) {
      const r = cli([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toMatch(/Usage: proeflab/);
    }
  });

  it('usage errors exit 2', () => {
    expect(cli(['check', 'x.yaml']).code).toBe(2); // --lab missing
    expect(cli(['nonsense']).code).toBe(2);
    expect(cli(['check', 'demo-intranet', '--lab', 'l.yaml', '--mode', 'bogus']).code).toBe(2);
  });

  it('schema exam|lab|result print JSON Schema', () => {
    for (const name of ['exam', 'lab', 'result']) {
      const r = cli(['schema', name]);
      expect(r.code).toBe(0);
      const s = JSON.parse(r.out);
      expect(s.$schema).toMatch(/json-schema/);
      expect(s.title).toBe(`proeflab ${name}`);
    }
  });

  it('a broken lab file is an input error (exit 2) naming file, line and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proeflab-cli-'));
    const labFile = join(dir, 'lab.yaml');
    writeFileSync(labFile, 'pods:\n  - id: p1\n    devices:\n      srv1: { platform: net, host: 127.0.0.1, port: seventy }\n');
    const r = cli(['check', 'demo-intranet', '--lab', labFile]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${labFile}:4:`);
    expect(r.err).toContain('pods[0].devices.srv1.port');
    expect(r.err).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('a lab that lacks a role the exam needs is caught before connecting (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proeflab-cli-'));
    const labFile = join(dir, 'lab.yaml');
    writeFileSync(labFile, 'pods:\n  - id: p1\n    devices:\n      web: { platform: net, host: 127.0.0.1 }\n');
    const r = cli(['check', 'demo-intranet', '--lab', labFile]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/needs role 'srv1'/);
  });

  it('check exit codes: 0 all pass, 1 some fail, 3 some could not be observed', async () => {
    const { createServer } = await import('node:net');
    const srv = createServer((s) => s.end());
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const open = (srv.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'proeflab-cli-'));
    const examFile = join(dir, 'exam.yaml');
    const mk = (crit: string) =>
      writeFileSync(examFile, `id: t\ntitle: T\ndossier: ict-en-mediabeheer\nwerkprocessen: [B1-K2-W2]\ncriteria:\n${crit}`);
    const labFile = join(dir, 'lab.yaml');
    writeFileSync(labFile, 'defaults: { timeout: 1 }\npods:\n  - id: p1\n    devices: {}\n');
    mk(`  - { id: a, title: A, check: { kind: net.tcp, host: 127.0.0.1, port: ${open} } }\n`);
    // spawnSync blocks this process' event loop; run the CLI asynchronously so the server can accept.
    const { execa } = await import('execa');
    const run = (extra: string[] = []) =>
      execa(process.execPath, [BIN, 'check', examFile, '--lab', labFile, '-q', ...extra], { reject: false, env: { NO_COLOR: '1' } });
    expect((await run()).exitCode).toBe(0);
    mk(`  - { id: a, title: A, check: { kind: net.tcp, host: 127.0.0.1, port: ${open}, state: closed } }\n`);
    const failed = await run(['--format', 'json']);
    expect(failed.exitCode).toBe(1);
    expect(JSON.parse(failed.stdout).results[0].criteria[0].status).toBe('fail');
    mk(`  - { id: a, title: A, check: { kind: dns.record, server: "127.0.0.1:${open}", name: x.lab, type: A } }\n`);
    const err = await run(['--format', 'junit']);
    expect(err.exitCode).toBe(3);
    expect(err.stdout).toMatch(/<error message=/);
    srv.close();
  });

  it('demo: prints the Dutch summary, names the files it wrote, shows plain progress when not a TTY', () => {
    const out = mkdtempSync(join(tmpdir(), 'proeflab-demo-'));
    const r = cli(['demo', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/voorlopige uitslag/);
    for (const f of ['result.json', 'report.html', 'junit.xml', 'proeflab.db', 'lab.yaml']) expect(r.out).toContain(join(out, f));
    expect(r.err).toMatch(/^plan: 4 pod×examen/m);
    expect(r.err).not.toMatch(/Warning/);
    expect(r.err).toMatch(/^pod02 demo-intranet fail +startpagina$/m);
    expect(r.err).not.toMatch(/\x1b\[/); // NO_COLOR and not a TTY: no escape codes
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.schema).toBe('proeflab/result');
    const en = cli(['demo', '--out', out, '--lang', 'en', '-q']);
    expect(en.out).toMatch(/provisional result/);
  });

  it('parse without a parser for the command says which commands exist (exit 2)', () => {
    const r = cli(['parse', '--platform', 'nope', '--command', 'show nothing'], 'x');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/geen parser/);
  });
});
