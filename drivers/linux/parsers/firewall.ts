// Firewalls: `iptables-save`, `iptables -L [-n] [-v] [--line-numbers]`, `ufw status [verbose|numbered]`,
// `nft -j list ruleset`, and one normalised view (default input policy + input rules) over them.
import { json, lines } from './util.js';

export type PortRange = [number, number];

/** One rule, normalised across backends (input direction unless chain says otherwise). */
export interface FwRule {
  chain: string;
  action: string; // accept | drop | reject | limit | jump:<chain> | return | log | other
  proto?: string;
  dports?: PortRange[];
  source?: string;
  iface?: string;
  states?: string[];
  family?: 'ipv4' | 'ipv6';
  /** The rule matches every packet (a catch-all `drop`/`reject` at the end of a chain). */
  unconditional?: boolean;
  text: string;
}

// ---------- iptables-save ----------
export interface IptChain {
  policy?: string;
  rules: IptSaveRule[];
}
export interface IptSaveRule extends FwRule {
  target?: string;
  args: string[];
}
export type IptablesSave = Record<string, Record<string, IptChain>>;

/** Tokenise an iptables-save rule line (quotes for comments). */
function tokens(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m; (m = re.exec(s)); ) out.push(m[1] !== undefined ? m[1].replace(/\\"/g, '"') : m[2]!);
  return out;
}

export function parsePorts(s: string): PortRange[] {
  return s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [a, b] = p.split(/[:-]/);
      return [Number(a), Number(b ?? a)] as PortRange;
    })
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
}

export function parseIptablesSave(raw: string): IptablesSave {
  const out: IptablesSave = {};
  let table: Record<string, IptChain> | undefined;
  for (const l of lines(raw)) {
    const t = l.trim();
    if (!t || t.startsWith('#')) continue;
    if (t.startsWith('*')) {
      table = out[t.slice(1)] = {};
      continue;
    }
    if (t === 'COMMIT') continue;
    if (!table) continue;
    if (t.startsWith(':')) {
      const [name, policy] = t.slice(1).split(/\s+/);
      table[name!] = { ...(policy && policy !== '-' ? { policy: policy.toLowerCase() } : {}), rules: [] };
      continue;
    }
    if (t.startsWith('-A ')) {
      const a = tokens(t);
      const chain = a[1]!;
      const rule: IptSaveRule = { chain, action: 'other', args: a.slice(2), text: t };
      let neg = false;
      for (let i = 2; i < a.length; i++) {
        const k = a[i]!;
        const v = a[i + 1];
        if (k === '!') {
          neg = true;
          continue;
        }
        switch (k) {
          case '-p': case '--protocol': if (!neg) rule.proto = v; i++; break;
          case '-s': case '--source': if (!neg) rule.source = v; i++; break;
          case '-i': case '--in-interface': if (!neg) rule.iface = v; i++; break;
          case '--dport': case '--destination-port': case '--dports': case '--destination-ports': if (!neg && v) rule.dports = parsePorts(v); i++; break;
          case '--state': case '--ctstate': if (v) rule.states = v.toLowerCase().split(','); i++; break;
          case '-j': case '-g': rule.target = v; i++; break;
          default: break;
        }
        neg = false;
      }
      rule.action = actionOf(rule.target);
      const matches = a.slice(2).filter((x, i, all) => !['-j', '-g', '--reject-with', '-m', '--comment'].includes(x) && !['-j', '-g', '--reject-with', '--comment'].includes(all[i - 1] ?? '') && !(x === 'comment' && all[i - 1] === '-m'));
      if (!matches.length) rule.unconditional = true;
      (table[chain] ??= { rules: [] }).rules.push(rule);
    }
  }
  if (!Object.keys(out).length && lines(raw).some((l) => l.trim() && !l.startsWith('#'))) throw new Error('iptables-save: geen *tabel gevonden');
  return out;
}

function actionOf(target: string | undefined): string {
  if (!target) return 'none';
  const t = target.toUpperCase();
  if (t === 'ACCEPT' || t === 'DROP' || t === 'REJECT' || t === 'RETURN' || t === 'LOG') return t.toLowerCase();
  return `jump:${target}`;
}

