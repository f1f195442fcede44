// The configuration engine: one grammar per configuration mode, applied to the state model.
// Used for interactive `configure terminal`, for loading a startup-config file and for
// `copy … running-config`. `renderConfig` prints the state the way IOS prints its running-config.
import { compressVlanList, expandIfName, expandVlanList, Grammar, type Args } from './grammar.js';
import { hashSecret, makeSecret, newIface, ifaceMac, sortedIfaces, type IosState, type Line, type Secret, type Iface, type Acl } from './model.js';

export type ConfigMode =
  | 'config'
  | 'config-if'
  | 'config-if-range'
  | 'config-subif'
  | 'config-line'
  | 'config-vlan'
  | 'config-router'
  | 'config-std-nacl'
  | 'config-ext-nacl'
  | 'dhcp-config';

export interface ConfigCtx {
  s: IosState;
  mode: ConfigMode;
  ifs: string[];
  lineKeys: ('con' | 'vty' | 'vty2')[];
  vlanIds: number[];
  ospfPid?: number;
  acl?: string;
  pool?: string;
  /** Collecting a multi-line banner until the delimiter. */
  banner?: { kind: 'motd' | 'login'; delim: string; text: string[] };
  /** Messages to print (informational lines, errors raised by a handler). */
  out: string[];
  /** Set by a handler to ask the session for a follow-up prompt (crypto key modulus, …). */
  fail?: string;
}

type C = ConfigCtx;
const fail = (c: C, msg: string) => {
  c.fail = msg;
};
const touched = (c: C) => {
  c.s.lastChange = Date.now();
};

function secretFrom(a: Args, plainType: 0 | 5 | 9, c: C): Secret {
  const t = a.p.type !== undefined ? Number(a.p.type) : undefined;
  const text = a.p.secret ?? a.p.text ?? '';
  if (t === undefined || t === 0) {
    if (plainType === 0) return c.s.servicePasswordEncryption ? { ...makeSecret(7, ''), value: type7(text), plain: text } : { type: 0, value: text, plain: text };
    return { type: plainType, value: hashSecret(plainType, text), plain: text };
  }
  return makeSecret(t, text);
}

import { type7Encode } from './model.js';
const type7 = (p: string) => type7Encode(p, 8);

function eachIf(c: C, fn: (i: Iface) => void) {
  for (const n of c.ifs) {
    const i = c.s.interfaces.get(n);
    if (i) fn(i);
  }
  touched(c);
}

function eachLine(c: C, fn: (l: Line) => void) {
  for (const k of c.lineKeys) fn(c.s.lines[k]);
  touched(c);
}

/** Create or find an interface by (already expanded) name; undefined when it cannot exist on this device. */
export function ensureIface(s: IosState, name: string): Iface | undefined {
  const have = s.interfaces.get(name);
  if (have) return have;
  const m = /^([A-Za-z-]+)(\d+(?:\/\d+)*)(?:\.(\d+))?$/.exec(name);
  if (!m) return undefined;
  if (m[3] !== undefined) {
    if (s.role !== 'router' || !s.interfaces.has(`${m[1]}${m[2]}`)) return undefined;
  } else if (m[1] === 'Vlan') {
    const v = Number(m[2]);
    if (s.role !== 'switch' || v < 1 || v > 4094) return undefined;
  } else if (!['Loopback', 'Port-channel', 'Tunnel'].includes(m[1])) return undefined;
  const i = newIface(name, m[1] === 'Port-channel' && s.role === 'switch', ifaceMac(s, name));
  s.interfaces.set(name, i);
  return i;
}

export function parseRange(s: IosState, text: string): string[] | undefined {
  const out: string[] = [];
  let type = '';
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z-]*)\s*((?:\d+\/)*)(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!m) return undefined;
    if (m[1]) {
      const e = expandIfName(`${m[1]}${m[2]}${m[3]}`);
      if (!e) return undefined;
      type = e.name.replace(/[\d/.]+$/, '');
    }
    if (!type) return undefined;
    const from = Number(m[3]);
    const to = m[4] !== undefined ? Number(m[4]) : from;
    for (let n = from; n <= to; n++) {
      const name = `${type}${m[2]}${n}`;
      if (!s.interfaces.has(name) && !ensureIface(s, name)) return undefined;
      out.push(name);
    }
  }
  return out;
}

// ---- global configuration ------------------------------------------------------------------

