// Neighbour discovery between the lab's simulated devices (sw1, r1, mt1): what CDP and LLDP would
// tell each other over the cables, exchanged over the management network instead. The data-plane
// links are Linux veths between containers; the simulators never see CDP/LLDP frames, so every
// device container runs this module:
//
// - it serves its device's current advertisement (`GET /` on DISCOVERY_PORT, JSON): device ID
//   (hostname[.domain] / RouterOS identity), platform, capabilities, software version, and per port
//   whether it is administratively up and which protocols it sends and receives there — read live
//   from the simulator's state, so a new `hostname` or `no cdp run` shows at the next poll;
// - it polls the peers its ports are cabled to (LAB_LINKS, `<local port>=<peer>:<peer port>,…`)
//   every few seconds and puts into the simulator's neighbour table what the real protocols would:
//   a neighbour appears on a port for CDP/LLDP only when the local port receives and the peer's port
//   sends that protocol and both ports are up; when the peer answers that it stopped, the entry goes
//   at once (an LLDP shutdown PDU; CDP would keep it until the holdtime), when the peer does not
//   answer at all the entry ages out after the holdtime the peer announced (CDP 180 s, LLDP 120 s).
//
// `GET /neighbors` shows what this device learned (also for RouterOS, whose simulator has no
// `/ip neighbor` table): `node -e "fetch('http://sw1:7180/neighbors').then(r=>r.text()).then(console.log)"`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IosState, Neighbor } from '../../../sims/cisco-ios/model.js';
import type { RosState } from '../../../sims/routeros/model.js';

export type Protocol = 'cdp' | 'lldp';
const PROTOCOLS: Protocol[] = ['cdp', 'lldp'];

/** The port the discovery endpoint listens on in every device container (mgmt network only). */
export const DISCOVERY_PORT = 7180;

export interface PortAdvert {
  /** What the device calls the port now (RouterOS ports can be renamed): the neighbour's Port ID. */
  name: string;
  /** Administratively up (no `shutdown`, not disabled) and cabled. */
  up: boolean;
  /** Protocols sent on this port. */
  tx: Protocol[];
  /** Protocols listened to on this port. */
  rx: Protocol[];
  /** Address announced with the port (CDP entry address, LLDP management address). */
  ip?: string;
}

export interface Advert {
  v: 1;
  /** CDP Device ID and LLDP System Name. */
  deviceId: string;
  /** CDP platform (`cisco WS-C2960-24TT-L`, `MikroTik`). */
  platform: string;
  /** `R` router, `S` switch (the IOS simulator's Neighbor.capability). */
  capability: string;
  /** Software version (CDP Version, LLDP System Description). */
  version: string;
  /** Seconds a receiver keeps the information (the TTL the sender puts in its PDUs). */
  holdtime: Record<Protocol, number>;
  /** Keyed by the cabling's port name (LAB_PORTS / LAB_LINKS): IOS interface name, RouterOS default-name. */
  ports: Record<string, PortAdvert>;
}

export interface LearnedNeighbor {
  localPort: string;
  protocols: Protocol[];
  deviceId: string;
  portId: string;
  platform: string;
  capability: string;
  version: string;
  ip?: string;
  /** Seconds left before the entry ages out. */
  holdtime: number;
}

export interface DiscoveryDevice {
  advert(): Advert;
  /** Replace the neighbours this module put into the device's table (absent: advertise only). */
  setNeighbors?(ns: LearnedNeighbor[]): void;
}

export interface Link {
  localPort: string;
  /** Service name (`r1`) or `host:port` of the peer's discovery endpoint. */
  peer: string;
  remotePort: string;
}

/** `Gi0/1=r1:GigabitEthernet0/0,…` (the peer may carry a port: `127.0.0.1:7181:ether1`). */
export function parseLinks(spec: string | undefined): Link[] {
  const out: Link[] = [];
  for (const part of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const colon = part.lastIndexOf(':');
    if (eq <= 0 || colon <= eq + 1 || colon === part.length - 1) throw new Error(`LAB_LINKS: '${part}' is not <port>=<peer>:<peer port>`);
    out.push({ localPort: part.slice(0, eq).trim(), peer: part.slice(eq + 1, colon).trim(), remotePort: part.slice(colon + 1).trim() });
  }
  return out;
}

