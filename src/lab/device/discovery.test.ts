// The lab's neighbour discovery in-process: sw1 and r1 (IOS simulators) and mt1 (RouterOS simulator)
// cabled like docker/compose.yaml (sw1 Gi0/1 ↔ r1 Gi0/0, sw1 Gi0/2 ↔ mt1 ether1, r1 Gi0/1 ↔ mt1
// ether2), each with a discovery instance on 127.0.0.1 that resolves the service names to the other
// instances' ports. What the candidate configures through the driver (hostname, cdp/lldp run, port
// shutdown) shows in `show cdp/lldp neighbors` and decides the cisco.neighbor check, as in mbi-1-4.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyConfig, ciscoIosDriver } from '../../../drivers/cisco-ios/index.js';
import { ciscoNeighbor } from '../../../checks/cisco-neighbor.js';
import { evaluateExpr } from '../../core/runner.js';
import type { CheckKind, DeviceConfig, DriverSession, FactRequest, Observation } from '../../core/types.js';
import { renderConfig } from '../../../sims/cisco-ios/config.js';
import { startIosSim, type IosSim } from '../../../sims/cisco-ios/index.js';
import { showCdpNeighbors, showLldpNeighbors } from '../../../sims/cisco-ios/show.js';
import { runCli, startRouterosSim, type RouterosSim } from '../../../sims/routeros/index.js';
import { iosDevice, parseLinks, routerosDevice, startDiscovery, type Discovery } from './discovery.js';

const T = 15_000;
let sw: IosSim;
let r1: IosSim;
let mt: RouterosSim;
const ds = new Map<string, Discovery>();
let clock = Date.now();

const device = (role: string, sim: IosSim): DeviceConfig => ({ role, platform: 'cisco-ios', host: '127.0.0.1', port: sim.port, transport: 'ssh', username: 'examen', password: 'pw', secret: 'en', timeoutMs: 10_000, options: {}, secrets: [] });

/** One discovery round: every device polls its peers (the lab does this every 5 s). */
const round = async () => {
  for (const d of ds.values()) await d.refresh();
};

const configure = async (role: 'sw1' | 'r1', lines: string[]) => {
  const r = await applyConfig(device(role, role === 'sw1' ? sw : r1), lines, { signal: AbortSignal.timeout(T), strict: true });
  expect(r.errors).toEqual([]);
  await round();
};

/** The check as the runner evaluates it: facts gathered by the cisco-ios driver over SSH (a new
 *  session each time, like a check run: the prompt changes with the hostname). */
async function check(role: 'sw1' | 'r1', raw: unknown) {
  const kind = ciscoNeighbor as CheckKind;
  const params = kind.params.parse(raw);
  const facts = kind.facts(params, { device: role, platform: 'cisco-ios' });
  const obs = new Map<string, Observation>();
  const session: DriverSession = await ciscoIosDriver.connect(device(role, role === 'sw1' ? sw : r1), AbortSignal.timeout(T));
  try {
    for (const f of facts) {
      const key = JSON.stringify(f);
      const g = await session.gather(f.fact, f.params ?? {}, AbortSignal.timeout(T));
      obs.set(key, { id: key, pod: 'p1', device: role, platform: 'cisco-ios', fact: f.fact, params: f.params ?? {}, attempt: 1, startedAt: '', endedAt: '', durationMs: 0, redactions: 0, command: g.command, raw: g.raw, transport: 'ssh', ...(g.parsed !== undefined ? { parsed: g.parsed } : {}) });
    }
  } finally {
    await session.close();
  }
  return evaluateExpr({ leaf: { label: kind.kind, kind, params, device: role, platform: 'cisco-ios', facts } } as never, (r: FactRequest) => obs.get(JSON.stringify(r)));
}