const global = new Grammar<C>([
  { pattern: 'hostname <name:word>', run: (c, a) => (a.neg ? (c.s.hostname = c.s.role === 'switch' ? 'Switch' : 'Router') : (c.s.hostname = a.p.name), touched(c)) },
  { pattern: 'ip domain-name <name:word>', run: (c, a) => ((c.s.domainName = a.neg ? undefined : a.p.name), touched(c)) },
  { pattern: 'ip domain name <name:word>', run: (c, a) => ((c.s.domainName = a.neg ? undefined : a.p.name), touched(c)) },
  { pattern: 'hostname', run: (c, a) => (a.neg ? ((c.s.hostname = c.s.role === 'switch' ? 'Switch' : 'Router'), touched(c)) : fail(c, '% Incomplete command.')) },
  { pattern: 'ip domain-name', run: (c, a) => (a.neg ? ((c.s.domainName = undefined), touched(c)) : fail(c, '% Incomplete command.')) },
  { pattern: 'ip domain name', run: (c, a) => (a.neg ? ((c.s.domainName = undefined), touched(c)) : fail(c, '% Incomplete command.')) },
  { pattern: 'ip domain-lookup', run: (c, a) => ((c.s.domainLookup = !a.neg), touched(c)) },
  { pattern: 'ip domain lookup', run: (c, a) => ((c.s.domainLookup = !a.neg), touched(c)) },
  { pattern: 'ip routing', run: (c, a) => ((c.s.ipRouting = !a.neg), touched(c)) },
  { pattern: 'ip http server', run: (c, a) => ((c.s.httpServer = !a.neg), touched(c)) },
  { pattern: 'ip http secure-server', run: () => {} },
  { pattern: 'enable secret <secret:word>', run: (c, a) => ((c.s.enableSecret = a.neg ? undefined : secretFrom(a, 5, c)), touched(c)) },
  { pattern: 'enable secret <type:int> <secret:word>', run: (c, a) => ((c.s.enableSecret = secretFrom(a, 5, c)), touched(c)) },
  { pattern: 'enable algorithm-type scrypt|sha256|md5 secret <secret:word>', run: (c, a) => ((c.s.enableSecret = algo(a)), touched(c)) },
  { pattern: 'enable password <secret:word>', run: (c, a) => ((c.s.enablePassword = a.neg ? undefined : secretFrom(a, 0, c)), touched(c)) },
  { pattern: 'enable password <type:int> <secret:word>', run: (c, a) => ((c.s.enablePassword = secretFrom(a, 0, c)), touched(c)) },
  // `no enable password` / `no enable secret` (and `no hostname`, `no ip domain-name`, `no logging trap`)
  // need no value on IOS; without `no` the value is missing.
  { pattern: 'enable password', run: (c, a) => (a.neg ? ((c.s.enablePassword = undefined), touched(c)) : fail(c, '% Incomplete command.')) },
  { pattern: 'enable secret', run: (c, a) => (a.neg ? ((c.s.enableSecret = undefined), touched(c)) : fail(c, '% Incomplete command.')) },
  { pattern: 'username <user:word>', run: (c, a) => (a.neg ? c.s.users.delete(a.p.user) : fail(c, '% Incomplete command.'), touched(c)) },
  { pattern: 'username <user:word> <rest:rest>', run: (c, a) => username(c, a) },
  { pattern: 'service password-encryption', run: (c, a) => servicePwEnc(c, !a.neg) },
  { pattern: 'service timestamps <rest:rest?>', run: () => {} },
  { pattern: 'service pad', run: () => {} },
  { pattern: 'banner motd|login <rest:rest>', run: (c, a) => banner(c, a) },
  { pattern: 'banner motd|login', run: (c, a) => (a.neg ? (a.kw[1] === 'login' ? (c.s.bannerLogin = undefined) : (c.s.bannerMotd = undefined)) : fail(c, '% Incomplete command.')) },
  { pattern: 'interface <if:if>', run: (c, a) => enterIf(c, a) },
  { pattern: 'interface range <rest:rest>', run: (c, a) => enterRange(c, a) },
  { pattern: 'vlan <ids:vlans>', run: (c, a) => enterVlan(c, a) },
  { pattern: 'vtp mode server|client|transparent|off', run: (c, a) => ((c.s.vtpMode = a.neg ? 'server' : (a.kw[2] as IosState['vtpMode'])), touched(c)) },
  { pattern: 'vtp domain <name:word>', run: () => {} },
  { pattern: 'line vty <from:int> <to:int?>', run: (c, a) => enterLine(c, Number(a.p.from) >= 5 ? ['vty2'] : Number(a.p.to ?? a.p.from) > 4 ? ['vty', 'vty2'] : ['vty']) },
  { pattern: 'line console|con <n:int>', run: (c) => enterLine(c, ['con']) },
  { pattern: 'ip ssh version <v:int>', run: (c, a) => ((c.s.ipSshVersion = a.neg ? undefined : a.p.v === '1' ? 1 : 2), touched(c)) },
  { pattern: 'ip ssh version', run: (c, a) => (a.neg ? (c.s.ipSshVersion = undefined) : fail(c, '% Incomplete command.')) },
  { pattern: 'ip ssh time-out|authentication-retries <n:int>', run: () => {} },
  { pattern: 'crypto key generate rsa <rest:rest?>', run: (c, a) => cryptoKey(c, a) },
  { pattern: 'crypto key zeroize rsa', run: (c) => ((c.s.rsaKeyBits = undefined), touched(c)) },
  { pattern: 'snmp-server community <name:word> <rest:rest?>', run: (c, a) => snmpCommunity(c, a) },
  { pattern: 'snmp-server location <text:rest>', run: (c, a) => ((c.s.snmp.location = a.neg ? undefined : a.p.text), touched(c)) },
  { pattern: 'snmp-server location', run: (c) => ((c.s.snmp.location = undefined), touched(c)) },
  { pattern: 'snmp-server contact <text:rest>', run: (c, a) => ((c.s.snmp.contact = a.neg ? undefined : a.p.text), touched(c)) },
  { pattern: 'snmp-server contact', run: (c) => ((c.s.snmp.contact = undefined), touched(c)) },
  { pattern: 'snmp-server host <host:ip> <rest:rest>', run: (c, a) => snmpHost(c, a) },
  { pattern: 'snmp-server group <name:word> v1|v2c|v3 <rest:rest?>', run: (c, a) => snmpGroup(c, a) },
  { pattern: 'snmp-server user <name:word> <group:word> v1|v2c|v3 <rest:rest?>', run: (c, a) => snmpUser(c, a) },
  { pattern: 'logging host <ip:ip>', run: (c, a) => loggingHost(c, a) },
  { pattern: 'logging <ip:ip>', run: (c, a) => loggingHost(c, a) },
  { pattern: 'logging buffered <rest:rest?>', run: (c, a) => ((c.s.logging.buffered = a.neg ? undefined : (a.p.rest ?? '')), touched(c)) },
  { pattern: 'logging trap <level:word>', run: (c, a) => ((c.s.logging.trap = a.neg ? undefined : a.p.level), touched(c)) },
  { pattern: 'logging trap', run: (c, a) => (a.neg ? ((c.s.logging.trap = undefined), touched(c)) : fail(c, '% Incomplete command.')) },
  { pattern: 'ntp server <ip:word> <rest:rest?>', run: (c, a) => listToggle(c, c.s.ntpServers, a.p.ip, a.neg) },
  { pattern: 'ip route <prefix:ip> <mask:ip> <via:word> <ad:int?>', run: (c, a) => ipRoute(c, a) },
  { pattern: 'ip default-gateway <ip:ip>', run: (c, a) => ((c.s.defaultGateway = a.neg ? undefined : a.p.ip), touched(c)) },
  { pattern: 'ip default-gateway', run: (c, a) => (a.neg ? ((c.s.defaultGateway = undefined), touched(c)) : fail(c, '% Incomplete command.')) },
  { pattern: 'router ospf <pid:int>', run: (c, a) => enterOspf(c, a) },
  { pattern: 'access-list <n:int> <rest:rest>', run: (c, a) => numberedAcl(c, a) },
  { pattern: 'access-list <n:int>', run: (c, a) => (a.neg ? (c.s.acls.delete(a.p.n), touched(c)) : fail(c, '% Incomplete command.')) },
  { pattern: 'ip access-list standard|extended <name:word>', run: (c, a) => enterNamedAcl(c, a) },
  { pattern: 'ip dhcp excluded-address <low:ip> <high:ip?>', run: (c, a) => dhcpExcluded(c, a) },
  { pattern: 'ip dhcp pool <name:word>', run: (c, a) => enterPool(c, a) },
  { pattern: 'ip nat <rest:rest>', run: (c, a) => natLine(c, a) },
  { pattern: 'spanning-tree mode pvst|rapid-pvst|mst', run: (c, a) => ((c.s.stp.mode = a.neg ? 'pvst' : (a.kw[2] as 'pvst')), touched(c)) },
  { pattern: 'spanning-tree vlan <ids:vlans> priority <prio:int>', run: (c, a) => stpPriority(c, a, Number(a.p.prio)) },
  { pattern: 'spanning-tree vlan <ids:vlans> root primary|secondary', run: (c, a) => stpPriority(c, a, a.kw[3] === 'primary' ? 24576 : 28672) },
  { pattern: 'spanning-tree portfast default', run: (c, a) => ((c.s.stp.portfastDefault = !a.neg), touched(c)) },
  { pattern: 'spanning-tree extend system-id', run: () => {} },
  { pattern: 'cdp run', run: (c, a) => ((c.s.cdpRun = !a.neg), touched(c)) },
  { pattern: 'lldp run', run: (c, a) => ((c.s.lldpRun = !a.neg), touched(c)) },
  { pattern: 'aaa new-model', run: () => {} },
  { pattern: 'boot-start-marker', run: () => {} },
  { pattern: 'boot-end-marker', run: () => {} },
  { pattern: 'version <v:word>', run: () => {} },
  { pattern: 'end', run: () => {} },
  { pattern: 'system mtu routing <n:int>', run: () => {} },
  { pattern: 'ip cef', run: () => {} },
  { pattern: 'ipv6 cef', run: () => {} },
  { pattern: 'ip subnet-zero', run: () => {} },
  { pattern: 'ip classless', run: () => {} },
  { pattern: 'clock timezone <rest:rest>', run: (c, a) => keepExtra(c, a) },
  { pattern: 'vlan internal allocation policy ascending', run: () => {} },
  { pattern: 'license udi <rest:rest>', run: () => {} },
  { pattern: 'control-plane', run: () => {} },
]);

function algo(a: Args): Secret {
  const t = a.kw[2] === 'scrypt' ? 9 : a.kw[2] === 'sha256' ? 8 : 5;
  return { type: t as 5 | 8 | 9, value: hashSecret(t as 5 | 8 | 9, a.p.secret), plain: a.p.secret };
}

