// Field mappings from our parsed values to ntc-templates' TextFSM field names (used by corpus.test.ts).
import { parseShowCdpNeighbors, parseShowCdpNeighborsDetail } from './cdp.js';
import { parseShowInterfacesStatus } from './interfaces-status.js';
import { parseShowInterfaces, parseShowIpInterfaceBrief } from './interfaces.js';
import { parseShowInterfacesSwitchport } from './interfaces-switchport.js';
import { parseShowIpRoute } from './ip-route.js';
import { parseShowIpOspfNeighbor } from './ospf.js';
import { parseShowIpDhcpBinding } from './dhcp.js';
import { parseShowStandbyBrief } from './standby.js';
import { parseShowClock, parseShowUsers } from './users.js';
import { parseShowSnmpCommunity, parseShowSnmpUser } from './snmp.js';
import { parseShowSpanningTree } from './spanning-tree.js';
import { parseShowEtherchannelSummary } from './etherchannel.js';
import { parseShowLogging } from './logging.js';
import { parseShowAccessLists } from './access-lists.js';
import { parseRunningConfig } from './running-config.js';
import { parseShowPortSecurityInterface } from './port-security.js';
import { parseShowLldpNeighbors, parseShowLldpNeighborsDetail } from './lldp.js';
import { parseShowMacAddressTable } from './mac-address-table.js';
import { parseShowVlan } from './vlan.js';
import { parseShowInventory, parseShowVersion } from './version.js';

type Rec = Record<string, unknown>;
export interface CorpusSpec {
  command: string;
  dir: string;
  parse: (raw: string) => any;
  toNtc: (parsed: any) => Rec[];
  /** ntc fields not compared (with the reason in `why`). */
  exclude?: string[];
  why?: string;
  /** Known differences where ntc's template is wrong and we are not (they stay counted as mismatches). */
  note?: string;
  fields?: string[];
  skipFiles?: string[];
}

