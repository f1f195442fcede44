// show running-config / show startup-config: the structure the checks need. Password hashes and
// secrets never enter the parsed value (only their type); SNMP communities are kept (checks flag
// `public`) and redacted later by the runner.
import { createHash } from 'node:crypto';
import { parseAce, type Ace } from './access-lists.js';
import { cleanLines, expect, maskToPrefix, wildcardToPrefix } from './util.js';

export interface ConfigInterface {
  name: string;
  description?: string;
  shutdown: boolean;
  switchport: {
    enabled?: boolean; // `no switchport` → false
    mode?: string; // access, trunk, dynamic auto, dynamic desirable
    accessVlan?: number;
    voiceVlan?: number;
    trunkAllowed?: string; // as configured, `add` lines merged: `10,20,30-40`
    trunkNative?: number;
    trunkEncapsulation?: string;
    nonegotiate?: boolean;
    portSecurity: { enabled: boolean; maximum?: number; violation?: string; sticky: boolean; macAddresses: string[]; aging?: number };
  };
  ipAddresses: Array<{ address: string; mask: string; prefixLength?: number; secondary: boolean }>;
  ipDhcpClient?: boolean;
  noIpAddress?: boolean;
  ipHelpers: string[];
  accessGroups: Array<{ name: string; direction: 'in' | 'out' }>;
  nat?: 'inside' | 'outside';
  channelGroup?: { group: number; mode: string };
  encapsulation?: { type: string; vlan?: number; native?: boolean; secondVlan?: number };
  vrf?: string;
  bandwidth?: number;
  mtu?: number;
  proxyArp?: boolean;
  unicastSource?: string;
  servicePolicy: { input?: string; output?: string };
  ipv6Addresses: Array<{ address: string; prefixLength?: number }>;
  spanningTree: { portfast?: boolean; bpduguard?: boolean; bpdufilter?: boolean; cost?: number; portPriority?: number };
  standby: Array<{ group: number; ip?: string; priority?: number; preempt?: boolean }>;
  ospf?: { process: number; area: string };
  /** All lines of the section, as configured (secrets already excluded by the line rules). */
  lines: string[];
}

export interface ConfigLine {
  type: string; // con, vty, aux
  first: number;
  last: number;
  transportInput: string[]; // [] = not configured (IOS default depends on release), ['none'], ['ssh'], ['telnet','ssh'], ['all']
  transportInputConfigured: boolean;
  transportOutput: string[];
  login?: string; // 'login' (line password), 'local', 'authentication <list>', 'none' (`no login`)
  passwordType?: number;
  accessClass: Array<{ name: string; direction: string }>;
  execTimeout?: { minutes: number; seconds: number };
  loggingSynchronous?: boolean;
  privilegeLevel?: number;
}

export interface RunningConfig {
  hostname?: string;
  domainName?: string;
  nameServers: string[];
  domainLookup?: boolean;
  enableSecret?: { type: number };
  enablePassword?: { type: number };
  servicePasswordEncryption: boolean;
  services: Record<string, boolean>;
  users: Array<{ name: string; privilege?: number; secretType?: number; passwordType?: number; algorithmType?: string }>;
  aaaNewModel: boolean;
  ssh: { version?: number; timeout?: number; retries?: number; sourceInterface?: string };
  cryptoKeyPresent: boolean;
  banners: Record<string, string>;
  interfaces: ConfigInterface[];
  vlans: Array<{ id: number; name?: string }>;
  lines: ConfigLine[];
  snmp: {
    communities: Array<{ name: string; access: string; view?: string; acl?: string }>;
    location?: string;
    contact?: string;
    hosts: Array<{ host: string; version?: string; secLevel?: string; community?: string; informs?: boolean }>;
    users: Array<{ name: string; group: string; version: string; auth?: string; priv?: string }>;
    groups: Array<{ name: string; version: string; secLevel?: string }>;
    trapsEnabled: boolean;
  };
  logging: { hosts: string[]; trap?: string; buffered?: string; console?: string; sourceInterface?: string };
  ntp: { servers: Array<{ address: string; prefer: boolean; key?: number }>; master?: number; sourceInterface?: string };
  clockTimezone?: string;
  ipRoutes: Array<{ vrf?: string; network: string; mask: string; prefixLength?: number; nextHop?: string; interface?: string; distance?: number; name?: string; permanent?: boolean }>;
  defaultGateway?: string;
  ipRouting?: boolean;
  router: {
    ospf: Array<{ process: number; routerId?: string; networks: Array<{ network: string; wildcard: string; prefixLength?: number; area: string }>; passiveInterfaces: string[]; passiveDefault: boolean; defaultInformationOriginate: boolean; lines: string[] }>;
    eigrp: Array<{ asn: number; routerId?: string; networks: Array<{ network: string; wildcard?: string }>; autoSummary?: boolean; passiveInterfaces: string[]; lines: string[] }>;
    rip?: { version?: number; networks: string[]; autoSummary?: boolean };
  };
  accessLists: Array<{ name: string; type: 'standard' | 'extended' | string; family: 'ip' | 'ipv6' | 'mac'; numbered: boolean; entries: Array<Ace & { remark?: string[] }>; remarks: string[] }>;
  dhcp: {
    excluded: Array<{ start: string; end: string }>;
    pools: Array<{ name: string; network?: string; mask?: string; prefixLength?: number; defaultRouter: string[]; dnsServers: string[]; domainName?: string; lease?: string; host?: string; lines: string[] }>;
    snooping: { enabled: boolean; vlans?: string };
  };
  nat: Array<{ direction: 'inside' | 'outside'; kind: 'source' | 'destination'; type: 'list' | 'static'; acl?: string; pool?: string; interface?: string; overload: boolean; local?: string; global?: string; line: string }>;
  natPools: Array<{ name: string; start: string; end: string; netmask?: string; prefixLength?: number }>;
  spanningTree: { mode?: string; vlanPriorities: Array<{ vlans: string; priority: number }>; rootPrimary: string[]; rootSecondary: string[]; portfastDefault?: boolean; bpduguardDefault?: boolean };
  cdpRun: boolean;
  lldpRun: boolean;
  vtp: { mode?: string; domain?: string; version?: number };
  httpServer?: boolean;
  httpSecureServer?: boolean;
  /** `show startup-config` on a device where nothing was ever saved (`startup-config is not present`). */
  absent?: boolean;
  /** Normalised configuration lines (no Building/Current configuration/timestamps/`!`), secrets replaced by `<secret>`. */
  normalized: string[];
  /** sha256 of the normalised configuration including secrets: equal digests = identical configurations. */
  digest: string;
}