// ---------- iptables -L ----------
export interface IptListRule {
  num?: number;
  pkts?: number;
  bytes?: number;
  target: string;
  prot: string;
  opt: string | null;
  in?: string;
  out?: string;
  source: string;
  destination: string;
  options?: string;
}
export interface IptListChain {
  chain: string;
  policy?: string;
  references?: number;
  rules: IptListRule[];
}

export function siNumber(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMGT]?)$/.exec(s);
  if (!m) return Number(s);
  return Math.round(Number(m[1]) * { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] as '']);
}

export function parseIptablesList(raw: string): IptListChain[] {
  const out: IptListChain[] = [];
  let cur: IptListChain | undefined;
  let cols: string[] = [];
  for (const l of lines(raw)) {
    if (!l.trim()) continue;
    const ch = /^Chain (\S+) \((?:policy (\S+)(?:.*)?|(\d+) references)\)/.exec(l);
    if (ch) {
      cur = { chain: ch[1]!, ...(ch[2] ? { policy: ch[2] } : {}), ...(ch[3] ? { references: Number(ch[3]) } : {}), rules: [] };
      out.push(cur);
      continue;
    }
    if (/^\s*(num\s+)?(pkts\s+bytes\s+)?target\s+prot\s+opt/.test(l)) {
      cols = l.trim().split(/\s+/);
      continue;
    }
    if (!cur || !cols.length) continue;
    const w = l.trim().split(/\s+/);
    const r: Record<string, string> = {};
    let wi = 0;
    for (const c of cols) {
      // An empty target column: the token is already a protocol.
      if (c === 'target' && /^(all|tcp|udp|icmp|ipv6-icmp|icmpv6|esp|ah|sctp|gre|\d+)$/.test(w[wi] ?? '') && /^(--|!?[a-z-]{2})$/.test(w[wi + 1] ?? '') === false && /^(--|-f|!f)$/.test(w[wi + 2] ?? '')) {
        r.target = '';
        continue;
      }
      r[c] = w[wi++] ?? '';
    }
    const options = w.slice(wi).join(' ');
    out[out.length - 1]!.rules.push({
      ...(r.num !== undefined ? { num: Number(r.num) } : {}),
      ...(r.pkts !== undefined ? { pkts: siNumber(r.pkts) } : {}),
      ...(r.bytes !== undefined ? { bytes: siNumber(r.bytes) } : {}),
      target: r.target ?? '',
      prot: r.prot ?? '',
      opt: !r.opt || r.opt === '--' ? null : r.opt,
      ...(r.in !== undefined ? { in: r.in } : {}),
      ...(r.out !== undefined ? { out: r.out } : {}),
      source: r.source ?? '',
      destination: r.destination ?? '',
      ...(options ? { options } : {}),
    });
  }
  if (!out.length) throw new Error('iptables -L: geen "Chain" regels');
  return out;
}

