// An SMB share exists with the expected path, share permissions and NTFS permissions.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, ieq, pass, req, sameAccount } from './windows-common.js';

const SHARE_ORDER = ['Read', 'Change', 'Full'];
const NTFS_ORDER = ['Read', 'ReadAndExecute', 'Modify', 'FullControl'];
const Params = z
  .object({
    name: z.string().min(1),
    path: z.string().optional(),
    share_access: z.array(z.object({ account: z.string(), right: z.enum(['Read', 'Change', 'Full']) }).strict()).default([]),
    ntfs: z.array(z.object({ account: z.string(), rights: z.enum(['Read', 'ReadAndExecute', 'Modify', 'FullControl']) }).strict()).default([]),
    /** Accounts that must not have any (share or NTFS) access, e.g. Everyone. */
    no_access: z.array(z.string()).default([]),
  })
  .strict();
type P = z.infer<typeof Params>;
interface Share { name: string; path: string; access: { account: string; type: string; right: string }[]; ntfs: { account: string; rights: string; type: string }[] }
const ntfsLevel = (rights: string) => Math.max(-1, ...NTFS_ORDER.map((r, i) => (rights.split(/,\s*/).includes(r) ? i : -1)));

export const windowsShare: CheckKind<P> = {
  kind: 'windows.share',
  description: 'SMB-share bestaat met het juiste pad, sharerechten en NTFS-rechten (minimaal het gevraagde, geen ongewenste accounts)',
  params: Params,
  platforms: ['windows'],
  facts: (_p, t) => [req(t, 'windows.shares')],
  evaluate(p, f, t) {
    const { shares } = f.parsed<{ shares: Share[] }>(req(t, 'windows.shares'));
    const s = shares.find((x) => ieq(x.name, p.name));
    if (!s) return fail(`share ${p.name} bestaat niet`, p.name, shares.map((x) => x.name));
    if (p.path && !ieq(s.path.replace(/\\+$/, ''), p.path.replace(/\\+$/, ''))) return fail(`share ${p.name} wijst naar ${s.path}, verwacht ${p.path}`, p.path, s.path);
    for (const w of p.share_access) {
      const a = s.access.find((x) => x.type === 'Allow' && sameAccount(w.account, x.account));
      if (!a || SHARE_ORDER.indexOf(a.right) < SHARE_ORDER.indexOf(w.right)) return fail(`sharerecht ${w.account} is ${a?.right ?? 'geen'}, verwacht ${w.right}`, w, s.access);
      if (SHARE_ORDER.indexOf(a.right) > SHARE_ORDER.indexOf(w.right)) return fail(`sharerecht ${w.account} is ${a.right}: meer dan ${w.right}`, w, s.access);
    }
    for (const w of p.ntfs) {
      const lvl = Math.max(-1, ...s.ntfs.filter((x) => x.type === 'Allow' && sameAccount(w.account, x.account)).map((x) => ntfsLevel(x.rights)));
      const want = NTFS_ORDER.indexOf(w.rights);
      if (lvl < want) return fail(`NTFS-recht ${w.account} is ${lvl < 0 ? 'geen' : NTFS_ORDER[lvl]}, verwacht ${w.rights}`, w, s.ntfs);
      if (lvl > want) return fail(`NTFS-recht ${w.account} is ${NTFS_ORDER[lvl]}: meer dan ${w.rights}`, w, s.ntfs);
    }
    const leak = p.no_access.filter((acc) => s.access.some((x) => x.type === 'Allow' && sameAccount(acc, x.account)) || s.ntfs.some((x) => x.type === 'Allow' && sameAccount(acc, x.account)));
    if (leak.length) return fail(`ongewenste toegang voor ${leak.join(', ')} op ${p.name}`, { no_access: p.no_access }, { share: s.access, ntfs: s.ntfs });
    return pass(`share ${p.name} (${s.path}) met de gevraagde rechten`, undefined, { share: s.access, ntfs: s.ntfs });
  },
};
