// RouterOS parsers (platform `routeros`): `/export` and `print` (detail, terse, table, single item)
// for the menus the checks inspect, plus a catch-all for any other `print` / `monitor ... once`.
import type { Parser } from '../../../src/core/types.js';
import { parseExport } from './export.js';
import { parsePing } from './ping.js';
import { parsePrint, toApiRecords, type PrintOutput } from './print.js';

export { parseExport, normaliseMenu, majorVersion, ExportParseError, type ParsedExport, type ExportEntry } from './export.js';
export { parsePrint, toApiRecords, PrintParseError, type PrintOutput, type PrintRecord } from './print.js';
export { parsePing, type PingResult, type PingReply } from './ping.js';

/** What `print` parses into: the form, the flag legend, and the items as the API would return them. */
export interface PrintParsed {
  form: PrintOutput['form'];
  flagLegend: Record<string, string>;
  columns?: string[];
  items: Record<string, string>[];
}

export function parsePrintItems(raw: string): PrintParsed {
  const o = parsePrint(raw);
  return { form: o.form, flagLegend: o.flagLegend, ...(o.columns ? { columns: o.columns } : {}), items: toApiRecords(o) };
}

/** Menus the checks read, in CLI form. */
export const PRINT_MENUS = [
  '/interface',
  '/interface ethernet',
  '/interface bridge',
  '/interface bridge port',
  '/interface bridge vlan',
  '/interface vlan',
  '/interface wireless',
  '/interface wireless security-profiles',
  '/interface wifi',
  '/interface wifi security',
  '/ip address',
  '/ip pool',
  '/ip dhcp-server',
  '/ip dhcp-server network',
  '/ip dhcp-server lease',
  '/ip firewall filter',
  '/ip firewall nat',
  '/ip firewall address-list',
  '/ip route',
  '/ip service',
  '/ip dns',
  '/user',
  '/snmp',
  '/snmp community',
  '/system ntp client',
  '/system identity',
  '/system resource',
  '/system routerboard',
  '/system license',
  '/file',
] as const;

const menuRegex = (menu: string) =>
  new RegExp(
    '^/?' +
      menu
        .replace(/^\//, '')
        .split(' ')
        .map((w) => w.replace(/-/g, '\\-'))
        .join('[ /]') +
      '[ /]print\\b',
  );

export const parsers: Parser[] = [
  { platform: 'routeros', command: '/ping', match: /^\/?(tool[ /])?ping\b/, parse: parsePing },
  { platform: 'routeros', command: '/export', match: /^(\/[\w\- /]*\s)?\/?export\b/, parse: parseExport },
  ...PRINT_MENUS.map((menu) => ({ platform: 'routeros', command: `${menu} print`, match: menuRegex(menu), parse: parsePrintItems })),
  { platform: 'routeros', command: 'print', match: /(^|[\s/])print\b/, parse: parsePrintItems },
  { platform: 'routeros', command: 'monitor once', match: /\bmonitor\b.*\bonce\b/, parse: parsePrintItems },
];
