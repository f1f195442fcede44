// show access-lists / show ip access-lists, and the ACE grammar shared with running-config.
import { cleanLines, expect } from './util.js';

export interface AclAddress {
  kind: 'any' | 'host' | 'network' | 'object-group';
  address?: string;
  wildcard?: string;
  name?: string;
  /** As printed (`host 1.1.1.1`, `10.0.0.0 0.0.0.255`, `10.0.0.0, wildcard bits 0.0.0.255`). */
  text: string;
}

export interface AclPorts {
  op: string; // eq, neq, gt, lt, range
  ports: string[];
}

export interface Ace {
  sequence?: number;
  action: 'permit' | 'deny';
  /** '' for standard ACLs. */
  protocol: string;
  source: AclAddress;
  sourcePorts?: AclPorts;
  destination?: AclAddress;
  destinationPorts?: AclPorts;
  icmpType?: string;
  tcpFlags?: string;
  flagsMatch?: string;
  log?: string;
  logTag?: string;
  timeRange?: string;
  timeRangeState?: string;
  /** Everything after the addresses/ports, as printed (`log`, `established`, `tos normal`). */
  modifiers: string;
  matches?: number;
}

export interface AccessList {
  name: string;
  /** Standard, Extended, Reflexive, Role-based, ... */
  type: string;
  /** IP, IPv6, MAC. */
  family: string;
  entries: Ace[];
}

const IP = /^\d+\.\d+\.\d+\.\d+,?$/;
const PORT_OPS = new Set(['eq', 'neq', 'gt', 'lt', 'range']);
const MODIFIER_START = new Set([
  'log',
  'log-input',
  'established',
  'tos',
  'dscp',
  'precedence',
  'fragments',
  'time-range',
  'match-all',
  'match-any',
  'ttl',
  'option',
  'reflect',
  'ack',
  'fin',
  'psh',
  'rst',
  'syn',
  'urg',
]);

function isAddrStart(t: string | undefined): boolean {
  return t !== undefined && (t === 'any' || t === 'host' || t === 'object-group' || IP.test(t) || t === 'addrgroup');
}

/** Parse an address at tokens[i]; returns the address and the next index. */
function address(tokens: string[], i: number): [AclAddress, number] {
  const t = tokens[i];
  if (t === 'any') return [{ kind: 'any', text: 'any' }, i + 1];
  if (t === 'host') return [{ kind: 'host', address: tokens[i + 1], text: `host ${tokens[i + 1]}` }, i + 2];
  if (t === 'object-group' || t === 'addrgroup') return [{ kind: 'object-group', name: tokens[i + 1], text: `${t} ${tokens[i + 1]}` }, i + 2];
  if (IP.test(t)) {
    const a = t.replace(/,$/, '');
    // standard ACL display: `10.0.0.0, wildcard bits 0.0.0.255`
    if (t.endsWith(',') && tokens[i + 1] === 'wildcard' && tokens[i + 2] === 'bits') return [{ kind: 'network', address: a, wildcard: tokens[i + 3], text: `${a}, wildcard bits ${tokens[i + 3]}` }, i + 4];
    if (IP.test(tokens[i + 1] ?? '') && !/,$/.test(tokens[i + 1])) return [{ kind: 'network', address: a, wildcard: tokens[i + 1], text: `${a} ${tokens[i + 1]}` }, i + 2];
    return [{ kind: 'host', address: a, text: a }, i + 1];
  }
  throw new Error(`not an address: '${t ?? ''}'`);
}

function ports(tokens: string[], i: number): [AclPorts | undefined, number] {
  const op = tokens[i];
  if (!PORT_OPS.has(op)) return [undefined, i];
  if (op === 'range') return [{ op, ports: [tokens[i + 1], tokens[i + 2]] }, i + 3];
  if (op !== 'eq' && op !== 'neq') return [{ op, ports: [tokens[i + 1]] }, i + 2];
  const list: string[] = [];
  let j = i + 1;
  // eq/neq may list several ports: `eq www whois uucp domain ident`
  while (j < tokens.length && !isAddrStart(tokens[j]) && !MODIFIER_START.has(tokens[j]) && !tokens[j].startsWith('(') && (list.length === 0 || !PORT_OPS.has(tokens[j]))) list.push(tokens[j++]);
  return [{ op, ports: list }, j];
}

