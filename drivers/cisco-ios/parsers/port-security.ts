// show port-security (summary table) and show port-security interface X (detail).
import { cleanLines, expect, findHeader, isRule, toInt } from './util.js';

export interface PortSecuritySummary {
  interface: string;
  maxSecureAddr?: number;
  currentAddr?: number;
  violationCount?: number;
  /** Shutdown, Restrict, Protect. */
  action: string;
}

export function parseShowPortSecurity(raw: string): PortSecuritySummary[] {
  const lines = cleanLines(raw);
  const h = findHeader(lines, ['Secure Port', 'MaxSecureAddr', 'CurrentAddr', 'SecurityViolation', 'Security Action']);
  expect(h, 'show port-security', 'header "Secure Port MaxSecureAddr CurrentAddr SecurityViolation Security Action" not found');
  const out: PortSecuritySummary[] = [];
  for (const line of lines.slice(h.index + 1)) {
    const t = line.trim();
    if (!t || isRule(t) || /^\(Count\)/.test(t)) continue;
    if (/^Total Addresses|^Max Addresses/.test(t)) break;
    const m = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)$/.exec(t);
    expect(m, 'show port-security', `unexpected line '${t.slice(0, 60)}'`);
    out.push({ interface: m[1], maxSecureAddr: Number(m[2]), currentAddr: Number(m[3]), violationCount: Number(m[4]), action: m[5] });
  }
  return out;
}

export interface PortSecurityInterface {
  enabled: boolean;
  portStatus: string;
  violationMode: string;
  agingTime: string;
  agingType: string;
  staticAddressAging: string;
  maximum?: number;
  total?: number;
  configured?: number;
  sticky?: number;
  lastSourceAddress: string;
  violationCount?: number;
}

export function parseShowPortSecurityInterface(raw: string): PortSecurityInterface {
  const lines = cleanLines(raw);
  const kv: Record<string, string> = {};
  for (const line of lines) {
    // keys are padded before the colon; `Last Source Address:Vlan   : 0000.0000.0000:0`
    const m = /^([A-Za-z][\w :]*?)\s+:\s*(.*)$/.exec(line.trim()) ?? /^([A-Za-z][\w ]*?):\s*(.*)$/.exec(line.trim());
    if (m) kv[m[1].replace(/:Vlan$/, '')] = m[2].trim();
  }
  expect('Port Security' in kv, 'show port-security interface', 'no "Port Security :" line');
  return {
    enabled: /^enabled$/i.test(kv['Port Security']),
    portStatus: kv['Port Status'] ?? '',
    violationMode: kv['Violation Mode'] ?? '',
    agingTime: kv['Aging Time'] ?? '',
    agingType: kv['Aging Type'] ?? '',
    staticAddressAging: kv['SecureStatic Address Aging'] ?? '',
    maximum: toInt(kv['Maximum MAC Addresses']),
    total: toInt(kv['Total MAC Addresses']),
    configured: toInt(kv['Configured MAC Addresses']),
    sticky: toInt(kv['Sticky MAC Addresses']),
    lastSourceAddress: kv['Last Source Address'] ?? '',
    violationCount: toInt(kv['Security Violation Count']),
  };
}