export interface DiscoveryOptions {
  device: DiscoveryDevice;
  links: Link[];
  /** Listen address (default 0.0.0.0) and port (default DISCOVERY_PORT; 0 = ephemeral). */
  host?: string;
  port?: number;
  /** Port of a peer named without one (default DISCOVERY_PORT). */
  peerPort?: number;
  /** Poll interval (default 5 s); 0 = no timer, call refresh(). */
  intervalMs?: number;
  /** Base URL of a peer's endpoint (default `http://<peer>[:<peerPort>]/`). */
  resolve?: (peer: string) => string | Promise<string>;
  log?: (msg: string) => void;
  now?: () => number;
}

export interface Discovery {
  port: number;
  /** Poll the peers once and update the neighbour table. */
  refresh(): Promise<void>;
  neighbors(): LearnedNeighbor[];
  close(): Promise<void>;
}

export async function startDiscovery(o: DiscoveryOptions): Promise<Discovery> {
  const now = o.now ?? Date.now;
  const peerPort = o.peerPort ?? DISCOVERY_PORT;
  const resolve = o.resolve ?? ((peer: string) => `http://${peer.includes(':') ? peer : `${peer}:${peerPort}`}/`);
  const heard = new Map<string, { advert: Advert; at: number }>();
  let learned: LearnedNeighbor[] = [];
  let lastKey = '';

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let body: unknown;
    try {
      if (req.method !== 'GET') body = undefined;
      else if (path === '/') body = o.device.advert();
      else if (path === '/neighbors') body = learned;
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(err as Error).message}\n`);
      return;
    }
    if (body === undefined) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? DISCOVERY_PORT, o.host ?? '0.0.0.0', () => ok());
  });

  try {
    const known = o.device.advert().ports;
    for (const l of o.links) if (!known[l.localPort]) o.log?.(`LAB_LINKS names port ${l.localPort}, which this device does not have`);
  } catch {
    // the state is read again at every poll
  }

  const poll = async (peer: string) => {
    try {
      const r = await fetch(await resolve(peer), { signal: AbortSignal.timeout(2_000) });
      if (!r.ok) return;
      const a = (await r.json()) as Advert;
      if (a?.v === 1 && typeof a.deviceId === 'string' && a.ports) heard.set(peer, { advert: a, at: now() });
    } catch {
      // unreachable peer: what was heard ages out
    }
  };

  const compute = (): LearnedNeighbor[] => {
    let self: Advert;
    try {
      self = o.device.advert();
    } catch {
      return learned;
    }
    const out: LearnedNeighbor[] = [];
    for (const l of o.links) {
      const h = heard.get(l.peer);
      const local = self.ports[l.localPort];
      const remote = h?.advert.ports[l.remotePort];
      if (!h || !local?.up || !remote?.up) continue;
      const age = (now() - h.at) / 1000;
      const protocols = PROTOCOLS.filter((p) => local.rx.includes(p) && remote.tx.includes(p) && age < (h.advert.holdtime[p] ?? 0));
      if (!protocols.length) continue;
      const hold = h.advert.holdtime[protocols[0]] ?? 0;
      out.push({
        localPort: l.localPort,
        protocols,
        deviceId: h.advert.deviceId,
        portId: remote.name,
        platform: h.advert.platform,
        capability: h.advert.capability,
        version: h.advert.version,
        ...(remote.ip ? { ip: remote.ip } : {}),
        holdtime: Math.max(1, Math.round(hold - age)),
      });
    }
    return out;
  };

  const update = () => {
    learned = compute();
    o.device.setNeighbors?.(learned);
    const key = learned.map((n) => `${n.localPort} ${n.protocols.join('+')} → ${n.deviceId} ${n.portId}`).join('; ');
    if (key !== lastKey) o.log?.(`neighbours: ${key || 'none'}`);
    lastKey = key;
  };

  let busy: Promise<void> | undefined;
  const refresh = () => {
    busy ??= (async () => {
      try {
        await Promise.all([...new Set(o.links.map((l) => l.peer))].map(poll));
        update();
      } finally {
        busy = undefined;
      }
    })();
    return busy;
  };

  const interval = o.intervalMs ?? 5_000;
  const timer = interval > 0 ? setInterval(() => void refresh(), interval) : undefined;
  timer?.unref();
  if (interval > 0) void refresh();

  return {
    port: (server.address() as AddressInfo).port,
    refresh,
    neighbors: () => learned,
    async close() {
      if (timer) clearInterval(timer);
      await busy;
      o.device.setNeighbors?.([]);
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

// ---- the simulators ------------------------------------------------------------------------

const PHYSICAL = /^(Fast|Gigabit|TenGigabit)?Ethernet\d+(\/\d+)*$|^Serial\d+(\/\d+)*$/;

/** A Cisco IOS simulator's state (sims/cisco-ios `sim.state`), read live. */
export function iosDevice(s: IosState): DiscoveryDevice {
  const mine = new Set<Neighbor>();
  return {
    advert() {
      const svi = [...s.interfaces.values()].find((i) => i.name.startsWith('Vlan') && !i.shutdown && i.addresses.length);
      const ports: Record<string, PortAdvert> = {};
      for (const i of s.interfaces.values()) {
        if (!PHYSICAL.test(i.name)) continue;
        const cdp = s.cdpRun && !i.extra.includes('no cdp enable');
        const tx: Protocol[] = [...(cdp ? ['cdp' as const] : []), ...(s.lldpRun && !i.extra.includes('no lldp transmit') ? ['lldp' as const] : [])];
        const rx: Protocol[] = [...(cdp ? ['cdp' as const] : []), ...(s.lldpRun && !i.extra.includes('no lldp receive') ? ['lldp' as const] : [])];
        const sub = [...s.interfaces.values()].find((x) => x.name.startsWith(`${i.name}.`) && x.addresses.length);
        const ip = i.switchport ? svi?.addresses[0]?.ip : (i.addresses[0]?.ip ?? sub?.addresses[0]?.ip);
        ports[i.name] = { name: i.name, up: !i.shutdown && s.connected.has(i.name), tx, rx, ...(ip ? { ip } : {}) };
      }
      const sw = s.role === 'switch';
      return {
        v: 1,
        deviceId: s.domainName ? `${s.hostname}.${s.domainName}` : s.hostname,
        platform: `cisco ${s.model}`,
        capability: sw ? 'S' : 'R',
        version: sw
          ? `Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version ${s.version}, RELEASE SOFTWARE (fc2)`
          : `Cisco IOS Software, C1900 Software (C1900-UNIVERSALK9-M), Version ${s.version}, RELEASE SOFTWARE (fc1)`,
        holdtime: { cdp: 180, lldp: 120 },
        ports,
      };
    },
    setNeighbors(ns) {
      const fresh: Neighbor[] = ns.map((n) => ({
        localIf: n.localPort,
        deviceId: n.deviceId,
        remoteIf: n.portId,
        platform: n.platform,
        capability: n.capability,
        version: n.version,
        holdtime: n.holdtime,
        protocols: [...n.protocols],
        ...(n.ip ? { ip: n.ip } : {}),
      }));
      s.neighbors = [...s.neighbors.filter((n) => !mine.has(n)), ...fresh];
      mine.clear();
      for (const n of fresh) mine.add(n);
    },
  };
}

/** A RouterOS simulator's state (sims/routeros `sim.state`): advertises only. */
export function routerosDevice(st: RosState): DiscoveryDevice {
  return {
    advert() {
      // `/ip neighbor discovery-settings`; RouterOS's defaults when the simulator lacks the menu
      const ds = st.has('/ip neighbor discovery-settings') ? st.single('/ip neighbor discovery-settings') : {};
      const list = ds['discover-interface-list'] ?? 'all';
      const protos = (ds.protocol ?? 'cdp,lldp,mndp').split(',').map((p) => p.trim());
      const mode = ds.mode ?? 'tx-and-rx';
      const on = PROTOCOLS.filter((p) => protos.includes(p));
      const bridgeOf = new Map(st.list('/interface bridge port').filter((p) => p.disabled !== 'true').map((p) => [p.interface, p.bridge]));
      const addrOn = (ifname: string | undefined) => st.list('/ip address').find((a) => a.interface === ifname && a.disabled !== 'true')?.address?.split('/')[0];
      const ports: Record<string, PortAdvert> = {};
      for (const e of st.list('/interface ethernet')) {
        // interface lists other than all/static/none/dynamic are not simulated: no discovery there
        const listed = list === 'all' || list === 'static';
        const ip = addrOn(e.name) ?? addrOn(bridgeOf.get(e.name));
        ports[e['default-name'] || e.name] = {
          name: e.name,
          up: e.disabled !== 'true',
          tx: listed && mode !== 'rx-only' ? on : [],
          rx: listed && mode !== 'tx-only' ? on : [],
          ...(ip ? { ip } : {}),
        };
      }
      const board = st.single('/system routerboard')?.['board-name'] ?? '';
      return {
        v: 1,
        deviceId: st.single('/system identity').name,
        platform: 'MikroTik',
        capability: 'R',
        version: `MikroTik RouterOS ${st.version}${board ? ` ${board}` : ''}`,
        holdtime: { cdp: 120, lldp: 120 },
        ports,
      };
    },
  };
}
