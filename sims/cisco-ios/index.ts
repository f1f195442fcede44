// The simulated Cisco IOS device: an SSH server (ssh2's Server, password and keyboard-interactive
// auth, a persisted host key), a telnet server with option negotiation and login, and optionally a
// console port (reverse telnet to a terminal-server line: no login, the session persists between
// connections). Runs in-process for tests and the demo, or standalone (`proeflab sim ios`).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { dirname } from 'node:path';
import ssh2 from 'ssh2';
import { loadConfig, renderConfig } from './config.js';
import { newState, secretMatches, type IosState, type Neighbor, type OspfNeighborDef, type Role } from './model.js';
import { IosSession, type Faults, type SessionIO, type SimDevice } from './session.js';
import { fingerprintOf, generateHostKey, hostKeyFingerprint } from '../host-key.js';
import { DO, DONT, IAC, TelnetParser, WILL, WONT } from '../../drivers/cisco-ios/telnet.js';

const { Server: SshServer } = ssh2;

export { fingerprintOf } from '../host-key.js';
export type { Faults } from './session.js';
export type { IosState, Neighbor, OspfNeighborDef, Role } from './model.js';

export interface IosSimOptions {
  role?: Role;
  host?: string;
  /** SSH port (0 = ephemeral, false = no SSH server). */
  port?: number | false;
  /** Telnet port (0 = ephemeral, false = none). Default: 0. */
  telnetPort?: number | false;
  /** Console (reverse telnet, no login) port; default none. */
  consolePort?: number | false;
  /** Startup-config text; when absent a minimal config with the user below is used. */
  startupConfig?: string;
  startupConfigFile?: string;
  /** Write `write memory` results back to this file. */
  saveFile?: string;
  user?: string;
  password?: string;
  /** Enable secret (default: the password). */
  secret?: string;
  /** Privilege of the default user (default 1: the driver has to `enable`). */
  privilege?: number;
  hostname?: string;
  /** OpenSSH/PEM private host key text, or a file where one is kept (generated when missing). */
  hostKey?: string;
  hostKeyFile?: string;
  keyType?: 'ed25519' | 'rsa';
  /** Seed for serial number and MAC addresses. */
  seed?: string;
  neighbors?: Neighbor[];
  ospfNeighbors?: OspfNeighborDef[];
  /** Interfaces with a cable (default: every interface a neighbour is on, plus the first uplink). */
  connected?: string[];
  faults?: Faults;
  /** SSH authentication methods offered (default both, like IOS). */
  authMethods?: ('password' | 'keyboard-interactive')[];
}

export interface IosSim {
  host: string;
  port: number;
  telnetPort: number;
  consolePort: number;
  state: IosState;
  faults: Faults;
  /** SHA256:… fingerprint of the current host key (like OpenSSH prints it). */
  readonly hostKeyFingerprint: string;
  /** Generate a new host key (the next SSH connection sees a different key). */
  changeHostKey(): void;
  /** Lines logged by the device (config changes, logins). */
  log: string[];
  /** Number of TCP connections accepted (all servers). */
  readonly connections: number;
  /** Command lines executed by all sessions, in order (the last 10,000). */
  history: string[];
  close(): Promise<void>;
}

export function defaultStartupConfig(o: { role: Role; hostname?: string; user: string; password: string; secret: string; privilege: number }): string {
  const host = o.hostname ?? (o.role === 'switch' ? 'Switch' : 'Router');
  return [
    `hostname ${host}`,
    `enable secret ${o.secret}`,
    `username ${o.user} privilege ${o.privilege} secret ${o.password}`,
    'ip domain-name lab.local',
    'ip ssh version 2',
    'line vty 0 4',
    ' login local',
    ' transport input ssh telnet',
    'line vty 5 15',
    ' login local',
    ' transport input ssh telnet',
    'end',
  ].join('\n');
}

/** Server side of telnet negotiation: we offered WILL ECHO / WILL SGA / DO NAWS; refuse anything else politely. */
function telnetServer(send: (b: Buffer) => void): TelnetParser {
  return new TelnetParser({
    option(cmd, opt) {
      if (cmd === DO && opt !== 1 && opt !== 3) send(Buffer.from([IAC, WONT, opt]));
      if (cmd === WILL && opt !== 31 && opt !== 24) send(Buffer.from([IAC, DONT, opt]));
    },
  });
}

