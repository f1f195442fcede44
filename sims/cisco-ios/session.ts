// One interactive CLI session on the simulated device (a vty over SSH or telnet, or the console):
// line editing with echo, modes and prompts, exec and show commands, paging with --More--,
// interactive prompts (enable password, copy destination), and the misbehaviour knobs.
import { randomBytes } from 'node:crypto';
import { applyLine, bannerLine, newConfigCtx, renderConfig, type ConfigCtx, type ConfigMode } from './config.js';
import { Grammar, type Args } from './grammar.js';
import { ipToInt, linkState, networkOf, secretMatches, sortedIfaces, type IosState } from './model.js';
import * as show from './show.js';

export type ExecMode = 'user' | 'enable';
export type Mode = ExecMode | ConfigMode;

export interface Faults {
  /** Delay before each non-empty command's output (ms), or per command line (benchmarks: show commands slow, `terminal` quick). */
  commandLatencyMs?: number | ((line: string) => number);
  /** Delay before the SSH/telnet server starts talking (ms). */
  handshakeDelayMs?: number;
  /** Accept TCP and never answer. */
  blackhole?: boolean;
  /** Drop the connection half-way through the output of commands matching this (string = substring). */
  dropOn?: string | RegExp;
  /** Answer every command with garbage and never print a prompt again. */
  garbage?: boolean;
  /** Page with --More-- whatever `terminal length` says, and never reach the end of the output. */
  pageForever?: boolean;
  /** Reject every password. */
  rejectPassword?: boolean;
  /** Accept `terminal length 0` but keep paging (some releases, some AAA setups). */
  ignoreTerminalLength?: boolean;
}

export interface SimDevice {
  state: IosState;
  faults: Faults;
  /** Save running-config as startup-config (write memory). */
  save(): void;
  log(line: string): void;
  /** Called for every command line a session executes (not passwords). */
  onCommand?(line: string): void;
}

export interface SessionIO {
  write(s: string): void;
  close(): void;
}

type ExecCtx = { sess: IosSession; out: string[]; /** Set by a handler: the command does not exist here; caret under this word. */ invalidWord?: number };

const ctrlZ = '\x1a';

export class IosSession {
  mode: Mode = 'user';
  termLength = 24;
  termWidth = 80;
  private buf = '';
  private lastCR = false;
  private queue: string[] = [];
  private busy = false;
  private cfg: ConfigCtx;
  /** When set, the next line goes to this handler (password prompts, confirmations). */
  private ask?: { echo: boolean; handler: (line: string) => void };
  private pager?: { lines: string[]; pos: number; forever: boolean; done: () => void };
  private closed = false;
  private garbling = false;

  constructor(
    readonly dev: SimDevice,
    private io: SessionIO,
    readonly info: { transport: 'ssh' | 'telnet' | 'console'; user?: string; from?: string; line: string; privilege?: number },
  ) {
    this.cfg = newConfigCtx(dev.state);
    if ((info.privilege ?? 1) >= 15) this.mode = 'enable';
  }

  get s(): IosState {
    return this.dev.state;
  }

  attach(io: SessionIO) {
    this.io = io;
    this.closed = false;
  }

  prompt(): string {
    const h = this.s.hostname;
    if (this.mode === 'user') return `${h}>`;
    if (this.mode === 'enable') return `${h}#`;
    return `${h}(${this.mode})#`;
  }

  private write(s: string) {
    if (!this.closed) this.io.write(s.replace(/\r?\n/g, '\r\n'));
  }

  /** Start of an interactive session: MOTD (vty) then the prompt. */
  start(withMotd = true) {
    if (this.dev.faults.garbage) return this.startGarbage();
    if (withMotd && this.s.bannerMotd !== undefined) this.write(`\n${this.s.bannerMotd}\n\n`);
    this.write(this.prompt());
  }

  private startGarbage() {
    this.garbling = true;
    this.io.write(randomBytes(64).toString('latin1'));
  }

  close() {
    this.closed = true;
  }