function keepExtra(c: C, a: Args) {
  const l = a.line.trim();
  c.s.extraGlobal = c.s.extraGlobal.filter((x) => x.split(' ').slice(0, 2).join(' ') !== l.split(' ').slice(0, 2).join(' '));
  if (!a.neg) c.s.extraGlobal.push(l);
  touched(c);
}

function listToggle(c: C, list: string[], v: string, neg: boolean) {
  const i = list.indexOf(v);
  if (neg) {
    if (i >= 0) list.splice(i, 1);
  } else if (i < 0) list.push(v);
  touched(c);
}

function username(c: C, a: Args) {
  const t = a.p.rest.split(/\s+/);
  if (a.neg) {
    c.s.users.delete(a.p.user);
    return touched(c);
  }
  let privilege: number | undefined;
  let k = 0;
  let algoType: number | undefined;
  while (k < t.length) {
    const w = t[k].toLowerCase();
    if ('privilege'.startsWith(w) && w.length >= 4) {
      privilege = Number(t[k + 1]);
      if (!Number.isInteger(privilege)) return fail(c, '% Invalid input detected');
      k += 2;
    } else if (w === 'algorithm-type') {
      algoType = t[k + 1] === 'scrypt' ? 9 : t[k + 1] === 'sha256' ? 8 : 5;
      k += 2;
    } else break;
  }
  const kindWord = (t[k] ?? '').toLowerCase();
  const kind = 'secret'.startsWith(kindWord) && kindWord ? 'secret' : 'password'.startsWith(kindWord) && kindWord ? 'password' : undefined;
  if (!kind) {
    if (k >= t.length) {
      const prev = c.s.users.get(a.p.user);
      c.s.users.set(a.p.user, { ...(prev ?? { kind: 'password', secret: { type: 0, value: '' } }), privilege });
      return touched(c);
    }
    return fail(c, '% Invalid input detected');
  }
  let rest = t.slice(k + 1);
  let type: number | undefined;
  if (rest.length > 1 && /^\d$/.test(rest[0])) {
    type = Number(rest[0]);
    rest = rest.slice(1);
  }
  if (!rest.length) return fail(c, '% Incomplete command.');
  const text = rest.join(' ');
  let secret: Secret;
  if (algoType) secret = { type: algoType as 5, value: hashSecret(algoType as 5, text), plain: text };
  else if (type !== undefined && type !== 0) secret = makeSecret(type, text);
  else if (kind === 'secret') secret = { type: 5, value: hashSecret(5, text), plain: text };
  else secret = c.s.servicePasswordEncryption ? { type: 7, value: type7(text), plain: text } : { type: 0, value: text, plain: text };
  c.s.users.set(a.p.user, { privilege, kind, secret });
  touched(c);
}

function servicePwEnc(c: C, on: boolean) {
  c.s.servicePasswordEncryption = on;
  if (on) {
    // Existing plain-text passwords become type 7.
    const enc = (sec?: Secret) => (sec && sec.type === 0 ? { type: 7 as const, value: type7(sec.value), plain: sec.plain } : sec);
    c.s.enablePassword = enc(c.s.enablePassword);
    for (const u of c.s.users.values()) u.secret = enc(u.secret)!;
    for (const l of Object.values(c.s.lines)) l.password = enc(l.password);
  }
  touched(c);
}

function banner(c: C, a: Args) {
  const kind = a.kw[1] === 'login' ? 'login' : 'motd';
  if (a.neg) {
    if (kind === 'motd') c.s.bannerMotd = undefined;
    else c.s.bannerLogin = undefined;
    return touched(c);
  }
  let text = a.p.rest;
  let delim = text[0];
  if (text.startsWith('^C')) {
    delim = '^C';
  }
  text = text.slice(delim.length);
  const end = text.indexOf(delim);
  if (end >= 0) {
    setBanner(c, kind, text.slice(0, end));
    return;
  }
  c.out.push(`Enter TEXT message.  End with the character '${delim === '^C' ? '^C' : delim}'.`);
  c.banner = { kind, delim, text: text.length ? [text] : [] };
}

export function setBanner(c: C, kind: 'motd' | 'login', text: string) {
  if (kind === 'motd') c.s.bannerMotd = text;
  else c.s.bannerLogin = text;
  touched(c);
}

/** Feed a line while collecting a banner; true when the banner is complete. */
export function bannerLine(c: C, line: string): boolean {
  const b = c.banner!;
  const end = line.indexOf(b.delim);
  if (end < 0) {
    b.text.push(line);
    return false;
  }
  b.text.push(line.slice(0, end));
  const text = b.text.join('\n').replace(/^\n/, '');
  c.banner = undefined;
  setBanner(c, b.kind, text.replace(/\n$/, '') + (text.endsWith('\n') ? '\n' : ''));
  return true;
}

function enterIf(c: C, a: Args) {
  const name = a.p.if;
  if (a.neg) {
    if (/^(Vlan|Loopback|Tunnel|Port-channel)|\./.test(name)) c.s.interfaces.delete(name);
    return touched(c);
  }
  const i = ensureIface(c.s, name);
  if (!i) return fail(c, 'invalid-if');
  c.ifs = [name];
  c.mode = name.includes('.') ? 'config-subif' : 'config-if';
}

function enterRange(c: C, a: Args) {
  const list = parseRange(c.s, a.p.rest);
  if (!list) return fail(c, 'invalid-range');
  c.ifs = list;
  c.mode = 'config-if-range';
}

function enterVlan(c: C, a: Args) {
  const ids = expandVlanList(a.p.ids);
  if (ids.some((v) => v < 1 || v > 4094)) return fail(c, 'invalid-vlan');
  if (a.neg) {
    for (const v of ids) if (v !== 1 && v < 1002) c.s.vlans.delete(v);
    return touched(c);
  }
  if (c.s.role !== 'switch') return fail(c, 'invalid-vlan');
  for (const v of ids) if (!c.s.vlans.has(v)) c.s.vlans.set(v, { name: `VLAN${String(v).padStart(4, '0')}` });
  c.vlanIds = ids;
  c.mode = 'config-vlan';
  touched(c);
}

function enterLine(c: C, keys: ('con' | 'vty' | 'vty2')[]) {
  c.lineKeys = keys;
  c.mode = 'config-line';
}

function cryptoKey(c: C, a: Args) {
  const m = /modulus\s+(\d+)/i.exec(a.p.rest ?? '');
  if (!c.s.domainName && c.s.hostname.match(/^(Switch|Router)$/)) return fail(c, '% Please define a hostname other than Switch.');
  if (!c.s.domainName) return fail(c, '% Please define a domain-name first.');
  const bits = m ? Number(m[1]) : 512;
  c.out.push(
    `The name for the keys will be: ${c.s.hostname}.${c.s.domainName}`,
    '',
    `% The key modulus size is ${bits} bits`,
    `% Generating ${bits} bit RSA keys, keys will be non-exportable...`,
    '[OK] (elapsed time was 1 seconds)',
    '',
  );
  c.s.rsaKeyBits = bits;
  if (!c.s.ipSshVersion) c.s.ipSshVersion = undefined;
  touched(c);
}

function snmpCommunity(c: C, a: Args) {
  const list = c.s.snmp.communities;
  const idx = list.findIndex((x) => x.name === a.p.name);
  if (a.neg) {
    if (idx >= 0) list.splice(idx, 1);
    return touched(c);
  }
  const t = (a.p.rest ?? '').split(/\s+/).filter(Boolean);
  let access: 'RO' | 'RW' = 'RO';
  let acl: string | undefined;
  for (const w of t) {
    if (/^ro$/i.test(w)) access = 'RO';
    else if (/^rw$/i.test(w)) access = 'RW';
    else if (/^view$/i.test(w)) continue;
    else acl = w;
  }
  const e = { name: a.p.name, access, ...(acl ? { acl } : {}) };
  if (idx >= 0) list[idx] = e;
  else list.push(e);
  touched(c);
}

