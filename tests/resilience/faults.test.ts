// Faults: one pod with a good switch, a good router and one device that misbehaves (accepts TCP
// and never answers, drops the session mid-command, answers garbage, pages forever, rejects the
// password, changes its host key, or has a name that does not resolve). The misbehaving device's
// criteria end as `error` with a clear reason within its timeout; the other devices' verdicts are
// the same as in a clean run.
import dns from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIosSim, type Faults, type IosSim } from '../../sims/cisco-ios/index.js';
import { createRegistry } from '../../src/core/registry.js';
import { run } from '../../src/core/runner.js';
import type { RunResult } from '../../src/model/result.js';
import { exam, lab } from '../helpers.js';

const registry = createRegistry();
const USER = 'examen';
const PW = 'Fout-Test-1';
const BAD_TIMEOUT_S = 3;
const sims: IosSim[] = [];
let sw: IosSim;
let r1: IosSim;

const EXAM = exam(`
id: faults
title: Storingen
dossier: ict-en-mediabeheer
werkprocessen: [B1-K3-W2]
roles: { sw1: cisco-ios, r1: cisco-ios, bad: cisco-ios }
criteria:
  - { id: sw-hostname, title: sw hostname, check: { kind: cisco.hostname, device: sw1, hostname: SW1 } }
  - { id: sw-vlan, title: sw vlan, check: { kind: cisco.vlan, device: sw1, vlan: 10 } }
  - { id: sw-vlan-fout, title: sw vlan 20, check: { kind: cisco.vlan, device: sw1, vlan: 20 } }
  - { id: r1-hostname, title: r1 hostname, check: { kind: cisco.hostname, device: r1, hostname: R1 } }
  - { id: bad-hostname, title: bad hostname, check: { kind: cisco.hostname, device: bad, hostname: BAD } }
  - { id: bad-user, title: bad user, check: { kind: cisco.local-user, device: bad, username: ${USER} } }
`);
const GOOD = ['sw-hostname', 'sw-vlan', 'sw-vlan-fout', 'r1-hostname'];
const BAD = ['bad-hostname', 'bad-user'];

const config = (host: string) => [`hostname ${host}`, `username ${USER} privilege 15 secret ${PW}`, 'ip ssh version 2', 'vlan 10', ' name Gebruikers', 'line vty 0 4', ' login local', ' transport input ssh', 'end'].join('\n');
const start = (host: string, role: 'switch' | 'router', faults: Faults = {}) =>
  startIosSim({ role, startupConfig: config(host), user: USER, password: PW, telnetPort: false, faults }).then((s) => (sims.push(s), s));

function labFor(bad: { host: string; port: number; hostKey?: string }) {
  const dev = (host: string, port: number, extra = '') => `{ platform: cisco-ios, host: "${host}", port: ${port}, transport: ssh, credentials: ios${extra} }`;
  return lab(`
name: faults
credentials: { ios: { username: ${USER}, password: { env: FAULTS_PW } } }
pods:
  - id: pod1
    devices:
      sw1: ${dev(sw.host, sw.port)}
      r1: ${dev(r1.host, r1.port)}
      bad: ${dev(bad.host, bad.port, `, timeout: ${BAD_TIMEOUT_S}${bad.hostKey ? `, host_key: "${bad.hostKey}"` : ''}`)}
`);
}

async function runWith(bad: { host: string; port: number; hostKey?: string }): Promise<{ result: RunResult; ms: number }> {
  const t0 = Date.now();
  const result = await run({ exams: [EXAM], lab: labFor(bad), registry, env: { FAULTS_PW: PW } });
  return { result, ms: Date.now() - t0 };
}
const verdicts = (r: RunResult) => Object.fromEntries(r.results[0].criteria.map((c) => [c.id, c.status]));
const byId = (r: RunResult, id: string) => r.results[0].criteria.find((c) => c.id === id)!;

let clean: Record<string, string>;

beforeAll(async () => {
  sw = await start('SW1', 'switch');
  r1 = await start('R1', 'router');
  const good = await start('BAD', 'switch');
  const { result } = await runWith({ host: good.host, port: good.port });
  clean = verdicts(result);
}, 30_000);
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

