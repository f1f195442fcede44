// The simulated IOS device's state: one config model, rendered by `show running-config` and read
// by every show command. Catalyst 2960-style access switch or ISR-style router.
import { createHash, randomBytes } from 'node:crypto';

export type Role = 'switch' | 'router';

export interface Secret {
  /** 0 plain, 5 md5-crypt, 7 Vigenère, 8 PBKDF2, 9 scrypt. */
  type: 0 | 5 | 7 | 8 | 9;
  /** As rendered in the config (the hash, type-7 text or plain text). */
  value: string;
  /** Plain text when known (to authenticate logins). */
  plain?: string;
}

export interface PortSecurity {
  enabled: boolean;
  maximum?: number;
  violation?: 'protect' | 'restrict' | 'shutdown';
  sticky: boolean;
  macs: string[];
}

export interface Iface {
  name: string;
  description?: string;
  shutdown: boolean;
  /** Layer-2 switchport (switch physical ports, port-channels). */
  switchport: boolean;
  mode?: 'access' | 'trunk' | 'dynamic desirable' | 'dynamic auto';
  accessVlan: number;
  voiceVlan?: number;
  nativeVlan: number;
  /** Trunk allowed VLANs; undefined = all. */
  allowed?: number[];
  nonegotiate: boolean;
  addresses: { ip: string; mask: string; secondary?: boolean }[];
  dhcpClient: boolean;
  helpers: string[];
  encapsulation?: { vlan: number; native: boolean };
  nat?: 'inside' | 'outside';
  accessGroup: { in?: string; out?: string };
  portSecurity: PortSecurity;
  portfast: boolean;
  bpduguard: boolean;
  channelGroup?: { group: number; mode: string };
  speed?: string;
  duplex?: string;
  ospfCost?: number;
  standby: { group: number; ip?: string; priority?: number; preempt: boolean }[];
  extra: string[];
  mac: string;
}

export interface Line {
  transportInput?: string[];
  login?: 'login' | 'local';
  password?: Secret;
  execTimeout?: string;
  loggingSync: boolean;
  accessClass?: { acl: string; dir: 'in' | 'out' };
}

export interface AclEntry {
  seq: number;
  text: string;
  matches: number;
}
export interface Acl {
  name: string;
  type: 'standard' | 'extended';
  numbered: boolean;
  entries: AclEntry[];
}

export interface DhcpPool {
  name: string;
  network?: { ip: string; mask: string };
  defaultRouter: string[];
  dns: string[];
  domain?: string;
  lease?: string;
}

export interface Neighbor {
  /** Local interface (long name). */
  localIf: string;
  deviceId: string;
  remoteIf: string;
  platform?: string;
  ip?: string;
  capability?: string;
  holdtime?: number;
  version?: string;
  /** Protocols that announce this neighbour (absent: both CDP and LLDP). */
  protocols?: ('cdp' | 'lldp')[];
}

export interface OspfNeighborDef {
  routerId: string;
  address: string;
  iface: string;
  state?: string;
  priority?: number;
}

export interface IosState {
  role: Role;
  model: string;
  serial: string;
  version: string;
  image: string;
  hostname: string;
  domainName?: string;
  domainLookup: boolean;
  enableSecret?: Secret;
  enablePassword?: Secret;
  users: Map<string, { privilege?: number; kind: 'secret' | 'password'; secret: Secret }>;
  servicePasswordEncryption: boolean;
  bannerMotd?: string;
  bannerLogin?: string;
  interfaces: Map<string, Iface>;
  vlans: Map<number, { name: string; shutdown?: boolean }>;
  vtpMode: 'server' | 'client' | 'transparent' | 'off';
  lines: { con: Line; vty: Line; vty2: Line };
  ipSshVersion?: 1 | 2;
  rsaKeyBits?: number;
  snmp: {
    communities: { name: string; access: 'RO' | 'RW'; acl?: string }[];
    location?: string;
    contact?: string;
    hosts: { host: string; version?: string; community: string }[];
    groups: { name: string; model: string; level?: string }[];
    /** SNMPv3 users: never in the running-config (like IOS); shown by `show snmp user`. */
    users: { name: string; group: string; auth?: string; priv?: string }[];
  };
  logging: { hosts: string[]; buffered?: string; trap?: string };
  ntpServers: string[];
  routes: { prefix: string; mask: string; via: string; ad?: number }[];
  defaultGateway?: string;
  ipRouting: boolean;
  ospf: Map<number, { routerId?: string; networks: { ip: string; wildcard: string; area: string }[]; passive: string[]; defaultOriginate: boolean }>;
  acls: Map<string, Acl>;
  dhcpExcluded: { low: string; high?: string }[];
  dhcpPools: Map<string, DhcpPool>;
  nat: string[];
  stp: { mode: 'pvst' | 'rapid-pvst' | 'mst'; priorities: Map<number, number>; portfastDefault: boolean };
  cdpRun: boolean;
  lldpRun: boolean;
  httpServer: boolean;
  extraGlobal: string[];
  // Set by the lab, not by configuration:
  neighbors: Neighbor[];
  ospfNeighbors: OspfNeighborDef[];
  /** Interfaces with a cable plugged in (link up when not shut). */
  connected: Set<string>;
  startupConfig?: string;
  bootTime: number;
  lastChange?: number;
  baseMac: string;
  hostKeyFingerprint?: string;
}

