// The RouterOS API protocol of the simulator: length-prefixed words, sentences ended by an empty
// word, `/login` (6.43+ style: name and password in the clear), replies `!re` / `!done` / `!trap` /
// `!fatal`, `.tag`, `=.proplist=`, `?` queries (with the `?#` stack operations), `.id` like `*1`.
import type { Socket } from 'node:net';
import { monitorValues, pingReplies } from './cli.js';
import { boolEq, RosError, type Item, type RosState } from './model.js';

// --- codec ---------------------------------------------------------------------------------------

export function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x4000) return Buffer.from([(n >> 8) | 0x80, n & 0xff]);
  if (n < 0x200000) return Buffer.from([(n >> 16) | 0xc0, (n >> 8) & 0xff, n & 0xff]);
  if (n < 0x10000000) return Buffer.from([(n >>> 24) | 0xe0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.from([0xf0, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

export function encodeSentence(words: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const w of words) {
    const b = Buffer.from(w, 'utf8');
    parts.push(encodeLength(b.length), b);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** Incremental decoder: feed bytes, get complete sentences. Throws on a control byte (0xF8+). */
export class SentenceDecoder {
  private buf = Buffer.alloc(0);
  private words: string[] = [];

  push(chunk: Buffer): string[][] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: string[][] = [];
    for (;;) {
      const r = readLength(this.buf);
      if (!r) break;
      if (this.buf.length < r.skip + r.len) break;
      const word = this.buf.subarray(r.skip, r.skip + r.len).toString('utf8');
      this.buf = this.buf.subarray(r.skip + r.len);
      if (r.len === 0) {
        out.push(this.words);
        this.words = [];
      } else this.words.push(word);
    }
    return out;
  }
}

function readLength(b: Buffer): { len: number; skip: number } | undefined {
  if (!b.length) return undefined;
  const c = b[0];
  if (c < 0x80) return { len: c, skip: 1 };
  if (c < 0xc0) return b.length < 2 ? undefined : { len: ((c & 0x3f) << 8) | b[1], skip: 2 };
  if (c < 0xe0) return b.length < 3 ? undefined : { len: ((c & 0x1f) << 16) | (b[1] << 8) | b[2], skip: 3 };
  if (c < 0xf0) return b.length < 4 ? undefined : { len: (((c & 0x0f) << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0, skip: 4 };
  if (c === 0xf0) return b.length < 5 ? undefined : { len: b.readUInt32BE(1), skip: 5 };
  throw new Error(`control byte 0x${c.toString(16)} in API stream`);
}

// --- queries -------------------------------------------------------------------------------------

/** Evaluate RouterOS API query words against an item (stack machine, see the API manual). */
export function matchQuery(it: Item, queries: string[]): boolean {
  if (!queries.length) return true;
  const stack: boolean[] = [];
  for (const q of queries) {
    const w = q.slice(1);
    if (w.startsWith('#')) {
      for (const op of w.slice(1)) {
        if (op === '!') stack.push(!stack.pop());
        else if (op === '&') {
          const b = stack.pop()!;
          const a = stack.pop()!;
          stack.push(a && b);
        } else if (op === '|') {
          const b = stack.pop()!;
          const a = stack.pop()!;
          stack.push(a || b);
        } else if (op === '.') stack.push(stack[stack.length - 1]);
        else if (/\d/.test(op)) stack.push(stack[Number(op)] ?? false);
      }
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^-(.+)$/.exec(w))) stack.push(!(m[1] in it));
    else if ((m = /^([<>])([^=]+)=(.*)$/.exec(w))) {
      const a = it[m[2]];
      if (a === undefined) stack.push(false);
      else {
        const [x, y] = isNum(a) && isNum(m[3]) ? [Number(a), Number(m[3])] : [a, m[3]];
        stack.push(m[1] === '<' ? x < y : x > y);
      }
    } else if ((m = /^=?([^=]+)=(.*)$/s.exec(w))) stack.push(it[m[1]] !== undefined ? it[m[1]] === m[2] || boolEq(it[m[1]], m[2]) : m[2] === '');
    else stack.push(w in it);
  }
  return stack.every(Boolean);
}

const isNum = (s: string) => /^-?\d+$/.test(s);

// --- sessions ------------------------------------------------------------------------------------

export interface ApiHooks {
  /** Called after a change so the simulator can react (services enabled/disabled). */
  changed(): void;
}

/** Serve one API connection. */
export function serveApi(sock: Socket, state: RosState, hooks: ApiHooks) {
  const dec = new SentenceDecoder();
  let user: string | undefined;
  const send = (words: string[]) => {
    if (!sock.destroyed) sock.write(encodeSentence(words));
  };
  sock.on('data', (chunk) => {
    let sentences: string[][];
    try {
      sentences = dec.push(chunk);
    } catch {
      sock.destroy();
      return;
    }
    for (const s of sentences) {
      if (!s.length) continue;
      try {
        handle(s);
      } catch (err) {
        send(['!fatal', String((err as Error).message)]);
        sock.end();
      }
    }
  });
  sock.on('error', () => {});

  function handle(words: string[]) {
    const [cmd, ...rest] = words;
    const attrs: Item = {};
    const queries: string[] = [];
    let tag: string | undefined;
    for (const w of rest) {
      if (w.startsWith('=')) {
        const i = w.indexOf('=', 1);
        if (i < 0) attrs[w.slice(1)] = '';
        else attrs[w.slice(1, i)] = w.slice(i + 1);
      } else if (w.startsWith('?')) queries.push(w);
      else if (w.startsWith('.tag=')) tag = w.slice(5);
    }
    const reply = (type: string, a: Item = {}) => send([type, ...(tag !== undefined ? [`.tag=${tag}`] : []), ...Object.entries(a).map(([k, v]) => `=${k}=${v}`)]);
    const trap = (message: string, category?: number) => {
      reply('!trap', { ...(category !== undefined ? { category: String(category) } : {}), message });
      reply('!done');
    };
    if (cmd === '/login') {
      const name = (attrs.name ?? '').replace(/\+[a-z0-9]*$/, '');
      if (attrs.response !== undefined || attrs.password === undefined) return trap('cannot log in');
      if (!state.login(name, attrs.password)) return trap('invalid user name or password (6)');
      user = name;
      return reply('!done');
    }
    if (!user) {
      send(['!fatal', 'not logged in']);
      sock.end();
      return;
    }
    if (cmd === '/quit') {
      send(['!fatal', 'session terminated on request']);
      sock.end();
      return;
    }
    if (cmd === '/cancel') return reply('!done');
    const parts = cmd.split('/').filter(Boolean);
    const action = parts.pop() ?? '';
    const menu = '/' + parts.join(' ');
    try {
      if (menu === '/' && action === 'ping') {
        const count = Math.min(10, Number(attrs.count ?? 4));
        for (const r of pingReplies(state, attrs.address ?? '', count)) reply('!re', r);
        return reply('!done');
      }
      if (menu === '/system backup' && action === 'save') {
        state.addFile(`${attrs.name ?? 'backup'}.backup`, 'backup', state.export({ showSensitive: true }));
        return reply('!done');
      }
      if (action === 'export' && attrs.file) {
        // API `/export =file=x` (RouterOS 7): the export goes to a file, nothing is returned.
        const text = state.export({ ...(menu !== '/' ? { menu } : {}), showSensitive: 'show-sensitive' in attrs });
        state.addFile(attrs.file.endsWith('.rsc') ? attrs.file : `${attrs.file}.rsc`, 'script', text);
        return reply('!done');
      }
      if (menu === '/interface ethernet' && action === 'monitor') {
        const names = (attrs.numbers ?? attrs['.id'] ?? '').split(',');
        for (const n of names) {
          const it = state.list(menu).find((e) => e.name === n || e['.id'] === n);
          if (!it) return trap('no such item', 0);
          reply('!re', monitorValues(it));
        }
        return reply('!done');
      }
      if (menu !== '/interface' && !state.has(menu)) return trap('no such command prefix', 0);
      const ids = () =>
        (attrs['.id'] ?? attrs.numbers ?? '')
          .split(',')
          .filter(Boolean)
          .map((x) => {
            if (x.startsWith('*')) return x;
            const it = state.view(menu).find((i) => i.name === x || i['default-name'] === x);
            if (!it) throw new RosError('no such item', 0);
            return it['.id'];
          });
      switch (action) {
        case 'print':
        case 'getall': {
          const proplist = attrs['.proplist']?.split(',').filter(Boolean);
          const single = menu !== '/interface' && state.def(menu).single;
          const items = state.view(menu).filter((it) => matchQuery(it, queries));
          if (attrs['count-only'] !== undefined) return reply('!done', { ret: String(items.length) });
          for (const it of items) {
            const out: Item = {};
            const keys = proplist ?? Object.keys(it);
            for (const k of keys) if (it[k] !== undefined && !(single && k === '.id')) out[k] = it[k];
            reply('!re', out);
          }
          return reply('!done');
        }
        case 'add': {
          const id = state.add(menu, withoutApi(attrs));
          hooks.changed();
          return reply('!done', { ret: id });
        }
        case 'set': {
          const single = menu !== '/interface' && state.def(menu).single;
          state.set(menu, single ? undefined : ids(), withoutApi(attrs));
          hooks.changed();
          return reply('!done');
        }
        case 'remove':
          state.remove(menu, ids());
          hooks.changed();
          return reply('!done');
        case 'enable':
        case 'disable':
          state.set(menu, ids(), { disabled: action === 'disable' ? 'true' : 'false' });
          hooks.changed();
          return reply('!done');
      }
      return trap('no such command', 0);
    } catch (err) {
      if (err instanceof RosError) return trap(err.message, err.category);
      throw err;
    }
  }
}

function withoutApi(a: Item): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(a)) if (!k.startsWith('.') && k !== 'numbers') out[k] = v;
  return out;
}
