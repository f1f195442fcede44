// show mac address-table (also the older `show mac-address-table`), all the layouts IOS has used:
// `Vlan Mac Address Type Ports` (Catalyst 2960/3560/3850), `vlan mac address type learn age ports`
// (6500), `vlan mac address type protocols port` (old 6500/4500), `Destination Address Address Type
// VLAN Destination Port` (2900XL).
import { cleanLines, expect } from './util.js';

export interface MacEntry {
  vlan: string;
  mac: string;
  /** As printed: `DYNAMIC`, `STATIC`, `dynamic`, `system`, `Dynamic`. */
  type: string;
  ports: string[];
  /** From the `Multicast Entries` section (6500 layout). */
  multicast?: boolean;
}

const MAC = '[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}';
const ROW = new RegExp(`^\\s*(?:[*RDS#O+]\\s+)*(\\d+|All|N/A|---?)\\s+(${MAC})\\s+(\\S+)\\s*(.*)$`, 'i');
const ROW_OLD = new RegExp(`^\\s*(${MAC})\\s+(\\S+)\\s+(\\d+)\\s+(.*)$`);

export function parseShowMacAddressTable(raw: string): MacEntry[] {
  const lines = cleanLines(raw);
  const out: MacEntry[] = [];
  let sawHeader = false;
  let multicast = false;
  let last: MacEntry | undefined;
  for (const line of lines) {
    const t = line.trim();
    if (/mac address|Destination Address/i.test(t) && /vlan/i.test(t)) sawHeader = true;
    if (/^Multicast Entries/i.test(t)) multicast = true;
    else if (/^Unicast Entries/i.test(t)) multicast = false;
    let m = ROW.exec(line);
    if (m) {
      let rest = m[4].trim();
      // learn + age columns (`Yes  1200  Te1/30`, `No  -  Router`)
      const la = /^(Yes|No)\s+(\S+)(?:\s+(.*))?$/i.exec(rest);
      if (la) rest = la[3] ?? '';
      // protocols column (`ip,ipx,assigned,other  Port-channel15`)
      const pr = /^((?:ip|ipx|assigned|other|ipv6)(?:,(?:ip|ipx|assigned|other|ipv6))*)\s+(.*)$/.exec(rest);
      if (pr) rest = pr[2];
      last = { vlan: m[1], mac: m[2], type: m[3], ports: splitPorts(rest), ...(multicast ? { multicast: true } : {}) };
      out.push(last);
      continue;
    }
    m = ROW_OLD.exec(line);
    if (m) {
      last = { vlan: m[3], mac: m[1], type: m[2], ports: splitPorts(m[4]) };
      out.push(last);
      continue;
    }
    // wrapped port lists (multicast entries)
    if (last && /^\s{10,}\S/.test(line) && /^[\w/.,\-]+$/.test(t)) last.ports.push(...splitPorts(t));
  }
  expect(sawHeader || out.length, 'show mac address-table', 'no table header and no MAC address rows');
  return out;
}

const splitPorts = (s: string) => s.split(/[,\s]+/).filter(Boolean);
