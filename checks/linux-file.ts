// A file or directory exists (or not) with owner, group, mode, content and/or hash as asked.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';

const TYPES = { file: 'regular file', directory: 'directory', link: 'symbolic link' } as const;
const Params = z
  .object({
    path: z.string().startsWith('/'),
    present: z.boolean().default(true),
    type: z.enum(['file', 'directory', 'link']).optional(),
    owner: z.string().optional(),
    group: z.string().optional(),
    mode: z.union([z.string().regex(/^[0-7]{3,4}$/), z.number().int()]).transform(String).optional(),
    max_mode: z.union([z.string().regex(/^[0-7]{3,4}$/), z.number().int()]).transform(String).optional(),
    contains: z.string().optional(),
    not_contains: z.string().optional(),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
  })
  .strict();
type P = z.infer<typeof Params>;
interface F { exists: boolean; type?: string; linkTarget?: string; targetType?: string; owner?: string; group?: string; mode?: string; size?: number; content?: string; contentTruncated?: boolean; sha256?: string }

const factParams = (p: P) => ({ path: p.path, content: p.contains !== undefined || p.not_contains !== undefined, hash: p.sha256 !== undefined });
const oct = (s: string) => parseInt(s, 8);

export const linuxFile: CheckKind<P> = {
  kind: 'linux.file',
  description: 'Bestand of map bestaat (of niet) met de gevraagde eigenaar, groep, rechten, inhoud (regex) of SHA-256',
  params: Params,
  platforms: ['linux'],
  facts: (p, t) => [req(t, 'linux.file', factParams(p))],
  evaluate(p, f, t) {
    const x = f.parsed<F>(req(t, 'linux.file', factParams(p)));
    if (!p.present) return x.exists ? fail(`${p.path} bestaat nog`, 'afwezig', x.type) : pass(`${p.path} bestaat niet`, 'afwezig', 'afwezig');
    if (!x.exists) return fail(`${p.path} bestaat niet`, p.path, 'afwezig');
    const problems: string[] = [];
    if (p.type && x.type !== TYPES[p.type]) problems.push(`is een ${x.type}, verwacht ${TYPES[p.type]}`);
    if (p.owner && x.owner !== p.owner) problems.push(`eigenaar is ${x.owner}, verwacht ${p.owner}`);
    if (p.group && x.group !== p.group) problems.push(`groep is ${x.group}, verwacht ${p.group}`);
    if (p.mode && oct(x.mode!) !== oct(p.mode)) problems.push(`rechten zijn ${x.mode}, verwacht ${p.mode.padStart(4, '0')}`);
    if (p.max_mode && (oct(x.mode!) & ~oct(p.max_mode)) !== 0) problems.push(`rechten ${x.mode} zijn ruimer dan ${p.max_mode.padStart(4, '0')}`);
    if (p.contains !== undefined) {
      if (x.content === undefined)
        problems.push(x.type === 'symbolic link' ? `koppeling naar ${x.linkTarget}: ${x.targetType === 'ontbreekt' ? 'het doel bestaat niet' : `het doel is een ${x.targetType}`}` : `inhoud niet gelezen (${x.type}, geen gewoon bestand)`);
      else if (!new RegExp(p.contains, 'm').test(x.content)) problems.push(`inhoud bevat /${p.contains}/ niet${x.contentTruncated ? ' (alleen het begin gelezen)' : ''}`);
    }
    if (p.not_contains !== undefined && x.content !== undefined && new RegExp(p.not_contains, 'm').test(x.content)) problems.push(`inhoud bevat /${p.not_contains}/`);
    if (p.sha256 && x.sha256?.toLowerCase() !== p.sha256.toLowerCase()) problems.push(`SHA-256 is ${x.sha256 ?? 'onbekend'}`);
    const actual = { type: x.type, ...(x.linkTarget ? { linkTarget: x.linkTarget } : {}), owner: x.owner, group: x.group, mode: x.mode, ...(x.sha256 ? { sha256: x.sha256 } : {}) };
    const expected = Object.fromEntries(Object.entries(p).filter(([k, v]) => v !== undefined && k !== 'present'));
    return problems.length ? fail(`${p.path}: ${problems.join('; ')}`, expected, actual) : pass(`${p.path} voldoet (${x.type}, ${x.owner}:${x.group} ${x.mode})`, expected, actual);
  },
};