  /** Bytes typed by the client. */
  input(data: string) {
    if (this.closed) return;
    if (this.garbling) {
      this.io.write(randomBytes(32).toString('latin1'));
      return;
    }
    for (const ch of data) {
      if (this.pager) {
        this.pagerKey(ch);
        continue;
      }
      if (ch === '\n' && this.lastCR) {
        this.lastCR = false;
        continue;
      }
      if (ch === '\0') continue;
      this.lastCR = ch === '\r';
      if (ch === '\r' || ch === '\n') {
        const line = this.buf;
        this.buf = '';
        this.enqueue(line);
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.buf.length) {
          this.buf = this.buf.slice(0, -1);
          if (!this.ask || this.ask.echo) this.write('\b \b');
        }
      } else if (ch === ctrlZ) {
        this.buf = '';
        this.enqueue(ctrlZ);
      } else if (ch === '\x03') {
        this.buf = '';
        this.enqueue('\x03');
      } else if (ch === '\t' || ch === '\x1b') {
        /* no completion */
      } else if (ch >= ' ') {
        this.buf += ch;
        if (!this.ask || this.ask.echo) this.write(ch);
      }
    }
  }

  private enqueue(line: string) {
    this.queue.push(line);
    if (!this.busy) void this.drain();
  }

  private async drain() {
    this.busy = true;
    try {
      while (this.queue.length && !this.closed && !this.pager) {
        const line = this.queue.shift()!;
        await this.handle(line);
      }
    } finally {
      this.busy = false;
    }
  }

  private async handle(line: string) {
    if (this.ask) {
      const a = this.ask;
      this.ask = undefined;
      this.write('\n');
      a.handler(line);
      return;
    }
    if (line !== ctrlZ && line !== '\x03') this.write('\n');
    else this.write(line === ctrlZ ? '^Z\n' : '^C\n');
    if (line.trim() && line !== ctrlZ && line !== '\x03') this.dev.onCommand?.(line.trim());
    const f = this.dev.faults;
    const latency = line.trim() ? (typeof f.commandLatencyMs === 'function' ? f.commandLatencyMs(line.trim()) : f.commandLatencyMs) : 0;
    if (latency) await new Promise((r) => setTimeout(r, latency));
    if (this.closed) return;
    if (f.garbage && line.trim()) {
      this.garbling = true;
      this.io.write(randomBytes(200).toString('latin1'));
      return;
    }
    const out: string[] = [];
    const ctx: ExecCtx = { sess: this, out };
    if (line === ctrlZ || line === '\x03') {
      if (this.isConfig()) this.endConfig();
    } else if (this.isConfig()) {
      this.configLine(line, out);
    } else {
      this.execLine(line, out);
    }
    void ctx;
    if (this.ask) {
      this.write(out.join(''));
      return;
    }
    const text = out.join('');
    const drop = f.dropOn !== undefined && line.trim() && (typeof f.dropOn === 'string' ? line.includes(f.dropOn) : f.dropOn.test(line));
    if (drop) {
      this.write(text.slice(0, Math.floor(text.length / 2)));
      this.io.close();
      this.closed = true;
      return;
    }
    this.page(text);
  }

  /** Print output, paging with --More-- when terminal length is not 0 (or the device pages forever). */
  private page(text: string) {
    const forever = !!this.dev.faults.pageForever && text.length > 0;
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const per = this.termLength - 1;
    if (!forever && (this.termLength === 0 || lines.length <= per)) {
      this.write(text);
      if (!this.closed && !this.ask) this.write(this.prompt());
      return;
    }
    const pageSize = forever && this.termLength === 0 ? 23 : per;
    this.pager = {
      lines,
      pos: 0,
      forever,
      done: () => {
        this.pager = undefined;
        this.write(this.prompt());
        if (this.queue.length) void this.drain();
      },
    };
    this.pagerShow(pageSize);
  }

  private pagerShow(n: number) {
    const p = this.pager!;
    if (p.forever && p.pos + n > p.lines.length) p.lines.push(...p.lines.slice(0, Math.max(n, 1)));
    const chunk = p.lines.slice(p.pos, p.pos + n);
    p.pos += chunk.length;
    this.write(chunk.map((l) => l + '\n').join(''));
    if (p.pos >= p.lines.length && !p.forever) return p.done();
    this.write(' --More-- ');
  }

  private pagerKey(ch: string) {
    const p = this.pager!;
    this.write('\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b');
    if (ch === ' ') this.pagerShow(this.termLength > 1 ? this.termLength - 1 : 23);
    else if (ch === '\r' || ch === '\n') this.pagerShow(1);
    else p.done();
  }

  isConfig(): boolean {
    return this.mode !== 'user' && this.mode !== 'enable';
  }

  private endConfig() {
    this.mode = 'enable';
    this.cfg.mode = 'config';
    this.dev.log(`%SYS-5-CONFIG_I: Configured from console by ${this.info.user ?? 'console'} on ${this.info.line}${this.info.from ? ` (${this.info.from})` : ''}`);
  }

  private invalid(out: string[], col: number) {
    out.push(`${' '.repeat(this.prompt().length + col)}^\n% Invalid input detected at '^' marker.\n\n`);
  }

  private configLine(line: string, out: string[]) {
    if (this.cfg.banner) {
      bannerLine(this.cfg, line);
      return;
    }
    const t = line.trim();
    if (!t) return;
    const low = t.toLowerCase();
    if (/^end$/.test(low)) return this.endConfig();
    if (/^exit$/.test(low) || /^exi?$/.test(low)) {
      if (this.mode === 'config') this.endConfig();
      else {
        this.mode = 'config';
        this.cfg.mode = 'config';
      }
      return;
    }
    const dm = /^do\s+(.*)$/i.exec(t);
    if (dm) {
      const saved = this.mode;
      this.mode = 'enable';
      this.execLine(dm[1], out);
      this.mode = saved;
      return;
    }
    this.cfg.mode = this.mode as ConfigMode;
    this.cfg.out = [];
    const r = applyLine(this.cfg, line);
    for (const m of this.cfg.out) out.push(m + '\n');
    this.mode = this.cfg.mode;
    if (r.ok) {
      this.dev.state.lastChange = Date.now();
      return;
    }
    if (r.kind === 'invalid') this.invalid(out, r.col);
    else if (r.kind === 'incomplete') out.push('% Incomplete command.\n\n');
    else if (r.kind === 'ambiguous') out.push(`% Ambiguous command:  "${r.text}"\n`);
    else out.push(r.text + '\n');
  }

  execLine(line: string, out: string[]) {
    const t = line.trim();
    if (!t) return;
    let cmd = line;
    let filter: ((text: string) => string) | undefined;
    const pipe = /\s\|\s*(\S+)\s*(.*)$/.exec(line);
    if (pipe) {
      cmd = line.slice(0, pipe.index);
      filter = makeFilter(pipe[1], pipe[2]);
      if (!filter) {
        this.invalid(out, pipe.index + 3);
        return;
      }
    }
    const g = this.mode === 'user' ? USER : PRIV;
    const m = g.match(cmd);
    if (m.kind === 'ok') {
      const o: string[] = [];
      const ctx: ExecCtx = { sess: this, out: o };
      m.run(ctx, m.args);
      if (ctx.invalidWord !== undefined) {
        const words = [...cmd.matchAll(/\S+/g)];
        this.invalid(out, words[Math.min(ctx.invalidWord, words.length - 1)]?.index ?? 0);
        return;
      }
      const text = o.join('');
      out.push(filter ? filter(text) : text);
    } else if (m.kind === 'invalid') {
      const toks = cmd.trim().split(/\s+/);
      if (m.col === cmd.length - cmd.trimStart().length && toks.length === 1 && this.mode === 'user') {
        out.push(`Translating "${toks[0]}"...domain server (255.255.255.255)\n% Unknown command or computer name, or unable to find computer address\n`);
      } else this.invalid(out, m.col);
    } else if (m.kind === 'ambiguous') out.push(`% Ambiguous command:  "${m.text}"\n`);
    else out.push('% Incomplete command.\n\n');
  }

  // ---- interactive exec commands ----------------------------------------------------------

  enable(out: string[]) {
    const s = this.s;
    const secret = s.enableSecret ?? s.enablePassword;
    if (!secret) {
      if (this.info.transport === 'console') {
        this.mode = 'enable';
        return;
      }
      out.push('% No password set\n');
      return;
    }
    let tries = 0;
    const handler = (pw: string) => {
      if (secretMatches(secret, pw)) {
        this.mode = 'enable';
        this.write(this.prompt());
        return;
      }
      if (++tries >= 3) {
        this.write('% Bad secrets\n\n' + this.prompt());
        return;
      }
      this.write('Password: ');
      this.ask = { echo: false, handler };
    };
    out.push('Password: ');
    this.ask = { echo: false, handler };
  }

  logout() {
    this.io.close();
    this.close();
  }

  copyRunStart(out: string[]) {
    out.push('Destination filename [startup-config]? ');
    this.ask = {
      echo: true,
      handler: (ans) => {
        if (ans.trim() && !/^(startup-config|nvram:startup-config)$/i.test(ans.trim())) {
          this.write(`%Error opening flash:${ans.trim()} (Permission denied)\n${this.prompt()}`);
          return;
        }
        this.dev.save();
        this.write('Building configuration...\n[OK]\n' + this.prompt());
      },
    };
  }

  configureAsk(out: string[]) {
    out.push('Configuring from terminal, memory, or network [terminal]? ');
    this.ask = {
      echo: true,
      handler: (ans) => {
        if (!ans.trim() || 'terminal'.startsWith(ans.trim().toLowerCase())) {
          this.mode = 'config';
          this.write('Enter configuration commands, one per line.  End with CNTL/Z.\n' + this.prompt());
        } else this.write(`?Must be "terminal", "memory" or "network"\n${this.prompt()}`);
      },
    };
  }
}

