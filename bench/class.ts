// The benchmark class: per pod a Catalyst-2960-like switch, an ISR-like router (both the IOS
// simulator with realistic latency) and two web servers (HTTP stand-ins with per-request latency),
// and ~30 criteria. The same criteria are written three ways: a proeflab exam, an Ansible
// playbook (ios_command + uri/wait_for + assert) and a plain sequential per-device script.

/** Latency of a show command on a Catalyst 2960 / ISR (ms). Non-show lines (terminal …) are quick. */
export const SHOW_LATENCY_MS: Record<string, number> = {
  'show running-config': 400,
  'show startup-config': 400,
  'show interfaces': 350,
  'show interfaces switchport': 300,
  'show version': 250,
  'show spanning-tree': 250,
  'show inventory': 200,
  'show vlan brief': 200,
  'show ip route': 200,
  'show ip ospf neighbor': 150,
  'show ip ssh': 150,
};
export const OTHER_SHOW_MS = 200;
export const NON_SHOW_MS = 5;
export const HANDSHAKE_MS = 2000;
export const HTTP_LATENCY_MS = 80;

export function commandLatency(line: string, scale = 1): number {
  const l = line.trim().replace(/\s+/g, ' ');
  if (!/^sh(ow)?\s/i.test(l)) return NON_SHOW_MS;
  return Math.round((SHOW_LATENCY_MS[l] ?? OTHER_SHOW_MS) * scale);
}

export interface BenchCriterion {
  id: string;
  device: 'sw1' | 'r1' | 'srv1' | 'srv2';
  /** The proeflab check (YAML object). */
  check: Record<string, unknown>;
  /** What a script/playbook does for it: the IOS commands it runs, or the HTTP request / TCP probe. */
  commands?: string[];
  http?: { path: string; status: number; contains?: string };
  tcp?: boolean;
  /** Regular expression each command's output must match (script and playbook assertions). */
  expect?: string[];
}

const sw = (id: string, check: Record<string, unknown>, commands: string[], expect: string[]): BenchCriterion => ({ id, device: 'sw1', check: { device: 'sw1', ...check }, commands, expect });
const r1 = (id: string, check: Record<string, unknown>, commands: string[], expect: string[]): BenchCriterion => ({ id, device: 'r1', check: { device: 'r1', ...check }, commands, expect });
const url = (dev: 'srv1' | 'srv2', path: string) => `http://{{devices.${dev}.host}}:{{devices.${dev}.port}}${path}`;
const web = (id: string, dev: 'srv1' | 'srv2', path: string, status: number, contains?: string): BenchCriterion => ({
  id,
  device: dev,
  check: { kind: 'http.response', url: url(dev, path), status, ...(contains ? { contains } : {}) },
  http: { path, status, contains },
});
const tcp = (id: string, dev: 'srv1' | 'srv2'): BenchCriterion => ({ id, device: dev, check: { kind: 'net.tcp', host: `{{devices.${dev}.host}}`, port: `{{devices.${dev}.port}}` }, tcp: true });

export const CRITERIA: BenchCriterion[] = [
  // switch: 11
  sw('sw-hostname', { kind: 'cisco.hostname', hostname: 'SW-{{pod.id}}' }, ['show running-config'], ['hostname SW-']),
  sw('sw-enable-secret', { kind: 'cisco.enable-secret' }, ['show running-config'], ['enable secret [589] ']),
  sw('sw-user', { kind: 'cisco.local-user', username: 'examen', privilege: 15 }, ['show running-config'], ['username examen privilege 15 secret [589] ']),
  sw('sw-vlan-gebruikers', { kind: 'cisco.vlan', vlan: 10, name: 'Gebruikers' }, ['show vlan brief'], ['10\\s+Gebruikers']),
  sw('sw-vlan-beheer', { kind: 'cisco.vlan', vlan: 99, name: 'Beheer' }, ['show vlan brief'], ['99\\s+Beheer']),
  sw('sw-poort-pc', { kind: 'cisco.switchport', interface: 'FastEthernet0/1', mode: 'access', vlan: 10 }, ['show interfaces switchport'], ['Name: Fa0/1[\\s\\S]*?Access Mode VLAN: 10 ']),
  sw('sw-trunk', { kind: 'cisco.switchport', interface: 'GigabitEthernet0/1', mode: 'trunk', allowedVlans: '10,99' }, ['show interfaces switchport'], ['Name: Gi0/1[\\s\\S]*?Trunking VLANs Enabled: 10,99']),
  sw('sw-uplink-up', { kind: 'cisco.interface', interface: 'GigabitEthernet0/1', status: 'up' }, ['show interfaces'], ['GigabitEthernet0/1 is up, line protocol is up']),
  sw('sw-ssh', { kind: 'cisco.ssh', version: 2, telnet: false }, ['show ip ssh', 'show running-config'], ['SSH Enabled - version 2.0', 'transport input ssh\\n']),
  sw('sw-stp', { kind: 'cisco.spanning-tree', mode: 'rapid-pvst' }, ['show spanning-tree'], ['rstp']),
  sw('sw-opgeslagen', { kind: 'cisco.config-saved' }, ['show running-config', 'show startup-config'], ['hostname SW-', 'hostname SW-']),
  // router: 9
  r1('r1-hostname', { kind: 'cisco.hostname', hostname: 'R-{{pod.id}}' }, ['show running-config'], ['hostname R-']),
  r1('r1-lan', { kind: 'cisco.interface', interface: 'GigabitEthernet0/0', status: 'up', ip: '192.168.10.1/24' }, ['show interfaces'], ['GigabitEthernet0/0 is up, line protocol is up[\\s\\S]*?Internet address is 192.168.10.1/24']),
  r1('r1-wan', { kind: 'cisco.interface', interface: 'GigabitEthernet0/1', status: 'up', ip: '10.0.0.1/30' }, ['show interfaces'], ['GigabitEthernet0/1 is up, line protocol is up[\\s\\S]*?Internet address is 10.0.0.1/30']),
  r1('r1-default-route', { kind: 'cisco.route', network: '0.0.0.0/0', nextHop: '10.0.0.2', protocol: 'static' }, ['show ip route'], ['S\\*\\s+0\\.0\\.0\\.0/0 \\[1/0\\] via 10\\.0\\.0\\.2']),
  r1('r1-ospf', { kind: 'cisco.ospf-neighbor', neighbor: '10.0.0.2' }, ['show ip ospf neighbor'], ['10\\.0\\.0\\.2\\s+\\d+\\s+FULL']),
  r1('r1-dhcp', { kind: 'cisco.dhcp-pool', network: '192.168.10.0/24', defaultRouter: '192.168.10.1' }, ['show running-config'], ['ip dhcp pool']),
  r1('r1-ntp', { kind: 'cisco.ntp', server: '10.0.0.2' }, ['show running-config'], ['ntp server 10\\.0\\.0\\.2']),
  r1('r1-pw-encryption', { kind: 'cisco.password-encryption' }, ['show running-config'], ['^service password-encryption']),
  r1('r1-opgeslagen', { kind: 'cisco.config-saved' }, ['show running-config', 'show startup-config'], ['hostname R-', 'hostname R-']),
  // servers: 5 each
  web('srv1-home', 'srv1', '/', 200, 'Welkom'),
  web('srv1-contact', 'srv1', '/contact', 200, 'Contact'),
  web('srv1-health', 'srv1', '/health', 200, 'ok'),
  web('srv1-admin-dicht', 'srv1', '/admin', 403),
  tcp('srv1-poort', 'srv1'),
  web('srv2-home', 'srv2', '/', 200, 'Intranet'),
  web('srv2-login', 'srv2', '/login', 200, 'Inloggen'),
  web('srv2-health', 'srv2', '/health', 200, 'ok'),
  web('srv2-geen-listing', 'srv2', '/files/', 403),
  tcp('srv2-poort', 'srv2'),
];

