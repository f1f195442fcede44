// The `snmp` driver: any managed device, read over SNMP v1/v2c/v3. Read-only: only GET, GETNEXT and
// GETBULK are ever sent (there is no set in this driver or in its client).
//
// Lab device entry: platform: snmp, host, port (default 161), credentials with `community` (v1/v2c)
// or `username` + `auth_key` [+ `priv_key`] (v3). Options: version '1'|'2c'|'3', level
// (noAuthNoPriv|authNoPriv|authPriv), authProtocol (md5|sha|sha224|sha256|sha384|sha512), privProtocol
// (des|aes|aes256b|aes256r), contextName, retries (default 1), timeout (seconds per request, default 2).
import { z } from 'zod';
import { ObservationError, type DeviceConfig, type DeviceIdentity, type Driver, type DriverSession, type Gathered } from '../../src/core/types.js';
import { SnmpClient, SnmpError, formatVbs, normalizeOid, type SnmpTarget, type Vb } from './client.js';
import {
  OID,
  SYSTEM_OIDS,
  chassisOf,
  identityFrom,
  ifNames,
  parseEntity,
  parseHost,
  parseInterfaces,
  parseIp,
  parseLldp,
  parseSystem,
  parseVlans,
  resolveOid,
  VENDOR_SERIALS,
  vendorSerialOf,
} from './mibs.js';

const Oid = z
  .string()
  .refine((s) => resolveOid(s) != null, { message: 'numerieke OID of bekende MIB-naam verwacht, bijvoorbeeld 1.3.6.1.2.1.1.5.0 of sysName.0' })
  .transform((s) => resolveOid(s)!);
const GetParams = z.object({ oids: z.array(Oid).min(1).max(50) });
const WalkParams = z.object({ oid: Oid, max: z.number().int().min(1).max(100_000).optional() });
const Empty = z.object({}).passthrough();
const Level = z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']);
const AuthProto = z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']);
const PrivProto = z.enum(['des', 'aes', 'aes256b', 'aes256r']);
export const ProbeParams = z.object({
  version: z.enum(['1', '2c', '3']),
  /** Community to try (v1/v2c), e.g. `public`. */
  community: z.string().optional(),
  /** Use the lab's own community / v3 user, with the version above (e.g. the lab's community over v2c). */
  lab: z.boolean().optional(),
  user: z.string().optional(),
  level: Level.optional(),
  authProtocol: AuthProto.optional(),
  authKey: z.string().optional(),
  privProtocol: PrivProto.optional(),
  privKey: z.string().optional(),
});
export type ProbeParams = z.infer<typeof ProbeParams>;

const Options = z
  .object({
    // YAML `version: 3` / `version: 2` arrive as numbers: 2 means v2c.
    version: z
      .union([z.string(), z.number()])
      .transform((v) => (String(v).toLowerCase() === '2' ? '2c' : String(v).toLowerCase().replace(/^v/, '')))
      .pipe(z.enum(['1', '2c', '3']))
      .optional(),
    community: z.string().optional(),
    auth_key: z.string().optional(),
    priv_key: z.string().optional(),
    level: Level.optional(),
    authProtocol: z
      .string()
      .transform((s) => s.toLowerCase().replace('-', ''))
      .pipe(AuthProto)
      .optional(),
    privProtocol: z
      .string()
      .transform((s) => s.toLowerCase().replace(/^aes128$/, 'aes'))
      .pipe(PrivProto)
      .optional(),
    contextName: z.string().optional(),
    retries: z.number().int().min(0).max(10).optional(),
    timeout: z.number().positive().max(60).optional(),
  })
  .passthrough();

/** The result of trying a credential other than (or alongside) the lab's. */
export interface ProbeResult {
  version: '1' | '2c' | '3';
  /** What was tried, without secrets: `community public`, `de community van het lab`, `gebruiker x (authPriv)`. */
  credential: string;
  /** False also when it was not tried (see `tried`). */
  answered: boolean;
  tried: boolean;
  reason: string;
  sysName?: string | null;
  sysObjectID?: string | null;
}

