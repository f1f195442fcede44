// A read-only SNMP client over `net-snmp`: v1, v2c and v3 (USM), get, getnext and a walk built on
// getbulk (getnext for v1). Errors say which thing went wrong: no answer (timeout), a USM report
// (unknown user, wrong digest, unknown engine id, ...), or an error status from the agent.
// There is deliberately no set(): proeflab never writes over SNMP.
import snmp from 'net-snmp';
import type { Session, VarBind } from 'net-snmp';
import { ObservationError } from '../../src/core/types.js';

export type SnmpVersion = '1' | '2c' | '3';
export type SecurityLevelName = 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
export type AuthProtocolName = 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
export type PrivProtocolName = 'des' | 'aes' | 'aes256b' | 'aes256r';

export interface SnmpTarget {
  host: string;
  port: number;
  version: SnmpVersion;
  community?: string;
  user?: {
    name: string;
    level: SecurityLevelName;
    authProtocol?: AuthProtocolName;
    authKey?: string;
    privProtocol?: PrivProtocolName;
    privKey?: string;
  };
  context?: string;
  /** Per request, in ms. */
  timeoutMs: number;
  retries: number;
}

/** One varbind as proeflab keeps it: OID, SNMP type name, JS value, and the octets when it was a string. */
export interface Vb {
  oid: string;
  /** net-snmp style type: INTEGER, STRING, Hex-STRING, OID, IpAddress, Counter32, Gauge32, Timeticks, Counter64, ... */
  type: string;
  /** string for (printable) OCTET STRING / OID / IpAddress, hex `aa:bb` for binary octets, number for numbers (string when above 2^53), null for exceptions. */
  value: string | number | boolean | null;
  /** noSuchObject / noSuchInstance / endOfMibView. */
  exception?: 'noSuchObject' | 'noSuchInstance' | 'endOfMibView';
  /** Raw octets of an OCTET STRING. */
  bytes?: Buffer;
}

const TYPE_NAMES: Record<number, string> = {
  1: 'BOOLEAN',
  2: 'INTEGER',
  3: 'BITS',
  4: 'STRING',
  5: 'NULL',
  6: 'OID',
  64: 'IpAddress',
  65: 'Counter32',
  66: 'Gauge32',
  67: 'Timeticks',
  68: 'Opaque',
  70: 'Counter64',
  128: 'noSuchObject',
  129: 'noSuchInstance',
  130: 'endOfMibView',
};

/** True when the octets are text a person can read (UTF-8, no control characters other than tab/CR/LF). */
export function isPrintable(buf: Buffer): boolean {
  if (buf.length === 0) return true;
  const s = buf.toString('utf8');
  if (s.includes('\uFFFD')) return false;
  // A trailing NUL is common (C strings); tolerate one.
  const body = s.endsWith('\0') ? s.slice(0, -1) : s;
  return !/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/.test(body);
}

/** Octets that are Latin-1 text: printable ASCII, tab/CR/LF and at least one 0xA0-0xFF letter. */
export function isLatin1Text(buf: Buffer): boolean {
  let high = 0;
  for (const b of buf) {
    if (b >= 0xa0) high++;
    else if (!(b === 9 || b === 10 || b === 13 || (b >= 0x20 && b < 0x7f))) return false;
  }
  return high > 0 && high * 4 <= buf.length;
}

export const hexOf = (buf: Buffer, sep = ':') => [...buf].map((b) => b.toString(16).padStart(2, '0')).join(sep);

export function toVb(vb: VarBind): Vb {
  const type = TYPE_NAMES[vb.type] ?? `type-${vb.type}`;
  if (vb.type === 128 || vb.type === 129 || vb.type === 130) return { oid: vb.oid, type, value: null, exception: type as Vb['exception'] };
  const v = vb.value;
  if (vb.type === 4 || vb.type === 68 || vb.type === 3) {
    const buf = Buffer.isBuffer(v) ? v : Buffer.from(String(v ?? ''), 'utf8');
    if (isPrintable(buf)) return { oid: vb.oid, type, value: buf.toString('utf8').replace(/\0$/, ''), bytes: buf };
    // Older agents send Latin-1 text (`café`): readable, just not UTF-8.
    if (isLatin1Text(buf)) return { oid: vb.oid, type, value: buf.toString('latin1'), bytes: buf };
    return { oid: vb.oid, type: vb.type === 4 ? 'Hex-STRING' : type, value: hexOf(buf), bytes: buf };
  }
  if (vb.type === 70) {
    // Counter64 arrives as big-endian octets.
    const buf = Buffer.isBuffer(v) ? v : Buffer.alloc(0);
    let n = 0n;
    for (const b of buf) n = (n << 8n) | BigInt(b);
    return { oid: vb.oid, type, value: n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString() };
  }
  if (vb.type === 5) return { oid: vb.oid, type, value: null };
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return { oid: vb.oid, type, value: v };
  if (typeof v === 'bigint') return { oid: vb.oid, type, value: v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString() };
  return { oid: vb.oid, type, value: v == null ? null : String(v) };
}

