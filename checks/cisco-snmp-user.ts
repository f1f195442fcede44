// An SNMPv3 user exists with authentication and privacy (show snmp user; v3 users are not in running-config).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { SnmpUser } from '../drivers/cisco-ios/parsers/snmp.js';
import { CISCO, CMD, eqi, fail, list, pass, show } from './cisco-common.js';

const Params = z.object({
  username: z.string(),
  group: z.string().optional(),
  /** Authentication required (SHA/MD5); `sha` demands SHA. */
  auth: z.union([z.boolean(), z.enum(['sha', 'md5'])]).default(true),
  /** Privacy (encryption) required; `aes` demands AES. */
  priv: z.union([z.boolean(), z.enum(['aes', 'des'])]).default(true),
});

const none = (s: string) => !s || /^(none|-)$/i.test(s);

export const ciscoSnmpUser: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.snmp-user',
  description: 'SNMPv3-gebruiker bestaat met authenticatie en versleuteling (authPriv)',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.snmpUser)],
  evaluate(p, facts, t) {
    const users = facts.parsed<SnmpUser[]>(show(t.device, CMD.snmpUser));
    const u = users.find((x) => x.name === p.username);
    const expected = { username: p.username, ...(p.group ? { group: p.group } : {}), auth: p.auth === true ? 'ja' : p.auth || 'nee', priv: p.priv === true ? 'ja' : p.priv || 'nee' };
    if (!u) return fail(`SNMPv3-gebruiker '${p.username}' bestaat niet op ${t.device}; wel: ${list(users.map((x) => x.name))}`, expected, { users: users.map((x) => x.name) });
    const actual = { username: u.name, group: u.group, auth: u.authProtocol, priv: u.privProtocol };
    const problems: string[] = [];
    if (p.group && !eqi(u.group, p.group)) problems.push(`groep is '${u.group}', verwacht '${p.group}'`);
    if (p.auth && none(u.authProtocol)) problems.push('geen authenticatie');
    if (typeof p.auth === 'string' && !u.authProtocol.toLowerCase().startsWith(p.auth)) problems.push(`authenticatie is ${u.authProtocol}, verwacht ${p.auth.toUpperCase()}`);
    if (p.priv && none(u.privProtocol)) problems.push('geen versleuteling (priv)');
    if (typeof p.priv === 'string' && !u.privProtocol.toLowerCase().startsWith(p.priv)) problems.push(`versleuteling is ${u.privProtocol}, verwacht ${p.priv.toUpperCase()}`);
    if (problems.length) return fail(`SNMPv3-gebruiker '${u.name}': ${problems.join('; ')}`, expected, actual);
    return pass(`SNMPv3-gebruiker '${u.name}' (groep ${u.group}) met ${u.authProtocol}/${u.privProtocol}`, expected, actual);
  },
};
