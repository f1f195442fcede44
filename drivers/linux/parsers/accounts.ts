// Accounts: passwd/group/shadow databases (getent or the files), chage -l, sudo -l -U, login.defs,
// PAM stacks and pwquality.conf. Password hashes never leave the parser: only their type/state.
import { int, lines } from './util.js';

export interface PasswdEntry {
  username: string;
  uid: number;
  gid: number;
  comment: string;
  home: string;
  shell: string;
}

export function parsePasswd(raw: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const l of lines(raw)) {
    if (!l || l.startsWith('#')) continue;
    const f = l.split(':');
    if (f.length < 7) continue;
    out.push({ username: f[0]!, uid: Number(f[2]), gid: Number(f[3]), comment: f[4]!, home: f[5]!, shell: f.slice(6).join(':') });
  }
  return out;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export function parseGroup(raw: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const l of lines(raw)) {
    if (!l || l.startsWith('#')) continue;
    const f = l.split(':');
    if (f.length < 4) continue;
    out.push({ name: f[0]!, gid: Number(f[2]), members: f[3] ? f[3].split(',').map((m) => m.trim()).filter(Boolean) : [] });
  }
  return out;
}

const HASH_TYPES: Record<string, string> = { '1': 'md5', '2a': 'bcrypt', '2b': 'bcrypt', '2y': 'bcrypt', '5': 'sha256', '6': 'sha512', y: 'yescrypt', gy: 'gost-yescrypt', '7': 'scrypt' };

export interface ShadowEntry {
  username: string;
  /** P = usable password, L = locked (or no login password, `*`/`!`), NP = empty password. */
  status: 'P' | 'L' | 'NP';
  /** Algorithm of the (possibly locked) hash, e.g. `yescrypt`, `sha512`; never the hash itself. */
  hashType?: string;
  lastChanged?: number;
  minimum?: number;
  maximum?: number;
  warn?: number;
  inactive?: number;
  expire?: number;
}

/** Summarise the password field: state and algorithm only. */
export function passwordState(h: string): Pick<ShadowEntry, 'status' | 'hashType'> {
  if (h === '') return { status: 'NP' };
  const m = /^(!*)\$([^$]+)\$/.exec(h);
  const hashType = m ? (HASH_TYPES[m[2]!] ?? m[2]) : /^[!*]+$/.test(h) ? undefined : h.replace(/^!+/, '').length === 13 ? 'des' : undefined;
  const locked = h.startsWith('!') || h.startsWith('*');
  return { status: locked ? 'L' : 'P', ...(hashType ? { hashType } : {}) };
}

/**
 * /etc/shadow lines (or `getent shadow`), either real or already summarised by the driver's awk
 * (field 2 cut to `!$6$`). The hash is dropped here.
 */
export function parseShadow(raw: string): ShadowEntry[] {
  const out: ShadowEntry[] = [];
  for (const l of lines(raw)) {
    if (!l || l.startsWith('#')) continue;
    const f = l.split(':');
    if (f.length < 8) continue;
    out.push({
      username: f[0]!,
      ...passwordState(f[1]!),
      ...opt('lastChanged', int(f[2])),
      ...opt('minimum', int(f[3])),
      ...opt('maximum', int(f[4])),
      ...opt('warn', int(f[5])),
      ...opt('inactive', int(f[6])),
      ...opt('expire', int(f[7])),
    });
  }
  return out;
}

function opt<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: V };
}

export interface Chage {
  passwordLastChanged: string;
  passwordExpires: string;
  passwordInactive: string;
  accountExpires: string;
  minDays?: number;
  maxDays?: number;
  warnDays?: number;
}

