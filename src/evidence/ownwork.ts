// Proof of own work. (1) Baseline vs final: what changed on which device between the nulmeting
// (before the candidate started) and the eindmeting, per fact, from the raw observations.
// (2) Copy detection: values that are identical across candidates where they should differ —
// another candidate's own variable values showing up in someone's devices, or configured fields
// (hostnames, keys, hashes, serials) that are equal between pods — flagged for the examiner,
// never decided automatically.
import type { Observation } from '../core/types.js';
import { stableJson } from '../core/util.js';
import { REDACTED } from '../core/redact.js';
import type { Bundle } from './bundle.js';

export interface LineDiff {
  added: string[];
  removed: string[];
  /** Unified-style listing: '+ ', '- ', '  ' prefixed lines (context trimmed). */
  lines: string[];
}

export interface FactChange {
  device: string;
  fact: string;
  command: string;
  change: 'gewijzigd' | 'nieuw' | 'verdwenen' | 'gelijk';
  raw?: LineDiff;
  parsedChanged: boolean;
  before?: { observation: string; at: string; error?: string };
  after?: { observation: string; at: string; error?: string };
}

export interface BaselineDiff {
  pod: string;
  baseline: { bundle: string; phase: string; at: string };
  final: { bundle: string; phase: string; at: string };
  devices: Record<string, { changed: number; unchanged: number; facts: FactChange[] }>;
  changed: number;
  unchanged: number;
}

/** Line diff by longest common subsequence (outputs are small: a few thousand lines at most). */
export function diffLines(a: string, b: string, context = 2): LineDiff {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  if (n * m > 25_000_000) {
    // Too big for LCS: fall back to set difference.
    const sx = new Set(x);
    const sy = new Set(y);
    const removed = x.filter((l) => !sy.has(l));
    const added = y.filter((l) => !sx.has(l));
    return { added, removed, lines: [...removed.map((l) => `- ${l}`), ...added.map((l) => `+ ${l}`)] };
  }
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = x[i] === y[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const ops: { op: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      ops.push({ op: ' ', line: x[i] });
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) ops.push({ op: '-', line: x[i++] });
    else ops.push({ op: '+', line: y[j++] });
  }
  while (i < n) ops.push({ op: '-', line: x[i++] });
  while (j < m) ops.push({ op: '+', line: y[j++] });
  const keep = ops.map((o, k) => o.op !== ' ' || ops.slice(Math.max(0, k - context), k + context + 1).some((p) => p.op !== ' '));
  const lines: string[] = [];
  ops.forEach((o, k) => {
    if (keep[k]) lines.push(`${o.op} ${o.line}`);
    else if (k > 0 && keep[k - 1]) lines.push('  …');
  });
  return { added: ops.filter((o) => o.op === '+').map((o) => o.line), removed: ops.filter((o) => o.op === '-').map((o) => o.line), lines };
}

const keyOf = (o: Observation) => `${o.device}\0${o.fact}\0${stableJson(o.params)}`;

/** Latest attempt per fact. */
function latest(obs: Observation[]): Map<string, Observation> {
  const m = new Map<string, Observation>();
  for (const o of obs) {
    const k = keyOf(o);
    const cur = m.get(k);
    if (!cur || o.attempt > cur.attempt) m.set(k, o);
  }
  return m;
}