function makeFilter(kind: string, arg: string): ((t: string) => string) | undefined {
  const k = kind.toLowerCase();
  let re: RegExp;
  try {
    re = new RegExp(arg.trim());
  } catch {
    return undefined;
  }
  const lines = (t: string) => t.replace(/\n$/, '').split('\n');
  if ('include'.startsWith(k)) return (t) => lines(t).filter((l) => re.test(l)).map((l) => l + '\n').join('');
  if ('exclude'.startsWith(k)) return (t) => lines(t).filter((l) => !re.test(l)).map((l) => l + '\n').join('');
  if ('begin'.startsWith(k)) return (t) => {
    const ls = lines(t);
    const i = ls.findIndex((l) => re.test(l));
    return i < 0 ? '' : ls.slice(i).map((l) => l + '\n').join('');
  };
  if ('section'.startsWith(k)) return (t) => {
    const ls = lines(t);
    const o: string[] = [];
    for (let i = 0; i < ls.length; i++) {
      if (!/^\s/.test(ls[i]) && re.test(ls[i])) {
        o.push(ls[i]);
        while (i + 1 < ls.length && /^\s/.test(ls[i + 1])) o.push(ls[++i]);
      }
    }
    return o.map((l) => l + '\n').join('');
  };
  if ('count'.startsWith(k)) return (t) => `Number of lines which match regexp = ${lines(t).filter((l) => re.test(l)).length}\n`;
  return undefined;
}

