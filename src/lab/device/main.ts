// Entry point of the simulated network devices in the lab (sw1, r1, mt1): starts proeflab's
// simulator on the management network and keeps the container's kernel forwarding exactly as the
// simulator's configuration says (the data plane is real: bridge, VLANs, routes, nftables).
//
// Environment (set by docker/compose.yaml):
//   LAB_KIND      ios-switch | ios-router | routeros
//   LAB_PORTS     `<port>=<cidr>,…`: which compose network (recognised by its subnet) is which port
//   LAB_USER, LAB_PASSWORD, LAB_ENABLE   management credentials (from docker/.env)
//   LAB_LINKS     `<port>=<peer>:<peer port>,…`: the cables to other simulated devices, for CDP/LLDP
//                 (discovery.ts: peers are compose service names, endpoint on port 7180 of mgmt)
import { lookup } from 'node:dns/promises';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ifaceInSubnet, log, RouterPlane, shell, SwitchPlane } from '../dataplane/apply.js';
import { inSubnet, linuxIfName, parseIosConfig, routerState, switchState } from '../dataplane/ios.js';
import { routerosState } from '../dataplane/routeros.js';
import { DISCOVERY_PORT, parseLinks, startDiscovery } from './discovery.js';
import { startSimulator, type ConfigSource } from './sims.js';

const kind = process.env.LAB_KIND ?? 'ios-switch';
const portSpec = (process.env.LAB_PORTS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map((s) => {
    const [port, cidr] = s.split('=');
    return { port: port!, cidr: cidr! };
  });

async function setupPorts(): Promise<Map<string, string>> {
  const ports = new Map<string, string>();
  for (const { port, cidr } of portSpec) {
    const dev = await ifaceInSubnet(cidr);
    if (!dev) {
      log(`no interface in ${cidr} for ${port}`);
      continue;
    }
    const name = kind === 'routeros' ? port : linuxIfName(port);
    await shell(['ip', 'addr', 'flush', 'dev', dev]);
    if (dev !== name) {
      await shell(['ip', 'link', 'set', 'dev', dev, 'down']);
      await shell(['ip', 'link', 'set', 'dev', dev, 'name', name]);
    }
    ports.set(port, name);
    log(`${port} = ${name} (was ${dev}, network ${cidr})`);
  }
  // Forwarding only through the simulated device's own configuration: no route via the engine.
  await shell(['ip', 'route', 'del', 'default']).catch(() => undefined);
  pruneResolvers();
  return ports;
}

/** A peer's endpoint over the management network: the engine's DNS also answers with the peer's
 *  address on a shared data link, which belongs to the simulated device now and does not answer. */
async function peerUrl(peer: string, port: number): Promise<string> {
  if (peer.includes(':')) return `http://${peer}/`;
  const addrs = await lookup(peer, { all: true, family: 4 }).catch(() => []);
  const mgmt = addrs.find((a) => !portSpec.some(({ cidr }) => inSubnet(a.address, cidr)));
  return `http://${mgmt?.address ?? peer}:${port}/`;
}

/** The engine lists a name server per network (podman: each network's gateway), and the C library
 *  and Node only ask the first three. Those on the data ports are gone once the ports are the
 *  simulator's; keep the rest, so peers (discovery) resolve by service name over the management network. */
function pruneResolvers(file = '/etc/resolv.conf'): void {
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    const kept = lines.filter((l) => {
      const m = /^\s*nameserver\s+(\S+)/.exec(l);
      return !m || !portSpec.some(({ cidr }) => inSubnet(m[1]!, cidr));
    });
    if (kept.length !== lines.length) {
      writeFileSync(file, kept.join('\n')); // in place: the engine bind-mounts this file
      log(`resolv.conf: ${lines.length - kept.length} name server(s) on data ports removed`);
    }
  } catch (e) {
    log(`resolv.conf not adjusted: ${(e as Error).message}`);
  }
}

async function main(): Promise<void> {
  mkdirSync('/run/proeflab', { recursive: true });
  const ports = await setupPorts();
  let reconcile: (cfg: string) => Promise<void>;
  if (kind === 'ios-switch') {
    const plane = new SwitchPlane(ports);
    await plane.init();
    reconcile = async (cfg) => void (await plane.apply(switchState(parseIosConfig(cfg), [...ports.keys()])));
  } else if (kind === 'ios-router') {
    const plane = new RouterPlane();
    reconcile = (cfg) => plane.apply(routerState(parseIosConfig(cfg), ports));
  } else {
    const plane = new RouterPlane();
    reconcile = (cfg) => plane.apply(routerosState(cfg, ports));
  }
  const source: ConfigSource = await startSimulator(kind, {
    hostname: process.env.HOSTNAME_OVERRIDE ?? process.env.LAB_ROLE ?? 'lab',
    ports: [...ports.keys()],
    username: process.env.LAB_USER ?? 'admin',
    password: process.env.LAB_PASSWORD ?? '',
    enable: process.env.LAB_ENABLE ?? '',
  });
  let last: string | undefined;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const cfg = source.config();
      if (cfg !== last) {
        await reconcile(cfg);
        last = cfg;
        writeFileSync('/run/proeflab/applied-config', cfg);
      }
    } catch (e) {
      log(`reconcile failed: ${(e as Error).message}`);
    } finally {
      busy = false;
    }
  };
  source.onChange?.(() => void tick());
  await tick();
  setInterval(() => void tick(), 500);
  const links = parseLinks(process.env.LAB_LINKS);
  if (links.length && source.discovery) {
    const port = Number(process.env.LAB_DISCOVERY_PORT) || DISCOVERY_PORT;
    try {
      await startDiscovery({ device: source.discovery, links, port, peerPort: port, intervalMs: 1000, resolve: (peer) => peerUrl(peer, port), log: (m) => log(`discovery: ${m}`) });
      log(`discovery on port ${port}: ${links.map((l) => `${l.localPort} ↔ ${l.peer} ${l.remotePort}`).join(', ')}`);
    } catch (e) {
      log(`discovery not started: ${(e as Error).message}`);
    }
  }
  writeFileSync('/run/proeflab/ready', `${source.description}\n`);
  log(`ready: ${source.description}`);
}

// Allow a data-plane-only run for debugging: `node main.js --print` shows the applied config.
if (process.argv.includes('--print')) {
  process.stdout.write(existsSync('/run/proeflab/applied-config') ? readFileSync('/run/proeflab/applied-config', 'utf8') : '');
} else {
  main().catch((e) => {
    log(`fatal: ${(e as Error).stack ?? e}`);
    process.exit(1);
  });
}
