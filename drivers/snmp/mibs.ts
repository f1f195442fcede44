// The MIB objects proeflab reads and how their varbinds become structured facts. Pure functions of
// varbinds, so they can be tested without an agent.
import { hexOf, inSubtree, type Vb } from './client.js';

export const OID = {
  system: '1.3.6.1.2.1.1',
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
  ifEntry: '1.3.6.1.2.1.2.2.1',
  ifXEntry: '1.3.6.1.2.1.31.1.1.1',
  ifName: '1.3.6.1.2.1.31.1.1.1.1',
  ifDescr: '1.3.6.1.2.1.2.2.1.2',
  entPhysicalEntry: '1.3.6.1.2.1.47.1.1.1.1',
  lldpLocPortEntry: '1.0.8802.1.1.2.1.3.7.1',
  lldpRemEntry: '1.0.8802.1.1.2.1.4.1.1',
  lldpRemManAddrEntry: '1.0.8802.1.1.2.1.4.2.1',
  dot1qVlanStaticName: '1.3.6.1.2.1.17.7.1.4.3.1.1',
  vtpVlanEntry: '1.3.6.1.4.1.9.9.46.1.3.1.1',
  ipAddrEntry: '1.3.6.1.2.1.4.20.1',
  ipAddressEntry: '1.3.6.1.2.1.4.34.1',
  hrSystemUptime: '1.3.6.1.2.1.25.1.1.0',
  hrSystemNumUsers: '1.3.6.1.2.1.25.1.5.0',
  hrSystemProcesses: '1.3.6.1.2.1.25.1.6.0',
  hrMemorySize: '1.3.6.1.2.1.25.2.2.0',
  hrStorageEntry: '1.3.6.1.2.1.25.2.3.1',
  hrProcessorLoad: '1.3.6.1.2.1.25.3.3.1.2',
} as const;

/** MIB names an exam author may use instead of numeric OIDs (`sysName.0`, `IF-MIB::ifOperStatus.3`). */
export const SYMBOLS: Record<string, string> = {
  system: OID.system,
  sysDescr: '1.3.6.1.2.1.1.1',
  sysObjectID: '1.3.6.1.2.1.1.2',
  sysUpTime: '1.3.6.1.2.1.1.3',
  sysContact: '1.3.6.1.2.1.1.4',
  sysName: '1.3.6.1.2.1.1.5',
  sysLocation: '1.3.6.1.2.1.1.6',
  ifNumber: '1.3.6.1.2.1.2.1',
  ifTable: '1.3.6.1.2.1.2.2',
  ifDescr: OID.ifDescr,
  ifType: '1.3.6.1.2.1.2.2.1.3',
  ifSpeed: '1.3.6.1.2.1.2.2.1.5',
  ifPhysAddress: '1.3.6.1.2.1.2.2.1.6',
  ifAdminStatus: '1.3.6.1.2.1.2.2.1.7',
  ifOperStatus: '1.3.6.1.2.1.2.2.1.8',
  ifXTable: '1.3.6.1.2.1.31.1.1',
  ifName: OID.ifName,
  ifHighSpeed: '1.3.6.1.2.1.31.1.1.1.15',
  ifAlias: '1.3.6.1.2.1.31.1.1.1.18',
  ipAddrTable: '1.3.6.1.2.1.4.20',
  ipAddressTable: '1.3.6.1.2.1.4.34',
  ipForwarding: '1.3.6.1.2.1.4.1',
  entPhysicalTable: '1.3.6.1.2.1.47.1.1.1',
  entPhysicalDescr: '1.3.6.1.2.1.47.1.1.1.1.2',
  entPhysicalName: '1.3.6.1.2.1.47.1.1.1.1.7',
  entPhysicalSerialNum: '1.3.6.1.2.1.47.1.1.1.1.11',
  entPhysicalModelName: '1.3.6.1.2.1.47.1.1.1.1.13',
  lldpRemTable: '1.0.8802.1.1.2.1.4.1',
  lldpRemSysName: '1.0.8802.1.1.2.1.4.1.1.9',
  dot1qVlanStaticName: OID.dot1qVlanStaticName,
  vtpVlanName: '1.3.6.1.4.1.9.9.46.1.3.1.1.4',
  hrSystemUptime: '1.3.6.1.2.1.25.1.1',
  hrMemorySize: '1.3.6.1.2.1.25.2.2',
  hrStorageTable: '1.3.6.1.2.1.25.2.3',
  hrProcessorLoad: OID.hrProcessorLoad,
  snmpInPkts: '1.3.6.1.2.1.11.1',
  snmpInBadCommunityNames: '1.3.6.1.2.1.11.4',
};

