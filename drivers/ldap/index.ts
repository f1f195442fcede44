// The `ldap` driver: an Active Directory domain (Windows DC or Samba AD DC) read over LDAP/LDAPS
// with ldapts. The same facts for both: RootDSE, OUs, users (enabled via userAccountControl,
// direct and nested group membership via LDAP_MATCHING_RULE_IN_CHAIN), groups, computers and the
// domain password policy (attributes of the domain object). Only search/bind are used in check
// mode; writes (reference solutions) are `ldapWrite`, never reachable from gather().
//
// DeviceConfig: host, port (389 / 636), transport 'ldaps' | 'ldap' | 'starttls' (default: ldaps
// on 636, else ldap), username = bind DN or user@realm or DOMAIN\user, password,
// options.base_dn (default: defaultNamingContext of the RootDSE), options.ca (PEM text),
// options.tls_insecure (accept any certificate; lab CA not at hand).
import { Client, type Entry } from 'ldapts';
import { z } from 'zod';
import type { DeviceConfig, Driver, DriverSession, Gathered } from '../../src/core/types.js';
import { ObservationError } from '../../src/core/types.js';

const NameParams = z.object({ name: z.string().min(1) });
const SearchParams = z.object({ base: z.string().optional(), filter: z.string().default('(objectClass=*)'), scope: z.enum(['base', 'one', 'sub']).default('sub'), attributes: z.array(z.string()).default([]) });

const FACTS = {
  'ldap.rootdse': { description: 'RootDSE: naamgevingscontext, DNS-naam en functioneel niveau van de DC' },
  'ldap.ous': { description: 'Alle organisatie-eenheden (OU-structuur)' },
  'ldap.user': { description: 'Eén gebruiker (sAMAccountName): DN, ingeschakeld, groepen (ook genest)', params: NameParams },
  'ldap.group': { description: 'Eén groep: DN, bereik/type, leden (direct en genest)', params: NameParams },
  'ldap.computers': { description: 'Computerobjecten van het domein' },
  'ldap.password-policy': { description: 'Wachtwoordbeleid van het domein (attributen van het domeinobject)' },
  'ldap.search': { description: 'Vrije alleen-lezen LDAP-zoekopdracht', params: SearchParams },
} as const;

/** userAccountControl bits. */
export const UAC = { ACCOUNTDISABLE: 0x2, LOCKOUT: 0x10, PASSWD_NOTREQD: 0x20, NORMAL_ACCOUNT: 0x200, WORKSTATION_TRUST: 0x1000, SERVER_TRUST: 0x2000, DONT_EXPIRE_PASSWORD: 0x10000 } as const;

/** AD intervals are negative 100-ns ticks; → seconds (0 / "never" → null). */
export function adInterval(v: string | undefined): number | null {
  if (v === undefined || v === '') return null;
  const n = BigInt(v);
  if (n === 0n || n === -9223372036854775808n) return null;
  return Number((n < 0n ? -n : n) / 10_000_000n);
}

