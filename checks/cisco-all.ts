// The Cisco IOS check kinds (cisco.*), one file each; spread into allChecks in checks/index.ts.
import type { CheckKind } from '../src/core/types.js';
import { ciscoVlan } from './cisco-vlan.js';
import { ciscoSwitchport } from './cisco-switchport.js';
import { ciscoInterface } from './cisco-interface.js';
import { ciscoSsh } from './cisco-ssh.js';
import { ciscoLocalUser } from './cisco-local-user.js';
import { ciscoEnableSecret } from './cisco-enable-secret.js';
import { ciscoPasswordEncryption } from './cisco-password-encryption.js';
import { ciscoBanner } from './cisco-banner.js';
import { ciscoHostname } from './cisco-hostname.js';
import { ciscoSnmpCommunity } from './cisco-snmp-community.js';
import { ciscoSnmpUser } from './cisco-snmp-user.js';
import { ciscoSyslog } from './cisco-syslog.js';
import { ciscoNtp } from './cisco-ntp.js';
import { ciscoDefaultGateway } from './cisco-default-gateway.js';
import { ciscoRoute } from './cisco-route.js';
import { ciscoOspfNeighbor } from './cisco-ospf-neighbor.js';
import { ciscoDhcpPool } from './cisco-dhcp-pool.js';
import { ciscoAclApplied } from './cisco-acl-applied.js';
import { ciscoPortSecurity } from './cisco-port-security.js';
import { ciscoSpanningTree } from './cisco-spanning-tree.js';
import { ciscoNeighbor } from './cisco-neighbor.js';
import { ciscoConfigSaved } from './cisco-config-saved.js';

export const ciscoChecks: CheckKind[] = [
  ciscoVlan,
  ciscoSwitchport,
  ciscoInterface,
  ciscoSsh,
  ciscoLocalUser,
  ciscoEnableSecret,
  ciscoPasswordEncryption,
  ciscoBanner,
  ciscoHostname,
  ciscoSnmpCommunity,
  ciscoSnmpUser,
  ciscoSyslog,
  ciscoNtp,
  ciscoDefaultGateway,
  ciscoRoute,
  ciscoOspfNeighbor,
  ciscoDhcpPool,
  ciscoAclApplied,
  ciscoPortSecurity,
  ciscoSpanningTree,
  ciscoNeighbor,
  ciscoConfigSaved,
];
