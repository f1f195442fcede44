// Shared helpers for the linux parsers.

/** Lines without trailing CR/whitespace, leading/trailing blank lines dropped. */
export function lines(raw: string): string[] {
  const ls = raw.replace(/\r/g, '').split('\n').map((l) => l.replace(/\s+$/, ''));
  while (ls.length && !ls[0]) ls.shift();
  while (ls.length && !ls[ls.length - 1]) ls.pop();
  return ls;
}

/** `Key=Value` lines (systemctl show, timedatectl show, os-release). Quotes around values removed. */
export function keyValues(raw: string, sep = '='): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines(raw)) {
    const i = l.indexOf(sep);
    if (i <= 0) continue;
    let v = l.slice(i + sep.length).trim();
    if (v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'")))) v = v.slice(1, -1);
    out[l.slice(0, i).trim()] = v;
  }
  return out;
}

/** An integer, or undefined for '', '-', 'never'… */
export function int(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return /^-?\d+$/.test(t) ? Number(t) : undefined;
}

export function yesNo(s: string | undefined): boolean | undefined {
  if (s === undefined) return undefined;
  const t = s.trim().toLowerCase();
  if (['yes', 'true', '1', 'on', 'active'].includes(t)) return true;
  if (['no', 'false', '0', 'off', 'inactive'].includes(t)) return false;
  return undefined;
}

/** Parse JSON output, with a clear error when the command printed something else. */
export function json<T = unknown>(raw: string, what: string): T {
  const t = raw.trim();
  if (!t) throw new Error(`${what}: lege uitvoer`);
  try {
    return JSON.parse(t) as T;
  } catch (err) {
    throw new Error(`${what}: geen geldige JSON (${(err as Error).message}); begin: ${JSON.stringify(t.slice(0, 80))}`);
  }
}

/**
 * Split a fixed-width table on its header: column starts are taken from the header words. Values
 * are cut at column starts, adjusted so a value that spills left (right-aligned numbers) stays whole.
 */
export function splitWs(l: string): string[] {
  return l.trim().split(/\s+/).filter(Boolean);
}

/** Remove the `N:`/`N>` or `$ ` prompt echo some recordings have in front. */
export function stripPrompt(raw: string): string {
  return raw.replace(/^\$ [^\n]*\n/, '');
}