// ---- exec grammars -------------------------------------------------------------------------

type E = ExecCtx;
/** A show handler; returning undefined means the command does not exist on this device (invalid at word 1). */
const p = (fn: (s: IosState, a: Args, c: E) => string | undefined) => (c: E, a: Args) => {
  const r = fn(c.sess.s, a, c);
  if (r !== undefined) c.out.push(r);
  else c.invalidWord = 1;
};

const showCommon: { pattern: string; run: (c: E, a: Args) => void }[] = [
  { pattern: 'show version', run: p((s) => show.showVersion(s)) },
  { pattern: 'show inventory', run: p((s) => show.showInventory(s)) },
  { pattern: 'show vlan', run: p((s) => (s.role === 'switch' ? show.showVlan(s) : undefined)) },
  { pattern: 'show vlan brief', run: p((s) => (s.role === 'switch' ? show.showVlanBrief(s) : undefined)) },
  { pattern: 'show interfaces', run: p((s) => show.showInterfaces(s)) },
  { pattern: 'show interfaces <if:if>', run: (c, a) => (c.sess.s.interfaces.has(a.p.if) ? c.out.push(show.showInterfaces(c.sess.s, a.p.if)) : (c.invalidWord = 2)) },
  { pattern: 'show interfaces status', run: p((s) => show.showInterfacesStatus(s)) },
  { pattern: 'show interfaces trunk', run: p((s) => show.showInterfacesTrunk(s)) },
  { pattern: 'show interfaces switchport', run: p((s) => show.showInterfacesSwitchport(s)) },
  { pattern: 'show interfaces <if:if> switchport', run: p((s, a) => show.showInterfacesSwitchport(s, a.p.if)) },
  { pattern: 'show ip interface brief', run: p((s) => show.showIpInterfaceBrief(s)) },
  { pattern: 'show ip interface', run: p((s) => show.showIpInterface(s)) },
  { pattern: 'show cdp neighbors', run: p((s) => show.showCdpNeighbors(s, false)) },
  { pattern: 'show cdp neighbors detail', run: p((s) => show.showCdpNeighbors(s, true)) },
  { pattern: 'show cdp', run: p((s) => (s.cdpRun ? 'Global CDP information:\n\tSending CDP packets every 60 seconds\n\tSending a holdtime value of 180 seconds\n\tSending CDPv2 advertisements is  enabled\n' : '% CDP is not enabled\n')) },
  { pattern: 'show lldp', run: p((s) => (s.lldpRun ? '\nGlobal LLDP Information:\n    Status: ACTIVE\n    LLDP advertisements are sent every 30 seconds\n    LLDP hold time advertised is 120 seconds\n    LLDP interface reinitialisation delay is 2 seconds\n' : '% LLDP is not enabled\n')) },
  { pattern: 'show lldp neighbors', run: p((s) => show.showLldpNeighbors(s, false)) },
  { pattern: 'show lldp neighbors detail', run: p((s) => show.showLldpNeighbors(s, true)) },
  { pattern: 'show ip route', run: p((s) => show.showIpRoute(s)) },
  { pattern: 'show ip ospf neighbor', run: p((s) => show.showIpOspfNeighbor(s)) },
  { pattern: 'show ip dhcp binding', run: p(() => show.showIpDhcpBinding()) },
  { pattern: 'show ip ssh', run: p((s) => show.showIpSsh(s)) },
  { pattern: 'show ntp associations', run: p((s) => show.showNtpAssociations(s)) },
  { pattern: 'show ntp status', run: p((s) => show.showNtpStatus(s)) },
  { pattern: 'show access-lists', run: p((s) => show.showAccessLists(s)) },
  { pattern: 'show access-lists <name:word>', run: p((s, a) => show.showAccessLists(s, a.p.name)) },
  { pattern: 'show ip access-lists', run: p((s) => show.showAccessLists(s)) },
  { pattern: 'show ip access-lists <name:word>', run: p((s, a) => show.showAccessLists(s, a.p.name)) },
  { pattern: 'show etherchannel summary', run: p((s) => show.showEtherchannelSummary(s)) },
  { pattern: 'show standby brief', run: p((s) => show.showStandbyBrief(s)) },
  { pattern: 'show port-security', run: p((s) => show.showPortSecurity(s)) },
  { pattern: 'show snmp community', run: p((s) => show.showSnmpCommunity(s)) },
  { pattern: 'show snmp user', run: p((s) => show.showSnmpUser(s)) },
  { pattern: 'show port-security interface <if:if>', run: p((s, a) => show.showPortSecurityInterface(s, a.p.if) ?? '% Port-security is not supported on this interface\n') },
  { pattern: 'show users', run: p((s, _a, c) => show.showUsers(s, { line: c.sess.info.line, user: c.sess.info.user, from: c.sess.info.from })) },
  { pattern: 'show clock', run: p(() => show.showClock()) },
  { pattern: 'show logging', run: p((s) => show.showLogging(s)) },
  { pattern: 'show spanning-tree', run: p((s) => (s.role === 'switch' ? show.showSpanningTree(s) : undefined)) },
  { pattern: 'show mac address-table', run: p((s) => show.showMacAddressTable(s)) },
  { pattern: 'show mac-address-table', run: p((s) => show.showMacAddressTable(s)) },
  { pattern: 'show privilege', run: p((_s, _a, c) => `Current privilege level is ${c.sess.mode === 'user' ? 1 : 15}\n`) },
  { pattern: 'show terminal', run: p((_s, _a, c) => `Line 2, Location: "", Type: "vt100"\nLength: ${c.sess.termLength} lines, Width: ${c.sess.termWidth} columns\n`) },
  { pattern: 'show history', run: p(() => '') },
];

