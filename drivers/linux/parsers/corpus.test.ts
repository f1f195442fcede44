// Golden-pair accuracy of the linux parsers on the jc corpus (/work/shared/corpus/jc/tests/fixtures/
// <os>/<command>.out + .json, MIT, read in place, nothing copied). The .json holds what jc extracts;
// each spec maps our parsed value onto jc's field names. Accuracy = fields equal / fields compared,
// over every golden pair of the command (records aligned by position; a missing or extra record
// counts every gold field as wrong). A per-command table is printed at the end.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseChage, parseGroup, parsePasswd, parseShadow } from './accounts.js';
import { parseIptablesList, parseUfwStatus, type UfwEndpoint } from './firewall.js';
import { parseIpRouteText } from './ip.js';
import { parseCrontab, parseNtpqP, parseUptime } from './misc.js';
import { parseSs } from './ss.js';
import { parseDf, parseFree, parseMount } from './storage.js';
import { parseListUnitFiles, parseListUnits, parseTimedatectl } from './systemd.js';

const CORPUS = resolve(process.cwd(), '../shared/corpus/jc/tests/fixtures');

type Rec = Record<string, unknown>;
interface Spec {
  command: string;
  files: string[];
  /** Our records in jc's shape. */
  ours(raw: string): Rec[];
  /** jc's records (default: the JSON itself, or [it] for an object). */
  gold?(j: unknown): Rec[];
  exclude?: string[];
  min?: number;
}

const ufwEnd = (e: UfwEndpoint, v6: boolean, side: 'to' | 'from') => {
  const any = e.address === 'any';
  const [ip, pre] = any ? [v6 ? '::' : '0.0.0.0', '0'] : e.address.split('/');
  const fullRange = side === 'from' && !e.ports.length && !e.ranges.length && e.transport === 'any' && !e.service;
  return {
    [`${side}_ip`]: ip,
    [`${side}_ip_prefix`]: Number(pre ?? (ip!.includes(':') ? 128 : 32)),
    [`${side}_transport`]: e.transport,
    [`${side}_interface`]: e.iface ?? 'any',
    [`${side}_service`]: e.service ?? null,
    ...(e.ports.length ? { [`${side}_ports`]: e.ports } : {}),
    ...(e.ranges.length ? { [`${side}_port_ranges`]: e.ranges.map(([start, end]) => ({ start, end })) } : fullRange ? { [`${side}_port_ranges`]: [{ start: 0, end: 65535 }] } : {}),
  };
};

