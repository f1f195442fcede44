// Shared helpers for the Cisco IOS parsers: cleaning raw output (CRs, tabs, prompts, echoes) and
// reading tables by the column positions of their header line.

/** Thrown when output is not in the format of the command (the driver keeps raw and sets parseError). */
export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}

/** Expand tabs to 8-column stops (IOS aligns with spaces, some captures contain tabs). */
export function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else out += ch;
  }
  return out;
}

// A device prompt, optionally followed by a command echo: `sw1#`, `R1(config)#`, `sw1>show vlan brief`.
const PROMPT = /^[A-Za-z0-9][\w.\-:/]*(?:\([\w.\-/ ]+\))?[#>]\s*(?:(?:sh(?:o(?:w)?)?|term(?:inal)?|en(?:able)?|more|dir)\b.*)?$/i;
// A bare command echo at the start of the output.
const ECHO = /^\s*(?:sh(?:o(?:w)?)?|more|dir)\s+\S.*$/i;

/** True when the line is a prompt (with or without a command echo). */
export function isPrompt(line: string): boolean {
  return PROMPT.test(line.trim()) && !/\s{2,}\S/.test(line.trim());
}

/**
 * Normalise raw output to lines: drop CRs (also `\r` overwrites), expand tabs, strip trailing spaces,
 * drop leading/trailing prompt lines, command echoes, `--More--` remnants and blank lines at the ends.
 */
export function cleanLines(raw: string): string[] {
  let text = String(raw ?? '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  // backspace overwrites (pagers erase `--More--` with \b), then any `--More--` left on a line
  while (/[^\x08\n]\x08/.test(text)) text = text.replace(/[^\x08\n]\x08/g, '');
  text = text
    .replace(/\x08/g, '')
    .replace(/ ?--More--[ \t]*/g, '')
    .replace(/\r\n|\n\r/g, '\n');
  // a lone CR returns to the start of the line: keep what was written last
  const lines = text.split('\n').map((l) => {
    const seg = l.includes('\r') ? (l.split('\r').filter((x) => x.length).pop() ?? '') : l;
    return expandTabs(seg).replace(/\s+$/, '');
  });
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start].trim() === '' || isPrompt(lines[start]) || (start < 3 && ECHO.test(lines[start]) && !/\s{2,}/.test(lines[start].trim())))) start++;
  while (end > start && (lines[end - 1].trim() === '' || isPrompt(lines[end - 1]))) end--;
  return lines.slice(start, end);
}

export interface Column {
  name: string;
  start: number;
}

/**
 * Find the header line among `lines` that contains all `names` in this order; return its index and the
 * column start offsets. Header names may contain spaces (`Dead Time`, `Local Intrfce`).
 */
export function findHeader(lines: string[], names: string[], from = 0): { index: number; columns: Column[] } | undefined {
  for (let i = from; i < lines.length; i++) {
    const cols = headerColumns(lines[i], names);
    if (cols) return { index: i, columns: cols };
  }
  return undefined;
}

/** Column start offsets of `names` in `line` (in order), or undefined when the line is not that header. */
export function headerColumns(line: string, names: string[]): Column[] | undefined {
  const cols: Column[] = [];
  let pos = 0;
  for (const name of names) {
    const re = new RegExp(`(?:^|\\s)(${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')})(?=\\s|$)`, 'i');
    const m = re.exec(line.slice(pos));
    if (!m) return undefined;
    const start = pos + m.index + m[0].length - m[1].length;
    cols.push({ name, start });
    pos = start + m[1].length;
  }
  return cols;
}

export interface RowOptions {
  /** Columns (by index) whose values are cut hard at the next column start (fixed-width, may be glued). */
  hardCut?: number[];
}

/**
 * Split a data line into the header's columns. Each whitespace-separated token goes to the column whose
 * span overlaps it most (tolerates values shifted a few characters from their header), keeping columns in
 * order; tokens in one column are kept with their original spacing. Missing values are ''.
 */
export function splitRow(line: string, columns: Column[], opts: RowOptions = {}): string[] {
  const out: string[] = columns.map(() => '');
  const spans: Array<[number, number]> = [];
  // hard-cut columns are taken out first by position
  const hard = new Set(opts.hardCut ?? []);
  const tokens: Array<{ a: number; b: number; col?: number }> = [];
  for (const m of line.matchAll(/\S+/g)) tokens.push({ a: m.index!, b: m.index! + m[0].length });
  if (hard.size) {
    const split: typeof tokens = [];
    for (const t of tokens) {
      let cut = false;
      for (const h of hard) {
        const end = columns[h + 1]?.start;
        if (end !== undefined && t.a < end && t.b > end && t.a >= columns[h].start) {
          split.push({ a: t.a, b: end, col: h }, { a: end, b: t.b });
          cut = true;
          break;
        }
      }
      if (!cut) split.push(t);
    }
    tokens.splice(0, tokens.length, ...split);
  }
  let prev = 0;
  for (const t of tokens) {
    let best = prev;
    if (t.col !== undefined) best = t.col;
    else {
      let bestOverlap = -1;
      for (let c = prev; c < columns.length; c++) {
        const s = c === 0 ? 0 : columns[c].start;
        const e = c + 1 < columns.length ? columns[c + 1].start : Infinity;
        const ov = Math.min(e, t.b) - Math.max(s, t.a);
        if (ov > bestOverlap) {
          bestOverlap = ov;
          best = c;
        }
      }
    }
    prev = best;
    const sp = spans[best];
    spans[best] = sp ? [sp[0], t.b] : [t.a, t.b];
  }
  spans.forEach((sp, i) => {
    if (sp) out[i] = line.slice(sp[0], sp[1]);
  });
  return out;
}

/** True for separator lines (`----  -----`, `------+------`). */
export const isRule = (line: string) => /^[\s\-+=|]+$/.test(line) && line.includes('--');

/** `key: value` (first colon) or undefined. */
export function keyValue(line: string): [string, string] | undefined {
  const i = line.indexOf(':');
  if (i < 0) return undefined;
  return [line.slice(0, i).trim(), line.slice(i + 1).trim()];
}

export const toInt = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  const t = s.trim();
  return /^-?\d+$/.test(t) ? Number(t) : undefined;
};

/** Expand a VLAN list like `1,10-12,99` to numbers; `ALL` → 1-4094; `none`/'' → []. */
export function expandVlanList(list: string): number[] {
  const t = list.trim();
  if (!t || /^none$/i.test(t)) return [];
  if (/^all$/i.test(t)) return Array.from({ length: 4094 }, (_, i) => i + 1);
  const out: number[] = [];
  for (const part of t.split(/[,\s]+/)) {
    if (!part) continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let v = a; v <= b && v <= 4094; v++) out.push(v);
  }
  return out;
}

/** Prefix-length of a dotted netmask (255.255.255.0 → 24), or undefined if not a contiguous mask. */
export function maskToPrefix(mask: string): number | undefined {
  const parts = mask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) return undefined;
  const bits = parts.map((p) => p.toString(2).padStart(8, '0')).join('');
  if (!/^1*0*$/.test(bits)) return undefined;
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
}

/** Wildcard 0.0.0.255 → prefix 24. */
export function wildcardToPrefix(wc: string): number | undefined {
  const inv = wc.split('.').map((p) => 255 - Number(p));
  return maskToPrefix(inv.join('.'));
}

export function prefixToMask(len: number): string {
  const bits = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 255).join('.');
}

/** Throw a ParseError naming the command when `cond` is false. */
export function expect(cond: unknown, command: string, what: string): asserts cond {
  if (!cond) throw new ParseError(`not '${command}' output: ${what}`);
}