const SECRET_PATTERNS: RegExp[] = [
  /\b(password|secret)(\s+\d(?=\s))?\s+(?!<secret>)\S+/g,
  /\b(key-string|authentication-key(?:\s+\d+\s+md5)?|pre-shared-key(?:\s+(?:address|hostname)\s+\S+(?:\s+\S+)?\s+key)?|wpa-psk\s+(?:ascii|hex)|message-digest-key\s+\d+\s+md5|authentication\s+text)(\s+\d(?=\s))?\s+(?!<secret>)\S+/g,
  /^(\s*(?:tacacs-server|radius-server)\b.*?\bkey|\s+key|crypto isakmp key)(\s+\d(?=\s))?\s+(?!<secret>)\S+/g,
  /^(snmp-server user \S+ \S+ v3 .*?\bauth \S+)()\s+\S+/g,
  /^(snmp-server user \S+ \S+ v3 .*?\bpriv (?:aes \d+|3des|des|aes))()\s+\S+/g,
];

/** Replace passwords, secrets and keys in a configuration line by `<secret>` (the type digit is kept). */
export function maskSecrets(line: string): string {
  return SECRET_PATTERNS.reduce((acc, re) => acc.replace(re, (_m, k: string, t: string | undefined) => `${k}${t ?? ''} <secret>`), line);
}

/** Lines that differ between running and startup config without the configuration being different. */
const VOLATILE = [/^Building configuration/, /^Current configuration\s*:/, /^Using \d+ out of \d+ bytes/, /^! (Last configuration change|NVRAM config last updated|No configuration change since last restart)/, /^ntp clock-period /, /^!\s*$/, /^end$/, /^!Time:/];

function secretType(tok: string | undefined): number {
  return tok !== undefined && /^\d+$/.test(tok) ? Number(tok) : 0;
}