function snmpHost(c: C, a: Args) {
  const t = a.p.rest.split(/\s+/);
  c.s.snmp.hosts = c.s.snmp.hosts.filter((h) => h.host !== a.p.host);
  if (!a.neg) {
    let version: string | undefined;
    let k = 0;
    if (t[0] === 'version') {
      version = t[1];
      k = 2;
    }
    c.s.snmp.hosts.push({ host: a.p.host, version, community: t[k] ?? 'public' });
  }
  touched(c);
}

function snmpGroup(c: C, a: Args) {
  c.s.snmp.groups = c.s.snmp.groups.filter((g) => g.name !== a.p.name);
  if (!a.neg) c.s.snmp.groups.push({ name: a.p.name, model: a.kw[2], ...(a.p.rest ? { level: a.p.rest.split(/\s+/)[0] } : {}) });
  touched(c);
}

function snmpUser(c: C, a: Args) {
  c.s.snmp.users = c.s.snmp.users.filter((u) => u.name !== a.p.name);
  if (!a.neg) {
    const r = a.p.rest ?? '';
    const auth = /\bauth\s+(md5|sha)\b/i.exec(r)?.[1];
    const priv = /\bpriv\s+(des|3des|aes\s+\d+)/i.exec(r)?.[1];
    c.s.snmp.users.push({ name: a.p.name, group: a.p.group, ...(auth ? { auth: auth.toUpperCase() } : {}), ...(priv ? { priv: priv.replace(/\s+/, '').toUpperCase() } : {}) });
  }
  touched(c);
}

function loggingHost(c: C, a: Args) {
  listToggle(c, c.s.logging.hosts, a.p.ip, a.neg);
}

function ipRoute(c: C, a: Args) {
  let via = a.p.via;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(via)) {
    const e = expandIfName(via);
    if (!e || !c.s.interfaces.has(e.name)) return fail(c, 'invalid-route');
    via = e.name;
  }
  c.s.routes = c.s.routes.filter((r) => !(r.prefix === a.p.prefix && r.mask === a.p.mask && (r.via === via || a.neg)));
  if (!a.neg) c.s.routes.push({ prefix: a.p.prefix, mask: a.p.mask, via, ...(a.p.ad ? { ad: Number(a.p.ad) } : {}) });
  touched(c);
}

function enterOspf(c: C, a: Args) {
  const pid = Number(a.p.pid);
  if (a.neg) {
    c.s.ospf.delete(pid);
    return touched(c);
  }
  if (!c.s.ospf.has(pid)) c.s.ospf.set(pid, { networks: [], passive: [], defaultOriginate: false });
  c.ospfPid = pid;
  c.mode = 'config-router';
  touched(c);
}

function numberedAcl(c: C, a: Args) {
  const n = Number(a.p.n);
  const standard = (n >= 1 && n <= 99) || (n >= 1300 && n <= 1999);
  const extended = (n >= 100 && n <= 199) || (n >= 2000 && n <= 2699);
  if (!standard && !extended) return fail(c, 'invalid-acl');
  const text = a.p.rest.trim();
  if (!/^(permit|deny|remark)\b/i.test(text)) return fail(c, 'invalid-acl');
  let acl = c.s.acls.get(a.p.n);
  if (a.neg) {
    c.s.acls.delete(a.p.n);
    return touched(c);
  }
  if (!acl) {
    acl = { name: a.p.n, type: standard ? 'standard' : 'extended', numbered: true, entries: [] };
    c.s.acls.set(a.p.n, acl);
  }
  addAce(acl, normaliseAce(text, acl.type));
  touched(c);
}

function addAce(acl: Acl, text: string, seq?: number) {
  const next = seq ?? (acl.entries.length ? Math.max(...acl.entries.map((e) => e.seq)) + 10 : 10);
  acl.entries.push({ seq: next, text, matches: 0 });
  acl.entries.sort((x, y) => x.seq - y.seq);
}

/** IOS rewrites `permit host 1.2.3.4` as `permit 1.2.3.4` in standard ACLs, `0.0.0.0 255.255.255.255` as `any`. */
function normaliseAce(text: string, type: 'standard' | 'extended'): string {
  let t = text.replace(/\s+/g, ' ').trim();
  t = t.replace(/\b0\.0\.0\.0 255\.255\.255\.255\b/g, 'any');
  if (type === 'standard') t = t.replace(/^(permit|deny) host (\S+)/i, '$1 $2');
  t = t.replace(/^(permit|deny)\b/i, (m) => m.toLowerCase());
  return t;
}

function enterNamedAcl(c: C, a: Args) {
  const type = a.kw[2] === 'extended' ? 'extended' : 'standard';
  if (a.neg) {
    c.s.acls.delete(a.p.name);
    return touched(c);
  }
  if (!c.s.acls.has(a.p.name)) c.s.acls.set(a.p.name, { name: a.p.name, type, numbered: /^\d+$/.test(a.p.name), entries: [] });
  c.acl = a.p.name;
  c.mode = type === 'extended' ? 'config-ext-nacl' : 'config-std-nacl';
  touched(c);
}

function dhcpExcluded(c: C, a: Args) {
  c.s.dhcpExcluded = c.s.dhcpExcluded.filter((e) => !(e.low === a.p.low && e.high === a.p.high));
  if (!a.neg) c.s.dhcpExcluded.push({ low: a.p.low, ...(a.p.high ? { high: a.p.high } : {}) });
  touched(c);
}

function enterPool(c: C, a: Args) {
  if (a.neg) {
    c.s.dhcpPools.delete(a.p.name);
    return touched(c);
  }
  if (!c.s.dhcpPools.has(a.p.name)) c.s.dhcpPools.set(a.p.name, { name: a.p.name, defaultRouter: [], dns: [] });
  c.pool = a.p.name;
  c.mode = 'dhcp-config';
  touched(c);
}

function natLine(c: C, a: Args) {
  const l = `ip nat ${a.p.rest.replace(/\s+/g, ' ').trim()}`;
  c.s.nat = c.s.nat.filter((x) => x !== l);
  if (!a.neg) c.s.nat.push(l);
  touched(c);
}

function stpPriority(c: C, a: Args, prio: number) {
  if (prio % 4096 !== 0 || prio > 61440) return fail(c, '% Bridge Priority must be in increments of 4096.');
  for (const v of expandVlanList(a.p.ids)) {
    if (a.neg) c.s.stp.priorities.delete(v);
    else c.s.stp.priorities.set(v, prio);
  }
  touched(c);
}

// ---- interface configuration ---------------------------------------------------------------

