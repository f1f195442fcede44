// The RouterOS driver (platform `routeros`): MikroTik RouterBOARD / CHR over the API (node-routeros,
// 8728 plain or 8729 TLS) with SSH CLI as fallback and for `/export`. v6/v7 detected from
// `/system resource`. Read-only in check mode: every API sentence and CLI line passes the
// allow-list (allow.ts) before it is sent. Writes (reference solutions, fault injection) only via
// `applyConfig` / `runWrite`, which open their own connection and are not reachable from gather().
//
// Facts (parsed values are what checks see; sensitive values such as PSKs are replaced by
// `<secret:N>` with N the length, in parsed and raw alike):
//   routeros.print    {menu, where?, proplist?}  → array of records as the API returns them (strings)
//   routeros.export   {menu?, terse?}            → ParsedExport (SSH `/export terse`)
//   routeros.identity {}                         → {identity, board, model, serial, version, major, ...}
//   routeros.command  {command}                  → CLI output (SSH), parsed by the matching parser
//   routeros.monitor  {interface}                → `/interface ethernet monitor <if> once`
//   routeros.ping     {address, count}           → PingResult {replies, sent, received, packetLoss, …}
//   routeros.login    {user, password}           → {accepted, message}: a separate login attempt made
//                                                  by the harness (observes e.g. "admin with an empty
//                                                  password is refused"); nothing is changed.
//
// In a lab file:
//   r1: { platform: routeros, host: 10.0.1.1, credentials: ros,
//         transport: api | api-ssl | ssh    # default: api, falling back to ssh when the API refuses
//         port: 8728                        # port of the chosen transport
//         host_key: 'SHA256:…'              # pinned SSH host key (checked for the plain API too)
//         options: { apiPort: 8728, sshPort: 22, tlsFingerprint: 'AB:CD:…' } }
// `/export` and raw CLI commands always go over SSH (opened on first use); the API has no export.
import { z } from 'zod';
import { ObservationError, type DeviceConfig, type DeviceIdentity, type Driver, type DriverSession, type Gathered } from '../../src/core/types.js';
import { allowApiSentence, allowCliCommand } from './allow.js';
import { majorVersion, normaliseMenu, parseExport, parsePrintItems, parsers, type ExportEntry, type ParsedExport } from './parsers/index.js';
import { durationMs, type PingResult } from './parsers/ping.js';
import { quoteValue } from './parsers/values.js';
import { ApiTransport, endpoints, probeHostKey, SshTransport, type ApiRecord } from './transport.js';

export { allowApiSentence, allowCliCommand } from './allow.js';

const PrintParams = z.object({
  menu: z.string().regex(/^\/?[a-z0-9][a-z0-9-]*([ /][a-z0-9][a-z0-9-]*)*$/, 'menu zoals /ip address of /ip/address'),
  where: z.record(z.string(), z.string()).optional(),
  proplist: z.array(z.string()).optional(),
  /** A menu this RouterOS version does not have (`/interface wifi` on v6) reads as no items. */
  ifExists: z.boolean().optional(),
});
const ExportParams = z.object({ menu: z.string().optional(), terse: z.boolean().default(true) });
const CommandParams = z.object({ command: z.string() });
const MonitorParams = z.object({ interface: z.string() });
const PingParams = z.object({ address: z.string(), count: z.number().int().min(1).max(20).default(3) });
const LoginParams = z.object({ user: z.string(), password: z.string().default('') });

/** Properties whose values are secrets: replaced by `<secret:N>` in parsed and raw. */
export const SENSITIVE = new Set([
  'password', 'passphrase', 'security.passphrase', 'wpa-pre-shared-key', 'wpa2-pre-shared-key', 'authentication-password',
  'encryption-password', 'secret', 'private-key', 'preshared-key', 'key', 'radius-secret', 'pre-shared-key',
]);
export const maskSecret = (v: string) => (!v ? '' : /^<secret:\d+>$/.test(v) ? v : `<secret:${v.length}>`);

export function maskRecord(r: ApiRecord): ApiRecord {
  const out: ApiRecord = {};
  for (const [k, v] of Object.entries(r))
    // `/file print` returns the contents of small files (exports, scripts): not evidence material
    out[k] = SENSITIVE.has(k) ? maskSecret(v) : k === 'contents' ? `<inhoud: ${v.length} tekens>` : v;
  return out;
}

