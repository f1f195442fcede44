// Shared helpers for the Cisco IOS checks (cisco.*). Every check reads `cisco.show` facts with a
// canonical full command, so checks that need the same output share one fetch.
import type { FactRequest, FactView, Outcome } from '../src/core/types.js';
import { canonicalInterface, sameInterface } from '../drivers/cisco-ios/parsers/ifname.js';
import type { RunningConfig } from '../drivers/cisco-ios/parsers/running-config.js';

export { canonicalInterface, sameInterface };

export const CMD = {
  run: 'show running-config',
  startup: 'show startup-config',
  vlanBrief: 'show vlan brief',
  switchport: 'show interfaces switchport',
  trunk: 'show interfaces trunk',
  interfaces: 'show interfaces',
  ipIntBrief: 'show ip interface brief',
  ipRoute: 'show ip route',
  ospfNeighbor: 'show ip ospf neighbor',
  cdp: 'show cdp neighbors',
  lldp: 'show lldp neighbors',
  stp: 'show spanning-tree',
  ssh: 'show ip ssh',
  ntpStatus: 'show ntp status',
  snmpUser: 'show snmp user',
} as const;

export const CISCO = ['cisco-ios'] as const;

/** The fact request for a show command on the check's device. */
export const show = (device: string, command: string): FactRequest => ({ device, fact: 'cisco.show', params: { command } });

export function runningConfig(facts: FactView, device: string): RunningConfig {
  return facts.parsed<RunningConfig>(show(device, CMD.run));
}

export const pass = (message: string, expected?: unknown, actual?: unknown): Outcome => ({ status: 'pass', message, expected, actual });
export const fail = (message: string, expected?: unknown, actual?: unknown): Outcome => ({ status: 'fail', message, expected, actual });

/** Find a configured interface by any spelling (`Gi0/1`, `gigabitethernet0/1`). */
export function configInterface(cfg: RunningConfig, name: string) {
  return cfg.interfaces.find((i) => sameInterface(i.name, name));
}

/** `a, b en c` */
export function list(items: Array<string | number>, empty = 'geen'): string {
  if (!items.length) return empty;
  if (items.length === 1) return String(items[0]);
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/** VLAN list as number set: `1,10-12` → {1,10,11,12}; `ALL` → 1-4094. */
export function vlanSet(spec: string | number | Array<string | number> | undefined): Set<number> {
  const out = new Set<number>();
  if (spec === undefined) return out;
  const parts = Array.isArray(spec) ? spec.map(String) : String(spec).split(',');
  for (const raw of parts) {
    const p = raw.trim();
    if (!p || /^none$/i.test(p)) continue;
    if (/^all$/i.test(p)) {
      for (let v = 1; v <= 4094; v++) out.add(v);
      continue;
    }
    const m = /^(\d+)(?:-(\d+))?$/.exec(p);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let v = a; v <= b && v <= 4094; v++) out.add(v);
  }
  return out;
}

/** Compact a VLAN set back to `1,10-12`. */
export function vlanText(set: Set<number>): string {
  const v = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < v.length; i++) {
    let j = i;
    while (j + 1 < v.length && v[j + 1] === v[j] + 1) j++;
    parts.push(j > i ? `${v[i]}-${v[j]}` : `${v[i]}`);
    i = j;
  }
  return parts.join(',') || 'geen';
}

/** `192.168.1.0/24` or `192.168.1.0 255.255.255.0` → {address, prefix}. */
export function parsePrefix(s: string): { address: string; prefix?: number } {
  const t = s.trim();
  let m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(t);
  if (m) return { address: m[1], prefix: Number(m[2]) };
  m = /^(\d+\.\d+\.\d+\.\d+)\s+(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (m) {
    const bits = m[2].split('.').map((p) => Number(p).toString(2).padStart(8, '0')).join('');
    return { address: m[1], prefix: bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') };
  }
  return { address: t };
}

export const eqi = (a: string | undefined, b: string | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