export function examYaml(opts: { networkOnly?: boolean } = {}): string {
  const list = opts.networkOnly ? CRITERIA.filter((c) => c.device === 'sw1' || c.device === 'r1') : CRITERIA;
  const lines = [
    'id: bench-klas',
    'version: 1.0.0',
    'title: { nl: "Benchmark klas: switch, router en twee servers", en: "Benchmark class" }',
    'dossier: ict-en-mediabeheer',
    'werkprocessen: [B1-K3-W2]',
    `roles: { sw1: cisco-ios, r1: cisco-ios${opts.networkOnly ? '' : ', srv1: net, srv2: net'} }`,
    'criteria:',
  ];
  for (const c of list) {
    lines.push(`  - id: ${c.id}`, `    title: ${JSON.stringify(c.id)}`, '    points: 1', `    check: ${JSON.stringify(c.check)}`);
  }
  lines.push(`scoring: { method: points, cesuur: ${Math.ceil(list.length * 0.6)} }`);
  return lines.join('\n') + '\n';
}

export function switchConfig(pod: string, pw: string, secret: string): string {
  const access = Array.from({ length: 8 }, (_, i) => [`interface FastEthernet0/${i + 1}`, ' switchport mode access', ' switchport access vlan 10']).flat();
  return [
    `hostname SW-${pod}`,
    `enable secret ${secret}`,
    `username examen privilege 15 secret ${pw}`,
    'ip domain-name klas.lab',
    'ip ssh version 2',
    'spanning-tree mode rapid-pvst',
    'vlan 10',
    ' name Gebruikers',
    'vlan 99',
    ' name Beheer',
    ...access,
    'interface GigabitEthernet0/1',
    ' switchport mode trunk',
    ' switchport trunk allowed vlan 10,99',
    'interface Vlan99',
    ' ip address 192.168.99.2 255.255.255.0',
    'ip default-gateway 192.168.99.1',
    'line vty 0 4',
    ' login local',
    ' transport input ssh',
    'line vty 5 15',
    ' login local',
    ' transport input ssh',
    'end',
  ].join('\n');
}

export function routerConfig(pod: string, pw: string, secret: string): string {
  return [
    `hostname R-${pod}`,
    'service password-encryption',
    `enable secret ${secret}`,
    `username examen privilege 15 secret ${pw}`,
    'ip domain-name klas.lab',
    'ip ssh version 2',
    'interface GigabitEthernet0/0',
    ' ip address 192.168.10.1 255.255.255.0',
    ' no shutdown',
    'interface GigabitEthernet0/1',
    ' ip address 10.0.0.1 255.255.255.252',
    ' no shutdown',
    'router ospf 1',
    ' network 10.0.0.0 0.0.0.3 area 0',
    ' network 192.168.10.0 0.0.0.255 area 0',
    'ip route 0.0.0.0 0.0.0.0 10.0.0.2',
    'ip dhcp pool LAN',
    ' network 192.168.10.0 255.255.255.0',
    ' default-router 192.168.10.1',
    'ntp server 10.0.0.2',
    'line vty 0 4',
    ' login local',
    ' transport input ssh',
    'end',
  ].join('\n');
}

/** Distinct commands a device's criteria request (what the floor counts). */
export function distinctCommands(device: 'sw1' | 'r1'): string[] {
  return [...new Set(CRITERIA.filter((c) => c.device === device).flatMap((c) => c.commands ?? []))];
}
