// A local user exists with a hashed secret (type 5/8/9), not a type 7 or plain-text password.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, fail, list, pass, runningConfig, show } from './cisco-common.js';

const Params = z.object({
  username: z.string(),
  privilege: z.coerce.number().int().min(0).max(15).optional(),
  /** Accepted secret types (5 = MD5, 8 = PBKDF2-SHA256, 9 = scrypt). */
  secretTypes: z.array(z.coerce.number().int()).default([5, 8, 9]),
});

const typeName = (t: number) => (({ 0: 'onversleuteld', 5: 'MD5', 7: 'type 7 (omkeerbaar)', 8: 'PBKDF2-SHA256', 9: 'scrypt' }) as Record<number, string>)[t] ?? `type ${t}`;

export const ciscoLocalUser: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.local-user',
  description: 'Lokale gebruiker bestaat met een gehasht secret (type 5/8/9), niet type 7 of platte tekst',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const u = cfg.users.find((x) => x.name === p.username);
    const expected = { username: p.username, secret: `type ${list(p.secretTypes, '?').replace(' en ', ' of ')}`, ...(p.privilege !== undefined ? { privilege: p.privilege } : {}) };
    if (!u) return fail(`gebruiker '${p.username}' bestaat niet op ${t.device}; wel: ${list(cfg.users.map((x) => x.name))}`, expected, { users: cfg.users.map((x) => x.name) });
    const actual = {
      username: u.name,
      privilege: u.privilege ?? 1,
      secret: u.secretType !== undefined ? `secret type ${u.secretType}` : u.passwordType !== undefined ? `password type ${u.passwordType}` : 'geen',
    };
    const problems: string[] = [];
    if (u.secretType === undefined) problems.push(u.passwordType !== undefined ? `heeft een password (${typeName(u.passwordType)}) in plaats van een secret` : 'heeft geen wachtwoord');
    else if (!p.secretTypes.includes(u.secretType)) problems.push(`secret is ${typeName(u.secretType)}, verwacht type ${p.secretTypes.join('/')}`);
    if (p.privilege !== undefined && (u.privilege ?? 1) !== p.privilege) problems.push(`privilege is ${u.privilege ?? 1}, verwacht ${p.privilege}`);
    if (problems.length) return fail(`gebruiker '${u.name}' ${problems.join('; ')}`, expected, actual);
    return pass(`gebruiker '${u.name}' heeft een secret type ${u.secretType} (${typeName(u.secretType!)})${u.privilege !== undefined ? `, privilege ${u.privilege}` : ''}`, expected, actual);
  },
};