// ---------- ufw ----------
export interface UfwEndpoint {
  address: string; // 'any' or an address/prefix
  ports: number[];
  ranges: PortRange[];
  transport: string; // tcp | udp | any | ipv6 | esp | ah | …
  service?: string;
  iface?: string;
}
export interface UfwRule {
  index?: number;
  to: UfwEndpoint;
  action: string; // ALLOW | DENY | REJECT | LIMIT
  direction: string; // IN | OUT | FWD
  from: UfwEndpoint;
  v6: boolean;
  comment?: string;
}
export interface UfwStatus {
  active: boolean;
  logging?: string;
  defaults: Record<string, string>; // incoming/outgoing/routed → deny|allow|reject|disabled
  rules: UfwRule[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*(\/\d{1,3})?$/i;
const PORTS = /^\d+(:\d+)?(,\d+(:\d+)?)*$/;

function endpoint(s: string): UfwEndpoint & { v6?: boolean } {
  let text = s.trim();
  const e: UfwEndpoint & { v6?: boolean } = { address: 'any', ports: [], ranges: [], transport: 'any' };
  const on = /\s+on\s+(\S+)$/.exec(text);
  if (on) {
    e.iface = on[1];
    text = text.slice(0, on.index).trim();
  }
  if (/\s*\(v6\)$/.test(text)) {
    e.v6 = true;
    text = text.replace(/\s*\(v6\)$/, '').trim();
  }
  const svc: string[] = [];
  for (const tok of text.split(/\s+/).filter(Boolean)) {
    if (tok === 'Anywhere') continue;
    let body = tok;
    const m = /^(.*)\/([a-z][a-z0-9]*)$/i.exec(tok);
    if (m && !/^\d+$/.test(m[2]!)) {
      body = m[1]!;
      e.transport = m[2]!;
    }
    if (IPV4.test(body) || (IPV6.test(body) && body.includes(':') && !PORTS.test(body))) e.address = body;
    else if (PORTS.test(body)) {
      for (const p of body.split(',')) {
        const [a, b] = p.split(':').map(Number);
        if (b === undefined) e.ports.push(a!);
        else e.ranges.push([a!, b]);
      }
    } else svc.push(tok);
  }
  if (svc.length) e.service = svc.join(' ');
  return e;
}

export function parseUfwStatus(raw: string): UfwStatus {
  const ls = lines(raw);
  const st = ls.find((l) => /^Status:/.test(l));
  if (!st) throw new Error('ufw status: geen "Status:" regel');
  const res: UfwStatus = { active: /Status:\s*active/.test(st), defaults: {}, rules: [] };
  for (const l of ls) {
    const lg = /^Logging:\s*(.*)$/.exec(l);
    if (lg) res.logging = lg[1]!.trim();
    const df = /^Default:\s*(.*)$/.exec(l);
    if (df) for (const m of df[1]!.matchAll(/(\w+) \((\w+)\)/g)) res.defaults[m[2]!] = m[1]!;
    const r = /^(?:\[\s*(\d+)\]\s+)?(.+?)\s+(ALLOW|DENY|REJECT|LIMIT)(?:\s+(IN|OUT|FWD))?\s+(.+?)(?:\s+#\s?(.*))?$/.exec(l);
    if (!r || /^To\s+Action/.test(l.trim())) continue;
    const to = endpoint(r[2]!);
    const from = endpoint(r[5]!);
    const v6 = !!(to.v6 || from.v6) || to.address.includes(':') || from.address.includes(':');
    delete to.v6;
    delete from.v6;
    res.rules.push({
      ...(r[1] ? { index: Number(r[1]) } : {}),
      to,
      action: r[3]!,
      direction: r[4] ?? 'IN',
      from,
      v6,
      ...(r[6] !== undefined ? { comment: r[6].trim() } : {}),
    });
  }
  return res;
}

// ---------- nftables ----------
export interface NftChain {
  family: string;
  table: string;
  name: string;
  type?: string;
  hook?: string;
  prio?: number;
  policy?: string;
  rules: FwRule[];
}
export interface NftRuleset {
  tables: { family: string; name: string }[];
  chains: NftChain[];
}

type NftExpr = Record<string, unknown>;

function nftValue(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap(nftValue);
  const o = v as Record<string, unknown>;
  if ('set' in o) return nftValue(o.set);
  if ('range' in o) return [(o.range as unknown[]).map(String).join('-')];
  if ('prefix' in o) {
    const p = o.prefix as { addr: string; len: number };
    return [`${p.addr}/${p.len}`];
  }
  return [JSON.stringify(o)];
}

export function parseNftJson(raw: string): NftRuleset {
  const data = json<{ nftables?: Record<string, unknown>[] }>(raw, 'nft -j list ruleset');
  if (!data || !Array.isArray(data.nftables)) throw new Error('nft -j: geen "nftables" lijst');
  const res: NftRuleset = { tables: [], chains: [] };
  const key = (f: string, t: string, c: string) => `${f}\0${t}\0${c}`;
  const chains = new Map<string, NftChain>();
  for (const item of data.nftables) {
    if (item.table) {
      const t = item.table as { family: string; name: string };
      res.tables.push({ family: t.family, name: t.name });
    } else if (item.chain) {
      const c = item.chain as { family: string; table: string; name: string; type?: string; hook?: string; prio?: number; policy?: string };
      const ch: NftChain = { family: c.family, table: c.table, name: c.name, ...(c.type ? { type: c.type } : {}), ...(c.hook ? { hook: c.hook } : {}), ...(c.prio !== undefined ? { prio: c.prio } : {}), ...(c.policy ? { policy: c.policy } : {}), rules: [] };
      chains.set(key(c.family, c.table, c.name), ch);
      res.chains.push(ch);
    } else if (item.rule) {
      const r = item.rule as { family: string; table: string; chain: string; expr?: NftExpr[]; comment?: string };
      const ch = chains.get(key(r.family, r.table, r.chain));
      if (ch) ch.rules.push(nftRule(r.chain, r.expr ?? [], r.family));
    }
  }
  return res;
}

function nftRule(chain: string, exprs: NftExpr[], family: string): FwRule {
  const rule: FwRule = { chain, action: 'none', text: '' };
  const parts: string[] = [];
  for (const e of exprs) {
    if ('match' in e) {
      const m = e.match as { op: string; left: Record<string, Record<string, string>>; right: unknown };
      const right = nftValue(m.right);
      const neg = m.op === '!=';
      const payload = m.left.payload;
      const meta = m.left.meta;
      const ct = m.left.ct;
      if (payload?.field === 'dport' && !neg) {
        rule.dports = right.map((p) => parsePorts(p)[0]!).filter(Boolean);
        if (payload.protocol === 'tcp' || payload.protocol === 'udp' || payload.protocol === 'sctp') rule.proto = payload.protocol;
      } else if (payload?.field === 'saddr' && !neg) {
        rule.source = right.join(',');
        rule.family = payload.protocol === 'ip6' ? 'ipv6' : 'ipv4';
      } else if (payload?.field === 'protocol' || payload?.field === 'nexthdr') {
        if (!neg) rule.proto = right[0];
      } else if (meta && (meta.key === 'iifname' || meta.key === 'iif') && !neg) rule.iface = right[0];
      else if (meta && meta.key === 'l4proto' && !neg) rule.proto = right[0];
      else if (meta && meta.key === 'nfproto' && !neg) rule.family = right[0] === 'ipv6' ? 'ipv6' : 'ipv4';
      else if (ct && ct.key === 'state') rule.states = right;
      parts.push(`${JSON.stringify(m.left)} ${m.op} ${right.join(',')}`);
    } else if ('accept' in e) rule.action = 'accept';
    else if ('drop' in e) rule.action = 'drop';
    else if ('reject' in e) rule.action = 'reject';
    else if ('return' in e) rule.action = 'return';
    else if ('jump' in e) rule.action = `jump:${(e.jump as { target: string }).target}`;
    else if ('goto' in e) rule.action = `jump:${(e.goto as { target: string }).target}`;
    else if ('log' in e && rule.action === 'none') rule.action = 'log';
  }
  if (!parts.length) rule.unconditional = true;
  if (family === 'ip') rule.family ??= 'ipv4';
  if (family === 'ip6') rule.family ??= 'ipv6';
  rule.text = `${rule.action} ${parts.join(' ')}`.trim();
  return rule;
}

// ---------- normalised view ----------
export interface FirewallView {
  /** Which backend decides (ufw when active, else nftables base chains, else iptables). */
  backend: 'ufw' | 'nftables' | 'iptables' | 'none';
  active: boolean;
  /** Default policy for incoming traffic: accept | drop | reject. */
  inputPolicy: string;
  /** Rules that apply to incoming traffic, in order (jumped-to chains included). */
  rules: FwRule[];
  /** iptables backend: the IPv6 INPUT policy (ip6tables), shown to the assessor. */
  inputPolicy6?: string;
}

function ufwRule(r: UfwRule): FwRule {
  const dports: PortRange[] = [...r.to.ports.map((p) => [p, p] as PortRange), ...r.to.ranges];
  return {
    chain: r.direction === 'OUT' ? 'output' : r.direction === 'FWD' ? 'forward' : 'input',
    action: r.action.toLowerCase() === 'allow' ? 'accept' : r.action.toLowerCase() === 'deny' ? 'drop' : r.action.toLowerCase(),
    ...(r.to.transport !== 'any' ? { proto: r.to.transport } : {}),
    ...(dports.length ? { dports } : {}),
    ...(r.from.address !== 'any' ? { source: r.from.address } : {}),
    ...(r.to.iface ? { iface: r.to.iface } : {}),
    family: r.v6 ? 'ipv6' : 'ipv4',
    text: `${r.action} ${r.direction} ${r.to.service ?? ''}${dports.map((d) => (d[0] === d[1] ? d[0] : d.join(':'))).join(',')}${r.to.transport !== 'any' ? '/' + r.to.transport : ''} from ${r.from.address}`.replace(/\s+/g, ' '),
  };
}

/** Rules of `start` chains plus chains reachable by jump, in order. */
function reachable<C extends { rules: FwRule[] }>(start: C[], byName: (n: string) => C | undefined): FwRule[] {
  const seen = new Set<C>();
  const out: FwRule[] = [];
  const walk = (c: C) => {
    if (seen.has(c)) return;
    seen.add(c);
    for (const r of c.rules) {
      out.push(r);
      if (r.action.startsWith('jump:')) {
        const t = byName(r.action.slice(5));
        if (t) walk(t);
      }
    }
  };
  start.forEach(walk);
  return out;
}

export function firewallView(src: { ufw?: UfwStatus; nft?: NftRuleset; iptables?: IptablesSave; ip6tables?: IptablesSave }): FirewallView {
  if (src.ufw?.active) {
    const inc = src.ufw.defaults.incoming ?? 'deny';
    return { backend: 'ufw', active: true, inputPolicy: inc === 'allow' ? 'accept' : inc === 'deny' ? 'drop' : inc, rules: src.ufw.rules.map(ufwRule).filter((r) => r.chain === 'input') };
  }
  const nftInput = src.nft?.chains.filter((c) => c.hook === 'input' && (c.type ?? 'filter') === 'filter' && ['inet', 'ip', 'ip6'].includes(c.family)) ?? [];
  if (nftInput.length) {
    // A base chain with policy accept that ends in a catch-all reject/drop (firewalld) denies by default too.
    const effective = nftInput.map((c) => effectivePolicy(c.policy ?? 'accept', c.rules));
    const strict = effective.find((p) => p !== 'accept') ?? 'accept';
    const rules = reachable(nftInput, (n) => src.nft!.chains.find((c) => c.name === n && nftInput.some((i) => i.table === c.table && i.family === c.family)));
    return { backend: 'nftables', active: true, inputPolicy: strict, rules };
  }
  const filter = src.iptables?.filter;
  if (filter?.INPUT) {
    const rules = reachable([filter.INPUT], (n) => filter[n]);
    const active = filter.INPUT.policy !== 'accept' || rules.length > 0;
    const f6 = src.ip6tables?.filter;
    const rules6 = f6?.INPUT ? reachable([f6.INPUT], (n) => f6[n]).map((r) => ({ ...r, family: 'ipv6' as const })) : [];
    return {
      backend: 'iptables',
      active,
      inputPolicy: effectivePolicy(filter.INPUT.policy ?? 'accept', filter.INPUT.rules),
      rules: [...rules, ...rules6],
      ...(f6?.INPUT ? { inputPolicy6: effectivePolicy(f6.INPUT.policy ?? 'accept', f6.INPUT.rules) } : {}),
    };
  }
  return { backend: 'none', active: false, inputPolicy: 'accept', rules: [] };
}

/** The chain's policy, or the action of a catch-all drop/reject that ends it. */
function effectivePolicy(policy: string, rules: FwRule[]): string {
  const last = rules[rules.length - 1];
  if (policy === 'accept' && last?.unconditional && (last.action === 'drop' || last.action === 'reject')) return last.action;
  return policy;
}

/** Does a rule let TCP/UDP traffic to `port` in (optionally from `source`)? */
export function allowsPort(rules: FwRule[], port: number, proto = 'tcp', source?: string): FwRule | undefined {
  for (const r of rules) {
    if (r.action !== 'accept') continue;
    if (r.iface === 'lo') continue;
    if (r.proto && r.proto !== proto && r.proto !== 'all') continue;
    if (!r.dports || !r.dports.some(([a, b]) => port >= a && port <= b)) continue;
    if (r.states && !r.states.includes('new')) continue;
    if (source && r.source && r.source !== source && !r.source.split(',').includes(source)) continue;
    return r;
  }
  return undefined;
}
