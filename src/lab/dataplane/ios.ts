// Cisco IOS running-config → the Linux data plane of a lab container.
// Pure functions: parse the configuration text a simulator holds into the state that matters for
// forwarding (ports, VLANs, addresses, routes, ACLs, NAT), and plan the `ip`/`bridge`/`nft`
// commands that make a container's kernel forward exactly like that configuration says.
// The planner is a full reconcile: given the desired state and what is applied, it returns the
// commands to get from one to the other, so it can run after every configuration change.

export interface IosPort {
  name: string;
  mode: 'access' | 'trunk';
  accessVlan: number;
  /** Trunk allowed VLANs (sorted); IOS default is all (1-4094). */
  allowed: number[];
  nativeVlan: number;
  shutdown: boolean;
}

export interface IosRouterIf {
  name: string;
  /** Parent interface for subinterfaces (`GigabitEthernet0/0` for `GigabitEthernet0/0.10`). */
  parent?: string;
  vlan?: number;
  native?: boolean;
  addresses: string[]; // CIDR
  shutdown: boolean;
  nat?: 'inside' | 'outside';
  aclIn?: string;
  aclOut?: string;
  helpers: string[];
}

export interface AclEntry {
  action: 'permit' | 'deny';
  proto: string; // ip, tcp, udp, icmp
  src: string; // CIDR or 'any'
  dst: string;
  dport?: number;
}

export interface IosConfig {
  hostname?: string;
  ports: Map<string, IosPort>;
  ifs: Map<string, IosRouterIf>;
  routes: { prefix: string; via?: string; dev?: string }[];
  acls: Map<string, AclEntry[]>;
  nat: { acl: string; outside: string }[];
  vlans: Set<number>;
}

const ABBREV: [RegExp, string][] = [
  [/^(gi|gig|giga|gigabit|gigabitethernet)\s*(?=\d)/i, 'GigabitEthernet'],
  [/^(fa|fas|fast|fastethernet)\s*(?=\d)/i, 'FastEthernet'],
  [/^(te|ten|tengigabitethernet)\s*(?=\d)/i, 'TenGigabitEthernet'],
  [/^(et|eth|ethernet)\s*(?=\d)/i, 'Ethernet'],
  [/^(vl|vlan)\s*(?=\d)/i, 'Vlan'],
];

/** Full IOS interface name (`gi0/1` → `GigabitEthernet0/1`). */
export function fullIfName(name: string): string {
  const n = name.trim();
  for (const [re, full] of ABBREV) if (re.test(n)) return n.replace(re, full);
  return n;
}

/** Parse an IOS VLAN list (`10,20,30-32`) into sorted numbers. */
export function vlanList(s: string): number[] {
  const out = new Set<number>();
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let v = a; v <= b && v <= 4094; v++) if (v >= 1) out.add(v);
  }
  return [...out].sort((x, y) => x - y);
}

const ALL_VLANS = Array.from({ length: 4094 }, (_, i) => i + 1);

function maskToPrefix(mask: string): number {
  return mask
    .split('.')
    .map(Number)
    .reduce((n, o) => n + (o.toString(2).match(/1/g)?.length ?? 0), 0);
}

function wildcardToPrefix(wc: string): number {
  return 32 - maskToPrefix(wc);
}

export function inSubnet(ip: string, cidr: string): boolean {
  const [net, len] = cidr.split('/');
  return networkOf(ip, Number(len)) === networkOf(net!, Number(len));
}

function networkOf(ip: string, prefix: number): string {
  const n = ip.split('.').map(Number).reduce((a, o) => (a << 8) | o, 0) >>> 0;
  const m = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const net = (n & m) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.')}/${prefix}`;
}