const ifGrammar = new Grammar<C>([
  { pattern: 'description <text:rest>', run: (c, a) => eachIf(c, (i) => (i.description = a.neg ? undefined : a.p.text)) },
  { pattern: 'description', run: (c, a) => (a.neg ? eachIf(c, (i) => (i.description = undefined)) : fail(c, '% Incomplete command.')) },
  { pattern: 'shutdown', run: (c, a) => eachIf(c, (i) => (i.shutdown = !a.neg)) },
  { pattern: 'switchport', run: (c, a) => l2(c, (i) => (i.switchport = !a.neg)) },
  { pattern: 'switchport mode access|trunk', run: (c, a) => l2(c, (i) => (i.mode = a.neg ? undefined : (a.kw[2] as 'access'))) },
  { pattern: 'switchport mode dynamic auto|desirable', run: (c, a) => l2(c, (i) => (i.mode = a.neg ? undefined : (`dynamic ${a.kw[3]}` as 'dynamic auto'))) },
  { pattern: 'switchport access vlan <v:int>', run: (c, a) => accessVlan(c, a) },
  { pattern: 'switchport access vlan', run: (c, a) => (a.neg ? l2(c, (i) => (i.accessVlan = 1)) : fail(c, '% Incomplete command.')) },
  { pattern: 'switchport voice vlan <v:int>', run: (c, a) => l2(c, (i) => (i.voiceVlan = a.neg ? undefined : Number(a.p.v))) },
  { pattern: 'switchport trunk native vlan <v:int>', run: (c, a) => l2(c, (i) => (i.nativeVlan = a.neg ? 1 : Number(a.p.v))) },
  { pattern: 'switchport trunk native vlan', run: (c, a) => (a.neg ? l2(c, (i) => (i.nativeVlan = 1)) : fail(c, '% Incomplete command.')) },
  { pattern: 'switchport trunk allowed vlan <ids:vlans>', run: (c, a) => allowed(c, a, 'set') },
  { pattern: 'switchport trunk allowed vlan add|remove|except <ids:vlans>', run: (c, a) => allowed(c, a, a.kw[4] as 'add') },
  { pattern: 'switchport trunk allowed vlan all|none', run: (c, a) => l2(c, (i) => (i.allowed = a.kw[4] === 'all' || a.neg ? undefined : [])) },
  { pattern: 'switchport trunk allowed vlan', run: (c, a) => (a.neg ? l2(c, (i) => (i.allowed = undefined)) : fail(c, '% Incomplete command.')) },
  { pattern: 'switchport trunk encapsulation dot1q', run: () => {} },
  { pattern: 'switchport nonegotiate', run: (c, a) => l2(c, (i) => (i.nonegotiate = !a.neg)) },
  { pattern: 'switchport port-security', run: (c, a) => l2(c, (i) => (i.portSecurity.enabled = !a.neg)) },
  { pattern: 'switchport port-security maximum <n:int>', run: (c, a) => l2(c, (i) => (i.portSecurity.maximum = a.neg ? undefined : Number(a.p.n))) },
  { pattern: 'switchport port-security violation protect|restrict|shutdown', run: (c, a) => l2(c, (i) => (i.portSecurity.violation = a.neg ? undefined : (a.kw[3] as 'protect'))) },
  { pattern: 'switchport port-security mac-address sticky', run: (c, a) => l2(c, (i) => (i.portSecurity.sticky = !a.neg)) },
  { pattern: 'switchport port-security mac-address sticky <mac:word>', run: (c, a) => l2(c, (i) => listToggle(c, i.portSecurity.macs, a.p.mac, a.neg)) },
  { pattern: 'switchport port-security mac-address <mac:word>', run: (c, a) => l2(c, (i) => listToggle(c, i.portSecurity.macs, a.p.mac, a.neg)) },
  { pattern: 'ip address <ip:ip> <mask:ip>', run: (c, a) => ipAddress(c, a, false) },
  { pattern: 'ip address <ip:ip> <mask:ip> secondary', run: (c, a) => ipAddress(c, a, true) },
  { pattern: 'ip address dhcp', run: (c, a) => l3(c, (i) => ((i.dhcpClient = !a.neg), (i.addresses = []))) },
  { pattern: 'ip address', run: (c, a) => (a.neg ? l3(c, (i) => ((i.addresses = []), (i.dhcpClient = false))) : fail(c, '% Incomplete command.')) },
  { pattern: 'ip helper-address <ip:ip>', run: (c, a) => l3(c, (i) => listToggle(c, i.helpers, a.p.ip, a.neg)) },
  { pattern: 'ip nat inside|outside', run: (c, a) => l3(c, (i) => (i.nat = a.neg ? undefined : (a.kw[2] as 'inside'))) },
  { pattern: 'ip access-group <acl:word> in|out', run: (c, a) => l3(c, (i) => (i.accessGroup[a.kw[2] as 'in'] = a.neg ? undefined : a.p.acl)) },
  { pattern: 'ip ospf cost <n:int>', run: (c, a) => l3(c, (i) => (i.ospfCost = a.neg ? undefined : Number(a.p.n))) },
  { pattern: 'encapsulation dot1q|dot1Q <v:int>', run: (c, a) => subif(c, (i) => (i.encapsulation = a.neg ? undefined : { vlan: Number(a.p.v), native: false })) },
  { pattern: 'encapsulation dot1q|dot1Q <v:int> native', run: (c, a) => subif(c, (i) => (i.encapsulation = a.neg ? undefined : { vlan: Number(a.p.v), native: true })) },
  { pattern: 'spanning-tree portfast', run: (c, a) => eachIf(c, (i) => (i.portfast = !a.neg)) },
  { pattern: 'spanning-tree portfast edge', run: (c, a) => eachIf(c, (i) => (i.portfast = !a.neg)) },
  { pattern: 'spanning-tree bpduguard enable', run: (c, a) => eachIf(c, (i) => (i.bpduguard = !a.neg)) },
  { pattern: 'speed <v:word>', run: (c, a) => eachIf(c, (i) => (i.speed = a.neg || a.p.v === 'auto' ? undefined : a.p.v)) },
  { pattern: 'duplex full|half|auto', run: (c, a) => eachIf(c, (i) => (i.duplex = a.neg || a.kw[1] === 'auto' ? undefined : a.kw[1])) },
  { pattern: 'channel-group <n:int> mode active|passive|on|desirable|auto', run: (c, a) => channelGroup(c, a) },
  { pattern: 'standby <g:int> ip <ip:ip>', run: (c, a) => standby(c, a, (g) => (g.ip = a.neg ? undefined : a.p.ip)) },
  { pattern: 'standby <g:int> priority <n:int>', run: (c, a) => standby(c, a, (g) => (g.priority = a.neg ? undefined : Number(a.p.n))) },
  { pattern: 'standby <g:int> preempt', run: (c, a) => standby(c, a, (g) => (g.preempt = !a.neg)) },
  // Kept as the line IOS prints (` no cdp enable`, ` no lldp transmit`); read by the lab's neighbour discovery.
  { pattern: 'cdp enable', run: (c, a) => eachIf(c, (i) => ((i.extra = i.extra.filter((x) => x !== 'no cdp enable')), a.neg && i.extra.push('no cdp enable'))) },
  { pattern: 'lldp transmit|receive', run: (c, a) => eachIf(c, (i) => ((i.extra = i.extra.filter((x) => x !== `no lldp ${a.kw[1]}`)), a.neg && i.extra.push(`no lldp ${a.kw[1]}`))) },
  { pattern: 'negotiation auto', run: () => {} },
  { pattern: 'clock rate <n:int>', run: (c, a) => eachIf(c, (i) => ((i.extra = i.extra.filter((x) => !x.startsWith('clock rate'))), a.neg || i.extra.push(`clock rate ${a.p.n}`))) },
]);

function l2(c: C, fn: (i: Iface) => void) {
  const bad = c.ifs.some((n) => !c.s.interfaces.get(n)?.switchport && !(c.s.role === 'switch' && /^(Fast|Gigabit)Ethernet/.test(n)));
  if (bad) return fail(c, 'invalid');
  eachIf(c, fn);
}

function l3(c: C, fn: (i: Iface) => void) {
  const bad = c.ifs.some((n) => c.s.interfaces.get(n)?.switchport);
  if (bad) return fail(c, 'invalid');
  eachIf(c, fn);
}

function subif(c: C, fn: (i: Iface) => void) {
  if (c.ifs.some((n) => !n.includes('.'))) return fail(c, 'invalid');
  eachIf(c, fn);
}

