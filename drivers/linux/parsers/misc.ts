// Small formats: sshd -T / sshd_config, crontab, stat -c, sha256sum, dpkg-query, rpm -qa, apt-get -s,
// resolv.conf, journalctl -o json, ntpq -p, uptime, os-release.
import { int, json, keyValues, lines } from './util.js';

/** Keys that may appear several times and accumulate (sshd -T prints one per line). */
const SSHD_MULTI = new Set(['allowusers', 'allowgroups', 'denyusers', 'denygroups', 'listenaddress', 'port', 'hostkey', 'acceptenv', 'subsystem', 'setenv', 'include', 'match']);

export type SshdConfig = Record<string, string | string[]>;

/**
 * `sshd -T` (lower-case keys, effective values) or an sshd_config file (first value wins, like sshd).
 * Multi-valued keys (AllowUsers, Port, ListenAddress, …) become arrays of words.
 */
export function parseSshd(raw: string): SshdConfig {
  const out: SshdConfig = {};
  let inMatch = false;
  for (const l of lines(raw)) {
    const t = l.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(t);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const val = m[2]!.trim();
    if (key === 'match') inMatch = true;
    if (inMatch && key !== 'match') continue; // Match blocks: only the global part here
    if (SSHD_MULTI.has(key)) {
      const words = key === 'subsystem' || key === 'match' || key === 'setenv' ? [val] : val.split(/\s+/);
      out[key] = [...((out[key] as string[] | undefined) ?? []), ...words];
    } else if (!(key in out)) out[key] = val;
  }
  if (!Object.keys(out).length) throw new Error('sshd: geen instellingen in de uitvoer');
  return out;
}

export interface CronEntry {
  minute: string[];
  hour: string[];
  dayOfMonth: string[];
  month: string[];
  dayOfWeek: string[];
  /** `@daily` etc. */
  special?: string;
  user?: string;
  command: string;
}
export interface Crontab {
  variables: { name: string; value: string }[];
  entries: CronEntry[];
}