/** Parse the parts of an IOS configuration that decide forwarding. */
export function parseIosConfig(text: string): IosConfig {
  const cfg: IosConfig = { ports: new Map(), ifs: new Map(), routes: [], acls: new Map(), nat: [], vlans: new Set([1]) };
  const lines = text.replace(/\r/g, '').split('\n');
  let section: { type: 'if'; name: string } | { type: 'acl'; name: string; std: boolean } | { type: 'vlan' } | undefined;
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || line.trim() === '!' || line.trim().startsWith('!')) {
      if (line.trim() === '!' || !line.trim()) section = undefined;
      continue;
    }
    const indented = /^\s/.test(line);
    const t = line.trim();
    if (!indented) {
      section = undefined;
      let m: RegExpExecArray | null;
      if ((m = /^hostname\s+(\S+)/.exec(t))) cfg.hostname = m[1];
      else if ((m = /^interface\s+(\S+)/i.exec(t))) {
        const name = fullIfName(m[1]!);
        section = { type: 'if', name };
        const sub = /^(.*)\.(\d+)$/.exec(name);
        // A later `interface` block for the same interface continues it (configuration entered in parts).
        if (!sub && !cfg.ports.has(name)) cfg.ports.set(name, { name, mode: 'access', accessVlan: 1, allowed: ALL_VLANS, nativeVlan: 1, shutdown: false });
        if (!cfg.ifs.has(name)) cfg.ifs.set(name, { name, parent: sub?.[1], addresses: [], shutdown: false, helpers: [] });
      } else if ((m = /^vlan\s+([\d,-]+)/.exec(t))) {
        for (const v of vlanList(m[1]!)) cfg.vlans.add(v);
        section = { type: 'vlan' };
      } else if ((m = /^ip route\s+(\S+)\s+(\S+)\s+(\S+)/.exec(t))) {
        const prefix = networkOf(m[1]!, maskToPrefix(m[2]!));
        const hop = m[3]!;
        cfg.routes.push(/^\d+\.\d+\.\d+\.\d+$/.test(hop) ? { prefix, via: hop } : { prefix, dev: fullIfName(hop) });
      } else if ((m = /^ip access-list\s+(standard|extended)\s+(\S+)/.exec(t))) {
        section = { type: 'acl', name: m[2]!, std: m[1] === 'standard' };
        if (!cfg.acls.has(m[2]!)) cfg.acls.set(m[2]!, []);
      } else if ((m = /^access-list\s+(\d+)\s+(permit|deny)\s+(.*)$/.exec(t))) {
        const num = Number(m[1]);
        const std = num < 100 || (num >= 1300 && num < 2000);
        const e = parseAce(`${m[2]} ${m[3]}`, std);
        if (e) (cfg.acls.get(m[1]!) ?? cfg.acls.set(m[1]!, []).get(m[1]!)!).push(e);
      } else if ((m = /^ip nat inside source list\s+(\S+)\s+interface\s+(\S+)/.exec(t))) {
        cfg.nat.push({ acl: m[1]!, outside: fullIfName(m[2]!) });
      }
      continue;
    }
    if (!section) continue;
    if (section.type === 'acl') {
      const e = parseAce(t.replace(/^\d+\s+/, ''), section.std);
      if (e) cfg.acls.get(section.name)!.push(e);
      continue;
    }
    if (section.type !== 'if') continue;
    const port = cfg.ports.get(section.name);
    const ifc = cfg.ifs.get(section.name)!;
    let m: RegExpExecArray | null;
    if (t === 'shutdown') {
      ifc.shutdown = true;
      if (port) port.shutdown = true;
    } else if (t === 'no shutdown') {
      ifc.shutdown = false;
      if (port) port.shutdown = false;
    } else if (port && (m = /^switchport mode (access|trunk)/.exec(t))) port.mode = m[1] as 'access' | 'trunk';
    else if (port && (m = /^switchport access vlan (\d+)/.exec(t))) port.accessVlan = Number(m[1]);
    else if (port && (m = /^switchport trunk native vlan (\d+)/.exec(t))) port.nativeVlan = Number(m[1]);
    else if (port && (m = /^switchport trunk allowed vlan (add |remove |except )?(.+)$/.exec(t))) {
      const op = m[1]?.trim();
      const arg = m[2]!.trim();
      const list = arg === 'all' ? ALL_VLANS : arg === 'none' ? [] : vlanList(arg);
      if (!op) port.allowed = list;
      else if (op === 'add') port.allowed = [...new Set([...port.allowed, ...list])].sort((a, b) => a - b);
      else if (op === 'remove') port.allowed = port.allowed.filter((v) => !list.includes(v));
      else if (op === 'except') port.allowed = ALL_VLANS.filter((v) => !list.includes(v));
    } else if ((m = /^encapsulation dot1q\s+(\d+)(\s+native)?/i.exec(t))) {
      ifc.vlan = Number(m[1]);
      ifc.native = !!m[2];
    } else if ((m = /^ip address (\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+)( secondary)?/.exec(t))) {
      const cidr = `${m[1]}/${maskToPrefix(m[2]!)}`;
      if (m[3]) ifc.addresses.push(cidr);
      else ifc.addresses = [cidr, ...ifc.addresses.slice(1)];
    } else if (t === 'no ip address') ifc.addresses = [];
    else if ((m = /^ip nat (inside|outside)/.exec(t))) ifc.nat = m[1] as 'inside' | 'outside';
    else if ((m = /^ip access-group (\S+) (in|out)/.exec(t))) {
      if (m[2] === 'in') ifc.aclIn = m[1];
      else ifc.aclOut = m[1];
    } else if ((m = /^ip helper-address (\S+)/.exec(t))) ifc.helpers.push(m[1]!);
  }
  return cfg;
}

