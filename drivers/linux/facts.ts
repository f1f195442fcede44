// The linux facts: each one runs read-only commands over the host's single SSH connection (several
// channels at once) and returns raw output plus a parsed value. Privileged reads go through sudo.
// Exception, on purpose: `linux.script` runs a candidate's script (see there), and `linux.backup`
// extracts one file into a private scratch directory that is removed again.
import { posix } from 'node:path';
import { z } from 'zod';
import { ObservationError, type Gathered } from '../../src/core/types.js';
import { allowCommand, sensitivePath, splitCommand } from './allow.js';
import { parseGroup, parseLoginDefs, parsePam, parsePasswd, parsePwquality, parseShadow, parseSudoList, type PamLine } from './parsers/accounts.js';
import { firewallView, parseIptablesSave, parseNftJson, parseUfwStatus } from './parsers/firewall.js';
import { linuxParsers } from './parsers/index.js';
import { parseIpAddrJson, parseIpRouteJson } from './parsers/ip.js';
import {
  parseAptSimulate, parseChronyTracking, parseCrontab, parseDnfUpdates, parseDpkgQuery, parseJournalJson, parseResolvConf, parseRpmQa,
  parseSha256sum, parseSshd, parseStat, STAT_FORMAT, syslogTime, utcOffsetMinutes, type CronEntry, type LogLine,
} from './parsers/misc.js';
import { parseSs } from './parsers/ss.js';
import { parseDf, parseFindmntJson } from './parsers/storage.js';
import { parseListTimers, parseSystemctlShow, parseTimedatectl } from './parsers/systemd.js';
import { shq, type ExecResult, type SshConnection } from './ssh.js';

export interface FactContext {
  conn: SshConnection;
  signal: AbortSignal;
  /** Clock for time windows (tests fix it). */
  now: () => Date;
}

type FactFn = (ctx: FactContext, params: Record<string, unknown>) => Promise<Gathered>;

interface FactDef {
  description: string;
  params?: z.ZodType<Record<string, unknown>>;
  run: FactFn;
}

/** Raw evidence of several commands: `$ command` then its output (stderr marked). */
export function transcript(results: ExecResult[]): string {
  return results
    .map((r) => `$ ${r.command}\n${r.stdout}${r.stdout && !r.stdout.endsWith('\n') ? '\n' : ''}${r.stderr ? `[stderr] ${r.stderr.trimEnd()}\n` : ''}${r.exitCode ? `[exit ${r.exitCode}]\n` : ''}`)
    .join('');
}

const cmdOf = (rs: ExecResult[]) => rs.map((r) => r.command).join(' ; ');

async function exec(ctx: FactContext, script: string, sudo = false): Promise<ExecResult> {
  return ctx.conn.exec(script, { sudo, signal: ctx.signal });
}

/** Run, parse, and keep raw: a failing parser becomes parseError, never a lost observation. */
function gathered(rs: ExecResult[], parse: () => unknown): Gathered {
  const g: Gathered = { command: cmdOf(rs), raw: transcript(rs), transport: 'ssh' };
  try {
    g.parsed = parse();
  } catch (err) {
    if (err instanceof ObservationError) throw Object.assign(err, { raw: g.raw });
    g.parseError = (err as Error).message;
  }
  return g;
}

/** A command that must succeed; otherwise the fact cannot be observed (with the device's own words). */
function ok(r: ExecResult, what = r.command): ExecResult {
  if (r.exitCode === 0) return r;
  const msg = (r.stderr || r.stdout).trim().split('\n').slice(-2).join(' ').slice(0, 300);
  if (r.exitCode === 127) throw new ObservationError(`'${what.split(' ')[0]}' bestaat niet op het apparaat (${msg || 'command not found'})`, transcript([r]), r.command);
  if (/permission denied|operation not permitted|must be root|are not root|only root/i.test(msg))
    throw new ObservationError(`onvoldoende rechten voor '${what}' (${msg}); geef een sudo-wachtwoord (secret) of meld aan als root`, transcript([r]), r.command);
  throw new ObservationError(`'${what}' mislukt (exit ${r.exitCode}): ${msg}`, transcript([r]), r.command);
}

const ENV_PATH = 'PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin";';

