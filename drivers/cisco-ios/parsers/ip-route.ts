// show ip route (also `show ip route vrf X`): one entry per next hop.
import { cleanLines, expect } from './util.js';

export interface Route {
  vrf: string;
  /** Route code: C, L, S, O, D, B, R, i, ... */
  protocol: string;
  /** Sub-type: E1, E2, IA, N1, N2, EX, L1, L2, ... */
  type: string;
  /** `*` candidate default. */
  candidateDefault: boolean;
  network: string;
  prefixLength: number;
  distance?: number;
  metric?: number;
  nextHop: string;
  nextHopVrf: string;
  interface: string;
  uptime: string;
  directlyConnected: boolean;
}

export interface IpRouteTable {
  gatewayOfLastResort?: { gateway: string; network: string; vrf: string };
  /** Layer-2 switch without `ip routing`: IOS prints `Default gateway is X` and the ICMP redirect cache. */
  routingDisabled?: boolean;
  /** `Default gateway is 192.168.99.1` (routingDisabled only). */
  defaultGateway?: string;
  routes: Route[];
}

const IP = '\\d+\\.\\d+\\.\\d+\\.\\d+';
const ROUTE = new RegExp(`^([A-Za-z])(\\*)?\\s*(E1|E2|N1|N2|IA|EX|L1|L2|ia|su)?\\s*([+%p&])?\\s+(${IP})(?:\\/(\\d+))?\\s*(.*)$`);
const CONT = new RegExp(`^\\s+(\\[\\d+\\/\\d+\\].*|via .*)$`);
const UPTIME = /^(?:\d+[ywdhm]\d*[ywdhm]?|\d\d:\d\d:\d\d|never)$/;

function classful(net: string): number {
  const a = Number(net.split('.')[0]);
  return a < 128 ? 8 : a < 192 ? 16 : 24;
}

export function parseShowIpRoute(raw: string): IpRouteTable {
  const lines = cleanLines(raw);
  const out: IpRouteTable = { routes: [] };
  let vrf = '';
  let subnetted: { net: string; len: number } | undefined;
  let last: Route | undefined;
  let sawCodes = false;
  for (const line of lines) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^Routing Table:\s*(\S+)/.exec(t))) {
      vrf = m[1];
      continue;
    }
    if ((m = /^Default gateway is (not set|\S+)/.exec(t))) {
      out.routingDisabled = true;
      if (m[1] !== 'not set') out.defaultGateway = m[1];
      continue;
    }
    if (/^Codes:/.test(t)) {
      sawCodes = true;
      continue;
    }
    if ((m = new RegExp(`^Gateway of last resort is (${IP}) to network (${IP})`).exec(t))) {
      out.gatewayOfLastResort = { gateway: m[1], network: m[2], vrf };
      continue;
    }
    if ((m = new RegExp(`^(${IP})\\/(\\d+) is subnetted`).exec(t))) {
      subnetted = { net: m[1], len: Number(m[2]) };
      continue;
    }
    if (/is variably subnetted/.test(t)) {
      subnetted = undefined;
      continue;
    }
    if (/^\s/.test(line) && (m = CONT.exec(line)) && last) {
      const r: Route = { ...last, distance: undefined, metric: undefined, nextHop: '', nextHopVrf: '', interface: '', uptime: '', directlyConnected: false };
      fillRest(r, m[1]);
      if (!last.nextHop && !last.interface && last.distance === undefined) Object.assign(last, r);
      else {
        out.routes.push(r);
        last = r;
      }
      continue;
    }
    if ((m = ROUTE.exec(line))) {
      const len = m[6] !== undefined ? Number(m[6]) : subnetted ? subnetted.len : classful(m[5]);
      const r: Route = {
        vrf,
        protocol: m[1],
        type: m[3] ?? '',
        candidateDefault: !!m[2],
        network: m[5],
        prefixLength: len,
        nextHop: '',
        nextHopVrf: '',
        interface: '',
        uptime: '',
        directlyConnected: false,
      };
      fillRest(r, m[7]);
      out.routes.push(r);
      last = r;
    }
  }
  expect(sawCodes || out.routes.length || out.gatewayOfLastResort || out.routingDisabled, 'show ip route', 'no "Codes:" legend and no routes');
  return out;
}

function fillRest(r: Route, rest: string) {
  let s = rest.trim();
  let m: RegExpExecArray | null;
  if ((m = /^\[(\d+)\/(\d+)\]/.exec(s))) {
    r.distance = Number(m[1]);
    r.metric = Number(m[2]);
    s = s.slice(m[0].length);
  }
  if ((m = new RegExp(`via (${IP})(?: \\(([^)]+)\\))?`).exec(s))) {
    r.nextHop = m[1];
    r.nextHopVrf = m[2] ?? '';
    s = s.slice(m.index + m[0].length);
  }
  if (/^\s*is directly connected/.test(s)) {
    r.directlyConnected = true;
    s = s.replace(/^\s*is directly connected/, '');
  }
  s = s.replace(/^\s*is a summary/, '');
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (UPTIME.test(part)) r.uptime = part;
    else if (/^[A-Za-z]/.test(part)) r.interface = part;
  }
}
