// The network part of the demo: per candidate a simulated Cisco access switch, a simulated
// MikroTik router and the switch's SNMP agent, configured the way the candidate left them.
import { randomBytes } from 'node:crypto';
import { runCli, startRouterosSim } from '../../sims/routeros/index.js';
import { startIosSim } from '../../sims/cisco-ios/index.js';
import { startSnmpAgent } from '../../sims/snmp/agent.js';
import { applyConfig } from '../../drivers/cisco-ios/index.js';
import type { VarValue, Subnet } from '../core/vars.js';

export interface NetworkPod {
  devices: Record<string, Record<string, unknown>>;
  secrets: Record<string, string>;
  close(): Promise<void>;
}

/** The switch configuration a candidate who did everything right leaves behind. */
function switchConfig(v: Record<string, VarValue>, id: string, right: boolean, user: string, password: string, secret: string): string {
  const users = Number(v.vlan_users);
  const beheer = Number(v.vlan_beheer);
  const access = Array.from({ length: 12 }, (_, i) => [`interface FastEthernet0/${i + 1}`, ' switchport mode access', ` switchport access vlan ${right ? users : 1}`]).flat();
  return [
    `hostname ${right ? `SW-${id}` : 'Switch'}`,
    `enable secret ${secret}`,
    `username ${user} privilege 15 secret ${password}`,
    right ? `username beheer privilege 15 secret ${randomBytes(6).toString('hex')}` : `username beheer privilege 15 password ${randomBytes(6).toString('hex')}`,
    'ip domain-name kantoor.lab',
    'ip ssh version 2',
    `vlan ${users}`,
    ` name ${right ? 'Gebruikers' : 'VLAN_GEBRUIKERS'}`,
    `vlan ${beheer}`,
    ' name Beheer',
    ...access,
    'interface GigabitEthernet0/1',
    ' switchport mode trunk',
    ...(right ? [` switchport trunk allowed vlan ${users},${beheer}`] : []),
    'line vty 0 4',
    ' login local',
    ` transport input ${right ? 'ssh' : 'ssh telnet'}`,
    'line vty 5 15',
    ' login local',
    ` transport input ${right ? 'ssh' : 'ssh telnet'}`,
    'end',
  ].join('\n');
}

/** RouterOS commands the candidate typed. */
function routerCommands(v: Record<string, VarValue>, id: string, right: boolean): string[] {
  const users = Number(v.vlan_users);
  const net = v.net_users as Subnet;
  const gw = right ? net.first : net.last;
  const pool = `${net.network.replace(/\.0$/, '.100')}-${net.network.replace(/\.0$/, '.200')}`;
  return [
    `/system identity set name=${right ? `MT-${id}` : 'MikroTik'}`,
    '/interface bridge add name=bridge vlan-filtering=yes',
    '/interface bridge port add bridge=bridge interface=ether2',
    `/interface vlan add name=vlan${users} vlan-id=${users} interface=bridge`,
    `/ip address add address=${gw}/${net.prefix} interface=vlan${users}`,
    `/ip pool add name=gebruikers ranges=${pool}`,
    `/ip dhcp-server add name=dhcp-gebruikers interface=vlan${users} address-pool=gebruikers disabled=no`,
    `/ip dhcp-server network add address=${net.cidr} gateway=${gw} dns-server=${right ? gw : '8.8.8.8'}`,
    ...(right ? ['/ip firewall nat add chain=srcnat out-interface=ether1 action=masquerade'] : []),
    `/ip service set telnet disabled=${right ? 'yes' : 'no'}`,
    '/ip service set ftp disabled=yes',
    `/ip service set www disabled=${right ? 'yes' : 'no'}`,
  ];
}

export async function startNetworkPod(v: Record<string, VarValue>, candidateId: string, right: boolean, index: number): Promise<NetworkPod> {
  const user = 'examen';
  const password = randomBytes(9).toString('base64url');
  const secret = randomBytes(9).toString('base64url');
  const sw = await startIosSim({
    role: 'switch',
    startupConfig: switchConfig(v, candidateId, right, user, password, secret),
    user,
    password,
    secret,
    seed: `demo-sw-${index}`,
    telnetPort: false,
  });
  const swDevice = { role: 'sw1', platform: 'cisco-ios', host: sw.host, port: sw.port, transport: 'ssh', username: user, password, secret, options: {}, secrets: [password, secret], timeoutMs: 10_000 };
  if (!right) {
    // The candidate changed the running configuration afterwards and never saved it.
    await applyConfig(swDevice, ['interface FastEthernet0/24', ' description printer']);
  }
  const mt = await startRouterosSim({ user, password, serial: `HD${index}08A1B2C3`, model: 'RB750Gr3' });
  for (const cmd of routerCommands(v, candidateId, right)) {
    const r = runCli(mt.state, cmd);
    if (/failure|bad command|syntax error|expected/i.test(r.output)) throw new Error(`demo router config '${cmd}': ${r.output.trim()}`);
  }
  const community = right ? `ro-${randomBytes(4).toString('hex')}` : 'public';
  const agent = await startSnmpAgent({
    community,
    sysDescr: 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11, RELEASE SOFTWARE (fc3)',
    sysName: right ? `SW-${candidateId}` : 'Switch',
    sysLocation: right ? 'Patchkast kantoor' : '',
    sysContact: right ? 'beheer@kantoor.lab' : '',
    interfaces: [
      { name: 'Fa0/1', descr: 'FastEthernet0/1', up: true, speedMbps: 100 },
      { name: 'Gi0/1', descr: 'GigabitEthernet0/1', up: true },
    ],
    chassis: { model: 'WS-C2960-24TT-L', serial: sw.state.serial ?? `FOC${index}`, softwareRev: '15.0(2)SE11' },
  });
  return {
    devices: {
      sw1: { platform: 'cisco-ios', host: sw.host, port: sw.port, transport: 'ssh', credentials: `pod${index}-sw`, host_key: sw.hostKeyFingerprint },
      mt1: { platform: 'routeros', host: mt.host, port: mt.apiPort, transport: 'api', credentials: `pod${index}-mt` },
      sw1snmp: { platform: 'snmp', host: agent.host, port: agent.port, credentials: `pod${index}-snmp`, timeout: 2, options: { version: '2c', retries: 0, timeout: 1 } },
    },
    secrets: {
      [`pod${index}-password`]: password,
      [`pod${index}-enable`]: secret,
      [`pod${index}-community`]: community,
    },
    close: async () => {
      await Promise.all([sw.close(), mt.close(), agent.close()]);
    },
  };
}
