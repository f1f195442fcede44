// RouterOS `/export` (compact, verbose and terse; v6 and v7) into a structured configuration:
// menu path → entries {action, find selector / item, properties}. Handles `\` continuations, CRLF,
// the `# <date> by RouterOS x.y` header (software id, model, serial), `#` warnings (own line or
// inline after a command), `set [ find default-name=ether1 ]` and `set [ find default=yes ]`,
// positional items (`set admin ...`), terse lines (`/ip address add ...`) and v7 slash paths.
import { readQuoted } from './values.js';

export interface ExportEntry {
  action: string;
  /** `[ find k=v ... ]` selector; `{}` for `[ find ]` (all items). */
  find?: Record<string, string>;
  /** Positional item (`set ether1 ...`, `set 0 ...`). */
  item?: string;
  props: Record<string, string>;
  /** Properties given as `!name` (unset). */
  unset?: string[];
  /** `#` warnings printed inline or on the lines just before this entry. */
  warnings?: string[];
  /** 1-based line number (of the first physical line) in the export. */
  line: number;
}

export interface ExportHeader {
  date?: string;
  version?: string;
  softwareId?: string;
  model?: string;
  serial?: string;
}

export interface ParsedExport {
  header: ExportHeader;
  /** Menu path in space form (`/ip address`) → entries in order. */
  menus: Record<string, ExportEntry[]>;
  /** Warnings not attached to an entry. */
  warnings: string[];
}

export class ExportParseError extends Error {}

/** `/ip/address` or `ip address` → `/ip address`. */
export function normaliseMenu(path: string): string {
  const parts = path.trim().replace(/^\/+/, '').split(/[\s/]+/).filter(Boolean);
  return '/' + parts.join(' ');
}

const ACTIONS = new Set(['add', 'set', 'remove', 'enable', 'disable', 'move', 'unset', 'comment', 'edit', 'reset', 'print']);

interface Logical {
  text: string;
  line: number;
}

/** Join `\` continuations (the next line's indentation is dropped) and strip CR. */
function logicalLines(raw: string): Logical[] {
  const phys = raw.replace(/\r\n?/g, '\n').split('\n');
  const out: Logical[] = [];
  let buf: string | undefined;
  let start = 0;
  for (let i = 0; i < phys.length; i++) {
    const l = buf !== undefined ? phys[i].replace(/^\s+/, '') : phys[i];
    const m = /\\\s*$/.exec(l);
    const cont = !!m;
    const piece = m ? l.slice(0, m.index) : l;
    if (buf === undefined) {
      buf = piece;
      start = i + 1;
    } else buf += piece;
    if (!cont) {
      out.push({ text: buf, line: start });
      buf = undefined;
    }
  }
  if (buf !== undefined) out.push({ text: buf, line: start });
  return out;
}

export interface Tok {
  kind: 'word' | 'kv' | 'find' | 'comment';
  text: string;
  key?: string;
  value?: string;
  find?: Record<string, string>;
}

/** Split a RouterOS command line into words, `key=value` (quoted values decoded), `[ find ... ]` and a trailing `# comment`. */
export function tokenize(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i])) i++;
    if (i >= s.length) break;
    if (s[i] === '#') {
      toks.push({ kind: 'comment', text: s.slice(i + 1).trim() });
      break;
    }
    if (s[i] === '[') {
      let depth = 0;
      let j = i;
      let inner = '';
      while (j < s.length) {
        const c = s[j];
        if (c === '"') {
          const q = readQuoted(s, j);
          inner += s.slice(j, q.end);
          j = q.end;
          continue;
        }
        if (c === '[') depth++;
        if (c === ']') {
          depth--;
          if (depth === 0) {
            j++;
            break;
          }
        }
        if (depth >= 1 && !(depth === 1 && c === '[')) inner += c;
        j++;
      }
      const body = inner.trim().replace(/^find\b\s*/, '').replace(/^where\b\s*/, '');
      const find: Record<string, string> = {};
      for (const t of tokenize(body)) if (t.kind === 'kv') find[t.key!] = t.value!;
      toks.push({ kind: 'find', text: s.slice(i, j), find });
      i = j;
      continue;
    }
    // a word or key=value
    let j = i;
    let key: string | undefined;
    while (j < s.length && !/\s/.test(s[j])) {
      if (s[j] === '=' && key === undefined) {
        key = s.slice(i, j);
        j++;
        if (s[j] === '"') {
          const q = readQuoted(s, j);
          toks.push({ kind: 'kv', text: s.slice(i, q.end), key, value: q.value });
          i = q.end;
          key = '\0';
          break;
        }
        continue;
      }
      j++;
    }
    if (key === '\0') continue;
    if (key !== undefined) toks.push({ kind: 'kv', text: s.slice(i, j), key, value: s.slice(i + key.length + 1, j) });
    else toks.push({ kind: 'word', text: s.slice(i, j) });
    i = j;
  }
  return toks;
}