export async function startIosSim(opts: IosSimOptions = {}): Promise<IosSim> {
  const role = opts.role ?? 'switch';
  const host = opts.host ?? '127.0.0.1';
  const user = opts.user ?? 'admin';
  const password = opts.password ?? 'cisco';
  const secret = opts.secret ?? password;
  const state = newState(role, opts.seed ?? `${host}|${opts.port ?? 0}|${Math.random()}`);
  let startup = opts.startupConfig;
  if (startup === undefined && opts.startupConfigFile) startup = readFileSync(opts.startupConfigFile, 'utf8');
  if (startup === undefined) startup = defaultStartupConfig({ role, hostname: opts.hostname, user, password, secret, privilege: opts.privilege ?? 1 });
  loadConfig(state, startup);
  if (opts.hostname && opts.startupConfig !== undefined) state.hostname = opts.hostname;
  state.lastChange = undefined;
  state.rsaKeyBits = state.rsaKeyBits ?? 2048;
  state.startupConfig = renderConfig(state, 'startup');
  state.neighbors = opts.neighbors ?? [];
  state.ospfNeighbors = opts.ospfNeighbors ?? [];
  state.connected = new Set(opts.connected ?? [...state.neighbors.map((n) => n.localIf), ...state.ospfNeighbors.map((n) => n.iface), role === 'switch' ? 'GigabitEthernet0/1' : 'GigabitEthernet0/0']);
  const faults: Faults = { ...(opts.faults ?? {}) };
  const log: string[] = [];
  const history: string[] = [];

  const dev: SimDevice = {
    state,
    faults,
    save() {
      state.startupConfig = renderConfig(state, 'startup');
      if (opts.saveFile) writeFileSync(opts.saveFile, renderConfig(state, 'running'));
    },
    log(l) {
      log.push(l);
    },
    onCommand(l) {
      history.push(l);
      if (history.length > 10_000) history.splice(0, history.length - 10_000);
    },
  };

  // Host key: given, kept in a file, or generated for this instance.
  let hostKey: string;
  if (opts.hostKey) hostKey = opts.hostKey;
  else if (opts.hostKeyFile && existsSync(opts.hostKeyFile)) hostKey = readFileSync(opts.hostKeyFile, 'utf8');
  else {
    hostKey = generateHostKey(opts.keyType ?? 'ed25519');
    if (opts.hostKeyFile) {
      mkdirSync(dirname(opts.hostKeyFile), { recursive: true });
      writeFileSync(opts.hostKeyFile, hostKey, { mode: 0o600 });
    }
  }
  let fingerprint = hostKeyFingerprint(hostKey);
  state.hostKeyFingerprint = fingerprint;

  const sockets = new Set<Socket>();
  let connections = 0;
  let vtyCount = 0;

  const auth = (u: string, pw: string): { ok: boolean; privilege: number } => {
    if (faults.rejectPassword) return { ok: false, privilege: 0 };
    const cu = state.users.get(u);
    if (cu) return { ok: secretMatches(cu.secret, pw), privilege: cu.privilege ?? 1 };
    if (!state.users.size && u === user && pw === password) return { ok: true, privilege: opts.privilege ?? 1 };
    return { ok: false, privilege: 0 };
  };
  const transportAllowed = (t: 'ssh' | 'telnet') => {
    const ti = state.lines.vty.transportInput;
    if (!ti) return t === 'telnet' || !!state.rsaKeyBits;
    if (ti.includes('none')) return false;
    return (ti.includes('all') || ti.includes(t)) && (t === 'telnet' || !!state.rsaKeyBits);
  };

  // ---- SSH ----
  let ssh = makeSshServer();
  function makeSshServer() {
    const srv = new SshServer({ hostKeys: [hostKey], ident: 'Cisco-1.25' }, (client) => {
      let who = '';
      let privilege = 1;
      const methods = opts.authMethods ?? ['keyboard-interactive', 'password'];
      client.on('authentication', (ctx) => {
        who = ctx.username;
        if (!(methods as string[]).includes(ctx.method)) return ctx.reject(methods);
        if (ctx.method === 'password') {
          const r = auth(ctx.username, ctx.password);
          privilege = r.privilege;
          return r.ok ? ctx.accept() : ctx.reject(methods);
        }
        if (ctx.method === 'keyboard-interactive') {
          return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
            const r = auth(ctx.username, answers[0] ?? '');
            privilege = r.privilege;
            return r.ok ? ctx.accept() : ctx.reject(methods);
          });
        }
        ctx.reject(methods);
      });
      client.on('ready', () => {
        const line = `vty ${vtyCount++ % 16}`;
        dev.log(`%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: ${who}] [Source: ${host}] at ${new Date().toISOString()}`);
        client.on('session', (accept) => {
          const session = accept();
          session.on('pty', (ok) => ok?.());
          session.on('window-change', (ok) => ok?.());
          session.on('env', (ok) => ok?.());
          session.on('shell', (ok) => {
            const stream = ok();
            const io: SessionIO = {
              write: (s) => {
                if (stream.writable) stream.write(Buffer.from(s, 'latin1'));
              },
              close: () => {
                try {
                  stream.exit(0);
                  stream.end();
                  client.end();
                } catch {
                  /* already gone */
                }
              },
            };
            const sess = new IosSession(dev, io, { transport: 'ssh', user: who, from: host, line, privilege });
            stream.on('data', (d: Buffer) => sess.input(d.toString('latin1')));
            stream.on('close', () => sess.close());
            sess.start();
          });
          session.on('exec', (ok, _rej, info) => {
            // `ssh switch show version`: IOS runs one command (privilege of the user) and closes.
            const stream = ok();
            const out: string[] = [];
            const sess = new IosSession(dev, { write: () => {}, close: () => {} }, { transport: 'ssh', user: who, from: host, line, privilege });
            sess.termLength = 0;
            sess.execLine(info.command, out);
            stream.write(out.join('').replace(/\n/g, '\r\n'));
            stream.exit(0);
            stream.end();
          });
        });
      });
      client.on('error', () => {});
    });
    return srv;
  }

  const sshListener = opts.port === false ? undefined : createServer((sock) => {
    connections++;
    track(sock);
    if (faults.blackhole) return;
    const go = () => {
      if (sock.destroyed) return;
      if (!transportAllowed('ssh')) return sock.destroy();
      ssh.injectSocket(sock);
    };
    if (faults.handshakeDelayMs) setTimeout(go, faults.handshakeDelayMs);
    else go();
  });

  // ---- telnet ----
  const telnetListener = opts.telnetPort === false ? undefined : createServer((sock) => {
    connections++;
    track(sock);
    if (faults.blackhole) return;
    const go = () => {
      if (sock.destroyed) return;
      if (!transportAllowed('telnet')) {
        sock.end();
        return;
      }
      const codec = telnetServer((b) => sock.write(b));
      sock.write(Buffer.from([255, 251, 1, 255, 251, 3, 255, 253, 24, 255, 253, 31]));
      const w = (s: string) => sock.writable && sock.write(Buffer.from(s.replace(/\r?\n/g, '\r\n'), 'latin1'));
      if (faults.garbage) {
        w('\x00\xff\xfe garbage \x1b[0m\x07');
      }
      const vty = state.lines.vty;
      const needUser = vty.login === 'local' || (!vty.login && state.users.size > 0 && !vty.password);
      const needPass = needUser || vty.login === 'login';
      if (!needPass && !vty.password && vty.login !== undefined) {
        /* unreachable */
      }
      if (vty.login === 'login' && !vty.password) {
        w('\n\nPassword required, but none set\n');
        sock.end();
        return;
      }
      if (state.bannerMotd !== undefined) w(`\n${state.bannerMotd}\n`);
      let stage: 'user' | 'pass' | 'shell' = needPass ? (needUser ? 'user' : 'pass') : 'shell';
      let name = '';
      let buf = '';
      let tries = 0;
      let sess: IosSession | undefined;
      const line = `vty ${vtyCount++ % 16}`;
      const startShell = (privilege: number) => {
        stage = 'shell';
        sess = new IosSession(dev, { write: w, close: () => sock.end() }, { transport: 'telnet', user: name || undefined, from: host, line, privilege });
        sess.start(false);
      };
      if (stage === 'user') w('\n\nUser Access Verification\n\nUsername: ');
      else if (stage === 'pass') w('\n\nUser Access Verification\n\nPassword: ');
      else startShell(1);
      let lastCR = false;
      sock.on('data', (chunk: Buffer) => {
        const text = codec.decode(chunk);
        if (stage === 'shell') return sess!.input(text);
        for (const ch of text) {
          if (ch === '\n' && lastCR) {
            lastCR = false;
            continue;
          }
          lastCR = ch === '\r';
          if (ch === '\0') continue;
          if (ch !== '\r' && ch !== '\n') {
            if (ch === '\x7f' || ch === '\b') buf = buf.slice(0, -1);
            else {
              buf += ch;
              if (stage === 'user') w(ch);
            }
            continue;
          }
          const entered = buf;
          buf = '';
          w('\n');
          if (stage === 'user') {
            name = entered;
            stage = 'pass';
            w('Password: ');
            continue;
          }
          if (stage === 'pass') {
            let r: { ok: boolean; privilege: number };
            if (needUser) r = auth(name, entered);
            else r = { ok: !faults.rejectPassword && !!vty.password && secretMatches(vty.password, entered), privilege: 1 };
            if (r.ok) {
              startShell(r.privilege);
              continue;
            }
            tries++;
            if (tries >= 3) {
              w(needUser ? '% Login invalid\n\n' : '% Bad passwords\n\n');
              sock.end();
              return;
            }
            if (needUser) {
              stage = 'user';
              w('% Login invalid\n\nUsername: ');
            } else w('Password: ');
            continue;
          }
          if (stage === 'shell') sess!.input(entered + '\r');
        }
      });
      sock.on('close', () => sess?.close());
    };
    if (faults.handshakeDelayMs) setTimeout(go, faults.handshakeDelayMs);
    else go();
  });

  // ---- console (reverse telnet through a terminal server) ----
  let consoleSess: IosSession | undefined;
  let consoleLoggedIn = false;
  const consoleListener = opts.consolePort === undefined || opts.consolePort === false ? undefined : createServer((sock) => {
    connections++;
    track(sock);
    if (faults.blackhole) return;
    const codec = telnetServer((b) => sock.write(b));
    sock.write(Buffer.from([255, 251, 1, 255, 251, 3]));
    const io: SessionIO = { write: (s) => sock.writable && sock.write(Buffer.from(s.replace(/\r?\n/g, '\r\n'), 'latin1')), close: () => sock.end() };
    if (!consoleSess) {
      consoleSess = new IosSession(dev, io, { transport: 'console', line: 'con 0', privilege: 1 });
      consoleSess.termLength = 24;
    } else consoleSess.attach(io);
    const cs = consoleSess;
    // `line con 0` with `login` + `password` (or `login local`): a fresh console asks for it after Enter.
    const con = state.lines.con;
    const needLogin = !consoleLoggedIn && (con.login === 'local' || (con.login === 'login' && !!con.password));
    let stage: 'idle' | 'user' | 'pass' | 'shell' = needLogin ? 'idle' : 'shell';
    let started = !needLogin;
    let name = '';
    let buf = '';
    // The console prints nothing until someone presses Enter.
    sock.on('data', (chunk: Buffer) => {
      const text = codec.decode(chunk);
      if (stage === 'shell') return cs.input(text);
      for (const ch of text) {
        if (ch !== '\r' && ch !== '\n') {
          if (ch >= ' ') {
            buf += ch;
            if (stage === 'user') io.write(ch);
          }
          continue;
        }
        if (ch === '\n') continue;
        const entered = buf;
        buf = '';
        if (!started) {
          started = true;
          stage = con.login === 'local' ? 'user' : 'pass';
          io.write(`\n\nUser Access Verification\n\n${stage === 'user' ? 'Username: ' : 'Password: '}`);
          continue;
        }
        io.write('\n');
        if (stage === 'user') {
          name = entered;
          stage = 'pass';
          io.write('Password: ');
          continue;
        }
        const ok = con.login === 'local' ? auth(name, entered).ok : !faults.rejectPassword && secretMatches(con.password!, entered);
        if (ok) {
          consoleLoggedIn = true;
          stage = 'shell';
          cs.input('\r');
        } else {
          stage = con.login === 'local' ? 'user' : 'pass';
          io.write(con.login === 'local' ? '% Login invalid\n\nUsername: ' : '% Bad passwords\n\nPassword: ');
        }
      }
    });
    sock.on('close', () => {
      /* the console session stays where it was */
    });
  });

  function track(sock: Socket) {
    sock.setNoDelay(true);
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
  }

  const listen = (srv: NetServer | undefined, port: number | false | undefined) =>
    new Promise<number>((resolve, reject) => {
      if (!srv) return resolve(0);
      srv.once('error', reject);
      srv.listen(typeof port === 'number' ? port : 0, host, () => resolve((srv.address() as AddressInfo).port));
    });
  const [port, telnetPort, consolePort] = await Promise.all([listen(sshListener, opts.port), listen(telnetListener, opts.telnetPort), listen(consoleListener, opts.consolePort)]);

  return {
    host,
    port,
    telnetPort,
    consolePort,
    state,
    faults,
    log,
    history,
    get hostKeyFingerprint() {
      return fingerprint;
    },
    get connections() {
      return connections;
    },
    changeHostKey() {
      hostKey = generateHostKey(opts.keyType ?? 'ed25519');
      fingerprint = hostKeyFingerprint(hostKey);
      state.hostKeyFingerprint = fingerprint;
      ssh = makeSshServer();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(
        [sshListener, telnetListener, consoleListener].map((srv) => (srv ? new Promise<void>((r) => srv.close(() => r())) : Promise.resolve())),
      );
    },
  };
}