/** Numeric OID for `1.3.6...`, `.1.3.6...`, `sysName.0`, `SNMPv2-MIB::sysName.0`; undefined when unknown. */
export function resolveOid(name: string): string | undefined {
  const t = name.trim();
  if (/^\.?\d+(\.\d+)+$/.test(t)) return t.replace(/^\./, '');
  const m = /^(?:[A-Za-z0-9-]+::)?([A-Za-z][A-Za-z0-9]*)((?:\.\d+)*)$/.exec(t);
  if (!m) return undefined;
  const base = SYMBOLS[m[1]];
  return base ? base + m[2] : undefined;
}

/** Rows of a conceptual table: index (the OID part after `<entry>.<column>.`) → column → varbind. */
export function table(vbs: Vb[], entry: string): Map<string, Map<number, Vb>> {
  const rows = new Map<string, Map<number, Vb>>();
  for (const vb of vbs) {
    if (!inSubtree(vb.oid, entry) || vb.exception) continue;
    const rest = vb.oid.slice(entry.length + 1).split('.');
    const col = Number(rest[0]);
    const index = rest.slice(1).join('.');
    if (!index) continue;
    let row = rows.get(index);
    if (!row) rows.set(index, (row = new Map()));
    row.set(col, vb);
  }
  return rows;
}

const str = (vb: Vb | undefined): string | undefined => (vb == null || vb.value == null ? undefined : String(vb.value));
const num = (vb: Vb | undefined): number | undefined => {
  if (vb == null || vb.value == null) return undefined;
  const n = Number(vb.value);
  return Number.isFinite(n) ? n : undefined;
};
/** Counters: numbers, or decimal strings when above 2^53. */
const counter = (vb: Vb | undefined): number | string | undefined =>
  vb == null || vb.value == null ? undefined : typeof vb.value === 'number' ? vb.value : String(vb.value);

/** Text of an octet string; binary octets as text only when printable, else hex. */
const text = (vb: Vb | undefined): string | undefined => str(vb);

/** MAC address from 6 octets (`aa:bb:cc:dd:ee:ff`), or undefined. */
export function macOf(vb: Vb | undefined): string | undefined {
  if (!vb?.bytes) return undefined;
  if (vb.bytes.length === 6) return hexOf(vb.bytes);
  // Some agents return the MAC as text already.
  const s = vb.bytes.toString('latin1').trim();
  if (/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(s)) return s.toLowerCase().replace(/-/g, ':');
  return undefined;
}

/** Text that an agent (or a recording) delivered hex-encoded: `0x4369...`, `43 69 73 ...`, `43:69:...`. */
export function decodeHexText(s: string): string | undefined {
  const t = s.trim();
  const m = /^(?:0x)?((?:[0-9a-f]{2}[ :]?){4,})$/i.exec(t);
  if (!m) return undefined;
  const hex = m[1].replace(/[ :]/g, '');
  if (hex.length % 2) return undefined;
  const buf = Buffer.from(hex, 'hex');
  const out = buf.toString('utf8');
  if (out.includes('\uFFFD') || /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/.test(out.replace(/\0$/, ''))) return undefined;
  return out.replace(/\0$/, '');
}

/** sysDescr as text: decodes hex, drops a pair of quotes around the whole value (seen in walks saved from snmpwalk output). */
export function cleanDescr(s: string | undefined): string | undefined {
  if (s == null) return undefined;
  let t = decodeHexText(s) ?? s;
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
  return t.replace(/\0+$/, '');
}

// ---------------------------------------------------------------- system

export interface SystemInfo {
  sysDescr: string | null;
  sysObjectID: string | null;
  sysUpTime: number | null;
  /** sysUpTime as text: `12d 3h 4m 5s`. */
  uptime: string | null;
  sysContact: string | null;
  sysName: string | null;
  sysLocation: string | null;
  /** Objects the agent does not have (noSuchObject/noSuchInstance). */
  missing: string[];
}