/** The bad device's criteria are `error` with this reason, in time; the others as in the clean run. */
function expectIsolated(result: RunResult, ms: number, reason: RegExp) {
  for (const id of BAD) {
    const c = byId(result, id);
    expect(c.status, `${id}: ${c.message}`).toBe('error');
    expect(c.message).toMatch(reason);
  }
  const v = verdicts(result);
  for (const id of GOOD) expect(v[id], `${id}: ${byId(result, id).message}`).toBe(clean[id]);
  // Within the device's timeout (connect, then one command), with room for a loaded machine.
  expect(ms).toBeLessThan(3 * BAD_TIMEOUT_S * 1000 + 5000);
}

describe('one misbehaving device in a pod', () => {
  it('the clean run: good devices pass and fail as configured, the third device passes', () => {
    expect(clean).toEqual({ 'sw-hostname': 'pass', 'sw-vlan': 'pass', 'sw-vlan-fout': 'fail', 'r1-hostname': 'pass', 'bad-hostname': 'pass', 'bad-user': 'pass' });
  });

  it('accepts TCP and never answers → error (no connection within the timeout)', async () => {
    const bad = await start('BAD', 'switch', { blackhole: true });
    const { result, ms } = await runWith(bad);
    expectIsolated(result, ms, /binnen 3 s/);
    expect(result.results[0].devices.find((d) => d.role === 'bad')?.error).toMatch(/binnen 3 s/);
  }, 20_000);

  it('drops the session mid-command → error (connection closed)', async () => {
    const bad = await start('BAD', 'switch', { dropOn: 'show running-config' });
    const { result, ms } = await runWith(bad);
    expectIsolated(result, ms, /verbroken|connection closed/);
  }, 20_000);

  it('answers garbage → error within the timeout', async () => {
    const bad = await start('BAD', 'switch', { garbage: true });
    const { result, ms } = await runWith(bad);
    expectIsolated(result, ms, /binnen 3 s/);
  }, 20_000);

  it('pages forever → error (keeps paging / no answer in time)', async () => {
    const bad = await start('BAD', 'switch', { pageForever: true });
    const { result, ms } = await runWith(bad);
    expectIsolated(result, ms, /blijft pagineren|--More--|geen antwoord binnen 3 s/);
  }, 20_000);

  it('rejects the password → error (authentication failed), no retry storm', async () => {
    const bad = await start('BAD', 'switch', { rejectPassword: true });
    const { result, ms } = await runWith(bad);
    expectIsolated(result, ms, /aanmelden .*mislukt|authentication failed/);
    // One connection attempt for the device, not one per criterion.
    expect(bad.connections).toBe(1);
  }, 20_000);

  it('changes its host key (pinned in the lab) → refused with both fingerprints', async () => {
    const bad = await start('BAD', 'switch');
    const pinned = bad.hostKeyFingerprint;
    bad.changeHostKey();
    const { result, ms } = await runWith({ host: bad.host, port: bad.port, hostKey: pinned });
    expectIsolated(result, ms, /host key mismatch/);
    expect(byId(result, 'bad-hostname').message).toContain(pinned);
    expect(byId(result, 'bad-hostname').message).toContain(bad.hostKeyFingerprint);
  }, 20_000);

  it('a DNS name that does not resolve → error naming the host (resolver stubbed: no query leaves the machine)', async () => {
    const name = 'sw-bestaat-niet.invalid';
    const asked: string[] = [];
    const real = dns.lookup;
    // Only loopback traffic: answer this name NXDOMAIN here instead of asking the system resolver.
    (dns as { lookup: unknown }).lookup = (host: string, opts: unknown, cb?: unknown) => {
      const callback = (typeof opts === 'function' ? opts : cb) as (e: NodeJS.ErrnoException | null, a?: string, f?: number) => void;
      if (host !== name) return (real as (...a: unknown[]) => void)(host, opts, cb);
      asked.push(host);
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host, syscall: 'getaddrinfo' });
      process.nextTick(() => callback(err));
    };
    try {
      const { result, ms } = await runWith({ host: name, port: 22 });
      expect(asked).toContain(name);
      expectIsolated(result, ms, new RegExp(`${name.replace(/\./g, '\\.')}.*(niet gevonden|ENOTFOUND)|niet gevonden.*${name.replace(/\./g, '\\.')}`));
    } finally {
      (dns as { lookup: unknown }).lookup = real;
    }
  }, 20_000);
});