/** What changed between two runs of the same pod (baseline = nulmeting, final = eindmeting). */
export function compareRuns(baseline: Bundle, final: Bundle): BaselineDiff {
  const a = latest(baseline.observations);
  const b = latest(final.observations);
  const out: BaselineDiff = {
    pod: final.meta.pod,
    baseline: { bundle: baseline.dir, phase: baseline.meta.phase, at: baseline.meta.run.startedAt },
    final: { bundle: final.dir, phase: final.meta.phase, at: final.meta.run.startedAt },
    devices: {},
    changed: 0,
    unchanged: 0,
  };
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const k of keys) {
    const before = a.get(k);
    const after = b.get(k);
    const o = (after ?? before)!;
    const ref = (x?: Observation) => (x ? { observation: x.id, at: x.startedAt, ...(x.error ? { error: x.error } : {}) } : undefined);
    let change: FactChange['change'];
    let raw: LineDiff | undefined;
    let parsedChanged = false;
    if (!before) change = 'nieuw';
    else if (!after) change = 'verdwenen';
    else {
      const ta = before.error ? `(niet waarneembaar: ${before.error})` : before.raw;
      const tb = after.error ? `(niet waarneembaar: ${after.error})` : after.raw;
      parsedChanged = stableJson(before.parsed ?? null) !== stableJson(after.parsed ?? null);
      if (ta !== tb) raw = diffLines(ta, tb);
      change = raw || parsedChanged ? 'gewijzigd' : 'gelijk';
    }
    if (change === 'nieuw' && after) raw = diffLines('', after.error ? `(niet waarneembaar: ${after.error})` : after.raw);
    const dev = (out.devices[o.device] ??= { changed: 0, unchanged: 0, facts: [] });
    if (change === 'gelijk') {
      dev.unchanged++;
      out.unchanged++;
    } else {
      dev.changed++;
      out.changed++;
    }
    dev.facts.push({ device: o.device, fact: o.fact, command: o.command, change, ...(raw ? { raw } : {}), parsedChanged, ...(before ? { before: ref(before) } : {}), ...(after ? { after: ref(after) } : {}) });
  }
  return out;
}

