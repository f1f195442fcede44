// Shared helpers for the RouterOS checks (routeros.*). Every check reads `routeros.print` facts with
// a canonical menu in space form (`/ip address`), so checks that need the same menu share one
// fetch. Records look like API replies (strings); over SSH the driver parses `print detail` into the
// same shape (booleans may then read yes/no instead of true/false: use `on()`).
import type { FactRequest, FactView, Outcome } from '../src/core/types.js';
import { FactUnavailable } from '../src/core/types.js';

export type Rec = Record<string, string>;

export const ROUTEROS = ['routeros'] as const;

export const print = (device: string, menu: string): FactRequest => ({ device, fact: 'routeros.print', params: { menu } });
/** A menu that only some RouterOS versions have: absent reads as no items. */
export const printIfExists = (device: string, menu: string): FactRequest => ({ device, fact: 'routeros.print', params: { menu, ifExists: true } });

export function records(facts: FactView, device: string, menu: string): Rec[] {
  const v = facts.parsed<unknown>(print(device, menu));
  if (!Array.isArray(v)) throw new FactUnavailable(`${menu}: onverwachte vorm van de uitvoer`);
  return (v as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, x]) => [k, String(x)])));
}

/** Records of a menu requested with printIfExists (no items when the version lacks the menu). */
export function recordsIfExists(facts: FactView, device: string, menu: string): Rec[] {
  const v = facts.parsed<unknown>(printIfExists(device, menu));
  if (!Array.isArray(v)) throw new FactUnavailable(`${menu}: onverwachte vorm van de uitvoer`);
  return (v as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, x]) => [k, String(x)])));
}

/** The single item of `/system identity`, `/snmp`, `/system ntp client`. */
export function single(facts: FactView, device: string, menu: string): Rec {
  const r = records(facts, device, menu);
  if (!r.length) throw new FactUnavailable(`${menu}: geen uitvoer`);
  return r[0];
}

/** RouterOS booleans: API `true`/`false`, CLI `yes`/`no`. */
export const on = (v: string | undefined) => v !== undefined && /^(true|yes)$/i.test(v);
export const enabled = (r: Rec) => !on(r.disabled);

export const pass = (message: string, expected?: unknown, actual?: unknown): Outcome => ({ status: 'pass', message, expected, actual });
export const fail = (message: string, expected?: unknown, actual?: unknown): Outcome => ({ status: 'fail', message, expected, actual });

/** `a, b en c` */
export function list(items: Array<string | number>, empty = 'geen'): string {
  if (!items.length) return empty;
  if (items.length === 1) return String(items[0]);
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/** Comma list (`ether2,ether3`, also with spaces as parsed from a table) → array. */
export const csv = (v: string | undefined) => (v ?? '').split(/[,\s]+/).map((x) => x.trim()).filter(Boolean);

/** `10,20-22` → {10,20,21,22} */
export function idSet(spec: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const p of csv(spec)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(p);
    if (!m) continue;
    for (let v = Number(m[1]); v <= Number(m[2] ?? m[1]); v++) out.add(v);
  }
  return out;
}

const ipNum = (ip: string) => ip.split('.').reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
const isV4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);

/** Is `inner` (address or prefix) inside prefix `outer`? IPv4 only; other strings must be equal. */
export function within(inner: string, outer: string): boolean {
  const [ia, il] = inner.split('/');
  const [oa, ol] = outer.split('/');
  if (!isV4(ia) || !isV4(oa)) return inner === outer;
  const olen = ol === undefined ? 32 : Number(ol);
  const ilen = il === undefined ? 32 : Number(il);
  if (ilen < olen) return false;
  const mask = olen === 0 ? 0 : (0xffffffff << (32 - olen)) >>> 0;
  return ((ipNum(ia) & mask) >>> 0) === ((ipNum(oa) & mask) >>> 0);
}

/** Network prefix of an interface address (`10.0.10.1/24` → `10.0.10.0/24`). */
export function networkOf(cidr: string): string {
  const [a, l] = cidr.split('/');
  const len = Number(l ?? 32);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const n = (ipNum(a) & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}/${len}`;
}

/** Length of a secret the driver masked as `<secret:N>` (0 when empty, undefined when unknown). */
export function secretLength(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v === '') return 0;
  const m = /^<secret:(\d+)>$/.exec(v);
  return m ? Number(m[1]) : v.length;
}