/** `OID = TYPE: value`, the way Net-SNMP's tools print a varbind. */
export function formatVb(vb: Vb): string {
  switch (vb.exception) {
    case 'noSuchObject':
      return `${vb.oid} = No Such Object available on this agent at this OID`;
    case 'noSuchInstance':
      return `${vb.oid} = No Such Instance currently exists at this OID`;
    case 'endOfMibView':
      return `${vb.oid} = No more variables left in this MIB View (It is past the end of the MIB tree)`;
  }
  if (vb.type === 'STRING') return `${vb.oid} = STRING: ${JSON.stringify(vb.value)}`;
  if (vb.type === 'Hex-STRING') return `${vb.oid} = Hex-STRING: ${String(vb.value).replace(/:/g, ' ').toUpperCase()}`;
  if (vb.type === 'NULL') return `${vb.oid} = NULL`;
  return `${vb.oid} = ${vb.type}: ${vb.value}`;
}

export const formatVbs = (vbs: Vb[]) => vbs.map(formatVb).join('\n') + (vbs.length ? '\n' : '');

/** Compare two numeric OIDs (lexicographic by arc). */
export function compareOids(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

export const inSubtree = (oid: string, base: string) => oid === base || oid.startsWith(base + '.');

export const normalizeOid = (oid: string) => oid.trim().replace(/^\./, '');

export const isNumericOid = (oid: string) => /^\.?\d+(\.\d+)+$/.test(oid.trim());

/** Describe how a target is addressed, without secrets. */
export function describeTarget(t: SnmpTarget): string {
  const where = `${t.host}:${t.port}`;
  if (t.version === '3') return `${where} (SNMPv3, gebruiker '${t.user?.name ?? '?'}', ${t.user?.level ?? '?'})`;
  return `${where} (SNMP v${t.version})`;
}

/** Why a request failed, in words an assessor understands; `kind` lets callers tell a timeout from a refusal. */
export class SnmpError extends ObservationError {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'auth' | 'status' | 'protocol' | 'socket',
    readonly detail = '',
    command = '',
  ) {
    super(message, '', command);
    this.name = 'SnmpError';
  }
}

const USM_REASONS: Record<string, (t: SnmpTarget) => string> = {
  'Unsupported Security Level': (t) =>
    `beveiligingsniveau ${t.user?.level} niet toegestaan voor SNMPv3-gebruiker '${t.user?.name}' (usmStatsUnsupportedSecLevels): level klopt niet met de configuratie van de agent`,
  'Not In Time Window': () => `SNMPv3-bericht buiten het tijdvenster van de agent (usmStatsNotInTimeWindows)`,
  'Unknown User Name': (t) => `SNMPv3-gebruiker '${t.user?.name}' is onbekend bij de agent (usmStatsUnknownUserNames)`,
  'Unknown Engine ID': () => `engine-id onbekend bij de agent (usmStatsUnknownEngineIDs)`,
  'Wrong Digest (incorrect password, community or key)': (t) =>
    `SNMPv3-authenticatie mislukt voor gebruiker '${t.user?.name}': auth_key of authProtocol onjuist (usmStatsWrongDigests)`,
  'Decryption Error': (t) => `agent kon het bericht niet ontsleutelen: priv_key of privProtocol van '${t.user?.name}' onjuist (usmStatsDecryptionErrors)`,
};

