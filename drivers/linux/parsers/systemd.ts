// systemd: `systemctl show`, `systemctl list-units`, `systemctl list-unit-files`,
// `systemctl list-timers` (JSON or text), `timedatectl` (status text or `show`).
import { json, keyValues, lines, yesNo } from './util.js';

export interface UnitState {
  id: string;
  loadState: string;
  activeState: string;
  subState: string;
  unitFileState: string;
  /** True when the unit exists (LoadState is not not-found). */
  exists: boolean;
  active: boolean;
  enabled: boolean;
  mainPid?: number;
  description?: string;
  fragmentPath?: string;
  properties: Record<string, string>;
}

const ENABLED = new Set(['enabled', 'enabled-runtime', 'alias', 'static', 'indirect', 'generated']);

/** `systemctl show -p … unit` (one unit). */
export function parseSystemctlShow(raw: string): UnitState {
  const kv = keyValues(raw);
  if (!('LoadState' in kv) && !('ActiveState' in kv)) throw new Error('systemctl show: geen LoadState/ActiveState in de uitvoer');
  const unitFileState = kv.UnitFileState ?? '';
  return {
    id: kv.Id ?? '',
    loadState: kv.LoadState ?? '',
    activeState: kv.ActiveState ?? '',
    subState: kv.SubState ?? '',
    unitFileState,
    exists: kv.LoadState !== 'not-found',
    active: kv.ActiveState === 'active' || kv.ActiveState === 'reloading',
    // static/indirect units are not "enabled" by the admin; only count real enablement.
    enabled: unitFileState === 'enabled' || unitFileState === 'enabled-runtime' || unitFileState === 'alias',
    ...(kv.MainPID && kv.MainPID !== '0' ? { mainPid: Number(kv.MainPID) } : {}),
    ...(kv.Description ? { description: kv.Description } : {}),
    ...(kv.FragmentPath ? { fragmentPath: kv.FragmentPath } : {}),
    properties: kv,
  };
}
export { ENABLED as ENABLED_LIKE };

export interface UnitRow {
  unit: string;
  load: string;
  active: string;
  sub: string;
  description: string;
}

/** `systemctl list-units` table (with or without header, with ● markers). */
export function parseListUnits(raw: string): UnitRow[] {
  const out: UnitRow[] = [];
  for (const l of lines(raw)) {
    const t = l.replace(/^[●*\s]+/, '');
    if (!t || /^UNIT\s+LOAD/.test(t) || /^(LOAD|ACTIVE|SUB)\s+=/.test(t) || /units? listed/.test(t) || /^To show all/.test(t)) continue;
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(t);
    if (!m || !/\.[a-z]+$/.test(m[1]!)) continue;
    out.push({ unit: m[1]!, load: m[2]!, active: m[3]!, sub: m[4]!, description: m[5]!.trim() });
  }
  return out;
}

/** `systemctl list-unit-files`. */
export function parseListUnitFiles(raw: string): { unitFile: string; state: string; preset?: string }[] {
  const out: { unitFile: string; state: string; preset?: string }[] = [];
  for (const l of lines(raw)) {
    if (/^UNIT FILE\s+STATE/.test(l) || /unit files listed/.test(l)) continue;
    const w = l.trim().split(/\s+/);
    if (w.length < 2 || !/\.[a-z]+$/.test(w[0]!)) continue;
    out.push({ unitFile: w[0]!, state: w[1]!, ...(w[2] ? { preset: w[2] } : {}) });
  }
  return out;
}

export interface Timer {
  unit: string;
  activates: string;
  /** Next elapse, ISO time, when known. */
  next?: string;
  last?: string;
}

const usecToIso = (v: unknown): string | undefined => (typeof v === 'number' && v > 0 ? new Date(Math.floor(v / 1000)).toISOString() : undefined);

/** `systemctl list-timers --all` as JSON (`-o json`) or as the text table. */
export function parseListTimers(raw: string): Timer[] {
  const t = raw.trim();
  if (t.startsWith('[')) {
    const data = json<{ unit: string; activates: string; next?: number | null; last?: number | null }[]>(t, 'systemctl list-timers -o json');
    return data.map((r) => ({ unit: r.unit, activates: r.activates, ...opt('next', usecToIso(r.next)), ...opt('last', usecToIso(r.last)) }));
  }
  const ls = lines(raw);
  const header = ls.find((l) => /^NEXT\s+LEFT\s+LAST/.test(l));
  const out: Timer[] = [];
  const lastCol = header ? header.indexOf('LAST') : -1;
  const leftCol = header ? header.indexOf('LEFT') : -1;
  for (const l of ls) {
    if (l === header || !l.trim() || /timers listed/.test(l) || /^Pass --all/.test(l)) continue;
    const w = l.trim().split(/\s+/);
    if (w.length < 2) continue;
    const unit = w[w.length - 2]!;
    const activates = w[w.length - 1]!;
    if (!unit.endsWith('.timer')) continue;
    const next = leftCol > 0 ? toIso(l.slice(0, leftCol)) : undefined;
    const last = lastCol > 0 ? toIso(l.slice(lastCol).trim().split(/\s{2,}/)[0] ?? '') : undefined;
    out.push({ unit, activates, ...opt('next', next), ...opt('last', last) });
  }
  return out;
}

function toIso(s: string): string | undefined {
  const m = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?: (UTC|[A-Z]{3,5}))?/.exec(s);
  if (!m) return undefined;
  return m[3] === 'UTC' || !m[3] ? `${m[1]}T${m[2]}.000Z` : `${m[1]}T${m[2]}`;
}

function opt<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: V };
}

export interface TimeSync {
  timezone?: string;
  /** Clock synchronised with a time source (NTPSynchronized / System clock synchronized). */
  synchronized?: boolean;
  /** A network time service is enabled (NTP=yes / NTP service: active). */
  ntpEnabled?: boolean;
  localRtc?: boolean;
  localTime?: string;
  universalTime?: string;
}

/** `timedatectl show` (Key=Value) or `timedatectl [status]` (aligned `Label: value`). */
export function parseTimedatectl(raw: string): TimeSync {
  const ls = lines(raw);
  if (ls.some((l) => /^NTPSynchronized=/.test(l) || /^Timezone=/.test(l))) {
    const kv = keyValues(raw);
    return {
      ...opt('timezone', kv.Timezone),
      ...opt('synchronized', yesNo(kv.NTPSynchronized)),
      ...opt('ntpEnabled', yesNo(kv.NTP)),
      ...opt('localRtc', yesNo(kv.LocalRTC)),
      ...opt('localTime', kv.TimeUSec),
    };
  }
  const kv: Record<string, string> = {};
  for (const l of ls) {
    const m = /^\s*([^:]+?):\s(.*)$/.exec(l);
    if (m) kv[m[1]!.trim().toLowerCase()] = m[2]!.trim();
  }
  if (!('local time' in kv) && !('time zone' in kv)) throw new Error('timedatectl: geen "Local time"/"Time zone" regel');
  const sync = kv['system clock synchronized'] ?? kv['ntp synchronized'];
  const ntp = kv['ntp service'] ?? kv['ntp enabled'] ?? kv['network time on'] ?? kv['systemd-timesyncd.service active'];
  return {
    ...opt('timezone', kv['time zone']?.split(' ')[0]),
    ...opt('synchronized', yesNo(sync)),
    ...opt('ntpEnabled', yesNo(ntp)),
    ...opt('localRtc', yesNo(kv['rtc in local tz'])),
    ...opt('localTime', kv['local time']),
    ...opt('universalTime', kv['universal time']),
  };
}