beforeAll(async () => {
  const ios = { port: 0, telnetPort: false as const, user: 'examen', password: 'pw', secret: 'en', privilege: 1 };
  // like hook-ios.ts: every port of the container has a cable
  sw = await startIosSim({ ...ios, role: 'switch', hostname: 'sw1', seed: 'sw1', connected: ['FastEthernet0/1', 'FastEthernet0/2', 'FastEthernet0/3', 'GigabitEthernet0/1', 'GigabitEthernet0/2'] });
  r1 = await startIosSim({ ...ios, role: 'router', hostname: 'r1', seed: 'r1', connected: ['GigabitEthernet0/0', 'GigabitEthernet0/1'] });
  mt = await startRouterosSim({ apiPort: 0, sshPort: 0, user: 'examen', password: 'pw', identity: 'mt1' });
  // docker/compose.yaml's LAB_LINKS; the service names resolve to the instances below
  const links = {
    sw1: 'GigabitEthernet0/1=r1:GigabitEthernet0/0,GigabitEthernet0/2=mt1:ether1',
    r1: 'GigabitEthernet0/0=sw1:GigabitEthernet0/1,GigabitEthernet0/1=mt1:ether2',
    mt1: 'ether1=sw1:GigabitEthernet0/2,ether2=r1:GigabitEthernet0/1',
  };
  const resolve = (peer: string) => `http://127.0.0.1:${ds.get(peer)?.port ?? 1}/`;
  const devs = { sw1: iosDevice(sw.state), r1: iosDevice(r1.state), mt1: routerosDevice(mt.state) };
  for (const role of ['sw1', 'r1', 'mt1'] as const)
    ds.set(role, await startDiscovery({ device: devs[role], links: parseLinks(links[role]), host: '127.0.0.1', port: 0, intervalMs: 0, resolve, now: () => clock }));
  await round();
});

afterAll(async () => {
  for (const d of ds.values()) await d.close();
  await Promise.all([sw?.close(), r1?.close(), mt?.close()]);
});