const HEADER = /^#\s*(?:(.*?)\s+)?by RouterOS\s+(\S+)/;

export function parseExport(raw: string): ParsedExport {
  const res: ParsedExport = { header: {}, menus: {}, warnings: [] };
  let menu: string | undefined;
  let pending: string[] = [];
  let sawHeader = false;
  let sawCommand = false;
  for (const { text, line } of logicalLines(raw)) {
    const t = text.trim();
    if (!t) continue;
    if (t.startsWith('#')) {
      const h = HEADER.exec(t);
      if (h && !sawCommand) {
        sawHeader = true;
        if (h[1]) res.header.date = h[1].trim();
        res.header.version = h[2];
        continue;
      }
      const kv = /^#\s*(software id|model|serial number)\s*=\s*(.*)$/.exec(t);
      if (kv && !sawCommand) {
        const v = kv[2].trim();
        if (kv[1] === 'software id') res.header.softwareId = v;
        else if (kv[1] === 'model') res.header.model = v;
        else res.header.serial = v;
        continue;
      }
      const w = t.replace(/^#+\s*/, '');
      if (w) pending.push(w);
      continue;
    }
    if (/^\[[^\]]*@[^\]]*\]/.test(t)) continue; // prompt echo
    if (/^:/.test(t)) continue; // scripting (:local, :delay ...)
    let toks = tokenize(t);
    if (t.startsWith('/')) {
      // menu path words until an action, a selector or a property
      const path: string[] = [];
      let k = 0;
      for (; k < toks.length; k++) {
        const tk = toks[k];
        if (tk.kind !== 'word' || (k > 0 && ACTIONS.has(tk.text))) break;
        path.push(tk.text);
      }
      menu = normaliseMenu(path.join(' '));
      res.menus[menu] ??= [];
      toks = toks.slice(k);
      if (!toks.length || (toks.length === 1 && toks[0].kind === 'comment')) {
        if (toks[0]) pending.push(toks[0].text);
        continue;
      }
    }
    if (!menu) throw new ExportParseError(`regel ${line}: opdracht buiten een menu: '${t.slice(0, 60)}'`);
    sawCommand = true;
    const entry: ExportEntry = { action: 'set', props: {}, line };
    let k = 0;
    if (toks[0]?.kind === 'word' && ACTIONS.has(toks[0].text)) {
      entry.action = toks[0].text;
      k = 1;
    }
    for (; k < toks.length; k++) {
      const tk = toks[k];
      if (tk.kind === 'find') entry.find = tk.find;
      else if (tk.kind === 'kv') entry.props[tk.key!] = tk.value!;
      else if (tk.kind === 'comment') pending.push(tk.text);
      else if (tk.text.startsWith('!') && tk.text.length > 1) (entry.unset ??= []).push(tk.text.slice(1));
      else if (entry.item === undefined && !Object.keys(entry.props).length) entry.item = tk.text;
      else throw new ExportParseError(`regel ${line}: onverwacht woord '${tk.text}' in '${t.slice(0, 80)}'`);
    }
    if (pending.length) entry.warnings = pending;
    pending = [];
    res.menus[menu].push(entry);
  }
  if (pending.length) res.warnings.push(...pending);
  if (!sawHeader && !sawCommand) throw new ExportParseError('geen RouterOS-export: geen kop "# ... by RouterOS" en geen opdrachten');
  return res;
}

/** Major version from a version string (`6.48.6 (long-term)` → 6). */
export function majorVersion(v: string | undefined): number | undefined {
  const m = /^(\d+)\./.exec(v ?? '');
  return m ? Number(m[1]) : undefined;
}
