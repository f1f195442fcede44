// RouterOS `print` in its three forms, v6 and v7:
//  - detail / terse:  ` 0 XR ;;; comment` + `name="x" mtu=1500 ...` (detail wraps, terse is one line),
//  - table:           `Flags:` legend, optional v7 `Columns:` line, a `#  NAME  MTU` header, rows,
//                     `;;;` comments (v6: after the row number, v7: on the line before the row),
//  - single item:     `  name: value` lines (`/system identity print`, `/system resource print`,
//                     `monitor ... once`).
import { cliLines, parseKeyValues, readQuoted } from './values.js';

export type PrintForm = 'detail' | 'table' | 'single' | 'empty';

export interface PrintRecord {
  /** The item number as printed (`0`, `1`, ...); absent for unnumbered output (log, single item). */
  number?: number;
  /** Flag letters as printed (`XD`, `*`), in order. */
  flags: string;
  /** `;;;` comment (lines joined with a newline). */
  comment?: string;
  /** Properties by name, values as printed (strings). */
  props: Record<string, string>;
}

export interface PrintOutput {
  form: PrintForm;
  /** Flag legend: letter → meaning in lower case (`X` → `disabled`). */
  flagLegend: Record<string, string>;
  /** v7 `Columns:` line / table header, in order (table form only). */
  columns?: string[];
  records: PrintRecord[];
}

export class PrintParseError extends Error {}

/** Errors RouterOS prints instead of output. */
const CLI_ERROR = /^(bad command name|syntax error|expected |no such item|input does not match|invalid value|failure:|ambiguous value)/i;

export function parsePrint(raw: string): PrintOutput {
  let lines = cliLines(raw);
  const err = lines.find((l) => CLI_ERROR.test(l.trim()));
  if (err && lines.filter((l) => l.trim()).length <= 2) throw new PrintParseError(`RouterOS meldt: ${err.trim()}`);
  // legend
  const flagLegend: Record<string, string> = {};
  const fi = lines.findIndex((l) => /^\s*Flags:/.test(l));
  if (fi >= 0) {
    let text = lines[fi].replace(/^\s*Flags:/, '');
    let j = fi + 1;
    while (j < lines.length && /[,;]\s*$/.test(lines[j - 1]) && /^\s*\S{1,2} - /.test(lines[j])) text += ' ' + lines[j++];
    for (const m of text.matchAll(/(?:^|[,;]|\s)\s*(\S) - ([^,;]+)/g)) flagLegend[m[1]] = m[2].trim().toLowerCase();
    lines = [...lines.slice(0, fi), ...lines.slice(j)];
  }
  let columns: string[] | undefined;
  const ci = lines.findIndex((l) => /^\s*Columns:/.test(l));
  if (ci >= 0) {
    let j = ci + 1;
    let text = lines[ci].replace(/^\s*Columns:/, '');
    while (j < lines.length && /,\s*$/.test(lines[j - 1])) text += ' ' + lines[j++];
    columns = text.split(',').map((c) => c.trim()).filter(Boolean);
    lines = [...lines.slice(0, ci), ...lines.slice(j)];
  }
  const content = lines.filter((l) => l.trim());
  if (!content.length) return { form: 'empty', flagLegend, records: [] };
  const hi = lines.findIndex((l) => isTableHeader(l));
  if (hi >= 0 && !lines.slice(hi + 1).some((l) => /^\s*\d+\s+(?:[^\s=]{1,6}\s+)?[a-z][a-z0-9.-]*=/.test(l)))
    return parseTable(lines, hi, flagLegend, columns);
  if (isSingle(content))
    return { form: 'single', flagLegend, records: [parseSingle(content)] };
  return { form: 'detail', flagLegend, records: parseDetail(lines, flagLegend) };
}