describe('LAB_LINKS', () => {
  it('parses ports and peers, a peer may carry a port', () => {
    expect(parseLinks('GigabitEthernet0/1=r1:GigabitEthernet0/0, ether1=127.0.0.1:7181:ether2')).toEqual([
      { localPort: 'GigabitEthernet0/1', peer: 'r1', remotePort: 'GigabitEthernet0/0' },
      { localPort: 'ether1', peer: '127.0.0.1:7181', remotePort: 'ether2' },
    ]);
    expect(parseLinks(undefined)).toEqual([]);
    expect(() => parseLinks('Gi0/1=r1')).toThrow(/LAB_LINKS/);
  });

  it('polls by itself; a peer given as host:port needs no resolver', async () => {
    const port = (up: boolean) => ({ name: 'ether1', up, tx: ['lldp' as const], rx: ['lldp' as const] });
    let peerUp = true;
    const b = await startDiscovery({
      device: { advert: () => ({ v: 1, deviceId: 'kern', platform: 'MikroTik', capability: 'R', version: '7', holdtime: { cdp: 120, lldp: 120 }, ports: { ether1: port(peerUp) } }) },
      links: [],
      host: '127.0.0.1',
      port: 0,
    });
    const a = await startDiscovery({
      device: { advert: () => ({ v: 1, deviceId: 'edge', platform: 'MikroTik', capability: 'R', version: '7', holdtime: { cdp: 120, lldp: 120 }, ports: { ether2: port(true) } }) },
      links: parseLinks(`ether2=127.0.0.1:${b.port}:ether1`),
      host: '127.0.0.1',
      port: 0,
      intervalMs: 50,
    });
    try {
      await vi.waitFor(() => expect(a.neighbors()).toMatchObject([{ localPort: 'ether2', protocols: ['lldp'], deviceId: 'kern', portId: 'ether1' }]));
      peerUp = false;
      await vi.waitFor(() => expect(a.neighbors()).toEqual([]));
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('CDP/LLDP between the lab simulators', () => {
  it('CDP shows mt1 on Gi0/2; r1 only once its Gi0/0 is no longer shut down', async () => {
    const cdp = showCdpNeighbors(sw.state, false);
    expect(cdp).toMatch(/^mt1\s+Gig 0\/2\s+1[0-9]{2}\s+R B S I\s+MikroTik\s+ether1$/m);
    expect(cdp).toContain('Total cdp entries displayed : 1');
    expect(await check('sw1', { interface: 'Gi0/2', neighbor: 'mt1', neighborInterface: 'ether1', protocol: 'cdp' })).toMatchObject({ status: 'pass' });
    expect(showLldpNeighbors(sw.state, false)).toBe('% LLDP is not enabled\n');
    // a new router: its ports are shut down
    const r = await check('sw1', { interface: 'Gi0/1', neighbor: 'R-123456', neighborInterface: 'Gi0/0', protocol: 'cdp' });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/geen CDP-buur op GigabitEthernet0\/1/);
  });

  it('the router shows under the hostname the candidate gives it, and follows a rename', async () => {
    await configure('r1', ['hostname R-123456', 'interface GigabitEthernet0/0', ' ip address 10.1.1.1 255.255.255.0', ' no shutdown']);
    // the lab's IOS simulators have `ip domain-name lab.local`: the CDP device ID carries it, like IOS
    expect(showCdpNeighbors(sw.state, false)).toMatch(/^R-123456\.lab\.local\n\s+Gig 0\/1\s+\d+\s+R B S I\s+CISCO1941\s+Gig 0\/0$/m);
    const detail = showCdpNeighbors(sw.state, true);
    expect(detail).toContain('Device ID: R-123456.lab.local');
    expect(detail).toContain('Platform: cisco CISCO1941/K9,  Capabilities: Router Source-Route-Bridge');
    expect(detail).toContain('Interface: GigabitEthernet0/1,  Port ID (outgoing port): GigabitEthernet0/0');
    expect(detail).toContain('IP address: 10.1.1.1');
    expect(detail).toContain('C1900 Software (C1900-UNIVERSALK9-M), Version 15.1(4)M4');
    expect(await check('sw1', { interface: 'Gi0/1', neighbor: 'R-123456', neighborInterface: 'Gi0/0', protocol: 'cdp' })).toMatchObject({ status: 'pass' });
    // the wrong port of the neighbour fails
    expect(await check('sw1', { interface: 'Gi0/1', neighbor: 'R-123456', neighborInterface: 'Gi0/1', protocol: 'cdp' })).toMatchObject({ status: 'fail' });

    // and the other way round: r1 sees the switch, under its new name
    expect(await check('r1', { interface: 'Gi0/0', neighbor: 'SW-123456', neighborInterface: 'Gi0/1', protocol: 'cdp' })).toMatchObject({ status: 'fail' });
    await configure('sw1', ['hostname SW-123456']);
    expect(await check('r1', { interface: 'Gi0/0', neighbor: 'SW-123456', neighborInterface: 'Gi0/1', protocol: 'cdp' })).toMatchObject({ status: 'pass' });
    expect(showCdpNeighbors(r1.state, false)).toMatch(/^SW-123456\.lab\.local\n\s+Gig 0\/0\s+\d+\s+S I\s+WS-C2960-\s+Gig 0\/1$/m);

    await configure('r1', ['hostname R-654321']);
    expect(showCdpNeighbors(sw.state, false)).not.toContain('R-123456');
    const renamed = await check('sw1', { interface: 'Gi0/1', neighbor: 'R-123456', neighborInterface: 'Gi0/0', protocol: 'cdp' });
    expect(renamed.status).toBe('fail');
    expect(renamed.message).toMatch(/op GigabitEthernet0\/1 zit R-654321\.lab\.local, verwacht R-123456/);
    await configure('r1', ['hostname R-123456']);
  });

  it('LLDP only where both ends run it (IOS: off until `lldp run`; RouterOS: on)', async () => {
    await configure('sw1', ['lldp run']);
    let lldp = showLldpNeighbors(sw.state, false);
    expect(lldp).toMatch(/^mt1\s+Gi0\/2\s+120\s+R\s+ether1$/m);
    expect(lldp).not.toContain('R-123456');
    expect(await check('sw1', { interface: 'Gi0/2', neighbor: 'mt1', protocol: 'lldp' })).toMatchObject({ status: 'pass' });
    expect(await check('sw1', { interface: 'Gi0/1', neighbor: 'R-123456', protocol: 'lldp' })).toMatchObject({ status: 'fail' });
    await configure('r1', ['lldp run']);
    lldp = showLldpNeighbors(sw.state, false);
    expect(lldp).toMatch(/^R-123456\.lab\.local\s+Gi0\/1\s+120\s+R\s+Gi0\/0$/m);
    expect(await check('sw1', { interface: 'Gi0/1', neighbor: 'R-123456', neighborInterface: 'Gi0/0', protocol: 'lldp' })).toMatchObject({ status: 'pass' });
    expect(renderConfig(sw.state, 'running')).toMatch(/^lldp run$/m);
  });

  it('`no cdp run` on the router removes the CDP entry; LLDP stays', async () => {
    await configure('r1', ['no cdp run']);
    const cdp = showCdpNeighbors(sw.state, false);
    expect(cdp).not.toContain('R-123456');
    expect(cdp).toMatch(/^mt1 /m);
    expect(showLldpNeighbors(sw.state, false)).toContain('R-123456');
    expect(await check('sw1', { interface: 'Gi0/1', neighbor: 'R-123456', neighborInterface: 'Gi0/0', protocol: 'cdp' })).toMatchObject({ status: 'fail' });
    expect(await check('sw1', { interface: 'Gi0/1', neighbor: 'R-123456', neighborInterface: 'Gi0/0', protocol: 'lldp' })).toMatchObject({ status: 'pass' });
    expect(showCdpNeighbors(r1.state, false)).toBe('% CDP is not enabled\n');
    expect(renderConfig(r1.state, 'running')).toMatch(/^no cdp run$/m);
    await configure('r1', ['cdp run']);
    expect(showCdpNeighbors(sw.state, false)).toContain('R-123456');
  });

  it('per port: `no cdp enable`, `no lldp receive`, and RouterOS discovery-settings', async () => {
    await configure('sw1', ['interface GigabitEthernet0/2', ' no cdp enable']);
    expect(showCdpNeighbors(sw.state, false)).not.toMatch(/^mt1 /m);
    expect(showLldpNeighbors(sw.state, false)).toMatch(/^mt1 /m);
    expect(renderConfig(sw.state, 'running')).toMatch(/^interface GigabitEthernet0\/2\n(?: .*\n)* no cdp enable\n/m);
    await configure('sw1', ['interface GigabitEthernet0/2', ' cdp enable', ' no lldp receive']);
    expect(showCdpNeighbors(sw.state, false)).toMatch(/^mt1 /m);
    expect(showLldpNeighbors(sw.state, false)).not.toMatch(/^mt1 /m);
    await configure('sw1', ['interface GigabitEthernet0/2', ' lldp receive']);
    expect(showLldpNeighbors(sw.state, false)).toMatch(/^mt1 /m);

    expect(runCli(mt.state, '/ip neighbor discovery-settings set protocol=cdp').output).toBe('');
    await round();
    expect(showLldpNeighbors(sw.state, false)).not.toMatch(/^mt1 /m);
    expect(showCdpNeighbors(sw.state, false)).toMatch(/^mt1 /m);
    expect(mt.state.export()).toContain('/ip neighbor discovery-settings\nset protocol=cdp\n');
    runCli(mt.state, '/ip neighbor discovery-settings set protocol=cdp,lldp,mndp');
    runCli(mt.state, '/system identity set name=kern-1');
    await round();
    expect(await check('sw1', { interface: 'Gi0/2', neighbor: 'kern-1', protocol: 'lldp' })).toMatchObject({ status: 'pass' });
    // mt1 learned both its neighbours (it has no table to show them in: GET /neighbors)
    await configure('r1', ['interface GigabitEthernet0/1', ' no shutdown']);
    const learned = await (await fetch(`http://127.0.0.1:${ds.get('mt1')!.port}/neighbors`)).json();
    expect(learned).toEqual([
      expect.objectContaining({ localPort: 'ether1', protocols: ['cdp', 'lldp'], deviceId: 'SW-123456.lab.local', portId: 'GigabitEthernet0/2' }),
      expect.objectContaining({ localPort: 'ether2', protocols: ['cdp', 'lldp'], deviceId: 'R-123456.lab.local', portId: 'GigabitEthernet0/1' }),
    ]);
  });

  it('a port shut down on either end takes the neighbour away', async () => {
    await configure('r1', ['interface GigabitEthernet0/0', ' shutdown']);
    expect(showCdpNeighbors(sw.state, false)).not.toContain('R-123456');
    expect(showLldpNeighbors(sw.state, false)).not.toContain('R-123456');
    await configure('r1', ['interface GigabitEthernet0/0', ' no shutdown']);
    expect(showCdpNeighbors(sw.state, false)).toContain('R-123456');
    await configure('sw1', ['interface GigabitEthernet0/1', ' shutdown']);
    expect(showCdpNeighbors(r1.state, false)).not.toContain('SW-123456');
    await configure('sw1', ['interface GigabitEthernet0/1', ' no shutdown']);
    expect(showCdpNeighbors(r1.state, false)).toContain('SW-123456');
  });

  it('a peer that stops advertising ages out after the holdtime (LLDP 120 s, CDP 180 s)', async () => {
    await ds.get('r1')!.close();
    ds.delete('r1');
    clock += 60_000;
    await round();
    expect(showCdpNeighbors(sw.state, false)).toMatch(/^\s+Gig 0\/1\s+1[12]\d\s+R B S I\s+CISCO1941\s+Gig 0\/0$/m);
    expect(showLldpNeighbors(sw.state, false)).toContain('R-123456');
    clock += 65_000;
    await round();
    expect(showLldpNeighbors(sw.state, false)).not.toContain('R-123456');
    expect(showCdpNeighbors(sw.state, false)).toContain('R-123456');
    clock += 60_000;
    await round();
    expect(showCdpNeighbors(sw.state, false)).not.toContain('R-123456');
    expect(await check('sw1', { interface: 'Gi0/1', neighbor: 'R-123456', protocol: 'cdp' })).toMatchObject({ status: 'fail' });
  });
});
