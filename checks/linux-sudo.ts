// A user has (or has not) sudo rights: everything, or specific commands, with or without password.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';
import type { SudoRights } from '../drivers/linux/parsers/accounts.js';

const Params = z
  .object({
    user: z.string().min(1),
    allowed: z.boolean().default(true),
    // Not `all`: that key is the all-of combinator in an exam's check expression.
    all_commands: z.boolean().optional(),
    commands: z.array(z.string()).optional(),
    nopasswd: z.boolean().optional(),
  })
  .strict();
type P = z.infer<typeof Params>;

export const linuxSudo: CheckKind<P> = {
  kind: 'linux.sudo',
  description: 'Sudo-rechten van een gebruiker: wel/geen, alles of alleen bepaalde opdrachten, met of zonder wachtwoord',
  params: Params,
  platforms: ['linux'],
  facts: (p, t) => [req(t, 'linux.sudo', { user: p.user })],
  evaluate(p, f, t) {
    const s = f.parsed<SudoRights>(req(t, 'linux.sudo', { user: p.user }));
    const rules = s.rules.map((r) => `(${r.runAs}) ${r.nopasswd ? 'NOPASSWD: ' : ''}${r.commands.join(', ')}`);
    if (!s.exists) return fail(`gebruiker ${p.user} bestaat niet`, p.user, 'afwezig');
    if (!p.allowed) return s.allowed ? fail(`${p.user} heeft sudo-rechten`, 'geen sudo', rules) : pass(`${p.user} heeft geen sudo-rechten`, 'geen sudo', 'geen sudo');
    if (!s.allowed) return fail(`${p.user} heeft geen sudo-rechten`, 'sudo', 'geen sudo');
    if (p.all_commands === true && !s.all) return fail(`${p.user} mag niet alle opdrachten via sudo uitvoeren`, 'ALL', rules);
    if (p.all_commands === false && s.all) return fail(`${p.user} mag alle opdrachten via sudo uitvoeren (te ruim)`, 'beperkte opdrachten', rules);
    if (p.commands) {
      const granted = s.rules.flatMap((r) => r.commands);
      const missing = p.commands.filter((c) => !granted.includes(c) && !granted.includes('ALL') && !granted.some((g) => g.endsWith('*') && c.startsWith(g.slice(0, -1))));
      if (missing.length) return fail(`${p.user} mag ${missing.join(', ')} niet via sudo uitvoeren`, p.commands, rules);
    }
    if (p.nopasswd !== undefined) {
      const np = s.rules.some((r) => r.nopasswd);
      if (np !== p.nopasswd) return fail(p.nopasswd ? `sudo vraagt ${p.user} om een wachtwoord` : `${p.user} kan sudo gebruiken zonder wachtwoord (NOPASSWD)`, p.nopasswd ? 'NOPASSWD' : 'wachtwoord', rules);
    }
    return pass(`${p.user} heeft de gevraagde sudo-rechten`, undefined, rules);
  },
};