/** Mask `key=value` / `key="value"` of sensitive keys in CLI text (export, print detail/terse). */
export function maskCliText(text: string): string {
  return text.replace(/(^|[\s])([a-z0-9.-]+)=("(?:[^"\\]|\\.)*"|[^\s]*)/g, (m, pre: string, key: string, val: string) => {
    if (!SENSITIVE.has(key)) return m;
    const v = val.startsWith('"') ? val.slice(1, -1).replace(/\\(.)/g, '$1') : val;
    return `${pre}${key}=${maskSecret(v)}`;
  });
}

/** `/ip address` → `/ip/address` (API command path). */
export const apiPath = (menu: string) => normaliseMenu(menu).replace(/ /g, '/');

/** Render API replies readably for the evidence: one `!re` per line, `key=value` words. */
export function renderApi(words: string[], records: ApiRecord[]): string {
  const lines = [words.join(' ')];
  for (const r of records) lines.push('!re ' + Object.entries(r).map(([k, v]) => `${k}=${/\s|^$/.test(v) ? JSON.stringify(v) : v}`).join(' '));
  lines.push('!done');
  return lines.join('\n') + '\n';
}

/** Lines RouterOS prints instead of the output when it refuses a command. */
const CLI_ERROR = /^(bad command name|syntax error|expected |no such item|input does not match|invalid value|failure:|ambiguous value|not enough permissions)/m;

export interface RouterosInfo {
  identity: string;
  version: string;
  major?: number;
  board?: string;
  model?: string;
  serial?: string;
  transport: string;
}

class RouterosSession implements DriverSession {
  api?: ApiTransport;
  ssh?: SshTransport;
  info?: RouterosInfo;
  constructor(
    readonly device: DeviceConfig,
    readonly ep: ReturnType<typeof endpoints>,
  ) {}

  /** Open the preferred transport: API (plain/TLS), SSH, or API then SSH when the API refuses. */
  async open(signal: AbortSignal) {
    const { transport } = this.ep;
    if (transport === 'ssh') return this.openSsh(signal);
    try {
      await this.openApi(signal);
    } catch (err) {
      if (transport !== 'auto' || !(err instanceof ObservationError) || !/weigert de verbinding|verbrak de verbinding/.test(err.message)) throw err;
      try {
        await this.openSsh(signal);
      } catch (sshErr) {
        throw new ObservationError(`${err.message}; terugval op SSH mislukt: ${(sshErr as Error).message}`);
      }
    }
  }

  /** SSH host key read without logging in (plain API: the only way to know the device's key). */
  sshHostKey?: string;

  private async openApi(signal: AbortSignal) {
    const d = this.device;
    const tlsPin = d.options?.tlsFingerprint as string | undefined;
    // a pinned SSH host key (host_key) is checked for the plain API too, before credentials are sent
    if (d.hostKey && !this.ep.tls && !tlsPin) {
      let fp: string;
      try {
        fp = await probeHostKey(this.ep.host, this.ep.sshPort, this.ep.timeoutMs);
      } catch (err) {
        throw new ObservationError(`vastgelegde SSH-sleutel niet te controleren: ${(err as Error).message}`);
      }
      if (fp !== d.hostKey) throw new ObservationError(`SSH-sleutel van ${this.ep.host} wijkt af van de vastgelegde (verwacht ${d.hostKey}, gekregen ${fp})`);
      this.sshHostKey = fp;
    }
    const api = new ApiTransport(this.ep.host, this.ep.apiPort, d.username ?? 'admin', d.password ?? '', this.ep.tls, this.ep.timeoutMs, tlsPin ?? (this.ep.tls ? d.hostKey : undefined));
    await api.open(signal);
    this.api = api;
  }

  private async openSsh(signal: AbortSignal) {
    const d = this.device;
    const ssh = new SshTransport(this.ep.host, this.ep.sshPort, d.username ?? 'admin', d.password, d.privateKey, this.ep.timeoutMs, this.ep.tls ? undefined : d.hostKey);
    await ssh.open(signal);
    this.ssh = ssh;
  }

  /** SSH for what the API cannot do (`/export`, raw CLI): opened on first use. */
  private async needSsh(signal: AbortSignal, why: string): Promise<SshTransport> {
    if (this.ssh) return this.ssh;
    try {
      await this.openSsh(signal);
    } catch (err) {
      throw new ObservationError(`${why} gaat via SSH, en SSH lukte niet: ${(err as Error).message}`);
    }
    return this.ssh!;
  }