const specs: Spec[] = [
  {
    command: 'ss (tcp/udp)',
    files: ['ubuntu-18.04/ss-sudo-tulpen', 'ubuntu-18.04/ss-sudo-a', 'centos-7.7/ss-sudo-a'],
    ours: (raw) =>
      parseSs(raw)
        .filter((s) => ['tcp', 'udp'].includes(s.netid))
        // We drop the brackets around IPv6 addresses on purpose; jc keeps them. Compared as jc writes them.
        .map((s) => ({ ...s, localAddress: s.localAddress.includes(':') ? `[${s.localAddress}]` : s.localAddress, peerAddress: s.peerAddress.includes(':') ? `[${s.peerAddress}]` : s.peerAddress }))
        .map((s) => ({ netid: s.netid, state: s.state, local_address: s.localAddress, local_port: s.localPort, peer_address: s.peerAddress, peer_port: s.peerPort, interface: s.interface, process: s.processes.map((p) => p.name) })),
    gold: (j) =>
      (j as Rec[]).filter((r) => ['tcp', 'udp'].includes(r.netid as string)).map((r) => ({
        netid: r.netid, state: r.state, local_address: r.local_address, local_port: r.local_port, peer_address: r.peer_address, peer_port: r.peer_port, interface: r.interface,
        process: Object.values(((r.opts as Rec | undefined)?.process_id ?? {}) as Record<string, { user: string }>).map((p) => p.user),
      })),
  },
  {
    command: 'iptables -L [-v] [--line-numbers]',
    files: ['filter', 'filter-nv', 'filter-line-numbers', 'nat', 'mangle', 'raw'].flatMap((t) => [`centos-7.7/iptables-${t}`, `ubuntu-18.04/iptables-${t}`]),
    ours: (raw) => parseIptablesList(raw).flatMap((c) => c.rules.map((r) => ({ chain: c.chain, default_policy: c.policy, ...r }))),
    gold: (j) => (j as Rec[]).flatMap((c) => (c.rules as Rec[]).map((r) => ({ chain: c.chain, ...(c.default_policy ? { default_policy: c.default_policy } : {}), ...r }))),
  },
  {
    command: 'ufw status verbose|numbered',
    files: ['ubuntu-18.04/ufw-verbose', 'ubuntu-18.04/ufw-numbered'],
    ours: (raw) => {
      const s = parseUfwStatus(raw);
      return [
        { status: s.active ? 'active' : 'inactive' },
        ...s.rules.map((r) => ({
          action: r.action, action_direction: r.direction, index: r.index ?? null, network_protocol: r.v6 ? 'ipv6' : 'ipv4', comment: r.comment ?? null,
          ...ufwEnd(r.to, r.v6, 'to'), ...ufwEnd(r.from, r.v6, 'from'),
        })),
      ];
    },
    gold: (j) => [{ status: (j as Rec).status }, ...((j as Rec).rules as Rec[])],
  },
  { command: 'getent passwd', files: ['centos-7.7/passwd', 'ubuntu-18.04/passwd'], ours: (raw) => parsePasswd(raw).map((u) => ({ ...u, password: 'x' })) },
  { command: 'getent group', files: ['centos-7.7/group', 'ubuntu-18.04/group'], ours: (raw) => parseGroup(raw).map((g) => ({ group_name: g.name, gid: g.gid, members: g.members, password: 'x' })) },
  {
    command: 'getent shadow (hash dropped)',
    files: ['centos-7.7/shadow', 'ubuntu-18.04/shadow'],
    ours: (raw) => parseShadow(raw).map((s) => ({ username: s.username, last_changed: s.lastChanged ?? null, minimum: s.minimum ?? null, maximum: s.maximum ?? null, warn: s.warn ?? null, inactive: s.inactive ?? null, expire: s.expire ?? null })),
    exclude: ['password'],
  },
  { command: 'chage -l', files: ['centos-7.7/chage'], ours: (raw) => { const c = parseChage(raw); return [{ password_last_changed: c.passwordLastChanged, password_expires: c.passwordExpires, password_inactive: c.passwordInactive, account_expires: c.accountExpires, min_days_between_password_change: c.minDays, max_days_between_password_change: c.maxDays, warning_days_before_password_expires: c.warnDays }]; } },
  { command: 'mount', files: ['centos-7.7/mount', 'ubuntu-18.04/mount'], ours: (raw) => parseMount(raw).map((m) => ({ filesystem: m.source, mount_point: m.target, type: m.fstype, options: m.options })) },
  {
    command: 'df',
    files: ['centos-7.7/df', 'ubuntu-18.04/df'],
    ours: (raw) => parseDf(raw).map((d) => ({ filesystem: d.filesystem, '1k_blocks': d.size / 1024, used: d.used / 1024, available: d.available / 1024, use_percent: d.usePercent, mounted_on: d.mountedOn })),
  },
  {
    command: 'df -h',
    files: ['centos-7.7/df-h', 'ubuntu-18.04/df-h'],
    ours: (raw) => parseDf(raw).map((d) => ({ filesystem: d.filesystem, size: d.size, used: d.used, available: d.available, use_percent: d.usePercent, mounted_on: d.mountedOn })),
  },
  {
    command: 'free',
    files: ['centos-7.7/free', 'ubuntu-18.04/free', 'centos-7.7/free-h', 'ubuntu-18.04/free-h'],
    ours: (raw) => parseFree(raw).map((f) => ({ type: f.type, total: f.total, used: f.used, free: f.free, shared: f.shared, buff_cache: f.buffCache, available: f.available })),
  },
  {
    command: 'uptime',
    files: ['centos-7.7/uptime', 'ubuntu-18.04/uptime'],
    ours: (raw) => { const u = parseUptime(raw); return [{ time: u.time, users: u.users, load_1m: u.load[0], load_5m: u.load[1], load_15m: u.load[2], uptime_total_seconds: u.uptimeSeconds }]; },
    gold: (j) => { const u = j as Rec; return [{ time: u.time, users: u.users, load_1m: u.load_1m, load_5m: u.load_5m, load_15m: u.load_15m, uptime_total_seconds: u.uptime_total_seconds }]; },
  },
  {
    command: 'ip route',
    files: ['centos-7.7/ip_route', 'ubuntu-18.04/ip_route'],
    ours: (raw) => parseIpRouteText(raw).map((r) => ({ ip: r.dst, via: r.gateway, dev: r.dev, proto: r.protocol, scope: r.scope, src: r.prefsrc, metric: r.metric, status: r.flags?.[0] })),
  },
  { command: 'systemctl list-units', files: ['centos-7.7/systemctl', 'ubuntu-18.04/systemctl'], ours: (raw) => parseListUnits(raw).map((u) => ({ unit: u.unit, load: u.load, active: u.active, sub: u.sub, description: u.description })) },
  { command: 'systemctl list-unit-files', files: ['centos-7.7/systemctl-luf', 'ubuntu-18.04/systemctl-luf'], ours: (raw) => parseListUnitFiles(raw).map((u) => ({ unit_file: u.unitFile, state: u.state })) },
  {
    command: 'timedatectl',
    files: ['centos-7.7/timedatectl', 'ubuntu-18.04/timedatectl'],
    ours: (raw) => { const t = parseTimedatectl(raw); return [{ local_time: t.localTime, universal_time: t.universalTime, synchronized: t.synchronized, ntp: t.ntpEnabled, rtc_in_local_tz: t.localRtc }]; },
    gold: (j) => { const t = j as Rec; return [{ local_time: t.local_time, universal_time: t.universal_time, synchronized: t.ntp_synchronized ?? t.system_clock_synchronized, ntp: t.ntp_enabled ?? t['systemd-timesyncd.service_active'], rtc_in_local_tz: t.rtc_in_local_tz }]; },
  },
  { command: 'ntpq -p', files: ['centos-7.7/ntpq-p', 'centos-7.7/ntpq-pn', 'ubuntu-18.04/ntpq-p', 'ubuntu-18.04/ntpq-p2', 'ubuntu-18.04/ntpq-pn'], ours: (raw) => parseNtpqP(raw) as unknown as Rec[] },
  {
    command: 'crontab',
    files: ['centos-7.7/crontab', 'centos-7.7/crontab-u', 'ubuntu-18.04/crontab-u', 'debian10/crontab-u'],
    ours: (raw) => {
      const c = parseCrontab(raw);
      const vars = [...c.variables].sort((a, b) => a.name.localeCompare(b.name));
      return [...vars.map((v) => ({ name: v.name, value: v.value })), ...[...c.entries.filter((e) => !e.special), ...c.entries.filter((e) => e.special)].map((e) => ({ minute: e.minute, hour: e.hour, day_of_month: e.dayOfMonth, month: e.month, day_of_week: e.dayOfWeek, ...(e.special ? { occurrence: e.special.slice(1) } : {}), ...(e.user ? { user: e.user } : {}), command: e.command }))];
    },
    gold: (j) => {
      const c = j as { variables: Rec[]; schedule: Rec[] };
      return [...[...c.variables].sort((a, b) => String(a.name).localeCompare(String(b.name))), ...c.schedule];
    },
  },
];

