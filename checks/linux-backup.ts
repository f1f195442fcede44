// A backup exists, is recent, its integrity holds (tar/gzip test or checksum file) and, when asked,
// one file restores from it identical to the original (B1-K2-W2, B1-K3-W3).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { bytes, fail, humanAge, humanBytes, pass, req, seconds } from '../drivers/linux/check-util.js';

const Params = z
  .object({
    path: z.string().startsWith('/'),
    format: z.enum(['tar', 'gzip', 'checksum', 'file']).default('tar'),
    max_age: z.union([z.string(), z.number()]).optional(),
    min_size: z.union([z.string(), z.number()]).optional(),
    checksum_file: z.string().startsWith('/').optional(),
    restore_file: z.string().optional(),
    compare_with: z.string().startsWith('/').optional(),
    identical: z.boolean().default(true),
  })
  .strict()
  .refine((p) => !p.restore_file || p.format === 'tar', 'restore_file kan alleen bij format: tar');
type P = z.infer<typeof Params>;
interface B {
  exists: boolean; path: string; size?: number; mtime?: string; ageSeconds?: number;
  integrity?: { ok: boolean; test: string; entries?: number; error?: string; files?: { file: string; ok: boolean }[] };
  restore?: { ok: boolean; file: string; restoredSha256?: string; originalSha256?: string; originalMissing?: boolean; identical?: boolean; scratchRemoved?: boolean; error?: string };
}

const factParams = (p: P) => ({
  path: p.path, kind: p.format, ...(p.checksum_file ? { checksumFile: p.checksum_file } : {}), ...(p.restore_file ? { restoreFile: p.restore_file } : {}), ...(p.compare_with ? { compareWith: p.compare_with } : {}),
});

export const linuxBackup: CheckKind<P> = {
  kind: 'linux.backup',
  description: 'Back-up bestaat, is recent, is intact (tar/gzip-test of checksum) en één bestand is terug te zetten',
  params: Params,
  platforms: ['linux'],
  facts: (p, t) => [req(t, 'linux.backup', factParams(p))],
  evaluate(p, f, t) {
    const b = f.parsed<B>(req(t, 'linux.backup', factParams(p)));
    if (!b.exists) return fail(`geen back-up gevonden op ${p.path}`, p.path, 'afwezig');
    const actual: Record<string, unknown> = { path: b.path, size: humanBytes(b.size ?? 0), age: humanAge(b.ageSeconds ?? 0), mtime: b.mtime };
    if (p.max_age !== undefined && (b.ageSeconds ?? Infinity) > seconds(p.max_age)) return fail(`back-up ${b.path} is ${humanAge(b.ageSeconds!)} oud, verwacht hoogstens ${p.max_age}`, `≤ ${p.max_age}`, actual);
    if (p.min_size !== undefined && (b.size ?? 0) < bytes(p.min_size)) return fail(`back-up ${b.path} is ${humanBytes(b.size ?? 0)}, verwacht ≥ ${p.min_size}`, `≥ ${p.min_size}`, actual);
    if (b.integrity) {
      actual.integrity = b.integrity.ok ? `${b.integrity.test} OK${b.integrity.entries !== undefined ? ` (${b.integrity.entries} items)` : ''}` : `${b.integrity.test}: ${b.integrity.error ?? 'mislukt'}`;
      if (!b.integrity.ok) return fail(`back-up ${b.path} is beschadigd (${b.integrity.test}: ${b.integrity.error ?? 'mislukt'})`, 'intact', actual);
      if (b.integrity.entries === 0) return fail(`back-up ${b.path} is leeg`, 'intact, niet leeg', actual);
    }
    if (p.restore_file) {
      const r = b.restore;
      if (!r) return { status: 'error', message: 'terugzetten niet uitgevoerd' };
      actual.restore = r;
      if (r.scratchRemoved === false) return { status: 'error', message: 'tijdelijke terugzetmap kon niet worden verwijderd', actual };
      if (!r.ok) return fail(`${p.restore_file} is niet terug te zetten uit ${b.path}: ${r.error ?? 'mislukt'}`, 'terug te zetten', actual);
      if (p.identical) {
        if (r.originalMissing) return fail(`${p.restore_file} teruggezet, maar het origineel ${p.compare_with ?? '/' + p.restore_file.replace(/^\/+/, '')} bestaat niet om mee te vergelijken`, 'gelijk aan origineel', actual);
        if (!r.identical) return fail(`teruggezet ${r.file} wijkt af van het origineel (SHA-256 ${r.restoredSha256?.slice(0, 12)}… ≠ ${r.originalSha256?.slice(0, 12)}…)`, 'gelijk aan origineel', actual);
      }
    }
    return pass(`back-up ${b.path} (${humanAge(b.ageSeconds ?? 0)} oud, ${humanBytes(b.size ?? 0)}) is intact${p.restore_file ? `; ${p.restore_file} teruggezet${p.identical ? ' en gelijk aan het origineel' : ''}` : ''}`, undefined, actual);
  },
};