  async apiRun(words: string[]): Promise<ApiRecord[]> {
    if (!allowApiSentence(words)) throw new ObservationError(`opdracht geweigerd: '${words.join(' ')}' staat niet op de alleen-lezen lijst van routeros`, '', words.join(' '));
    return this.api!.run(words);
  }

  async cli(command: string, signal: AbortSignal, why = 'deze opdracht'): Promise<string> {
    if (!allowCliCommand(command)) throw new ObservationError(`opdracht geweigerd: '${command}' staat niet op de alleen-lezen lijst van routeros`, '', command);
    const ssh = await this.needSsh(signal, why);
    const out = await ssh.exec(command, signal);
    const err = CLI_ERROR.exec(out.trim());
    if (err && out.trim().split('\n').length <= 2) throw new ObservationError(`RouterOS weigerde '${command}': ${out.trim()}`, out, command);
    return out;
  }

  async loadInfo(signal: AbortSignal): Promise<RouterosInfo> {
    if (this.info) return this.info;
    let res: ApiRecord;
    let ident: ApiRecord;
    let rb: ApiRecord = {};
    if (this.api) {
      [res] = await this.apiRun(['/system/resource/print']);
      [ident] = await this.apiRun(['/system/identity/print']);
      rb = (await this.apiRun(['/system/routerboard/print']).catch(() => []))[0] ?? {};
    } else {
      res = parsePrintItems(await this.cli('/system resource print', signal)).items[0] ?? {};
      ident = parsePrintItems(await this.cli('/system identity print', signal)).items[0] ?? {};
      rb = parsePrintItems(await this.cli('/system routerboard print', signal).catch(() => '')).items[0] ?? {};
    }
    const version = res?.version ?? '';
    this.info = {
      identity: ident?.name ?? '',
      version,
      major: majorVersion(version),
      ...(res?.['board-name'] ? { board: res['board-name'] } : {}),
      ...(rb.model ? { model: rb.model } : {}),
      ...(rb['serial-number'] ? { serial: rb['serial-number'] } : {}),
      transport: this.api ? (this.ep.tls ? 'api-ssl' : 'api') : 'ssh',
    };
    return this.info;
  }

  async identity(signal: AbortSignal): Promise<DeviceIdentity> {
    const i = await this.loadInfo(signal);
    if (this.api && !this.api.tls && !this.ssh && !this.sshHostKey)
      this.sshHostKey = await probeHostKey(this.ep.host, this.ep.sshPort, Math.min(this.ep.timeoutMs, 5000)).catch(() => undefined);
    const hostKey = this.ssh?.hostKeyFingerprint ?? this.sshHostKey;
    return {
      hostname: i.identity,
      version: i.version,
      ...(i.model ?? i.board ? { model: i.model ?? i.board } : {}),
      ...(i.serial ? { serial: i.serial } : {}),
      ...(i.board ? { board: i.board } : {}),
      ...(hostKey ? { hostKeyFingerprint: hostKey } : {}),
      ...(this.api?.tlsFingerprint ? { tlsFingerprint: this.api.tlsFingerprint } : {}),
      ...(this.api?.tlsFingerprint && !hostKey ? { hostKeyFingerprint: `TLS-SHA256:${this.api.tlsFingerprint}` } : {}),
      transport: i.transport,
    };
  }

