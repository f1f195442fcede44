// Simulated RouterOS: an API server (plain and optionally TLS) and an SSH CLI over one config state.
// In-process for tests and the demo (`startRouterosSim`), standalone via `proeflab sim routeros`.
// `/ip service` is honoured: disabling api/api-ssl/ssh stops that listener (connection refused, as
// on a real router), an `address=` list drops connections from elsewhere.
import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import ssh2 from 'ssh2';
import { generateHostKey, hostKeyFingerprint } from '../host-key.js';
import { serveApi } from './api.js';
import { runCli } from './cli.js';
import { RosState, type SimOptions } from './model.js';

export { RosState, RosError, type SimOptions, type Item } from './model.js';
export { runCli } from './cli.js';
export { encodeSentence, SentenceDecoder, matchQuery } from './api.js';

export interface RouterosSimOptions extends SimOptions {
  host?: string;
  /** 0 = ephemeral (default). */
  apiPort?: number;
  sshPort?: number;
  /** Also serve API over TLS (api-ssl); 0 = ephemeral. Off unless set. */
  apiTlsPort?: number;
}

export interface RouterosSim {
  apiPort: number;
  sshPort: number;
  apiTlsPort?: number;
  host: string;
  state: RosState;
  /** SHA256 fingerprint of the SSH host key (`SHA256:...`, as OpenSSH prints it). */
  sshHostKeyFingerprint: string;
  /** SHA-256 fingerprint of the TLS certificate (`AB:CD:...`, as Node prints it). */
  tlsFingerprint?: string;
  /** Called after every change made over the API or the CLI. */
  onChange(cb: () => void): void;
  close(): Promise<void>;
}

interface Listener {
  server: Server | TlsServer | ssh2.Server;
  port: number;
  listening: boolean;
  service: string;
}

export async function startRouterosSim(opts: RouterosSimOptions = {}): Promise<RouterosSim> {
  const host = opts.host ?? '127.0.0.1';
  const state = new RosState(opts);
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  const allowed = (service: string, remote: string | undefined) => {
    const svc = state.list('/ip service').find((s) => s.name === service);
    if (!svc || svc.disabled === 'true') return false;
    if (!svc.address) return true;
    return svc.address.split(',').some((net) => inSubnet((remote ?? '').replace(/^::ffff:/, ''), net.trim()));
  };

  const listeners: Listener[] = [];
  const changeListeners: (() => void)[] = [];
  const changed = () => {
    void sync();
    for (const cb of changeListeners) cb();
  };
  const hooks = { changed };

  const api = createServer((sock) => {
    track(sock);
    if (!allowed('api', sock.remoteAddress)) return void sock.destroy();
    serveApi(sock, state, hooks);
  });
  listeners.push({ server: api, port: opts.apiPort ?? 0, listening: false, service: 'api' });

  let tlsFingerprint: string | undefined;
  if (opts.apiTlsPort !== undefined) {
    const { default: selfsigned } = await import('selfsigned');
    const pems = await selfsigned.generate([{ name: 'commonName', value: state.single('/system identity').name }], { keySize: 2048, days: 365 } as never);
    const der = Buffer.from(pems.cert.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    tlsFingerprint = createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
    const tls = createTlsServer({ key: pems.private, cert: pems.cert }, (sock) => {
      track(sock as unknown as Socket);
      if (!allowed('api-ssl', sock.remoteAddress)) return void sock.destroy();
      serveApi(sock as unknown as Socket, state, hooks);
    });
    tls.on('tlsClientError', () => {});
    listeners.push({ server: tls, port: opts.apiTlsPort, listening: false, service: 'api-ssl' });
  }

  const hostKey = generateHostKey();
  const sshHostKeyFingerprint = hostKeyFingerprint(hostKey);
  const ssh = new ssh2.Server({ hostKeys: [hostKey], ident: 'ROSSSH' }, (client, info) => {
    if (!allowed('ssh', info.ip)) {
      client.end();
      return;
    }
    let user = '';
    client.on('authentication', (ctx) => {
      const name = ctx.username.replace(/\+[a-z0-9]*$/, '');
      if (ctx.method === 'password' && state.login(name, ctx.password)) {
        user = name;
        return ctx.accept();
      }
      if (ctx.method === 'keyboard-interactive') return ctx.reject(['password']);
      ctx.reject(['password']);
    });
    client.on('error', () => {});
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (acc) => acc?.());
        session.on('env', (acc) => acc?.());
        session.on('exec', (acc, _rej, info) => {
          const ch = acc();
          let out = '';
          for (const line of info.command.split(/\r?\n|;\s*(?=\/)/)) out += runCli(state, line).output;
          changed();
          ch.write(out.replace(/\n/g, '\r\n'));
          ch.exit(0);
          ch.end();
        });
        session.on('shell', (acc) => {
          const ch = acc();
          let cwd = '/';
          let buf = '';
          const prompt = () => ch.write(`[${user}@${state.single('/system identity').name}] ${cwd === '/' ? '' : cwd + ''}> `);
          ch.write('\r\n\r\n  MikroTik RouterOS (simulated)\r\n\r\n');
          prompt();
          ch.on('data', (d: Buffer) => {
            for (const c of d.toString('utf8')) {
              if (c === '\r' || c === '\n') {
                if (c === '\n' && !buf) continue;
                ch.write('\r\n');
                const r = runCli(state, buf, cwd);
                buf = '';
                cwd = r.cwd;
                changed();
                if (r.output) ch.write(r.output.replace(/\n/g, '\r\n'));
                if (r.quit) {
                  ch.write('interrupted\r\n');
                  ch.exit(0);
                  ch.end();
                  return;
                }
                prompt();
              } else if (c === '\x7f' || c === '\b') {
                if (buf) {
                  buf = buf.slice(0, -1);
                  ch.write('\b \b');
                }
              } else if (c === '\x03') {
                buf = '';
                ch.write('\r\n');
                prompt();
              } else if (c >= ' ') {
                buf += c;
                ch.write(c);
              }
            }
          });
        });
      });
    });
  });
  ssh.on('connection', () => {});
  listeners.push({ server: ssh, port: opts.sshPort ?? 0, listening: false, service: 'ssh' });

  const listen = (l: Listener) =>
    new Promise<void>((resolve, reject) => {
      const srv = l.server as Server;
      const onErr = (e: Error) => reject(e);
      srv.once('error', onErr);
      srv.listen(l.port, host, () => {
        srv.off('error', onErr);
        l.port = (srv.address() as { port: number }).port;
        l.listening = true;
        resolve();
      });
    });
  const stop = (l: Listener) =>
    new Promise<void>((resolve) => {
      if (!l.listening) return resolve();
      l.listening = false;
      (l.server as Server).close(() => resolve());
    });

  let syncing = Promise.resolve();
  function sync(): Promise<void> {
    syncing = syncing.then(async () => {
      for (const l of listeners) {
        const on = state.list('/ip service').find((s) => s.name === l.service)?.disabled !== 'true';
        if (on && !l.listening) await listen(l).catch(() => {});
        if (!on && l.listening) await stop(l);
      }
    });
    return syncing;
  }

  for (const l of listeners) await listen(l);
  await sync();

  const port = (svc: string) => listeners.find((l) => l.service === svc)?.port;
  return {
    host,
    apiPort: port('api')!,
    sshPort: port('ssh')!,
    ...(opts.apiTlsPort !== undefined ? { apiTlsPort: port('api-ssl') } : {}),
    state,
    sshHostKeyFingerprint,
    onChange: (cb) => void changeListeners.push(cb),
    ...(tlsFingerprint ? { tlsFingerprint } : {}),
    async close() {
      for (const s of sockets) s.destroy();
      await syncing;
      await Promise.all(listeners.map((l) => stop(l)));
    },
  };
}