export function parseRunningConfig(raw: string): RunningConfig {
  const all = cleanLines(raw);
  // drop pager/terminal leftovers before the first config line
  const lines = all;
  const cfg: RunningConfig = {
    nameServers: [],
    servicePasswordEncryption: false,
    services: {},
    users: [],
    aaaNewModel: false,
    ssh: {},
    cryptoKeyPresent: false,
    banners: {},
    interfaces: [],
    vlans: [],
    lines: [],
    snmp: { communities: [], hosts: [], users: [], groups: [], trapsEnabled: false },
    logging: { hosts: [] },
    ntp: { servers: [] },
    ipRoutes: [],
    router: { ospf: [], eigrp: [] },
    accessLists: [],
    dhcp: { excluded: [], pools: [], snooping: { enabled: false } },
    nat: [],
    natPools: [],
    spanningTree: { vlanPriorities: [], rootPrimary: [], rootSecondary: [] },
    cdpRun: true,
    lldpRun: false,
    vtp: {},
    normalized: [],
    digest: '',
  };
  if (lines.some((l) => /startup-config is not present|Non-volatile configuration memory is not present|NVRAM is empty/i.test(l))) {
    cfg.absent = true;
    cfg.digest = createHash('sha256').update('').digest('hex');
    return cfg;
  }
  const looksLikeConfig = lines.some((l) => /^(hostname|interface|version \d|Current configuration|Building configuration|end$|Using \d+ out of|ip access-list|access-list \d|router \S|line (con|vty|aux)|vlan \d|banner )/.test(l));
  expect(looksLikeConfig, 'show running-config', 'no "hostname", "interface", "version" or "Current configuration" line');

  const normalizedFull: string[] = [];
  let section: { kind: string; obj?: any } | undefined;
  const aclByName = (name: string, type: string, family: 'ip' | 'ipv6' | 'mac' = 'ip') => {
    let a = cfg.accessLists.find((x) => x.name === name && x.family === family);
    if (!a) {
      a = { name, type, family, numbered: /^\d+$/.test(name), entries: [], remarks: [] };
      cfg.accessLists.push(a);
    }
    return a;
  };
  let pendingRemarks: string[] = [];

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    if (VOLATILE.some((re) => re.test(line.trim())) && !/^\s/.test(line)) {
      if (/^!\s*$/.test(line.trim())) section = undefined;
      continue;
    }
    // banners: `banner motd ^C` ... `^C` (delimiter may be any character)
    const bm = /^banner (motd|login|exec|incoming|slip-ppp|prompt-timeout)\s+(\^C|\S)(.*)$/.exec(line);
    if (bm) {
      const delim = bm[2];
      const text: string[] = [];
      let rest = bm[3];
      const raws = [line];
      let closed = false;
      for (;;) {
        const at = rest.indexOf(delim);
        if (at >= 0) {
          text.push(rest.slice(0, at));
          closed = true;
          break;
        }
        text.push(rest);
        if (i + 1 >= lines.length) break;
        rest = lines[++i];
        raws.push(rest);
      }
      void closed;
      cfg.banners[bm[1]] = text.join('\n').replace(/^\n+|\n+$/g, '');
      normalizedFull.push(...raws);
      section = undefined;
      continue;
    }
    normalizedFull.push(line.replace(/\s+$/, ''));
    const indented = /^\s/.test(line);
    const t = line.trim();
    if (indented && section) {
      handleSub(cfg, section, t, aclByName, pendingRemarks);
      if (section.kind === 'acl' && /^(\d+\s+)?remark\b/.test(t)) pendingRemarks.push(t.replace(/^(\d+\s+)?remark\s*/, ''));
      else if (section.kind === 'acl') pendingRemarks = [];
      continue;
    }
    if (!indented) section = undefined;
    pendingRemarks = [];
    section = handleTop(cfg, t, aclByName) ?? undefined;
  }

  for (const a of cfg.accessLists) delete (a as any)._pending;
  // the structured view is done; normalised lines for comparing running and startup
  cfg.normalized = normalizedFull.map(maskSecrets);
  for (const x of [...cfg.interfaces, ...cfg.router.ospf, ...cfg.router.eigrp, ...cfg.dhcp.pools]) x.lines = x.lines.map(maskSecrets);
  for (const n of cfg.nat) n.line = maskSecrets(n.line);
  cfg.digest = createHash('sha256').update(normalizedFull.join('\n')).digest('hex');
  return cfg;
}