export const SWITCH_PORTS = [...Array.from({ length: 24 }, (_, i) => `FastEthernet0/${i + 1}`), 'GigabitEthernet0/1', 'GigabitEthernet0/2'];
export const ROUTER_PORTS = ['GigabitEthernet0/0', 'GigabitEthernet0/1', 'Serial0/0/0', 'Serial0/0/1'];

export function newIface(name: string, switchport: boolean, mac: string): Iface {
  return {
    name,
    shutdown: false,
    switchport,
    accessVlan: 1,
    nativeVlan: 1,
    nonegotiate: false,
    addresses: [],
    dhcpClient: false,
    helpers: [],
    accessGroup: {},
    portSecurity: { enabled: false, sticky: false, macs: [] },
    portfast: false,
    bpduguard: false,
    standby: [],
    extra: [],
    mac,
  };
}

function macFor(base: string, n: number): string {
  const hex = (parseInt(base.replace(/\./g, ''), 16) + n).toString(16).padStart(12, '0');
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8, 12)}`;
}

export function ifaceMac(s: IosState, name: string): string {
  return macFor(s.baseMac, 1 + [...s.interfaces.keys()].indexOf(name) + (s.interfaces.has(name) ? 0 : s.interfaces.size));
}

export function newState(role: Role, seed = 'proeflab'): IosState {
  const h = createHash('sha256').update(`${role}|${seed}`).digest('hex');
  const serial = role === 'switch' ? `FOC${parseInt(h.slice(0, 8), 16).toString().slice(0, 4)}X${h.slice(8, 11).toUpperCase()}` : `FTX${parseInt(h.slice(0, 8), 16).toString().slice(0, 4)}A${h.slice(8, 11).toUpperCase()}`;
  const baseMac = `${role === 'switch' ? '0019' : '00d0'}.${h.slice(12, 16)}.${h.slice(16, 18)}00`;
  const s: IosState = {
    role,
    model: role === 'switch' ? 'WS-C2960-24TT-L' : 'CISCO1941/K9',
    serial,
    version: role === 'switch' ? '15.0(2)SE11' : '15.1(4)M4',
    image: role === 'switch' ? 'flash:c2960-lanbasek9-mz.150-2.SE11.bin' : 'flash0:c1900-universalk9-mz.SPA.151-4.M4.bin',
    hostname: role === 'switch' ? 'Switch' : 'Router',
    domainLookup: true,
    users: new Map(),
    servicePasswordEncryption: false,
    interfaces: new Map(),
    vlans: new Map(),
    vtpMode: 'server',
    lines: { con: { loggingSync: false }, vty: { loggingSync: false }, vty2: { loggingSync: false } },
    snmp: { communities: [], hosts: [], groups: [], users: [] },
    logging: { hosts: [] },
    ntpServers: [],
    routes: [],
    ipRouting: role === 'router',
    ospf: new Map(),
    acls: new Map(),
    dhcpExcluded: [],
    dhcpPools: new Map(),
    nat: [],
    stp: { mode: 'pvst', priorities: new Map(), portfastDefault: false },
    cdpRun: true,
    lldpRun: false,
    httpServer: role === 'switch',
    extraGlobal: [],
    neighbors: [],
    ospfNeighbors: [],
    connected: new Set(),
    bootTime: Date.now(),
    baseMac,
  };
  const ports = role === 'switch' ? SWITCH_PORTS : ROUTER_PORTS;
  ports.forEach((p, i) => s.interfaces.set(p, newIface(p, role === 'switch', macFor(baseMac, i + 1))));
  if (role === 'router') for (const i of s.interfaces.values()) i.shutdown = true;
  if (role === 'switch') {
    const v1 = newIface('Vlan1', false, macFor(baseMac, 64));
    v1.shutdown = true;
    s.interfaces.set('Vlan1', v1);
    s.vlans.set(1, { name: 'default' });
    for (const [id, name] of [[1002, 'fddi-default'], [1003, 'token-ring-default'], [1004, 'fddinet-default'], [1005, 'trnet-default']] as const)
      s.vlans.set(id, { name, shutdown: false });
  }
  return s;
}

// ---- secrets -------------------------------------------------------------------------------

const XLAT = 'dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87';

export function type7Encode(plain: string, seed = Math.floor(Math.random() * 16)): string {
  let out = seed.toString().padStart(2, '0');
  for (let i = 0; i < plain.length; i++) out += (plain.charCodeAt(i) ^ XLAT.charCodeAt((seed + i) % XLAT.length)).toString(16).toUpperCase().padStart(2, '0');
  return out;
}

export function type7Decode(enc: string): string {
  const seed = parseInt(enc.slice(0, 2), 10);
  let out = '';
  for (let i = 2, k = 0; i < enc.length; i += 2, k++) out += String.fromCharCode(parseInt(enc.slice(i, i + 2), 16) ^ XLAT.charCodeAt((seed + k) % XLAT.length));
  return out;
}

const B64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function cryptChars(buf: Buffer, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += B64[buf[i % buf.length] % 64];
  return s;
}

/** A hash in the shape IOS prints for the type (salted; verifiable by hashing again with the salt). */
export function hashSecret(type: 5 | 8 | 9, plain: string, salt?: string): string {
  const sl = salt ?? cryptChars(randomBytes(16), type === 5 ? 4 : 14);
  const d = createHash('sha256').update(`${type}$${sl}$${plain}`).digest();
  if (type === 5) return `$1$${sl}$${cryptChars(d, 22)}`;
  return `$${type}$${sl}$${cryptChars(d, 43)}`;
}

export function makeSecret(type: number, text: string): Secret {
  if (type === 0) return { type: 0, value: text, plain: text };
  if (type === 7) return { type: 7, value: text.toUpperCase(), plain: /^\d\d[0-9A-F]+$/i.test(text) ? type7Decode(text) : undefined };
  return { type: type as 5 | 8 | 9, value: text };
}

export function secretMatches(s: Secret, plain: string): boolean {
  if (s.plain !== undefined) return s.plain === plain;
  if (s.type === 5 || s.type === 8 || s.type === 9) {
    const salt = s.value.split('$')[2];
    return hashSecret(s.type, plain, salt) === s.value;
  }
  return false;
}

// ---- ordering and helpers -----------------------------------------------------------------

const TYPE_ORDER = ['Loopback', 'Tunnel', 'Port-channel', 'Embedded-Service-Engine', 'FastEthernet', 'GigabitEthernet', 'TenGigabitEthernet', 'Ethernet', 'Serial', 'Vlan'];

export function ifaceSortKey(name: string): (string | number)[] {
  const m = /^([A-Za-z-]+)([\d/.]+)$/.exec(name);
  if (!m) return [99, name];
  return [TYPE_ORDER.indexOf(m[1]) < 0 ? 50 : TYPE_ORDER.indexOf(m[1]), ...m[2].split(/[/.]/).map(Number)];
}

export function sortedIfaces(s: IosState): Iface[] {
  return [...s.interfaces.values()].sort((a, b) => {
    const ka = ifaceSortKey(a.name);
    const kb = ifaceSortKey(b.name);
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
      const x = ka[i] ?? -1;
      const y = kb[i] ?? -1;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}

export function shortIf(name: string): string {
  return name
    .replace(/^FastEthernet/, 'Fa')
    .replace(/^GigabitEthernet/, 'Gi')
    .replace(/^TenGigabitEthernet/, 'Te')
    .replace(/^Port-channel/, 'Po')
    .replace(/^Loopback/, 'Lo')
    .replace(/^Serial/, 'Se')
    .replace(/^Tunnel/, 'Tu')
    .replace(/^Vlan/, 'Vl');
}

export function maskToPrefix(mask: string): number {
  return mask.split('.').reduce((n, o) => n + (Number(o).toString(2).match(/1/g)?.length ?? 0), 0);
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0) >>> 0;
}
export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}
export function networkOf(ip: string, mask: string): string {
  return intToIp((ipToInt(ip) & ipToInt(mask)) >>> 0);
}

/** Physical/logical state as show commands print it. */
export function linkState(s: IosState, i: Iface): { status: 'up' | 'down' | 'administratively down'; protocol: 'up' | 'down' } {
  if (i.shutdown) return { status: 'administratively down', protocol: 'down' };
  if (i.name.startsWith('Loopback')) return { status: 'up', protocol: 'up' };
  if (i.name.startsWith('Vlan')) {
    const vid = Number(i.name.slice(4));
    const carried = [...s.interfaces.values()].some((p) => p.switchport && !p.shutdown && s.connected.has(p.name) && portCarries(p, vid));
    return { status: 'up', protocol: s.vlans.has(vid) && carried ? 'up' : 'down' };
  }
  const parent = i.name.includes('.') ? s.interfaces.get(i.name.split('.')[0]) : undefined;
  if (parent) {
    const ps = linkState(s, parent);
    return ps.status === 'administratively down' ? { status: 'down', protocol: 'down' } : ps;
  }
  if (i.name.startsWith('Port-channel')) {
    const members = [...s.interfaces.values()].filter((m) => m.channelGroup?.group === Number(i.name.slice(12)));
    const up = members.some((m) => !m.shutdown && s.connected.has(m.name));
    return up ? { status: 'up', protocol: 'up' } : { status: 'down', protocol: 'down' };
  }
  return s.connected.has(i.name) ? { status: 'up', protocol: 'up' } : { status: 'down', protocol: 'down' };
}

export function portCarries(p: Iface, vid: number): boolean {
  if (p.mode === 'trunk') return !p.allowed || p.allowed.includes(vid);
  return p.accessVlan === vid;
}