/** Parse a window start: `30m`, `2h`, `7d`, `90s` ago, or an ISO time. */
export function sinceTime(since: string, now: Date): Date {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(since.trim());
  if (m) return new Date(now.getTime() - Number(m[1]) * { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[m[2] as 's']);
  const d = new Date(since);
  if (Number.isNaN(d.getTime())) throw new ObservationError(`ongeldige 'since': ${since} (gebruik bv. 30m, 2h, 7d of een ISO-tijd)`);
  return d;
}

// ---------- fact parameter schemas ----------
const Exec = z.object({ command: z.string(), sudo: z.boolean().default(false) });
const Name = z.object({ name: z.string().min(1) });
const FileP = z.object({ path: z.string().startsWith('/'), content: z.boolean().default(false), hash: z.boolean().default(false), maxBytes: z.number().int().positive().default(1024 * 1024) });
const LogP = z.object({
  source: z.string().default('journal'),
  since: z.string().optional(),
  grep: z.string().optional(),
  ignoreCase: z.boolean().default(false),
  unit: z.string().optional(),
  limit: z.number().int().positive().max(5000).default(500),
});
const SshdP = z.object({ config: z.string().startsWith('/').optional(), match: z.object({ user: z.string(), host: z.string().default('localhost'), addr: z.string().default('127.0.0.1') }).optional() });
const User = z.object({ user: z.string().regex(/^[a-z_][a-z0-9_.-]*\$?$/i, 'ongeldige gebruikersnaam') });
const ScriptP = z.object({
  path: z.string().startsWith('/'),
  root: z.string().startsWith('/'),
  args: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  stdin: z.string().optional(),
  timeout: z.number().positive().max(300).default(30),
});
const BackupP = z.object({
  path: z.string().startsWith('/'),
  kind: z.enum(['tar', 'gzip', 'checksum', 'file']).default('tar'),
  checksumFile: z.string().startsWith('/').optional(),
  restoreFile: z.string().optional(),
  compareWith: z.string().startsWith('/').optional(),
});

const asObj = <T extends z.ZodType<Record<string, unknown>>>(s: T) => s as unknown as z.ZodType<Record<string, unknown>>;

// ---------- facts ----------
export const FACTS: Record<string, FactDef> = {
  'linux.exec': {
    description: 'Een alleen-lezen opdracht (allow-list) met exitcode, stdout en stderr; geparsed als er een parser voor is',
    params: asObj(Exec),
    async run(ctx, params) {
      const p = Exec.parse(params);
      if (!allowCommand(p.command)) throw new ObservationError(`opdracht geweigerd: '${p.command}' staat niet op de alleen-lezen lijst van linux`, '', p.command);
      const words = splitCommand(p.command)!;
      const r = await exec(ctx, ENV_PATH + ' ' + words.map(shq).join(' '), p.sudo);
      const parser = linuxParsers.find((x) => x.match.test(p.command.trim().replace(/\s+/g, ' ')));
      let data: unknown;
      let dataError: string | undefined;
      if (parser && r.exitCode === 0) {
        try {
          data = parser.parse(r.stdout);
        } catch (err) {
          dataError = (err as Error).message;
        }
      }
      return {
        command: p.command,
        raw: transcript([{ ...r, command: p.command }]),
        transport: 'ssh',
        parsed: { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, ...(data !== undefined ? { data } : {}), ...(parser ? { parser: parser.command } : {}) },
        ...(dataError ? { parseError: dataError } : {}),
      };
    },
  },

  'linux.hostname': {
    description: 'Hostnaam (kort), FQDN en /etc/hostname',
    async run(ctx) {
      const rs = await Promise.all([exec(ctx, 'hostname'), exec(ctx, 'hostname -f 2>/dev/null || hostname'), exec(ctx, 'cat /etc/hostname')]);
      return gathered(rs, () => {
        ok(rs[0]!);
        const h = rs[0]!.stdout.trim();
        return { hostname: h.split('.')[0], fqdn: rs[1]!.stdout.trim() || h, ...(rs[2]!.exitCode === 0 ? { static: rs[2]!.stdout.trim() } : {}) };
      });
    },
  },

  'linux.addresses': {
    description: 'Interfaces met IPv4/IPv6-adressen (ip -j addr)',
    async run(ctx) {
      const r = ok(await exec(ctx, 'ip -j addr'));
      return gathered([r], () => parseIpAddrJson(r.stdout));
    },
  },

  'linux.routes': {
    description: 'Routes IPv4 en IPv6 van de main-tabel (ip -j route)',
    async run(ctx) {
      const rs = await Promise.all([exec(ctx, 'ip -j route show table main'), exec(ctx, 'ip -j -6 route show table main')]);
      ok(rs[0]!);
      return gathered(rs, () => [...parseIpRouteJson(rs[0]!.stdout), ...(rs[1]!.exitCode === 0 ? parseIpRouteJson(rs[1]!.stdout) : [])]);
    },
  },

  'linux.resolver': {
    description: 'DNS-resolver: /etc/resolv.conf en (bij systemd-resolved) de echte upstream-servers',
    async run(ctx) {
      const rs = await Promise.all([exec(ctx, 'cat /etc/resolv.conf'), exec(ctx, 'cat /run/systemd/resolve/resolv.conf')]);
      ok(rs[0]!);
      return gathered(rs, () => {
        const conf = parseResolvConf(rs[0]!.stdout);
        const stub = conf.nameservers.length > 0 && conf.nameservers.every((n) => n.startsWith('127.0.0.53') || n === '127.0.0.54');
        const upstream = rs[1]!.exitCode === 0 ? parseResolvConf(rs[1]!.stdout) : undefined;
        return { ...conf, stub, ...(upstream ? { upstream } : {}), effective: stub && upstream?.nameservers.length ? upstream.nameservers : conf.nameservers };
      });
    },
  },

  'linux.users': {
    description: 'Gebruikers (getent passwd) met groepen en wachtwoordstatus (vergrendeld, type hash, verloop); nooit de hash zelf',
    async run(ctx) {
      // The shadow database is read through awk so the hash never leaves the server: only `!$6$`-style prefixes.
      const shadowCmd = `getent shadow | awk -F: 'BEGIN{OFS=":"} { h=$2; if (match(h, /^!*\\$[^$]+\\$/)) h=substr(h, 1, RLENGTH); else if (h !~ /^[!*]*$/) h=(substr(h,1,1)=="!" ? "!" : "") "?"; $2=h; print }'`;
      const rs = await Promise.all([exec(ctx, 'getent passwd'), exec(ctx, 'getent group'), exec(ctx, shadowCmd, true).catch((e: Error) => e)]);
      const [pw, gr] = [ok(rs[0] as ExecResult), ok(rs[1] as ExecResult)];
      const sh = rs[2];
      const results = [pw, gr, ...(sh instanceof Error ? [] : [sh!])];
      return gathered(results, () => {
        const groups = parseGroup(gr.stdout);
        const shadow = sh instanceof Error || sh!.exitCode !== 0 ? undefined : parseShadow(sh!.stdout);
        const byGid = new Map(groups.map((g) => [g.gid, g.name]));
        return {
          ...(shadow ? {} : { shadowError: sh instanceof Error ? sh.message : (sh!.stderr.trim() || `exit ${sh!.exitCode}`) }),
          users: parsePasswd(pw.stdout).map((u) => {
            const s = shadow?.find((x) => x.username === u.username);
            const primary = byGid.get(u.gid);
            return {
              name: u.username,
              uid: u.uid,
              gid: u.gid,
              comment: u.comment,
              home: u.home,
              shell: u.shell,
              ...(primary ? { primaryGroup: primary } : {}),
              groups: [...new Set([...(primary ? [primary] : []), ...groups.filter((g) => g.members.includes(u.username)).map((g) => g.name)])],
              ...(s ? { status: s.status, locked: s.status === 'L', ...(s.hashType ? { hashType: s.hashType } : {}), ...pick(s, ['lastChanged', 'minimum', 'maximum', 'warn', 'inactive', 'expire']) } : {}),
            };
          }),
        };
      });
    },
  },

  'linux.groups': {
    description: 'Groepen met leden (ook wie de groep als primaire groep heeft)',
    async run(ctx) {
      const rs = await Promise.all([exec(ctx, 'getent group'), exec(ctx, 'getent passwd')]);
      rs.forEach((r) => ok(r));
      return gathered(rs, () => {
        const users = parsePasswd(rs[1]!.stdout);
        return parseGroup(rs[0]!.stdout).map((g) => ({ ...g, primaryMembers: users.filter((u) => u.gid === g.gid).map((u) => u.username) }));
      });
    },
  },

  'linux.packages': {
    description: 'Geïnstalleerde pakketten (dpkg-query of rpm)',
    async run(ctx) {
      const r = await exec(
        ctx,
        `if command -v dpkg-query >/dev/null 2>&1; then echo '#dpkg'; dpkg-query -W -f='\${Package}\\t\${Version}\\t\${Architecture}\\t\${db:Status-Abbrev}\\n'; ` +
          `elif command -v rpm >/dev/null 2>&1; then echo '#rpm'; rpm -qa --qf '%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{ARCH}\\n'; else echo 'geen dpkg of rpm' >&2; exit 127; fi`,
      );
      ok(r, 'dpkg-query/rpm');
      return gathered([r], () => {
        const [head, ...rest] = r.stdout.split('\n');
        const body = rest.join('\n');
        return head === '#dpkg' ? { manager: 'dpkg', packages: parseDpkgQuery(body) } : { manager: 'rpm', packages: parseRpmQa(body) };
      });
    },
  },

  'linux.updates': {
    description: 'Openstaande updates volgens de pakketbeheerder (apt-get -s upgrade / dnf updateinfo), met beveiligingsupdates apart',
    async run(ctx) {
      const r = await exec(
        ctx,
        `if command -v apt-get >/dev/null 2>&1; then echo '#apt'; apt-get -s -o Debug::NoLocking=1 upgrade; ` +
          `elif command -v dnf >/dev/null 2>&1; then echo '#dnf'; dnf -q -C updateinfo list --updates 2>/dev/null; else echo 'geen apt-get of dnf' >&2; exit 127; fi`,
      );
      ok(r, 'apt-get -s upgrade');
      return gathered([r], () => {
        const [head, ...rest] = r.stdout.split('\n');
        const body = rest.join('\n');
        const updates = head === '#apt' ? parseAptSimulate(body) : parseDnfUpdates(body);
        return { manager: head === '#apt' ? 'apt' : 'dnf', updates, total: updates.length, security: updates.filter((u) => u.security).length };
      });
    },
  },

  'linux.service': {
    description: 'Toestand van een systemd-unit (systemctl show): bestaat, actief, ingeschakeld',
    params: asObj(Name),
    async run(ctx, params) {
      const { name } = Name.parse(params);
      const r = await exec(ctx, `systemctl show --no-pager -p Id,Names,LoadState,ActiveState,SubState,UnitFileState,MainPID,Description,FragmentPath,ActiveEnterTimestamp -- ${shq(name)}`);
      ok(r, `systemctl show ${name}`);
      return gathered([r], () => parseSystemctlShow(r.stdout));
    },
  },

  'linux.listening': {
    description: 'Luisterende TCP/UDP-poorten met proces (ss -Htulnp)',
    async run(ctx) {
      const r = ok(await exec(ctx, 'ss -Htulnp', true));
      return gathered([r], () => parseSs(r.stdout).filter((s) => s.state === 'LISTEN' || s.state === 'UNCONN'));
    },
  },

  'linux.firewall': {
    description: 'Firewall: ufw, nftables en iptables uitgelezen, met één genormaliseerd beeld (standaardbeleid inkomend, regels)',
    async run(ctx) {
      const rs = await Promise.all([
        exec(ctx, `${ENV_PATH} ufw status verbose`, true),
        exec(ctx, `${ENV_PATH} nft -j list ruleset`, true),
        exec(ctx, `${ENV_PATH} iptables-save`, true),
        exec(ctx, `${ENV_PATH} ip6tables-save`, true),
      ]);
      const [ufw, nft, ipt, ipt6] = rs as [ExecResult, ExecResult, ExecResult, ExecResult];
      const tried = rs.filter((r) => r.exitCode !== 127);
      const denied = tried.filter((r) => r.exitCode !== 0 && /permission denied|operation not permitted|must be root|need to be root|you need to be root/i.test(r.stderr + r.stdout));
      if (tried.length && denied.length === tried.length)
        throw new ObservationError('onvoldoende rechten om de firewall te lezen; geef een sudo-wachtwoord (secret) of meld aan als root', transcript(rs), cmdOf(rs));
      return gathered(rs, () => {
        const errors: Record<string, string> = {};
        const safe = <T>(name: string, r: ExecResult, f: (s: string) => T): T | undefined => {
          if (r.exitCode === 127) return undefined;
          if (r.exitCode !== 0) {
            errors[name] = (r.stderr || r.stdout).trim().slice(0, 200) || `exit ${r.exitCode}`;
            return undefined;
          }
          try {
            return f(r.stdout);
          } catch (err) {
            errors[name] = (err as Error).message;
            return undefined;
          }
        };
        const src = {
          ufw: safe('ufw', ufw, parseUfwStatus),
          nft: safe('nft', nft, parseNftJson),
          iptables: safe('iptables', ipt, parseIptablesSave),
          ip6tables: safe('ip6tables', ipt6, parseIptablesSave),
        };
        return { ...firewallView(src), ...(src.ufw ? { ufw: src.ufw } : {}), ...(src.nft ? { nft: src.nft } : {}), ...(src.iptables ? { iptables: src.iptables } : {}), ...(src.ip6tables ? { ip6tables: src.ip6tables } : {}), installed: rs.filter((r) => r.exitCode !== 127).map((r) => r.command.replace(ENV_PATH, '').trim().split(' ')[0]), errors };
      });
    },
  },

  'linux.sshd': {
    description: 'Effectieve sshd-instellingen (sshd -T), optioneel voor een Match (user/host/addr) of een ander configuratiebestand',
    params: asObj(SshdP),
    async run(ctx, params) {
      const p = SshdP.parse(params);
      const args = [...(p.config ? ['-f', p.config] : []), '-T', ...(p.match ? ['-C', `user=${p.match.user},host=${p.match.host},addr=${p.match.addr}`] : [])];
      const r = ok(await exec(ctx, `${ENV_PATH} sshd ${args.map(shq).join(' ')}`, true), `sshd ${args.join(' ')}`);
      return gathered([r], () => parseSshd(r.stdout));
    },
  },

  'linux.file': {
    description: 'Bestand of map: bestaat, type, eigenaar, groep, rechten, grootte, wijzigtijd; optioneel inhoud (SFTP) en SHA-256',
    params: asObj(FileP),
    async run(ctx, params) {
      const p = FileP.parse(params);
      const st = await exec(ctx, `stat -c ${shq(STAT_FORMAT)} -- ${shq(p.path)}`, true);
      if (st.exitCode !== 0) {
        if (/No such file or directory|Not a directory/.test(st.stderr)) return gathered([st], () => ({ exists: false, path: p.path }));
        ok(st, `stat ${p.path}`);
      }
      const rs: ExecResult[] = [st];
      const info: Record<string, unknown> = { ...parseStat(st.stdout), path: p.path };
      // A symbolic link (nginx's sites-enabled, alternatives): its own metadata, plus where it points
      // and the target's type; content and hash are the target's, as `cat` would show them.
      let contentType = info.type;
      if (info.type === 'symbolic link') {
        const t = await exec(ctx, `readlink -f -- ${shq(p.path)}; stat -L -c %F -- ${shq(p.path)}`, true);
        rs.push(t);
        const [target, type] = t.stdout.split('\n');
        info.linkTarget = target;
        info.targetType = t.exitCode === 0 && type ? type : 'ontbreekt';
        contentType = info.targetType;
      }
      if (p.hash && contentType === 'regular file') {
        const h = ok(await exec(ctx, `sha256sum -- ${shq(p.path)}`, true), `sha256sum ${p.path}`);
        rs.push(h);
        info.sha256 = Object.values(parseSha256sum(h.stdout))[0];
      }
      if (p.content && (sensitivePath(p.path) || (typeof info.linkTarget === 'string' && sensitivePath(info.linkTarget))))
        throw new ObservationError(`de inhoud van ${p.path} wordt niet gelezen (wachtwoord-hashes of sleutels horen niet in het bewijs); vraag eigenaar, rechten of hash`, transcript(rs), `stat ${p.path}`);
      if (p.content && contentType === 'regular file') {
        let data: { data: Buffer; truncated: boolean } | undefined;
        let via = 'sftp';
        try {
          data = await ctx.conn.readFile(p.path, p.maxBytes);
        } catch (err) {
          // Not readable for the login user: read it through sudo instead (when configured).
          if (ctx.conn.mode === 'root' || ctx.conn.mode === 'none') throw new ObservationError(`kan ${p.path} niet lezen: ${(err as Error).message}`, transcript(rs), `sftp get ${p.path}`);
          const c = ok(await exec(ctx, `head -c ${p.maxBytes + 1} -- ${shq(p.path)}`, true), `cat ${p.path}`);
          data = { data: Buffer.from(c.stdout, 'utf8').subarray(0, p.maxBytes), truncated: Buffer.byteLength(c.stdout) > p.maxBytes };
          via = 'sudo';
        }
        if (data) {
          info.content = data.data.toString('utf8');
          info.contentTruncated = data.truncated;
          rs.push({ command: via === 'sftp' ? `sftp get ${p.path}` : `sudo cat ${p.path}`, exitCode: 0, stdout: info.content as string, stderr: '', truncated: data.truncated });
        }
      }
      return gathered(rs, () => info);
    },
  },

  'linux.mounts': {
    description: 'Koppelpunten (findmnt -J) met grootte en vrije ruimte (df -PTk)',
    async run(ctx) {
      const rs = await Promise.all([exec(ctx, 'findmnt -J -o TARGET,SOURCE,FSTYPE,OPTIONS'), exec(ctx, 'df -PTk')]);
      ok(rs[0]!);
      return gathered(rs, () => {
        const df = rs[1]!.exitCode === 0 || rs[1]!.stdout.includes('Filesystem') ? parseDf(rs[1]!.stdout) : [];
        return parseFindmntJson(rs[0]!.stdout).map((m) => {
          const d = df.find((x) => x.mountedOn === m.target);
          return { ...m, ...(d ? { size: d.size, used: d.used, available: d.available, usePercent: d.usePercent } : {}) };
        });
      });
    },
  },

  'linux.timesync': {
    description: 'Tijdsynchronisatie: timedatectl show, anders chronyc tracking',
    async run(ctx) {
      const t = await exec(ctx, 'timedatectl show');
      if (t.exitCode === 0 && /NTPSynchronized=/.test(t.stdout)) return gathered([t], () => ({ source: 'timedatectl', ...parseTimedatectl(t.stdout) }));
      const c = await exec(ctx, 'chronyc -n tracking');
      if (c.exitCode === 0) return gathered([t, c], () => ({ source: 'chrony', ...parseChronyTracking(c.stdout) }));
      throw new ObservationError(`tijdsynchronisatie niet uit te lezen: ${(t.stderr || t.stdout).trim().split('\n')[0]}; ${(c.stderr || c.stdout).trim().split('\n')[0]}`, transcript([t, c]), cmdOf([t, c]));
    },
  },

  'linux.log': {
    description: 'Logregels in een tijdvenster die op een patroon passen: journal (optioneel per unit) of een logbestand',
    params: asObj(LogP),
    async run(ctx, params) {
      const p = LogP.parse(params);
      const now = ctx.now();
      const since = p.since ? sinceTime(p.since, now) : undefined;
      let re: RegExp | undefined;
      try {
        re = p.grep ? new RegExp(p.grep, p.ignoreCase ? 'i' : '') : undefined;
      } catch (err) {
        throw new ObservationError(`ongeldig patroon '${p.grep}': ${(err as Error).message}`);
      }
      // The server only pre-filters on a plain literal from the pattern (grep -F); the JavaScript
      // regex decides here, so ERE/JS dialect differences cannot drop or add lines.
      const hint = p.grep ? literalHint(p.grep) : undefined;
      const grep = hint ? ` | grep -aF${p.ignoreCase ? 'i' : ''} -- ${shq(hint)}` : '';
      let r: ExecResult;
      let lines: LogLine[];
      if (p.source === 'journal') {
        const args = ['-o', 'json', '--no-pager', '-q', ...(since ? ['--since', `@${Math.floor(since.getTime() / 1000)}`] : []), ...(p.unit ? ['-u', p.unit] : [])];
        r = await exec(ctx, `journalctl ${args.map(shq).join(' ')}${hint && !/["\\]/.test(hint) ? grep : ''} | tail -n ${p.limit}`, true);
        if (r.exitCode !== 0 && !r.stdout) ok(r, 'journalctl');
        lines = parseJournalJson(r.stdout);
      } else {
        if (!p.source.startsWith('/')) throw new ObservationError(`bron moet 'journal' of een absoluut pad zijn, niet '${p.source}'`);
        const [rr, tz] = await Promise.all([
          exec(ctx, `test -e ${shq(p.source)} || { echo 'No such file' >&2; exit 2; }; cat -- ${shq(p.source)}${grep} | tail -n ${p.limit}`, true),
          // BSD syslog times are the server's local time: learn its UTC offset.
          exec(ctx, 'env -u TZ date +%z'),
        ]);
        r = rr;
        if (r.exitCode === 2 && /No such file/.test(r.stderr)) throw new ObservationError(`logbestand ${p.source} bestaat niet`, transcript([r]), r.command);
        const offset = tz.exitCode === 0 ? utcOffsetMinutes(tz.stdout) : 0;
        lines = r.stdout.split('\n').filter(Boolean).map((l) => {
          const time = syslogTime(l, now, offset);
          return { ...(time ? { time } : {}), message: l };
        });
      }
      return gathered([r], () => {
        const inWindow = lines.filter((l) => !since || !l.time || new Date(l.time) >= since);
        const matching = re ? inWindow.filter((l) => re!.test(l.message)) : inWindow;
        return { source: p.source, ...(since ? { since: since.toISOString() } : {}), lines: matching, count: matching.length, untimed: matching.filter((l) => !l.time).length };
      });
    },
  },

  'linux.cron': {
    description: 'Geplande taken: /etc/crontab, /etc/cron.d, gebruikers-crontabs, cron.daily/… en systemd-timers',
    async run(ctx) {
      const rs = await Promise.all([
        exec(ctx, 'for f in /etc/crontab /etc/cron.d/*; do [ -f "$f" ] && { echo "### $f"; cat "$f"; echo; }; done; true'),
        exec(ctx, 'for f in /var/spool/cron/crontabs/* /var/spool/cron/*; do [ -f "$f" ] && { echo "### $f"; cat "$f"; echo; }; done; true', true),
        exec(ctx, 'for d in hourly daily weekly monthly; do [ -d /etc/cron.$d ] && for f in /etc/cron.$d/*; do [ -f "$f" ] && echo "$d $f"; done; done; true'),
        exec(ctx, 'systemctl list-timers --all --no-pager -o json 2>/dev/null || systemctl list-timers --all --no-pager'),
      ]);
      return gathered(rs, () => {
        const entries: (CronEntry & { source: string; schedule: string })[] = [];
        const sections = (s: string) => s.split(/^### /m).filter(Boolean).map((b) => ({ file: b.slice(0, b.indexOf('\n')), body: b.slice(b.indexOf('\n') + 1) }));
        for (const { file, body } of sections(rs[0]!.stdout))
          for (const e of parseCrontab(body, true).entries) entries.push({ ...e, source: file, schedule: sched(e) });
        for (const { file, body } of sections(rs[1]!.stdout))
          for (const e of parseCrontab(body, false).entries) entries.push({ ...e, user: posix.basename(file), source: file, schedule: sched(e) });
        const periodic = rs[2]!.stdout.split('\n').filter(Boolean).map((l) => ({ period: l.split(' ')[0]!, script: l.slice(l.indexOf(' ') + 1) }));
        let timers: ReturnType<typeof parseListTimers> = [];
        let timersError: string | undefined;
        if (rs[3]!.exitCode === 0) timers = parseListTimers(rs[3]!.stdout);
        else timersError = (rs[3]!.stderr || rs[3]!.stdout).trim().split('\n')[0];
        return { entries, periodic, timers, ...(timersError ? { timersError } : {}), ...(rs[1]!.exitCode !== 0 ? { userCrontabsError: rs[1]!.stderr.trim() } : {}) };
      });
    },
  },

  'linux.sudo': {
    description: 'Sudo-rechten van een gebruiker (sudo -l -U)',
    params: asObj(User),
    async run(ctx, params) {
      const { user } = User.parse(params);
      const r = await exec(ctx, `sudo -n -l -U ${shq(user)}`, true);
      if (r.exitCode === 127) ok(r, 'sudo');
      if (r.exitCode !== 0 && !/not allowed to run sudo|unknown user/i.test(r.stdout + r.stderr)) ok(r, `sudo -l -U ${user}`);
      return gathered([r], () => parseSudoList(r.stdout + r.stderr, user));
    },
  },

  'linux.password-policy': {
    description: 'Wachtwoordbeleid: /etc/login.defs, PAM (common-password/system-auth) en pwquality, met de effectieve minimumlengte en maximale geldigheid',
    async run(ctx) {
      const rs = await Promise.all([
        exec(ctx, 'cat /etc/login.defs'),
        exec(ctx, 'cat /etc/pam.d/common-password 2>/dev/null || cat /etc/pam.d/system-auth'),
        exec(ctx, 'cat /etc/security/pwquality.conf /etc/security/pwquality.conf.d/*.conf 2>/dev/null; true'),
      ]);
      ok(rs[0]!);
      return gathered(rs, () => passwordPolicy(rs[0]!.stdout, rs[1]!.exitCode === 0 ? rs[1]!.stdout : '', rs[2]!.stdout));
    },
  },

  'linux.script': {
    description:
      'Voert het script van de kandidaat uit (het enige gegeven dat code van de kandidaat draait): alleen het pad dat het examen noemt, onder de map die het examen noemt, als de aanmeldgebruiker (nooit sudo), met tijdslimiet',
    params: asObj(ScriptP),
    async run(ctx, params) {
      const p = ScriptP.parse(params);
      const root = posix.normalize(p.root).replace(/\/+$/, '');
      const path = posix.normalize(p.path);
      if (!root || root === '/' || ['/bin', '/sbin', '/usr', '/usr/bin', '/usr/sbin', '/etc', '/lib', '/boot', '/dev', '/proc', '/sys'].includes(root))
        throw new ObservationError(`scriptmap '${p.root}' is te ruim; noem de map van de opdracht (bv. /home/kandidaat/scripts)`);
      if (!path.startsWith(root + '/') || path.includes('/../')) throw new ObservationError(`script ${p.path} ligt niet onder ${root}`);
      const secs = Math.ceil(p.timeout);
      const script = `cd ${shq(posix.dirname(path))} && test -f ${shq(path)} || { echo 'script bestaat niet' >&2; exit 126; }; timeout -k 2 ${secs} ${[path, ...p.args].map(shq).join(' ')}`;
      const r = await ctx.conn.exec(script, { signal: ctx.signal, ...(p.stdin !== undefined ? { stdin: p.stdin } : {}) });
      // A missing script is an observation (the candidate has not written it), not a failure to observe.
      if (r.exitCode === 126 && /script bestaat niet/.test(r.stderr)) return gathered([r], () => ({ exists: false, path, args: p.args }));
      return gathered([r], () => ({ exists: true, path, args: p.args, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, timedOut: r.exitCode === 124 || r.exitCode === 137, truncated: r.truncated }));
    },
  },

  'linux.backup': {
    description: 'Back-up: nieuwste bestand (pad of patroon), leeftijd, integriteit (tar -t, gzip -t, sha256sum -c) en terugzetten van één bestand in een tijdelijke map',
    params: asObj(BackupP),
    async run(ctx, params) {
      const p = BackupP.parse(params);
      const rs: ExecResult[] = [];
      let path = p.path;
      if (/[*?[]/.test(posix.basename(p.path))) {
        const f = await exec(ctx, `find ${shq(posix.dirname(p.path))} -maxdepth 1 -type f -name ${shq(posix.basename(p.path))} -printf '%T@ %p\\n' | sort -nr | head -n 1`, true);
        rs.push(f);
        const best = f.stdout.trim();
        if (!best) return gathered(rs, () => ({ exists: false, path: p.path }));
        path = best.slice(best.indexOf(' ') + 1);
      }
      const st = await exec(ctx, `stat -c ${shq(STAT_FORMAT)} -- ${shq(path)}`, true);
      rs.push(st);
      if (st.exitCode !== 0) {
        if (/No such file/.test(st.stderr)) return gathered(rs, () => ({ exists: false, path }));
        ok(st);
      }
      const info = parseStat(st.stdout);
      const out: Record<string, unknown> = { exists: true, path, pattern: p.path !== path ? p.path : undefined, size: info.size, mtime: info.mtime, owner: info.owner, mode: info.mode, kind: p.kind };
      const now = ctx.now();
      out.ageSeconds = Math.max(0, Math.round((now.getTime() - new Date(info.mtime).getTime()) / 1000));
      if (p.kind === 'tar') {
        const t = await exec(ctx, `tar -tf ${shq(path)}`, true);
        rs.push({ ...t, stdout: t.stdout.length > 20000 ? t.stdout.slice(0, 20000) + '\n…\n' : t.stdout });
        const members = t.stdout.split('\n').filter(Boolean);
        out.integrity = { ok: t.exitCode === 0, test: 'tar -tf', entries: members.length, ...(t.exitCode !== 0 ? { error: t.stderr.trim().slice(0, 300) } : {}) };
        if (p.restoreFile && t.exitCode === 0) {
          const want = p.restoreFile.replace(/^\/+/, '');
          const member = members.find((m) => m === want || m === `./${want}` || m === `/${want}`);
          if (!member) out.restore = { ok: false, file: p.restoreFile, error: `${p.restoreFile} staat niet in de back-up` };
          else {
            const original = p.compareWith ?? `/${want}`;
            // Scratch directory from mktemp -d, removed by the trap whatever happens.
            const script =
              `d=$(mktemp -d) || exit 90; trap 'rm -rf "$d"' EXIT; ` +
              `tar -xf ${shq(path)} -C "$d" --no-same-owner --no-same-permissions --no-overwrite-dir -- ${shq(member)} || exit 91; ` +
              `echo "restored $(sha256sum -- "$d"/${shq(member)} | cut -c1-64)"; ` +
              `if [ -f ${shq(original)} ]; then echo "original $(sha256sum -- ${shq(original)} | cut -c1-64)"; else echo 'original -'; fi; ` +
              `rm -rf "$d"; [ -e "$d" ] && echo 'scratch kept' || echo 'scratch removed'`;
            const x = await exec(ctx, script, true);
            rs.push(x);
            const restored = /^restored ([0-9a-f]{64})$/m.exec(x.stdout)?.[1];
            const orig = /^original ([0-9a-f]{64})$/m.exec(x.stdout)?.[1];
            out.restore = {
              ok: x.exitCode === 0 && !!restored,
              file: member,
              ...(restored ? { restoredSha256: restored } : {}),
              compareWith: original,
              ...(orig ? { originalSha256: orig } : { originalMissing: true }),
              ...(restored && orig ? { identical: restored === orig } : {}),
              scratchRemoved: /scratch removed/.test(x.stdout),
              ...(x.exitCode !== 0 ? { error: (x.stderr || `exit ${x.exitCode}`).trim().slice(0, 300) } : {}),
            };
          }
        }
      } else if (p.kind === 'gzip') {
        const g = await exec(ctx, `gzip -t -- ${shq(path)}`, true);
        rs.push(g);
        out.integrity = { ok: g.exitCode === 0, test: 'gzip -t', ...(g.exitCode !== 0 ? { error: g.stderr.trim().slice(0, 300) } : {}) };
      } else if (p.kind === 'checksum') {
        const sumFile = p.checksumFile ?? `${path}.sha256`;
        const c = await exec(ctx, `cd ${shq(posix.dirname(sumFile))} && sha256sum -c -- ${shq(posix.basename(sumFile))}`, true);
        rs.push(c);
        const results = c.stdout.split('\n').filter((l) => /: (OK|FAILED.*)$/.test(l)).map((l) => ({ file: l.replace(/: (OK|FAILED.*)$/, ''), ok: / OK$/.test(l) }));
        out.integrity = { ok: c.exitCode === 0 && results.length > 0, test: 'sha256sum -c', checksumFile: sumFile, files: results, ...(c.exitCode !== 0 ? { error: (c.stderr || c.stdout).trim().slice(0, 300) } : {}) };
      }
      return gathered(rs, () => JSON.parse(JSON.stringify(out)));
    },
  },
};

/**
 * The longest plain literal every match of a JavaScript regex must contain (for a server-side
 * `grep -F` pre-filter), or undefined when there is none worth using (alternation, short pieces).
 */
export function literalHint(pattern: string): string | undefined {
  const pieces: string[] = [];
  let cur = '';
  let depth = 0; // literals inside groups may be optional: only top-level ones count
  const flush = () => {
    if (cur) pieces.push(cur);
    cur = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      i++;
      if (/[.^$|?*+()[\]{}\\/\-]/.test(n)) {
        if (depth === 0) cur += n;
      }
      else flush(); // \d, \s, \b … are classes, not literals
    } else if (c === '[') {
      flush();
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
    } else if ('?*{'.includes(c)) {
      // The previous character is optional or repeated: drop it from the literal.
      cur = cur.slice(0, -1);
      flush();
      if (c === '{') while (i < pattern.length && pattern[i] !== '}') i++;
    } else if (c === '(' || c === ')') {
      flush();
      depth += c === '(' ? 1 : -1;
    } else if (c === '|') {
      if (depth === 0) return undefined; // top-level alternation: no literal is common to all matches
      flush();
    } else if ('.^$+'.includes(c)) flush();
    else if (depth === 0) cur += c;
  }
  flush();
  const best = pieces.sort((a, b) => b.length - a.length)[0];
  return best && best.length >= 3 ? best : undefined;
}

function sched(e: CronEntry): string {
  return e.special ?? [e.minute, e.hour, e.dayOfMonth, e.month, e.dayOfWeek].map((f) => f.join(',')).join(' ');
}

function pick<T extends object>(o: T, keys: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Combine login.defs, the PAM password stack and pwquality.conf into the effective policy. */
export function passwordPolicy(loginDefsRaw: string, pamRaw: string, pwqRaw: string) {
  const defs = parseLoginDefs(loginDefsRaw);
  const pam = parsePam(pamRaw);
  const pwq = parsePwquality(pwqRaw);
  const num = (v: unknown) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined);
  const quality = pam.find((l) => l.type === 'password' && /pam_(pw|crack)lib|pam_pwquality/.test(l.module));
  const unix = pam.find((l) => l.type === 'password' && l.module === 'pam_unix.so');
  const history = pam.find((l) => l.type === 'password' && l.module === 'pam_pwhistory.so');
  // Each module enforces its own minimum; the strictest one in the stack wins.
  const candidates: { value: number; source: string }[] = [];
  if (quality) {
    const v = num(quality.args.minlen) ?? num(pwq.minlen) ?? 8;
    candidates.push({ value: v, source: quality.args.minlen ? `${quality.module} minlen` : pwq.minlen ? 'pwquality.conf minlen' : `${quality.module} (standaard 8)` });
  }
  if (unix && num(unix.args.minlen) !== undefined) candidates.push({ value: num(unix.args.minlen)!, source: 'pam_unix minlen' });
  if (num(defs.PASS_MIN_LEN) !== undefined && !quality) candidates.push({ value: num(defs.PASS_MIN_LEN)!, source: 'login.defs PASS_MIN_LEN' });
  const best = candidates.sort((a, b) => b.value - a.value)[0];
  const remember = num(unix?.args.remember) ?? num(history?.args.remember);
  return {
    loginDefs: pick(defs, ['PASS_MAX_DAYS', 'PASS_MIN_DAYS', 'PASS_WARN_AGE', 'PASS_MIN_LEN', 'ENCRYPT_METHOD', 'UMASK', 'LOGIN_RETRIES']),
    pam: pam.filter((l: PamLine) => l.type === 'password' || l.type === '@include'),
    pwquality: pwq,
    effective: {
      ...(best ? { minLength: best.value, minLengthSource: best.source } : {}),
      ...(num(defs.PASS_MAX_DAYS) !== undefined ? { maxDays: num(defs.PASS_MAX_DAYS) } : {}),
      ...(num(defs.PASS_MIN_DAYS) !== undefined ? { minDays: num(defs.PASS_MIN_DAYS) } : {}),
      ...(num(defs.PASS_WARN_AGE) !== undefined ? { warnAge: num(defs.PASS_WARN_AGE) } : {}),
      ...(remember !== undefined ? { remember } : {}),
      qualityModule: quality?.module ?? null,
      ...(num(pwq.minclass ?? (quality?.args.minclass as string)) !== undefined ? { minClass: num(pwq.minclass ?? (quality?.args.minclass as string)) } : {}),
    },
  };
}

// linux.tcp-from lives in its own file (vantage-point probes for the net checks).
import { tcpFromFact } from './tcp-from.js';
FACTS['linux.tcp-from'] = tcpFromFact;
