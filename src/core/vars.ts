// Per-candidate variables (seeded so a retake reproduces them) and {{ template }} interpolation.
import { createHash } from 'node:crypto';
import type { Variable } from '../model/exam.js';

export type VarValue = string | number | boolean | Subnet;

export interface Subnet {
  kind: 'subnet';
  cidr: string;
  network: string;
  prefix: number;
  mask: string;
  wildcard: string;
  broadcast: string;
  first: string;
  last: string;
}

/** Deterministic number in [0, 1) from a seed and a label. */
function rand(seed: string, label: string, n = 0): number {
  const h = createHash('sha256').update(`${seed}\0${label}\0${n}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

export const ipToInt = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
export const intToIp = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

export function subnet(network: number, prefix: number): Subnet {
  const size = 2 ** (32 - prefix);
  const net = network - (network % size);
  return {
    kind: 'subnet',
    cidr: `${intToIp(net)}/${prefix}`,
    network: intToIp(net),
    prefix,
    mask: intToIp(2 ** 32 - size),
    wildcard: intToIp(size - 1),
    broadcast: intToIp(net + size - 1),
    first: intToIp(net + 1),
    last: intToIp(net + size - 2),
  };
}

/**
 * Draw the exam's variables for one candidate. Same seed + candidate → same values; pod overrides
 * win. Variables are resolved in declaration order so templates may use earlier ones.
 */
export function drawVariables(
  defs: Record<string, Variable>,
  seed: string,
  candidate: string,
  overrides: Record<string, string | number | boolean> = {},
  context: Record<string, unknown> = {},
): Record<string, VarValue> {
  const out: Record<string, VarValue> = {};
  const base = `${seed}\0${candidate}`;
  for (const [name, def] of Object.entries(defs)) {
    if (name in overrides) {
      out[name] = 'subnet' in def ? subnetFromCidr(String(overrides[name])) : overrides[name];
      continue;
    }
    if ('value' in def) out[name] = def.value;
    else if ('choice' in def) out[name] = def.choice[Math.floor(rand(base, name) * def.choice.length)];
    else if ('int' in def) {
      const [min, max] = def.int;
      let v = min;
      for (let i = 0; i < 100; i++) {
        v = min + Math.floor(rand(base, name, i) * (max - min + 1));
        // Values already drawn for other int variables are avoided so two VLANs never coincide.
        const taken = Object.values(out).includes(v) || def.not?.includes(v);
        if (!taken) break;
      }
      out[name] = v;
    } else if ('subnet' in def) {
      const [pool, plen] = def.subnet.split('/');
      const poolSize = 2 ** (def.prefix - Number(plen));
      let s: Subnet | undefined;
      for (let i = 0; i < 100; i++) {
        const k = Math.floor(rand(base, name, i) * poolSize);
        s = subnet(ipToInt(pool) + k * 2 ** (32 - def.prefix), def.prefix);
        if (!Object.values(out).some((o) => typeof o === 'object' && o.cidr === s!.cidr)) break;
      }
      out[name] = s!;
    } else if ('template' in def) out[name] = interpolate(def.template, { ...context, ...out });
  }
  return out;
}

export function subnetFromCidr(cidr: string): Subnet {
  const [ip, p] = cidr.split('/');
  return subnet(ipToInt(ip), Number(p));
}

const TEMPLATE = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** Look up a dotted path; subnets also answer hostN (the Nth host address). */
export function lookup(scope: Record<string, unknown>, path: string): unknown {
  let cur: unknown = scope;
  for (const part of path.split('.')) {
    if (cur && typeof cur === 'object' && (cur as Subnet).kind === 'subnet' && /^host\d+$/.test(part)) {
      const s = cur as Subnet;
      cur = intToIp(ipToInt(s.network) + Number(part.slice(4)));
      continue;
    }
    if (cur === null || typeof cur !== 'object' || !(part in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export class TemplateError extends Error {}

function render(v: unknown): string {
  if (v && typeof v === 'object' && (v as Subnet).kind === 'subnet') return (v as Subnet).cidr;
  return String(v);
}

/** Replace {{ name }} in a string. A string that is exactly one template keeps the value's type. */
export function interpolate(template: string, scope: Record<string, unknown>): VarValue {
  const whole = /^\{\{\s*([^{}]+?)\s*\}\}$/.exec(template);
  if (whole) {
    const v = lookup(scope, whole[1]);
    if (v === undefined) throw new TemplateError(`unknown variable '${whole[1]}' in '${template}'`);
    return v as VarValue;
  }
  return template.replace(TEMPLATE, (_, name: string) => {
    const v = lookup(scope, name);
    if (v === undefined) throw new TemplateError(`unknown variable '${name}' in '${template}'`);
    return render(v);
  });
}

/** Interpolate every string inside a JSON-like value. */
export function interpolateDeep<T>(value: T, scope: Record<string, unknown>): T {
  if (typeof value === 'string') {
    const v = interpolate(value, scope);
    return (typeof v === 'object' ? render(v) : v) as T;
  }
  if (Array.isArray(value)) return value.map((v) => interpolateDeep(v, scope)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, scope)])) as T;
  return value;
}

/** Variables as plain JSON for the result (subnets as their CIDR plus the derived addresses). */
export function variablesForResult(vars: Record<string, VarValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v]));
}