export function inSubnet(ip: string, net: string): boolean {
  const [base, lenS] = net.split('/');
  const len = lenS === undefined ? 32 : Number(lenS);
  const toN = (s: string) => s.split('.').reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(base)) return ip === base;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return ((toN(ip) & mask) >>> 0) === ((toN(base) & mask) >>> 0);
}

/**
 * `proeflab sim routeros [--api-port N] [--ssh-port N] [--api-tls-port N] [--user U --password P]
 * [--version 6|7] [--identity NAME] [--host H]`: run until interrupted. Returns the exit code.
 */
export async function simRouterosCommand(
  args: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  /** Stops the simulator (tests); by default it runs until SIGINT/SIGTERM. */
  stop?: AbortSignal,
): Promise<number> {
  const o: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!m) {
      out(`onbekend argument: ${args[i]}\n`);
      return 2;
    }
    o[m[1]] = m[2] ?? args[++i] ?? '';
  }
  const known = ['api-port', 'ssh-port', 'api-tls-port', 'user', 'password', 'version', 'identity', 'host'];
  const bad = Object.keys(o).filter((k) => !known.includes(k));
  if (bad.length) {
    out(`onbekende optie(s): ${bad.map((b) => '--' + b).join(', ')}; bekend: ${known.map((k) => '--' + k).join(' ')}\n`);
    return 2;
  }
  const host = o.host ?? '127.0.0.1';
  const sim = await startRouterosSim({
    host,
    apiPort: o['api-port'] ? Number(o['api-port']) : 8728,
    sshPort: o['ssh-port'] ? Number(o['ssh-port']) : 2222,
    ...(o['api-tls-port'] ? { apiTlsPort: Number(o['api-tls-port']) } : {}),
    ...(o.user ? { user: o.user } : {}),
    ...(o.password !== undefined ? { password: o.password } : {}),
    ...(o.identity ? { identity: o.identity } : {}),
    version: o.version === '6' ? 6 : 7,
  });
  out(
    `gesimuleerde RouterOS ${sim.state.version} (${sim.state.single('/system identity').name}) op ${host}: ` +
      `API ${sim.apiPort}${sim.apiTlsPort ? `, API-TLS ${sim.apiTlsPort} (${sim.tlsFingerprint})` : ''}, SSH ${sim.sshPort} (${sim.sshHostKeyFingerprint}); ` +
      `gebruiker ${o.user ?? 'admin'}. Stoppen met Ctrl-C.\n`,
  );
  await new Promise<void>((resolve) => {
    if (stop) {
      if (stop.aborted) return resolve();
      stop.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}
