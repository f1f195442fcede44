// Windows/PowerShell wire formats: -EncodedCommand (base64 of UTF-16LE), output decoding (UTF-16LE
// or UTF-8, with or without BOM, CRLF), and CLIXML on stderr (progress records are noise; error
// records carry the reason).

/** `-EncodedCommand` argument: base64 of the script in UTF-16LE. */
export const encodeCommand = (script: string) => Buffer.from(script, 'utf16le').toString('base64');
export const decodeCommand = (b64: string) => Buffer.from(b64, 'base64').toString('utf16le');

/** The full command line sent over SSH (OpenSSH's default shell may be cmd.exe or powershell). */
export const powershellCommand = (script: string) => `powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ${encodeCommand(script)}`;

/** Decode bytes of unknown encoding: BOM first, then a NUL-pattern heuristic for BOM-less UTF-16. */
export function decodeOutput(buf: Buffer): string {
  let text: string;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) text = buf.subarray(3).toString('utf8');
  else if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) text = buf.subarray(2).toString('utf16le');
  else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const sw = Buffer.from(buf.subarray(2));
    sw.swap16();
    text = sw.toString('utf16le');
  } else {
    // BOM-less UTF-16LE: ASCII text has a NUL in (almost) every odd byte.
    let oddNul = 0;
    const n = Math.min(buf.length, 512);
    for (let i = 1; i < n; i += 2) if (buf[i] === 0) oddNul++;
    text = n >= 4 && oddNul >= (n / 2) * 0.6 ? buf.toString('utf16le') : buf.toString('utf8');
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const unescapeClixml = (s: string) =>
  s
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * stderr of a non-interactive PowerShell over SSH: `#< CLIXML` followed by <Objs>. Progress
 * records (`S="progress"`) are dropped; `<S S="Error">` lines are joined into the error text.
 * Plain (non-CLIXML) stderr is returned trimmed.
 */
export function parseStderr(text: string): { errors: string; progress: number } {
  const t = text.replace(/\r\n?/g, '\n');
  if (!t.includes('#< CLIXML')) return { errors: t.trim(), progress: 0 };
  const progress = (t.match(/S="progress"/g) ?? []).length;
  const errors = [...t.matchAll(/<S S="Error">([\s\S]*?)<\/S>/g)].map((m) => unescapeClixml(m[1]!)).join('').replace(/\r\n?/g, '\n').trim();
  const rest = t.replace(/#< CLIXML/g, '').replace(/<Objs[\s\S]*?<\/Objs>/g, '').trim();
  return { errors: [errors, rest].filter(Boolean).join('\n'), progress };
}

/** JSON from ConvertTo-Json: empty output = no objects; a single object is wrapped into a list. */
export function psJsonList<T = Record<string, unknown>>(text: string): T[] {
  const t = text.trim();
  if (!t) return [];
  const v = JSON.parse(t) as T | T[];
  return Array.isArray(v) ? v : [v];
}
