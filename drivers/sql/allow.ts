// Read-only allow-list for SQL in check mode: one statement, SELECT / SHOW / WITH … SELECT /
// EXPLAIN / DESCRIBE only, without anything that writes or locks (INTO OUTFILE, FOR UPDATE, …).
// The driver also runs every query inside a READ ONLY transaction, so the server enforces it too.

/** Strip comments and string literals so keywords inside them do not count. */
function skeleton(sql: string): string {
  return sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(--|#)[^\n]*/g, ' ')
    .replace(/'(?:[^'\\]|\\.|'')*'/g, "''")
    .replace(/"(?:[^"\\]|\\.|"")*"/g, '""')
    .replace(/`[^`]*`/g, '``');
}

const FORBIDDEN = /\b(insert|update|delete|replace|merge|create|alter|drop|truncate|rename|grant|revoke|set|call|do|handler|load|lock|unlock|copy|vacuum|analyze|cluster|reindex|comment|execute|prepare|deallocate|listen|notify|begin|commit|rollback|start|savepoint|release|kill|shutdown|flush|reset|purge|install|uninstall|into\s+(?:out|dump)file|for\s+(?:update|share|no\s+key\s+update|key\s+share)|lock\s+in\s+share\s+mode|pg_sleep|sleep|benchmark|lo_import|lo_export|pg_read_file|pg_read_binary_file|pg_ls_dir|load_file|set_config|nextval|setval|dblink|pg_terminate_backend|pg_cancel_backend)\b/i;

/** True when the statement may run in check mode (read-only). */
export function allowQuery(sql: string): boolean {
  const s = skeleton(sql).trim().replace(/;\s*$/, '');
  if (!s || s.includes(';')) return false;
  if (!/^(select|show|with|explain|describe|desc|values|table)\b/i.test(s)) return false;
  if (/^explain\b/i.test(s) && /\banalyze\b/i.test(s)) return false;
  return !FORBIDDEN.test(s);
}