function parseAddr(tokens: string[]): string | undefined {
  const t = tokens.shift();
  if (!t) return undefined;
  if (t === 'any') return 'any';
  if (t === 'host') return `${tokens.shift()}/32`;
  const wc = tokens[0];
  if (wc && /^\d+\.\d+\.\d+\.\d+$/.test(wc)) {
    tokens.shift();
    return networkOf(t, wildcardToPrefix(wc));
  }
  return `${t}/32`;
}

const PORTS: Record<string, number> = { www: 80, http: 80, https: 443, ssh: 22, telnet: 23, domain: 53, smtp: 25, ftp: 21, snmp: 161, ntp: 123, tftp: 69 };

/** One access-list entry (`permit tcp any host 10.0.0.1 eq 80`); remarks and unknown syntax → undefined. */
export function parseAce(s: string, standard: boolean): AclEntry | undefined {
  const tokens = s.trim().split(/\s+/);
  const action = tokens.shift();
  if (action !== 'permit' && action !== 'deny') return undefined;
  if (standard) {
    const src = parseAddr(tokens);
    return src ? { action, proto: 'ip', src, dst: 'any' } : undefined;
  }
  const proto = tokens.shift() ?? 'ip';
  const src = parseAddr(tokens);
  if (tokens[0] === 'eq') tokens.splice(0, 2); // source port: ignored
  const dst = parseAddr(tokens);
  if (!src || !dst) return undefined;
  let dport: number | undefined;
  if (tokens[0] === 'eq' && tokens[1]) dport = PORTS[tokens[1]] ?? Number(tokens[1]);
  return { action, proto, src, dst, dport: Number.isFinite(dport) ? dport : undefined };
}

/** Linux interface name for an IOS port name (`GigabitEthernet0/1` → `gi0_1`, max 15 chars). */
export function linuxIfName(iosName: string): string {
  const full = fullIfName(iosName);
  const m = /^([A-Za-z]+?)(\d[\d/]*)(?:\.(\d+))?$/.exec(full);
  if (!m) return full.toLowerCase().replace(/[^a-z0-9]/g, '_').slice(0, 15);
  const short = { GigabitEthernet: 'gi', FastEthernet: 'fa', TenGigabitEthernet: 'te', Ethernet: 'e' }[m[1]!] ?? m[1]!.slice(0, 2).toLowerCase();
  return `${short}${m[2]!.replace(/\//g, '_')}${m[3] ? '.' + m[3] : ''}`.slice(0, 15);
}