function common(): { pattern: string; run: (c: E, a: Args) => void }[] {
  return [
    ...showCommon,
    { pattern: 'enable', run: (c) => c.sess.enable(c.out) },
    { pattern: 'enable <level:int>', run: (c) => c.sess.enable(c.out) },
    { pattern: 'exit|logout|quit', run: (c) => c.sess.logout() },
    { pattern: 'terminal length <n:int>', run: (c, a) => void (c.sess.dev.faults.ignoreTerminalLength || (c.sess.termLength = Number(a.p.n))) },
    { pattern: 'terminal width <n:int>', run: (c, a) => (c.sess.termWidth = Math.max(Number(a.p.n), 0)) },
    { pattern: 'terminal monitor', run: () => {} },
    { pattern: 'terminal no monitor', run: () => {} },
    { pattern: 'ping <ip:ip>', run: (c, a) => c.out.push(ping(c.sess.s, a.p.ip)) },
    { pattern: 'ping <host:word>', run: (c, a) => c.out.push(`Translating "${a.p.host}"...domain server (255.255.255.255)\n% Unrecognized host or address, or protocol not running.\n\n`) },
    { pattern: 'traceroute <ip:ip>', run: (c, a) => c.out.push(`Type escape sequence to abort.\nTracing the route to ${a.p.ip}\nVRF info: (vrf in name/id, vrf out name/id)\n  1 ${a.p.ip} 1 msec 0 msec 1 msec\n`) },
    { pattern: 'disable', run: (c) => (c.sess.mode = 'user') },
  ];
}