function accessVlan(c: C, a: Args) {
  const v = Number(a.p.v);
  if (v < 1 || v > 4094) return fail(c, 'invalid');
  l2(c, (i) => (i.accessVlan = a.neg ? 1 : v));
  if (!a.neg && !c.s.vlans.has(v)) {
    c.out.push(`% Access VLAN does not exist. Creating vlan ${v}`);
    c.s.vlans.set(v, { name: `VLAN${String(v).padStart(4, '0')}` });
  }
}

function allowed(c: C, a: Args, op: 'set' | 'add' | 'remove' | 'except') {
  const ids = expandVlanList(a.p.ids);
  l2(c, (i) => {
    const all = Array.from({ length: 4094 }, (_, k) => k + 1);
    const cur = i.allowed ?? all;
    if (op === 'set') i.allowed = ids;
    else if (op === 'add') i.allowed = [...new Set([...cur, ...ids])].sort((x, y) => x - y);
    else if (op === 'remove') i.allowed = cur.filter((v) => !ids.includes(v));
    else i.allowed = all.filter((v) => !ids.includes(v));
    if (i.allowed.length === 4094) i.allowed = undefined;
  });
}

function ipAddress(c: C, a: Args, secondary: boolean) {
  l3(c, (i) => {
    if (a.neg) {
      i.addresses = i.addresses.filter((x) => x.ip !== a.p.ip);
      return;
    }
    i.dhcpClient = false;
    if (secondary) i.addresses.push({ ip: a.p.ip, mask: a.p.mask, secondary: true });
    else i.addresses = [{ ip: a.p.ip, mask: a.p.mask }, ...i.addresses.filter((x) => x.secondary)];
  });
}

function channelGroup(c: C, a: Args) {
  const g = Number(a.p.n);
  eachIf(c, (i) => (i.channelGroup = a.neg ? undefined : { group: g, mode: a.kw[2] }));
  if (!a.neg && !c.s.interfaces.has(`Port-channel${g}`)) {
    ensureIface(c.s, `Port-channel${g}`);
    c.out.push(`Creating a port-channel interface Port-channel ${g}`);
  }
}

function standby(c: C, a: Args, fn: (g: Iface['standby'][number]) => void) {
  eachIf(c, (i) => {
    const gid = Number(a.p.g);
    let g = i.standby.find((x) => x.group === gid);
    if (!g) {
      g = { group: gid, preempt: false };
      i.standby.push(g);
    }
    fn(g);
  });
}

// ---- other sub-modes -----------------------------------------------------------------------

const lineGrammar = new Grammar<C>([
  { pattern: 'transport input <rest:rest>', run: (c, a) => eachLine(c, (l) => (l.transportInput = a.neg ? undefined : a.p.rest.toLowerCase().split(/\s+/))) },
  { pattern: 'transport input', run: (c, a) => (a.neg ? eachLine(c, (l) => (l.transportInput = undefined)) : fail(c, '% Incomplete command.')) },
  { pattern: 'transport output <rest:rest>', run: () => {} },
  { pattern: 'login', run: (c, a) => eachLine(c, (l) => (l.login = a.neg ? undefined : 'login')) },
  { pattern: 'login local', run: (c, a) => eachLine(c, (l) => (l.login = a.neg ? undefined : 'local')) },
  { pattern: 'password <secret:word>', run: (c, a) => eachLine(c, (l) => (l.password = a.neg ? undefined : secretFrom(a, 0, c))) },
  { pattern: 'password <type:int> <secret:word>', run: (c, a) => eachLine(c, (l) => (l.password = secretFrom(a, 0, c))) },
  { pattern: 'password', run: (c, a) => (a.neg ? eachLine(c, (l) => (l.password = undefined)) : fail(c, '% Incomplete command.')) },
  { pattern: 'exec-timeout <m:int> <s:int?>', run: (c, a) => eachLine(c, (l) => (l.execTimeout = a.neg ? undefined : `${a.p.m} ${a.p.s ?? 0}`)) },
  { pattern: 'logging synchronous', run: (c, a) => eachLine(c, (l) => (l.loggingSync = !a.neg)) },
  { pattern: 'privilege level <n:int>', run: () => {} },
  { pattern: 'access-class <acl:word> in|out', run: (c, a) => eachLine(c, (l) => (l.accessClass = a.neg ? undefined : { acl: a.p.acl, dir: a.kw[1] as 'in' })) },
  { pattern: 'length <n:int>', run: () => {} },
]);

const vlanGrammar = new Grammar<C>([
  { pattern: 'name <name:word>', run: (c, a) => (c.vlanIds.forEach((v) => (c.s.vlans.get(v)!.name = a.neg ? `VLAN${String(v).padStart(4, '0')}` : a.p.name)), touched(c)) },
  { pattern: 'name', run: (c, a) => (a.neg ? c.vlanIds.forEach((v) => (c.s.vlans.get(v)!.name = `VLAN${String(v).padStart(4, '0')}`)) : fail(c, '% Incomplete command.')) },
  { pattern: 'shutdown', run: (c, a) => c.vlanIds.forEach((v) => (c.s.vlans.get(v)!.shutdown = !a.neg)) },
]);

const ospfGrammar = new Grammar<C>([
  { pattern: 'network <ip:ip> <wc:ip> area <area:word>', run: (c, a) => ospfNet(c, a) },
  { pattern: 'router-id <ip:ip>', run: (c, a) => ((ospf(c).routerId = a.neg ? undefined : a.p.ip), touched(c)) },
  { pattern: 'passive-interface <if:if>', run: (c, a) => listToggle(c, ospf(c).passive, a.p.if, a.neg) },
  { pattern: 'passive-interface default', run: (c, a) => listToggle(c, ospf(c).passive, 'default', a.neg) },
  { pattern: 'default-information originate', run: (c, a) => ((ospf(c).defaultOriginate = !a.neg), touched(c)) },
  { pattern: 'auto-cost reference-bandwidth <n:int>', run: () => {} },
  { pattern: 'log-adjacency-changes', run: () => {} },
]);

const ospf = (c: C) => c.s.ospf.get(c.ospfPid!)!;

function ospfNet(c: C, a: Args) {
  const o = ospf(c);
  o.networks = o.networks.filter((n) => !(n.ip === a.p.ip && n.wildcard === a.p.wc));
  if (!a.neg) o.networks.push({ ip: a.p.ip, wildcard: a.p.wc, area: a.p.area });
  touched(c);
}

function aclEntry(c: C, a: Args) {
  const acl = c.s.acls.get(c.acl!)!;
  const text = normaliseAce(`${a.kw[0]}${a.p.rest ? ' ' + a.p.rest : ''}`, acl.type);
  if (a.neg) acl.entries = acl.entries.filter((e) => e.text !== text);
  else addAce(acl, text, a.p.seq ? Number(a.p.seq) : undefined);
  touched(c);
}

const naclGrammar = new Grammar<C>([
  { pattern: 'permit|deny|remark <rest:rest>', run: aclEntry },
  { pattern: '<seq:int> permit|deny|remark <rest:rest>', run: (c, a) => aclEntry(c, { ...a, kw: a.kw }) },
]);

const dhcpGrammar = new Grammar<C>([
  { pattern: 'network <ip:ip> <mask:ip>', run: (c, a) => ((pool(c).network = a.neg ? undefined : { ip: a.p.ip, mask: a.p.mask }), touched(c)) },
  { pattern: 'default-router <rest:rest>', run: (c, a) => ((pool(c).defaultRouter = a.neg ? [] : a.p.rest.split(/\s+/)), touched(c)) },
  { pattern: 'dns-server <rest:rest>', run: (c, a) => ((pool(c).dns = a.neg ? [] : a.p.rest.split(/\s+/)), touched(c)) },
  { pattern: 'domain-name <name:word>', run: (c, a) => ((pool(c).domain = a.neg ? undefined : a.p.name), touched(c)) },
  { pattern: 'lease <rest:rest>', run: (c, a) => ((pool(c).lease = a.neg ? undefined : a.p.rest), touched(c)) },
]);

