// A small IOS-style command grammar: keywords matched by unique prefix (`conf t`, `sh vlan br`),
// typed parameters, `% Invalid input` at the offending token, `% Ambiguous command`, `% Incomplete command`.
//
// Pattern syntax (space separated): `switchport` keyword, `access|trunk` alternatives (each a keyword),
// `<name:type>` parameter, `<name:type?>` optional trailing parameter. Types: word, int, ip, if, rest, vlans.

export type Args = { kw: string[]; p: Record<string, string>; neg: boolean; line: string };

export interface CmdDef<C> {
  pattern: string;
  run: (ctx: C, a: Args) => void;
}

type ParamType = 'word' | 'int' | 'ip' | 'if' | 'rest' | 'vlans';

interface Node<C> {
  kw: Map<string, Node<C>>;
  params: { name: string; type: ParamType; optional: boolean; node: Node<C> }[];
  run?: (ctx: C, a: Args) => void;
}

const newNode = <C>(): Node<C> => ({ kw: new Map(), params: [] });

export const IF_TYPES = [
  'FastEthernet',
  'GigabitEthernet',
  'TenGigabitEthernet',
  'Ethernet',
  'Vlan',
  'Loopback',
  'Port-channel',
  'Serial',
  'Tunnel',
];

/** `g0/1`, `gi 0/1`, `GigabitEthernet0/1.10`, `vlan 10` → canonical long name, or undefined. */
export function expandIfName(a: string, b?: string): { name: string; used: number } | undefined {
  let m = /^([a-z-]+)\s*(\d+(?:\/\d+)*(?:\.\d+)?)$/i.exec(a);
  let used = 1;
  if (!m && b !== undefined && /^[a-z-]+$/i.test(a) && /^\d+(?:\/\d+)*(?:\.\d+)?$/.test(b)) {
    m = /^([a-z-]+)\s*(\d+(?:\/\d+)*(?:\.\d+)?)$/i.exec(a + b);
    used = 2;
  }
  if (!m) return undefined;
  const t = m[1].toLowerCase();
  const hits = IF_TYPES.filter((x) => x.toLowerCase().startsWith(t));
  // IOS resolves `t` to Tunnel? No: ambiguous. But `te` is TenGigabitEthernet, `e` Ethernet.
  const exact = IF_TYPES.find((x) => x.toLowerCase() === t);
  const type = exact ?? (hits.length === 1 ? hits[0] : hits.length > 1 && t.length >= 1 ? preferred(t, hits) : undefined);
  if (!type) return undefined;
  return { name: type + m[2], used };
}

function preferred(t: string, hits: string[]): string | undefined {
  // IOS ranks common types first: `f` FastEthernet, `g` GigabitEthernet, `t` TenGig (ambiguous → refuse).
  const order: Record<string, string> = { f: 'FastEthernet', g: 'GigabitEthernet', e: 'Ethernet', p: 'Port-channel', po: 'Port-channel', s: 'Serial', l: 'Loopback', v: 'Vlan', te: 'TenGigabitEthernet', tu: 'Tunnel' };
  const o = order[t];
  return o && hits.includes(o) ? o : undefined;
}

const IP = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const VLANS = /^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$/;

export class Grammar<C> {
  private root = newNode<C>();

  constructor(defs: CmdDef<C>[] = []) {
    for (const d of defs) this.add(d);
  }

  add(def: CmdDef<C>): this {
    let node = this.root;
    for (const tok of def.pattern.trim().split(/\s+/)) {
      const pm = /^<(\w+):(\w+)(\?)?>$/.exec(tok);
      if (pm) {
        let p = node.params.find((x) => x.name === pm[1] && x.type === pm[2]);
        if (!p) {
          p = { name: pm[1], type: pm[2] as ParamType, optional: !!pm[3], node: newNode<C>() };
          node.params.push(p);
        }
        node = p.node;
      } else {
        const alts = tok.split('|');
        const next = node.kw.get(alts[0].toLowerCase()) ?? newNode<C>();
        for (const a of alts) node.kw.set(a.toLowerCase(), next);
        node = next;
        // Alternatives share one node; the typed keyword is recorded in Args.kw.
      }
    }
    node.run = def.run;
    return this;
  }