function isTableHeader(l: string): boolean {
  const t = l.trim();
  if (!/^#\s+[A-Z]/.test(t) && !/^[A-Z][A-Z0-9-]*(\s{1,}[A-Z][A-Z0-9-]*)+$/.test(t)) return false;
  // headers are upper case words
  return t.split(/\s+/).every((w) => w === '#' || /^[A-Z][A-Z0-9-]*[A-Z0-9]?$/.test(w));
}

function isSingle(lines: string[]): boolean {
  const first = lines.find((l) => !/^\s*;;;/.test(l));
  if (!first || !/^\s*[a-z][a-z0-9.-]*:(\s|$)/i.test(first)) return false;
  return !lines.some((l) => /^\s*\d+\s+\S/.test(l) && !/^\s*[0-9a-f]+:\s/.test(l));
}

function parseSingle(lines: string[]): PrintRecord {
  const rec: PrintRecord = { flags: '', props: {} };
  let last: string | undefined;
  const comments: string[] = [];
  for (const l of lines) {
    const c = /^\s*;;;\s?(.*)$/.exec(l);
    if (c) {
      comments.push(c[1].trim());
      continue;
    }
    const m = /^\s*([a-z][a-z0-9.-]*):(?:\s(.*))?$/i.exec(l);
    if (m) {
      last = m[1];
      rec.props[last] = unquote((m[2] ?? '').trim());
    } else if (last) {
      rec.props[last] += (rec.props[last] ? ' ' : '') + l.trim();
    }
  }
  if (comments.length) rec.comment = comments.join('\n');
  return rec;
}

function unquote(v: string): string {
  if (v.startsWith('"')) {
    const q = readQuoted(v, 0);
    if (q.closed && q.end === v.length) return q.value;
  }
  return v;
}

const KEY_START = /^\.?[a-z0-9][a-z0-9.\-_]*=/i;

function parseDetail(lines: string[], legend: Record<string, string>): PrintRecord[] {
  const flagChars = new Set([...Object.keys(legend), '*', ...'XDRSIAPHCEBULb'.split('')]);
  const records: PrintRecord[] = [];
  let cur: { rec: PrintRecord; text: string[]; comment?: string[]; inComment: boolean } | undefined;
  let gap = true;
  const flush = () => {
    if (!cur) return;
    cur.rec.props = parseKeyValues(cur.text.join(' '));
    if (cur.comment) cur.rec.comment = cur.comment.join('\n');
    records.push(cur.rec);
    cur = undefined;
  };
  for (const line of lines) {
    if (!line.trim()) {
      gap = true;
      if (cur) cur.inComment = false;
      continue;
    }
    const num = /^\s*(\d+)(\s+|$)(.*)$/.exec(line);
    let rest: string | undefined;
    let rec: PrintRecord | undefined;
    if (num && !KEY_START.test(line.trim())) {
      rec = { number: Number(num[1]), flags: '', props: {} };
      rest = num[3];
      // flags: short words of flag letters before the comment or the first key=
      while (rest) {
        const fm = /^(\S+)(\s+|$)/.exec(rest);
        if (!fm || rest.startsWith(';;;') || KEY_START.test(rest) || ![...fm[1]].every((c) => flagChars.has(c))) break;
        rec.flags += fm[1];
        rest = rest.slice(fm[0].length);
      }
    } else if (/^([A-Za-z*]{1,6})\s+[a-z][a-z0-9.-]*=/.test(line)) {
      // v7 terse without item numbers: `DAc dst-address=...` at column 0
      const fm = /^(\S+)\s+/.exec(line)!;
      rec = { flags: fm[1], props: {} };
      rest = line.slice(fm[0].length);
    } else if (gap && KEY_START.test(line.trim())) {
      // unnumbered record (log print, neighbors): starts after a blank line
      rec = { flags: '', props: {} };
      rest = line.trim();
    }
    if (rec) {
      flush();
      cur = { rec, text: [], inComment: false };
      gap = false;
      rest = (rest ?? '').trim();
      if (rest.startsWith(';;;')) {
        cur.comment = [rest.replace(/^;;;\s?/, '').trim()];
        cur.inComment = true;
      } else if (rest) cur.text.push(rest);
      continue;
    }
    gap = false;
    if (!cur) continue;
    const t = line.trim();
    if (cur.inComment && !KEY_START.test(t)) {
      cur.comment!.push(t);
      continue;
    }
    cur.inComment = false;
    cur.text.push(t);
  }
  flush();
  return records;
}

interface Col {
  name: string;
  start: number;
  end: number;
}

function parseTable(lines: string[], hi: number, legend: Record<string, string>, columns?: string[]): PrintOutput {
  const header = lines[hi];
  const cols: Col[] = [];
  for (const m of header.matchAll(/\S+/g)) cols.push({ name: m[0], start: m.index!, end: m.index! + m[0].length });
  const hasNum = cols[0]?.name === '#';
  const dataCols = hasNum ? cols.slice(1) : cols;
  const flagChars = new Set([...Object.keys(legend), '*']);
  const records: PrintRecord[] = [];
  let pendingComment: string[] | undefined; // v7: `;;;` before the row
  let cur: PrintRecord | undefined;
  let awaitingData = false; // v6: `0   ;;; comment` then data on the next line
  for (let i = hi + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    const t = line.trim();
    if (t.startsWith(';;;') && !awaitingData) {
      (pendingComment ??= []).push(t.replace(/^;;;\s?/, '').trim());
      continue;
    }
    let body = line;
    let rec: PrintRecord | undefined;
    if (hasNum) {
      const m = /^(\s*)(\d+)(?=\s|$)/.exec(line);
      if (m) {
        rec = { number: Number(m[2]), flags: '', props: {} };
        body = ' '.repeat(m[0].length) + line.slice(m[0].length);
        // flags: tokens made of legend letters that start before the first data column
        const first = dataCols[0]?.start ?? Infinity;
        for (;;) {
          const fm = /^(\s*)(\S+)/.exec(body);
          if (!fm) break;
          const pos = fm[1].length;
          if (pos >= first || ![...fm[2]].every((c) => flagChars.has(c))) break;
          // a token of flag letters that runs into the first column is data, unless followed by more data
          if (pos + fm[2].length > first + 1) break;
          rec.flags += fm[2];
          body = ' '.repeat(pos + fm[2].length) + body.slice(pos + fm[2].length);
        }
        const rt = body.trim();
        if (rt.startsWith(';;;')) {
          rec.comment = rt.replace(/^;;;\s?/, '').trim();
          records.push(rec);
          cur = rec;
          awaitingData = true;
          continue;
        }
      }
    }
    if (!rec) {
      if (awaitingData && cur) {
        if (t.startsWith(';;;')) continue;
        // v6 comment continuation lines come before the data line; data lines have column-aligned values
        Object.assign(cur.props, splitColumns(line, dataCols));
        awaitingData = false;
        continue;
      }
      if (hasNum) {
        // wrapped continuation of the previous row: append per column
        if (cur) {
          const extra = splitColumns(line, dataCols);
          for (const [k, v] of Object.entries(extra)) cur.props[k] = cur.props[k] ? `${cur.props[k]} ${v}` : v;
        }
        continue;
      }
      rec = { flags: '', props: {} };
    }
    rec.props = splitColumns(body, dataCols);
    if (pendingComment) rec.comment = pendingComment.join('\n');
    pendingComment = undefined;
    records.push(rec);
    cur = rec;
    awaitingData = false;
  }
  // Normalise column names to property names (`MAC-ADDRESS` → `mac-address`).
  for (const r of records) {
    const p: Record<string, string> = {};
    for (const c of dataCols) if (r.props[c.name] !== undefined) p[c.name.toLowerCase()] = r.props[c.name];
    r.props = p;
  }
  return { form: 'table', flagLegend: legend, columns: columns ?? dataCols.map((c) => c.name), records };
}

/** Assign the whitespace-separated tokens of a row to the header columns they overlap (or follow). */
function splitColumns(line: string, cols: Col[]): Record<string, string> {
  const out: Record<string, string> = {};
  const toks = [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length, col: -1 }));
  for (const tk of toks) {
    let best = -1;
    let bestOverlap = 0;
    cols.forEach((c, k) => {
      const nextStart = cols[k + 1]?.start ?? Infinity;
      // a column's extent: from its header start to just before the next header (left aligned values),
      // or ending at the header end (right aligned values)
      const ov = Math.min(tk.end, Math.max(c.end, Math.min(nextStart - 1, c.end + 64))) - Math.max(tk.start, c.start);
      if (ov > bestOverlap) {
        bestOverlap = ov;
        best = k;
      }
    });
    if (best < 0) {
      // before every column start: nearest column to the right; otherwise the last one to the left
      best = cols.findIndex((c) => c.start > tk.start);
      if (best < 0) best = cols.length - 1;
      else if (best > 0 && tk.start > cols[best - 1].start) best = best - 1;
    }
    tk.col = best;
  }
  // a token that runs into the next column's header and is followed (one space) by that column's
  // value belongs to it: overflowing multi-word values such as `jun/30/2023 01:08:59`
  for (let k = toks.length - 2; k >= 0; k--) {
    const a = toks[k];
    const b = toks[k + 1];
    if (b.col === a.col + 1 && b.start - a.end === 1 && a.end > cols[b.col].start) a.col = b.col;
  }
  for (let k = 1; k < toks.length; k++) if (toks[k].col < toks[k - 1].col) toks[k].col = toks[k - 1].col; // never go back
  const assigned: { col: number; start: number; end: number }[] = [];
  for (const tk of toks) {
    const prev = assigned[assigned.length - 1];
    if (prev && prev.col === tk.col) prev.end = tk.end;
    else assigned.push({ col: tk.col, start: tk.start, end: tk.end });
  }
  // rows shifted far from their headers: one token per column when the counts match
  const wideMerge = toks.some((tk, k) => k > 0 && toks[k - 1].col === tk.col && tk.start - toks[k - 1].end >= 2);
  if (wideMerge && toks.length === cols.length) {
    toks.forEach((tk, k) => (out[cols[k].name] = tk.text));
    return out;
  }
  for (const a of assigned) out[cols[a.col].name] = line.slice(a.start, a.end);
  return out;
}

/**
 * The records as the RouterOS API would return them: properties plus `comment`, and flags turned
 * into the boolean properties they stand for (`X` → `disabled=true`). Flags the legend does not
 * explain are kept in `flags`.
 */
export function toApiRecords(out: PrintOutput): Record<string, string>[] {
  return out.records.map((r) => {
    const rec: Record<string, string> = {};
    if (r.number !== undefined) rec['#'] = String(r.number);
    Object.assign(rec, r.props);
    if (r.comment !== undefined && rec.comment === undefined) rec.comment = r.comment;
    const meanings = Object.entries(out.flagLegend);
    for (const [letter, meaning] of meanings) {
      const prop = FLAG_PROPS[meaning] ?? meaning.replace(/\s+/g, '-');
      if (rec[prop] === undefined) rec[prop] = r.flags.includes(letter) ? 'true' : 'false';
    }
    if (r.flags) rec.flags = r.flags;
    return rec;
  });
}

const FLAG_PROPS: Record<string, string> = { default: 'default', 'hw-offload': 'hw-offload', 'hw offload': 'hw-offload' };
