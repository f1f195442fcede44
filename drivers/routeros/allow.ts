// The read-only allow-list of the RouterOS driver. Checked before anything is sent, for CLI lines
// (SSH) and API sentences alike. Writes go through `applyConfig`/`runWrite` only.

/** Words that never belong in a read-only command line: scripting, substitution, several commands. */
const FORBIDDEN = /[;[\]{}$\n\r]|(^|\s):/;
const MENU = String.raw`(?:/?[a-z0-9][a-z0-9-]*(?:[ /][a-z0-9][a-z0-9-]*)*)`;
const PRINT_ARGS = /^(detail|terse|brief|without-paging|count-only|value-list|show-ids|proplist=[a-z0-9,.-]+)$/;
const SYSTEM_INFO = /^\/?system[ /](resource|identity|routerboard|license)([ /]print)?(\s+without-paging)?$/;

/** Commands that change something; never part of a menu path. */
const VERBS = new Set(['add', 'set', 'remove', 'unset', 'enable', 'disable', 'move', 'edit', 'reset', 'reset-counters', 'reset-counters-all', 'reboot', 'shutdown', 'import', 'run', 'save', 'load', 'upgrade', 'install', 'uninstall', 'downgrade', 'comment', 'clear', 'flush', 'make-static', 'release', 'renew', 'execute', 'do', 'find', 'get', 'put', 'generate', 'fetch']);

/** True when a CLI command line is read-only (`print`, `export`, `monitor ... once`, `ping ... count=`). */
export function allowCliCommand(command: string): boolean {
  const c = command.trim().replace(/\s+/g, ' ');
  if (!c || FORBIDDEN.test(c)) return false;
  if (SYSTEM_INFO.test(c)) return true;
  const head = /^(.*?)(?:^|[ /])(print|export|monitor)(?: |$)/.exec(c);
  if (head && head[1].split(/[ /]+/).some((w) => VERBS.has(w))) return false;
  let m = new RegExp(`^(${MENU}[ /]|/)?print(?<args>( .*)?)$`).exec(c);
  if (m) {
    const args = (m.groups?.args ?? '').trim();
    if (/\b(file|follow|follow-only|interval)\b/.test(args)) return false;
    // `where` takes the rest of the line as a condition
    const w = args.search(/(^| )where( |$)/);
    const before = w >= 0 ? args.slice(0, w) : args;
    return before.split(' ').filter(Boolean).every((a) => PRINT_ARGS.test(a));
  }
  m = new RegExp(`^(${MENU}[ /]|/)?export(?<args>( .*)?)$`).exec(c);
  if (m) return (m.groups?.args ?? '').trim().split(' ').filter(Boolean).every((a) => /^(terse|verbose|compact|hide-sensitive)$/.test(a));
  m = new RegExp(`^${MENU}[ /]monitor (?<args>.*)$`).exec(c);
  if (m) return /(^| )once( |$)/.test(m.groups!.args) && !/\bfile=/.test(m.groups!.args);
  m = /^\/?ping (?<args>.*)$/.exec(c);
  if (m) {
    const count = /(^| )count=(\d+)( |$)/.exec(m.groups!.args);
    return !!count && Number(count[2]) >= 1 && Number(count[2]) <= 20;
  }
  return false;
}

/** True when an API sentence (command word + attributes) is read-only. */
export function allowApiSentence(words: string[]): boolean {
  const [cmd, ...attrs] = words;
  if (!cmd || !/^(\/[a-z0-9][a-z0-9-]*)+$/.test(cmd)) return false;
  const action = cmd.slice(cmd.lastIndexOf('/') + 1);
  const keys = attrs.filter((a) => a.startsWith('=')).map((a) => a.slice(1).split('=')[0]);
  if (cmd === '/login' || cmd === '/cancel' || cmd === '/quit') return true;
  if (action === 'print' || action === 'getall') return !keys.some((k) => ['file', 'follow', 'follow-only', 'interval'].includes(k));
  if (action === 'monitor') return attrs.includes('=once=') || attrs.includes('=once=yes') || attrs.includes('=once=true');
  if (cmd === '/ping') {
    const count = attrs.find((a) => a.startsWith('=count='));
    return !!count && Number(count.slice(7)) >= 1 && Number(count.slice(7)) <= 20;
  }
  return false;
}