const pool = (c: C) => c.s.dhcpPools.get(c.pool!)!;

export const GRAMMARS: Record<ConfigMode, Grammar<C>> = {
  config: global,
  'config-if': ifGrammar,
  'config-if-range': ifGrammar,
  'config-subif': ifGrammar,
  'config-line': lineGrammar,
  'config-vlan': vlanGrammar,
  'config-router': ospfGrammar,
  'config-std-nacl': naclGrammar,
  'config-ext-nacl': naclGrammar,
  'dhcp-config': dhcpGrammar,
};

export type ApplyResult = { ok: true } | { ok: false; kind: 'invalid'; col: number } | { ok: false; kind: 'ambiguous'; text: string } | { ok: false; kind: 'incomplete' } | { ok: false; kind: 'message'; text: string };

/** Apply one configuration line in the context's current mode (falling back to global config like IOS). */
export function applyLine(c: C, raw: string): ApplyResult {
  const line = raw.replace(/\s+$/, '');
  if (c.banner) {
    bannerLine(c, line);
    return { ok: true };
  }
  const trimmed = line.trimStart();
  const lead = line.length - trimmed.length;
  if (!trimmed || trimmed.startsWith('!')) return { ok: true };
  let neg = false;
  let body = trimmed;
  let off = lead;
  const nm = /^(no|default)\s+/i.exec(trimmed);
  if (nm) {
    neg = true;
    body = trimmed.slice(nm[0].length);
    off += nm[0].length;
  }
  const tryIn = (mode: ConfigMode): ApplyResult | undefined => {
    const m = GRAMMARS[mode].match(body);
    if (m.kind !== 'ok') {
      if (m.kind === 'invalid') return { ok: false, kind: 'invalid', col: off + m.col };
      if (m.kind === 'ambiguous') return { ok: false, kind: 'ambiguous', text: trimmed.slice(0, nm ? nm[0].length : 0) + m.text };
      return { ok: false, kind: 'incomplete' };
    }
    const before = c.mode;
    c.mode = mode;
    c.fail = undefined;
    m.run(c, { ...m.args, neg });
    const f = c.fail as string | undefined;
    if (f) {
      c.fail = undefined;
      if (c.mode === mode && mode !== before && before !== 'config') c.mode = before;
      if (f.startsWith('%')) return { ok: false, kind: 'message', text: f };
      return { ok: false, kind: 'invalid', col: off + (body.indexOf(' ') > 0 ? body.indexOf(' ') + 1 : 0) };
    }
    return { ok: true };
  };
  const r = tryIn(c.mode)!;
  if (!r.ok && c.mode !== 'config' && (r.kind === 'invalid' || r.kind === 'incomplete')) {
    const g = tryIn('config');
    if (g?.ok) return g;
  }
  return r;
}

export function newConfigCtx(s: IosState): ConfigCtx {
  return { s, mode: 'config', ifs: [], lineKeys: [], vlanIds: [], out: [] };
}

/** Load a whole configuration text (startup-config, `copy`): returns lines that were refused. */
export function loadConfig(s: IosState, text: string): string[] {
  const c = newConfigCtx(s);
  const bad: string[] = [];
  for (const l of text.split(/\r?\n/)) {
    if (!c.banner && /^\s*end\s*$/.test(l)) break;
    if (!c.banner && /^(Building configuration|Current configuration|Last configuration change|NVRAM config last updated)/.test(l.trim())) continue;
    const r = applyLine(c, l);
    if (!r.ok) bad.push(l);
  }
  return bad;
}

// ---- rendering -----------------------------------------------------------------------------

function renderSecret(sec: Secret): string {
  return sec.type === 0 ? sec.value : `${sec.type} ${sec.value}`;
}

function renderIface(s: IosState, i: Iface): string[] {
  const o: string[] = [`interface ${i.name}`];
  if (i.description) o.push(` description ${i.description}`);
  if (i.encapsulation) o.push(` encapsulation dot1Q ${i.encapsulation.vlan}${i.encapsulation.native ? ' native' : ''}`);
  if (i.switchport) {
    if (i.mode === 'trunk' && i.nativeVlan !== 1) o.push(` switchport trunk native vlan ${i.nativeVlan}`);
    if (i.allowed) o.push(` switchport trunk allowed vlan ${i.allowed.length ? compressVlanList(i.allowed) : 'none'}`);
    else if (i.mode !== 'trunk' && i.nativeVlan !== 1) o.push(` switchport trunk native vlan ${i.nativeVlan}`);
    if (i.accessVlan !== 1) o.push(` switchport access vlan ${i.accessVlan}`);
    if (i.mode) o.push(` switchport mode ${i.mode}`);
    if (i.nonegotiate) o.push(' switchport nonegotiate');
    if (i.voiceVlan) o.push(` switchport voice vlan ${i.voiceVlan}`);
    const ps = i.portSecurity;
    if (ps.enabled) o.push(' switchport port-security');
    if (ps.maximum !== undefined) o.push(` switchport port-security maximum ${ps.maximum}`);
    if (ps.violation && ps.violation !== 'shutdown') o.push(` switchport port-security violation ${ps.violation}`);
    if (ps.sticky) o.push(' switchport port-security mac-address sticky');
    for (const m of ps.macs) o.push(` switchport port-security mac-address ${ps.sticky ? 'sticky ' : ''}${m}`);
  } else if (!i.name.startsWith('Loopback') || i.addresses.length || i.dhcpClient) {
    for (const a of i.addresses) o.push(` ip address ${a.ip} ${a.mask}${a.secondary ? ' secondary' : ''}`);
    if (i.dhcpClient) o.push(' ip address dhcp');
    if (!i.addresses.length && !i.dhcpClient) o.push(' no ip address');
    for (const h of i.helpers) o.push(` ip helper-address ${h}`);
    if (i.accessGroup.in) o.push(` ip access-group ${i.accessGroup.in} in`);
    if (i.accessGroup.out) o.push(` ip access-group ${i.accessGroup.out} out`);
    if (i.nat) o.push(` ip nat ${i.nat}`);
    if (i.ospfCost !== undefined) o.push(` ip ospf cost ${i.ospfCost}`);
    for (const g of i.standby) {
      if (g.ip) o.push(` standby ${g.group} ip ${g.ip}`);
      if (g.priority !== undefined) o.push(` standby ${g.group} priority ${g.priority}`);
      if (g.preempt) o.push(` standby ${g.group} preempt`);
    }
  } else o.push(' no ip address');
  if (i.shutdown) o.push(' shutdown');
  for (const x of i.extra) o.push(` ${x}`);
  if (s.role === 'router' && /^(Gigabit|Fast)Ethernet\d+\/\d+$/.test(i.name)) {
    if (i.duplex || i.speed) {
      if (i.duplex) o.push(` duplex ${i.duplex}`);
      if (i.speed) o.push(` speed ${i.speed}`);
    } else o.push(' duplex auto', ' speed auto');
  } else {
    if (i.duplex) o.push(` duplex ${i.duplex}`);
    if (i.speed) o.push(` speed ${i.speed}`);
  }
  if (i.channelGroup) o.push(` channel-group ${i.channelGroup.group} mode ${i.channelGroup.mode}`);
  if (i.portfast) o.push(' spanning-tree portfast');
  if (i.bpduguard) o.push(' spanning-tree bpduguard enable');
  return o;
}