function handleTop(cfg: RunningConfig, t: string, aclByName: (n: string, type: string, family?: 'ip' | 'ipv6' | 'mac') => RunningConfig['accessLists'][number]): { kind: string; obj?: any } | void {
  let m: RegExpExecArray | null;
  if ((m = /^hostname (\S+)/.exec(t))) cfg.hostname = m[1];
  else if ((m = /^ip domain[- ]name (\S+)/.exec(t))) cfg.domainName = m[1];
  else if ((m = /^ip name-server (.+)$/.exec(t))) cfg.nameServers.push(...m[1].replace(/^vrf \S+ /, '').split(/\s+/));
  else if (/^no ip domain[- ]lookup/.test(t)) cfg.domainLookup = false;
  else if ((m = /^enable secret(?: level \d+)?\s+(?:(\d+)\s+)?\S+/.exec(t))) cfg.enableSecret = { type: secretType(m[1]) };
  else if ((m = /^enable password(?: level \d+)?\s+(?:(\d+)\s+)?\S+/.exec(t))) cfg.enablePassword = { type: secretType(m[1]) };
  else if ((m = /^(no )?service (\S+)/.exec(t))) {
    cfg.services[m[2]] = !m[1];
    if (m[2] === 'password-encryption') cfg.servicePasswordEncryption = !m[1];
  } else if ((m = /^username (\S+)(.*)$/.exec(t))) {
    const rest = m[2];
    let u = cfg.users.find((x) => x.name === m![1]);
    if (!u) {
      u = { name: m[1] };
      cfg.users.push(u);
    }
    const p = /\bprivilege (\d+)/.exec(rest);
    if (p) u.privilege = Number(p[1]);
    const alg = /\balgorithm-type (\S+)/.exec(rest);
    if (alg) u.algorithmType = alg[1];
    const s = /\bsecret(?:\s+(\d+))?\s+\S+/.exec(rest);
    if (s) u.secretType = s[1] !== undefined ? Number(s[1]) : alg ? ({ md5: 5, sha256: 8, scrypt: 9 } as Record<string, number>)[alg[1]] ?? 0 : 0;
    const pw = /\bpassword(?:\s+(\d+))?\s+\S+/.exec(rest);
    if (pw) u.passwordType = secretType(pw[1]);
  } else if (/^aaa new-model/.test(t)) cfg.aaaNewModel = true;
  else if ((m = /^ip ssh version (\d)/.exec(t))) cfg.ssh.version = Number(m[1]);
  else if ((m = /^ip ssh time-out (\d+)/.exec(t))) cfg.ssh.timeout = Number(m[1]);
  else if ((m = /^ip ssh authentication-retries (\d+)/.exec(t))) cfg.ssh.retries = Number(m[1]);
  else if ((m = /^ip ssh source-interface (\S+)/.exec(t))) cfg.ssh.sourceInterface = m[1];
  else if (/^crypto key generate|^crypto pki (?:trustpoint|certificate)/.test(t)) cfg.cryptoKeyPresent = true;
  else if ((m = /^interface (\S+(?: \d\S*)?)(?:\s+(?:point-to-point|multipoint))?$/.exec(t))) {
    const intf: ConfigInterface = {
      name: m[1].replace(/\s+/g, ''),
      shutdown: false,
      switchport: { portSecurity: { enabled: false, sticky: false, macAddresses: [] } },
      ipAddresses: [],
      ipHelpers: [],
      accessGroups: [],
      servicePolicy: {},
      ipv6Addresses: [],
      spanningTree: {},
      standby: [],
      lines: [],
    };
    cfg.interfaces.push(intf);
    return { kind: 'interface', obj: intf };
  } else if ((m = /^vlan (\d[\d,\-]*)$/.exec(t))) {
    const ids = m[1].split(',').flatMap((p) => {
      const r = /^(\d+)(?:-(\d+))?$/.exec(p);
      if (!r) return [];
      const a = Number(r[1]);
      const b = r[2] ? Number(r[2]) : a;
      return Array.from({ length: b - a + 1 }, (_, k) => a + k);
    });
    const vs = ids.map((id) => {
      let v = cfg.vlans.find((x) => x.id === id);
      if (!v) {
        v = { id };
        cfg.vlans.push(v);
      }
      return v;
    });
    return { kind: 'vlan', obj: vs };
  } else if ((m = /^line (con|vty|aux|console)\s+(\d+)(?:\s+(\d+))?/.exec(t))) {
    const l: ConfigLine = { type: m[1] === 'console' ? 'con' : m[1], first: Number(m[2]), last: Number(m[3] ?? m[2]), transportInput: [], transportInputConfigured: false, transportOutput: [], accessClass: [] };
    cfg.lines.push(l);
    return { kind: 'line', obj: l };
  } else if ((m = /^snmp-server community (\S+)(?:\s+view (\S+))?(?:\s+(RO|RW|ro|rw))?(?:\s+(?:ipv6 \S+\s+)?(\S+))?/.exec(t))) {
    cfg.snmp.communities.push({ name: m[1], access: (m[3] ?? 'RO').toUpperCase(), ...(m[2] ? { view: m[2] } : {}), ...(m[4] ? { acl: m[4] } : {}) });
  } else if ((m = /^snmp-server location (.*)$/.exec(t))) cfg.snmp.location = m[1];
  else if ((m = /^snmp-server contact (.*)$/.exec(t))) cfg.snmp.contact = m[1];
  else if ((m = /^snmp-server host (\S+)(.*)$/.exec(t))) {
    const rest = m[2];
    const informs = /\binforms\b/.test(rest);
    const v = /\bversion (1|2c|3)(?:\s+(auth|noauth|priv))?/.exec(rest);
    const toks = rest.replace(/\b(informs|traps)\b/, '').replace(/\bversion (1|2c|3)(\s+(auth|noauth|priv))?/, '').replace(/\bvrf \S+/, '').trim().split(/\s+/).filter(Boolean);
    cfg.snmp.hosts.push({ host: m[1], ...(v ? { version: v[1], ...(v[2] ? { secLevel: v[2] } : {}) } : {}), ...(toks[0] ? { community: toks[0] } : {}), informs });
  } else if ((m = /^snmp-server user (\S+) (\S+)(?: remote \S+(?: udp-port \d+)?)? (v1|v2c|v3)(.*)$/.exec(t))) {
    const auth = /\bauth (md5|sha\S*)/.exec(m[4]);
    const priv = /\bpriv (des|3des|aes(?: \d+)?)/.exec(m[4]);
    cfg.snmp.users.push({ name: m[1], group: m[2], version: m[3], ...(auth ? { auth: auth[1] } : {}), ...(priv ? { priv: priv[1] } : {}) });
  } else if ((m = /^snmp-server group (\S+) (v1|v2c|v3)(?: (auth|noauth|priv))?/.exec(t))) cfg.snmp.groups.push({ name: m[1], version: m[2], ...(m[3] ? { secLevel: m[3] } : {}) });
  else if (/^snmp-server enable traps/.test(t)) cfg.snmp.trapsEnabled = true;
  else if ((m = /^logging (?:host )?(\d+\.\d+\.\d+\.\d+|[a-zA-Z][\w.-]*\.[a-z]{2,})(?:\s|$)/.exec(t)) && !/^logging (buffered|console|monitor|trap|source-interface|facility|origin-id|on|history|rate-limit|event|discriminator|queue-limit|count|persistent|file|alarm)\b/.test(t)) {
    cfg.logging.hosts.push(m[1]);
  } else if ((m = /^logging host (?:ipv6 )?(\S+)/.exec(t))) cfg.logging.hosts.push(m[1]);
  else if ((m = /^logging trap (\S+)/.exec(t))) cfg.logging.trap = m[1];
  else if ((m = /^logging buffered(?:\s+(.*))?$/.exec(t))) cfg.logging.buffered = m[1] ?? '';
  else if ((m = /^logging console(?:\s+(.*))?$/.exec(t))) cfg.logging.console = m[1] ?? '';
  else if ((m = /^logging source-interface (\S+)/.exec(t))) cfg.logging.sourceInterface = m[1];
  else if ((m = /^ntp server (?:vrf \S+ )?(?:ip )?(\S+)(.*)$/.exec(t))) {
    const key = /\bkey (\d+)/.exec(m[2]);
    cfg.ntp.servers.push({ address: m[1], prefer: /\bprefer\b/.test(m[2]), ...(key ? { key: Number(key[1]) } : {}) });
  } else if ((m = /^ntp master(?: (\d+))?/.exec(t))) cfg.ntp.master = m[1] ? Number(m[1]) : 8;
  else if ((m = /^ntp source (\S+)/.exec(t))) cfg.ntp.sourceInterface = m[1];
  else if ((m = /^clock timezone (.*)$/.exec(t))) cfg.clockTimezone = m[1];
  else if ((m = /^ip route (?:vrf (\S+) )?(\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+) (.*)$/.exec(t))) {
    const toks = m[4].split(/\s+/);
    const r: RunningConfig['ipRoutes'][number] = { network: m[2], mask: m[3], prefixLength: maskToPrefix(m[3]) };
    if (m[1]) r.vrf = m[1];
    let k = 0;
    if (toks[k] && /^[A-Za-z]/.test(toks[k]) && !/^(name|permanent|tag|track|global|dhcp)$/.test(toks[k])) r.interface = toks[k++];
    if (toks[k] && /^\d+\.\d+\.\d+\.\d+$/.test(toks[k])) r.nextHop = toks[k++];
    if (toks[k] && /^\d+$/.test(toks[k])) r.distance = Number(toks[k++]);
    for (; k < toks.length; k++) {
      if (toks[k] === 'name') r.name = toks[++k];
      else if (toks[k] === 'permanent') r.permanent = true;
    }
    cfg.ipRoutes.push(r);
  } else if ((m = /^ip default-gateway (\S+)/.exec(t))) cfg.defaultGateway = m[1];
  else if (/^ip routing$/.test(t)) cfg.ipRouting = true;
  else if (/^no ip routing$/.test(t)) cfg.ipRouting = false;
  else if ((m = /^router ospf (\d+)/.exec(t))) {
    const o = { process: Number(m[1]), networks: [], passiveInterfaces: [], passiveDefault: false, defaultInformationOriginate: false, lines: [] };
    cfg.router.ospf.push(o);
    return { kind: 'ospf', obj: o };
  } else if ((m = /^router eigrp (\d+|\S+)/.exec(t))) {
    const e = { asn: Number(m[1]) || 0, networks: [], passiveInterfaces: [], lines: [] };
    cfg.router.eigrp.push(e);
    return { kind: 'eigrp', obj: e };
  } else if (/^router rip/.test(t)) {
    cfg.router.rip = { networks: [] };
    return { kind: 'rip', obj: cfg.router.rip };
  } else if ((m = /^access-list (\d+) (?:(remark) (.*)|(.*))$/.exec(t))) {
    const n = Number(m[1]);
    const type = (n >= 1 && n <= 99) || (n >= 1300 && n <= 1999) ? 'standard' : 'extended';
    const acl = aclByName(m[1], type);
    if (m[2]) {
      acl.remarks.push(m[3]);
      (acl as any)._pending = [...((acl as any)._pending ?? []), m[3]];
    } else if (/^(permit|deny)\b/.test(m[4])) {
      const ace = parseAce(m[4], type === 'standard') as Ace & { remark?: string[] };
      const pend = (acl as any)._pending as string[] | undefined;
      if (pend?.length) ace.remark = pend;
      delete (acl as any)._pending;
      acl.entries.push(ace);
    }
  } else if ((m = /^(ip|ipv6|mac) access-list (?:(standard|extended|role-based) )?(\S+)/.exec(t))) {
    const acl = aclByName(m[3], m[2] ?? (m[1] === 'ipv6' ? 'ipv6' : 'extended'), m[1] as 'ip' | 'ipv6' | 'mac');
    return { kind: 'acl', obj: acl };
  } else if ((m = /^ip dhcp excluded-address (?:vrf \S+ )?(\S+)(?: (\S+))?/.exec(t))) cfg.dhcp.excluded.push({ start: m[1], end: m[2] ?? m[1] });
  else if ((m = /^ip dhcp pool (\S+)/.exec(t))) {
    const p = { name: m[1], defaultRouter: [], dnsServers: [], lines: [] };
    cfg.dhcp.pools.push(p);
    return { kind: 'dhcp-pool', obj: p };
  } else if (/^ip dhcp snooping$/.test(t)) cfg.dhcp.snooping.enabled = true;
  else if ((m = /^ip dhcp snooping vlan (\S+)/.exec(t))) cfg.dhcp.snooping.vlans = m[1];
  else if ((m = /^ip nat (inside|outside) (source|destination) (list|static) (.*)$/.exec(t))) {
    const toks = m[4].split(/\s+/);
    const r: RunningConfig['nat'][number] = { direction: m[1] as 'inside', kind: m[2] as 'source', type: m[3] as 'list', overload: toks.includes('overload'), line: t };
    if (m[3] === 'list') {
      r.acl = toks[0];
      const pi = toks.indexOf('pool');
      if (pi >= 0) r.pool = toks[pi + 1];
      const ii = toks.indexOf('interface');
      if (ii >= 0) r.interface = toks[ii + 1];
    } else {
      const withPort = toks[0] === 'tcp' || toks[0] === 'udp';
      const st = toks.filter((x) => !/^(tcp|udp|extendable|no-alias|no-payload|route-map|redundancy|vrf)$/.test(x));
      if (st[0] === 'interface' || st[0] === 'network') st.shift();
      if (withPort) {
        // ip nat inside source static tcp LOCAL LPORT GLOBAL GPORT
        r.local = `${st[0]}:${st[1]}`;
        r.global = st[2] === 'interface' ? `interface ${st[3]}:${st[4]}` : `${st[2]}:${st[3]}`;
      } else {
        r.local = st[0];
        r.global = st[1] === 'interface' ? `interface ${st[2]}` : st[1];
      }
    }
    cfg.nat.push(r);
  } else if ((m = /^ip nat pool (\S+) (\S+) (\S+) (?:netmask (\S+)|prefix-length (\d+))/.exec(t))) {
    cfg.natPools.push({ name: m[1], start: m[2], end: m[3], ...(m[4] ? { netmask: m[4], prefixLength: maskToPrefix(m[4]) } : { prefixLength: Number(m[5]) }) });
  } else if ((m = /^spanning-tree mode (\S+)/.exec(t))) cfg.spanningTree.mode = m[1];
  else if ((m = /^spanning-tree vlan (\S+) priority (\d+)/.exec(t))) cfg.spanningTree.vlanPriorities.push({ vlans: m[1], priority: Number(m[2]) });
  else if ((m = /^spanning-tree vlan (\S+) root (primary|secondary)/.exec(t))) (m[2] === 'primary' ? cfg.spanningTree.rootPrimary : cfg.spanningTree.rootSecondary).push(m[1]);
  else if (/^spanning-tree portfast (edge )?default/.test(t)) cfg.spanningTree.portfastDefault = true;
  else if (/^spanning-tree portfast (edge )?bpduguard default/.test(t)) cfg.spanningTree.bpduguardDefault = true;
  else if (/^no cdp run/.test(t)) cfg.cdpRun = false;
  else if (/^cdp run/.test(t)) cfg.cdpRun = true;
  else if (/^lldp run/.test(t)) cfg.lldpRun = true;
  else if (/^no lldp run/.test(t)) cfg.lldpRun = false;
  else if ((m = /^vtp mode (\S+)/.exec(t))) cfg.vtp.mode = m[1];
  else if ((m = /^vtp domain (\S+)/.exec(t))) cfg.vtp.domain = m[1];
  else if ((m = /^vtp version (\d)/.exec(t))) cfg.vtp.version = Number(m[1]);
  else if ((m = /^(no )?ip http server/.exec(t))) cfg.httpServer = !m[1];
  else if ((m = /^(no )?ip http secure-server/.exec(t))) cfg.httpSecureServer = !m[1];
  else if (/^(crypto|router|policy-map|class-map|route-map|key chain|object-group|track|ip sla|archive|control-plane|redundancy|vrf definition|ip vrf|monitor|flow|aaa group|parameter-map|zone|template|call-home|license|voice|dial-peer|telephony-service|ephone|sccp|dot1x|mac address-table|event manager|crypto pki)\b/.test(t)) {
    return { kind: 'other' };
  }
}