const one = (e: Entry, a: string): string | undefined => {
  const k = Object.keys(e).find((x) => x.toLowerCase() === a.toLowerCase());
  const v = k ? e[k] : undefined;
  if (v === undefined) return undefined;
  const x = Array.isArray(v) ? v[0] : v;
  return x === undefined ? undefined : Buffer.isBuffer(x) ? x.toString('utf8') : String(x);
};
const many = (e: Entry, a: string): string[] => {
  const k = Object.keys(e).find((x) => x.toLowerCase() === a.toLowerCase());
  const v = k ? e[k] : undefined;
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
};
export const escapeFilter = (s: string) => s.replace(/[\\*()\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
/** `OU=Sales,OU=Staf,DC=lab,DC=proef` → `Staf/Sales` (path from the domain root). */
export const ouPath = (dn: string) => dn.split(/,(?=(?:OU|CN|DC)=)/i).filter((p) => /^OU=/i.test(p)).map((p) => p.slice(3)).reverse().join('/');
/** Parent container of a DN, as a path (`Staf/Sales`, or `CN=Users` for the built-in container). */
export const parentPath = (dn: string) => {
  const parts = dn.split(/,(?=(?:OU|CN|DC)=)/i).slice(1);
  const ous = parts.filter((p) => /^OU=/i.test(p));
  if (ous.length) return ous.map((p) => p.slice(3)).reverse().join('/');
  const cn = parts.find((p) => /^CN=/i.test(p));
  return cn ?? '';
};

export function mapLdapError(err: unknown, where: string): ObservationError {
  if (err instanceof ObservationError) return err;
  const e = err as { name?: string; code?: number | string; message?: string };
  const name = e.name ?? '';
  const msg = e.message ?? String(err);
  const code = String(e.code ?? '');
  if (name === 'InvalidCredentialsError' || e.code === 49) return new ObservationError(`${where}: aanmelden (bind) geweigerd: ongeldige gebruikersnaam of wachtwoord (${msg})`);
  if (name === 'InsufficientAccessError' || e.code === 50) return new ObservationError(`${where}: geen rechten: ${msg}`);
  if (name === 'StrongAuthRequiredError' || name === 'ConfidentialityRequiredError' || e.code === 8 || e.code === 13) return new ObservationError(`${where}: server eist versleuteling/sterke authenticatie (gebruik LDAPS of StartTLS): ${msg}`);
  if (code === 'ECONNREFUSED') return new ObservationError(`${where}: verbinding geweigerd (draait de LDAP-dienst?)`);
  if (['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return new ObservationError(`${where}: onbereikbaar (${code})`);
  if (/timeout|timed out/i.test(msg) || code === 'ETIMEDOUT') return new ObservationError(`${where}: time-out: ${msg}`);
  if (/certificate|self.signed|CERT_|altnames/i.test(msg) || code.startsWith('ERR_TLS') || /CERT/.test(code)) return new ObservationError(`${where}: TLS-certificaat niet vertrouwd: ${msg}`);
  return new ObservationError(`${where}: ${msg}`);
}

function clientFor(device: DeviceConfig): { client: Client; starttls: boolean; where: string } {
  const port = device.port ?? (device.transport === 'ldaps' ? 636 : 389);
  const transport = device.transport ?? (port === 636 ? 'ldaps' : 'ldap');
  const tls = { ...(device.options.ca ? { ca: [String(device.options.ca)] } : {}), ...(device.options.tls_insecure ? { rejectUnauthorized: false } : {}), servername: String(device.options.servername ?? device.host) };
  const url = `${transport === 'ldaps' ? 'ldaps' : 'ldap'}://${device.host}:${port}`;
  const timeout = device.timeoutMs ?? 10_000;
  return { client: new Client({ url, timeout, connectTimeout: timeout, ...(transport === 'ldaps' ? { tlsOptions: tls } : {}), strictDN: false }), starttls: transport === 'starttls', where: url };
}

async function open(device: DeviceConfig): Promise<{ client: Client; where: string }> {
  const { client, starttls, where } = clientFor(device);
  try {
    if (starttls) await client.startTLS({ ...(device.options.ca ? { ca: [String(device.options.ca)] } : {}), ...(device.options.tls_insecure ? { rejectUnauthorized: false } : {}) });
    if (device.username) await client.bind(device.username, device.password ?? '');
  } catch (err) {
    await client.unbind().catch(() => undefined);
    throw mapLdapError(err, where);
  }
  return { client, where };
}

export function makeLdapDriver(): Driver {
  return {
    platform: 'ldap',
    description: 'Active Directory (Windows-DC of Samba AD) via LDAP/LDAPS (ldapts): OU\'s, gebruikers, groepen, computers, wachtwoordbeleid',
    roleKinds: ['domain-controller', 'ad', 'samba-ad'],
    defaultMaxSessions: 1,
    facts: FACTS,
    async connect(device, signal): Promise<DriverSession> {
      if (signal.aborted) throw new ObservationError('afgebroken');
      const { client, where } = await open(device);
      let base = device.options.base_dn as string | undefined;
      const search = async (b: string, filter: string, attributes: string[], scope: 'base' | 'one' | 'sub' = 'sub') => {
        try {
          const r = await client.search(b, { filter, scope, attributes, paged: { pageSize: 500 } });
          return r.searchEntries;
        } catch (err) {
          if ((err as { name?: string }).name === 'NoSuchObjectError') return [];
          throw mapLdapError(err, where);
        }
      };
      const rootDse = async () => (await search('', '(objectClass=*)', ['defaultNamingContext', 'dnsHostName', 'domainFunctionality', 'forestFunctionality', 'domainControllerFunctionality', 'serverName', 'vendorName', 'vendorVersion', 'isSynchronized'], 'base'))[0];
      const baseDn = async () => {
        if (!base) {
          const r = await rootDse();
          base = r ? one(r, 'defaultNamingContext') : undefined;
          if (!base) throw new ObservationError(`${where}: geen defaultNamingContext in de RootDSE; zet options.base_dn`);
        }
        return base;
      };
      const out = (command: string, entries: Entry[] | Entry | undefined, parsed: unknown): Gathered => ({ command, raw: JSON.stringify(entries, (_k, v) => (v && v.type === 'Buffer' ? '<binary>' : v), 1) ?? '', parsed, transport: where.split(':')[0] });
      const userAttrs = ['sAMAccountName', 'userPrincipalName', 'displayName', 'distinguishedName', 'userAccountControl', 'memberOf', 'primaryGroupID', 'lockoutTime', 'pwdLastSet', 'accountExpires', 'objectClass', 'givenName', 'sn', 'mail', 'homeDirectory', 'homeDrive', 'profilePath', 'scriptPath'];
      return {
        async gather(fact, params) {
          switch (fact) {
            case 'ldap.rootdse': {
              const r = await rootDse();
              if (!r) throw new ObservationError(`${where}: RootDSE leeg`);
              return out('search "" base (objectClass=*)', r, { defaultNamingContext: one(r, 'defaultNamingContext'), dnsHostName: one(r, 'dnsHostName'), domainFunctionality: Number(one(r, 'domainFunctionality') ?? NaN), vendor: one(r, 'vendorName') ?? null, serverName: one(r, 'serverName') });
            }
            case 'ldap.ous': {
              const b = await baseDn();
              const f = '(objectClass=organizationalUnit)';
              const es = await search(b, f, ['ou', 'distinguishedName', 'description', 'gPLink']);
              return out(`search ${b} sub ${f}`, es, { base: b, ous: es.map((e) => ({ dn: e.dn, name: one(e, 'ou') ?? '', path: ouPath(e.dn), gpLink: one(e, 'gPLink') ?? null })).sort((a, c) => a.path.localeCompare(c.path)) });
            }
            case 'ldap.user': {
              const p = NameParams.parse(params);
              const b = await baseDn();
              const f = `(&(objectCategory=person)(objectClass=user)(|(sAMAccountName=${escapeFilter(p.name)})(userPrincipalName=${escapeFilter(p.name)})))`;
              const es = await search(b, f, userAttrs);
              const e = es[0];
              if (!e) return out(`search ${b} sub ${f}`, es, { name: p.name, exists: false });
              const uac = Number(one(e, 'userAccountControl') ?? 0);
              const fn = `(member:1.2.840.113556.1.4.1941:=${escapeFilter(e.dn)})`;
              const nested = await search(b, `(&(objectClass=group)${fn})`, ['sAMAccountName', 'distinguishedName']);
              const lockout = one(e, 'lockoutTime');
              return out(`search ${b} sub ${f}; search ${b} sub (&(objectClass=group)${fn})`, [e, ...nested], {
                name: one(e, 'sAMAccountName'),
                exists: true,
                dn: e.dn,
                upn: one(e, 'userPrincipalName') ?? null,
                displayName: one(e, 'displayName') ?? null,
                ou: parentPath(e.dn),
                userAccountControl: uac,
                enabled: (uac & UAC.ACCOUNTDISABLE) === 0,
                lockedOut: lockout !== undefined && lockout !== '0',
                passwordNeverExpires: (uac & UAC.DONT_EXPIRE_PASSWORD) !== 0,
                mustChangePassword: one(e, 'pwdLastSet') === '0',
                memberOf: many(e, 'memberOf').map((dn) => cnOf(dn)),
                memberOfNested: nested.map((g) => one(g, 'sAMAccountName') ?? cnOf(g.dn)).sort(),
                homeDirectory: one(e, 'homeDirectory') ?? null,
                profilePath: one(e, 'profilePath') ?? null,
              });
            }
            case 'ldap.group': {
              const p = NameParams.parse(params);
              const b = await baseDn();
              const f = `(&(objectClass=group)(|(sAMAccountName=${escapeFilter(p.name)})(cn=${escapeFilter(p.name)})))`;
              const es = await search(b, f, ['sAMAccountName', 'cn', 'distinguishedName', 'groupType', 'member', 'description', 'memberOf']);
              const e = es[0];
              if (!e) return out(`search ${b} sub ${f}`, es, { name: p.name, exists: false });
              const fn = `(memberOf:1.2.840.113556.1.4.1941:=${escapeFilter(e.dn)})`;
              const nested = await search(b, fn, ['sAMAccountName', 'objectClass']);
              const gt = Number(one(e, 'groupType') ?? 0);
              return out(`search ${b} sub ${f}; search ${b} sub ${fn}`, [e, ...nested], {
                name: one(e, 'sAMAccountName') ?? one(e, 'cn'),
                exists: true,
                dn: e.dn,
                ou: parentPath(e.dn),
                scope: gt & 0x2 ? 'global' : gt & 0x4 ? 'domainLocal' : gt & 0x8 ? 'universal' : 'builtin',
                security: (gt & 0x80000000) !== 0,
                members: many(e, 'member').map((dn) => { const m = nested.find((x) => x.dn.toLowerCase() === dn.toLowerCase()); return (m && one(m, 'sAMAccountName')) ?? cnOf(dn); }).sort(),
                membersNested: nested.map((m) => one(m, 'sAMAccountName') ?? cnOf(m.dn)).sort(),
                memberOf: many(e, 'memberOf').map((dn) => cnOf(dn)),
              });
            }
            case 'ldap.computers': {
              const b = await baseDn();
              const f = '(objectClass=computer)';
              const es = await search(b, f, ['cn', 'sAMAccountName', 'dNSHostName', 'operatingSystem', 'operatingSystemVersion', 'userAccountControl', 'distinguishedName']);
              return out(`search ${b} sub ${f}`, es, {
                computers: es.map((e) => {
                  const uac = Number(one(e, 'userAccountControl') ?? 0);
                  return { name: one(e, 'cn') ?? '', dn: e.dn, ou: parentPath(e.dn), dnsHostName: one(e, 'dNSHostName') ?? null, os: one(e, 'operatingSystem') ?? null, osVersion: one(e, 'operatingSystemVersion') ?? null, enabled: (uac & UAC.ACCOUNTDISABLE) === 0, domainController: (uac & UAC.SERVER_TRUST) !== 0 };
                }).sort((a, c) => a.name.localeCompare(c.name)),
              });
            }
            case 'ldap.password-policy': {
              const b = await baseDn();
              const attrs = ['minPwdLength', 'pwdProperties', 'maxPwdAge', 'minPwdAge', 'pwdHistoryLength', 'lockoutThreshold', 'lockoutDuration', 'lockOutObservationWindow'];
              const e = (await search(b, '(objectClass=domain)', attrs, 'base'))[0];
              if (!e) throw new ObservationError(`${where}: domeinobject ${b} niet gevonden`);
              const props = Number(one(e, 'pwdProperties') ?? 0);
              return out(`search ${b} base (objectClass=domain) ${attrs.join(' ')}`, e, {
                minLength: Number(one(e, 'minPwdLength') ?? 0),
                complexity: (props & 1) === 1,
                historyLength: Number(one(e, 'pwdHistoryLength') ?? 0),
                maxAgeDays: ((s) => (s === null ? null : Math.round(s / 86400)))(adInterval(one(e, 'maxPwdAge'))),
                minAgeDays: ((s) => (s === null ? 0 : Math.round(s / 86400)))(adInterval(one(e, 'minPwdAge'))),
                lockoutThreshold: Number(one(e, 'lockoutThreshold') ?? 0),
                lockoutDurationMinutes: ((s) => (s === null ? null : Math.round(s / 60)))(adInterval(one(e, 'lockoutDuration'))),
              });
            }
            case 'ldap.search': {
              const p = SearchParams.parse(params);
              const b = p.base ?? (await baseDn());
              const es = await search(b, p.filter, p.attributes, p.scope);
              return out(`search ${b} ${p.scope} ${p.filter}`, es, { entries: es.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : Buffer.isBuffer(v) ? '<binary>' : String(v)]))) });
            }
          }
          throw new ObservationError(`ldap kent het gegeven '${fact}' niet (wel: ${Object.keys(FACTS).join(', ')})`);
        },
        async identity() {
          const r = await rootDse();
          return { hostname: r ? one(r, 'dnsHostName') : undefined, version: r ? `domainFunctionality ${one(r, 'domainFunctionality')}` : undefined };
        },
        async close() {
          await client.unbind().catch(() => undefined);
        },
      };
    },
  };
}

const cnOf = (dn: string) => /^CN=((?:\\,|[^,])+)/i.exec(dn)?.[1]?.replace(/\\,/g, ',') ?? dn;

export const ldapDriver: Driver = makeLdapDriver();

/** WRITE access, outside check mode (reference solutions): run a callback with a bound client. */
export async function ldapWrite<T>(device: DeviceConfig, fn: (c: Client) => Promise<T>): Promise<T> {
  const { client } = await open(device);
  try {
    return await fn(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