const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export const specs: CorpusSpec[] = [
  {
    command: 'show version',
    dir: 'show_version',
    parse: parseShowVersion,
    exclude: ['rommon'],
    why: 'ntc keeps only the first word of the ROM line (`System`, `Bootstrap`); we keep the whole line as `rom`',
    toNtc: (v) => [
      {
        config_register: s(v.configRegister),
        hardware: v.hardware,
        hostname: s(v.hostname),
        mac_address: v.macAddress,
        release: s(v.release),
        reload_reason: s(v.reloadReason),
        restarted: s(v.restarted),
        running_image: s(v.runningImage),
        serial: v.serial,
        software_image: s(v.softwareImage),
        uptime: s(v.uptime),
        uptime_years: s(v.uptimeParts.years),
        uptime_weeks: s(v.uptimeParts.weeks),
        uptime_days: s(v.uptimeParts.days),
        uptime_hours: s(v.uptimeParts.hours),
        uptime_minutes: s(v.uptimeParts.minutes),
        version: s(v.version),
      },
    ],
  },
  {
    command: 'show inventory',
    dir: 'show_inventory',
    parse: parseShowInventory,
    toNtc: (items) => items,
  },
  {
    command: 'show vlan',
    dir: 'show_vlan',
    parse: parseShowVlan,
    toNtc: (vl) => vl.map((v: any) => ({ vlan_id: s(v.id), vlan_name: v.name, status: v.status, interfaces: v.ports })),
  },
  {
    command: 'show interfaces status',
    dir: 'show_interfaces_status',
    parse: parseShowInterfacesStatus,
    toNtc: (rows) => rows.map((r: any) => ({ port: r.port, name: r.name, status: r.status, vlan_id: r.vlan, duplex: r.duplex, speed: r.speed, type: r.type, fc_mode: s(r.fcMode) })),
  },
  {
    command: 'show cdp neighbors',
    dir: 'show_cdp_neighbors',
    parse: parseShowCdpNeighbors,
    toNtc: (rows) => rows.map((r: any) => ({ neighbor_name: r.deviceId, local_interface: r.localInterface, capabilities: r.capabilities, platform: r.platform, neighbor_interface: r.portId })),
  },
  {
    command: 'show cdp neighbors detail',
    dir: 'show_cdp_neighbors_detail',
    parse: parseShowCdpNeighborsDetail,
    toNtc: (rows) =>
      rows.map((r: any) => ({
        neighbor_name: r.deviceId,
        local_interface: r.localInterface,
        capabilities: r.capabilities,
        platform: r.platform,
        neighbor_interface: r.portId,
        mgmt_address: s(r.address),
        neighbor_description: s(r.version),
      })),
  },
  {
    command: 'show lldp neighbors',
    dir: 'show_lldp_neighbors',
    parse: parseShowLldpNeighbors,
    toNtc: (rows) => rows.map((r: any) => ({ neighbor_name: r.deviceId, local_interface: r.localInterface, capabilities: r.capabilities, neighbor_interface: r.portId })),
  },
  {
    command: 'show lldp neighbors detail',
    dir: 'show_lldp_neighbors_detail',
    parse: parseShowLldpNeighborsDetail,
    toNtc: (rows) =>
      rows.map((r: any) => ({
        local_interface: r.localInterface,
        chassis_id: r.chassisId,
        neighbor_port_id: r.portId,
        neighbor_interface: r.portDescription,
        neighbor_name: r.systemName,
        neighbor_description: r.systemDescription,
        capabilities: r.enabledCapabilities,
        mgmt_address: s(r.managementAddresses[0]),
        vlan_id: s(r.vlanId),
        mac_address: s(r.peerMac),
        serial: s(r.med['Serial number']),
        manufacturer: s(r.med['Manufacturer']),
        platform: s(r.med['Model']),
        hw_revision: s(r.med['H/W revision']),
        fw_revision: s(r.med['F/W revision']),
        sw_revision: s(r.med['S/W revision']),
        power_pair: s(r.power['Pair']),
        power_class: s(r.power['Class']),
        power_device_type: s(r.power['Device Type']),
        power_source: s(r.power['Source']),
        power_priority: s(r.power['Priority']),
        power_requested: s(r.power['Requested']).replace(/\s*mW$/, ''),
      })),
  },
  {
    command: 'show interfaces',
    dir: 'show_interfaces',
    parse: parseShowInterfaces,
    note: 'ntc misses counters on short lines (`0 output errors, 0 interface resets`, `N packets input, N bytes`) and the `Full-duplex, 100Mb/s, 100BaseTX/FX` layout; we read them',
    toNtc: (rows) =>
      rows.map((r: any) => ({
        interface: r.name,
        link_status: r.linkStatus,
        protocol_status: r.protocolStatus,
        hardware_type: r.hardware,
        mac_address: r.macAddress,
        bia: r.bia,
        description: r.description,
        ip_address: r.ipAddress,
        prefix_length: s(r.prefixLength),
        mtu: s(r.mtu),
        bandwidth: r.bandwidthKbit === undefined ? '' : `${r.bandwidthKbit} Kbit`,
        delay: r.delay,
        encapsulation: r.encapsulation,
        vlan_id: s(r.vlanId),
        vlan_id_outer: s(r.vlanIdOuter),
        vlan_id_inner: s(r.vlanIdInner),
        duplex: r.duplex,
        speed: r.speed,
        media_type: r.mediaType,
        last_input: r.lastInput,
        last_output: r.lastOutput,
        last_output_hang: r.lastOutputHang,
        queue_strategy: r.queueStrategy,
        queue_size: s(r.inputQueue?.size),
        queue_max: s(r.inputQueue?.max),
        queue_drops: s(r.inputQueue?.drops),
        queue_flushes: s(r.inputQueue?.flushes),
        queue_output_drops: s(r.totalOutputDrops),
        input_rate: s(r.inputRate),
        input_pps: s(r.inputPps),
        output_rate: s(r.outputRate),
        output_pps: s(r.outputPps),
        input_packets: s(r.counters['packets input']),
        output_packets: s(r.counters['packets output']),
        runts: s(r.counters['runts']),
        giants: s(r.counters['giants']),
        input_errors: s(r.counters['input errors']),
        crc: s(r.counters['CRC']),
        frame: s(r.counters['frame']),
        overrun: s(r.counters['overrun']),
        abort: s(r.counters['abort']),
        output_errors: s(r.counters['output errors']),
      })),
  },
  {
    command: 'show ip interface brief',
    dir: 'show_ip_interface_brief',
    parse: parseShowIpInterfaceBrief,
    toNtc: (rows) => rows.map((r: any) => ({ interface: r.interface, ip_address: r.ipAddress, status: r.status, proto: r.protocol })),
  },
  {
    command: 'show interfaces switchport',
    dir: 'show_interfaces_switchport',
    parse: parseShowInterfacesSwitchport,
    toNtc: (rows) =>
      rows.map((r: any) => ({
        interface: r.interface,
        switchport: s(r.fields['Switchport']),
        switchport_monitor: s(r.fields['Switchport Monitor']),
        switchport_negotiation: r.negotiation,
        mode: r.operationalMode,
        admin_mode: r.adminMode,
        access_vlan: r.accessVlan === undefined ? r.accessVlanText : s(r.accessVlan),
        native_vlan: s(r.nativeVlan),
        voice_vlan: r.voiceVlan === undefined ? r.voiceVlanText : s(r.voiceVlan),
        trunking_vlans: r.trunkingVlans ? r.trunkingVlans.split(',').filter(Boolean) : [],
      })),
  },
  {
    command: 'show mac address-table',
    dir: 'show_mac-address-table',
    parse: parseShowMacAddressTable,
    // ntc's template reads unicast entries only
    toNtc: (rows) => rows.filter((r: any) => !r.multicast).map((r: any) => ({ destination_address: r.mac, type: r.type, vlan_id: r.vlan, destination_port: r.ports })),
  },
  {
    command: 'show ip route',
    dir: 'show_ip_route',
    parse: parseShowIpRoute,
    toNtc: (t) =>
      t.routes.map((r: any) => ({
        vrf: r.vrf,
        protocol: r.protocol,
        type: r.type,
        flag: r.candidateDefault ? '*' : '',
        network: r.network,
        prefix_length: s(r.prefixLength),
        distance: s(r.distance),
        metric: s(r.metric),
        nexthop_ip: r.nextHop,
        nexthop_vrf: r.nextHopVrf,
        nexthop_if: r.interface,
        uptime: r.uptime,
      })),
  },
  {
    command: 'show ip ospf neighbor',
    dir: 'show_ip_ospf_neighbor',
    parse: parseShowIpOspfNeighbor,
    toNtc: (rows) => rows.map((r: any) => ({ neighbor_id: r.neighborId, priority: s(r.priority), state: r.state, dead_time: r.deadTime, ip_address: r.address, interface: r.interface })),
  },
  {
    command: 'show ip dhcp binding',
    dir: 'show_ip_dhcp_binding',
    parse: parseShowIpDhcpBinding,
    toNtc: (rows) => rows.map((r: any) => ({ ip_address: r.ipAddress, hardware_address: r.clientId, expiration: r.leaseExpiration, type: r.type })),
  },
  {
    command: 'show standby brief',
    dir: 'show_standby_brief',
    parse: parseShowStandbyBrief,
    toNtc: (rows) =>
      rows.map((r: any) => ({ interface: r.interface, group: s(r.group), priority: s(r.priority), preempt: r.preempt ? 'P' : '', state: r.state, active: r.active, standby: r.standby, virtual_ip_address: r.virtualIp })),
  },
  {
    command: 'show users',
    dir: 'show_users',
    parse: parseShowUsers,
    toNtc: (rows) => rows.map((r: any) => ({ line: (r.current ? '* ' : '') + r.line, user: r.user, hosts: r.host, idle: r.idle, location: r.location })),
  },
  {
    command: 'show clock',
    dir: 'show_clock',
    parse: parseShowClock,
    toNtc: (c) => [{ time: c.time, timezone: c.timezone, dayweek: c.dayOfWeek, month: c.month, day: s(c.day), year: s(c.year) }],
  },
  {
    command: 'show snmp community',
    dir: 'show_snmp_community',
    parse: parseShowSnmpCommunity,
    toNtc: (rows) => rows.map((r: any) => ({ name: r.name, index: r.index, security_name: r.securityName, storage_type: r.storageType, access_list_number: r.accessList })),
  },
  {
    command: 'show spanning-tree',
    dir: 'show_spanning-tree',
    parse: parseShowSpanningTree,
    toNtc: (insts) =>
      insts.flatMap((i: any) =>
        i.ports.map((p: any) => ({ vlan_id: s(i.vlan), interface: p.interface, role: p.role, status: p.status, cost: s(p.cost), port_priority: s(p.portPriority), port_id: s(p.portNumber), type: p.type })),
      ),
  },
  {
    command: 'show etherchannel summary',
    dir: 'show_etherchannel_summary',
    parse: parseShowEtherchannelSummary,
    toNtc: (rows) =>
      rows.map((r: any) => ({
        group: s(r.group),
        bundle_name: r.portChannel,
        bundle_status: r.flags,
        bundle_protocol: r.protocol,
        member_interface: r.members.map((m: any) => m.interface),
        member_interface_status: r.members.map((m: any) => m.flags),
      })),
  },
  {
    command: 'show logging',
    dir: 'show_logging',
    parse: parseShowLogging,
    toNtc: (l) =>
      l.messages.map((m: any) => ({
        number: m.number,
        month: m.month,
        day: m.day,
        time: m.time,
        timezone: m.timezone,
        facility: m.facility,
        severity: s(m.severity),
        mnemonic: m.mnemonic,
        message: m.message,
      })),
  },
  {
    command: 'show access-lists',
    dir: 'show_access-list',
    parse: parseShowAccessLists,
    note: "ntc's show_access-list template files the port of `permit tcp any host X eq ftp` under source_port; it is the destination port and we file it there",
    toNtc: (acls) =>
      acls.flatMap((a: any) =>
        a.entries.map((e: any) => ({
          name: a.name,
          type: a.type,
          sn: s(e.sequence),
          action: e.action,
          protocol: e.protocol,
          source: e.source.text,
          operator_source_port: s(e.sourcePorts?.op),
          source_port: e.sourcePorts ? e.sourcePorts.ports.join(' ') : '',
          destination: s(e.destination?.text),
          operator_destination_port: s(e.destinationPorts?.op),
          destination_port: e.destinationPorts ? e.destinationPorts.ports.join(' ') : '',
          modifier: e.modifiers,
          matches: s(e.matches),
        })),
      ),
  },
  {
    command: 'show ip access-lists',
    dir: 'show_ip_access-lists',
    parse: parseShowAccessLists,
    // ntc emits one record per ACL header (no line) followed by one per entry
    toNtc: (acls) =>
      acls.flatMap((a: any) => [
        { acl_type: a.type, acl_name: a.name },
        ...a.entries.map((e: any) => {
          const addr = (x: any, p: string) =>
            !x
              ? {}
              : x.kind === 'any'
                ? { [p + '_any']: 'any' }
                : x.kind === 'host'
                  ? { [p + '_host']: x.address }
                  : x.kind === 'network'
                    ? { [p + '_network']: x.address, [p + '_wildcard']: x.wildcard }
                    : { [p + '_network_object_group_name']: x.name };
          const prt = (x: any, p: string) =>
            !x ? {} : x.op === 'range' ? { [p + '_port_match']: 'range', [p + '_port_range_start']: x.ports[0], [p + '_port_range_end']: x.ports[1] } : { [p + '_port_match']: x.op, [p + '_port']: x.ports.join(' ') };
          const r: Record<string, unknown> = {
            acl_type: a.type,
            acl_name: a.name,
            line_num: s(e.sequence),
            action: e.action,
            protocol: e.protocol,
            ...addr(e.source, 'src'),
            ...prt(e.sourcePorts, 'src'),
            ...addr(e.destination, 'dst'),
            ...prt(e.destinationPorts, 'dst'),
            icmp_type: s(e.icmpType),
            tcp_flag: s(e.tcpFlags),
            flags_match: s(e.flagsMatch),
            log: s(e.log),
            log_tag: s(e.logTag),
            time: s(e.timeRange),
            state: s(e.timeRangeState),
            matches: s(e.matches),
          };
          return r;
        }),
      ]),
  },
  {
    command: 'show running-config (interface sections)',
    dir: 'show_running-config_interface',
    parse: parseRunningConfig,
    toNtc: (c) =>
      c.interfaces.map((i: any) => ({
        interface: i.name,
        description: s(i.description),
        bandwidth: s(i.bandwidth),
        mtu: s(i.mtu),
        vrf: s(i.vrf),
        ip_address: s(i.ipAddresses[0]?.address),
        netmask: s(i.ipAddresses[0]?.mask),
        ipv6_address: s(i.ipv6Addresses[0]?.address),
        prefixv6_length: s(i.ipv6Addresses[0]?.prefixLength),
        outer_vlan: s(i.encapsulation?.vlan),
        inner_vlan: s(i.encapsulation?.secondVlan),
        proxy_arp: i.proxyArp === false ? 'no' : '',
        unicast_source: s(i.unicastSource),
        input_policy: s(i.servicePolicy.input),
        output_policy: s(i.servicePolicy.output),
        access_group_in: s(i.accessGroups.find((g: any) => g.direction === 'in')?.name),
        access_group_out: s(i.accessGroups.find((g: any) => g.direction === 'out')?.name),
      })),
  },
  {
    command: 'show running-config (access-lists)',
    dir: 'show_running-config_partition_access-list',
    parse: parseRunningConfig,
    toNtc: (c) =>
      // ntc: named lists get a header record; numbered `access-list N` lines have no type
      c.accessLists.flatMap((a: any) => (a.numbered ? a.entries.map((e: any) => aceToNtc({ ...a, type: '' }, e)) : [{ acl_type: a.type, acl_name: a.name, comment: [] }, ...a.entries.map((e: any) => aceToNtc(a, e))])),
  },
  {
    command: 'show port-security interface',
    dir: 'show_port-security_interface_interface',
    parse: parseShowPortSecurityInterface,
    toNtc: (p) => [
      {
        port_security: p.enabled ? 'Enabled' : 'Disabled',
        port_status: p.portStatus,
        violation_mode: p.violationMode,
        aging_time: p.agingTime,
        aging_type: p.agingType,
        ss_addr_aging: p.staticAddressAging,
        max_mac_addrs: s(p.maximum),
        total_mac_addrs: s(p.total),
        config_mac_addrs: s(p.configured),
        sticky_mac_addrs: s(p.sticky),
        last_src_mac_addr_vlan: p.lastSourceAddress,
        violation_count: s(p.violationCount),
      },
    ],
  },
  {
    command: 'show snmp user',
    dir: 'show_snmp_user',
    parse: parseShowSnmpUser,
    toNtc: (rows) =>
      rows.map((u: any) => ({ user_name: u.name, engine_id: u.engineId, storage_type: u.storageType, access_list: u.accessList, authentication_protocol: u.authProtocol, privacy_protocol: u.privProtocol, group_name: u.group })),
  },
];

