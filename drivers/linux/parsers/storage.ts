// Storage: `mount`, `findmnt -J`, `df` (-P/-T/-k/-h), `free`.
import { json, lines } from './util.js';

export interface MountEntry {
  source: string;
  target: string;
  fstype: string;
  options: string[];
}

/** `mount` without arguments: `src on /target type fs (opts)`. */
export function parseMount(raw: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const l of lines(raw)) {
    const m = /^(.*?) on (.*?) type (\S+)(?: \((.*)\))?$/.exec(l.trim());
    if (m) out.push({ source: m[1]!, target: m[2]!, fstype: m[3]!, options: m[4] ? m[4].split(',') : [] });
  }
  return out;
}

interface FindmntNode {
  target: string;
  source: string;
  fstype: string;
  options: string;
  children?: FindmntNode[];
}

/** `findmnt -J [-o TARGET,SOURCE,FSTYPE,OPTIONS]` (tree flattened). */
export function parseFindmntJson(raw: string): MountEntry[] {
  const data = json<{ filesystems?: FindmntNode[] }>(raw, 'findmnt -J');
  if (!Array.isArray(data.filesystems)) throw new Error('findmnt -J: geen "filesystems"');
  const out: MountEntry[] = [];
  const walk = (n: FindmntNode) => {
    out.push({ source: n.source, target: n.target, fstype: n.fstype, options: (n.options ?? '').split(',').filter(Boolean) });
    n.children?.forEach(walk);
  };
  data.filesystems.forEach(walk);
  return out;
}

export interface DfEntry {
  filesystem: string;
  type?: string;
  /** Sizes in bytes. */
  size: number;
  used: number;
  available: number;
  usePercent?: number;
  mountedOn: string;
}

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5 };

function size(v: string, blockBytes: number, human: boolean): number {
  if (!human) return Number(v) * blockBytes;
  const m = /^(\d+(?:[.,]\d+)?)([KMGTP]?)i?B?$/.exec(v);
  return m ? Math.floor(Number(m[1]!.replace(',', '.')) * UNITS[m[2]!]!) : Number(v);
}

/** `df`, `df -P`, `df -PTk`, `df -h`. Sizes are returned in bytes. */
export function parseDf(raw: string): DfEntry[] {
  const ls = lines(raw);
  const hi = ls.findIndex((l) => /^Filesystem\s+/.test(l));
  if (hi < 0) throw new Error('df: geen kopregel "Filesystem"');
  const header = ls[hi]!;
  const hasType = /^Filesystem\s+Type\s/.test(header);
  const blk = /(\d+)([KMG]?)-blocks/.exec(header);
  const blockBytes = blk ? Number(blk[1]) * (UNITS[blk[2]!] ?? 1) : 1024;
  const human = /\bSize\b/.test(header);
  const out: DfEntry[] = [];
  let pending = '';
  for (const l of ls.slice(hi + 1)) {
    const w = (pending + ' ' + l).trim().split(/\s+/);
    // Long device names wrap onto their own line in non-POSIX df.
    if (w.length < (hasType ? 7 : 6)) {
      pending += ' ' + l;
      continue;
    }
    pending = '';
    const n = hasType ? 7 : 6;
    const fs = w.slice(0, w.length - (n - 1)).join(' ');
    const rest = w.slice(w.length - (n - 1));
    const [type, sz, used, avail, pct] = hasType ? rest : [undefined, ...rest];
    const mountedOn = rest[rest.length - 1]!;
    out.push({
      filesystem: fs,
      ...(type ? { type } : {}),
      size: size(sz!, blockBytes, human),
      used: size(used!, blockBytes, human),
      available: size(avail!, blockBytes, human),
      ...(/^\d+%$/.test(pct!) ? { usePercent: Number(pct!.slice(0, -1)) } : {}),
      mountedOn,
    });
  }
  return out;
}

export interface FreeRow {
  type: string;
  total: number;
  used: number;
  free: number;
  shared?: number;
  buffCache?: number;
  available?: number;
}

/** `free` (KiB) — values as printed (numbers; `-h` suffixes converted with powers of 1000 like jc). */
export function parseFree(raw: string): FreeRow[] {
  const ls = lines(raw);
  const hi = ls.findIndex((l) => /^\s+total\s+used/.test(l));
  if (hi < 0) throw new Error('free: geen kopregel');
  const cols = ls[hi]!.trim().split(/\s+/);
  const num = (v: string) => {
    const m = /^(\d+(?:\.\d+)?)([KMGT]?)i?B?$/.exec(v);
    return m ? Math.round(Number(m[1]) * ({ '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 } as Record<string, number>)[m[2]!]!) : NaN;
  };
  const out: FreeRow[] = [];
  for (const l of ls.slice(hi + 1)) {
    const m = /^(\S+):\s+(.*)$/.exec(l.trim());
    if (!m) continue;
    const v = m[2]!.split(/\s+/).map(num);
    const row: Record<string, number> = {};
    cols.forEach((c, i) => {
      if (v[i] !== undefined) row[c] = v[i]!;
    });
    out.push({
      type: m[1]!,
      total: row.total!,
      used: row.used!,
      free: row.free!,
      ...(row.shared !== undefined ? { shared: row.shared } : {}),
      ...(row['buff/cache'] !== undefined ? { buffCache: row['buff/cache'] } : {}),
      ...(row.available !== undefined ? { available: row.available } : {}),
    });
  }
  return out;
}