export function describeError(err: unknown, t: SnmpTarget, what: string): SnmpError {
  const e = err as Error & { status?: number; code?: string };
  const where = describeTarget(t);
  if (e instanceof SnmpError) return e;
  if (e?.name === 'RequestTimedOutError') {
    const tries = t.retries + 1;
    const reason =
      t.version === '3'
        ? 'agent onbereikbaar, SNMPv3 niet ingeschakeld, of priv_key/privProtocol onjuist'
        : 'agent onbereikbaar of community onjuist';
    return new SnmpError(`geen antwoord van ${where} op ${what} na ${tries} ${tries === 1 ? 'poging' : 'pogingen'} van ${t.timeoutMs / 1000} s: ${reason}`, 'timeout', e.message, what);
  }
  if (e?.name === 'ResponseInvalidError') {
    const usm = USM_REASONS[e.message];
    if (usm) return new SnmpError(`${where}: ${usm(t)}`, 'auth', e.message, what);
    if (/decrypt/i.test(e.message)) return new SnmpError(`${where}: antwoord niet te ontsleutelen: priv_key of privProtocol onjuist`, 'auth', e.message, what);
    if (/authentication|digest/i.test(e.message)) return new SnmpError(`${where}: handtekening van het antwoord klopt niet: auth_key of authProtocol onjuist`, 'auth', e.message, what);
    return new SnmpError(`${where}: ongeldig antwoord op ${what}: ${e.message}`, 'protocol', e.message, what);
  }
  if (e?.name === 'RequestFailedError') {
    const status = e.message.split(':')[0];
    const hint =
      status === 'AuthorizationError' || status === 'NoAccess'
        ? ' (toegang geweigerd door de view/ACL van de agent)'
        : status === 'NoSuchName'
          ? ' (object bestaat niet, SNMPv1)'
          : status === 'TooBig'
            ? ' (antwoord te groot)'
            : '';
    return new SnmpError(`${where}: agent meldt fout ${e.message}${hint} op ${what}`, 'status', e.message, what);
  }
  if (e?.code === 'ERR_OSSL_EVP_UNSUPPORTED')
    return new SnmpError(
      `${where}: privProtocol ${t.user?.privProtocol ?? ''} wordt door de OpenSSL van deze Node niet meer ondersteund (DES is een legacy-algoritme); stel de agent in op AES of start Node met --openssl-legacy-provider`,
      'protocol',
      e.message,
      what,
    );
  if (e?.code) return new SnmpError(`${where}: netwerkfout ${e.code}${e.message ? ` (${e.message})` : ''}`, 'socket', e.message, what);
  return new SnmpError(`${where}: ${e?.message ?? String(err)}`, 'protocol', e?.message ?? '', what);
}

/** Safety bound on a walk: a table bigger than this is cut off with an error, not read forever. */
export const MAX_WALK = 100_000;

export class SnmpClient {
  private session: Session;
  private closed = false;

  constructor(readonly target: SnmpTarget) {
    const options = {
      port: target.port,
      retries: target.retries,
      timeout: target.timeoutMs,
      transport: target.host.includes(':') ? ('udp6' as const) : ('udp4' as const),
      version: target.version === '1' ? snmp.Version1 : target.version === '2c' ? snmp.Version2c : snmp.Version3,
      // We check the order of walked OIDs ourselves (and say so in the error).
      backwardsGetNexts: true,
      idBitsSize: 32 as const,
      ...(target.context ? { context: target.context } : {}),
    };
    if (target.version === '3') {
      const u = target.user;
      if (!u?.name) throw new SnmpError(`SNMPv3 voor ${target.host}:${target.port} zonder gebruikersnaam (credentials.username)`, 'protocol');
      const level = snmp.SecurityLevel[u.level];
      if (u.level !== 'noAuthNoPriv' && !u.authKey) throw new SnmpError(`SNMPv3-gebruiker '${u.name}' met ${u.level} maar zonder auth_key`, 'protocol');
      if (u.level === 'authPriv' && !u.privKey) throw new SnmpError(`SNMPv3-gebruiker '${u.name}' met authPriv maar zonder priv_key`, 'protocol');
      this.session = snmp.createV3Session(
        target.host,
        {
          name: u.name,
          level,
          ...(u.level !== 'noAuthNoPriv' ? { authProtocol: snmp.AuthProtocols[u.authProtocol ?? 'sha'], authKey: u.authKey } : {}),
          ...(u.level === 'authPriv' ? { privProtocol: snmp.PrivProtocols[u.privProtocol ?? 'aes'], privKey: u.privKey } : {}),
        },
        options,
      );
    } else {
      if (!target.community) throw new SnmpError(`SNMP v${target.version} voor ${target.host}:${target.port} zonder community (credentials.community)`, 'protocol');
      this.session = snmp.createSession(target.host, target.community, options);
    }
    // Socket errors are reported per request; an unhandled 'error' event must not crash the run.
    this.session.on('error', () => {});
  }

