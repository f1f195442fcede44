// All sql check kinds (one file per kind), registered in checks/index.ts with a single entry.
import type { CheckKind } from '../src/core/types.js';
import { sqlGrants } from './sql-grants.js';
import { sqlLogin } from './sql-login.js';
import { sqlQuery } from './sql-query.js';
import { sqlRemoteRoot } from './sql-remote-root.js';
import { sqlUser } from './sql-user.js';

export const sqlChecks: CheckKind[] = [sqlUser, sqlLogin, sqlGrants, sqlRemoteRoot, sqlQuery] as CheckKind[];
