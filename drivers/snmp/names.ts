// Interface names as people type them: `Gi1/1` is `GigabitEthernet1/1`, `fa0/3` is `FastEthernet0/3`.
// Used by the snmp checks to find the port an exam names among ifName/ifDescr/ifAlias/LLDP ports.

const split = (s: string) => /^([a-z][a-z -]*?)\s*(\d.*)?$/i.exec(s.trim());

/** True when `typed` names `actual`: same text (case-insensitive), or an abbreviation of the type with the same numbers. */
export function sameInterface(typed: string, actual: string | null | undefined): boolean {
  if (!actual) return false;
  const a = typed.trim().toLowerCase();
  const b = actual.trim().toLowerCase();
  if (a === b) return true;
  const x = split(a);
  const y = split(b);
  if (!x || !y || !x[2] || !y[2] || x[2] !== y[2]) return false;
  const p = x[1].replace(/[ -]/g, '');
  const q = y[1].replace(/[ -]/g, '');
  return p.length >= 2 && q.length >= 2 && (p.startsWith(q) || q.startsWith(p));
}

/** A system name matches with or without its domain (`sw1` matches `sw1.school.lan`), case-insensitive. */
export function sameHost(expected: string, actual: string | null | undefined): boolean {
  if (!actual) return false;
  const e = expected.trim().toLowerCase();
  const a = actual.trim().toLowerCase();
  return a === e || a.split('.')[0] === e || e.split('.')[0] === a;
}