export const FACTS = {
  'snmp.get': { description: 'SNMP GET van een of meer OID’s', params: GetParams },
  'snmp.getnext': { description: 'SNMP GETNEXT: de objecten die op de gegeven OID’s volgen', params: GetParams },
  'snmp.walk': { description: 'SNMP walk (getbulk/getnext) van een subtree', params: WalkParams },
  'snmp.system': { description: 'system-groep: sysDescr, sysObjectID, sysName, sysLocation, sysContact, sysUpTime', params: Empty },
  'snmp.interfaces': { description: 'IF-MIB ifTable + ifXTable: naam, status, snelheid, tellers', params: Empty },
  'snmp.entity': { description: 'ENTITY-MIB fysieke onderdelen: klasse, model, serienummer, software', params: Empty },
  'snmp.lldp': { description: 'LLDP-MIB buren: lokale poort, chassis-id, poort-id, systeemnaam', params: Empty },
  'snmp.vlans': { description: 'VLAN’s uit Q-BRIDGE-MIB (dot1qVlanStaticName) en CISCO-VTP-MIB (vtpVlanName)', params: Empty },
  'snmp.ip': { description: 'IP-adressen uit IP-MIB ipAddrTable en ipAddressTable', params: Empty },
  'snmp.host': { description: 'HOST-RESOURCES-MIB: uptime, geheugen, opslag, processorbelasting', params: Empty },
  'snmp.probe': { description: 'probeer een andere community/gebruiker (bv. public): antwoordt de agent?', params: ProbeParams },
} as const;