const USER = new Grammar<E>(common());

const PRIV = new Grammar<E>([
  ...common(),
  { pattern: 'show running-config', run: p((s) => renderConfig(s, 'running')) },
  { pattern: 'show running-config <rest:rest>', run: p((s, a) => runningPart(s, a.p.rest)) },
  { pattern: 'show startup-config', run: p((s) => s.startupConfig ?? 'startup-config is not present\n') },
  { pattern: 'configure terminal', run: (c) => ((c.sess.mode = 'config'), c.out.push('Enter configuration commands, one per line.  End with CNTL/Z.\n')) },
  { pattern: 'configure', run: (c) => c.sess.configureAsk(c.out) },
  { pattern: 'write', run: (c) => (c.sess.dev.save(), c.out.push('Building configuration...\n[OK]\n')) },
  { pattern: 'write memory', run: (c) => (c.sess.dev.save(), c.out.push('Building configuration...\n[OK]\n')) },
  { pattern: 'write terminal', run: p((s) => renderConfig(s, 'running')) },
  { pattern: 'copy running-config startup-config', run: (c) => c.sess.copyRunStart(c.out) },
  { pattern: 'copy system:running-config nvram:startup-config', run: (c) => c.sess.copyRunStart(c.out) },
  { pattern: 'dir', run: p((s) => show.dirFlash(s)) },
  { pattern: 'dir <fs:word>', run: p((s, a) => (/^(flash0?|bootflash):?\/?$/i.test(a.p.fs) ? show.dirFlash(s) : `%Error opening ${a.p.fs} (No such file or directory)\n`)) },
  { pattern: 'more <file:word>', run: p((s, a) => more(s, a.p.file)) },
  { pattern: 'clear counters', run: () => {} },
]);

function runningPart(s: IosState, rest: string): string | undefined {
  const m = /^interface\s+(.+)$/i.exec(rest.trim());
  if (!m) return undefined;
  const text = renderConfig(s, 'running').split('\n');
  const want = m[1].replace(/\s+/g, '');
  const i = text.findIndex((l) => l.toLowerCase().startsWith('interface ') && l.slice(10).toLowerCase() === want.toLowerCase());
  if (i < 0) return undefined;
  const block = [text[i]];
  for (let k = i + 1; k < text.length && text[k].startsWith(' '); k++) block.push(text[k]);
  return `Building configuration...\n\nCurrent configuration : ${block.join('\n').length + 1} bytes\n!\n${block.join('\n')}\nend\n\n`;
}

function more(s: IosState, file: string): string {
  if (/^(system:)?running-config$/i.test(file)) return renderConfig(s, 'running').split('\n').slice(3).join('\n');
  if (/^nvram:startup-config$/i.test(file)) return s.startupConfig ?? '%Error opening nvram:startup-config (No such file or directory)\n';
  return `%Error opening ${file} (No such file or directory)\n`;
}

function ping(s: IosState, ip: string): string {
  const own = [...s.interfaces.values()].some((i) => i.addresses.some((a) => a.ip === ip) && linkState(s, i).protocol === 'up');
  const reach =
    own ||
    s.neighbors.some((n) => n.ip === ip) ||
    s.ospfNeighbors.some((n) => n.address === ip) ||
    sortedIfaces(s).some((i) => linkState(s, i).protocol === 'up' && i.addresses.some((a) => networkOf(a.ip, a.mask) === networkOf(ip, a.mask) && ipToInt(ip) !== ipToInt(a.ip) && s.reachable?.has(ip)));
  return [
    'Type escape sequence to abort.',
    `Sending 5, 100-byte ICMP Echos to ${ip}, timeout is 2 seconds:`,
    reach ? '!!!!!' : '.....',
    reach ? 'Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/4 ms' : 'Success rate is 0 percent (0/5)',
    '',
  ].join('\n');
}

declare module './model.js' {
  interface IosState {
    reachable?: Set<string>;
  }
}