  async gather(fact: string, params: Record<string, unknown>, signal: AbortSignal): Promise<Gathered> {
    switch (fact) {
      case 'routeros.print':
        return this.print(PrintParams.parse(params), signal);
      case 'routeros.export':
        return this.exportConfig(ExportParams.parse(params), signal);
      case 'routeros.identity': {
        const i = await this.loadInfo(signal);
        const id = await this.identity(signal);
        return { command: this.api ? '/system/resource/print, /system/identity/print, /system/routerboard/print' : '/system resource print, /system identity print, /system routerboard print', raw: JSON.stringify(id, null, 2) + '\n', parsed: { ...i, ...id }, transport: i.transport };
      }
      case 'routeros.command': {
        const { command } = CommandParams.parse(params);
        const raw = maskCliText(await this.cli(command, signal));
        return parseWith(command, raw, 'ssh');
      }
      case 'routeros.monitor': {
        const p = MonitorParams.parse(params);
        if (this.api) {
          const words = ['/interface/ethernet/monitor', `=numbers=${p.interface}`, '=once='];
          const recs = await this.apiRun(words);
          return { command: words.join(' '), raw: renderApi(words, recs), parsed: recs[0] ?? {}, transport: 'api' };
        }
        const command = `/interface ethernet monitor ${p.interface} once`;
        const raw = await this.cli(command, signal);
        return { command, raw, parsed: parsePrintItems(raw).items[0] ?? {}, transport: 'ssh' };
      }
      case 'routeros.ping': {
        const p = PingParams.parse(params);
        if (this.api) {
          const words = ['/ping', `=address=${p.address}`, `=count=${p.count}`];
          const recs = await this.apiRun(words);
          return { command: words.join(' '), raw: renderApi(words, recs), parsed: pingFromApi(recs), transport: 'api' };
        }
        const command = `/ping ${p.address} count=${p.count}`;
        return parseWith(command, await this.cli(command, signal), 'ssh');
      }
      case 'routeros.login':
        return this.loginProbe(LoginParams.parse(params), signal);
    }
    throw new ObservationError(`routeros: onbekend feit ${fact}`);
  }

  private async print(p: z.infer<typeof PrintParams>, signal: AbortSignal): Promise<Gathered> {
    try {
      return await this.printMenu(p, signal);
    } catch (err) {
      if (p.ifExists && err instanceof ObservationError && /no such command|bad command name/.test(err.message))
        return { command: err.command || `${normaliseMenu(p.menu)} print`, raw: `(${normaliseMenu(p.menu)} bestaat niet op deze router: ${err.message})\n`, parsed: [], transport: this.api ? 'api' : 'ssh' };
      throw err;
    }
  }

  private async printMenu(p: z.infer<typeof PrintParams>, signal: AbortSignal): Promise<Gathered> {
    if (this.api) {
      const words = [`${apiPath(p.menu)}/print`, ...Object.entries(p.where ?? {}).map(([k, v]) => `?${k}=${v}`), ...(p.proplist ? [`=.proplist=${p.proplist.join(',')}`] : [])];
      const recs = (await this.apiRun(words)).map(maskRecord);
      return { command: words.join(' '), raw: renderApi(words, recs), parsed: recs, transport: this.ep.tls ? 'api-ssl' : 'api' };
    }
    const where = Object.entries(p.where ?? {}).map(([k, v]) => `${k}=${/\s/.test(v) ? JSON.stringify(v) : v}`);
    const menu = normaliseMenu(p.menu);
    const single = /^\/system (identity|resource|routerboard|license)$|^\/(snmp|ip dns|system ntp client|system clock)$/.test(menu);
    const command = `${menu} print${single ? '' : ' detail'} without-paging${where.length ? ` where ${where.join(' and ')}` : ''}`;
    const raw = maskCliText(await this.cli(command, signal));
    const g = parseWith(command, raw, 'ssh');
    if (g.parsed !== undefined) {
      let items = (g.parsed as { items: ApiRecord[] }).items.map(maskRecord);
      if (p.proplist) items = items.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => p.proplist!.includes(k))));
      g.parsed = items;
    }
    return g;
  }

  private async exportConfig(p: z.infer<typeof ExportParams>, signal: AbortSignal): Promise<Gathered> {
    const info = await this.loadInfo(signal).catch(() => undefined);
    const menu = p.menu ? normaliseMenu(p.menu) : '';
    // v6 prints secrets in an export unless hide-sensitive; v7 hides them by default
    const command = `${menu ? menu + ' ' : '/'}export${p.terse ? ' terse' : ''}${info?.major === 6 ? ' hide-sensitive' : ''}`;
    const raw = maskCliText(await this.cli(command, signal, '/export'));
    try {
      const parsed = parseExport(raw);
      maskExport(parsed);
      return { command, raw, parsed, transport: 'ssh' };
    } catch (err) {
      return { command, raw, parseError: (err as Error).message, transport: 'ssh' };
    }
  }

  /** A separate login attempt with other credentials: observes whether the device accepts them. */
  private async loginProbe(p: z.infer<typeof LoginParams>, signal: AbortSignal): Promise<Gathered> {
    const viaApi = !!this.api;
    const command = viaApi ? `/login =name=${p.user} =password=<${p.password ? 'opgegeven' : 'leeg'}>` : `ssh ${p.user}@${this.ep.host} (wachtwoord ${p.password ? 'opgegeven' : 'leeg'})`;
    try {
      if (viaApi) {
        const t = new ApiTransport(this.ep.host, this.ep.apiPort, p.user, p.password, this.ep.tls, this.ep.timeoutMs);
        await t.open(signal);
        await t.close();
      } else {
        const t = new SshTransport(this.ep.host, this.ep.sshPort, p.user, p.password, undefined, this.ep.timeoutMs);
        await t.open(signal);
        await t.close();
      }
      return { command, raw: 'aanmelden geaccepteerd\n', parsed: { accepted: true, user: p.user, emptyPassword: !p.password, message: 'aanmelden geaccepteerd' }, transport: viaApi ? 'api' : 'ssh' };
    } catch (err) {
      const msg = (err as Error).message;
      if (/gebruikersnaam of wachtwoord afgewezen/.test(msg))
        return { command, raw: msg + '\n', parsed: { accepted: false, user: p.user, emptyPassword: !p.password, message: msg }, transport: viaApi ? 'api' : 'ssh' };
      throw err; // unreachable / refused: could not observe
    }
  }

  async close() {
    await Promise.all([this.api?.close(), this.ssh?.close()]);
  }
}

