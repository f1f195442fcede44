// `proeflab demo` and `proeflab check --out` write signed bundles that verify (with re-grading
// by the real registry), chained across runs; verify fails on a tampered bundle; exports work.
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/core/exams.js';
import { createRegistry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import { loadBundle, MANIFEST } from '../../src/evidence/bundle.js';
import { writeDemoBundles } from '../../src/evidence/demo.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import { startDemoLab } from '../../src/demo/demo.js';

const BIN = join(REPO_ROOT, 'bin', 'proeflab.js');

describe('demo bundles', () => {
  it('one signed bundle per pod that verifies and re-grades to the same verdicts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'proeflab-demo-ev-'));
    const demo = await startDemoLab(out);
    let result;
    try {
      result = await run({ exams: [demo.exam], lab: demo.lab, registry: createRegistry(), examiner: 'demo', phase: 'eindmeting' });
    } finally {
      await demo.close();
    }
    const b = writeDemoBundles({ out, result, exams: [demo.exam], lab: demo.lab });
    expect(b.ok).toBe(true);
    expect(b.dirs).toHaveLength(2);
    for (const d of b.dirs) {
      const r = verifyBundle(d, { trust: [b.key.fingerprint] });
      expect(r.problems).toEqual([]);
      expect(r.checks.regrade).toBe('ok');
    }
    // A second demo run starts a new session rather than chaining onto the first.
    const again = writeDemoBundles({ out, result, exams: [demo.exam], lab: demo.lab });
    expect(again.dirs.every((d) => d.includes('/01-'))).toBe(true);
  });
});

describe('check --out', () => {
  it('writes a bundle per pod, creates the installation key once, chains the next run, and verify catches tampering', async () => {
    const srv = createServer((s) => s.end());
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'proeflab-check-ev-'));
    const examFile = join(dir, 'exam.yaml');
    writeFileSync(examFile, `id: t\ntitle: T\ndossier: ict-en-mediabeheer\nwerkprocessen: [B1-K2-W2]\ncriteria:\n  - { id: a, title: A, check: { kind: net.tcp, host: 127.0.0.1, port: ${port} } }\n`);
    const labFile = join(dir, 'lab.yaml');
    writeFileSync(labFile, 'defaults: { timeout: 2 }\npods:\n  - id: p1\n    candidate: { id: "300001", name: Test Kandidaat }\n    devices: {}\n');
    const out = join(dir, 'out');
    const env = { NO_COLOR: '1', PROEFLAB_CONFIG_DIR: join(dir, 'cfg') };
    const { execa } = await import('execa');
    const cli = (args: string[]) => execa(process.execPath, [BIN, ...args], { reject: false, env });
    try {
      const first = await cli(['check', examFile, '--lab', labFile, '-q', '--out', out, '--phase', 'nulmeting', '--examiner', 'E. X']);
      expect(first.exitCode).toBe(0);
      expect(first.stderr).toMatch(/nieuwe installatiesleutel aangemaakt/);
      const second = await cli(['check', examFile, '--lab', labFile, '-q', '--out', out, '--phase', 'eindmeting']);
      expect(second.exitCode).toBe(0);
      expect(second.stderr).not.toMatch(/nieuwe installatiesleutel/);
      const chain = join(out, 'evidence', 't', 'p1');
      const runs = readdirSync(chain).sort();
      expect(runs.map((r) => r.replace(/-[0-9a-f]+$/, ''))).toEqual(['01-nulmeting', '02-eindmeting']);
      const last = join(chain, runs[1]);
      expect(JSON.parse(readFileSync(join(last, MANIFEST), 'utf8')).previous.phase).toBe('nulmeting');
      expect(loadBundle(last).meta).toMatchObject({ seq: 2, candidate: { id: '300001' } });

      const ok = await cli(['verify', out]);
      expect(ok.exitCode).toBe(0);
      expect(ok.stdout.match(/✔ geldig/g)).toHaveLength(2);
      expect(ok.stdout).toMatch(/keten: 2 meting\(en\)/);
      const keyFp = (await cli(['keys', 'show'])).stdout.split('\n')[1];
      expect((await cli(['verify', last, '--trust', keyFp])).exitCode).toBe(0);

      expect(ok.stdout).toMatch(/beoordeling: voorlopig/);

      // Retention from the CLI: nothing due now; everything due in 2099; the diploma date is an appended action.
      expect((await cli(['retention', out])).stdout).toMatch(/0 van 2 bundel\(s\) verlopen/);
      expect((await cli(['retention', out, '--now', '2099-01-01'])).stdout).toMatch(/2 van 2 bundel\(s\) verlopen/);
      const dip = await cli(['retention', out, '--diploma-date', '2027-07-01', '--candidate', '300001', '--by', 'Examenbureau', '--json']);
      expect(dip.stdout).toMatch(/diplomadatum 2027-07-01 vastgelegd in 2 bundel/);
      expect(JSON.parse(dip.stdout.slice(dip.stdout.indexOf('['))).map((i: { until: string }) => i.until)).toEqual(['2029-01-01', '2029-01-01']);

      // Class overview from the CLI.
      const ov = await cli(['export', 'overview', out, '--out', join(dir, 'ov')]);
      expect(ov.exitCode).toBe(0);
      expect(readFileSync(join(dir, 'ov', 'klasoverzicht-nl.csv'), 'utf8')).toMatch(/300001;Test Kandidaat;;p1;t;eindmeting;voorlopig;1;1;10;/);

      const diff = await cli(['diff', chain]);
      expect(diff.exitCode).toBe(0);
      expect(diff.stdout).toMatch(/nulmeting .*→ eindmeting/);

      const obs = join(chain, runs[0], 'observations.jsonl');
      writeFileSync(obs, readFileSync(obs, 'utf8').replace('open', 'opEn'));
      const bad = await cli(['verify', out, '--json']);
      expect(bad.exitCode).toBe(1);
      const reports = JSON.parse(bad.stdout);
      expect(reports.map((r: { ok: boolean }) => r.ok)).toEqual([false, false]); // the nulmeting itself, and the chain of the eindmeting

      // A half-written bundle left by a crash is reported when verifying the directory, never skipped.
      mkdirSync(join(chain, '03-eindmeting-crash.partial'));
      writeFileSync(join(chain, '03-eindmeting-crash.partial', 'bundle.json'), '{}');
      const partial = await cli(['verify', join(out, 'evidence'), '--no-regrade']);
      expect(partial.stdout).toMatch(/✘ ONGELDIG .*03-eindmeting-crash\.partial/);
      expect(partial.stdout).toMatch(/half geschreven/);

      const tar = await cli(['export', 'tar', last, '--out', join(dir, 'b.tar')]);
      expect(tar.exitCode).toBe(0);
      expect(readFileSync(join(dir, 'b.tar')).includes(Buffer.from('manifest.sig'))).toBe(true);
    } finally {
      srv.close();
    }
  }, 120_000);
});