/** A crontab (`crontab -l`) or a system crontab with a user column (`/etc/crontab`, `/etc/cron.d/*`). */
export function parseCrontab(raw: string, withUser?: boolean): Crontab {
  const res: Crontab = { variables: [], entries: [] };
  const body = lines(raw).filter((l) => l.trim() && !l.trim().startsWith('#'));
  // Auto-detect the user column: the field after the schedule names a user on every line.
  const schedule = body.filter((l) => !/^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/.test(l)).map((l) => l.trim().split(/\s+/));
  const sys = withUser ?? (schedule.length > 0 && schedule.every((w) => (w[0]!.startsWith('@') ? isUserish(w[1] ?? '', w[2]) : isUserish(w[5] ?? '', w[6]))));
  for (const l of body) {
    const t = l.trim();
    const v = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(t);
    if (v) {
      res.variables.push({ name: v[1]!, value: v[2]!.replace(/^["']|["']$/g, '') });
      continue;
    }
    const w = t.split(/\s+/);
    if (w[0]!.startsWith('@')) {
      const user = sys ? w[1] : undefined;
      res.entries.push({ minute: [], hour: [], dayOfMonth: [], month: [], dayOfWeek: [], special: w[0]!, ...(user ? { user } : {}), command: rest(t, sys ? 2 : 1) });
      continue;
    }
    if (w.length < 6) continue;
    const f = w.slice(0, 5).map((x) => x.split(','));
    res.entries.push({ minute: f[0]!, hour: f[1]!, dayOfMonth: f[2]!, month: f[3]!, dayOfWeek: f[4]!, ...(sys ? { user: w[5] } : {}), command: rest(t, sys ? 6 : 5) });
  }
  return res;
}

function isUserish(u: string, next: string | undefined): boolean {
  return /^[a-z_][a-z0-9_.-]*\$?$/.test(u) && next !== undefined && !/[/=]/.test(u) && !['cd', 'test', 'run-parts', 'sh', 'bash', 'echo', 'php', 'python3'].includes(u);
}

function rest(line: string, skip: number): string {
  let s = line.trim();
  for (let i = 0; i < skip; i++) s = s.replace(/^\S+\s+/, '');
  return s.trim();
}

export interface StatInfo {
  exists: true;
  path: string;
  type: string; // regular file, directory, symbolic link, …
  owner: string;
  group: string;
  uid: number;
  gid: number;
  /** Octal permission bits, 4 digits (`0644`, `4755`). */
  mode: string;
  size: number;
  mtime: string;
  target?: string;
}

/** The driver's stat format: `stat -c '%F|%U|%G|%u|%g|%a|%s|%Y|%N' -- path`. */
export const STAT_FORMAT = '%F|%U|%G|%u|%g|%a|%s|%Y|%n';

export function parseStat(raw: string): StatInfo {
  const l = lines(raw)[0] ?? '';
  const f = l.split('|');
  if (f.length < 9) throw new Error(`stat: onverwachte uitvoer ${JSON.stringify(l.slice(0, 80))}`);
  return {
    exists: true,
    type: f[0]!,
    owner: f[1]!,
    group: f[2]!,
    uid: Number(f[3]),
    gid: Number(f[4]),
    mode: f[5]!.padStart(4, '0'),
    size: Number(f[6]),
    mtime: new Date(Number(f[7]) * 1000).toISOString(),
    path: f.slice(8).join('|'),
  };
}

/** `sha256sum files…` → path → hex. */
export function parseSha256sum(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines(raw)) {
    const m = /^\\?([0-9a-f]{64}) [ *](.*)$/.exec(l);
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}

export interface Package {
  name: string;
  version: string;
  arch?: string;
  /** dpkg status abbreviation (`ii` = installed) or `installed` for rpm. */
  status: string;
  installed: boolean;
}

/** `dpkg-query -W -f='${Package}\t${Version}\t${Architecture}\t${db:Status-Abbrev}\n'` or plain `dpkg-query -W`. */
export function parseDpkgQuery(raw: string): Package[] {
  const out: Package[] = [];
  for (const l of lines(raw)) {
    const f = l.split('\t');
    if (!f[0]) continue;
    const status = (f[3] ?? 'ii').trim();
    out.push({ name: f[0], version: f[1] ?? '', ...(f[2] ? { arch: f[2] } : {}), status, installed: /^[ih]i/.test(status) && (f[1] ?? '') !== '' });
  }
  return out;
}

/** `rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\t%{ARCH}\n'`. */
export function parseRpmQa(raw: string): Package[] {
  return lines(raw)
    .map((l) => l.split('\t'))
    .filter((f) => f[0])
    .map((f) => ({ name: f[0]!, version: f[1] ?? '', ...(f[2] ? { arch: f[2] } : {}), status: 'installed', installed: true }));
}

export interface PendingUpdate {
  name: string;
  from?: string;
  to: string;
  source: string;
  security: boolean;
}

/** `apt-get -s upgrade` / `dist-upgrade`: the `Inst` lines. */
export function parseAptSimulate(raw: string): PendingUpdate[] {
  const out: PendingUpdate[] = [];
  for (const l of lines(raw)) {
    const m = /^Inst (\S+)(?: \[([^\]]+)\])? \((\S+) (.+?)(?: \[[^\]]+\])?\)/.exec(l);
    if (m) out.push({ name: m[1]!, ...(m[2] ? { from: m[2] } : {}), to: m[3]!, source: m[4]!, security: /security/i.test(m[4]!) });
  }
  return out;
}

/** `dnf -q updateinfo list --updates` lines `ADVISORY TYPE NEVRA` or `dnf check-update` lines `name.arch version repo`. */
export function parseDnfUpdates(raw: string): PendingUpdate[] {
  const out: PendingUpdate[] = [];
  for (const l of lines(raw)) {
    const w = l.trim().split(/\s+/);
    if (w.length === 3 && /^[A-Z]+-\d{4}/.test(w[0]!)) {
      out.push({ name: w[2]!.replace(/-[^-]+-[^-]+$/, ''), to: w[2]!, source: w[0]!, security: /sec/i.test(w[1]!) });
    } else if (w.length === 3 && /\.(x86_64|noarch|aarch64|i686)$/.test(w[0]!)) {
      out.push({ name: w[0]!.replace(/\.[^.]+$/, ''), to: w[1]!, source: w[2]!, security: /security/i.test(w[2]!) });
    }
  }
  return out;
}

export interface Resolver {
  nameservers: string[];
  search: string[];
  options: string[];
}

export function parseResolvConf(raw: string): Resolver {
  const r: Resolver = { nameservers: [], search: [], options: [] };
  for (const l of lines(raw)) {
    const t = l.trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) continue;
    const [k, ...v] = t.split(/\s+/);
    if (k === 'nameserver' && v[0]) r.nameservers.push(v[0]);
    else if (k === 'search' || k === 'domain') r.search.push(...v);
    else if (k === 'options') r.options.push(...v);
  }
  return r;
}

export interface LogLine {
  time?: string;
  unit?: string;
  identifier?: string;
  message: string;
}

/** `journalctl -o json` (one object per line). */
export function parseJournalJson(raw: string): LogLine[] {
  const out: LogLine[] = [];
  for (const l of lines(raw)) {
    if (!l.startsWith('{')) continue;
    const o = json<Record<string, unknown>>(l, 'journalctl -o json');
    let msg = o.MESSAGE;
    if (Array.isArray(msg)) msg = Buffer.from(msg as number[]).toString('utf8');
    const us = typeof o.__REALTIME_TIMESTAMP === 'string' ? Number(o.__REALTIME_TIMESTAMP) : undefined;
    out.push({
      ...(us ? { time: new Date(Math.floor(us / 1000)).toISOString() } : {}),
      ...(typeof o._SYSTEMD_UNIT === 'string' ? { unit: o._SYSTEMD_UNIT } : {}),
      ...(typeof o.SYSLOG_IDENTIFIER === 'string' ? { identifier: o.SYSLOG_IDENTIFIER } : {}),
      message: typeof msg === 'string' ? msg : String(msg ?? ''),
    });
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A syslog line's time: RFC 3339 (`2026-11-23T11:02:03.123456+00:00 host …`) or BSD (`Nov 23 11:02:03`,
 * local time of the server: `offsetMinutes` east of UTC, from `date +%z` there).
 */
export function syslogTime(line: string, now: Date, offsetMinutes = 0): string | undefined {
  const iso = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)/.exec(line);
  if (iso) {
    const d = new Date(iso[1]!);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  const bsd = /^([A-Z][a-z]{2})\s+(\d{1,2}) (\d{2}):(\d{2}):(\d{2})/.exec(line);
  if (bsd) {
    const mon = MONTHS.indexOf(bsd[1]!);
    if (mon < 0) return undefined;
    const at = (y: number) => new Date(Date.UTC(y, mon, Number(bsd[2]), Number(bsd[3]), Number(bsd[4]), Number(bsd[5])) - offsetMinutes * 60_000);
    let d = at(now.getUTCFullYear());
    // A December line read in January belongs to last year.
    if (d.getTime() - now.getTime() > 86_400_000) d = at(now.getUTCFullYear() - 1);
    return d.toISOString();
  }
  return undefined;
}

export interface NtpPeer {
  state: string | null;
  remote: string;
  refid: string;
  st: number;
  t: string;
  when: number | null;
  poll: number;
  reach: number;
  delay: number;
  offset: number;
  jitter: number;
}

/** `ntpq -p` / `ntpq -pn`. */
export function parseNtpqP(raw: string): NtpPeer[] {
  const out: NtpPeer[] = [];
  for (const l of lines(raw)) {
    if (/^\s+remote\s+refid/.test(l) || /^=+$/.test(l.trim())) continue;
    const state = /^[*+#ox. -]/.test(l) && l[0] !== ' ' ? l[0]! : null;
    let w = (state ? l.slice(1) : l).trim().split(/\s+/);
    // A remote name cut by ntpq can contain a space (`45.79.36.123 (t`): glue it back.
    if (w.length === 11) w = [`${w[0]}_${w[1]}`, ...w.slice(2)];
    if (w.length < 10) continue;
    const num = (s: string) => (s === '-' ? null : Number(s.replace(/[mhd]$/, '')) * ({ m: 60, h: 3600, d: 86400 }[s.slice(-1) as 'm'] ?? 1));
    out.push({ state, remote: w[0]!, refid: w[1]!, st: Number(w[2]), t: w[3]!, when: num(w[4]!), poll: Number(w[5]), reach: Number(w[6]), delay: Number(w[7]), offset: Number(w[8]), jitter: Number(w[9]) });
  }
  return out;
}

/** `chronyc -n sources` / `chronyc tracking` → synchronised flag and sources. */
export function parseChronyTracking(raw: string): { synchronized: boolean; reference?: string; leap?: string } {
  const kv = keyValues(raw, ':');
  if (!('Reference ID' in kv)) throw new Error('chronyc tracking: geen "Reference ID"');
  const ref = kv['Reference ID']!;
  const leap = kv['Leap status'];
  return { synchronized: !/^0+(\.0+)*\b/.test(ref.split(' ')[0] ?? '') && leap !== 'Not synchronised', reference: ref, ...(leap ? { leap } : {}) };
}

export interface Uptime {
  time: string;
  uptimeSeconds: number;
  users?: number;
  load: [number, number, number];
}

export function parseUptime(raw: string): Uptime {
  const l = lines(raw)[0]?.trim() ?? '';
  const m = /^(\d{1,2}:\d{2}:\d{2})\s+up\s+(.*?),\s+(?:(\d+) users?,\s+)?load average:\s*([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(l);
  if (!m) throw new Error(`uptime: onverwachte uitvoer ${JSON.stringify(l.slice(0, 80))}`);
  let secs = 0;
  const up = m[2]!;
  const d = /(\d+) days?/.exec(up);
  if (d) secs += Number(d[1]) * 86400;
  const hm = /(\d+):(\d{2})/.exec(up);
  if (hm) secs += Number(hm[1]) * 3600 + Number(hm[2]) * 60;
  const mins = /(\d+) min/.exec(up);
  if (mins) secs += Number(mins[1]) * 60;
  return { time: m[1]!, uptimeSeconds: secs, ...(m[3] ? { users: Number(m[3]) } : {}), load: [Number(m[4]), Number(m[5]), Number(m[6])] };
}

export function parseOsRelease(raw: string): Record<string, string> {
  return keyValues(raw);
}

export { int };

/** `date +%z` (`+0100`, `-0530`) → minutes east of UTC. */
export function utcOffsetMinutes(z: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z.trim());
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}