export interface SwitchPortState {
  up: boolean;
  /** VLANs carried on the port; pvid = untagged VLAN (access VLAN or trunk native). */
  vlans: number[];
  pvid?: number;
}

/** Desired per-port forwarding state of a switch, for the ports the container actually has. */
export function switchState(cfg: IosConfig, ports: string[]): Map<string, SwitchPortState> {
  const out = new Map<string, SwitchPortState>();
  for (const name of ports) {
    const p = cfg.ports.get(fullIfName(name)) ?? { name, mode: 'access' as const, accessVlan: 1, allowed: ALL_VLANS, nativeVlan: 1, shutdown: false };
    if (p.mode === 'access') out.set(name, { up: !p.shutdown, vlans: [p.accessVlan], pvid: p.accessVlan });
    else out.set(name, { up: !p.shutdown, vlans: p.allowed, pvid: p.allowed.includes(p.nativeVlan) ? p.nativeVlan : undefined });
  }
  return out;
}

/** Compress sorted VLAN ids into `bridge vlan` ranges. */
export function ranges(vs: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const v of [...vs].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}

export type Cmd = string[];

/** Commands that move one bridge port from `prev` (undefined: unknown, reset fully) to `next`. */
export function planSwitchPort(dev: string, prev: SwitchPortState | undefined, next: SwitchPortState): Cmd[] {
  const cmds: Cmd[] = [];
  const same = prev && prev.pvid === next.pvid && prev.vlans.join(',') === next.vlans.join(',');
  if (!same) {
    cmds.push(['bridge', 'vlan', 'del', 'dev', dev, 'vid', '1-4094']);
    for (const [a, b] of ranges(next.vlans.filter((v) => v !== next.pvid)))
      cmds.push(['bridge', 'vlan', 'add', 'dev', dev, 'vid', a === b ? String(a) : `${a}-${b}`]);
    if (next.pvid !== undefined) cmds.push(['bridge', 'vlan', 'add', 'dev', dev, 'vid', String(next.pvid), 'pvid', 'untagged']);
  }
  if (!prev || prev.up !== next.up) cmds.push(['ip', 'link', 'set', 'dev', dev, next.up ? 'up' : 'down']);
  return cmds;
}

export interface RouterIfState {
  dev: string;
  parent?: string;
  vlan?: number;
  up: boolean;
  addresses: string[];
}

export interface RouterState {
  ifs: Map<string, RouterIfState>;
  routes: { prefix: string; via?: string; dev?: string }[];
  nft: string;
  /** DHCP relay: helper address → client-side interfaces (and the server-side one when known). */
  relays: { server: string; devs: string[]; up?: string }[];
}

/**
 * Desired state of a router container. `ports` maps IOS physical port names to the Linux
 * interfaces the container has; subinterfaces become 802.1Q devices on them.
 */
