// Evidence bundles: content, tamper detection per file type, half-written bundles, chain, keys,
// and re-grading from stored (redacted) observations.
import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/evidence/assessment.js';
import { loadBundle, MANIFEST, seal, SIGNATURE, type Manifest } from '../../src/evidence/bundle.js';
import { sha256hex } from '../../src/evidence/crypto.js';
import { regrade } from '../../src/evidence/regrade.js';
import { tarDirectory } from '../../src/evidence/tar.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import { blankTable, copyBundle, ENV, EXAM_YAML, goodTable, newSession, runPhase, SECRET, type Session } from './fixture.js';
import { createRegistry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import { writeBundle } from '../../src/evidence/bundle.js';
import { containsCheck, exam as examOf, tableDriver } from '../helpers.js';

let s: Session;
let nul: string;
let eind: string;

beforeAll(async () => {
  s = newSession();
  nul = (await runPhase(s, 'nulmeting', { pod01: blankTable }, 'run1')).dirs.pod01;
  eind = (await runPhase(s, 'eindmeting', { pod01: goodTable('sw-200001') }, 'run2')).dirs.pod01;
  // One human action, so actions.jsonl has content to tamper with.
  assess(eind, { assessor: 'A. Beoordelaar', key: s.key });
});

const verify = (dir: string, o: Parameters<typeof verifyBundle>[1] = {}) => verifyBundle(dir, { registry: s.registry, ...o });

describe('bundle content', () => {
  it('holds every required file and verifies', () => {
    expect(readdirSync(eind).sort()).toEqual(
      ['README.txt', 'actions.jsonl', 'bundle.json', 'exam.yaml', 'lab.json', 'manifest.json', 'manifest.sig', 'observations.jsonl', 'public-key.pem', 'result.json'].sort(),
    );
    const r = verify(eind);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checks).toMatchObject({ complete: 'ok', hashes: 'ok', signature: 'ok', chain: 'ok', consistent: 'ok', regrade: 'ok', actions: 'ok' });
    expect(r.chainLength).toBe(2);
    expect(r.actions).toBe(1);
  });

  it('records exam + hash, version, candidate, examiner, clock, devices, retention; secrets never appear', () => {
    const b = loadBundle(eind);
    expect(b.meta.exam.sha256).toBe(sha256hex(b.examSource));
    expect(b.examSource).toBe(s.exam.source);
    expect(b.meta.proeflabVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(b.meta.candidate).toEqual({ id: '200001', name: 'Anna Bakker', class: 'ICT4B' });
    expect(b.meta.examiner).toBe('E. Xaminator');
    expect(b.meta.phase).toBe('eindmeting');
    expect(b.meta.clock.source).toMatch(/systeemklok/);
    expect(b.meta.retention.months).toBe(18);
    expect(b.meta.retention.basis).toBe('examendatum');
    expect(b.pod.devices.map((d) => d.role)).toEqual(['sw1']);
    // Credentials stay references; an inline option that looks secret is removed.
    expect(b.inventory.credentials.sw.password).toEqual({ env: 'TEST_SW_PASSWORD' });
    expect(b.inventory.pods[0].devices.sw1.options.enable_password).toBe('<redacted>');
    for (const f of readdirSync(eind)) {
      const text = readFileSync(join(eind, f), 'utf8');
      expect(text, f).not.toContain(SECRET);
      expect(text, f).not.toContain('inline-secret');
      expect(text, f).not.toContain('admin-pass-1');
    }
    // Observations: raw redacted with the count, parsed, timestamps and duration.
    const run = b.observations.find((o) => o.command === 'show run')!;
    expect(run.raw).toContain('snmp-server community <redacted> RO');
    expect(run.redactions).toBeGreaterThanOrEqual(2);
    expect(run.parsed).toBeDefined();
    expect(Date.parse(run.startedAt)).toBeLessThanOrEqual(Date.parse(run.endedAt));
    expect(typeof run.durationMs).toBe('number');
    // Verdicts with points.
    expect(Object.fromEntries(b.pod.criteria.map((c) => [c.id, [c.status, c.points]]))).toEqual({
      vlan: ['pass', 2], ssh: ['pass', 1], community: ['pass', 1], hostnaam: ['pass', 1], trunk: ['fail', 0], uitleg: ['manual', 0], houding: ['manual', 0],
    });
  });

  it('a run of two exams: each bundle holds only the observations of its own exam', async () => {
    const second = examOf(EXAM_YAML.replace('id: test-exam', 'id: second-exam').replace(/criteria:[\s\S]*$/, 'criteria:\n  - { id: klok, title: Klok, check: { kind: test.contains, device: sw1, command: show clock, text: "12:00" } }\n  - { id: vlan2, title: VLAN, check: { kind: test.contains, device: sw1, command: show vlan, text: "20 servers" } }\n'));
    const registry = createRegistry([tableDriver('fake', { ...goodTable('sw-200001'), 'show clock': '12:00:01 CET' })], [containsCheck]);
    const result = await run({ exams: [s.exam, second], lab: s.lab, registry, pods: ['pod01'], env: ENV, phase: 'eindmeting', runId: 'multi' });
    const root = join(s.dir, 'multi');
    const a = loadBundle(writeBundle({ root, result, pod: 'pod01', exam: s.exam, lab: s.lab, key: s.key, registry }));
    const b = loadBundle(writeBundle({ root, result, pod: 'pod01', exam: second, lab: s.lab, key: s.key, registry }));
    expect(a.observations.map((o) => o.command).sort()).toEqual(['show int trunk', 'show ip ssh', 'show run', 'show vlan']);
    expect(b.observations.map((o) => o.command).sort()).toEqual(['show clock', 'show vlan']); // show vlan shared: fetched once, in both
    expect(b.result.exams.map((e) => e.id)).toEqual(['second-exam']);
    for (const x of [a, b]) expect(verifyBundle(x.dir, { registry }).problems).toEqual([]);
  });

  it('is exported as one .tar file containing every bundle file', () => {
    const tar = tarDirectory(eind);
    expect(tar.length % 512).toBe(0);
    for (const f of readdirSync(eind)) expect(tar.includes(Buffer.from(`${join('', eind.split('/').at(-1)!, f)}`))).toBe(true);
  });
});

describe('re-grading from evidence', () => {
  it('gives the same verdicts, including a check about a redacted secret', () => {
    for (const dir of [nul, eind]) {
      const b = loadBundle(dir);
      const r = regrade({ exam: b.exam, inventory: b.inventory, pod: 'pod01', observations: b.observations, recorded: b.pod, registry: s.registry });
      expect(r.differences).toEqual([]);
      expect(r.criteria.map((c) => [c.id, c.status, c.points, c.message])).toEqual(b.pod.criteria.map((c) => [c.id, c.status, c.points, c.message]));
    }
    // In the baseline nothing was configured: the re-computed verdicts are fails and a skip.
    const b = loadBundle(nul);
    expect(b.pod.criteria.find((c) => c.id === 'trunk')!.status).toBe('skipped');
    expect(b.pod.criteria.find((c) => c.id === 'community')!.status).toBe('fail');
  });

  it('reports a verdict that does not follow from the observations, even when the bundle is re-sealed', () => {
    const dir = copyBundle(eind);
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    const trunk = result.results[0].criteria.find((c: { id: string }) => c.id === 'trunk');
    trunk.status = 'pass';
    trunk.points = 1;
    writeFileSync(join(dir, 'result.json'), JSON.stringify(result, null, 2) + '\n');
    const m: Manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
    seal(dir, m.bundleId, s.key, null, m.createdAt); // an insider with the key re-seals
    writeFileSync(join(dir, 'actions.jsonl'), '');
    const r = verify(dir);
    expect(r.checks.signature).toBe('ok');
    expect(r.checks.regrade).toBe('fout');
    expect(r.differences.map((d) => `${d.criterion}.${d.field}`)).toEqual(expect.arrayContaining(['trunk.status', 'trunk.points']));
    expect(r.ok).toBe(false);
  });

  it('reports changed observations that change a verdict (re-sealed)', () => {
    const dir = copyBundle(eind);
    const lines = readFileSync(join(dir, 'observations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const vlan = lines.find((o) => o.command === 'show vlan');
    vlan.raw = 'VLAN Name Status\n1 default active';
    vlan.parsed = { text: vlan.raw };
    writeFileSync(join(dir, 'observations.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const m: Manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
    seal(dir, m.bundleId, s.key, null, m.createdAt);
    writeFileSync(join(dir, 'actions.jsonl'), '');
    const r = verify(dir);
    expect(r.differences.find((d) => d.criterion === 'vlan' && d.field === 'status')).toMatchObject({ recorded: 'pass', recomputed: 'fail' });
    expect(r.ok).toBe(false);
  });
});

describe('tampering', () => {
  const flip = (file: string, pos: number) => {
    const data = readFileSync(file);
    data[pos] ^= 0x01;
    writeFileSync(file, data);
  };

  it('flipping one byte in EVERY file of the bundle is detected (start, middle, end and random positions)', () => {
    const files = readdirSync(eind);
    expect(files.length).toBe(10);
    // Control: an untouched copy verifies (the copy has no chain sibling, so the chain is checked separately below).
    expect(verify(copyBundle(eind), { chain: false }).problems).toEqual([]);
    let tried = 0;
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (const f of files) {
      const size = readFileSync(join(eind, f)).length;
      expect(size, f).toBeGreaterThan(0);
      const positions = f === SIGNATURE ? [...Array(size).keys()] : [...new Set([0, Math.floor(size / 2), size - 1, ...Array.from({ length: 12 }, () => rnd(size))])];
      for (const pos of positions) {
        const dir = copyBundle(eind);
        flip(join(dir, f), pos);
        const r = verify(dir, { chain: false });
        expect(r.ok, `${f} byte ${pos}`).toBe(false);
        expect(r.problems.length, `${f} byte ${pos}`).toBeGreaterThan(0);
        expect(r.problems.join(), `${f} byte ${pos}: a named problem, not a crash`).not.toMatch(/kon niet worden gecontroleerd/);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(100);
  });

  it('names what is wrong per file type', () => {
    const cases: [string, keyof ReturnType<typeof verify>['checks']][] = [
      ['exam.yaml', 'hashes'],
      ['observations.jsonl', 'hashes'],
      ['result.json', 'hashes'],
      ['manifest.json', 'signature'],
      ['manifest.sig', 'signature'],
      ['actions.jsonl', 'actions'],
    ];
    for (const [f, check] of cases) {
      const dir = copyBundle(eind);
      flip(join(dir, f), 20);
      const r = verify(dir, { chain: false });
      expect(r.checks[check], f).toBe('fout');
      expect(r.ok, f).toBe(false);
    }
  });

  it('detects an added file, a removed action line and a truncated action log (with the receipt)', () => {
    const extra = copyBundle(eind);
    writeFileSync(join(extra, 'extra.txt'), 'x');
    expect(verify(extra, { chain: false }).problems).toEqual([expect.stringMatching(/niet in het manifest/)]);

    const head = verify(eind).actionsHead!;
    const cut = copyBundle(eind);
    writeFileSync(join(cut, 'actions.jsonl'), '');
    expect(verify(cut, { chain: false }).ok).toBe(true); // an emptied log is only detectable against a receipt…
    expect(verify(cut, { chain: false, expectActionsHead: head }).ok).toBe(false); // …which is why every action prints one

    const forged = copyBundle(eind);
    const line = JSON.parse(readFileSync(join(forged, 'actions.jsonl'), 'utf8'));
    line.actor = 'Iemand anders';
    writeFileSync(join(forged, 'actions.jsonl'), JSON.stringify(line) + '\n');
    expect(verify(forged, { chain: false }).checks.actions).toBe('fout');
  });
});

describe('half-written bundles are never accepted', () => {
  it('manifest missing, truncated, or empty; signature missing; .partial directory; a listed file missing', () => {
    const noManifest = copyBundle(eind);
    rmSync(join(noManifest, MANIFEST));
    expect(verify(noManifest)).toMatchObject({ ok: false, checks: { complete: 'fout' } });
    expect(verify(noManifest).problems[0]).toMatch(/onvolledig/);

    for (const len of [0, 10, 200]) {
      const truncated = copyBundle(eind);
      truncateSync(join(truncated, MANIFEST), len);
      const r = verify(truncated);
      expect(r.ok, `truncated to ${len}`).toBe(false);
      expect(r.checks.complete).toBe('fout');
    }

    const noSig = copyBundle(eind);
    rmSync(join(noSig, SIGNATURE));
    expect(verify(noSig)).toMatchObject({ ok: false, checks: { complete: 'fout', signature: 'fout' } });

    const partial = copyBundle(eind);
    renameSync(partial, `${partial}.partial`);
    expect(verify(`${partial}.partial`, { chain: false }).ok).toBe(false);
    expect(verify(partial + '.partial', { chain: false }).problems.join()).toMatch(/half geschreven/);

    const missing = copyBundle(eind);
    rmSync(join(missing, 'observations.jsonl'));
    expect(verify(missing, { chain: false })).toMatchObject({ ok: false, checks: { hashes: 'fout' } });

    // A crash before the signature was written: the bundle directory never appears without .partial.
    expect(readdirSync(join(s.root, 'test-exam', 'pod01')).some((n) => n.endsWith('.partial'))).toBe(false);
  });
});

describe('chain across the runs of one exam session', () => {
  it('links the eindmeting to the nulmeting manifest hash', () => {
    const m: Manifest = JSON.parse(readFileSync(join(eind, MANIFEST), 'utf8'));
    expect(m.previous).toMatchObject({ phase: 'nulmeting', manifestSha256: sha256hex(readFileSync(join(nul, MANIFEST))) });
    const first: Manifest = JSON.parse(readFileSync(join(nul, MANIFEST), 'utf8'));
    expect(first.previous).toBeNull();
  });

  it('a changed or missing earlier run breaks the chain', () => {
    const chainCopy = copyBundle(join(nul, '..'));
    const [n, e] = readdirSync(chainCopy).sort();
    expect(verify(join(chainCopy, e)).checks.chain).toBe('ok');
    // Re-sealing the nulmeting (even with the right key) changes its manifest hash.
    const m: Manifest = JSON.parse(readFileSync(join(chainCopy, n, MANIFEST), 'utf8'));
    appendFileSync(join(chainCopy, n, 'README.txt'), '\nextra');
    seal(join(chainCopy, n), m.bundleId, s.key, null, m.createdAt);
    expect(verify(join(chainCopy, n)).ok).toBe(true);
    const r = verify(join(chainCopy, e));
    expect(r.checks.chain).toBe('fout');
    expect(r.problems.join()).toMatch(/keten verbroken/);
    rmSync(join(chainCopy, n), { recursive: true });
    expect(verify(join(chainCopy, e)).problems.join()).toMatch(/niet gevonden/);
  });
});

describe('keys', () => {
  it('a public key that is not the signer, or a bundle re-signed with another key, is refused', () => {
    const swapped = copyBundle(eind);
    writeFileSync(join(swapped, 'public-key.pem'), s.otherKey.publicPem);
    const r = verify(swapped);
    expect(r.ok).toBe(false);
    expect(r.checks.signature).toBe('fout');

    // Fully re-sealed with another key: internally consistent, but not signed by the trusted examiner key.
    const resigned = copyBundle(eind);
    writeFileSync(join(resigned, 'public-key.pem'), s.otherKey.publicPem);
    const m: Manifest = JSON.parse(readFileSync(join(resigned, MANIFEST), 'utf8'));
    seal(resigned, m.bundleId, s.otherKey, m.previous, m.createdAt);
    writeFileSync(join(resigned, 'actions.jsonl'), '');
    expect(verify(resigned, { chain: false }).checks.signature).toBe('ok');
    const trusted = verify(resigned, { chain: false, trust: [s.key.fingerprint] });
    expect(trusted.ok).toBe(false);
    expect(trusted.checks.trust).toBe('fout');
    expect(verify(eind, { trust: [s.key.fingerprint] }).ok).toBe(true);
  });

  it('the key file is private (0600) and the fingerprint is SSH style', () => {
    expect(s.key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(existsSync(s.key.file!)).toBe(true);
    expect((readFileSync(s.key.file!, 'utf8'))).toMatch(/BEGIN PRIVATE KEY/);
    const mode = statSync(s.key.file!).mode & 0o777;
    expect(mode).toBe(0o600);
  });
});
