// MySQL/MariaDB grant lines (SHOW GRANTS) and host patterns.

export interface MyGrant {
  privileges: string[];
  /** Schema name, `*` for global. */
  schema: string;
  /** Table name, `*` for the whole schema. */
  table: string;
  grantOption: boolean;
}

const unq = (s: string) => s.replace(/^[`'"](.*)[`'"]$/, '$1').replace(/``/g, '`');

/** `GRANT SELECT, INSERT ON `shop`.* TO `app`@`localhost` [IDENTIFIED BY PASSWORD '…'] [WITH GRANT OPTION]`. Roles (`GRANT r TO u`) → privileges [`ROLE r`]. */
export function parseMysqlGrants(line: string): MyGrant[] {
  const m = /^GRANT\s+(.+?)\s+ON\s+(?:(?:TABLE|FUNCTION|PROCEDURE|PACKAGE(?: BODY)?)\s+)?(`(?:[^`]|``)*`|\*|[\w$]+)\.(`(?:[^`]|``)*`|\*|[\w$]+)\s+TO\s+(.+)$/i.exec(line.trim());
  if (!m) {
    const r = /^GRANT\s+(.+?)\s+TO\s+/i.exec(line.trim());
    if (r) return [{ privileges: r[1]!.split(',').map((x) => `ROLE ${unq(x.trim())}`), schema: '*', table: '*', grantOption: /WITH ADMIN OPTION/i.test(line) }];
    return [];
  }
  // Split privilege list on commas outside parentheses (column privileges: SELECT (a, b)).
  const privs: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of m[1]!) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      privs.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) privs.push(cur.trim());
  return [{ privileges: privs.map((p) => p.toUpperCase().replace(/\s+/g, ' ')), schema: unq(m[2]!), table: unq(m[3]!), grantOption: /WITH GRANT OPTION/i.test(m[4]!) }];
}

/** Does client host/address `from` match MySQL host pattern `pattern` (`%`, `_`, `10.0.0.%`, `localhost`)? */
export function hostMatches(pattern: string, from: string): boolean {
  const p = pattern.toLowerCase();
  const f = from.toLowerCase();
  const net = /^(\d+\.\d+\.\d+\.\d+)\/(\d+\.\d+\.\d+\.\d+)$/.exec(p);
  if (net) {
    const n = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(f)) return false;
    const mask = n(net[2]!);
    return (n(f) & mask) >>> 0 === (n(net[1]!) & mask) >>> 0;
  }
  const re = new RegExp('^' + p.replace(/[.+?^${}()|[\]\\*]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.') + '$');
  return re.test(f);
}

/** Hosts that mean "this machine only". */
export const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '127.0.0.0/255.0.0.0']);