export function routerState(cfg: IosConfig, ports: Map<string, string>): RouterState {
  const ifs = new Map<string, RouterIfState>();
  const devOf = (ios: string): string | undefined => {
    const full = fullIfName(ios);
    const sub = /^(.*)\.(\d+)$/.exec(full);
    if (!sub) return ports.get(full);
    const parent = ports.get(sub[1]!);
    return parent ? `${parent}.${sub[2]}` : undefined;
  };
  for (const [name] of ports) {
    const i = cfg.ifs.get(name);
    // An IOS router interface without configuration is administratively down.
    ifs.set(name, { dev: ports.get(name)!, up: i ? !i.shutdown : false, addresses: i?.addresses ?? [] });
  }
  for (const i of cfg.ifs.values()) {
    if (!i.parent || !ports.has(i.parent)) continue;
    const parentShut = cfg.ifs.get(i.parent)?.shutdown ?? true;
    if (i.vlan === undefined) continue;
    if (i.native) {
      const p = ifs.get(i.parent)!;
      p.addresses = [...p.addresses, ...i.addresses];
      continue;
    }
    ifs.set(i.name, { dev: devOf(i.name)!, parent: ports.get(i.parent), vlan: i.vlan, up: !i.shutdown && !parentShut, addresses: i.addresses });
  }
  const routes = cfg.routes
    .map((r) => (r.dev ? { prefix: r.prefix, dev: devOf(r.dev) } : r))
    .filter((r) => r.via || r.dev);
  const relays = new Map<string, string[]>();
  for (const i of cfg.ifs.values()) {
    const st = ifs.get(i.name);
    if (!st) continue;
    for (const h of i.helpers) relays.set(h, [...(relays.get(h) ?? []), st.dev]);
  }
  // The relay's upstream side: the interface whose subnet holds the DHCP server (else routing decides).
  const upstream = (server: string) =>
    [...ifs.values()].find((i) => i.addresses.some((a) => inSubnet(server, a)))?.dev;
  return { ifs, routes, nft: iosNft(cfg, devOf), relays: [...relays].map(([server, devs]) => ({ server, devs, up: upstream(server) })) };
}

function nftMatch(e: AclEntry): string {
  const parts: string[] = [];
  if (e.src !== 'any') parts.push(`ip saddr ${e.src}`);
  if (e.dst !== 'any') parts.push(`ip daddr ${e.dst}`);
  if (e.proto === 'tcp' || e.proto === 'udp') parts.push(e.dport ? `${e.proto} dport ${e.dport}` : `meta l4proto ${e.proto}`);
  else if (e.proto === 'icmp') parts.push('meta l4proto icmp');
  return parts.join(' ');
}

/** nftables ruleset for the ACLs applied to interfaces and NAT overload. */
export function iosNft(cfg: IosConfig, devOf: (ios: string) => string | undefined): string {
  const fwd: string[] = [];
  const nat: string[] = [];
  const chains: string[] = [];
  for (const i of cfg.ifs.values()) {
    const dev = devOf(i.name);
    if (!dev) continue;
    for (const [dir, acl] of [['in', i.aclIn], ['out', i.aclOut]] as const) {
      if (!acl) continue;
      const entries = cfg.acls.get(acl) ?? [];
      const chain = `acl_${acl.replace(/[^A-Za-z0-9_]/g, '_')}`;
      if (!chains.some((c) => c.startsWith(`  chain ${chain} `)))
        chains.push(`  chain ${chain} {\n${entries.map((e) => `    ${nftMatch(e)} ${e.action === 'permit' ? 'return' : 'drop'}`).join('\n')}\n    drop\n  }`);
      // IOS applies an ACL to traffic entering (in) or leaving (out) the interface.
      fwd.push(`    ${dir === 'in' ? 'iifname' : 'oifname'} "${dev}" jump ${chain}`);
    }
  }
  for (const n of cfg.nat) {
    const out = devOf(n.outside);
    if (!out) continue;
    for (const e of cfg.acls.get(n.acl) ?? []) if (e.action === 'permit') nat.push(`    oifname "${out}" ${e.src === 'any' ? '' : `ip saddr ${e.src} `}masquerade`);
  }
  return [
    'table ip proeflab {',
    ...chains.map((c) => c.replace(/^  chain (\S+) \{/, (_m, n) => `  chain ${n} {`)),
    '  chain forward {',
    '    type filter hook forward priority 0; policy accept;',
    ...fwd,
    '  }',
    '  chain postrouting {',
    '    type nat hook postrouting priority 100; policy accept;',
    ...nat,
    '  }',
    '}',
  ].join('\n');
}
