// Cisco IOS parsers: one entry per command, `match` accepts IOS abbreviations (`sh vlan br`,
// `sh ip int br`, `sh run`). The runner/CLI finds them with findParser(platform 'cisco-ios', command).
import type { Parser } from '../../../src/core/types.js';
import { parseShowAccessLists } from './access-lists.js';
import { parseShowCdpNeighbors, parseShowCdpNeighborsDetail } from './cdp.js';
import { parseShowIpDhcpBinding } from './dhcp.js';
import { parseShowEtherchannelSummary } from './etherchannel.js';
import { parseShowInterfaces, parseShowIpInterfaceBrief } from './interfaces.js';
import { parseShowInterfacesStatus } from './interfaces-status.js';
import { parseShowInterfacesSwitchport, parseShowInterfacesTrunk } from './interfaces-switchport.js';
import { parseShowIpRoute } from './ip-route.js';
import { parseShowLldpNeighbors, parseShowLldpNeighborsDetail } from './lldp.js';
import { parseShowLogging } from './logging.js';
import { parseShowMacAddressTable } from './mac-address-table.js';
import { parseShowNtpAssociations, parseShowNtpStatus } from './ntp.js';
import { parseShowIpOspfNeighbor } from './ospf.js';
import { parseShowPortSecurity, parseShowPortSecurityInterface } from './port-security.js';
import { parseRunningConfig } from './running-config.js';
import { parseShowSnmpCommunity, parseShowSnmpUser } from './snmp.js';
import { parseShowSpanningTree } from './spanning-tree.js';
import { parseShowIpSsh } from './ssh.js';
import { parseShowStandbyBrief } from './standby.js';
import { parseShowClock, parseShowUsers } from './users.js';
import { parseShowVersion, parseShowInventory } from './version.js';
import { parseShowVlan } from './vlan.js';

export { canonicalInterface, sameInterface, shortInterface } from './ifname.js';
export { expandVlanList, maskToPrefix, prefixToMask, wildcardToPrefix } from './util.js';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `abbr('version', 2)` → regex source accepting `ve`, `ver`, ..., `version`. */
export function abbr(word: string, min: number): string {
  let tail = '';
  for (let i = word.length - 1; i >= min; i--) tail = `(?:${esc(word[i])}${tail})?`;
  return esc(word.slice(0, min)) + tail;
}

const SH = abbr('show', 2);
const INTF = abbr('interfaces', 3);
const IP = 'ip';
/** An interface argument: `Gi0/1`, `gigabitEthernet 1/0/1`, `Vlan10`. */
const IFARG = '[A-Za-z][A-Za-z-]*\\s?\\d[\\d/.:]*';

function cmd(...parts: string[]): RegExp {
  return new RegExp(`^${parts.join('\\s+')}\\s*$`, 'i');
}

const P = (command: string, match: RegExp, parse: (raw: string) => unknown): Parser => ({ platform: 'cisco-ios', command, match, parse });

