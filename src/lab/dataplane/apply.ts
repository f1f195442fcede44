// Executes data-plane plans inside a lab container (root, CAP_NET_ADMIN): a Linux bridge with
// VLAN filtering for a switch, 802.1Q devices + addresses + routes + nftables for a router.
// Only ever runs inside the container's own network namespace.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { planSwitchPort, type RouterState, type SwitchPortState } from './ios.js';

const exec = promisify(execFile);

export type Runner = (cmd: string[], input?: string) => Promise<string>;

export const shell: Runner = async (cmd, input) => {
  if (input !== undefined) {
    return await new Promise((resolve, reject) => {
      const p = spawn(cmd[0]!, cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (err += d));
      p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd.join(' ')}: ${err.trim()}`))));
      p.stdin.on('error', () => {});
      p.stdin.end(input);
    });
  }
  const { stdout } = await exec(cmd[0]!, cmd.slice(1));
  return stdout;
};

export const log = (msg: string) => process.stderr.write(`[dataplane] ${msg}\n`);

/** A switch: one bridge `br0`, vlan_filtering on, every port enslaved. */
export class SwitchPlane {
  private applied = new Map<string, SwitchPortState>();
  constructor(
    /** IOS port name → Linux interface. */
    readonly ports: Map<string, string>,
    private readonly run: Runner = shell,
  ) {}

  /** `kernel`: Linux bridge with vlan_filtering; `user`: the AF_PACKET switch (kernels without it). */
  mode: 'kernel' | 'user' = 'kernel';
  private user?: UserSwitch;

  async init(): Promise<void> {
    try {
      await this.run(['ip', 'link', 'add', 'br0', 'type', 'bridge', 'vlan_filtering', '1', 'vlan_default_pvid', '0']);
    } catch (e) {
      log(`no bridge VLAN filtering in this kernel (${(e as Error).message.split('\n').pop()}); using the AF_PACKET switch`);
      this.mode = 'user';
    }
    for (const dev of this.ports.values()) await this.run(['ip', 'addr', 'flush', 'dev', dev]);
    if (this.mode === 'user') {
      this.user = new UserSwitch('/run/proeflab/sw-br0.json');
      return;
    }
    await this.run(['ip', 'link', 'set', 'br0', 'up']);
    for (const dev of this.ports.values()) await this.run(['ip', 'link', 'set', 'dev', dev, 'master', 'br0']);
  }

  async apply(state: Map<string, SwitchPortState>): Promise<number> {
    let n = 0;
    for (const [name, next] of state) {
      const dev = this.ports.get(name);
      if (!dev) continue;
      const cmds =
        this.mode === 'kernel'
          ? planSwitchPort(dev, this.applied.get(name), next)
          : this.applied.get(name)?.up === next.up
            ? []
            : [['ip', 'link', 'set', 'dev', dev, next.up ? 'up' : 'down']];
      for (const c of cmds) {
        await this.run(c).catch((e: Error) => log(`failed: ${e.message}`));
        n++;
      }
      this.applied.set(name, next);
    }
    if (this.user) {
      const ports: Record<string, UserPort> = {};
      for (const [name, st] of state) {
        const dev = this.ports.get(name);
        if (!dev) continue;
        ports[dev] = st.vlans.length === 1 && st.pvid === st.vlans[0] ? { mode: 'access', vlan: st.pvid } : { mode: 'trunk', allowed: st.vlans, native: st.pvid ?? 0 };
      }
      this.user.configure(ports);
    }
    if (n) log(`switch: ${n} command(s) applied`);
    return n;
  }
}

/** A router: VLAN subinterfaces, addresses, static routes, one nftables table, DHCP relays. */
export class RouterPlane {
  private vlanDevs = new Set<string>();
  private lastNft = '';
  private lastRoutes = '';
  private relays: ChildProcess[] = [];
  private lastRelays = '';
  constructor(private readonly run: Runner = shell) {}

  async apply(st: RouterState): Promise<void> {
    const want = new Set<string>();
    for (const i of st.ifs.values()) {
      if (i.parent && i.vlan !== undefined) {
        want.add(i.dev);
        if (!this.vlanDevs.has(i.dev)) {
          await this.addVlanDev(i.parent, i.dev, i.vlan);
          this.vlanDevs.add(i.dev);
        }
      }
    }
    for (const d of [...this.vlanDevs]) {
      if (!want.has(d)) {
        await this.run(['ip', 'link', 'del', d]).catch(() => undefined);
        this.vlanDevs.delete(d);
        this.demux.delete(d);
      }
    }
    if (this.mode === 'user') {
      // Trunk side: the parent carries the subinterfaces' VLANs tagged (untagged stays with the kernel).
      const ports: Record<string, UserPort> = {};
      for (const [dev, { parent, vlan, peer }] of this.demux) {
        const t = (ports[parent] ??= { mode: 'trunk', allowed: [], native: 0 }) as { allowed: number[] };
        t.allowed.push(vlan);
        ports[peer] = { mode: 'access', vlan };
        void dev;
      }
      (this.user ??= new UserSwitch('/run/proeflab/router-demux.json')).configure(ports);
    }
    // Physical interfaces first (a subinterface cannot be up on a down parent).
    const ordered = [...st.ifs.values()].sort((a, b) => Number(!!a.parent) - Number(!!b.parent));
    for (const i of ordered) {
      const have = await this.addresses(i.dev);
      for (const a of have) if (!i.addresses.includes(a)) await this.run(['ip', 'addr', 'del', a, 'dev', i.dev]).catch(() => undefined);
      for (const a of i.addresses) if (!have.includes(a)) await this.run(['ip', 'addr', 'add', a, 'dev', i.dev]).catch((e: Error) => log(e.message));
      await this.run(['ip', 'link', 'set', 'dev', i.dev, i.up ? 'up' : 'down']).catch((e: Error) => log(e.message));
    }
    const routes = JSON.stringify(st.routes);
    if (routes !== this.lastRoutes) {
      await this.run(['ip', 'route', 'flush', 'proto', 'static']).catch(() => undefined);
      this.lastRoutes = routes;
    }
    // Re-added every time: a route via a gateway that was unreachable is accepted once its subnet is up.
    for (const r of st.routes) {
      const cmd = ['ip', 'route', 'replace', r.prefix === '0.0.0.0/0' ? 'default' : r.prefix, ...(r.via ? ['via', r.via] : ['dev', r.dev!]), 'proto', 'static'];
      await this.run(cmd).catch(() => undefined);
    }
    if (st.nft !== this.lastNft) {
      await this.run(['nft', '-f', '-'], `table ip proeflab\ndelete table ip proeflab\n${st.nft}\n`).catch((e: Error) => log(`nft: ${e.message}`));
      this.lastNft = st.nft;
    }
    const relays = JSON.stringify(st.relays);
    if (relays !== this.lastRelays) {
      for (const p of this.relays) p.kill();
      this.relays = [];
      for (const r of st.relays) {
        // isc-dhcp-relay: -id = client-side interfaces, -iu = the server side.
        const args = ['-4', '-d', ...r.devs.flatMap((d) => ['-id', d]), ...(r.up ? ['-iu', r.up] : []), r.server];
        const p = spawn('dhcrelay', args, { stdio: 'ignore' });
        p.on('error', (e) => log(`dhcrelay: ${e.message}`));
        this.relays.push(p);
      }
      this.lastRelays = relays;
    }
  }

  mode: 'kernel' | 'user' | undefined;
  private user?: UserSwitch;
  /** user mode: subinterface (a veth end the kernel routes on) → its parent trunk and the demux end. */
  private demux = new Map<string, { parent: string; vlan: number; peer: string }>();

  private async addVlanDev(parent: string, dev: string, vlan: number): Promise<void> {
    if (this.mode !== 'user') {
      try {
        await this.run(['ip', 'link', 'add', 'link', parent, 'name', dev, 'type', 'vlan', 'id', String(vlan)]);
        this.mode = 'kernel';
        return;
      } catch (e) {
        if (this.mode === 'kernel') {
          log(`cannot add ${dev}: ${(e as Error).message}`);
          return;
        }
        log(`no 802.1Q in this kernel; subinterfaces are veth pairs behind the AF_PACKET demux`);
        this.mode = 'user';
      }
    }
    const peer = `q${vlan}_${parent}`.slice(0, 15);
    await this.run(['ip', 'link', 'add', dev, 'type', 'veth', 'peer', 'name', peer]).catch((e: Error) => log(e.message));
    await this.run(['ip', 'link', 'set', 'dev', peer, 'up']).catch(() => undefined);
    this.demux.set(dev, { parent, vlan, peer });
  }

  private async addresses(dev: string): Promise<string[]> {
    try {
      const out = JSON.parse(await this.run(['ip', '-j', '-4', 'addr', 'show', 'dev', dev])) as { addr_info?: { local: string; prefixlen: number }[] }[];
      return (out[0]?.addr_info ?? []).map((a) => `${a.local}/${a.prefixlen}`);
    } catch {
      return [];
    }
  }
}

/** Find the container interface holding an address inside `cidr` (how a compose network is recognised). */
export async function ifaceInSubnet(cidr: string, run: Runner = shell): Promise<string | undefined> {
  const [net, len] = cidr.split('/');
  const toN = (ip: string) => ip.split('.').map(Number).reduce((a, o) => ((a << 8) | o) >>> 0, 0);
  const mask = Number(len) === 0 ? 0 : (0xffffffff << (32 - Number(len))) >>> 0;
  const list = JSON.parse(await run(['ip', '-j', '-4', 'addr', 'show'])) as { ifname: string; addr_info?: { local: string }[] }[];
  for (const l of list) for (const a of l.addr_info ?? []) if (((toN(a.local) & mask) >>> 0) === ((toN(net!) & mask) >>> 0)) return l.ifname;
  return undefined;
}

export type UserPort = { mode: 'access'; vlan?: number } | { mode: 'trunk'; allowed: number[]; native: number };

/** The AF_PACKET switch (docker/rootfs/vlan-switch.py) and its JSON configuration file. */
export class UserSwitch {
  private proc?: ChildProcess;
  private last = '';
  constructor(
    readonly file: string,
    readonly script = process.env.LAB_VLAN_SWITCH ?? '/usr/local/lib/proeflab/vlan-switch.py',
  ) {}

  configure(ports: Record<string, UserPort>): void {
    const text = JSON.stringify({ ports }, null, 1);
    if (text !== this.last) {
      writeFileSync(`${this.file}.tmp`, text);
      renameSync(`${this.file}.tmp`, this.file);
      this.last = text;
    }
    if (!this.proc) this.spawn();
  }

  /** Started once; restarted whenever it exits (the switch must never stay down). */
  private spawn(): void {
    const p = spawn('python3', [this.script, this.file], { stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('error', (e) => log(`vlan-switch: ${e.message}`));
    p.on('exit', (code) => {
      log(`vlan-switch exited (${code}); restarting`);
      setTimeout(() => this.spawn(), 500);
    });
    this.proc = p;
  }
}