  /** Does the first word select any command of this grammar (for falling back to the parent mode)? */
  knowsFirst(word: string): boolean {
    const w = word.toLowerCase();
    return [...this.root.kw.keys()].some((k) => k.startsWith(w));
  }

  match(line: string): Match<C> {
    const toks: { t: string; col: number }[] = [];
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line))) toks.push({ t: m[0], col: m.index });
    let furthest: Match<C> = { kind: 'invalid', col: toks[0]?.col ?? 0 };
    let furthestAt = -1;
    const failAt = (i: number, r: Match<C>) => {
      if (i > furthestAt) {
        furthestAt = i;
        furthest = r;
      }
    };
    // Depth-first: keywords before parameters, parameters in declaration order (backtracking).
    const walk = (node: Node<C>, i: number, args: Args): Match<C> | undefined => {
      if (i >= toks.length) {
        let n = node;
        while (!n.run && n.params.length && n.params.every((p) => p.optional)) n = n.params[0].node;
        if (n.run) return { kind: 'ok', run: n.run, args };
        failAt(i, { kind: 'incomplete' });
        return undefined;
      }
      const tok = toks[i].t;
      const low = tok.toLowerCase();
      let next = node.kw.get(low);
      let kwName = low;
      if (!next) {
        const keys = [...node.kw.keys()].filter((k) => k.startsWith(low));
        if (keys.length > 1) {
          failAt(i + 0.5, { kind: 'ambiguous', col: toks[i].col, text: line.slice(0, toks[i].col + tok.length) });
          return undefined;
        }
        if (keys.length === 1) {
          next = node.kw.get(keys[0]);
          kwName = keys[0];
        }
      }
      if (next) {
        const r = walk(next, i + 1, { ...args, kw: [...args.kw, kwName] });
        if (r) return r;
      }
      for (const p of node.params) {
        const used = fits(p.type, toks, i);
        if (used <= 0) continue;
        const val = p.type === 'rest' ? line.slice(toks[i].col).trim() : p.type === 'if' ? expandIfName(toks[i].t, used === 2 ? toks[i + 1].t : undefined)!.name : toks[i].t;
        const r = walk(p.node, i + used, { ...args, p: { ...args.p, [p.name]: val } });
        if (r) return r;
      }
      failAt(i, { kind: 'invalid', col: toks[i].col });
      return undefined;
    };
    return walk(this.root, 0, { kw: [], p: {}, neg: false, line }) ?? furthest;
  }
}

function fits(type: ParamType, toks: { t: string }[], i: number): number {
  const t = toks[i].t;
  switch (type) {
    case 'word':
      return 1;
    case 'int':
      return /^\d+$/.test(t) ? 1 : 0;
    case 'ip':
      return IP.test(t) ? 1 : 0;
    case 'vlans':
      return VLANS.test(t) ? 1 : 0;
    case 'rest':
      return toks.length - i;
    case 'if': {
      const r = expandIfName(t, toks[i + 1]?.t);
      return r ? r.used : 0;
    }
  }
}

export type Match<C> =
  | { kind: 'ok'; run: (ctx: C, a: Args) => void; args: Args }
  | { kind: 'invalid'; col: number }
  | { kind: 'ambiguous'; col: number; text: string }
  | { kind: 'incomplete' };

/** `1-3,10` → [1,2,3,10]. */
export function expandVlanList(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let v = a; v <= (b ?? a); v++) out.push(v);
  }
  return [...new Set(out)].sort((x, y) => x - y);
}

/** [1,2,3,10] → `1-3,10`. */
export function compressVlanList(vs: number[]): string {
  const s = [...new Set(vs)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(j > i ? `${s[i]}-${s[j]}` : `${s[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}
