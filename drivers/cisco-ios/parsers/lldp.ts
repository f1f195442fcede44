// show lldp neighbors, show lldp neighbors detail.
import { cleanLines, expect, findHeader, splitRow, toInt } from './util.js';

export interface LldpNeighbor {
  deviceId: string;
  localInterface: string;
  holdtime?: number;
  capabilities: string;
  portId: string;
}

export interface LldpNeighborDetail {
  localInterface: string;
  chassisId: string;
  portId: string;
  portDescription: string;
  systemName: string;
  /** First line of the system description. */
  systemDescription: string;
  systemDescriptionText: string;
  systemCapabilities: string;
  enabledCapabilities: string;
  managementAddresses: string[];
  vlanId?: number;
  timeRemaining?: number;
  /** `Peer Source MAC` (newer IOS-XE). */
  peerMac?: string;
  med: Record<string, string>;
  power: Record<string, string>;
}

export function parseShowLldpNeighbors(raw: string): LldpNeighbor[] {
  const lines = cleanLines(raw);
  if (lines.some((l) => /LLDP is not enabled/i.test(l))) return [];
  const h = findHeader(lines, ['Device ID', 'Local Intf', 'Hold-time', 'Capability', 'Port ID']);
  expect(h, 'show lldp neighbors', 'header "Device ID Local Intf Hold-time Capability Port ID" not found');
  const out: LldpNeighbor[] = [];
  for (const line of lines.slice(h.index + 1)) {
    if (!line.trim()) continue;
    if (/^Total entries displayed/i.test(line.trim())) break;
    // the device id column is 20 wide and may run into the interface (`long_name_swt.josh-vGi0/2`)
    const [id, local, hold, cap, port] = splitRow(line, h.columns, { hardCut: [0] }).map((c) => c.trim());
    expect(local && /^\d+$/.test(hold), 'show lldp neighbors', `unexpected line '${line.trim().slice(0, 60)}'`);
    out.push({ deviceId: id, localInterface: local, holdtime: toInt(hold), capabilities: cap, portId: port });
  }
  return out;
}

export function parseShowLldpNeighborsDetail(raw: string): LldpNeighborDetail[] {
  const lines = cleanLines(raw);
  if (lines.some((l) => /LLDP is not enabled/i.test(l))) return [];
  const out: LldpNeighborDetail[] = [];
  let cur: LldpNeighborDetail | undefined;
  let section: 'desc' | 'mgmt' | 'power' | undefined;
  let desc: string[] = [];
  const fresh = (): LldpNeighborDetail => ({
    localInterface: '',
    chassisId: '',
    portId: '',
    portDescription: '',
    systemName: '',
    systemDescription: '',
    systemDescriptionText: '',
    systemCapabilities: '',
    enabledCapabilities: '',
    managementAddresses: [],
    med: {},
    power: {},
  });
  const endDesc = () => {
    if (cur && desc.length) {
      cur.systemDescription = desc[0];
      cur.systemDescriptionText = desc.join('\n');
    }
    desc = [];
  };
  // a record starts at `Local Intf:` or, in releases without it, at `Chassis id:`
  for (const line of lines) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if (/^-{10,}$/.test(t)) {
      endDesc();
      cur = undefined;
      section = undefined;
      continue;
    }
    if (/^Total entries displayed/i.test(t)) break;
    if (section === 'desc') {
      if (t === '' && desc.length) {
        endDesc();
        section = undefined;
        continue;
      }
      if (t === '') continue;
      if (!/^Time remaining:/.test(t)) {
        desc.push(t);
        continue;
      }
      endDesc();
      section = undefined;
    }
    if ((m = /^Local Intf:\s*(.*)$/.exec(t))) {
      cur = fresh();
      out.push(cur);
      cur.localInterface = m[1].trim();
      continue;
    }
    if ((m = /^Chassis id:\s*(.*)$/.exec(t))) {
      if (!cur || cur.chassisId) {
        cur = fresh();
        out.push(cur);
      }
      cur.chassisId = m[1].trim();
      continue;
    }
    if (!cur) {
      if (t) expect(false, 'show lldp neighbors detail', `unexpected line '${t.slice(0, 60)}'`);
      continue;
    }
    if ((m = /^Port id:\s*(.*)$/.exec(t))) cur.portId = m[1].trim();
    else if ((m = /^Port Description(?::\s*(.*)| - not advertised)$/.exec(t))) cur.portDescription = (m[1] ?? '').trim();
    else if ((m = /^System Name(?::\s*(.*)| - not advertised)$/.exec(t))) cur.systemName = (m[1] ?? '').trim();
    else if ((m = /^System Description(?::\s*(.*)| - not advertised)$/.exec(t))) {
      if (m[1]?.trim()) desc.push(m[1].trim());
      if (m[0].endsWith(':') || m[1] !== undefined) section = 'desc';
    } else if ((m = /^Time remaining:\s*(\d+)/.exec(t))) cur.timeRemaining = Number(m[1]);
    else if ((m = /^System Capabilities:\s*(.*)$/.exec(t))) cur.systemCapabilities = m[1].trim();
    else if ((m = /^Enabled Capabilities:\s*(.*)$/.exec(t))) cur.enabledCapabilities = m[1].trim();
    else if (/^Management Addresses:/.test(t)) section = 'mgmt';
    else if (/^Management Addresses - not advertised/.test(t)) section = undefined;
    else if ((m = /^IP(?:V6|v6)?:\s*(\S+)/.exec(t)) && section === 'mgmt') cur.managementAddresses.push(m[1]);
    else if ((m = /^Vlan ID:\s*(\d+)/.exec(t))) cur.vlanId = Number(m[1]);
    else if ((m = /^Peer Source MAC:\s*(\S+)/.exec(t))) cur.peerMac = m[1];
    else if (/^Power via MDI:/.test(t)) section = 'power';
    else if ((m = /^Power (Pair|Class|Device Type|Source|Priority|Requested|Allocated):\s*(.*)$/.exec(t)) && section === 'power') cur.power[m[1]] = m[2].trim();
    else if ((m = /^(H\/W revision|F\/W revision|S\/W revision|Serial number|Manufacturer|Model|Device type):\s*(.*)$/.exec(t))) cur.med[m[1]] = m[2].trim();
    else if (/^(Auto Negotiation|Physical media|Media Attachment|MED Information|Vlan ID)/.test(t)) section = undefined;
  }
  endDesc();
  return out;
}
