// Effective OpenSSH server settings (sshd -T): e.g. PermitRootLogin no, PasswordAuthentication no,
// AllowUsers beheerder. Keys and words compare case-insensitively; lists compare as sets.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';
import type { SshdConfig } from '../drivers/linux/parsers/misc.js';

const Params = z
  .object({
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).refine((s) => Object.keys(s).length > 0, 'noem minstens één instelling'),
    match: z.object({ user: z.string(), host: z.string().default('localhost'), addr: z.string().default('127.0.0.1') }).optional(),
    config: z.string().optional(),
  })
  .strict();
type P = z.infer<typeof Params>;

/** sshd -T prints aliases under their canonical name. */
const ALIASES: Record<string, string> = { challengeresponseauthentication: 'kbdinteractiveauthentication' };
/** Values sshd prints differently from how admins write them. */
const VALUE_ALIASES: Record<string, Record<string, string>> = { permitrootlogin: { 'without-password': 'prohibit-password' } };

const factParams = (p: P) => ({ ...(p.config ? { config: p.config } : {}), ...(p.match ? { match: p.match } : {}) });
const norm = (key: string, v: string) => {
  const s = v.trim().toLowerCase();
  return VALUE_ALIASES[key]?.[s] ?? s;
};

export const linuxSshd: CheckKind<P> = {
  kind: 'linux.sshd',
  description: 'Effectieve sshd-instellingen (sshd -T), bv. PermitRootLogin no, PasswordAuthentication no, AllowUsers',
  params: Params,
  platforms: ['linux'],
  facts: (p, t) => [req(t, 'linux.sshd', factParams(p))],
  evaluate(p, f, t) {
    const cfg = f.parsed<SshdConfig>(req(t, 'linux.sshd', factParams(p)));
    const wrong: string[] = [];
    const expected: Record<string, unknown> = {};
    const actual: Record<string, unknown> = {};
    for (const [k0, want] of Object.entries(p.settings)) {
      const k = ALIASES[k0.toLowerCase()] ?? k0.toLowerCase();
      const have = cfg[k];
      expected[k0] = want;
      actual[k0] = have ?? null;
      if (Array.isArray(want) || Array.isArray(have)) {
        const w = new Set((Array.isArray(want) ? want : String(want).split(/\s+/)).map((x) => norm(k, x)));
        const h = new Set((Array.isArray(have) ? have : have === undefined ? [] : [have]).flatMap((x) => x.split(/\s+/)).map((x) => norm(k, x)));
        if (w.size !== h.size || [...w].some((x) => !h.has(x))) wrong.push(`${k0} is ${h.size ? [...h].join(' ') : '(niet ingesteld)'}, verwacht ${[...w].join(' ')}`);
      } else {
        const w = norm(k, typeof want === 'boolean' ? (want ? 'yes' : 'no') : String(want));
        if (have === undefined || norm(k, have) !== w) wrong.push(`${k0} is ${have ?? '(niet ingesteld)'}, verwacht ${w}`);
      }
    }
    const ctx = p.match ? ` (voor ${p.match.user} vanaf ${p.match.addr})` : '';
    return wrong.length ? fail(`sshd${ctx}: ${wrong.join('; ')}`, expected, actual) : pass(`sshd-instellingen${ctx} kloppen`, expected, actual);
  },
};