/** Build the SNMP target of a lab device from its config (options + resolved credentials). */
export function targetOf(device: DeviceConfig): SnmpTarget {
  const parsed = Options.safeParse(device.options ?? {});
  if (!parsed.success) throw new ObservationError(`ongeldige SNMP-opties voor ${device.role}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const o = parsed.data;
  if (!device.host) throw new ObservationError(`SNMP-apparaat ${device.role} heeft geen host`);
  const version = (o.version as SnmpTarget['version'] | undefined) ?? (device.username && !o.community ? '3' : '2c');
  const level = o.level ?? (o.priv_key ? 'authPriv' : o.auth_key ? 'authNoPriv' : 'noAuthNoPriv');
  const perRequest = Math.round((o.timeout ?? 2) * 1000);
  return {
    host: device.host,
    port: device.port ?? 161,
    version,
    community: o.community,
    // The v3 user is kept whenever the lab gives one, also for a v2c device: probes may try it.
    ...(version === '3' || device.username
      ? {
          user: {
            name: device.username ?? '',
            level,
            authProtocol: o.authProtocol ?? 'sha',
            authKey: o.auth_key,
            privProtocol: o.privProtocol ?? 'aes',
            privKey: o.priv_key,
          },
        }
      : {}),
    context: o.contextName,
    timeoutMs: device.timeoutMs ? Math.min(perRequest, device.timeoutMs) : perRequest,
    retries: o.retries ?? 1,
  };
}

/** The varbinds as readable text and without the octets, for `parsed`. */
const plain = (vbs: Vb[]) => vbs.map(({ bytes: _b, ...v }) => v);

/** Walk several subtrees and keep them in one list. */
async function walkAll(client: SnmpClient, oids: string[], signal: AbortSignal): Promise<Vb[]> {
  const out: Vb[] = [];
  for (const oid of oids) out.push(...(await client.walk(oid, signal)));
  return out;
}

function gathered(command: string, vbs: Vb[], parse: () => unknown): Gathered {
  const raw = formatVbs(vbs);
  try {
    return { command, raw, parsed: parse(), transport: 'snmp' };
  } catch (err) {
    return { command, raw, parseError: (err as Error).message, transport: 'snmp' };
  }
}

/** Try a credential; a timeout or a USM refusal is an observation (`answered: false`), not an error. */
export async function probe(base: SnmpTarget, p: ProbeParams, lab: SnmpTarget, signal?: AbortSignal): Promise<{ command: string; raw: string; result: ProbeResult }> {
  let target: SnmpTarget;
  let credential: string;
  const retries = Math.min(base.retries, 1);
  if (p.version === '3') {
    const user = p.lab
      ? lab.user
      : p.user
        ? {
            name: p.user,
            level: p.level ?? (p.privKey ? 'authPriv' : p.authKey ? 'authNoPriv' : 'noAuthNoPriv'),
            authProtocol: p.authProtocol ?? 'sha',
            authKey: p.authKey,
            privProtocol: p.privProtocol ?? 'aes',
            privKey: p.privKey,
          }
        : undefined;
    credential = p.lab ? `de SNMPv3-gebruiker van het lab${user ? ` ('${user.name}')` : ''}` : `SNMPv3-gebruiker '${p.user ?? '?'}' (${user?.level ?? '?'})`;
    if (!user?.name) {
      return { command: `probe v3 ${credential}`, raw: '', result: { version: '3', credential, answered: false, tried: false, reason: 'geen SNMPv3-gebruiker opgegeven of in het lab; niet geprobeerd' } };
    }
    target = { ...base, version: '3', community: undefined, user, retries };
  } else {
    const community = p.lab ? lab.community : p.community;
    credential = p.lab ? 'de community van het lab' : `community '${p.community ?? ''}'`;
    if (!community) {
      return {
        command: `probe v${p.version} ${credential}`,
        raw: '',
        result: { version: p.version, credential, answered: false, tried: false, reason: p.lab ? 'het lab geeft geen community voor dit apparaat; niet geprobeerd' : 'geen community opgegeven; niet geprobeerd' },
      };
    }
    target = { ...base, version: p.version, community, user: undefined, retries };
  }
  const command = `probe v${p.version} ${credential}: get sysObjectID.0 sysName.0`;
  let client: SnmpClient | undefined;
  try {
    client = new SnmpClient(target);
    const vbs = await client.get([OID.sysObjectID, OID.sysName], signal);
    const sys = parseSystem(vbs);
    return {
      command,
      raw: formatVbs(vbs),
      result: { version: p.version, credential, answered: true, tried: true, reason: `agent antwoordt met ${credential} (SNMP v${p.version})`, sysName: sys.sysName, sysObjectID: sys.sysObjectID },
    };
  } catch (err) {
    if (err instanceof SnmpError) {
      if (err.kind === 'timeout') return { command, raw: '', result: { version: p.version, credential, answered: false, tried: true, reason: `geen antwoord met ${credential} (SNMP v${p.version}) binnen ${((retries + 1) * target.timeoutMs) / 1000} s` } };
      if (err.kind === 'auth') return { command, raw: '', result: { version: p.version, credential, answered: false, tried: true, reason: `agent weigert ${credential}: ${err.message}` } };
      if (err.kind === 'status') return { command, raw: '', result: { version: p.version, credential, answered: true, tried: true, reason: `agent antwoordt met ${credential}, met een foutmelding: ${err.message}` } };
    }
    throw err;
  } finally {
    client?.close();
  }
}

class SnmpSession implements DriverSession {
  constructor(
    readonly client: SnmpClient,
    readonly target: SnmpTarget,
    /** Set when the lab's own credential got no answer or was refused at connect: every fact but snmp.probe reports it. */
    readonly unavailable?: SnmpError,
  ) {}

  async gather(fact: string, params: Record<string, unknown>, signal: AbortSignal): Promise<Gathered> {
    const c = this.client;
    if (this.unavailable && fact !== 'snmp.probe') throw new ObservationError(this.unavailable.message, '', this.unavailable.command);
    switch (fact) {
      case 'snmp.get': {
        const p = GetParams.parse(params);
        const oids = p.oids.map(normalizeOid);
        const vbs = await c.get(oids, signal);
        return gathered(`get ${oids.join(' ')}`, vbs, () => ({
          values: Object.fromEntries(vbs.map((v) => [v.oid, v.value])),
          missing: vbs.filter((v) => v.exception).map((v) => ({ oid: v.oid, reason: v.exception })),
          varbinds: plain(vbs),
        }));
      }
      case 'snmp.getnext': {
        const p = GetParams.parse(params);
        const vbs = await c.getNext(p.oids, signal);
        return gathered(`getnext ${p.oids.join(' ')}`, vbs, () => ({
          values: Object.fromEntries(vbs.map((v) => [v.oid, v.value])),
          varbinds: plain(vbs),
        }));
      }
      case 'snmp.walk': {
        const p = WalkParams.parse(params);
        const oid = normalizeOid(p.oid);
        let vbs = await c.walk(oid, signal, 25, p.max != null ? p.max + 1 : undefined);
        const truncated = p.max != null && vbs.length > p.max;
        if (truncated) vbs = vbs.slice(0, p.max);
        return gathered(`walk ${oid}`, vbs, () => ({ oid, count: vbs.length, truncated, varbinds: plain(vbs) }));
      }
      case 'snmp.system': {
        const vbs = await c.get(SYSTEM_OIDS, signal);
        return gathered(`get ${SYSTEM_OIDS.join(' ')}`, vbs, () => parseSystem(vbs));
      }
      case 'snmp.interfaces': {
        const vbs = await walkAll(c, [OID.ifEntry, OID.ifXEntry], signal);
        return gathered(`walk ${OID.ifEntry} ${OID.ifXEntry}`, vbs, () => ({ interfaces: parseInterfaces(vbs) }));
      }
      case 'snmp.entity': {
        const vbs = [...(await c.walk(OID.entPhysicalEntry, signal)), ...(await c.get(VENDOR_SERIALS, signal))];
        return gathered(`walk ${OID.entPhysicalEntry}; get ${VENDOR_SERIALS.join(' ')}`, vbs, () => {
          const entities = parseEntity(vbs);
          const chassis = chassisOf(entities) ?? null;
          const vendorSerial = vendorSerialOf(vbs);
          return {
            entities,
            chassis,
            /** The device's serial: the chassis entity's, else the vendor MIB's (MikroTik has none in ENTITY-MIB). */
            serial: chassis?.serial ?? vendorSerial ?? null,
            vendorSerial: vendorSerial ?? null,
            serials: [...new Set([...entities.filter((e) => e.serial).map((e) => e.serial!), ...(vendorSerial ? [vendorSerial] : [])])],
          };
        });
      }
      case 'snmp.lldp': {
        const oids = [OID.lldpLocPortEntry, OID.lldpRemEntry, OID.lldpRemManAddrEntry, OID.ifDescr, OID.ifName];
        const vbs = await walkAll(c, oids, signal);
        return gathered(`walk ${oids.join(' ')}`, vbs, () => ({
          lldpMib: vbs.some((v) => v.oid.startsWith('1.0.8802.1.1.2.')),
          neighbours: parseLldp(vbs, ifNames(vbs)),
        }));
      }
      case 'snmp.vlans': {
        const oids = [OID.dot1qVlanStaticName, `${OID.vtpVlanEntry}.2`, `${OID.vtpVlanEntry}.4`];
        const vbs = await walkAll(c, oids, signal);
        return gathered(`walk ${oids.join(' ')}`, vbs, () => {
          const vlans = parseVlans(vbs);
          return { vlans, sources: [...new Set(vlans.map((v) => v.source))] };
        });
      }
      case 'snmp.ip': {
        const oids = [OID.ipAddrEntry, `${OID.ipAddressEntry}.3`, `${OID.ipAddressEntry}.4`, `${OID.ipAddressEntry}.5`, OID.ifDescr, OID.ifName];
        const vbs = await walkAll(c, oids, signal);
        return gathered(`walk ${oids.join(' ')}`, vbs, () => ({ addresses: parseIp(vbs, ifNames(vbs)) }));
      }
      case 'snmp.host': {
        const scalars = [OID.hrSystemUptime, OID.hrSystemNumUsers, OID.hrSystemProcesses, OID.hrMemorySize];
        const vbs = [...(await c.get(scalars, signal)), ...(await walkAll(c, [OID.hrStorageEntry, OID.hrProcessorLoad], signal))];
        return gathered(`get ${scalars.join(' ')}; walk ${OID.hrStorageEntry} ${OID.hrProcessorLoad}`, vbs, () => ({
          hostResourcesMib: vbs.some((v) => !v.exception),
          ...parseHost(vbs),
        }));
      }
      case 'snmp.probe': {
        const p = ProbeParams.parse(params);
        const r = await probe(this.target, p, this.target, signal);
        return { command: r.command, raw: r.raw || `${r.result.answered ? 'antwoord' : 'geen antwoord'}: ${r.result.reason}\n`, parsed: r.result, transport: 'snmp' };
      }
    }
    throw new ObservationError(`snmp driver kent fact '${fact}' niet`);
  }

  async identity(signal: AbortSignal): Promise<DeviceIdentity> {
    if (this.unavailable) throw this.unavailable;
    const sys = parseSystem(await this.client.get(SYSTEM_OIDS, signal));
    let ents: ReturnType<typeof parseEntity> = [];
    let vendorSerial: string | undefined;
    try {
      const cols = [2, 4, 5, 10, 11, 13].map((n) => `${OID.entPhysicalEntry}.${n}`);
      ents = parseEntity(await walkAll(this.client, cols, signal));
      vendorSerial = vendorSerialOf(await this.client.get(VENDOR_SERIALS, signal));
    } catch {
      /* no ENTITY-MIB: identity from sysDescr only */
    }
    const id = identityFrom(sys, ents);
    id.serial ??= vendorSerial;
    return Object.fromEntries(Object.entries(id).filter(([, v]) => v != null)) as DeviceIdentity;
  }

  async close() {
    this.client.close();
  }
}

/** Read-only allow-list of SNMP operations (the only PDUs this driver can send). */
export const allowSnmpCommand = (command: string) => /^\s*(get|getnext|getbulk|walk|bulkwalk)\b/i.test(command);

export const snmpDriver: Driver = {
  platform: 'snmp',
  description: 'Elk beheerd apparaat via SNMP v1/v2c/v3 (alleen lezen: get, getnext, getbulk)',
  facts: FACTS,
  allowCommand: allowSnmpCommand,
  async connect(device, signal) {
    const target = targetOf(device);
    const client = new SnmpClient(target);
    // UDP has no connection: ask for sysObjectID/sysUpTime once, so a dead agent or a refused
    // credential is found here and not once per fact (each costing timeouts). Probes still run:
    // "does the agent answer v3 / public?" is exactly what a check may want to know then.
    try {
      await client.get([OID.sysObjectID, OID.sysUpTime], signal);
    } catch (err) {
      if (err instanceof SnmpError && (err.kind === 'timeout' || err.kind === 'auth')) return new SnmpSession(client, target, err);
      client.close();
      throw err;
    }
    return new SnmpSession(client, target);
  },
};
