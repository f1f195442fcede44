// Cisco IOS platform behaviour as data: prompts, privilege levels, failure strings, paging,
// login prompts, session setup and the read-only allow-list. The channel reads these; nothing
// IOS-specific is hard-coded elsewhere.

export interface PrivilegeLevel {
  name: 'exec' | 'privilege_exec' | 'configuration';
  /** Matches the prompt line of this level (without the hostname check). */
  pattern: RegExp;
  /** Command that goes one level up from the level below, and one down. */
  escalate?: string;
  deescalate?: string;
}

export const iosPlatform = {
  id: 'cisco-ios',
  /** Any IOS prompt as the last line of output: hostname, optional (mode), then > or #. */
  anyPrompt: /(?<=^|[\r\n])([A-Za-z0-9][\w.\-@/:+]{0,62})(\([\w.\-/: ]{1,40}\))?([>#]) ?$/,
  /** The prompt of a known hostname (built per device from the first prompt seen). */
  promptFor(hostname: string): RegExp {
    const h = hostname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<=^|[\\r\\n])(${h})(\\([\\w.\\-/: ]{1,40}\\))?([>#]) ?$`);
  },
  privilegeLevels: [
    { name: 'exec', pattern: /^[^(#>]+>$/, escalate: undefined, deescalate: undefined },
    { name: 'privilege_exec', pattern: /^[^(#>]+#$/, escalate: 'enable', deescalate: 'disable' },
    { name: 'configuration', pattern: /^[^(#>]+\(conf[\w.\-/: ]*\)#$/, escalate: 'configure terminal', deescalate: 'end' },
  ] satisfies PrivilegeLevel[],
  /** Output lines that mean the command failed; the driver raises an ObservationError with the text. */
  failedWhenContains: [
    /^% ?Invalid input detected.*$/m,
    /^% ?Incomplete command.*$/m,
    /^% ?Ambiguous command.*$/m,
    /^% ?Unknown command.*$/m,
    /^% ?Unrecognized command.*$/m,
    /^% ?Bad IP address or host name.*$/m,
    /^% ?Authorization failed.*$/m,
    /^Command authorization failed.*$/m,
  ],
  /** Paging prompt when `terminal length 0` is refused or ignored. */
  pagingPrompt: /\s?--More--\s?$/,
  /** Key that shows the next page. */
  pagingContinue: ' ',
  /** A device that keeps paging beyond this many pages is broken (or misbehaving on purpose). */
  maxPages: 1000,
  usernamePrompt: /(?:Username|Login|User Name|login):\s?$/i,
  passwordPrompt: /(?:^|[\r\n])[^\r\n]*[Pp]assword:\s?$/,
  loginFailed: /% ?(?:Login invalid|Bad passwords|Authentication failed|Access denied)|Password required, but none set/i,
  enableFailed: /% ?(?:Bad secrets|Access denied|No password set)/i,
  /** Console quirks. */
  pressReturn: /Press RETURN to get started/i,
  initialDialog: /initial configuration dialog\? \[yes\/no\]:\s?$/i,
  /** Commands sent after login (errors ignored: some releases refuse `terminal width 0`). */
  onOpen: ['terminal length 0', 'terminal width 0'],
  /** SSH algorithms older IOS releases (12.2, 15.0) still offer; only used when a device asks for them. */
  legacyAlgorithms: {
    kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1', 'diffie-hellman-group-exchange-sha1'],
    serverHostKey: ['ssh-rsa'],
    cipher: ['aes128-cbc', 'aes256-cbc', '3des-cbc', 'aes128-ctr', 'aes256-ctr'],
    hmac: ['hmac-sha1', 'hmac-sha1-96'],
  },
  /**
   * Read-only allow-list for check mode: the command must match one of these (abbreviations as IOS
   * accepts them) and must not redirect output to a file.
   */
  allowList: [
    /^sh(o(w)?)?\s+\S/i,
    /^ping\s+\S/i,
    /^trace(r(o(u(te?)?)?)?)?\s+\S/i,
    /^dir(\s+\S+)?$/i,
    /^more\s+\S+$/i,
  ],
  /** Output modifiers that write to files or elsewhere: never allowed. */
  forbiddenModifiers: /\|\s*(redirect|tee|append)\b/i,
};

export type IosPlatform = typeof iosPlatform;

/** True when a raw command may run in check mode (read-only). */
export function allowCommand(command: string): boolean {
  const c = command.trim().replace(/\s+/g, ' ');
  if (!c || /[\r\n\x00-\x1f\x7f]/.test(command.replace(/[ \t]/g, ''))) return false;
  if (/[\r\n]/.test(command)) return false;
  if (iosPlatform.forbiddenModifiers.test(c)) return false;
  return iosPlatform.allowList.some((re) => re.test(c));
}
