// Read-only allow-list for PowerShell in check mode, enforced before anything is sent. Every
// command word (Verb-Noun, alias, call operator) must be a reading one; no redirection to files,
// no method calls that change state, no script blocks run by name. Writes go through runWrite().

const ALLOWED_VERBS = new Set(['get', 'test', 'resolve', 'measure', 'select', 'where', 'foreach', 'sort', 'group', 'convertto', 'convertfrom', 'format', 'compare', 'join', 'split']);
const ALLOWED_EXACT = new Set(['out-string', 'write-output', 'new-timespan']);
/** Aliases and operators that run or change things. */
const DENIED_WORDS = /(^|[\s;|({])(iex|icm|saps|start|kill|rm|del|erase|rd|rmdir|mv|move|cp|copy|ni|sc|set|sv|clear|cls|ren|spps|sasv|ise|wget|curl|irm|iwr)(?=\s|$|;|\))/i;
/** Method calls on objects that change state. */
const DENIED_METHODS = /\.\s*(delete|remove|set\w*|create|kill|stop|start|invoke\w*|put|commit|install\w*|download\w*|writealltext|writealllines|appendalltext|openwrite)\s*\(/i;
/** COM objects that may be created: the Windows Update searcher (read-only search for pending updates). */
const ALLOWED_COM = /^New-Object\s+-ComObject\s+['"]?Microsoft\.Update\.Session['"]?$/i;

function stripStrings(s: string): string {
  return s
    .replace(/<#[\s\S]*?#>/g, ' ')
    .replace(/#[^\n]*/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"`]|`.)*"/g, '""');
}

export function allowCommand(script: string): boolean {
  if (/New-Object\s+-ComObject/i.test(script)) {
    const coms = script.match(/New-Object\s+-ComObject\s+['"]?[\w.]+['"]?/gi) ?? [];
    if (!coms.every((c) => ALLOWED_COM.test(c))) return false;
    script = script.replace(/New-Object\s+-ComObject\s+['"]?[\w.]+['"]?/gi, ' ');
  }
  const s = stripStrings(script);
  if (/(^|[^-\w])>{1,2}\s*[^\s=]/.test(s.replace(/-[a-z]+/gi, ' ')) || /\s[&.]\s*[$({'"]/.test(s) || /^\s*[&.]\s*[$({'"]/.test(s)) return false;
  if (DENIED_WORDS.test(s) || DENIED_METHODS.test(s)) return false;
  if (/\[(?:System\.)?(?:IO\.File|Diagnostics\.Process|Reflection|Runtime\.InteropServices)\b/i.test(s)) return false;
  for (const m of s.matchAll(/(?<![\w$.-])([A-Za-z]+)-([A-Za-z][\w]*)/g)) {
    const verb = m[1]!.toLowerCase();
    const word = `${verb}-${m[2]!.toLowerCase()}`;
    if (ALLOWED_EXACT.has(word)) continue;
    // Operators like -eq, -and, -Depth are parameters, not commands: they start with '-' (excluded above).
    if (!ALLOWED_VERBS.has(verb)) return false;
  }
  return true;
}
