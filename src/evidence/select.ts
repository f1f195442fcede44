// Choosing bundles from paths given on the command line: bundle directories or roots holding them.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { candidateOf, findBundles, loadBundle, MANIFEST, type Bundle } from './bundle.js';

/** Every bundle directory named, or found below a named directory. */
export function expandBundles(paths: string[], o: { includePartial?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (existsSync(join(abs, MANIFEST)) || existsSync(join(abs, 'bundle.json')) || abs.endsWith('.partial')) out.push(abs);
    else out.push(...findBundles(abs, o));
  }
  return [...new Set(out)];
}

/** Per exam and pod the bundle that counts: the last eindmeting in the chain, else the last run. */
export function latestPerPod(paths: string[]): Bundle[] {
  const byChain = new Map<string, string[]>();
  for (const d of expandBundles(paths).filter((d) => !d.endsWith('.partial') && existsSync(join(d, MANIFEST)))) {
    const k = `${dirname(d)}\0${candidateOf(d)}`;
    byChain.set(k, [...(byChain.get(k) ?? []), d]);
  }
  const chosen: Bundle[] = [];
  for (const dirs of byChain.values()) {
    const bundles = dirs.sort().map((d) => loadBundle(d));
    const finals = bundles.filter((b) => b.meta.phase === 'eindmeting');
    chosen.push((finals.at(-1) ?? bundles.at(-1))!);
  }
  return chosen.sort((a, b) => (a.meta.candidate?.id ?? a.meta.pod).localeCompare(b.meta.candidate?.id ?? b.meta.pod) || a.meta.exam.id.localeCompare(b.meta.exam.id));
}

/** Baseline (first nulmeting, else first run) and final (last eindmeting, else last run) of one chain. */
export function baselineAndFinal(chainOrBundle: string): { baseline: Bundle; final: Bundle } | undefined {
  const abs = resolve(chainOrBundle);
  const dir = existsSync(join(abs, MANIFEST)) ? dirname(abs) : abs;
  const all = findBundles(dir).filter((d) => dirname(d) === dir && existsSync(join(d, MANIFEST))).sort();
  // The session of one candidate: the named bundle's, else the latest run's.
  const who = candidateOf(existsSync(join(abs, MANIFEST)) ? abs : (all.at(-1) ?? abs));
  const dirs = all.filter((d) => candidateOf(d) === who);
  if (dirs.length < 2) return undefined;
  const bundles = dirs.map((d) => loadBundle(d));
  const baseline = bundles.find((b) => b.meta.phase === 'nulmeting') ?? bundles[0];
  const final = bundles.filter((b) => b.meta.phase === 'eindmeting').at(-1) ?? bundles.at(-1)!;
  return baseline === final ? undefined : { baseline, final };
}