/** Parse one ACE as shown by `show access-lists` or as configured (`permit tcp any host 1.1.1.1 eq 22`). */
export function parseAce(text: string, standard = false): Ace {
  let s = text.trim();
  let matches: number | undefined;
  const mm = /\s*\((\d+) match(?:es)?\)\s*$/.exec(s);
  if (mm) {
    matches = Number(mm[1]);
    s = s.slice(0, mm.index);
  }
  const tokens = s.split(/\s+/);
  let i = 0;
  let sequence: number | undefined;
  if (/^\d+$/.test(tokens[0])) sequence = Number(tokens[i++]);
  const action = tokens[i++];
  if (action !== 'permit' && action !== 'deny') throw new Error(`expected permit/deny, got '${action}'`);
  let protocol = '';
  if (!isAddrStart(tokens[i])) protocol = tokens[i++];
  else if (!standard && !isAddrStart(tokens[i])) protocol = tokens[i++];
  const [source, i2] = address(tokens, i);
  i = i2;
  const ace: Ace = { sequence, action, protocol, source, modifiers: '', ...(matches !== undefined ? { matches } : {}) };
  if (protocol) {
    const [sp, i3] = ports(tokens, i);
    if (sp) ace.sourcePorts = sp;
    i = i3;
    if (isAddrStart(tokens[i])) {
      const [dst, i4] = address(tokens, i);
      ace.destination = dst;
      i = i4;
      const [dp, i5] = ports(tokens, i);
      if (dp) ace.destinationPorts = dp;
      i = i5;
    }
  }
  const rest = tokens.slice(i);
  ace.modifiers = rest.join(' ');
  // structured modifiers
  let k = 0;
  if (protocol === 'icmp' && rest[0] && !MODIFIER_START.has(rest[0])) ace.icmpType = rest[k++];
  const flags: string[] = [];
  for (; k < rest.length; k++) {
    const r = rest[k];
    if (r === 'log' || r === 'log-input') {
      ace.log = r;
      const tag = /^\(tag = (\S+)\)$/.exec(rest.slice(k + 1, k + 4).join(' '));
      if (tag) {
        ace.logTag = tag[1];
        k += 3;
      } else if (rest[k + 1] && !MODIFIER_START.has(rest[k + 1]) && !/^\(/.test(rest[k + 1]) && rest[k + 1] !== 'time-range') ace.logTag = rest[++k];
    } else if (r === 'time-range') {
      ace.timeRange = rest[++k];
      const st = /^\((\w+)\)$/.exec(rest[k + 1] ?? '');
      if (st) {
        ace.timeRangeState = st[1];
        k++;
      }
    } else if (r === 'match-all' || r === 'match-any') ace.flagsMatch = r;
    else if (/^[+-]?(ack|fin|psh|rst|syn|urg)$/.test(r) || r === 'established') flags.push(r);
  }
  if (flags.length) ace.tcpFlags = flags.join(' ');
  return ace;
}

export function parseShowAccessLists(raw: string): AccessList[] {
  const lines = cleanLines(raw);
  const out: AccessList[] = [];
  let cur: AccessList | undefined;
  for (const line of lines) {
    const t = line.trim();
    if (!t) continue;
    const h = /^(?:(Standard|Extended|Reflexive|Role-based|Dynamic)\s+)?(IP|IPv6|MAC)?\s*access list\s+(\S+)/i.exec(t);
    if (h) {
      cur = { name: h[3], type: h[1] ?? '', family: h[2] ?? '', entries: [] };
      out.push(cur);
      continue;
    }
    expect(cur, 'show access-lists', `unexpected line '${t.slice(0, 60)}' before the first "... access list NAME"`);
    if (!/^(\d+\s+)?(permit|deny)\b/.test(t)) continue; // `Contains 0 entries`, remarks, dynamic entries
    try {
      cur.entries.push(parseAce(t, /standard/i.test(cur.type)));
    } catch (err) {
      throw new Error(`not 'show access-lists' output: ${(err as Error).message} in '${t.slice(0, 60)}'`);
    }
  }
  return out;
}