export function renderBaselineDiff(d: BaselineDiff): string {
  const out = [`Pod ${d.pod}: ${d.baseline.phase} (${d.baseline.at}) → ${d.final.phase} (${d.final.at})`, `${d.changed} waarneming(en) gewijzigd, ${d.unchanged} gelijk`];
  for (const [dev, x] of Object.entries(d.devices)) {
    out.push(`\n${dev}: ${x.changed} gewijzigd, ${x.unchanged} gelijk`);
    for (const f of x.facts.filter((f) => f.change !== 'gelijk')) {
      out.push(`  [${f.change}] ${f.command || f.fact}${f.parsedChanged && !f.raw ? ' (alleen geïnterpreteerde waarde)' : ''}`);
      for (const l of (f.raw?.lines ?? []).slice(0, 60)) out.push(`    ${l}`);
      if ((f.raw?.lines.length ?? 0) > 60) out.push(`    … (${f.raw!.lines.length - 60} regels meer)`);
    }
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------

export interface CopyFlag {
  kind: 'variabele-van-ander' | 'gelijk-veld' | 'gelijke-identiteit';
  /** Pods involved (the one whose evidence contains the value first). */
  pods: string[];
  candidates: string[];
  field: string;
  value: string;
  where: { pod: string; device: string; command: string; observation: string }[];
  message: string;
}

/** Fields that should differ per candidate: regex with one capture group, applied per line of raw output. */
export const DEFAULT_FIELDS: { name: string; pattern: RegExp }[] = [
  { name: 'hostname', pattern: /^\s*hostname\s+(\S+)/ },
  { name: 'routeros identity', pattern: /^\s*\/system identity set name=("?[^"\s]+"?)/ },
  { name: 'ssh-sleutel', pattern: /\b(?:ssh-(?:rsa|ed25519)|ecdsa-sha2-nistp\d+)\s+([A-Za-z0-9+/=]{40,})/ },
  { name: 'hash/vingerafdruk', pattern: /\b((?:SHA256:[A-Za-z0-9+/]{43})|(?:[0-9a-f]{2}:){15,}[0-9a-f]{2})\b/i },
  { name: 'domain-name', pattern: /^\s*ip domain[- ]name\s+(\S+)/ },
];

const IDENTITY_FIELDS = ['serial', 'hostKeyFingerprint'];

function flatValues(v: unknown, out: Set<string>) {
  if (typeof v === 'string' || typeof v === 'number') out.add(String(v));
  else if (Array.isArray(v)) v.forEach((x) => flatValues(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => flatValues(x, out));
}

/**
 * Compare the final runs of several candidates of one exam. Variable values that appear in only
 * one candidate's own draw and show up in another candidate's evidence are flagged; so are equal
 * configured fields and equal device identities between pods.
 */
export function detectCopies(bundles: Bundle[], o: { fields?: { name: string; pattern: RegExp }[]; minLength?: number } = {}): CopyFlag[] {
  // Candidates are compared within one exam.
  const byExam = new Map<string, Bundle[]>();
  for (const b of bundles) byExam.set(b.meta.exam.id, [...(byExam.get(b.meta.exam.id) ?? []), b]);
  if (byExam.size > 1) return [...byExam.values()].flatMap((group) => detectCopies(group, o));
  const flags: CopyFlag[] = [];
  const minLength = o.minLength ?? 4;
  const who = (b: Bundle) => b.meta.candidate?.id ?? b.meta.pod;
  // Values of each pod's variables; a value shared by several pods is not candidate-specific.
  const own = new Map<Bundle, Set<string>>();
  const count = new Map<string, number>();
  for (const b of bundles) {
    const s = new Set<string>();
    flatValues(b.pod.variables, s);
    own.set(b, s);
    for (const v of s) count.set(v, (count.get(v) ?? 0) + 1);
  }
  const distinctive = (v: string) => v.length >= minLength && count.get(v) === 1 && !/^\d{1,5}$/.test(v) && v !== REDACTED;
  for (const b of bundles) {
    for (const other of bundles) {
      if (other === b) continue;
      for (const [name, value] of Object.entries(other.pod.variables)) {
        const vals = new Set<string>();
        flatValues(value, vals);
        for (const v of vals) {
          if (!distinctive(v) || own.get(b)!.has(v)) continue;
          const hits = b.observations.filter((x) => x.raw.includes(v));
          if (!hits.length) continue;
          flags.push({
            kind: 'variabele-van-ander',
            pods: [b.meta.pod, other.meta.pod],
            candidates: [who(b), who(other)],
            field: name,
            value: v,
            where: hits.slice(0, 5).map((x) => ({ pod: b.meta.pod, device: x.device, command: x.command, observation: x.id })),
            message: `in het bewijs van ${who(b)} staat '${v}': de waarde van variabele '${name}' van ${who(other)}, niet de eigen waarde`,
          });
        }
      }
    }
  }
  // Configured fields equal between pods.
  const fields = o.fields ?? DEFAULT_FIELDS;
  const seen = new Map<string, { b: Bundle; x: Observation }[]>();
  for (const b of bundles)
    for (const x of b.observations)
      for (const line of x.raw.split('\n'))
        for (const f of fields) {
          const m = f.pattern.exec(line);
          const v = m?.[1];
          // A value written in the assignment itself (a fixed domain name, say) is expected to be equal.
          if (!v || v.includes(REDACTED) || v.length < minLength || b.examSource.includes(v)) continue;
          const k = `${f.name}\0${v}`;
          const list = seen.get(k) ?? [];
          if (!list.some((e) => e.b === b)) list.push({ b, x });
          seen.set(k, list);
        }
  for (const [k, list] of seen) {
    // Equal in every pod (more than one) = a shared default, not a copy; flag only partial overlap.
    if (list.length < 2 || (list.length === bundles.length && bundles.length > 2)) continue;
    const [field, value] = k.split('\0');
    flags.push({
      kind: 'gelijk-veld',
      pods: list.map((e) => e.b.meta.pod),
      candidates: list.map((e) => who(e.b)),
      field,
      value,
      where: list.map((e) => ({ pod: e.b.meta.pod, device: e.x.device, command: e.x.command, observation: e.x.id })),
      message: `${field} '${value}' is gelijk bij ${list.map((e) => who(e.b)).join(', ')}`,
    });
  }
  // Device identities that should be unique per pod.
  const ids = new Map<string, { b: Bundle; device: string }[]>();
  for (const b of bundles)
    for (const d of b.pod.devices)
      for (const f of IDENTITY_FIELDS) {
        const v = d.identity?.[f];
        if (typeof v !== 'string' || !v) continue;
        const k = `${f}\0${v}`;
        ids.set(k, [...(ids.get(k) ?? []), { b, device: d.role }]);
      }
  for (const [k, list] of ids) {
    const pods = [...new Set(list.map((e) => e.b.meta.pod))];
    if (pods.length < 2) continue;
    const [field, value] = k.split('\0');
    flags.push({
      kind: 'gelijke-identiteit',
      pods,
      candidates: [...new Set(list.map((e) => who(e.b)))],
      field,
      value,
      where: list.map((e) => ({ pod: e.b.meta.pod, device: e.device, command: 'identity', observation: '' })),
      message: `apparaat-${field} ${value} komt voor in pods ${pods.join(', ')} (zelfde apparaat of gekopieerde sleutel?)`,
    });
  }
  return flags;
}
