// The Cisco IOS driver: fact `cisco.show {command}` over SSH, telnet or a console line, read-only
// (allow-list), device identity (hostname, model, serial, version, SSH host key). Writing a
// configuration is a separate, explicitly named function (`applyConfig`, `saveConfig`) that
// reference solutions and fault injection use; gather() can never reach it.
import { z } from 'zod';
import { findParser } from '../../src/core/registry.js';
import { ObservationError, type DeviceConfig, type DeviceIdentity, type Driver, type DriverSession, type Gathered, type Parser } from '../../src/core/types.js';
import { Channel } from './channel.js';
import { parsers as iosParserList } from './parsers/index.js';
import { allowCommand, iosPlatform } from './platform.js';
import { openSsh, openTelnet, type Transport } from './transport.js';

export { allowCommand } from './platform.js';

const ShowParams = z.object({ command: z.string().min(1) });

/** The IOS parsers (drivers/cisco-ios/parsers/). */
async function iosParsers(): Promise<Parser[]> {
  return iosParserList;
}

/** Parse raw output with the parser for the command: parsed, parseError (raw kept), or neither. */
export function parseWith(parsers: Parser[], command: string, raw: string): Pick<Gathered, 'parsed' | 'parseError'> {
  const p = findParser(parsers, iosPlatform.id, command);
  if (!p) return {};
  try {
    return { parsed: p.parse(raw) };
  } catch (err) {
    return { parseError: err instanceof Error ? err.message : String(err) };
  }
}

function whereOf(d: DeviceConfig): string {
  return `${d.host ?? d.role}${d.port ? ':' + d.port : ''}`;
}

function transportOf(d: DeviceConfig): 'ssh' | 'telnet' | 'console' {
  const t = (d.transport ?? (d.options.transport as string | undefined) ?? 'ssh').toLowerCase();
  if (t === 'telnet') return 'telnet';
  if (t === 'console' || t === 'reverse-telnet' || t === 'terminal-server') return 'console';
  return 'ssh';
}

/** An open IOS CLI session: transport + channel, in privileged exec mode with paging off. */
export class IosSession implements DriverSession {
  /** Output identity() already read in this session; the first fact asking for it uses it (one command less). */
  private fresh = new Map<string, string>();
  private constructor(
    readonly device: DeviceConfig,
    private ch: Channel,
    private parsers: Parser[] | undefined,
  ) {}

  static async open(device: DeviceConfig, signal: AbortSignal, opts: { parsers?: Parser[] } = {}): Promise<IosSession> {
    const ch = await openChannel(device, signal);
    return new IosSession(device, ch, opts.parsers);
  }

  get transport(): Transport {
    return this.ch.t;
  }

  get hostname(): string {
    return this.ch.hostname;
  }

  get banner(): string {
    return this.ch.banner;
  }

  /** The channel (for applyConfig); reopened when the device dropped the previous one. */
  async channel(signal: AbortSignal): Promise<Channel> {
    if (this.ch.closed) this.ch = await openChannel(this.device, signal);
    return this.ch;
  }

  /** Run a command that passed the allow-list. */
  async show(command: string, signal: AbortSignal): Promise<Gathered> {
    if (!allowCommand(command)) throw new ObservationError(`opdracht geweigerd: '${command}' staat niet op de alleen-lezen lijst van cisco-ios`, '', command);
    const ch = await this.channel(signal);
    const key = command.trim().replace(/\s+/g, ' ').toLowerCase();
    const cached = this.fresh.get(key);
    this.fresh.delete(key);
    const raw = cached ?? (await ch.run(command.trim(), signal));
    const parsers = this.parsers ?? (await iosParsers());
    return { command: command.trim(), raw, transport: ch.t.kind, ...parseWith(parsers, command, raw) };
  }

  async gather(fact: string, params: Record<string, unknown>, signal: AbortSignal): Promise<Gathered> {
    if (fact !== 'cisco.show') throw new ObservationError(`cisco-ios kent het feit '${fact}' niet (wel: cisco.show)`);
    const p = ShowParams.safeParse(params);
    if (!p.success) throw new ObservationError(`cisco.show: parameter 'command' ontbreekt of is leeg`);
    return this.show(p.data.command, signal);
  }

  async identity(signal: AbortSignal): Promise<DeviceIdentity> {
    const ch = await this.channel(signal);
    const id: DeviceIdentity = { hostname: ch.hostname, transport: ch.t.kind };
    if (ch.t.hostKeyFingerprint) id.hostKeyFingerprint = ch.t.hostKeyFingerprint;
    const ver = await ch.run('show version', signal);
    this.fresh.set('show version', ver);
    const v = /Version ([^,\s]+)/.exec(ver);
    if (v) id.version = v[1];
    const model = /^[Cc]isco (\S+) \(.*\) (?:processor|with)/m.exec(ver) ?? /^Model [Nn]umber\s*:\s*(\S+)/m.exec(ver) ?? /^[Cc]isco (\S+).+bytes of .*memory/m.exec(ver);
    if (model) id.model = model[1];
    const serial = /^System [Ss]erial [Nn]umber\s*:\s*(\S+)/m.exec(ver) ?? /Processor board ID (\S+)/.exec(ver);
    if (serial) id.serial = serial[1];
    // `show inventory` only when `show version` did not give model and serial (each show command
    // costs hundreds of ms on a real switch, before any criterion's command runs).
    if (!id.model || !id.serial) try {
      const inv = await ch.run('show inventory', signal);
      const first = /PID:\s*(\S+)\s*,\s*VID:\s*(\S*)\s*,\s*SN:\s*(\S+)/.exec(inv);
      if (first) {
        id.model = first[1];
        id.serial = first[3];
      }
    } catch (err) {
      if (!(err instanceof ObservationError)) throw err;
    }
    return id;
  }

