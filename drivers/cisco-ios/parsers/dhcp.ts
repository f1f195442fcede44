// show ip dhcp binding.
import { cleanLines, expect, findHeader, splitRow } from './util.js';

export interface DhcpBinding {
  ipAddress: string;
  /** Client-ID / hardware address as printed (`0100.5079.6668.00`). */
  clientId: string;
  leaseExpiration: string;
  type: string;
  state?: string;
  interface?: string;
}

export function parseShowIpDhcpBinding(raw: string): DhcpBinding[] {
  const lines = cleanLines(raw);
  const h = findHeader(lines, ['IP address', 'Client-ID/', 'Lease expiration', 'Type']);
  expect(h, 'show ip dhcp binding', 'header "IP address Client-ID/ Lease expiration Type" not found');
  const extra = findHeader([lines[h.index]], ['IP address', 'Client-ID/', 'Lease expiration', 'Type', 'State', 'Interface']);
  const cols = extra ? extra.columns : h.columns;
  const out: DhcpBinding[] = [];
  for (const line of lines.slice(h.index + 1)) {
    if (!/^\s*\d+\.\d+\.\d+\.\d+\s/.test(line)) continue; // header continuation lines, blank lines
    const [ip, client, lease, type, state, intf] = splitRow(line, cols).map((c) => c?.trim());
    out.push({ ipAddress: ip, clientId: client, leaseExpiration: lease, type, ...(extra ? { state, interface: intf } : {}) });
  }
  return out;
}