export const parsers: Parser[] = [
  P('show version', cmd(SH, abbr('version', 2)), parseShowVersion),
  P('show inventory', cmd(SH, abbr('inventory', 3)), parseShowInventory),
  P('show running-config', cmd(SH, `${abbr('running-config', 2)}(?:\\s+(?:all|brief|full|${abbr('interface', 3)}\\s+${IFARG}|partition\\s+\\S+|view\\s+full))?`), parseRunningConfig),
  P('show startup-config', cmd(SH, abbr('startup-config', 4)), parseRunningConfig),
  P('show vlan brief', cmd(SH, abbr('vlan', 2), abbr('brief', 2)), parseShowVlan),
  P('show vlan', cmd(SH, abbr('vlan', 2)), parseShowVlan),
  P('show interfaces status', cmd(SH, INTF, `(?:${IFARG}\\s+)?${abbr('status', 4)}`), parseShowInterfacesStatus),
  P('show interfaces trunk', cmd(SH, INTF, `(?:${IFARG}\\s+)?${abbr('trunk', 2)}`), parseShowInterfacesTrunk),
  P('show interfaces switchport', cmd(SH, INTF, `(?:${IFARG}\\s+)?${abbr('switchport', 2)}`), parseShowInterfacesSwitchport),
  P('show interfaces', new RegExp(`^${SH}\\s+${INTF}(?:\\s+${IFARG})?\\s*$`, 'i'), parseShowInterfaces),
  P('show ip interface brief', cmd(SH, IP, abbr('interface', 3), abbr('brief', 2)), parseShowIpInterfaceBrief),
  P('show cdp neighbors detail', cmd(SH, 'cdp', abbr('neighbors', 2), abbr('detail', 1)), parseShowCdpNeighborsDetail),
  P('show cdp neighbors', cmd(SH, 'cdp', abbr('neighbors', 2)), parseShowCdpNeighbors),
  P('show lldp neighbors detail', cmd(SH, abbr('lldp', 2), abbr('neighbors', 2), abbr('detail', 1)), parseShowLldpNeighborsDetail),
  P('show lldp neighbors', cmd(SH, abbr('lldp', 2), abbr('neighbors', 2)), parseShowLldpNeighbors),
  P('show spanning-tree', cmd(SH, `${abbr('spanning-tree', 2)}(?:\\s+${abbr('vlan', 2)}\\s+\\d+)?`), parseShowSpanningTree),
  P('show mac address-table', cmd(SH, `(?:${abbr('mac', 2)}\\s+${abbr('address-table', 3)}|${abbr('mac-address-table', 5)})(?:\\s+(?:${abbr('dynamic', 2)}|${abbr('static', 2)}|${abbr('vlan', 2)}\\s+\\d+|${abbr('interface', 3)}\\s+${IFARG}))?`), parseShowMacAddressTable),
  P('show ip route', new RegExp(`^${SH}\\s+ip\\s+${abbr('route', 2)}(?:\\s+vrf\\s+\\S+)?\\s*$`, 'i'), parseShowIpRoute),
  P('show ip ospf neighbor', cmd(SH, IP, abbr('ospf', 2), abbr('neighbor', 2)), parseShowIpOspfNeighbor),
  P('show ip dhcp binding', cmd(SH, IP, abbr('dhcp', 2), abbr('binding', 2)), parseShowIpDhcpBinding),
  P('show ip ssh', cmd(SH, IP, abbr('ssh', 2)), parseShowIpSsh),
  P('show ntp associations', cmd(SH, abbr('ntp', 2), abbr('associations', 2)), parseShowNtpAssociations),
  P('show ntp status', cmd(SH, abbr('ntp', 2), abbr('status', 2)), parseShowNtpStatus),
  P('show access-lists', new RegExp(`^${SH}\\s+(?:ip\\s+)?${abbr('access-lists', 3)}(?:\\s+\\S+)?\\s*$`, 'i'), parseShowAccessLists),
  P('show etherchannel summary', cmd(SH, abbr('etherchannel', 3), abbr('summary', 2)), parseShowEtherchannelSummary),
  P('show standby brief', cmd(SH, abbr('standby', 4), abbr('brief', 2)), parseShowStandbyBrief),
  P('show port-security interface', cmd(SH, abbr('port-security', 4), abbr('interface', 3), IFARG), parseShowPortSecurityInterface),
  P('show port-security', cmd(SH, abbr('port-security', 4)), parseShowPortSecurity),
  P('show snmp community', cmd(SH, abbr('snmp', 2), abbr('community', 2)), parseShowSnmpCommunity),
  P('show snmp user', cmd(SH, abbr('snmp', 2), abbr('user', 2)), parseShowSnmpUser),
  P('show users', cmd(SH, abbr('users', 2)), parseShowUsers),
  P('show clock', cmd(SH, abbr('clock', 3)), parseShowClock),
  P('show logging', cmd(SH, abbr('logging', 3)), parseShowLogging),
];
