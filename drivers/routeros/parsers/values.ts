// Low-level helpers shared by the RouterOS parsers: line cleanup, quoted values, key=value runs.

/** Split raw CLI output into lines: CRLF/CR removed, tabs expanded, interleaved log echoes and prompts dropped. */
export function cliLines(raw: string): string[] {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .split('\n')
    .map((l) => l.replace(/\t/g, '    ').replace(/\s+$/, ''))
    .filter((l) => !isNoise(l));
}

/** Lines RouterOS mixes into output that are not part of it: log echoes, prompts with the command. */
export function isNoise(line: string): boolean {
  return /^\s*\d\d:\d\d:\d\d echo: /.test(line) || /^\s*\[[^\]@]+@[^\]]+\][^>]*>/.test(line);
}

const ESC: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', _: ' ', '"': '"', '\\': '\\', $: '$', '?': '?' };

/** Read a RouterOS double-quoted string starting at s[i] === '"'. Returns the value and the index after the closing quote. */
export function readQuoted(s: string, i: number): { value: string; end: number; closed: boolean } {
  let out = '';
  let j = i + 1;
  while (j < s.length) {
    const c = s[j];
    if (c === '"') return { value: out, end: j + 1, closed: true };
    if (c === '\\' && j + 1 < s.length) {
      const n = s[j + 1];
      if (/[0-9A-Fa-f]/.test(n) && /[0-9A-Fa-f]/.test(s[j + 2] ?? '')) {
        out += String.fromCharCode(parseInt(s.slice(j + 1, j + 3), 16));
        j += 3;
        continue;
      }
      out += ESC[n] ?? n;
      j += 2;
      continue;
    }
    out += c;
    j++;
  }
  return { value: out, end: j, closed: false };
}

/** Quote a value the way RouterOS export does when it has to (spaces, quotes, specials, empty). */
export function quoteValue(v: string): string {
  if (v !== '' && /^[A-Za-z0-9_.:/,@*!+%-]+$/.test(v) && !/^[!]/.test(v.slice(1))) return v;
  let out = '"';
  for (const c of v) {
    if (c === '"' || c === '\\' || c === '$' || c === '?') out += '\\' + c;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c < ' ' || c === '\x7f') out += '\\' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
    else out += c;
  }
  return out + '"';
}

const KEY_AT = /\.?[A-Za-z0-9][A-Za-z0-9.\-_]*=/y;

/**
 * Parse a run of `key=value` pairs as printed by `print detail` / `print terse`: values may be quoted,
 * unquoted values may contain spaces (dates, `reachable via  ether1`, terse comments) and run until
 * the next ` key=`. Returns the properties in order.
 */
export function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const s = text;
  let i = 0;
  const skipWs = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  skipWs();
  while (i < s.length) {
    KEY_AT.lastIndex = i;
    const m = KEY_AT.exec(s);
    if (!m) {
      // not a key: a stray word; attach it to the previous value if any, else skip it
      const next = nextKeyStart(s, i);
      const word = s.slice(i, next).trim();
      const keys = Object.keys(out);
      if (keys.length) out[keys[keys.length - 1]] += (out[keys[keys.length - 1]] ? ' ' : '') + word;
      i = next;
      continue;
    }
    const key = m[0].slice(0, -1);
    i += m[0].length;
    if (s[i] === '"') {
      const q = readQuoted(s, i);
      out[key] = q.value;
      i = q.end;
      skipWs();
      continue;
    }
    const next = nextKeyStart(s, i);
    out[key] = s.slice(i, next).replace(/\s+$/, '');
    i = next;
    skipWs();
  }
  return out;
}

/** Index of the next whitespace-preceded `key=` at or after i (or the end). */
function nextKeyStart(s: string, i: number): number {
  const re = /\s+(?=\.?[A-Za-z0-9][A-Za-z0-9.\-_]*=)/g;
  re.lastIndex = i;
  const m = re.exec(s);
  return m ? m.index + m[0].length : s.length;
}