const norm = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '';
  if (Array.isArray(v)) return JSON.stringify(v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : norm(x))));
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'number') return String(Math.round(v * 1000) / 1000);
  return String(v).trim();
};

interface Score { command: string; pairs: number; records: number; fields: number; equal: number; mismatches: string[] }
const scores: Score[] = [];

describe('linux parsers on the jc corpus', () => {
  it('corpus directory exists (../shared/corpus/jc/tests/fixtures)', () => {
    // Fail loudly, never skip: without the corpus the accuracy numbers mean nothing.
    expect(existsSync(CORPUS), `corpus missing at ${CORPUS}`).toBe(true);
  });

  for (const spec of specs) {
    it(`${spec.command}: ≥${(spec.min ?? 0.95) * 100}% of jc's fields`, () => {
      const s: Score = { command: spec.command, pairs: 0, records: 0, fields: 0, equal: 0, mismatches: [] };
      for (const f of spec.files) {
        const rawPath = resolve(CORPUS, `${f}.out`);
        expect(existsSync(rawPath), `corpus file missing: ${rawPath}`).toBe(true);
        const raw = readFileSync(rawPath, 'utf8');
        const j = JSON.parse(readFileSync(resolve(CORPUS, `${f}.json`), 'utf8'));
        const gold = spec.gold ? spec.gold(j) : Array.isArray(j) ? (j as Rec[]) : [j as Rec];
        s.pairs++;
        let mine: Rec[];
        try {
          mine = spec.ours(raw);
        } catch (err) {
          mine = [];
          s.mismatches.push(`${f}: parse threw ${(err as Error).message}`);
        }
        const n = Math.max(gold.length, mine.length);
        for (let i = 0; i < n; i++) {
          const g = gold[i];
          const m = mine[i];
          s.records++;
          for (const k of Object.keys(g ?? m ?? {}).filter((k) => !(spec.exclude ?? []).includes(k))) {
            s.fields++;
            const gv = g ? norm(g[k]) : '<no record>';
            const mv = m ? norm(m[k]) : '<no record>';
            if (gv === mv) s.equal++;
            else if (s.mismatches.length < 30) s.mismatches.push(`${f}[${i}].${k}: jc ${JSON.stringify(gv)} ours ${JSON.stringify(mv)}`);
          }
        }
      }
      scores.push(s);
      const acc = s.fields ? s.equal / s.fields : 0;
      if (acc < (spec.min ?? 0.95) || process.env.CORPUS_DEBUG) console.log(`${spec.command} mismatches:\n  ` + s.mismatches.join('\n  '));
      expect(acc, `${spec.command}: ${s.equal}/${s.fields}`).toBeGreaterThanOrEqual(spec.min ?? 0.95);
    });
  }

  afterAll(() => {
    if (!scores.length) return;
    const lines = scores.map((s) => `${s.command.padEnd(36)} ${String(s.pairs).padStart(3)} pairs ${String(s.records).padStart(5)} records ${String(s.equal).padStart(6)}/${String(s.fields).padEnd(6)} ${((100 * s.equal) / Math.max(1, s.fields)).toFixed(1)}%`);
    const eq = scores.reduce((a, s) => a + s.equal, 0);
    const fl = scores.reduce((a, s) => a + s.fields, 0);
    console.log(`linux parser accuracy on jc (fields equal / compared):\n  ${lines.join('\n  ')}\n  ${'TOTAL'.padEnd(36)} ${eq}/${fl} ${((100 * eq) / fl).toFixed(1)}%`);
  });
});
