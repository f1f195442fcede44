// Helpers shared by the linux check kinds (checks/linux-*.ts): fact requests, durations, sizes.
import type { CheckTarget, FactRequest, Outcome } from '../../src/core/types.js';

export const req = (t: CheckTarget, fact: string, params: Record<string, unknown> = {}): FactRequest => ({ device: t.device, fact, params });

export const pass = (message: string, expected?: unknown, actual?: unknown): Outcome => ({ status: 'pass', message, ...(expected !== undefined ? { expected } : {}), ...(actual !== undefined ? { actual } : {}) });
export const fail = (message: string, expected?: unknown, actual?: unknown): Outcome => ({ status: 'fail', message, ...(expected !== undefined ? { expected } : {}), ...(actual !== undefined ? { actual } : {}) });

/** `90s`, `30m`, `24h`, `7d`, `2w` or a number of seconds → seconds. */
export function seconds(d: string | number): number {
  if (typeof d === 'number') return d;
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?$/.exec(d.trim());
  if (!m) throw new Error(`ongeldige duur '${d}' (bv. 30m, 24h, 7d)`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[(m[2] ?? 's') as 's'];
}

/** `512M`, `10G`, `1.5T`, `1024` (bytes) → bytes (powers of 1024). */
export function bytes(s: string | number): number {
  if (typeof s === 'number') return s;
  const m = /^(\d+(?:\.\d+)?)\s*([KMGTP]?)i?B?$/i.exec(s.trim());
  if (!m) throw new Error(`ongeldige grootte '${s}' (bv. 500M, 10G)`);
  return Math.round(Number(m[1]) * 1024 ** ' KMGTP'.indexOf((m[2] || ' ').toUpperCase()));
}

export function humanBytes(n: number): string {
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < u.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i ? 1 : 0)} ${u[i]}`;
}

export function humanAge(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} uur`;
  return `${Math.round(s / 86400)} dagen`;
}

export const lc = (s: string) => s.toLowerCase();
export const list = (xs: string[]) => (xs.length ? xs.join(', ') : '(geen)');