  async close(): Promise<void> {
    this.ch.close();
  }
}

async function openChannel(device: DeviceConfig, signal: AbortSignal): Promise<Channel> {
  const kind = transportOf(device);
  const t = kind === 'ssh' ? await openSsh(device, signal) : await openTelnet(device, signal, kind);
  const ch = new Channel(t, { username: device.username, password: device.password, secret: device.secret, timeoutMs: device.timeoutMs ?? 30_000, where: whereOf(device), maxPages: typeof device.options.maxPages === 'number' ? device.options.maxPages : undefined });
  try {
    await ch.open(signal);
    await ch.enable(signal);
    for (const c of iosPlatform.onOpen) await ch.run(c, signal, { check: false });
    return ch;
  } catch (err) {
    ch.close();
    throw err;
  }
}

export function createCiscoIosDriver(opts: { parsers?: Parser[] } = {}): Driver {
  return {
    platform: 'cisco-ios',
    description: 'Cisco IOS switches en routers over SSH, telnet of console (terminal server), alleen-lezen',
    roleKinds: ['cisco-ios-switch', 'cisco-ios-router'],
    facts: {
      'cisco.show': { description: 'Run a read-only IOS command (show, ping, traceroute, dir, more); raw output and parsed value', params: ShowParams },
    },
    allowCommand,
    connect: (device, signal) => IosSession.open(device, signal, opts),
  };
}

export const ciscoIosDriver: Driver = createCiscoIosDriver();

// ---- writing: reference solutions and fault injection only --------------------------------

export interface ApplyResult {
  /** Output of every line, in order. */
  transcript: string;
  /** Lines the device refused (% Invalid input …) with the error text. */
  errors: { line: string; error: string }[];
}

/**
 * Apply configuration lines (`configure terminal` … `end`). NOT reachable from gather(): only
 * reference solutions, fault injection and tests call this. Refused lines are reported, not thrown,
 * unless `strict` is set.
 */
export async function applyConfig(device: DeviceConfig | IosSession, lines: string[] | string, opts: { signal?: AbortSignal; strict?: boolean } = {}): Promise<ApplyResult> {
  const signal = opts.signal ?? AbortSignal.timeout((device instanceof IosSession ? device.device.timeoutMs : device.timeoutMs) ?? 60_000);
  const session = device instanceof IosSession ? device : await IosSession.open(device, signal);
  try {
    const ch = await session.channel(signal);
    await ch.enable(signal);
    const list = (typeof lines === 'string' ? lines.split(/\r?\n/) : lines).filter((l) => l.trim() && !/^\s*!/.test(l) && !/^\s*end\s*$/.test(l));
    let transcript = await ch.run('configure terminal', signal);
    const errors: ApplyResult['errors'] = [];
    for (const line of list) {
      // A `hostname` line changes the prompt: accept any IOS prompt while configuring.
      const out = await ch.run(line, signal, { check: false, anyPrompt: true });
      transcript += `${line}\n${out}`;
      const m = /^%.*$/m.exec(out);
      if (m && !/^% (Access VLAN does not exist|The key modulus|Generating)/.test(m[0])) errors.push({ line, error: m[0].trim() });
    }
    transcript += await ch.run('end', signal, { check: false, anyPrompt: true });
    if (opts.strict && errors.length) throw new ObservationError(`configuratie geweigerd: ${errors.map((e) => `'${e.line}': ${e.error}`).join('; ')}`, transcript);
    return { transcript, errors };
  } finally {
    if (!(device instanceof IosSession)) await session.close();
  }
}

/** `copy running-config startup-config` (answers the destination prompt). */
export async function saveConfig(device: DeviceConfig | IosSession, opts: { signal?: AbortSignal } = {}): Promise<string> {
  const signal = opts.signal ?? AbortSignal.timeout((device instanceof IosSession ? device.device.timeoutMs : device.timeoutMs) ?? 60_000);
  const session = device instanceof IosSession ? device : await IosSession.open(device, signal);
  try {
    const ch = await session.channel(signal);
    await ch.enable(signal);
    const out = await ch.run('copy running-config startup-config', signal, {
      answers: [
        { prompt: /Destination filename \[[^\]]*\]\?\s*$/, answer: '' },
        { prompt: /\[confirm\]\s*$/, answer: '' },
      ],
    });
    if (!/\[OK\]/.test(out)) throw new ObservationError(`opslaan mislukt: ${out.trim().split('\n').pop()}`, out, 'copy running-config startup-config');
    return out;
  } finally {
    if (!(device instanceof IosSession)) await session.close();
  }
}
