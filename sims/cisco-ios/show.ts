// Show-command output of the simulated device, in the formats real IOS prints (Catalyst 2960 /
// ISR 1941, IOS 15). Every renderer reads the one state model.
import { compressVlanList } from './grammar.js';
import { iosTime, renderConfig } from './config.js';
import { linkState, maskToPrefix, networkOf, ipToInt, portCarries, shortIf, sortedIfaces, type Iface, type IosState } from './model.js';

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);

function uptime(s: IosState): string {
  const mins = Math.floor((Date.now() - s.bootTime) / 60000);
  const d = Math.floor(mins / 1440);
  const h = Math.floor((mins % 1440) / 60);
  const m = mins % 60;
  const parts = [];
  if (d) parts.push(`${d} day${d === 1 ? '' : 's'}`);
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export function showVersion(s: IosState): string {
  const sw = s.role === 'switch';
  const nFa = [...s.interfaces.keys()].filter((n) => /^FastEthernet\d+\/\d+$/.test(n)).length;
  const nGi = [...s.interfaces.keys()].filter((n) => /^GigabitEthernet\d+\/\d+$/.test(n)).length;
  const nSe = [...s.interfaces.keys()].filter((n) => /^Serial/.test(n)).length;
  const lines = [
    sw
      ? `Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version ${s.version}, RELEASE SOFTWARE (fc2)`
      : `Cisco IOS Software, C1900 Software (C1900-UNIVERSALK9-M), Version ${s.version}, RELEASE SOFTWARE (fc1)`,
    'Technical Support: http://www.cisco.com/techsupport',
    sw ? 'Copyright (c) 1986-2016 by Cisco Systems, Inc.' : 'Copyright (c) 1986-2012 by Cisco Systems, Inc.',
    sw ? 'Compiled Fri 06-May-16 15:07 by prod_rel_team' : 'Compiled Thu 26-Jul-12 20:54 by prod_rel_team',
    '',
    sw ? 'ROM: Bootstrap program is C2960 boot loader' : 'ROM: System Bootstrap, Version 15.0(1r)M15, RELEASE SOFTWARE (fc1)',
    ...(sw ? ['BOOTLDR: C2960 Boot Loader (C2960-HBOOT-M) Version 12.2(53r)SEY3, RELEASE SOFTWARE (fc1)'] : []),
    '',
    `${s.hostname} uptime is ${uptime(s)}`,
    'System returned to ROM by power-on',
    ...(sw ? [] : [`System restarted at ${iosTime(new Date(s.bootTime))}`]),
    `System image file is "${s.image}"`,
    ...(sw ? [] : ['Last reload type: Normal Reload']),
    '',
    '',
    'This product contains cryptographic features and is subject to United',
    'States and local country laws governing import, export, transfer and',
    'use. Delivery of Cisco cryptographic products does not imply',
    'third-party authority to import, export, distribute or use encryption.',
    'Importers, exporters, distributors and users are responsible for',
    'compliance with U.S. and local country laws. By using this product you',
    'agree to comply with applicable laws and regulations. If you are unable',
    'to comply with U.S. and local laws, return this product immediately.',
    '',
    'A summary of U.S. laws governing Cisco cryptographic products may be found at:',
    'http://www.cisco.com/wwl/export/crypto/tool/stqrg.html',
    '',
    'If you require further assistance please contact us by sending email to',
    'export@cisco.com.',
    '',
  ];
  if (sw) {
    lines.push(
      `cisco ${s.model} (PowerPC405) processor (revision B0) with 65536K bytes of memory.`,
      `Processor board ID ${s.serial}`,
      'Last reset from power-on',
      `${[...s.interfaces.keys()].filter((n) => n.startsWith('Vlan')).length} Virtual Ethernet interface`,
      `${nFa} FastEthernet interfaces`,
      `${nGi} Gigabit Ethernet interfaces`,
      'The password-recovery mechanism is enabled.',
      '',
      '64K bytes of flash-simulated non-volatile configuration memory.',
      `Base ethernet MAC Address       : ${macColons(s.baseMac)}`,
      'Motherboard assembly number     : 73-10390-03',
      'Power supply part number        : 341-0097-02',
      'Motherboard serial number       : FOC11295MCC',
      'Power supply serial number      : AZS1117035J',
      'Model revision number           : B0',
      'Motherboard revision number     : B0',
      `Model number                    : ${s.model}`,
      `System serial number            : ${s.serial}`,
      'Top Assembly Part Number        : 800-27221-02',
      'Top Assembly Revision Number    : A0',
      'Version ID                      : V02',
      'CLEI Code Number                : COM3L00BRA',
      'Hardware Board Revision Number  : 0x01',
      '',
      '',
      'Switch Ports Model              SW Version            SW Image',
      '------ ----- -----              ----------            ----------',
      `*    1 ${pad(nFa + nGi, 5)} ${pad(s.model, 18)} ${pad(s.version, 21)} C2960-LANBASEK9-M`,
      '',
      '',
      'Configuration register is 0xF',
    );
  } else {
    lines.push(
      `Cisco ${s.model} (revision 1.0) with 491520K/32768K bytes of memory.`,
      `Processor board ID ${s.serial}`,
      `${nGi} Gigabit Ethernet interfaces`,
      `${nSe} Serial(sync/async) interfaces`,
      '1 terminal line',
      'DRAM configuration is 64 bits wide with parity disabled.',
      '255K bytes of non-volatile configuration memory.',
      '250880K bytes of ATA System CompactFlash 0 (Read/Write)',
      '',
      '',
      'License Info:',
      '',
      'License UDI:',
      '',
      '-------------------------------------------------',
      'Device#   PID                   SN',
      '-------------------------------------------------',
      `*0        ${pad(s.model, 22)}${s.serial}`,
      '',
      '',
      '',
      'Technology Package License Information for Module:\'c1900\'',
      '',
      '-----------------------------------------------------------------',
      'Technology    Technology-package           Technology-package',
      '              Current       Type           Next reboot',
      '------------------------------------------------------------------',
      'ipbase        ipbasek9      Permanent      ipbasek9',
      'security      None          None           None',
      'data          None          None           None',
      '',
      'Configuration register is 0x2102',
    );
  }
  return lines.join('\n') + '\n';
}

function macColons(dotted: string): string {
  const h = dotted.replace(/\./g, '').toUpperCase();
  return h.match(/../g)!.join(':');
}

export function showInventory(s: IosState): string {
  if (s.role === 'switch')
    return `NAME: "1", DESCR: "WS-C2960-24TT-L"\nPID: ${s.model}    , VID: V02  , SN: ${s.serial}\n\n`;
  return [
    `NAME: "CISCO1941/K9 chassis", DESCR: "CISCO1941/K9 chassis"`,
    `PID: ${s.model}      , VID: V05 , SN: ${s.serial}`,
    '',
    `NAME: "C1941 Mother board 2GE, integrated VPN and 2W on Slot 0", DESCR: "C1941 Mother board 2GE, integrated VPN and 2W"`,
    `PID: CISCO1941/K9      , VID: V05 , SN: FOC${s.serial.slice(3)}`,
    '',
    `NAME: "HWIC-2T - Serial Interface Card on Slot 0 SubSlot 0", DESCR: "2-Port Serial WAN Interface Card"`,
    'PID: HWIC-2T           , VID: V01 , SN: FOC15424Q7R',
    '',
    '',
  ].join('\n');
}

// ---- VLANs ---------------------------------------------------------------------------------

function vlanPorts(s: IosState, vid: number): string[] {
  return sortedIfaces(s)
    .filter((i) => i.switchport && i.mode !== 'trunk' && i.accessVlan === vid && !i.channelGroup && /Ethernet/.test(i.name))
    .map((i) => shortIf(i.name));
}

function wrapPorts(ports: string[], head: string, width = 80): string[] {
  const out: string[] = [];
  let cur = head;
  let n = 0;
  for (const p of ports) {
    if (n && cur.length + 2 + p.length > width) {
      out.push(cur);
      cur = ' '.repeat(head.length) + p;
      n = 1;
      continue;
    }
    cur += (n ? ', ' : '') + p;
    n++;
  }
  out.push(cur);
  return out;
}

export function showVlanBrief(s: IosState): string {
  const o = ['', 'VLAN Name                             Status    Ports', '---- -------------------------------- --------- -------------------------------'];
  for (const [id, v] of [...s.vlans].sort((a, b) => a[0] - b[0])) {
    const status = id >= 1002 ? 'act/unsup' : v.shutdown ? 'act/lshut' : 'active';
    o.push(...wrapPorts(vlanPorts(s, id), `${pad(id, 4)} ${pad(v.name, 32)} ${pad(status, 9)} `));
  }
  return o.join('\n') + '\n';
}

export function showVlan(s: IosState): string {
  const brief = showVlanBrief(s).replace(/\n$/, '').split('\n');
  const o = [...brief, '', 'VLAN Type  SAID       MTU   Parent RingNo BridgeNo Stp  BrdgMode Trans1 Trans2', '---- ----- ---------- ----- ------ ------ -------- ---- -------- ------ ------'];
  for (const [id] of [...s.vlans].sort((a, b) => a[0] - b[0])) {
    const type = id === 1002 || id === 1004 ? 'fddi ' : id === 1003 ? 'tr   ' : id === 1005 ? 'trnet' : 'enet ';
    o.push(`${pad(id, 4)} ${type} ${pad(100000 + id, 10)} 1500  -      -      -        ${id === 1005 ? 'ibm ' : '-   '} -        0      0   `.replace(/\s+$/, ''));
  }
  o.push('', 'Remote SPAN VLANs', '------------------------------------------------------------------------------', '', '', 'Primary Secondary Type              Ports', '------- --------- ----------------- ------------------------------------------');
  return o.join('\n') + '\n';
}

// ---- interfaces ----------------------------------------------------------------------------

function isPhysical(n: string) {
  return /^(Fast|Gigabit|TenGigabit)?Ethernet\d+\/\d+$/.test(n) || /^Serial/.test(n);
}

export function showInterfacesStatus(s: IosState): string {
  const o = ['', 'Port      Name               Status       Vlan       Duplex  Speed Type'];
  for (const i of sortedIfaces(s)) {
    if (!/^(Fast|Gigabit)Ethernet\d+\/\d+$/.test(i.name) && !i.name.startsWith('Port-channel')) continue;
    const st = linkState(s, i);
    const status = i.shutdown ? 'disabled' : st.protocol === 'up' ? 'connected' : 'notconnect';
    const vlan = i.channelGroup ? 'trunk' : i.mode === 'trunk' ? 'trunk' : i.switchport ? String(i.accessVlan) : 'routed';
    const up = st.protocol === 'up';
    const gig = i.name.startsWith('Gigabit');
    const duplex = i.duplex ?? (up ? 'a-full' : 'auto');
    const speed = i.speed ?? (up ? (gig ? 'a-1000' : 'a-100') : 'auto');
    const type = i.name.startsWith('Port-channel') ? '' : gig ? '10/100/1000BaseTX' : '10/100BaseTX';
    o.push(`${pad(shortIf(i.name), 9)} ${pad((i.description ?? '').slice(0, 18), 18)} ${pad(status, 12)} ${pad(vlan, 10)} ${lpad(duplex, 6)} ${lpad(speed, 6)} ${type}`.replace(/\s+$/, ''));
  }
  return o.join('\n') + '\n';
}

export function showIpInterfaceBrief(s: IosState): string {
  const o = ['Interface              IP-Address      OK? Method Status                Protocol'];
  for (const i of sortedIfaces(s)) {
    const st = linkState(s, i);
    const a = i.addresses.find((x) => !x.secondary);
    const ip = i.switchport ? 'unassigned' : a ? a.ip : 'unassigned';
    const method = a ? (i.lastMethod ?? 'manual') : i.dhcpClient ? 'DHCP' : 'unset';
    o.push(`${pad(i.name, 22)} ${pad(ip, 15)} YES ${pad(method, 6)} ${pad(st.status, 21)} ${st.protocol}`);
  }
  return o.join('\n') + '\n';
}

declare module './model.js' {
  interface Iface {
    lastMethod?: string;
  }
}

function bw(i: Iface): number {
  if (i.name.startsWith('Serial')) return 1544;
  if (i.name.startsWith('Loopback')) return 8000000;
  if (i.name.startsWith('Vlan')) return 1000000;
  if (i.name.startsWith('Fast')) return 100000;
  return 1000000;
}

export function showInterfaces(s: IosState, only?: string): string {
  const o: string[] = [];
  for (const i of sortedIfaces(s)) {
    if (only && i.name !== only) continue;
    const st = linkState(s, i);
    const hw = i.name.startsWith('Serial')
      ? 'Hardware is WIC MBRD Serial'
      : i.name.startsWith('Loopback')
        ? 'Hardware is Loopback'
        : i.name.startsWith('Vlan')
          ? `Hardware is EtherSVI, address is ${i.mac} (bia ${i.mac})`
          : i.name.startsWith('Gigabit') && s.role === 'router'
            ? `Hardware is CN Gigabit Ethernet, address is ${i.mac} (bia ${i.mac})`
            : i.name.startsWith('Gigabit')
              ? `Hardware is Gigabit Ethernet, address is ${i.mac} (bia ${i.mac})`
              : `Hardware is Fast Ethernet, address is ${i.mac} (bia ${i.mac})`;
    o.push(`${i.name} is ${st.status}, line protocol is ${st.protocol}${st.protocol === 'down' && isPhysical(i.name) && !i.shutdown && s.role === 'switch' ? ' (notconnect)' : ''}`);
    o.push(`  ${hw}`);
    if (i.description) o.push(`  Description: ${i.description}`);
    const a = i.addresses.find((x) => !x.secondary);
    if (a) o.push(`  Internet address is ${a.ip}/${maskToPrefix(a.mask)}`);
    const b = bw(i);
    o.push(`  MTU ${i.name.startsWith('Loopback') ? 1514 : 1500} bytes, BW ${b} Kbit/sec, DLY ${i.name.startsWith('Fast') ? 100 : i.name.startsWith('Loopback') ? 5000 : 10} usec, `);
    o.push('     reliability 255/255, txload 1/255, rxload 1/255');
    if (i.encapsulation) o.push(`  Encapsulation 802.1Q Virtual LAN, Vlan ID  ${i.encapsulation.vlan}.`);
    else o.push(`  Encapsulation ${i.name.startsWith('Serial') ? 'HDLC' : i.name.startsWith('Loopback') ? 'LOOPBACK' : 'ARPA'}, loopback not set`);
    if (isPhysical(i.name) && !i.name.startsWith('Serial')) {
      o.push('  Keepalive set (10 sec)');
      const up = st.protocol === 'up';
      const sp = i.name.startsWith('Fast') ? '100Mb/s' : '1000Mb/s';
      o.push(`  ${up ? 'Full-duplex' : 'Auto-duplex'}, ${up ? sp : 'Auto-speed'}, media type is 10/100${i.name.startsWith('Fast') ? '' : '/1000'}BaseTX`);
      o.push('  input flow-control is off, output flow-control is unsupported ');
    }
    o.push('  ARP type: ARPA, ARP Timeout 04:00:00');
    o.push('  Last input never, output never, output hang never');
    o.push('  Last clearing of "show interface" counters never');
    o.push('  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0');
    o.push('  Queueing strategy: fifo');
    o.push('  Output queue: 0/40 (size/max)');
    o.push('  5 minute input rate 0 bits/sec, 0 packets/sec');
    o.push('  5 minute output rate 0 bits/sec, 0 packets/sec');
    o.push('     0 packets input, 0 bytes, 0 no buffer');
    o.push('     Received 0 broadcasts (0 multicasts)');
    o.push('     0 runts, 0 giants, 0 throttles ');
    o.push('     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored');
    o.push('     0 watchdog, 0 multicast, 0 pause input');
    o.push('     0 input packets with dribble condition detected');
    o.push('     0 packets output, 0 bytes, 0 underruns');
    o.push('     0 output errors, 0 collisions, 1 interface resets');
    o.push('     0 unknown protocol drops');
    o.push('     0 babbles, 0 late collision, 0 deferred');
    o.push('     0 lost carrier, 0 no carrier, 0 pause output');
    o.push('     0 output buffer failures, 0 output buffers swapped out');
  }
  return o.join('\n') + '\n';
}

function trunkOper(s: IosState, i: Iface): boolean {
  return i.mode === 'trunk' && linkState(s, i).protocol === 'up';
}

export function showInterfacesTrunk(s: IosState): string {
  const trunks = sortedIfaces(s).filter((i) => i.switchport && !i.channelGroup && trunkOper(s, i));
  if (!trunks.length) return '\n';
  const o = ['', 'Port        Mode             Encapsulation  Status        Native vlan'];
  for (const t of trunks) o.push(`${pad(shortIf(t.name), 11)} ${pad('on', 16)} ${pad('802.1q', 14)} ${pad('trunking', 13)} ${t.nativeVlan}`);
  o.push('', 'Port        Vlans allowed on trunk');
  for (const t of trunks) o.push(`${pad(shortIf(t.name), 11)} ${t.allowed ? compressVlanList(t.allowed) || 'none' : '1-4094'}`);
  o.push('', 'Port        Vlans allowed and active in management domain');
  const active = (t: Iface) => compressVlanList([...s.vlans.keys()].filter((v) => v < 1002 && (!t.allowed || t.allowed.includes(v)))) || 'none';
  for (const t of trunks) o.push(`${pad(shortIf(t.name), 11)} ${active(t)}`);
  o.push('', 'Port        Vlans in spanning tree forwarding state and not pruned');
  for (const t of trunks) o.push(`${pad(shortIf(t.name), 11)} ${active(t)}`);
  return o.join('\n') + '\n';
}

export function showInterfacesSwitchport(s: IosState, only?: string): string {
  const o: string[] = [];
  for (const i of sortedIfaces(s)) {
    if (!i.switchport || (only && i.name !== only)) continue;
    const vname = (v: number) => `${v} (${s.vlans.get(v)?.name ?? 'Inactive'})`;
    const admin = i.mode ?? 'dynamic auto';
    const oper = linkState(s, i).protocol !== 'up' ? 'down' : i.mode === 'trunk' ? 'trunk' : 'static access';
    o.push(
      `Name: ${shortIf(i.name)}`,
      'Switchport: Enabled',
      `Administrative Mode: ${admin === 'access' ? 'static access' : admin}`,
      `Operational Mode: ${oper}`,
      `Administrative Trunking Encapsulation: dot1q`,
      `Operational Trunking Encapsulation: ${oper === 'trunk' ? 'dot1q' : 'native'}`,
      `Negotiation of Trunking: ${i.nonegotiate || i.mode === 'access' ? 'Off' : 'On'}`,
      `Access Mode VLAN: ${vname(i.accessVlan)}`,
      `Trunking Native Mode VLAN: ${vname(i.nativeVlan)}`,
      'Administrative Native VLAN tagging: enabled',
      `Voice VLAN: ${i.voiceVlan ?? 'none'}`,
      'Administrative private-vlan host-association: none ',
      'Administrative private-vlan mapping: none ',
      'Administrative private-vlan trunk native VLAN: none',
      'Administrative private-vlan trunk Native VLAN tagging: enabled',
      'Administrative private-vlan trunk encapsulation: dot1q',
      'Administrative private-vlan trunk normal VLANs: none',
      'Administrative private-vlan trunk associations: none',
      'Administrative private-vlan trunk mappings: none',
      'Operational private-vlan: none',
      `Trunking VLANs Enabled: ${i.allowed ? compressVlanList(i.allowed) || 'NONE' : 'ALL'}`,
      'Pruning VLANs Enabled: 2-1001',
      'Capture Mode Disabled',
      'Capture VLANs Allowed: ALL',
      '',
      'Protected: false',
      'Unknown unicast blocked: disabled',
      'Unknown multicast blocked: disabled',
      'Appliance trust: none',
      '',
    );
  }
  return o.join('\n') + '\n';
}

// ---- neighbours ----------------------------------------------------------------------------

export function showCdpNeighbors(s: IosState, detail: boolean): string {
  if (!s.cdpRun) return '% CDP is not enabled\n';
  const ns = s.neighbors.filter((n) => s.interfaces.has(n.localIf) && !s.interfaces.get(n.localIf)!.shutdown && (!n.protocols || n.protocols.includes('cdp')));
  if (detail) {
    const o: string[] = [];
    for (const n of ns) {
      o.push(
        '-------------------------',
        `Device ID: ${n.deviceId}`,
        'Entry address(es): ',
        ...(n.ip ? [`  IP address: ${n.ip}`] : []),
        `Platform: ${n.platform ?? 'cisco WS-C2960-24TT-L'},  Capabilities: ${n.capability === 'R' ? 'Router Source-Route-Bridge' : 'Switch IGMP'} `,
        `Interface: ${n.localIf},  Port ID (outgoing port): ${n.remoteIf}`,
        `Holdtime : ${n.holdtime ?? 163} sec`,
        '',
        'Version :',
        n.version ?? 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11, RELEASE SOFTWARE (fc2)',
        'Technical Support: http://www.cisco.com/techsupport',
        'Copyright (c) 1986-2016 by Cisco Systems, Inc.',
        'Compiled Fri 06-May-16 15:07 by prod_rel_team',
        '',
        'advertisement version: 2',
        "VTP Management Domain: ''",
        'Native VLAN: 1',
        'Duplex: full',
        'Management address(es): ',
        ...(n.ip ? [`  IP address: ${n.ip}`] : []),
        '',
      );
    }
    o.push('', `Total cdp entries displayed : ${ns.length}`);
    return o.join('\n') + '\n';
  }
  const o = [
    'Capability Codes: R - Router, T - Trans Bridge, B - Source Route Bridge',
    '                  S - Switch, H - Host, I - IGMP, r - Repeater, P - Phone, ',
    '                  D - Remote, C - CVTA, M - Two-port Mac Relay ',
    '',
    'Device ID        Local Intrfce     Holdtme    Capability  Platform  Port ID',
  ];
  for (const n of ns) {
    const cap = n.capability === 'R' ? 'R B S I' : 'S I';
    const plat = (n.platform ?? 'WS-C2960-').replace(/^cisco /i, '').slice(0, 9);
    const local = shortIf(n.localIf).replace(/^([A-Za-z]+)/, (m) => ({ Fa: 'Fas', Gi: 'Gig', Se: 'Ser', Te: 'Ten' })[m] ?? m).replace(/^([A-Za-z]+)/, '$1 ');
    // a port name IOS does not know (a MikroTik's `ether1`) is printed as announced
    const remote = shortIf(n.remoteIf) === n.remoteIf ? n.remoteIf : shortIf(n.remoteIf).replace(/^([A-Za-z]+)/, (m) => ({ Fa: 'Fas', Gi: 'Gig', Se: 'Ser', Te: 'Ten' })[m] ?? m).replace(/^([A-Za-z]+)/, '$1 ');
    const id = n.deviceId.length > 16 ? [n.deviceId, ' '.repeat(16)] : [pad(n.deviceId, 16)];
    if (id.length === 2) o.push(id[0]);
    o.push(`${id[id.length - 1]} ${pad(local, 17)} ${lpad(n.holdtime ?? 163, 6)}     ${pad(cap, 11)} ${pad(plat, 9)} ${remote}`);
  }
  o.push('', `Total cdp entries displayed : ${ns.length}`);
  return o.join('\n') + '\n';
}

export function showLldpNeighbors(s: IosState, detail: boolean): string {
  if (!s.lldpRun) return '% LLDP is not enabled\n';
  const ns = s.neighbors.filter((n) => !n.protocols || n.protocols.includes('lldp'));
  if (detail) {
    const o: string[] = [];
    for (const n of ns) {
      o.push(
        '------------------------------------------------',
        `Local Intf: ${shortIf(n.localIf)}`,
        `Chassis id: ${s.baseMac}`,
        `Port id: ${shortIf(n.remoteIf)}`,
        `Port Description: ${n.remoteIf}`,
        `System Name: ${n.deviceId}`,
        '',
        'System Description: ',
        n.version ?? 'Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11, RELEASE SOFTWARE (fc2)',
        '',
        'Time remaining: 98 seconds',
        `System Capabilities: ${n.capability === 'R' ? 'B,R' : 'B'}`,
        `Enabled Capabilities: ${n.capability === 'R' ? 'R' : 'B'}`,
        'Management Addresses:',
        ...(n.ip ? [`    IP: ${n.ip}`] : ['    not advertised']),
        'Auto Negotiation - supported, enabled',
        'Physical media capabilities:',
        '    100base-TX(FD)',
        'Media Attachment Unit type: 16',
        'Vlan ID: 1',
        '',
      );
    }
    o.push('', `Total entries displayed: ${ns.length}`);
    return o.join('\n') + '\n';
  }
  const o = [
    'Capability codes:',
    '    (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device',
    '    (W) WLAN Access Point, (P) Repeater, (S) Station, (O) Other',
    '',
    'Device ID           Local Intf     Hold-time  Capability      Port ID',
  ];
  for (const n of ns) o.push(`${pad(n.deviceId.slice(0, 20), 20)}${pad(shortIf(n.localIf), 15)}${pad(120, 11)}${pad(n.capability === 'R' ? 'R' : 'B', 16)}${shortIf(n.remoteIf)}`);
  o.push('', `Total entries displayed: ${ns.length}`);
  return o.join('\n') + '\n';
}

// ---- routing -------------------------------------------------------------------------------

export function showIpRoute(s: IosState): string {
  const o = [
    'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
    '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ',
    '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
    '       E1 - OSPF external type 1, E2 - OSPF external type 2',
    '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
    '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
    '       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP',
    '       + - replicated route, % - next hop override',
    '',
  ];
  if (!s.ipRouting) {
    if (s.defaultGateway) return `Default gateway is ${s.defaultGateway}\n\nHost               Gateway           Last Use    Total Uses  Interface\nICMP redirect cache is empty\n`;
    return 'Default gateway is not set\n\nHost               Gateway           Last Use    Total Uses  Interface\nICMP redirect cache is empty\n';
  }
  const routes: { net: string; len: number; line: string[] }[] = [];
  for (const i of sortedIfaces(s)) {
    if (linkState(s, i).protocol !== 'up') continue;
    for (const a of i.addresses) {
      const len = maskToPrefix(a.mask);
      routes.push({ net: networkOf(a.ip, a.mask), len, line: [`C        ${networkOf(a.ip, a.mask)}/${len} is directly connected, ${i.name}`] });
      if (len < 32) routes.push({ net: a.ip, len: 32, line: [`L        ${a.ip}/32 is directly connected, ${i.name}`] });
    }
  }
  const def = s.routes.find((r) => r.prefix === '0.0.0.0' && r.mask === '0.0.0.0');
  o.push(def ? `Gateway of last resort is ${/^\d/.test(def.via) ? def.via : '0.0.0.0'} to network 0.0.0.0` : 'Gateway of last resort is not set', '');
  for (const r of s.routes) {
    const len = maskToPrefix(r.mask);
    const code = len === 0 ? 'S*' : 'S ';
    const via = /^\d/.test(r.via) ? `[${r.ad ?? 1}/0] via ${r.via}` : `is directly connected, ${r.via}`;
    routes.push({ net: r.prefix, len, line: [`${code}       ${r.prefix}/${len} ${via}`] });
  }
  routes.sort((a, b) => ipToInt(a.net) - ipToInt(b.net) || a.len - b.len);
  // Group by classful network like IOS ("10.0.0.0/8 is variably subnetted").
  const seen = new Set<string>();
  for (const r of routes) {
    const first = Number(r.net.split('.')[0]);
    const classLen = first < 128 ? 8 : first < 192 ? 16 : 24;
    const major = networkOf(r.net, ['255.0.0.0', '255.255.0.0', '255.255.255.0'][[8, 16, 24].indexOf(classLen)]);
    if (r.len > classLen && !seen.has(major)) {
      seen.add(major);
      const subs = routes.filter((x) => {
        const f = Number(x.net.split('.')[0]);
        const cl = f < 128 ? 8 : f < 192 ? 16 : 24;
        return cl === classLen && x.len > cl && networkOf(x.net, ['255.0.0.0', '255.255.0.0', '255.255.255.0'][[8, 16, 24].indexOf(cl)]) === major;
      });
      const masks = new Set(subs.map((x) => x.len));
      o.push(masks.size > 1 ? `      ${major}/${classLen} is variably subnetted, ${subs.length} subnets, ${masks.size} masks` : `      ${major}/${classLen} is subnetted, ${subs.length} subnets`);
    }
    o.push(...r.line);
  }
  return o.join('\n') + '\n';
}

export function showIpOspfNeighbor(s: IosState): string {
  const o = ['', 'Neighbor ID     Pri   State           Dead Time   Address         Interface'];
  if (s.ospf.size) {
    for (const n of s.ospfNeighbors) {
      const i = s.interfaces.get(n.iface);
      if (!i || linkState(s, i).protocol !== 'up') continue;
      o.push(`${pad(n.routerId, 15)} ${lpad(n.priority ?? 1, 3)}   ${pad(n.state ?? 'FULL/DR', 15)} 00:00:3${Math.floor(Math.random() * 9)}    ${pad(n.address, 15)} ${n.iface}`);
    }
  }
  return o.join('\n') + '\n';
}

export function showIpSsh(s: IosState): string {
  if (!s.rsaKeyBits) return 'SSH Disabled - version 1.99\n%Please create RSA keys to enable SSH (and of atleast 768 bits for SSH v2).\nAuthentication methods:publickey,keyboard-interactive,password\nAuthentication timeout: 120 secs; Authentication retries: 3\nMinimum expected Diffie Hellman key size : 1024 bits\nIOS Keys in SECSH format(ssh-rsa, base64 encoded): NONE\n';
  const v = s.ipSshVersion === 2 ? '2.0' : s.ipSshVersion === 1 ? '1.5' : '1.99';
  return `SSH Enabled - version ${v}\nAuthentication methods:publickey,keyboard-interactive,password\nAuthentication timeout: 120 secs; Authentication retries: 3\nMinimum expected Diffie Hellman key size : 1024 bits\nIOS Keys in SECSH format(ssh-rsa, base64 encoded):\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC${s.serial}\n`;
}

export function showSnmpCommunity(s: IosState): string {
  const o: string[] = [''];
  for (const c of s.snmp.communities) {
    o.push(`Community name: ${c.name}`, 'Community Index: ' + c.name, 'Community SecurityName: ' + c.name, 'storage-type: nonvolatile\t active', '', '');
  }
  return o.join('\n') + '\n';
}

export function showSnmpUser(s: IosState): string {
  const o: string[] = [];
  for (const u of s.snmp.users)
    o.push('', `User name: ${u.name}`, `Engine ID: 80000009030000${s.baseMac.replace(/\./g, '').toUpperCase()}`, 'storage-type: nonvolatile\t active', `Authentication Protocol: ${u.auth ?? 'None'}`, `Privacy Protocol: ${u.priv ?? 'None'}`, `Group-name: ${u.group}`);
  return o.join('\n') + '\n';
}

export function showPortSecurityInterface(s: IosState, name: string): string | undefined {
  const i = s.interfaces.get(name);
  if (!i || !i.switchport) return undefined;
  const ps = i.portSecurity;
  const up = linkState(s, i).protocol === 'up';
  const viol = (ps.violation ?? 'shutdown').replace(/^./, (c) => c.toUpperCase());
  return [
    `Port Security              : ${ps.enabled ? 'Enabled' : 'Disabled'}`,
    `Port Status                : ${ps.enabled ? (up ? 'Secure-up' : 'Secure-down') : 'Secure-down'}`,
    `Violation Mode             : ${viol}`,
    'Aging Time                 : 0 mins',
    'Aging Type                 : Absolute',
    'SecureStatic Address Aging : Disabled',
    `Maximum MAC Addresses      : ${ps.maximum ?? 1}`,
    `Total MAC Addresses        : ${ps.macs.length}`,
    `Configured MAC Addresses   : ${ps.sticky ? 0 : ps.macs.length}`,
    `Sticky MAC Addresses       : ${ps.sticky ? ps.macs.length : 0}`,
    'Last Source Address:Vlan   : 0000.0000.0000:0',
    'Security Violation Count   : 0',
    '',
  ].join('\n');
}

export function showAccessLists(s: IosState, which?: string): string {
  const o: string[] = [];
  for (const acl of s.acls.values()) {
    if (which && acl.name !== which) continue;
    const head = acl.numbered ? `${acl.type === 'standard' ? 'Standard' : 'Extended'} IP access list ${acl.name}` : `${acl.type === 'standard' ? 'Standard' : 'Extended'} IP access list ${acl.name}`;
    o.push(head);
    for (const e of acl.entries) {
      if (e.text.startsWith('remark')) continue;
      let t = e.text;
      if (acl.type === 'standard') t = t.replace(/^(permit|deny) (\d+\.\d+\.\d+\.\d+)$/, '$1 $2').replace(/^(permit|deny) (\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+)/, '$1 $2, wildcard bits $3');
      o.push(`    ${e.seq} ${t}${e.matches ? ` (${e.matches} matches)` : ''}`);
    }
  }
  return o.join('\n') + (o.length ? '\n' : '');
}

export function showClock(): string {
  const d = new Date();
  return `*${iosTime(d, true)}\n`;
}

export function showUsers(s: IosState, me: { line: string; user?: string; from?: string }): string {
  return `    Line       User       Host(s)              Idle       Location\n*  ${pad(me.line, 10)} ${pad(me.user ?? '', 10)} idle                 00:00:00 ${me.from ?? ''}\n\n  Interface    User               Mode         Idle     Peer Address\n\n`;
}

export function showStartup(s: IosState): string | undefined {
  return s.startupConfig;
}

export function showRunning(s: IosState): string {
  return renderConfig(s, 'running');
}

export function showSpanningTree(s: IosState): string {
  if (s.role !== 'switch') return '';
  const o: string[] = [];
  const proto = s.stp.mode === 'rapid-pvst' ? 'rstp' : s.stp.mode === 'mst' ? 'mstp' : 'ieee';
  const mac = s.baseMac;
  for (const [vid] of [...s.vlans].sort((a, b) => a[0] - b[0])) {
    if (vid >= 1002) continue;
    const ports = sortedIfaces(s).filter((i) => i.switchport && !i.shutdown && s.connected.has(i.name) && portCarries(i, vid) && /Ethernet/.test(i.name));
    if (!ports.length) continue;
    const prio = (s.stp.priorities.get(vid) ?? 32768) + vid;
    o.push(
      `VLAN${String(vid).padStart(4, '0')}`,
      `  Spanning tree enabled protocol ${proto}`,
      `  Root ID    Priority    ${prio}`,
      `             Address     ${mac}`,
      '             This bridge is the root',
      '             Hello Time   2 sec  Max Age 20 sec  Forward Delay 15 sec',
      '',
      `  Bridge ID  Priority    ${prio}  (priority ${prio - vid} sys-id-ext ${vid})`,
      `             Address     ${mac}`,
      '             Hello Time   2 sec  Max Age 20 sec  Forward Delay 15 sec',
      '             Aging Time  300 sec',
      '',
      'Interface           Role Sts Cost      Prio.Nbr Type',
      '------------------- ---- --- --------- -------- --------------------------------',
    );
    for (const p of ports) {
      const idx = [...s.interfaces.keys()].indexOf(p.name) + 1;
      const cost = p.name.startsWith('Fast') ? 19 : 4;
      o.push(`${pad(shortIf(p.name), 19)} Desg FWD ${pad(cost, 9)} ${pad(`128.${idx}`, 8)} P2p${p.portfast ? ' Edge' : ''}`);
    }
    o.push('', '');
  }
  if (!o.length) return 'No spanning tree instance exists.\n';
  return o.join('\n') + '\n';
}

export function showMacAddressTable(s: IosState): string {
  const o = ['          Mac Address Table', '-------------------------------------------', '', 'Vlan    Mac Address       Type        Ports', '----    -----------       --------    -----'];
  o.push(' All    0100.0ccc.cccc    STATIC      CPU', ' All    0100.0ccc.cccd    STATIC      CPU');
  let n = 2;
  for (const nb of s.neighbors) {
    const i = s.interfaces.get(nb.localIf);
    if (!i || !i.switchport || linkState(s, i).protocol !== 'up') continue;
    const mac = `0050.56${String(n).padStart(2, '0')}.0001`;
    o.push(`${lpad(i.mode === 'trunk' ? i.nativeVlan : i.accessVlan, 4)}    ${mac}    DYNAMIC     ${shortIf(i.name)}`);
    n++;
  }
  o.push(`Total Mac Addresses for this criterion: ${n}`);
  return o.join('\n') + '\n';
}

export function showPortSecurity(s: IosState): string {
  const o = [
    'Secure Port  MaxSecureAddr  CurrentAddr  SecurityViolation  Security Action',
    '                (Count)       (Count)          (Count)',
    '---------------------------------------------------------------------------',
  ];
  for (const i of sortedIfaces(s)) {
    if (!i.portSecurity.enabled) continue;
    const act = (i.portSecurity.violation ?? 'shutdown').replace(/^./, (c) => c.toUpperCase());
    o.push(`${lpad(shortIf(i.name), 11)}${lpad(i.portSecurity.maximum ?? 1, 15)}${lpad(i.portSecurity.macs.length, 13)}${lpad(0, 19)}${lpad(act, 19)}`);
  }
  o.push('---------------------------------------------------------------------------');
  o.push('Total Addresses in System (excluding one mac per port)     : 0');
  o.push('Max Addresses limit in System (excluding one mac per port) : 8192');
  return o.join('\n') + '\n';
}

export function showIpDhcpBinding(): string {
  return 'Bindings from all pools not associated with VRF:\nIP address          Client-ID/              Lease expiration        Type\n                    Hardware address/\n                    User name\n';
}

export function showEtherchannelSummary(s: IosState): string {
  const groups = [...s.interfaces.values()].filter((i) => i.name.startsWith('Port-channel'));
  const o = [
    'Flags:  D - down        P - bundled in port-channel',
    '        I - stand-alone s - suspended',
    '        H - Hot-standby (LACP only)',
    '        R - Layer3      S - Layer2',
    '        U - in use      f - failed to allocate aggregator',
    '',
    '        M - not in use, minimum links not met',
    '        u - unsuitable for bundling',
    '        w - waiting to be aggregated',
    '        d - default port',
    '',
    '',
    `Number of channel-groups in use: ${groups.length}`,
    `Number of aggregators:           ${groups.length}`,
    '',
    'Group  Port-channel  Protocol    Ports',
    '------+-------------+-----------+-----------------------------------------------',
  ];
  for (const g of groups) {
    const id = Number(g.name.slice(12));
    const members = sortedIfaces(s).filter((m) => m.channelGroup?.group === id);
    const up = linkState(s, g).protocol === 'up';
    const proto = members[0]?.channelGroup?.mode === 'active' || members[0]?.channelGroup?.mode === 'passive' ? 'LACP' : members[0]?.channelGroup?.mode === 'on' ? '-' : 'PAgP';
    const ms = members.map((m) => `${shortIf(m.name)}(${!m.shutdown && s.connected.has(m.name) ? 'P' : 'D'})`).join(' ');
    o.push(`${pad(id, 6)} ${pad(`Po${id}(S${up ? 'U' : 'D'})`, 13)} ${pad(proto, 11)} ${ms}`);
  }
  return o.join('\n') + '\n';
}

export function showStandbyBrief(s: IosState): string {
  const o = ['                     P indicates configured to preempt.', '                     |', 'Interface   Grp  Pri P State   Active          Standby         Virtual IP'];
  for (const i of sortedIfaces(s))
    for (const g of i.standby) {
      const up = linkState(s, i).protocol === 'up';
      o.push(`${pad(shortIf(i.name), 11)} ${lpad(g.group, 3)}  ${lpad(g.priority ?? 100, 3)} ${g.preempt ? 'P' : ' '} ${pad(up ? 'Active' : 'Init', 7)} ${pad(up ? 'local' : 'unknown', 15)} ${pad('unknown', 15)} ${g.ip ?? ''}`);
    }
  return o.join('\n') + '\n';
}

export function showNtpAssociations(s: IosState): string {
  const o = ['', '  address         ref clock       st   when   poll reach  delay  offset   disp'];
  for (const n of s.ntpServers) o.push(` ~${pad(n, 15)} .INIT.          16      -     64     0  0.000   0.000 15937.`);
  o.push(' * sys.peer, # selected, + candidate, - outlyer, x falseticker, ~ configured');
  return o.join('\n') + '\n';
}

export function showNtpStatus(s: IosState): string {
  return 'Clock is unsynchronized, stratum 16, no reference clock\nnominal freq is 119.2092 Hz, actual freq is 119.2092 Hz, precision is 2**17\nntp uptime is 0 (1/100 of seconds), resolution is 8403\nreference time is 00000000.00000000 (00:00:00.000 UTC Mon Jan 1 1900)\nclock offset is 0.0000 msec, root delay is 0.00 msec\nroot dispersion is 0.00 msec, peer dispersion is 0.00 msec\nloopfilter state is \'NSET\' (Never set), drift is 0.000000000 s/s\nsystem poll interval is 64, never updated.\n';
}

export function showLogging(s: IosState): string {
  return [
    'Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)',
    '',
    'No Active Message Discriminator.',
    '',
    '',
    '',
    'No Inactive Message Discriminator.',
    '',
    '',
    '    Console logging: level debugging, 28 messages logged, xml disabled,',
    '                     filtering disabled',
    '    Monitor logging: level debugging, 0 messages logged, xml disabled,',
    '                     filtering disabled',
    `    Buffer logging:  ${s.logging.buffered !== undefined ? 'level debugging, 28 messages logged' : 'disabled'}, xml disabled,`,
    '                     filtering disabled',
    '    Exception Logging: size (4096 bytes)',
    '    Count and timestamp logging messages: disabled',
    '    Persistent logging: disabled',
    '',
    'No active filter modules.',
    '',
    `    Trap logging: level ${s.logging.trap ?? 'informational'}, 31 message lines logged`,
    ...s.logging.hosts.flatMap((h) => [
      `        Logging to ${h}  (udp port 514, audit disabled,`,
      '              link up),',
      '              3 message lines logged, ',
      '              0 message lines rate-limited, ',
      '              0 message lines dropped-by-MD, ',
      '              xml disabled, sequence number disabled',
      '              filtering disabled',
    ]),
    '        Logging Source-Interface:       VRF Name:',
    '',
    `Log Buffer (4096 bytes):`,
    '',
  ].join('\n') + '\n';
}

export function showIpInterface(s: IosState): string {
  const o: string[] = [];
  for (const i of sortedIfaces(s)) {
    const st = linkState(s, i);
    o.push(`${i.name} is ${st.status}, line protocol is ${st.protocol}`);
    const a = i.addresses.find((x) => !x.secondary);
    if (!a || i.switchport) {
      o.push('  Internet protocol processing disabled');
      continue;
    }
    o.push(`  Internet address is ${a.ip}/${maskToPrefix(a.mask)}`, '  Broadcast address is 255.255.255.255', '  MTU is 1500 bytes');
    if (i.helpers.length) o.push(`  Helper addresses are ${i.helpers.join(' ')}`);
    else o.push('  Helper address is not set');
    o.push(`  Outgoing access list is ${i.accessGroup.out ?? 'not set'}`, `  Inbound  access list is ${i.accessGroup.in ?? 'not set'}`, '  Proxy ARP is enabled');
  }
  return o.join('\n') + '\n';
}

export function dirFlash(s: IosState): string {
  const image = s.image.split(':')[1];
  const fs = s.role === 'switch' ? 'flash' : 'flash0';
  return [
    `Directory of ${fs}:/`,
    '',
    `    2  -rwx    11833856   Mar 1 1993 00:08:58 +00:00  ${image}`,
    '    3  -rwx        1048   Mar 1 1993 00:22:10 +00:00  multiple-fs',
    '    4  -rwx         736   Mar 1 1993 00:03:12 +00:00  vlan.dat',
    '',
    `${s.role === 'switch' ? '32514048' : '256487424'} bytes total (${s.role === 'switch' ? '20279296' : '201326592'} bytes free)`,
  ].join('\n') + '\n';
}
