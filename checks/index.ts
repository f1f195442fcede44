// Every check kind proeflab knows. One file per kind.
import type { CheckKind } from '../src/core/types.js';
import { ciscoChecks } from './cisco-all.js';
import { dnsRecord } from './dns-record.js';
import { httpCsvRecord } from './http-csv-record.js';
import { httpDocument } from './http-document.js';
import { httpCertificate } from './http-certificate.js';
import { httpResponse } from './http-response.js';
import { linuxChecks } from './linux-all.js';
import { localCommand } from './local-command.js';
import { netPing } from './net-ping.js';
import { netTcp } from './net-tcp.js';
import { routerosChecks } from './routeros-all.js';
import { snmpCommunity } from './snmp-community.js';
import { snmpIdentity } from './snmp-identity.js';
import { snmpInterface } from './snmp-interface.js';
import { snmpLldp } from './snmp-lldp.js';
import { snmpSystem } from './snmp-system.js';
import { snmpV3Required } from './snmp-v3-required.js';
import { snmpVlan } from './snmp-vlan.js';
import { sqlChecks } from './sql-all.js';
import { ldapChecks } from './ldap-all.js';
import { windowsChecks } from './windows-all.js';
import { netServiceChecks } from './net-all.js';

export const allChecks: CheckKind[] = [netTcp, netPing, httpResponse, httpCertificate, httpDocument, httpCsvRecord, dnsRecord, localCommand, snmpCommunity, snmpV3Required, snmpSystem, snmpIdentity, snmpInterface, snmpLldp, snmpVlan, ...ciscoChecks, ...routerosChecks, ...linuxChecks, ...sqlChecks, ...ldapChecks, ...windowsChecks, ...netServiceChecks];
