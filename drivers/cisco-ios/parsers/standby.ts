// show standby brief (HSRP).
import { cleanLines, expect, findHeader, splitRow, toInt } from './util.js';

export interface StandbyGroup {
  interface: string;
  group?: number;
  priority?: number;
  preempt: boolean;
  state: string;
  active: string;
  standby: string;
  virtualIp: string;
}

export function parseShowStandbyBrief(raw: string): StandbyGroup[] {
  const lines = cleanLines(raw);
  const h = findHeader(lines, ['Interface', 'Grp', 'Pri', 'P', 'State', 'Active', 'Standby', 'Virtual IP']);
  if (!h) {
    expect(!lines.some((l) => l.trim()), 'show standby brief', 'header "Interface Grp Pri P State Active Standby Virtual IP" not found');
    return [];
  }
  const out: StandbyGroup[] = [];
  let pending: string | undefined;
  for (const line of lines.slice(h.index + 1)) {
    if (!line.trim()) continue;
    const wrapped = pending ? /^\s+(\d+)\s+(\d+)\s+(P\s+)?(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$/.exec(line) : null;
    const cells = wrapped ? ['', wrapped[1], wrapped[2], (wrapped[3] ?? '').trim(), wrapped[4], wrapped[5], wrapped[6], wrapped[7]] : splitRow(line, h.columns).map((c) => c.trim());
    const [intf, grp, pri, p, state, active, standby, vip] = cells;
    if (intf && !grp && !state) {
      pending = intf; // long interface name wrapped onto its own line
      continue;
    }
    expect(state && /^\d+$/.test(grp), 'show standby brief', `unexpected line '${line.trim().slice(0, 60)}'`);
    out.push({ interface: pending ?? intf, group: toInt(grp), priority: toInt(pri), preempt: p === 'P', state, active, standby, virtualIp: vip });
    pending = undefined;
  }
  return out;
}