export function formatTicks(ticks: number): string {
  let s = Math.floor(ticks / 100);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${d ? `${d}d ` : ''}${h}h ${m}m ${s}s`;
}

export const SYSTEM_OIDS = [OID.sysDescr, OID.sysObjectID, OID.sysUpTime, OID.sysContact, OID.sysName, OID.sysLocation];

export function parseSystem(vbs: Vb[]): SystemInfo {
  const by = new Map(vbs.map((v) => [v.oid, v]));
  const names: Record<string, string> = {
    [OID.sysDescr]: 'sysDescr',
    [OID.sysObjectID]: 'sysObjectID',
    [OID.sysUpTime]: 'sysUpTime',
    [OID.sysContact]: 'sysContact',
    [OID.sysName]: 'sysName',
    [OID.sysLocation]: 'sysLocation',
  };
  const missing = SYSTEM_OIDS.filter((o) => !by.get(o) || by.get(o)!.exception).map((o) => names[o]);
  const up = num(by.get(OID.sysUpTime));
  return {
    sysDescr: cleanDescr(text(by.get(OID.sysDescr))) ?? null,
    sysObjectID: str(by.get(OID.sysObjectID)) ?? null,
    sysUpTime: up ?? null,
    uptime: up == null ? null : formatTicks(up),
    sysContact: text(by.get(OID.sysContact)) ?? null,
    sysName: text(by.get(OID.sysName)) ?? null,
    sysLocation: text(by.get(OID.sysLocation)) ?? null,
    missing,
  };
}

// ---------------------------------------------------------------- interfaces

const IF_STATUS: Record<number, string> = { 1: 'up', 2: 'down', 3: 'testing', 4: 'unknown', 5: 'dormant', 6: 'notPresent', 7: 'lowerLayerDown' };
const IF_TYPES: Record<number, string> = {
  1: 'other',
  6: 'ethernetCsmacd',
  23: 'ppp',
  24: 'softwareLoopback',
  53: 'propVirtual',
  71: 'ieee80211',
  117: 'gigabitEthernet',
  131: 'tunnel',
  135: 'l2vlan',
  136: 'l3ipvlan',
  161: 'ieee8023adLag',
  166: 'mpls',
  209: 'bridge',
};

export interface SnmpInterface {
  index: number;
  name: string | null;
  descr: string | null;
  alias: string | null;
  type: number | null;
  typeName: string | null;
  mtu: number | null;
  /** bits per second: ifHighSpeed × 10^6 when present, else ifSpeed. */
  speed: number | null;
  mac: string | null;
  adminStatus: string | null;
  operStatus: string | null;
  lastChange: number | null;
  inOctets: number | string | null;
  outOctets: number | string | null;
  inErrors: number | null;
  outErrors: number | null;
  inDiscards: number | null;
  outDiscards: number | null;
  inUcastPkts: number | string | null;
  outUcastPkts: number | string | null;
}

export function parseInterfaces(vbs: Vb[]): SnmpInterface[] {
  const base = table(vbs, OID.ifEntry);
  const ext = table(vbs, OID.ifXEntry);
  const indexes = [...new Set([...base.keys(), ...ext.keys()])].filter((i) => /^\d+$/.test(i)).sort((a, b) => Number(a) - Number(b));
  return indexes.map((i) => {
    const r = base.get(i) ?? new Map<number, Vb>();
    const x = ext.get(i) ?? new Map<number, Vb>();
    const type = num(r.get(3));
    const high = num(x.get(15));
    const speed = high != null && high > 0 ? high * 1_000_000 : num(r.get(5));
    const admin = num(r.get(7));
    const oper = num(r.get(8));
    return {
      index: Number(i),
      name: text(x.get(1)) ?? null,
      descr: text(r.get(2)) ?? null,
      alias: text(x.get(18)) ?? null,
      type: type ?? null,
      typeName: type == null ? null : (IF_TYPES[type] ?? `type-${type}`),
      mtu: num(r.get(4)) ?? null,
      speed: speed ?? null,
      mac: macOf(r.get(6)) ?? null,
      adminStatus: admin == null ? null : (IF_STATUS[admin] ?? String(admin)),
      operStatus: oper == null ? null : (IF_STATUS[oper] ?? String(oper)),
      lastChange: num(r.get(9)) ?? null,
      inOctets: counter(x.get(6)) ?? counter(r.get(10)) ?? null,
      outOctets: counter(x.get(10)) ?? counter(r.get(16)) ?? null,
      inErrors: num(r.get(14)) ?? null,
      outErrors: num(r.get(20)) ?? null,
      inDiscards: num(r.get(13)) ?? null,
      outDiscards: num(r.get(19)) ?? null,
      inUcastPkts: counter(x.get(7)) ?? counter(r.get(11)) ?? null,
      outUcastPkts: counter(x.get(11)) ?? counter(r.get(17)) ?? null,
    };
  });
}

/** ifIndex → ifName (or ifDescr), from an ifName and/or ifDescr walk. */
export function ifNames(vbs: Vb[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const vb of vbs) {
    if (vb.exception || vb.value == null) continue;
    if (inSubtree(vb.oid, OID.ifDescr)) {
      const i = Number(vb.oid.slice(OID.ifDescr.length + 1));
      if (!out.has(i)) out.set(i, String(vb.value));
    }
  }
  for (const vb of vbs) {
    if (vb.exception || vb.value == null || !inSubtree(vb.oid, OID.ifName) || vb.value === '') continue;
    out.set(Number(vb.oid.slice(OID.ifName.length + 1)), String(vb.value));
  }
  return out;
}

// ---------------------------------------------------------------- entity

const ENT_CLASS: Record<number, string> = {
  1: 'other',
  2: 'unknown',
  3: 'chassis',
  4: 'backplane',
  5: 'container',
  6: 'powerSupply',
  7: 'fan',
  8: 'sensor',
  9: 'module',
  10: 'port',
  11: 'stack',
  12: 'cpu',
  13: 'energyObject',
  14: 'battery',
  15: 'storageDrive',
};

export interface PhysicalEntity {
  index: number;
  class: string | null;
  descr: string | null;
  name: string | null;
  containedIn: number | null;
  hardwareRev: string | null;
  firmwareRev: string | null;
  softwareRev: string | null;
  serial: string | null;
  manufacturer: string | null;
  model: string | null;
  fru: boolean | null;
}

const nonEmpty = (s: string | undefined) => (s == null || s.trim() === '' ? null : s.trim());

export function parseEntity(vbs: Vb[]): PhysicalEntity[] {
  const rows = table(vbs, OID.entPhysicalEntry);
  return [...rows.entries()]
    .filter(([i]) => /^\d+$/.test(i))
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([i, r]) => {
      const cls = num(r.get(5));
      const fru = num(r.get(16));
      return {
        index: Number(i),
        class: cls == null ? null : (ENT_CLASS[cls] ?? String(cls)),
        descr: nonEmpty(text(r.get(2))),
        name: nonEmpty(text(r.get(7))),
        containedIn: num(r.get(4)) ?? null,
        hardwareRev: nonEmpty(text(r.get(8))),
        firmwareRev: nonEmpty(text(r.get(9))),
        softwareRev: nonEmpty(text(r.get(10))),
        serial: nonEmpty(text(r.get(11))),
        manufacturer: nonEmpty(text(r.get(12))),
        model: nonEmpty(text(r.get(13))),
        fru: fru == null ? null : fru === 1,
      };
    });
}

/** Serial numbers in vendor MIBs, for devices whose ENTITY-MIB has none: MikroTik mtxrSerialNumber. */
export const VENDOR_SERIALS = ['1.3.6.1.4.1.14988.1.1.7.3.0'];

export function vendorSerialOf(vbs: Vb[]): string | undefined {
  for (const oid of VENDOR_SERIALS) {
    const vb = vbs.find((v) => v.oid === oid && !v.exception);
    const s = nonEmpty(text(vb));
    if (s) return s;
  }
  return undefined;
}

/** The chassis (or, failing that, the top-level entity): what "this device" is. */
export function chassisOf(ents: PhysicalEntity[]): PhysicalEntity | undefined {
  return ents.find((e) => e.class === 'chassis' && e.serial) ?? ents.find((e) => e.class === 'chassis') ?? ents.find((e) => e.containedIn === 0) ?? ents[0];
}

// ---------------------------------------------------------------- LLDP

const CHASSIS_SUBTYPES: Record<number, string> = { 1: 'chassisComponent', 2: 'interfaceAlias', 3: 'portComponent', 4: 'macAddress', 5: 'networkAddress', 6: 'interfaceName', 7: 'local' };
const PORT_SUBTYPES: Record<number, string> = { 1: 'interfaceAlias', 2: 'portComponent', 3: 'macAddress', 4: 'networkAddress', 5: 'interfaceName', 6: 'agentCircuitId', 7: 'local' };

function lldpId(vb: Vb | undefined, subtype: string | undefined): string | null {
  if (!vb) return null;
  if (subtype === 'macAddress') return macOf(vb) ?? text(vb) ?? null;
  if (subtype === 'networkAddress' && vb.bytes && vb.bytes.length === 5 && vb.bytes[0] === 1) return [...vb.bytes.subarray(1)].join('.');
  return text(vb) ?? null;
}

export interface LldpNeighbour {
  localPortNum: number;
  /** Local port name: ifName of the ifIndex with that number, else lldpLocPortDesc / lldpLocPortId. */
  localPort: string | null;
  localPortId: string | null;
  localPortDesc: string | null;
  chassisIdSubtype: string | null;
  chassisId: string | null;
  portIdSubtype: string | null;
  portId: string | null;
  portDesc: string | null;
  sysName: string | null;
  sysDesc: string | null;
  managementAddresses: string[];
}

export function parseLldp(vbs: Vb[], ifNameByIndex: Map<number, string> = new Map()): LldpNeighbour[] {
  const rem = table(vbs, OID.lldpRemEntry);
  const loc = table(vbs, OID.lldpLocPortEntry);
  const man = table(vbs, OID.lldpRemManAddrEntry);
  const out: LldpNeighbour[] = [];
  for (const [index, r] of rem) {
    // index = lldpRemTimeMark.lldpRemLocalPortNum.lldpRemIndex
    const [, localPortNum] = index.split('.').map(Number);
    const l = loc.get(String(localPortNum));
    const cs = num(r.get(4));
    const ps = num(r.get(6));
    const chassisIdSubtype = cs == null ? null : (CHASSIS_SUBTYPES[cs] ?? String(cs));
    const portIdSubtype = ps == null ? null : (PORT_SUBTYPES[ps] ?? String(ps));
    const localPortId = nonEmpty(text(l?.get(3)));
    const localPortDesc = nonEmpty(text(l?.get(4)));
    const mgmt: string[] = [];
    for (const [mIndex] of man) {
      // timemark.localport.remindex.addrSubtype.addrLen.addr...
      const parts = mIndex.split('.').map(Number);
      if (`${parts[0]}.${parts[1]}.${parts[2]}` !== index) continue;
      const [fam, len, ...addr] = parts.slice(3);
      if (fam === 1 && len === 4) mgmt.push(addr.join('.'));
      else if (fam === 2 && len === 16) mgmt.push(ipv6(addr));
    }
    out.push({
      localPortNum,
      localPort: ifNameByIndex.get(localPortNum) ?? localPortDesc ?? localPortId ?? null,
      localPortId,
      localPortDesc,
      chassisIdSubtype,
      chassisId: lldpId(r.get(5), chassisIdSubtype ?? undefined),
      portIdSubtype,
      portId: lldpId(r.get(7), portIdSubtype ?? undefined),
      portDesc: nonEmpty(text(r.get(8))),
      sysName: nonEmpty(text(r.get(9))),
      sysDesc: nonEmpty(text(r.get(10))),
      managementAddresses: mgmt,
    });
  }
  return out.sort((a, b) => a.localPortNum - b.localPortNum);
}

/** RFC 5952 text form of 16 address bytes: lower case, longest run of zero groups (2+) as `::`. */
export function ipv6(bytes: number[]): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

// ---------------------------------------------------------------- VLANs

const VTP_STATE: Record<number, string> = { 1: 'operational', 2: 'suspended', 3: 'mtuTooBigForDevice', 4: 'mtuTooBigForTrunk' };

export interface SnmpVlan {
  id: number;
  name: string | null;
  source: 'q-bridge' | 'cisco-vtp';
  state?: string | null;
  /** VTP management domain index (Cisco). */
  domain?: number;
}

export function parseVlans(vbs: Vb[]): SnmpVlan[] {
  const byId = new Map<number, SnmpVlan>();
  for (const vb of vbs) {
    if (vb.exception || !inSubtree(vb.oid, OID.dot1qVlanStaticName)) continue;
    const id = Number(vb.oid.slice(OID.dot1qVlanStaticName.length + 1));
    byId.set(id, { id, name: text(vb) ?? null, source: 'q-bridge' });
  }
  for (const [index, r] of table(vbs, OID.vtpVlanEntry)) {
    const [domain, id] = index.split('.').map(Number);
    if (byId.has(id)) continue;
    const st = num(r.get(2));
    byId.set(id, { id, name: text(r.get(4)) ?? null, source: 'cisco-vtp', state: st == null ? null : (VTP_STATE[st] ?? String(st)), domain });
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

// ---------------------------------------------------------------- IP addresses

export interface SnmpIpAddress {
  address: string;
  family: 'ipv4' | 'ipv6';
  ifIndex: number | null;
  ifName: string | null;
  prefixLength: number | null;
  netmask: string | null;
  source: 'ipAddrTable' | 'ipAddressTable';
  type?: string | null;
}

const maskToPrefix = (mask: string) =>
  mask
    .split('.')
    .map((o) => Number(o).toString(2))
    .join('')
    .replace(/0+$/, '')
    .split('')
    .filter((c) => c === '1').length;

const prefixToMask = (p: number) => {
  const n = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
};

export function parseIp(vbs: Vb[], ifNameByIndex: Map<number, string> = new Map()): SnmpIpAddress[] {
  const out = new Map<string, SnmpIpAddress>();
  for (const [index, r] of table(vbs, OID.ipAddrEntry)) {
    const address = str(r.get(1)) ?? index;
    const mask = str(r.get(3)) ?? null;
    const ifIndex = num(r.get(2)) ?? null;
    out.set(address, {
      address,
      family: 'ipv4',
      ifIndex,
      ifName: ifIndex == null ? null : (ifNameByIndex.get(ifIndex) ?? null),
      prefixLength: mask ? maskToPrefix(mask) : null,
      netmask: mask,
      source: 'ipAddrTable',
    });
  }
  const types: Record<number, string> = { 1: 'unicast', 2: 'anycast', 3: 'broadcast' };
  for (const [index, r] of table(vbs, OID.ipAddressEntry)) {
    // index = addrType.len.bytes... (1 = ipv4, 2 = ipv6; 3/4 = with zone)
    const parts = index.split('.').map(Number);
    const [atype, len, ...bytes] = parts;
    if (bytes.length < len) continue;
    const b = bytes.slice(0, len);
    const family = atype === 1 || atype === 3 ? 'ipv4' : 'ipv6';
    const address = family === 'ipv4' ? b.slice(0, 4).join('.') : ipv6(b.slice(0, 16));
    const t = num(r.get(4));
    if (t === 3) continue; // broadcast entries are not addresses of the device
    const ifIndex = num(r.get(3)) ?? null;
    // ipAddressPrefix is a pointer into ipAddressPrefixTable; its last arc is the prefix length.
    const prefixPtr = str(r.get(5));
    const pl = prefixPtr && prefixPtr !== '0.0' ? Number(prefixPtr.split('.').pop()) : NaN;
    const prefixLength = Number.isFinite(pl) ? pl : null;
    const existing = out.get(address);
    if (existing) {
      existing.prefixLength ??= prefixLength;
      continue;
    }
    out.set(address, {
      address,
      family,
      ifIndex,
      ifName: ifIndex == null ? null : (ifNameByIndex.get(ifIndex) ?? null),
      prefixLength,
      netmask: family === 'ipv4' && prefixLength != null ? prefixToMask(prefixLength) : null,
      source: 'ipAddressTable',
      type: t == null ? null : (types[t] ?? String(t)),
    });
  }
  return [...out.values()];
}

// ---------------------------------------------------------------- HOST-RESOURCES

const STORAGE_TYPES: Record<string, string> = {
  '1.3.6.1.2.1.25.2.1.1': 'other',
  '1.3.6.1.2.1.25.2.1.2': 'ram',
  '1.3.6.1.2.1.25.2.1.3': 'virtualMemory',
  '1.3.6.1.2.1.25.2.1.4': 'fixedDisk',
  '1.3.6.1.2.1.25.2.1.5': 'removableDisk',
  '1.3.6.1.2.1.25.2.1.6': 'floppyDisk',
  '1.3.6.1.2.1.25.2.1.7': 'compactDisc',
  '1.3.6.1.2.1.25.2.1.8': 'ramDisk',
  '1.3.6.1.2.1.25.2.1.9': 'flashMemory',
  '1.3.6.1.2.1.25.2.1.10': 'networkDisk',
};

export interface HostResources {
  uptime: number | null;
  users: number | null;
  processes: number | null;
  /** hrMemorySize in bytes. */
  memoryBytes: number | null;
  storage: { index: number; type: string | null; descr: string | null; sizeBytes: number | null; usedBytes: number | null; usedPercent: number | null }[];
  /** hrProcessorLoad per processor (% over the last minute). */
  processorLoad: number[];
}

export function parseHost(vbs: Vb[]): HostResources {
  const by = new Map(vbs.filter((v) => !v.exception).map((v) => [v.oid, v]));
  const mem = num(by.get(OID.hrMemorySize));
  const storage = [...table(vbs, OID.hrStorageEntry).entries()]
    .filter(([i]) => /^\d+$/.test(i))
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([i, r]) => {
      const unit = num(r.get(4)) ?? 1;
      const size = num(r.get(5));
      const used = num(r.get(6));
      const typeOid = str(r.get(2));
      return {
        index: Number(i),
        type: typeOid == null ? null : (STORAGE_TYPES[typeOid] ?? typeOid),
        descr: text(r.get(3)) ?? null,
        sizeBytes: size == null ? null : size * unit,
        usedBytes: used == null ? null : used * unit,
        usedPercent: size && used != null ? Math.round((used / size) * 1000) / 10 : null,
      };
    });
  const load = vbs.filter((v) => !v.exception && inSubtree(v.oid, OID.hrProcessorLoad)).map((v) => Number(v.value));
  return {
    uptime: num(by.get(OID.hrSystemUptime)) ?? null,
    users: num(by.get(OID.hrSystemNumUsers)) ?? null,
    processes: num(by.get(OID.hrSystemProcesses)) ?? null,
    memoryBytes: mem == null ? null : mem * 1024,
    storage,
    processorLoad: load,
  };
}

// ---------------------------------------------------------------- identity

/** Model and version from sysDescr (and ENTITY-MIB when present). */
export function identityFrom(sys: SystemInfo, ents: PhysicalEntity[]) {
  const chassis = chassisOf(ents);
  const d = sys.sysDescr ?? '';
  let model: string | undefined = chassis?.model ?? undefined;
  let version: string | undefined;
  let os: string | undefined;
  const cisco = /Cisco (IOS|IOS-XE|IOS XE|NX-OS)?.*?Software.*?Version ([^\s,]+)/is.exec(d);
  if (cisco) {
    os = /IOS[- ]XE/i.test(d) ? 'IOS-XE' : cisco[1] ?? 'IOS';
    version = cisco[2];
    model ??= /\(([^)]+?)-[A-Z0-9]+-M\)/.exec(d)?.[1] ?? undefined;
  }
  const ros = /^RouterOS\s+(\S+)/.exec(d);
  if (ros) {
    os = 'RouterOS';
    model ??= ros[1];
    // ENTITY-MIB on RouterOS: "RouterOS 7.20beta2 (testing) on RB750Gr3".
    const v = ents.map((e) => /^RouterOS (\S+).* on (\S+)/.exec(e.descr ?? '')).find(Boolean);
    if (v) {
      version = v[1];
      model = chassis?.model ?? v[2];
    }
  }
  const linux = /^Linux (\S+) (\S+)/.exec(d);
  if (linux && !os) {
    os = 'Linux';
    version = linux[2];
  }
  // IOS-XE on some models only puts it in the supervisor module: "Dublin 17.12.04".
  const swRev = [chassis, ...ents.filter((e) => e.class === 'module' || e.class === 'chassis')].map((e) => e?.softwareRev).find((r) => !!r);
  version ??= swRev ? (/\d+\.\d+[\w.()]*/.exec(swRev)?.[0] ?? swRev) : undefined;
  return {
    hostname: sys.sysName ?? undefined,
    model,
    serial: chassis?.serial ?? undefined,
    version,
    os,
    sysObjectID: sys.sysObjectID ?? undefined,
  };
}
