// show cdp neighbors, show cdp neighbors detail.
import { cleanLines, expect, findHeader, splitRow, toInt } from './util.js';

export interface CdpNeighbor {
  deviceId: string;
  /** Local interface as printed (`Gig 1/0/10`, `GigabitEthernet1/0/16`); compare with canonicalInterface(). */
  localInterface: string;
  holdtime?: number;
  /** Capability codes (`R S I`) or words in detail output (`Router Switch IGMP`). */
  capabilities: string;
  platform: string;
  portId: string;
}

export interface CdpNeighborDetail extends CdpNeighbor {
  /** First entry address. */
  address?: string;
  entryAddresses: string[];
  managementAddresses: string[];
  /** The software version text the neighbour announces (first line). */
  version?: string;
  versionText?: string;
  nativeVlan?: number;
  duplex?: string;
  vtpDomain?: string;
}

const HEADER = ['Device ID', 'Local Intrfce', 'Holdtme', 'Capability', 'Platform', 'Port ID'];

export function parseShowCdpNeighbors(raw: string): CdpNeighbor[] {
  const lines = cleanLines(raw);
  if (lines.some((l) => /CDP is not enabled/i.test(l))) return [];
  const h = findHeader(lines, HEADER);
  expect(h, 'show cdp neighbors', 'header "Device ID Local Intrfce Holdtme Capability Platform Port ID" not found');
  const hl = lines[h.index];
  // whitespace-collapsed captures (single spaces between header words) cannot be read by position
  const collapsed = !/\S\s{2,}\S/.test(hl.trim());
  const out: CdpNeighbor[] = [];
  let pendingId: string | undefined;
  for (const line of lines.slice(h.index + 1)) {
    if (!line.trim()) continue;
    if (/^Total cdp entries displayed/i.test(line.trim())) break;
    if (collapsed) {
      const r = collapsedRow(line, pendingId);
      if (r === 'id') pendingId = line.trim();
      else {
        expect(r, 'show cdp neighbors', `unexpected line '${line.trim().slice(0, 60)}'`);
        out.push(r);
        pendingId = undefined;
      }
      continue;
    }
    const cells = splitRow(line, h.columns);
    const [id, local, hold, cap, platform, port] = cells.map((c) => c.trim());
    if (id && !local && !hold && !port) {
      // long device id on a line of its own; the rest follows on the next line
      pendingId = id;
      continue;
    }
    expect(local && /^\d+$/.test(hold), 'show cdp neighbors', `unexpected line '${line.trim().slice(0, 60)}'`);
    out.push({ deviceId: pendingId ?? id, localInterface: local, holdtime: toInt(hold), capabilities: cap.split(/\s+/).filter(Boolean).join(' '), platform, portId: port });
    pendingId = undefined;
  }
  return out;
}

function collapsedRow(line: string, pendingId: string | undefined): CdpNeighbor | 'id' | undefined {
  const t = line.trim();
  const re = /^(?:(\S+)\s+)?([A-Za-z][A-Za-z-]*\s?\d[\d/.:]*)\s+(\d+)\s+((?:[RTBSHIrPDCMsV]\s+)*)(.*)$/;
  const m = re.exec(t);
  if (!m || (!m[1] && !pendingId)) return /^\S+$/.test(t) ? 'id' : undefined;
  const rest = m[5].trim().split(/\s+/);
  let port: string;
  // `Port 1`, `Gig 0/0`, `InlinePort 1/1/lan`: a word followed by a number; else a single token (`eth0`)
  if (rest.length >= 2 && /^\d/.test(rest[rest.length - 1])) port = rest.splice(-2).join(' ');
  else port = rest.splice(-1).join(' ');
  return { deviceId: m[1] ?? pendingId!, localInterface: m[2], holdtime: Number(m[3]), capabilities: m[4].trim().split(/\s+/).filter(Boolean).join(' '), platform: rest.join(' '), portId: port };
}

export function parseShowCdpNeighborsDetail(raw: string): CdpNeighborDetail[] {
  const lines = cleanLines(raw);
  if (lines.some((l) => /CDP is not enabled/i.test(l))) return [];
  const out: CdpNeighborDetail[] = [];
  let cur: CdpNeighborDetail | undefined;
  let section: 'entry' | 'mgmt' | 'version' | undefined;
  let versionLines: string[] = [];
  const endVersion = () => {
    if (cur && versionLines.length) {
      cur.version = versionLines[0];
      cur.versionText = versionLines.join('\n');
    }
    versionLines = [];
  };
  for (const line of lines) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^Device ID:\s*(.*)$/.exec(t))) {
      endVersion();
      cur = { deviceId: m[1].trim(), localInterface: '', capabilities: '', platform: '', portId: '', entryAddresses: [], managementAddresses: [] };
      out.push(cur);
      section = undefined;
      continue;
    }
    if (!cur) {
      if (t && !/^-+$/.test(t) && !/^Total cdp entries/i.test(t)) expect(false, 'show cdp neighbors detail', `unexpected line '${t.slice(0, 60)}'`);
      continue;
    }
    if (section === 'version') {
      if (t === '' && versionLines.length) {
        endVersion();
        section = undefined;
      } else if (t) versionLines.push(t);
      continue;
    }
    if (/^-{5,}$/.test(t)) {
      section = undefined;
      continue;
    }
    if (/^Entry address\(es\):/.test(t)) section = 'entry';
    else if (/^Management address\(es\):/.test(t)) section = 'mgmt';
    else if ((m = /^(?:IP(?:v6)? address|IPv6 address):\s*(\S+)/i.exec(t)) && section) (section === 'entry' ? cur.entryAddresses : cur.managementAddresses).push(m[1]);
    else if ((m = /^Platform:\s*(.*?),\s*Capabilities:\s*(.*)$/.exec(t))) {
      cur.platform = m[1].trim();
      cur.capabilities = m[2].trim();
      section = undefined;
    } else if ((m = /^Interface:\s*(.*?),\s*Port ID \(outgoing port\):\s*(.*)$/.exec(t))) {
      cur.localInterface = m[1].trim();
      cur.portId = m[2].trim();
      section = undefined;
    } else if ((m = /^Holdtime\s*:\s*(\d+)/.exec(t))) cur.holdtime = Number(m[1]);
    else if (/^Version\s*:/.test(t)) section = 'version';
    else if ((m = /^Native VLAN:\s*(\d+)/.exec(t))) cur.nativeVlan = Number(m[1]);
    else if ((m = /^Duplex:\s*(\S+)/.exec(t))) cur.duplex = m[1];
    else if ((m = /^VTP Management Domain:\s*'?(.*?)'?$/.exec(t))) cur.vtpDomain = m[1];
    else if (t && !/^\S.*:/.test(t) && !/^IP/.test(t)) section = section === 'mgmt' || section === 'entry' ? section : undefined;
  }
  endVersion();
  for (const n of out) n.address = n.entryAddresses[0] ?? n.managementAddresses[0];
  return out;
}

