// The read-only allow-list for `linux.exec`: which programs, with which arguments, an exam may run
// on a candidate's server in check mode. Anything not listed is refused before it is sent.

/** Split a command line like a shell would for simple words and quotes; undefined when it uses shell syntax. */
export function splitCommand(command: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === "'") {
      const j = command.indexOf("'", i + 1);
      if (j < 0) return undefined;
      cur += command.slice(i + 1, j);
      has = true;
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      for (; j < command.length && command[j] !== '"'; j++) {
        if ('$`'.includes(command[j]!)) return undefined;
        if (command[j] === '\\' && j + 1 < command.length) s += command[++j];
        else s += command[j];
      }
      if (j >= command.length) return undefined;
      cur += s;
      has = true;
      i = j;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else if (';&|<>()`$\\{}*?[]!#~\n'.includes(c)) {
      // Pipes, redirection, substitution, globbing, history, comments: not in a read-only command.
      return undefined;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

type ArgRule = (args: string[]) => boolean;

const any: ArgRule = () => true;
const none: ArgRule = (a) => a.length === 0;
const first = (...verbs: string[]): ArgRule => (a) => verbs.includes(a.find((x) => !x.startsWith('-')) ?? '');
const flagsOnly = (re: RegExp): ArgRule => (a) => a.every((x) => re.test(x));
const without = (...bad: RegExp[]): ArgRule => (a) => !a.some((x) => bad.some((b) => b.test(x)));

/** Program → argument rule. Programs that only read whatever their arguments. */
export const READ_ONLY: Record<string, ArgRule> = {
  cat: any, ls: any, stat: any, test: any, head: any, tail: without(/^-f$/, /^--follow/, /^-F$/), wc: any, grep: any, egrep: any, zgrep: any, zcat: any,
  id: any, groups: any, getent: any, whoami: none, who: any, w: any, last: any, lastlog: any, uname: any, uptime: any, free: any,
  hostname: flagsOnly(/^-(f|s|d|i|I|A|-fqdn|-short|-domain|-ip-address|-all-ip-addresses)$/), hostnamectl: (a) => a.length === 0 || first('status', 'hostname')(a),
  ip: (a) => !a.some((x) => ['add', 'del', 'delete', 'change', 'replace', 'set', 'flush', 'append', 'prepend', 'exec', 'save', 'restore', 'monitor', 'netns'].includes(x)),
  ss: without(/^-K$/, /^--kill$/), netstat: any, df: any, findmnt: any, lsblk: any, mount: none, du: any,
  systemctl: (a) => ['status', 'is-active', 'is-enabled', 'is-failed', 'show', 'list-units', 'list-unit-files', 'list-timers', 'list-sockets', 'cat', 'get-default'].includes(a.find((x) => !x.startsWith('-')) ?? 'list-units'),
  journalctl: without(/^--(vacuum|rotate|flush|sync|relinquish|setup-keys|update-catalog)/, /^-f$/, /^--follow$/),
  timedatectl: (a) => a.length === 0 || first('status', 'show', 'show-timesync', 'timesync-status', 'list-timezones')(a),
  chronyc: (a) => a.every((x) => x.startsWith('-') || ['tracking', 'sources', 'sourcestats', 'activity', 'ntpdata'].includes(x)),
  ntpq: flagsOnly(/^-[pnc]+$|^-c$|^(peers|associations|rv)$/),
  resolvectl: (a) => a.length === 0 || first('status', 'dns', 'domain', 'query', 'statistics')(a),
  'dpkg-query': any,
  dpkg: (a) => ['-l', '-s', '-L', '-S', '--list', '--status', '--listfiles', '--search', '--get-selections', '--print-architecture'].includes(a[0] ?? ''),
  rpm: (a) => a.some((x) => /^-q/.test(x)) && !a.some((x) => /^-(e|i|U|F)|^--(erase|install|upgrade|freshen|import|rebuilddb|setperms|setugids)/.test(x)),
  'apt-get': (a) => a.some((x) => ['-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act'].includes(x)),
  apt: first('list', 'show', 'policy', 'search'), 'apt-cache': any,
  sshd: (a) => a.includes('-T') || a.includes('-t'),
  nft: (a) => first('list')(a), 'iptables-save': any, 'ip6tables-save': any,
  iptables: (a) => a.some((x) => /^-[a-zA-Z]*[LS]/.test(x) || x === '--list' || x === '--list-rules') && !a.some((x) => /^-[a-zA-Z]*[ADIRFZNXPE]/.test(x)),
  ip6tables: (a) => a.some((x) => /^-[a-zA-Z]*[LS]/.test(x) || x === '--list' || x === '--list-rules') && !a.some((x) => /^-[a-zA-Z]*[ADIRFZNXPE]/.test(x)),
  ufw: first('status', 'show', 'app'),
  'firewall-cmd': (a) => a.every((x) => /^--(state|list-\S+|get-\S+|query-\S+|zone=\S+|permanent)$/.test(x)),
  crontab: (a) => a.includes('-l') && !a.some((x) => ['-r', '-e', '-i'].includes(x)),
  sudo: (a) => a.includes('-l') || a.includes('--list') ? a.every((x) => x.startsWith('-') || /^[a-z_][a-z0-9_.-]*\$?$/.test(x)) : false,
  chage: (a) => a.includes('-l') || a.includes('--list'),
  passwd: (a) => a.includes('-S') || a.includes('--status'),
  sha256sum: any, sha1sum: any, md5sum: any, sha512sum: any,
  tar: (a) => a.some((x) => /^-?[a-zA-Z]*t/.test(x) || x === '--list') && !a.some((x) => /^-?[a-zA-Z]*[cxruA]/.test(x) && !x.startsWith('--')) && !a.some((x) => /^--(extract|create|append|update|delete|get|to-command|checkpoint-action|use-compress-program|index-file|info-script|new-volume-script|rsh-command)/.test(x)),
  gzip: (a) => a.some((x) => /^-[a-zA-Z]*[tl]/.test(x) || x === '--test' || x === '--list') && !a.some((x) => /^-[a-zA-Z]*[dfcS]/.test(x) && !/^-[tl]+$/.test(x)),
  date: (a) => !a.some((x) => /^-s|^--set/.test(x)), readlink: any, realpath: any, file: any, find: without(/^-(delete|exec|execdir|ok|okdir|fprint|fprint0|fprintf|fls)$/),
  ps: any, pgrep: any, lsof: any, env: none, printenv: any, echo: any, true: none, false: none,
  dig: any, host: any, nslookup: any, ping: (a) => a.includes('-c'), getfacl: any, lsattr: any, namei: any, 'os-release': none,
  mysql: () => false, // databases have their own driver
};

/**
 * Files whose content is secret (password hashes, private keys): never read into evidence. Their
 * state is available through linux.users (hash type and lock state only) and linux.file (no content).
 */
export function sensitivePath(path: string): boolean {
  return /(^|\/)(g?shadow-?|security\/opasswd)$|(^|\/)ssh_host_[a-z0-9]+_key$|(^|\/)\.ssh\/id_[a-z0-9]+$|\.(key|pem|p12|pfx)$|(^|\/)private\//i.test(path.trim());
}

/** True when `command` may run through `linux.exec` in check mode. */
export function allowCommand(command: string): boolean {
  const w = splitCommand(command.trim());
  if (!w || !w.length) return false;
  // getent shadow and friends print hashes; linux.users summarises them instead.
  if (w.slice(1).some(sensitivePath) || (w[0] === 'getent' && /^g?shadow$/.test(w[1] ?? ''))) return false;
  const prog = w[0]!.replace(/^\/(?:usr\/)?s?bin\//, '');
  if (prog.includes('/')) return false;
  const rule = READ_ONLY[prog];
  return !!rule && rule(w.slice(1));
}