/** `chage -l user` (C locale). */
export function parseChage(raw: string): Chage {
  const kv: Record<string, string> = {};
  for (const l of lines(raw)) {
    const i = l.indexOf(':');
    if (i < 0) continue;
    kv[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  if (!('password expires' in kv)) throw new Error('chage -l: geen "Password expires" regel');
  return {
    passwordLastChanged: kv['last password change'] ?? '',
    passwordExpires: kv['password expires'] ?? '',
    passwordInactive: kv['password inactive'] ?? '',
    accountExpires: kv['account expires'] ?? '',
    ...opt('minDays', int(kv['minimum number of days between password change'])),
    ...opt('maxDays', int(kv['maximum number of days between password change'])),
    ...opt('warnDays', int(kv['number of days of warning before password expires'])),
  };
}

export interface SudoRule {
  runAs: string;
  nopasswd: boolean;
  commands: string[];
}
export interface SudoRights {
  user: string;
  exists: boolean;
  allowed: boolean;
  all: boolean;
  rules: SudoRule[];
}

/** `sudo -l -U user`. */
export function parseSudoList(raw: string, user = ''): SudoRights {
  const ls = lines(raw);
  const text = ls.join('\n');
  const who = /User (\S+) (?:may run|is not allowed)/.exec(text)?.[1] ?? user;
  if (/unknown user/i.test(text)) return { user, exists: false, allowed: false, all: false, rules: [] };
  if (/is not allowed to run sudo/.test(text)) return { user: who, exists: true, allowed: false, all: false, rules: [] };
  const start = ls.findIndex((l) => /may run the following commands/.test(l));
  if (start < 0) throw new Error('sudo -l: onbekende uitvoer (geen "may run the following commands" of "is not allowed")');
  const rules: SudoRule[] = [];
  let cur: SudoRule | undefined;
  for (const l of ls.slice(start + 1)) {
    const t = l.trim();
    if (!t) continue;
    const m = /^\(([^)]*)\)\s*(.*)$/.exec(t);
    let spec: string;
    if (m) {
      cur = { runAs: m[1]!.trim(), nopasswd: false, commands: [] };
      rules.push(cur);
      spec = m[2]!;
    } else if (cur) spec = t;
    else continue;
    // Tags: NOPASSWD:, PASSWD:, SETENV:, NOEXEC: …
    for (let tm; (tm = /^([A-Z_]+):\s*/.exec(spec)); spec = spec.slice(tm[0].length)) if (tm[1] === 'NOPASSWD') cur.nopasswd = true;
    cur.commands.push(...spec.split(/,\s*/).map((c) => c.trim()).filter(Boolean));
  }
  return { user: who, exists: true, allowed: rules.length > 0, all: rules.some((r) => r.commands.includes('ALL')), rules };
}

/** /etc/login.defs: `KEY value`. */
export function parseLoginDefs(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines(raw)) {
    const t = l.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^(\S+)\s+(.*)$/.exec(t);
    if (m) out[m[1]!] = m[2]!.trim();
  }
  return out;
}

export interface PamLine {
  type: string;
  control: string;
  module: string;
  args: Record<string, string | true>;
}

/** A PAM stack file (/etc/pam.d/common-password, system-auth). `@include` lines are kept as type `@include`. */
export function parsePam(raw: string): PamLine[] {
  const out: PamLine[] = [];
  for (const l of lines(raw)) {
    const t = l.trim();
    if (!t || t.startsWith('#')) continue;
    if (t.startsWith('@include')) {
      out.push({ type: '@include', control: '', module: t.split(/\s+/)[1] ?? '', args: {} });
      continue;
    }
    const m = /^-?(\S+)\s+(\[[^\]]*\]|\S+)\s+(\S+)\s*(.*)$/.exec(t);
    if (!m) continue;
    const args: Record<string, string | true> = {};
    for (const a of m[4]!.split(/\s+/).filter(Boolean)) {
      const i = a.indexOf('=');
      if (i > 0) args[a.slice(0, i)] = a.slice(i + 1);
      else args[a] = true;
    }
    out.push({ type: m[1]!, control: m[2]!, module: m[3]!.replace(/^.*\//, ''), args });
  }
  return out;
}

/** /etc/security/pwquality.conf: `key = value`. */
export function parsePwquality(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines(raw)) {
    const t = l.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^([A-Za-z_]+)\s*(?:=\s*(.*))?$/.exec(t);
    if (m) out[m[1]!] = (m[2] ?? 'true').trim();
  }
  return out;
}
