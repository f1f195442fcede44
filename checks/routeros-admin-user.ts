// routeros.admin-user: the factory account is not left as it was: user `admin` renamed, or given a
// password. How this is observed read-only: the harness tries to log in as `admin` with an empty
// password (fact routeros.login — a separate API/SSH login attempt, nothing is changed) and reads
// /user. Refused login = pass (the message says whether admin still exists, i.e. has a password,
// or was renamed). Note: an address restriction on the admin account also refuses that login.
import { z } from 'zod';
import type { CheckKind, FactRequest } from '../src/core/types.js';
import { enabled, fail, pass, print, records, ROUTEROS } from './routeros-common.js';

const Params = z.object({
  /** The factory account name. */
  user: z.string().default('admin'),
  /** Also require that the account is renamed (no user `admin` at all). */
  requireRename: z.boolean().default(false),
});

const probe = (device: string, user: string): FactRequest => ({ device, fact: 'routeros.login', params: { user, password: '' } });

export const routerosAdminUser: CheckKind<z.infer<typeof Params>> = {
  kind: 'routeros.admin-user',
  description: 'RouterOS: standaardaccount admin hernoemd of voorzien van een wachtwoord (aanmelden zonder wachtwoord lukt niet)',
  params: Params,
  platforms: ROUTEROS,
  facts: (p, t) => [print(t.device, '/user'), probe(t.device, p.user)],
  evaluate(p, facts, t) {
    const users = records(facts, t.device, '/user');
    const login = facts.parsed<{ accepted: boolean; message?: string }>(probe(t.device, p.user));
    const admin = users.find((u) => u.name === p.user);
    const expected = { aanmeldenZonderWachtwoord: 'geweigerd', ...(p.requireRename ? { gebruiker: `geen '${p.user}'` } : {}) };
    const actual = { aanmeldenZonderWachtwoord: login.accepted ? 'gelukt' : 'geweigerd', gebruikers: users.map((u) => `${u.name} (${u.group}${enabled(u) ? '' : ', uit'})`) };
    if (login.accepted) return fail(`aanmelden als '${p.user}' zonder wachtwoord lukt: het standaardaccount is niet beveiligd`, expected, actual);
    if (p.requireRename && admin) return fail(`gebruiker '${p.user}' bestaat nog (wel met wachtwoord), verwacht hernoemd`, expected, actual);
    if (!admin) return pass(`gebruiker '${p.user}' is hernoemd of verwijderd; aanmelden zonder wachtwoord geweigerd`, expected, actual);
    return pass(`'${p.user}' heeft een wachtwoord: aanmelden zonder wachtwoord geweigerd`, expected, actual);
  },
};