  private call<T>(what: string, fn: (cb: (err: Error | null, vbs: T) => void) => void, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new SnmpError('SNMP-sessie is al gesloten', 'protocol', '', what));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        fn((err, vbs) => {
          signal?.removeEventListener('abort', onAbort);
          if (err) reject(describeError(err, this.target, what));
          else resolve(vbs);
        });
      } catch (err) {
        signal?.removeEventListener('abort', onAbort);
        reject(describeError(err, this.target, what));
      }
    });
  }

  /** GET. Missing objects come back as varbinds with `exception` (v2c/v3), or, for v1, as noSuchName per OID. */
  async get(oids: string[], signal?: AbortSignal): Promise<Vb[]> {
    const list = oids.map(normalizeOid);
    try {
      const vbs = await this.call<VarBind[]>(`get ${list.join(' ')}`, (cb) => this.session.get(list, cb), signal);
      return vbs.map(toVb);
    } catch (err) {
      // SNMPv1 answers a GET with one missing object with noSuchName for the whole PDU: ask one by one.
      if (err instanceof SnmpError && err.kind === 'status' && /^NoSuchName/.test(err.detail)) {
        if (list.length === 1) return [{ oid: list[0], type: 'noSuchObject', value: null, exception: 'noSuchObject' }];
        const out: Vb[] = [];
        for (const oid of list) out.push(...(await this.get([oid], signal)));
        return out;
      }
      throw err;
    }
  }

  /** GETNEXT: the varbinds that follow the given OIDs. */
  async getNext(oids: string[], signal?: AbortSignal): Promise<Vb[]> {
    const list = oids.map(normalizeOid);
    try {
      const vbs = await this.call<VarBind[]>(`getnext ${list.join(' ')}`, (cb) => this.session.getNext(list, cb), signal);
      return vbs.map(toVb);
    } catch (err) {
      if (this.target.version === '1' && err instanceof SnmpError && err.kind === 'status' && /^NoSuchName/.test(err.detail) && list.length === 1)
        return [{ oid: list[0], type: 'endOfMibView', value: null, exception: 'endOfMibView' }];
      throw err;
    }
  }

  /** Everything under `base` (GETBULK for v2c/v3, GETNEXT for v1), in OID order. */
  async walk(base: string, signal?: AbortSignal, maxRepetitions = 25, limit = MAX_WALK): Promise<Vb[]> {
    const root = normalizeOid(base);
    const out: Vb[] = [];
    let cur = root;
    for (;;) {
      let batch: Vb[];
      if (this.target.version === '1') batch = await this.getNext([cur], signal);
      else {
        let vbs: (VarBind | VarBind[])[];
        try {
          vbs = await this.call<(VarBind | VarBind[])[]>(`getbulk ${cur}`, (cb) => this.session.getBulk([cur], 0, maxRepetitions, cb), signal);
        } catch (err) {
          // tooBig: the answer does not fit in one message; ask for fewer rows at a time.
          if (err instanceof SnmpError && err.kind === 'status' && /^TooBig/.test(err.detail) && maxRepetitions > 1) {
            maxRepetitions = Math.max(1, Math.floor(maxRepetitions / 2));
            continue;
          }
          throw err;
        }
        const col = vbs[0];
        batch = (Array.isArray(col) ? col : col ? [col] : []).map(toVb);
      }
      if (!batch.length) return out;
      for (const vb of batch) {
        if (vb.exception === 'endOfMibView' || !inSubtree(vb.oid, root)) return out;
        if (vb.exception) continue;
        if (compareOids(vb.oid, cur) <= 0)
          throw new SnmpError(`${describeTarget(this.target)}: agent geeft OID's niet in oplopende volgorde (${vb.oid} na ${cur}) bij walk ${root}`, 'protocol', '', `walk ${root}`);
        out.push(vb);
        cur = vb.oid;
        if (limit < MAX_WALK && out.length >= limit) return out;
        if (out.length >= MAX_WALK) throw new SnmpError(`walk ${root} afgebroken na ${MAX_WALK} objecten`, 'protocol', '', `walk ${root}`);
      }
    }
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    try {
      this.session.close();
    } catch {
      /* already closed */
    }
  }
}
