// Every driver and every parser proeflab knows. One folder per platform/transport.
import type { Driver, Parser } from '../src/core/types.js';
import { linuxDriver } from './linux/index.js';
import { linuxParsers } from './linux/parsers/index.js';
import { ciscoIosDriver } from './cisco-ios/index.js';
import { localDriver } from './local/index.js';
import { netDriver } from './net/index.js';
import { snmpDriver } from './snmp/index.js';
import { parsers as ciscoIosParsers } from './cisco-ios/parsers/index.js';
import { routerosDriver } from './routeros/index.js';
import { parsers as routerosParsers } from './routeros/parsers/index.js';
import { sqlDriver } from './sql/index.js';
import { ldapDriver } from './ldap/index.js';
import { windowsDriver } from './windows/index.js';

export const allDrivers: Driver[] = [netDriver, localDriver, snmpDriver, routerosDriver, linuxDriver, ciscoIosDriver, sqlDriver, ldapDriver, windowsDriver];

export const allParsers: Parser[] = [...routerosParsers, ...ciscoIosParsers, ...linuxParsers];
