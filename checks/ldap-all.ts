// All ldap (Active Directory / Samba AD) check kinds, registered in checks/index.ts with one entry.
import type { CheckKind } from '../src/core/types.js';
import { ldapComputer } from './ldap-computer.js';
import { ldapGroup } from './ldap-group.js';
import { ldapOu } from './ldap-ou.js';
import { ldapPasswordPolicy } from './ldap-password-policy.js';
import { ldapUser } from './ldap-user.js';

export const ldapChecks: CheckKind[] = [ldapOu, ldapUser, ldapGroup, ldapComputer, ldapPasswordPolicy] as CheckKind[];