/** `proeflab sim ios …`: start a simulator and print where it listens. Resolves when it is closed (SIGINT). */
export async function simIosCommand(args: {
  role?: string;
  port?: number | string;
  telnetPort?: number | string;
  consolePort?: number | string;
  startupConfig?: string;
  user?: string;
  password?: string;
  secret?: string;
  host?: string;
  hostKeyFile?: string;
  saveFile?: string;
  print?: (line: string) => void;
  /** Stop the simulator when this aborts (default: SIGINT/SIGTERM). */
  signal?: AbortSignal;
}): Promise<number> {
  const print = args.print ?? ((l: string) => process.stdout.write(l + '\n'));
  const role = (args.role ?? 'switch') as Role;
  if (role !== 'switch' && role !== 'router') {
    print(`unknown role '${args.role}' (switch or router)`);
    return 2;
  }
  const num = (v: number | string | undefined) => (v === undefined ? undefined : Number(v));
  const sim = await startIosSim({
    role,
    host: args.host ?? '127.0.0.1',
    port: num(args.port) ?? 2222,
    telnetPort: num(args.telnetPort) ?? 2323,
    consolePort: num(args.consolePort),
    startupConfigFile: args.startupConfig,
    saveFile: args.saveFile ?? args.startupConfig,
    user: args.user,
    password: args.password,
    secret: args.secret,
    hostKeyFile: args.hostKeyFile ?? `${process.env.XDG_STATE_HOME ?? (process.env.HOME ?? '.') + '/.local/state'}/proeflab/sim-ios-${role}.key`,
  });
  print(`Gesimuleerde Cisco IOS ${role} (${sim.state.model}, hostname ${sim.state.hostname})`);
  print(`  ssh    ${sim.host}:${sim.port}   host key ${sim.hostKeyFingerprint}`);
  if (sim.telnetPort) print(`  telnet ${sim.host}:${sim.telnetPort}`);
  if (sim.consolePort) print(`  console ${sim.host}:${sim.consolePort}`);
  if (!args.startupConfig) print(`  login  ${args.user ?? 'admin'} / ${args.password ?? 'cisco'}, enable secret ${args.secret ?? args.password ?? 'cisco'}`);
  print('Stoppen met Ctrl-C.');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      args.signal?.removeEventListener('abort', stop);
      resolve();
    };
    if (args.signal) {
      if (args.signal.aborted) return stop();
      args.signal.addEventListener('abort', stop, { once: true });
    } else {
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }
  });
  await sim.close();
  return 0;
}
