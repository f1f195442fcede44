// The RouterOS check kinds (routeros.*), one file each; spread into allChecks in checks/index.ts.
import type { CheckKind } from '../src/core/types.js';
import { routerosAdminUser } from './routeros-admin-user.js';
import { routerosBackup } from './routeros-backup.js';
import { routerosBridgeVlan } from './routeros-bridge-vlan.js';
import { routerosDefaultRoute } from './routeros-default-route.js';
import { routerosDhcpServer } from './routeros-dhcp-server.js';
import { routerosFirewallInput } from './routeros-firewall-input.js';
import { routerosIdentity } from './routeros-identity.js';
import { routerosNatMasquerade } from './routeros-nat-masquerade.js';
import { routerosNtpClient } from './routeros-ntp-client.js';
import { routerosServices } from './routeros-services.js';
import { routerosSnmpCommunity } from './routeros-snmp-community.js';
import { routerosVlanInterface } from './routeros-vlan-interface.js';
import { routerosWirelessSecurity } from './routeros-wireless-security.js';

export const routerosChecks: CheckKind[] = [
  routerosIdentity,
  routerosBridgeVlan,
  routerosVlanInterface,
  routerosDhcpServer,
  routerosNatMasquerade,
  routerosFirewallInput,
  routerosServices,
  routerosAdminUser,
  routerosNtpClient,
  routerosSnmpCommunity,
  routerosWirelessSecurity,
  routerosDefaultRoute,
  routerosBackup,
];