/** API `/ping` replies (one `!re` per packet, running totals) in the shape of the CLI parser's. */
export function pingFromApi(recs: ApiRecord[]): PingResult {
  const last = recs[recs.length - 1] ?? {};
  const out: PingResult = {
    replies: recs.map((r) => ({
      seq: Number(r.seq ?? 0),
      host: r.host ?? '',
      ...(r.size ? { size: Number(r.size) } : {}),
      ...(r.ttl ? { ttl: Number(r.ttl) } : {}),
      ...(durationMs(r.time) !== undefined ? { timeMs: durationMs(r.time) } : {}),
      ...(r.status ? { status: r.status } : {}),
    })),
    sent: Number(last.sent ?? recs.length),
    received: Number(last.received ?? 0),
    packetLoss: Number(last['packet-loss'] ?? 0),
  };
  for (const [k, f] of [['min-rtt', 'minRttMs'], ['avg-rtt', 'avgRttMs'], ['max-rtt', 'maxRttMs']] as const) {
    const v = durationMs(last[k]);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

function parseWith(command: string, raw: string, transport: string): Gathered {
  // (not core/registry's findParser: importing the registry here would be an import cycle)
  const c = command.trim().replace(/\s+/g, ' ');
  const parser = parsers.find((p) => p.match.test(c));
  if (!parser) return { command, raw, transport };
  try {
    return { command, raw, parsed: parser.parse(raw), transport };
  } catch (err) {
    return { command, raw, parseError: (err as Error).message, transport };
  }
}

function maskExport(e: ParsedExport) {
  for (const entries of Object.values(e.menus)) for (const en of entries) en.props = maskRecord(en.props);
}

export const routerosDriver: Driver = {
  platform: 'routeros',
  description: 'MikroTik RouterOS v6/v7 via API (node-routeros, 8728/8729 TLS) met SSH-CLI als terugval en voor /export',
  roleKinds: ['routeros', 'mikrotik', 'routeros-router', 'routeros-switch'],
  facts: {
    'routeros.print': { description: 'print van een menu (bijv. /ip address) als records', params: PrintParams },
    'routeros.export': { description: '/export (terse) als gestructureerde configuratie', params: ExportParams },
    'routeros.identity': { description: 'identity, board, serienummer, versie, SSH-sleutel of TLS-vingerafdruk' },
    'routeros.command': { description: 'een alleen-lezen CLI-opdracht via SSH (print, export, monitor … once, ping count=)', params: CommandParams },
    'routeros.monitor': { description: '/interface ethernet monitor <poort> once', params: MonitorParams },
    'routeros.ping': { description: 'ping vanaf de router (count=)', params: PingParams },
    'routeros.login': { description: 'aanmeldpoging met andere gegevens (bijv. admin zonder wachtwoord): wordt die geweigerd?', params: LoginParams },
  },
  allowCommand: allowCliCommand,
  async connect(device, signal) {
    const s = new RouterosSession(device, endpoints(device));
    await s.open(signal);
    return s;
  },
};

// --- write path (reference solutions, fault injection) ---------------------------------------------

export interface ApplyResult {
  applied: number;
  commands: string[];
}

/**
 * Apply a RouterOS script (export syntax: `/menu` sections or one-line `/menu add ...`) to a device.
 * Over the API every entry becomes API sentences (finds resolved to .id first); over SSH the lines
 * are sent as they are. Not part of check mode: never called by gather().
 */
/** Commands that act rather than configure (`/system backup save`, `/export file=`): written as a
 *  menu path ending in the verb, which the export parser reads as part of the menu. */
const COMMAND_VERBS = new Set(['save', 'export', 'load']);

/** A script's commands in the order written (the export parser groups them by menu). */
export function scriptCommands(script: string): { menu: string; entry: ExportEntry }[] {
  const parsed = parseExport(script);
  const all = Object.entries(parsed.menus).flatMap(([menu, entries]) => entries.map((entry) => ({ menu, entry })));
  all.sort((a, b) => a.entry.line - b.entry.line);
  return all.map(({ menu, entry }) => {
    const words = menu.split(' ');
    const verb = words[words.length - 1]!.replace(/^\//, '');
    if (entry.action === 'set' && !entry.find && entry.item === undefined && COMMAND_VERBS.has(verb))
      return { menu: words.length > 1 ? words.slice(0, -1).join(' ') : '/', entry: { ...entry, action: verb } };
    return { menu, entry };
  });
}

export async function applyConfig(device: DeviceConfig, script: string, signal: AbortSignal = AbortSignal.timeout(60_000)): Promise<ApplyResult> {
  const ep = endpoints(device);
  const parsed = { commands: scriptCommands(script) };
  const commands: string[] = [];
  if (ep.transport === 'ssh') {
    const ssh = new SshTransport(ep.host, ep.sshPort, device.username ?? 'admin', device.password, device.privateKey, ep.timeoutMs, device.hostKey);
    await ssh.open(signal);
    try {
      for (const { menu, entry: en } of parsed.commands) {
        const line = `${menu === '/' ? '' : menu} ${cliEntry(en)}`.trim().replace(/^(?!\/)/, '/');
        commands.push(line);
        const out = (await ssh.exec(line, signal)).trim();
        if (out && CLI_ERROR.test(out)) throw new ObservationError(`'${line}': ${out}`, out, line);
      }
    } finally {
      await ssh.close();
    }
    return { applied: commands.length, commands };
  }
  const api = new ApiTransport(ep.host, ep.apiPort, device.username ?? 'admin', device.password ?? '', ep.tls, ep.timeoutMs, device.options?.tlsFingerprint as string | undefined);
  await api.open(signal);
  try {
    for (const { menu, entry: en } of parsed.commands) {
      const path = menu === '/' ? '' : apiPath(menu);
      const props = Object.entries(en.props).map(([k, v]) => `=${k}=${v}`);
      let ids: string[] | undefined;
      if (en.find) {
        const q = Object.entries(en.find).map(([k, v]) => `?${k}=${v}`);
        ids = (await api.run([`${path}/print`, '=.proplist=.id', ...q])).map((r) => r['.id']);
        if (!ids.length) throw new ObservationError(`${menu} ${en.action}: geen item gevonden voor [ find ${Object.entries(en.find).map(([k, v]) => `${k}=${v}`).join(' ')} ]`);
      } else if (en.item !== undefined) ids = [en.item];
      const words = [`${path}/${en.action}`, ...(ids ? [`=numbers=${ids.join(',')}`] : []), ...props];
      commands.push(words.join(' '));
      await api.run(words);
    }
  } finally {
    await api.close();
  }
  return { applied: commands.length, commands };
}

/** Run one changing command (fault injection), e.g. `/ip service set telnet disabled=no`. */
export function runWrite(device: DeviceConfig, command: string, signal?: AbortSignal): Promise<ApplyResult> {
  return applyConfig(device, command, signal);
}

function cliEntry(en: ExportEntry): string {
  const q = quoteValue;
  const sel = en.find ? `[ find ${Object.entries(en.find).map(([k, v]) => `${k}=${q(v)}`).join(' ')} ] ` : en.item !== undefined ? `${en.item} ` : '';
  return `${en.action} ${sel}${Object.entries(en.props).map(([k, v]) => `${k}=${q(v)}`).join(' ')}`.trim();
}
