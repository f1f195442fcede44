// show users, show clock.
import { cleanLines, expect, findHeader, splitRow } from './util.js';

export interface UserLine {
  /** `10 vty 0`, `0 con 0`. */
  line: string;
  /** The line of the session that ran the command (`*`). */
  current: boolean;
  user: string;
  host: string;
  idle: string;
  location: string;
}

export function parseShowUsers(raw: string): UserLine[] {
  const lines = cleanLines(raw);
  const h = findHeader(lines, ['Line', 'User', 'Host(s)', 'Idle', 'Location']);
  expect(h, 'show users', 'header "Line User Host(s) Idle Location" not found');
  const out: UserLine[] = [];
  for (const line of lines.slice(h.index + 1)) {
    if (!line.trim()) break; // a second table (`Interface User Mode Idle Peer Address`) follows
    const [l, user, host, idle, loc] = splitRow(line, h.columns).map((c) => c.trim());
    const m = /^(\*)?\s*(.*)$/.exec(l)!;
    out.push({ line: m[2], current: !!m[1], user, host, idle, location: loc });
  }
  return out;
}

export interface Clock {
  time: string;
  timezone: string;
  dayOfWeek: string;
  month: string;
  day: number;
  year: number;
  /** `*` time is not authoritative (never set / no NTP), `.` authoritative but NTP not synchronised, '' synchronised. */
  flag: string;
}

export function parseShowClock(raw: string): Clock {
  const lines = cleanLines(raw).filter((l) => l.trim());
  for (const line of lines) {
    const m = /^([*.]?)(\d{1,2}:\d{2}:\d{2}(?:\.\d+)?)\s+(\S+)\s+(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(\w{3})\s+(\d{1,2})\s+(\d{4})/.exec(line.trim());
    if (m) return { flag: m[1], time: m[2], timezone: m[3], dayOfWeek: m[4], month: m[5], day: Number(m[6]), year: Number(m[7]) };
  }
  expect(false, 'show clock', 'no "hh:mm:ss.mmm TZ Day Mon dd yyyy" line');
}