function handleSub(cfg: RunningConfig, section: { kind: string; obj?: any }, t: string, aclByName: unknown, pendingRemarks: string[]) {
  void aclByName;
  let m: RegExpExecArray | null;
  switch (section.kind) {
    case 'interface': {
      const i = section.obj as ConfigInterface;
      i.lines.push(t);
      if ((m = /^description (.*)$/.exec(t))) i.description = m[1];
      else if (t === 'shutdown') i.shutdown = true;
      else if (t === 'no shutdown') i.shutdown = false;
      else if (t === 'switchport') i.switchport.enabled = true;
      else if (t === 'no switchport') i.switchport.enabled = false;
      else if ((m = /^switchport mode (.*)$/.exec(t))) i.switchport.mode = m[1];
      else if ((m = /^switchport access vlan (\d+)/.exec(t))) i.switchport.accessVlan = Number(m[1]);
      else if ((m = /^switchport voice vlan (\d+)/.exec(t))) i.switchport.voiceVlan = Number(m[1]);
      else if ((m = /^switchport trunk allowed vlan (?:(add|remove|except) )?(.*)$/.exec(t))) {
        const v = m[2].replace(/\s+/g, '');
        if (m[1] === 'add' && i.switchport.trunkAllowed) i.switchport.trunkAllowed += ',' + v;
        else if (!m[1]) i.switchport.trunkAllowed = v;
        else i.switchport.trunkAllowed = `${m[1]} ${v}`;
      } else if ((m = /^switchport trunk native vlan (\d+)/.exec(t))) i.switchport.trunkNative = Number(m[1]);
      else if ((m = /^switchport trunk encapsulation (\S+)/.exec(t))) i.switchport.trunkEncapsulation = m[1];
      else if (t === 'switchport nonegotiate') i.switchport.nonegotiate = true;
      else if (t === 'switchport port-security') i.switchport.portSecurity.enabled = true;
      else if ((m = /^switchport port-security maximum (\d+)(?! vlan)/.exec(t))) i.switchport.portSecurity.maximum = Number(m[1]);
      else if ((m = /^switchport port-security violation (\S+)/.exec(t))) i.switchport.portSecurity.violation = m[1];
      else if (t === 'switchport port-security mac-address sticky') i.switchport.portSecurity.sticky = true;
      else if ((m = /^switchport port-security mac-address (?:sticky )?([0-9a-fA-F.]{14})/.exec(t))) i.switchport.portSecurity.macAddresses.push(m[1]);
      else if ((m = /^switchport port-security aging time (\d+)/.exec(t))) i.switchport.portSecurity.aging = Number(m[1]);
      else if ((m = /^ip address (\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+)( secondary)?/.exec(t))) i.ipAddresses.push({ address: m[1], mask: m[2], prefixLength: maskToPrefix(m[2]), secondary: !!m[3] });
      else if (/^ip address dhcp/.test(t)) i.ipDhcpClient = true;
      else if (t === 'no ip address') i.noIpAddress = true;
      else if ((m = /^ip helper-address (?:vrf \S+ )?(\S+)/.exec(t))) i.ipHelpers.push(m[1]);
      else if ((m = /^ip access-group (\S+) (in|out)/.exec(t))) i.accessGroups.push({ name: m[1], direction: m[2] as 'in' });
      else if ((m = /^ip nat (inside|outside)/.exec(t))) i.nat = m[1] as 'inside';
      else if ((m = /^channel-group (\d+) mode (\S+)/.exec(t))) i.channelGroup = { group: Number(m[1]), mode: m[2] };
      else if ((m = /^encapsulation (dot1Q|dot1q|isl) (\d+)(?: (native)| second-dot1q (\d+))?/i.exec(t))) i.encapsulation = { type: m[1], vlan: Number(m[2]), ...(m[3] ? { native: true } : {}), ...(m[4] ? { secondVlan: Number(m[4]) } : {}) };
      else if ((m = /^(?:vrf forwarding|ip vrf forwarding) (\S+)/.exec(t))) i.vrf = m[1];
      else if ((m = /^bandwidth (\d+)/.exec(t))) i.bandwidth = Number(m[1]);
      else if ((m = /^(?:ip )?mtu (\d+)/.exec(t))) i.mtu = Number(m[1]);
      else if (t === 'no ip proxy-arp') i.proxyArp = false;
      else if (t === 'ip proxy-arp') i.proxyArp = true;
      else if ((m = /^ip verify unicast (?:source )?reachable-via (\S+)/.exec(t))) i.unicastSource = m[1];
      else if ((m = /^service-policy (input|output) (\S+)/.exec(t))) i.servicePolicy[m[1] as 'input'] = m[2];
      else if ((m = /^ipv6 address ([0-9A-Fa-f:]+)\/(\d+)/.exec(t))) i.ipv6Addresses.push({ address: m[1], prefixLength: Number(m[2]) });
      else if (/^spanning-tree portfast(?! disable)/.test(t)) i.spanningTree.portfast = true;
      else if (t === 'spanning-tree bpduguard enable') i.spanningTree.bpduguard = true;
      else if (t === 'spanning-tree bpdufilter enable') i.spanningTree.bpdufilter = true;
      else if ((m = /^spanning-tree cost (\d+)/.exec(t))) i.spanningTree.cost = Number(m[1]);
      else if ((m = /^spanning-tree port-priority (\d+)/.exec(t))) i.spanningTree.portPriority = Number(m[1]);
      else if ((m = /^standby (\d+) (ip|priority|preempt)\s*(\S+)?/.exec(t)) || (m = /^standby (ip|priority|preempt)\s*(\S+)?()/.exec(t))) {
        const [g, what, val] = /^\d+$/.test(m[1]) ? [Number(m[1]), m[2], m[3]] : [0, m[1], m[2]];
        let s = i.standby.find((x) => x.group === g);
        if (!s) {
          s = { group: g };
          i.standby.push(s);
        }
        if (what === 'ip') s.ip = val;
        else if (what === 'priority') s.priority = Number(val);
        else s.preempt = true;
      } else if ((m = /^ip ospf (\d+) area (\S+)/.exec(t))) i.ospf = { process: Number(m[1]), area: m[2] };
      break;
    }
    case 'vlan':
      if ((m = /^name (.*)$/.exec(t))) for (const v of section.obj) v.name = m[1];
      break;
    case 'line': {
      const l = section.obj as ConfigLine;
      if ((m = /^transport input (.*)$/.exec(t))) {
        l.transportInput = m[1].split(/\s+/);
        l.transportInputConfigured = true;
      } else if ((m = /^transport output (.*)$/.exec(t))) l.transportOutput = m[1].split(/\s+/);
      else if ((m = /^login(?: (local|authentication \S+))?$/.exec(t))) l.login = m[1] ?? 'login';
      else if (t === 'no login') l.login = 'none';
      else if ((m = /^password(?: (\d+))? \S+/.exec(t))) l.passwordType = secretType(m[1]);
      else if ((m = /^access-class (\S+) (in|out)/.exec(t))) l.accessClass.push({ name: m[1], direction: m[2] });
      else if ((m = /^exec-timeout (\d+)(?: (\d+))?/.exec(t))) l.execTimeout = { minutes: Number(m[1]), seconds: Number(m[2] ?? 0) };
      else if (t === 'logging synchronous') l.loggingSynchronous = true;
      else if ((m = /^privilege level (\d+)/.exec(t))) l.privilegeLevel = Number(m[1]);
      break;
    }
    case 'ospf': {
      const o = section.obj as RunningConfig['router']['ospf'][number];
      o.lines.push(t);
      if ((m = /^network (\S+) (\S+) area (\S+)/.exec(t))) o.networks.push({ network: m[1], wildcard: m[2], prefixLength: wildcardToPrefix(m[2]), area: m[3] });
      else if ((m = /^router-id (\S+)/.exec(t))) o.routerId = m[1];
      else if (t === 'passive-interface default') o.passiveDefault = true;
      else if ((m = /^passive-interface (\S+)/.exec(t))) o.passiveInterfaces.push(m[1]);
      else if (/^default-information originate/.test(t)) o.defaultInformationOriginate = true;
      break;
    }
    case 'eigrp': {
      const e = section.obj as RunningConfig['router']['eigrp'][number];
      e.lines.push(t);
      if ((m = /^network (\S+)(?: (\S+))?/.exec(t))) e.networks.push({ network: m[1], ...(m[2] ? { wildcard: m[2] } : {}) });
      else if ((m = /^(?:eigrp )?router-id (\S+)/.exec(t))) e.routerId = m[1];
      else if (t === 'no auto-summary') e.autoSummary = false;
      else if (t === 'auto-summary') e.autoSummary = true;
      else if ((m = /^passive-interface (\S+)/.exec(t))) e.passiveInterfaces.push(m[1]);
      break;
    }
    case 'rip': {
      const r = section.obj as NonNullable<RunningConfig['router']['rip']>;
      if ((m = /^version (\d)/.exec(t))) r.version = Number(m[1]);
      else if ((m = /^network (\S+)/.exec(t))) r.networks.push(m[1]);
      else if (t === 'no auto-summary') r.autoSummary = false;
      break;
    }
    case 'acl': {
      const a = section.obj as RunningConfig['accessLists'][number];
      if ((m = /^(?:\d+\s+)?remark\s*(.*)$/.exec(t))) a.remarks.push(m[1]);
      else if (/^(\d+\s+)?(permit|deny)\b/.test(t)) {
        const ace = parseAce(t, a.type === 'standard') as Ace & { remark?: string[] };
        if (pendingRemarks.length) ace.remark = [...pendingRemarks];
        a.entries.push(ace);
      }
      break;
    }
    case 'dhcp-pool': {
      const p = section.obj as RunningConfig['dhcp']['pools'][number];
      p.lines.push(t);
      if ((m = /^network (\S+)(?: (\d+\.\d+\.\d+\.\d+)| \/(\d+))?/.exec(t))) {
        p.network = m[1];
        if (m[2]) {
          p.mask = m[2];
          p.prefixLength = maskToPrefix(m[2]);
        } else if (m[3]) p.prefixLength = Number(m[3]);
      } else if ((m = /^default-router (.*)$/.exec(t))) p.defaultRouter.push(...m[1].split(/\s+/));
      else if ((m = /^dns-server (.*)$/.exec(t))) p.dnsServers.push(...m[1].split(/\s+/));
      else if ((m = /^domain-name (\S+)/.exec(t))) p.domainName = m[1];
      else if ((m = /^lease (.*)$/.exec(t))) p.lease = m[1];
      else if ((m = /^host (\S+)/.exec(t))) p.host = m[1];
      break;
    }
  }
  void cfg;
}