function aceToNtc(a: any, e: any): Rec {
  const addr = (x: any, p: string) =>
    !x
      ? {}
      : x.kind === 'any'
        ? { [p + '_any']: 'any' }
        : x.kind === 'host'
          ? { [p + '_host']: x.address }
          : x.kind === 'network'
            ? { [p + '_network']: x.address, [p + '_wildcard']: x.wildcard }
            : { [p + '_network_object_group_name']: x.name };
  const prt = (x: any, p: string) =>
    !x ? {} : x.op === 'range' ? { [p + '_port_match']: 'range', [p + '_port_range_start']: x.ports[0], [p + '_port_range_end']: x.ports[1] } : { [p + '_port_match']: x.op, [p + '_port']: x.ports.join(' ') };
  return {
    acl_type: a.type,
    acl_name: a.name,
    line_num: s(e.sequence),
    action: e.action,
    protocol: e.protocol,
    ...addr(e.source, 'src'),
    ...prt(e.sourcePorts, 'src'),
    ...addr(e.destination, 'dst'),
    ...prt(e.destinationPorts, 'dst'),
    icmp_type: s(e.icmpType),
    tcp_flag: s(e.tcpFlags),
    flags_match: s(e.flagsMatch),
    log: s(e.log),
    time: s(e.timeRange),
    comment: e.remark ?? [],
  };
}
