// routeros.backup: a configuration backup is present on the router (/file): a binary `.backup`
// (System > Backup) and/or an exported `.rsc` script, optionally with a given name.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, print, records, ROUTEROS } from './routeros-common.js';

const Params = z.object({
  type: z.enum(['backup', 'export', 'any']).default('any'),
  /** Part of the file name that must match (case-insensitive), e.g. the identity. */
  nameContains: z.string().optional(),
});

export const routerosBackup: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.backup',
  description: 'RouterOS: er staat een configuratieback-up (.backup of .rsc) op de router',
  params: Params,
  platforms: ROUTEROS,
  facts: (_p, t) => [print(t.device, '/file')],
  evaluate(p, facts, t) {
    const files = records(facts, t.device, '/file');
    const isBackup = (f: Record<string, string>) => /\.backup$/i.test(f.name) || f.type === 'backup';
    const isExport = (f: Record<string, string>) => /\.rsc$/i.test(f.name) || f.type === 'script';
    const match = files.filter(
      (f) => (p.type === 'backup' ? isBackup(f) : p.type === 'export' ? isExport(f) : isBackup(f) || isExport(f)) && (!p.nameContains || f.name.toLowerCase().includes(p.nameContains.toLowerCase())),
    );
    const what = p.type === 'backup' ? '.backup-bestand' : p.type === 'export' ? 'geëxporteerde configuratie (.rsc)' : 'back-up (.backup of .rsc)';
    const expected = { soort: what, ...(p.nameContains ? { naamBevat: p.nameContains } : {}) };
    const actual = files.filter((f) => isBackup(f) || isExport(f)).map((f) => `${f.name} (${f.size ?? '?'} bytes${f['creation-time'] ? `, ${f['creation-time']}` : ''})`);
    return match.length
      ? pass(`${what} aanwezig: ${match.map((f) => f.name).join(', ')}`, expected, actual)
      : fail(`geen ${what}${p.nameContains ? ` met '${p.nameContains}' in de naam` : ''} gevonden`, expected, actual);
  },
};
