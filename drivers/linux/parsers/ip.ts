// iproute2: `ip -j addr`, `ip -j route` (structured) and plain `ip route` text.
import { json, lines } from './util.js';

export interface IfAddress {
  family: 'inet' | 'inet6';
  address: string;
  prefixlen: number;
  cidr: string;
  scope?: string;
  dynamic?: boolean;
  label?: string;
}
export interface Interface {
  ifname: string;
  ifindex?: number;
  state?: string;
  mtu?: number;
  mac?: string;
  flags: string[];
  addresses: IfAddress[];
}

interface IpJAddr {
  ifindex?: number;
  ifname: string;
  flags?: string[];
  mtu?: number;
  operstate?: string;
  address?: string;
  addr_info?: { family: string; local: string; prefixlen: number; scope?: string; dynamic?: boolean; label?: string }[];
}

export function parseIpAddrJson(raw: string): Interface[] {
  const data = json<IpJAddr[]>(raw, 'ip -j addr');
  if (!Array.isArray(data)) throw new Error('ip -j addr: geen lijst');
  return data
    .filter((i) => i && typeof i.ifname === 'string')
    .map((i) => ({
      ifname: i.ifname,
      ...(i.ifindex !== undefined ? { ifindex: i.ifindex } : {}),
      ...(i.operstate ? { state: i.operstate } : {}),
      ...(i.mtu !== undefined ? { mtu: i.mtu } : {}),
      ...(i.address ? { mac: i.address } : {}),
      flags: i.flags ?? [],
      addresses: (i.addr_info ?? [])
        .filter((a) => a.family === 'inet' || a.family === 'inet6')
        .map((a) => ({
          family: a.family as 'inet' | 'inet6',
          address: a.local,
          prefixlen: a.prefixlen,
          cidr: `${a.local}/${a.prefixlen}`,
          ...(a.scope ? { scope: a.scope } : {}),
          ...(a.dynamic ? { dynamic: true } : {}),
          ...(a.label ? { label: a.label } : {}),
        })),
    }));
}

export interface Route {
  family: 'inet' | 'inet6';
  dst: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
  scope?: string;
  prefsrc?: string;
  metric?: number;
  type?: string;
  flags?: string[];
}

interface IpJRoute {
  type?: string;
  dst: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
  scope?: string;
  prefsrc?: string;
  metric?: number;
  flags?: string[];
}

const family = (dst: string, gw?: string): 'inet' | 'inet6' => ((gw ?? dst).includes(':') ? 'inet6' : 'inet');

export function parseIpRouteJson(raw: string): Route[] {
  const t = raw.trim();
  // `ip -j route` of a family without routes prints nothing or `[]`.
  if (!t) return [];
  const data = json<IpJRoute[]>(t, 'ip -j route');
  if (!Array.isArray(data)) throw new Error('ip -j route: geen lijst');
  return data.map((r) => ({
    family: family(r.dst, r.gateway),
    dst: r.dst,
    ...(r.gateway ? { gateway: r.gateway } : {}),
    ...(r.dev ? { dev: r.dev } : {}),
    ...(r.protocol ? { protocol: r.protocol } : {}),
    ...(r.scope ? { scope: r.scope } : {}),
    ...(r.prefsrc ? { prefsrc: r.prefsrc } : {}),
    ...(r.metric !== undefined ? { metric: r.metric } : {}),
    ...(r.type && r.type !== 'unicast' ? { type: r.type } : {}),
    ...(r.flags?.length ? { flags: r.flags } : {}),
  }));
}

const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast']);

/** Text `ip route` output (older systems, recordings). */
export function parseIpRouteText(raw: string): Route[] {
  const out: Route[] = [];
  for (const l of lines(raw)) {
    const w = l.trim().split(/\s+/);
    if (!w[0]) continue;
    const r: Route = { family: 'inet', dst: '' };
    let i = 0;
    if (ROUTE_TYPES.has(w[0]) && w.length > 1) {
      if (w[0] !== 'unicast') r.type = w[0];
      i = 1;
    }
    r.dst = w[i++]!;
    const flags: string[] = [];
    for (; i < w.length; i++) {
      const k = w[i]!;
      const v = w[i + 1];
      switch (k) {
        case 'via': r.gateway = v; i++; break;
        case 'dev': r.dev = v; i++; break;
        case 'proto': r.protocol = v; i++; break;
        case 'scope': r.scope = v; i++; break;
        case 'src': r.prefsrc = v; i++; break;
        case 'metric': r.metric = Number(v); i++; break;
        case 'table': case 'pref': case 'mtu': case 'expires': case 'realm': case 'initcwnd': i++; break;
        default: if (/^[a-z]+$/.test(k)) flags.push(k);
      }
    }
    if (flags.length) r.flags = flags;
    r.family = family(r.dst === 'default' ? (r.gateway ?? '0') : r.dst, r.gateway);
    out.push(r);
  }
  return out;
}
