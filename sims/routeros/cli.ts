// The RouterOS CLI subset of the simulator: one command line in, the text RouterOS prints out.
// `print` (table, detail, terse, single item), `export`, add/set/remove/enable/disable, `monitor
// ... once`, `/ping`, `/system backup save`. Errors read like RouterOS's.
import { tokenize, type Tok } from '../../drivers/routeros/parsers/export.js';
import { quoteValue } from '../../drivers/routeros/parsers/values.js';
import { RosError, type Item, type RosState } from './model.js';

const ACTIONS = new Set(['print', 'export', 'add', 'set', 'remove', 'enable', 'disable', 'monitor', 'save', 'quit', 'find', 'get']);

export interface CliResult {
  output: string;
  quit?: boolean;
}

/** Run one command line. `cwd` is the menu the interactive prompt is in (`/` by default). */
export function runCli(state: RosState, line: string, cwd = '/'): CliResult & { cwd: string } {
  const text = line.trim();
  if (!text) return { output: '', cwd };
  let toks: Tok[];
  try {
    toks = tokenize(text);
  } catch {
    return { output: `syntax error (line 1 column 1)\n`, cwd };
  }
  toks = toks.filter((t) => t.kind !== 'comment');
  if (toks[0]?.kind === 'word' && /^\/?(tool\/)?ping$/.test(toks[0].text)) {
    try {
      return { output: ping(state, toks.slice(1)), cwd };
    } catch (err) {
      if (err instanceof RosError) return { output: `${err.message}\n`, cwd };
      throw err;
    }
  }
  // path: leading `/` words (or relative to cwd) until an action
  const path: string[] = text.startsWith('/') ? [] : cwd.split(' ').filter((w) => w && w !== '/').map((w) => w.replace(/^\//, ''));
  let k = 0;
  let col = 1;
  for (; k < toks.length; k++) {
    const t = toks[k];
    if (t.kind !== 'word' || ACTIONS.has(t.text.replace(/^\//, ''))) break;
    for (const w of t.text.split('/').filter(Boolean)) {
      if (w === '..') path.pop();
      else path.push(w);
    }
    col += t.text.length + 1;
  }
  const menu = '/' + path.join(' ');
  const action = toks[k]?.kind === 'word' ? toks[k].text.replace(/^\//, '') : undefined;
  const args = toks.slice(k + 1);
  if (!action) {
    // changing menu in the interactive CLI
    if (menu === '/' || state.has(menu) || menu === '/interface' || isPrefix(state, menu)) return { output: '', cwd: menu };
    return { output: `bad command name ${path[path.length - 1]} (line 1 column ${col - path[path.length - 1].length - 1})\n`, cwd };
  }
  try {
    if (action === 'quit') return { output: '', quit: true, cwd };
    if (action === 'export') return { output: doExport(state, menu, args), cwd };
    if (menu === '/system backup' && action === 'save') {
      const name = kv(args).name ?? `${state.single('/system identity').name}-backup`;
      state.addFile(`${name}.backup`, 'backup', state.export({ showSensitive: true }));
      return { output: 'Configuration backup saved\n', cwd };
    }
    if (action === 'monitor') return { output: monitor(state, menu, args), cwd };
    if (menu !== '/interface' && !state.has(menu)) return { output: `bad command name ${path[path.length - 1] ?? action} (line 1 column ${col})\n`, cwd };
    switch (action) {
      case 'print':
        return { output: print(state, menu, args), cwd };
      case 'add':
        state.add(menu, kv(args));
        return { output: '', cwd };
      case 'set': {
        const { ids, rest } = select(state, menu, args);
        state.set(menu, ids, kv(rest));
        return { output: '', cwd };
      }
      case 'remove': {
        const { ids } = select(state, menu, args);
        state.remove(menu, ids ?? []);
        return { output: '', cwd };
      }
      case 'enable':
      case 'disable': {
        const { ids } = select(state, menu, args);
        state.set(menu, ids, { disabled: action === 'disable' ? 'yes' : 'no' });
        return { output: '', cwd };
      }
    }
    return { output: `bad command name ${action} (line 1 column ${col})\n`, cwd };
  } catch (err) {
    if (err instanceof RosError) return { output: `${err.message}\n`, cwd };
    throw err;
  }
}

function isPrefix(state: RosState, menu: string): boolean {
  return [...state.defs.keys()].some((p) => p.startsWith(menu + ' ')) || ['/system', '/ip', '/interface', '/ip firewall', '/system backup'].includes(menu);
}

function kv(args: Tok[]): Item {
  const out: Item = {};
  for (const a of args) {
    if (a.kind === 'kv') out[a.key!] = a.value!;
    else if (a.kind === 'word') out[a.text] = out[a.text] ?? 'yes';
  }
  return out;
}

/** `set 0,2 ...`, `set [ find name=x ] ...`, `set ether1 ...` (by name), single menus need none. */
function select(state: RosState, menu: string, args: Tok[]): { ids?: string[]; rest: Tok[] } {
  if (menu !== '/interface' && state.def(menu).single) return { rest: args };
  const first = args[0];
  if (!first) throw new RosError('expected end of command');
  const view = state.view(menu);
  if (first.kind === 'find') return { ids: state.find(menu, first.find ?? {}).map((i) => i['.id']), rest: args.slice(1) };
  if (first.kind === 'word') {
    if (/^\d+(,\d+)*$/.test(first.text))
      return {
        ids: first.text.split(',').map((n) => {
          const it = view[Number(n)];
          if (!it) throw new RosError('no such item');
          return it['.id'];
        }),
        rest: args.slice(1),
      };
    const byName = view.filter((i) => i.name === first.text || i['default-name'] === first.text);
    if (!byName.length) throw new RosError('no such item');
    return { ids: byName.map((i) => i['.id']), rest: args.slice(1) };
  }
  throw new RosError('expected end of command');
}

function doExport(state: RosState, menu: string, args: Tok[]): string {
  const o = kv(args);
  const text = state.export({
    terse: 'terse' in o,
    verbose: 'verbose' in o,
    hideSensitive: 'hide-sensitive' in o,
    showSensitive: 'show-sensitive' in o,
    ...(menu !== '/' ? { menu } : {}),
  });
  if (o.file) {
    state.addFile(o.file.endsWith('.rsc') ? o.file : `${o.file}.rsc`, 'script', text);
    return '';
  }
  return text;
}

const yesNo = (v: string) => (v === 'true' ? 'yes' : v === 'false' ? 'no' : v);

function flagInfo(state: RosState, menu: string): [string, string][] {
  if (menu === '/interface') return [['D', 'dynamic'], ['X', 'disabled'], ['R', 'running'], ['S', 'slave']];
  return state.def(menu).flags;
}

/** v6: `X - disabled, R - running`; v7: `;`-separated, upper case in tables, lower case in detail. */
function legend(state: RosState, flags: [string, string][], table: boolean): string {
  const sep = state.major === 7 ? '; ' : ', ';
  return `Flags: ${flags.map(([l, m]) => `${l} - ${state.major === 7 && table ? m.toUpperCase() : m}`).join(sep)}`;
}

function print(state: RosState, menu: string, args: Tok[]): string {
  const words = new Set(args.filter((a) => a.kind === 'word').map((a) => a.text));
  let items = state.view(menu);
  const whereAt = args.findIndex((a) => a.kind === 'word' && a.text === 'where');
  if (whereAt >= 0) {
    const cond = kv(args.slice(whereAt + 1).filter((a) => a.kind === 'kv'));
    items = items.filter((it) => Object.entries(cond).every(([k, v]) => (it[k] ?? '') === v || yesNo(it[k] ?? '') === v));
  }
  const isSingle = menu !== '/interface' && state.def(menu).single;
  if (isSingle) return single(items[0] ?? {});
  const flags = flagInfo(state, menu);
  const flagProps = new Set(flags.map(([, m]) => m));
  const flagStr = (it: Item) => flags.filter(([, m]) => it[m] === 'true').map(([l]) => l).join('');
  const fw = Math.max(1, ...items.map((it) => flagStr(it).length));
  const num = (i: number) => String(i).padStart(state.major === 7 ? 1 : 2);
  const props = (it: Item) =>
    Object.entries(it).filter(([k, v]) => k !== '.id' && k !== 'comment' && !flagProps.has(k) && v !== '');
  const out: string[] = [];
  if (words.has('terse')) {
    items.forEach((it, i) => {
      const ps = props(it).map(([k, v]) => `${k}=${yesNo(v)}`);
      if (it.comment) ps.unshift(`comment=${it.comment}`);
      out.push(`${num(i)} ${flagStr(it).padEnd(fw)} ${ps.join(' ')}`);
    });
    return out.join('\n') + (out.length ? '\n' : '');
  }
  if (flags.length) out.push(legend(state, flags, !words.has('detail')));
  if (words.has('detail')) {
    items.forEach((it, i) => {
      const head = ` ${num(i)} ${flagStr(it).padEnd(fw)} `;
      const indent = ' '.repeat(head.length);
      const ps = props(it).map(([k, v]) => `${k}=${quoteValue(yesNo(v))}`);
      const lines: string[] = [];
      let cur = '';
      for (const p of ps) {
        if (cur && cur.length + p.length + 1 > 80 - indent.length) {
          lines.push(cur);
          cur = p;
        } else cur = cur ? `${cur} ${p}` : p;
      }
      if (cur) lines.push(cur);
      if (it.comment) out.push(head + `;;; ${it.comment}`, ...lines.map((l) => indent + l));
      else out.push(head + (lines[0] ?? ''), ...lines.slice(1).map((l) => indent + l));
      out.push('');
    });
    return out.join('\n') + '\n';
  }
  // table
  const d = menu === '/interface' ? undefined : state.def(menu);
  const cols = d?.columns.length ? d.columns : ['NAME', 'TYPE', 'ACTUAL-MTU', 'MAC-ADDRESS'];
  const val = (it: Item, c: string) => yesNo(it[c.toLowerCase()] ?? '');
  const widths = cols.map((c) => Math.max(c.length, ...items.map((it) => val(it, c).length)));
  if (state.major === 7) out.push(`Columns: ${cols.join(', ')}`);
  const nw = Math.max(2, String(items.length).length + 1);
  const pre = (n: string, f: string) => `${n.padStart(nw)} ${f.padEnd(fw)} `;
  out.push((pre('#', '') + cols.map((c, i) => c.padEnd(widths[i])).join(' ')).trimEnd());
  items.forEach((it, i) => {
    const row = cols.map((c, j) => val(it, c).padEnd(widths[j])).join(' ').trimEnd();
    if (it.comment) {
      if (state.major === 7) out.push(`;;; ${it.comment}`, pre(String(i), flagStr(it)) + row);
      else out.push(pre(String(i), flagStr(it)) + `;;; ${it.comment}`, pre('', '') + row);
    } else out.push(pre(String(i), flagStr(it)) + row);
  });
  return out.join('\n') + '\n';
}

function single(it: Item): string {
  const keys = Object.keys(it).filter((k) => k !== '.id');
  const w = Math.max(...keys.map((k) => k.length)) + 2;
  return keys.map((k) => `${k.padStart(w)}: ${yesNo(it[k])}`).join('\n') + '\n';
}

function monitor(state: RosState, menu: string, args: Tok[]): string {
  if (menu !== '/interface ethernet') throw new RosError('bad command name monitor');
  const name = args.find((a) => a.kind === 'word' && a.text !== 'once')?.text ?? (kv(args).numbers as string | undefined);
  const it = state.list('/interface ethernet').find((e) => e.name === name);
  if (!it) throw new RosError('no such item');
  if (!args.some((a) => a.kind === 'word' && a.text === 'once')) throw new RosError('monitor without once is interactive; use once');
  return single(monitorValues(it));
}

export function monitorValues(it: Item): Item {
  const up = it.disabled !== 'true';
  return { name: it.name, status: up ? 'link-ok' : 'no-link', 'auto-negotiation': 'done', rate: up ? '1Gbps' : '', 'full-duplex': up ? 'true' : 'false' };
}

export function pingReplies(state: RosState, address: string, count: number): Item[] {
  const own = new Set(['127.0.0.1', ...state.list('/ip address').map((a) => a.address.split('/')[0])]);
  const ok = own.has(address);
  const out: Item[] = [];
  for (let i = 0; i < count; i++)
    out.push(ok ? { seq: String(i), host: address, size: '56', ttl: '64', time: '0ms', sent: String(i + 1), received: String(i + 1), 'packet-loss': '0' } : { seq: String(i), host: address, status: 'timeout', sent: String(i + 1), received: '0', 'packet-loss': '100' });
  return out;
}

function ping(state: RosState, args: Tok[]): string {
  const o = kv(args);
  const address = o.address ?? args.find((a) => a.kind === 'word')?.text;
  const count = Number(o.count ?? 0);
  if (!address) throw new RosError('expected address');
  if (!count) throw new RosError('ping without count= runs until interrupted; use count=');
  const rs = pingReplies(state, address, Math.min(count, 10));
  const lines = ['  SEQ HOST                                     SIZE TTL TIME  STATUS'];
  for (const r of rs) lines.push(`  ${r.seq.padStart(3)} ${r.host.padEnd(40)} ${(r.size ?? '').padStart(4)} ${(r.ttl ?? '').padStart(3)} ${(r.time ?? '').padEnd(5)} ${r.status ?? ''}`.trimEnd());
  const last = rs[rs.length - 1];
  lines.push(`    sent=${last.sent} received=${last.received} packet-loss=${last['packet-loss']}%`);
  return lines.join('\n') + '\n';
}