function renderLine(name: string, l: Line): string[] {
  const o = [name];
  if (l.accessClass) o.push(` access-class ${l.accessClass.acl} ${l.accessClass.dir}`);
  if (l.execTimeout) o.push(` exec-timeout ${l.execTimeout}`);
  if (l.password) o.push(` password ${renderSecret(l.password)}`);
  if (l.loggingSync) o.push(' logging synchronous');
  if (l.login) o.push(l.login === 'local' ? ' login local' : ' login');
  if (l.transportInput) o.push(` transport input ${l.transportInput.join(' ')}`);
  return o;
}

function renderBanner(kind: string, text: string): string[] {
  return [`banner ${kind} ^C${text}^C`];
}

export function renderConfig(s: IosState, kind: 'running' | 'startup' = 'running'): string {
  const o: string[] = [];
  o.push('!');
  if (s.lastChange && kind === 'running') o.push(`! Last configuration change at ${iosTime(new Date(s.lastChange))}`);
  o.push(`version ${s.version.split('(')[0]}`);
  o.push('no service pad', 'service timestamps debug datetime msec', 'service timestamps log datetime msec');
  o.push(s.servicePasswordEncryption ? 'service password-encryption' : 'no service password-encryption');
  o.push('!', `hostname ${s.hostname}`, '!', 'boot-start-marker', 'boot-end-marker', '!');
  if (s.enableSecret) o.push(`enable secret ${renderSecret(s.enableSecret)}`);
  if (s.enablePassword) o.push(`enable password ${renderSecret(s.enablePassword)}`);
  if (s.enableSecret || s.enablePassword) o.push('!');
  for (const [name, u] of s.users) o.push(`username ${name}${u.privilege !== undefined && u.privilege !== 1 ? ` privilege ${u.privilege}` : ''} ${u.kind} ${renderSecret(u.secret)}`);
  o.push('no aaa new-model');
  if (s.role === 'switch') o.push('system mtu routing 1500');
  if (s.ipRouting && s.role === 'switch') o.push('ip routing');
  for (const e of s.dhcpExcluded) o.push(`ip dhcp excluded-address ${e.low}${e.high ? ' ' + e.high : ''}`);
  if (s.dhcpExcluded.length) o.push('!');
  for (const p of s.dhcpPools.values()) {
    o.push(`ip dhcp pool ${p.name}`);
    if (p.network) o.push(` network ${p.network.ip} ${p.network.mask}`);
    if (p.defaultRouter.length) o.push(` default-router ${p.defaultRouter.join(' ')}`);
    if (p.dns.length) o.push(` dns-server ${p.dns.join(' ')}`);
    if (p.domain) o.push(` domain-name ${p.domain}`);
    if (p.lease) o.push(` lease ${p.lease}`);
    o.push('!');
  }
  if (!s.domainLookup) o.push('no ip domain-lookup');
  if (s.domainName) o.push(`ip domain-name ${s.domainName}`);
  if (s.role === 'router') o.push('ip cef', 'no ipv6 cef');
  o.push('!');
  if (s.vtpMode === 'transparent' || s.vtpMode === 'off') o.push(`vtp mode ${s.vtpMode}`);
  if (s.role === 'switch') {
    o.push(`spanning-tree mode ${s.stp.mode}`);
    if (s.stp.portfastDefault) o.push('spanning-tree portfast default');
    o.push('spanning-tree extend system-id');
    const byPrio = new Map<number, number[]>();
    for (const [v, p] of s.stp.priorities) byPrio.set(p, [...(byPrio.get(p) ?? []), v]);
    for (const [p, vs] of byPrio) o.push(`spanning-tree vlan ${compressVlanList(vs)} priority ${p}`);
    o.push('!', 'vlan internal allocation policy ascending', '!');
    if (s.vtpMode === 'transparent' || s.vtpMode === 'off') {
      for (const [id, v] of [...s.vlans].sort((a, b) => a[0] - b[0])) {
        if (id === 1 || id >= 1002) continue;
        o.push(`vlan ${id}`);
        if (v.name !== `VLAN${String(id).padStart(4, '0')}`) o.push(` name ${v.name}`);
        o.push('!');
      }
    }
  }
  if (s.ipSshVersion) o.push(`ip ssh version ${s.ipSshVersion}`);
  o.push('!');
  for (const i of sortedIfaces(s)) o.push(...renderIface(s, i), '!');
  for (const [pid, r] of s.ospf) {
    o.push(`router ospf ${pid}`);
    if (r.routerId) o.push(` router-id ${r.routerId}`);
    for (const p of r.passive) o.push(` passive-interface ${p}`);
    for (const n of r.networks) o.push(` network ${n.ip} ${n.wildcard} area ${n.area}`);
    if (r.defaultOriginate) o.push(' default-information originate');
    o.push('!');
  }
  if (s.defaultGateway) o.push(`ip default-gateway ${s.defaultGateway}`);
  o.push(s.httpServer ? 'ip http server' : 'no ip http server');
  if (s.httpServer) o.push('ip http secure-server');
  for (const n of s.nat) o.push(n);
  for (const r of s.routes) o.push(`ip route ${r.prefix} ${r.mask} ${r.via}${r.ad ? ' ' + r.ad : ''}`);
  o.push('!');
  for (const acl of s.acls.values()) {
    if (acl.numbered) continue;
    o.push(`ip access-list ${acl.type} ${acl.name}`);
    for (const e of acl.entries) o.push(` ${e.text}`);
  }
  for (const h of s.logging.hosts) o.push(`logging host ${h}`);
  if (s.logging.trap) o.push(`logging trap ${s.logging.trap}`);
  for (const acl of s.acls.values()) if (acl.numbered) for (const e of acl.entries) o.push(`access-list ${acl.name} ${e.text}`);
  for (const c of s.snmp.communities) o.push(`snmp-server community ${c.name} ${c.access}${c.acl ? ' ' + c.acl : ''}`);
  if (s.snmp.location) o.push(`snmp-server location ${s.snmp.location}`);
  if (s.snmp.contact) o.push(`snmp-server contact ${s.snmp.contact}`);
  for (const g of s.snmp.groups) o.push(`snmp-server group ${g.name} ${g.model}${g.level ? ' ' + g.level : ''}`);
  for (const h of s.snmp.hosts) o.push(`snmp-server host ${h.host}${h.version ? ' version ' + h.version : ''} ${h.community}`);
  for (const x of s.extraGlobal) o.push(x);
  if (!s.cdpRun) o.push('no cdp run');
  if (s.lldpRun) o.push('lldp run');
  o.push('!');
  if (s.bannerLogin !== undefined) o.push(...renderBanner('login', s.bannerLogin));
  if (s.bannerMotd !== undefined) o.push(...renderBanner('motd', s.bannerMotd));
  o.push('!');
  o.push(...renderLine('line con 0', s.lines.con));
  if (s.role === 'router') o.push('line aux 0');
  o.push(...renderLine('line vty 0 4', s.lines.vty));
  o.push(...renderLine(s.role === 'switch' ? 'line vty 5 15' : 'line vty 5 15', s.lines.vty2));
  o.push('!');
  for (const n of s.ntpServers) o.push(`ntp server ${n}`);
  o.push('end');
  const body = o.join('\n') + '\n';
  const bytes = Buffer.byteLength(body);
  const head = kind === 'running' ? `Building configuration...\n\nCurrent configuration : ${bytes} bytes\n` : `Using ${bytes} out of 65536 bytes\n`;
  return head + body;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export function iosTime(d: Date, withMs = false): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${withMs ? '.' + String(d.getUTCMilliseconds()).padStart(3, '0') : ''} UTC ${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

export { secretFrom as _secretFrom };
