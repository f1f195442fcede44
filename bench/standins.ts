// The class's stand-ins: per pod a switch and a router (IOS simulator with Catalyst-like
// latency) and two HTTP servers with per-request latency, all on loopback. Writes the lab
// inventory (lab.yaml + secrets.yaml) and an Ansible inventory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startIosSim, type IosSim } from '../sims/cisco-ios/index.js';
import { commandLatency, HANDSHAKE_MS, HTTP_LATENCY_MS, routerConfig, switchConfig } from './class.js';

export const PASSWORD = 'Examen-2026';
export const SECRET = 'Geheim-2026';

const PAGES: Record<'srv1' | 'srv2', Record<string, [number, string]>> = {
  srv1: { '/': [200, '<h1>Welkom bij Bakkerij De Korenaar</h1>'], '/contact': [200, '<h1>Contact</h1>'], '/health': [200, 'ok'], '/admin': [403, 'Forbidden'] },
  srv2: { '/': [200, '<h1>Intranet</h1>'], '/login': [200, '<form>Inloggen</form>'], '/health': [200, 'ok'], '/files/': [403, 'Forbidden'] },
};

export async function startWeb(kind: 'srv1' | 'srv2', latencyMs: number): Promise<{ port: number; server: Server; requests: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    n++;
    setTimeout(() => {
      const [status, body] = PAGES[kind][req.url ?? '/'] ?? [404, 'Not Found'];
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    }, latencyMs);
  });
  server.keepAliveTimeout = 5000;
  const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
  return { port, server, requests: () => n };
}

export interface ClassLab {
  dir: string;
  labFile: string;
  pods: { id: string; sw1: { port: number; fp: string }; r1: { port: number; fp: string }; srv1: number; srv2: number }[];
  close(): Promise<void>;
}

export async function startClass(o: { pods: number; dir: string; handshakeMs?: number; latencyScale?: number; httpLatencyMs?: number; servers?: boolean }): Promise<ClassLab> {
  mkdirSync(o.dir, { recursive: true });
  const faults = {
    handshakeDelayMs: o.handshakeMs ?? HANDSHAKE_MS,
    commandLatencyMs: (line: string) => commandLatency(line, o.latencyScale ?? 1),
  };
  const sims: IosSim[] = [];
  const servers: Server[] = [];
  const pods: ClassLab['pods'] = [];
  for (let i = 1; i <= o.pods; i++) {
    const id = `p${String(i).padStart(o.pods > 99 ? 3 : 2, '0')}`;
    const common = { user: 'examen', password: PASSWORD, secret: SECRET, telnetPort: false as const, faults: { ...faults } };
    const [s, r] = await Promise.all([
      startIosSim({ ...common, role: 'switch', startupConfig: switchConfig(id, PASSWORD, SECRET), seed: `bench-sw-${id}`, connected: ['GigabitEthernet0/1', 'FastEthernet0/1'] }),
      startIosSim({
        ...common,
        role: 'router',
        startupConfig: routerConfig(id, PASSWORD, SECRET),
        seed: `bench-r-${id}`,
        connected: ['GigabitEthernet0/0', 'GigabitEthernet0/1'],
        ospfNeighbors: [{ routerId: '10.0.0.2', address: '10.0.0.2', iface: 'GigabitEthernet0/1', state: 'FULL' }],
      }),
    ]);
    sims.push(s, r);
    let ports = [0, 0];
    if (o.servers !== false) {
      const [w1, w2] = await Promise.all([startWeb('srv1', o.httpLatencyMs ?? HTTP_LATENCY_MS), startWeb('srv2', o.httpLatencyMs ?? HTTP_LATENCY_MS)]);
      servers.push(w1.server, w2.server);
      ports = [w1.port, w2.port];
    }
    pods.push({ id, sw1: { port: s.port, fp: s.hostKeyFingerprint }, r1: { port: r.port, fp: r.hostKeyFingerprint }, srv1: ports[0], srv2: ports[1] });
  }
  const lab = {
    name: 'bench-klas',
    secrets_file: 'secrets.yaml',
    defaults: { timeout: 30 },
    credentials: { ios: { username: 'examen', password: { file: 'ios-password' }, secret: { file: 'ios-enable' } } },
    pods: pods.map((p) => ({
      id: p.id,
      candidate: { id: `k${p.id}` },
      devices: {
        sw1: { platform: 'cisco-ios', host: '127.0.0.1', port: p.sw1.port, transport: 'ssh', credentials: 'ios', host_key: p.sw1.fp },
        r1: { platform: 'cisco-ios', host: '127.0.0.1', port: p.r1.port, transport: 'ssh', credentials: 'ios', host_key: p.r1.fp },
        ...(p.srv1 ? { srv1: { platform: 'net', host: '127.0.0.1', port: p.srv1 }, srv2: { platform: 'net', host: '127.0.0.1', port: p.srv2 } } : {}),
      },
    })),
  };
  const labFile = join(o.dir, 'lab.yaml');
  writeFileSync(labFile, stringify(lab));
  writeFileSync(join(o.dir, 'secrets.yaml'), stringify({ 'ios-password': PASSWORD, 'ios-enable': SECRET }), { mode: 0o600 });
  writeFileSync(join(o.dir, 'pods.json'), JSON.stringify(pods));
  return {
    dir: o.dir,
    labFile,
    pods,
    close: async () => {
      await Promise.all([...sims.map((s) => s.close()), ...servers.map((s) => new Promise((r) => { s.closeAllConnections(); s.close(() => r(undefined)); }))]);
    },
  };
}
