// show interfaces switchport, show interfaces trunk.
import { cleanLines, expect, findHeader, isRule } from './util.js';

export interface Switchport {
  interface: string;
  switchport: boolean;
  /** `static access`, `trunk`, `dynamic auto`, `dynamic desirable`, `private-vlan host`, ... */
  adminMode: string;
  /** `static access`, `trunk`, `down`, ... */
  operationalMode: string;
  negotiation: string;
  encapsulation: string;
  accessVlan?: number;
  accessVlanName?: string;
  /** `unassigned` and the like when access VLAN is not a number. */
  accessVlanText: string;
  nativeVlan?: number;
  voiceVlan?: number;
  voiceVlanText: string;
  /** Allowed VLANs on a trunk as printed without spaces: `ALL`, `1,10-20`. Use expandVlanList(). */
  trunkingVlans: string;
  pruningVlans: string;
  protected?: boolean;
  fields: Record<string, string>;
}

export function parseShowInterfacesSwitchport(raw: string): Switchport[] {
  const lines = cleanLines(raw);
  const out: Switchport[] = [];
  let cur: Switchport | undefined;
  let lastKey: string | undefined;
  for (const line of lines) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^Name:\s*(\S+)/.exec(t))) {
      cur = { interface: m[1], switchport: false, adminMode: '', operationalMode: '', negotiation: '', encapsulation: '', accessVlanText: '', voiceVlanText: '', trunkingVlans: '', pruningVlans: '', fields: {} };
      out.push(cur);
      lastKey = undefined;
      continue;
    }
    if (!t) {
      lastKey = undefined;
      continue;
    }
    if (!cur) {
      expect(false, 'show interfaces switchport', `unexpected line '${t.slice(0, 60)}' before the first "Name:"`);
      continue;
    }
    // continuation of a VLAN list (`Trunking VLANs Enabled: 1,12,...,604,` / `     900,910`)
    if (/^\s/.test(line) && lastKey && /^[\d,\-\s]+$/.test(t)) {
      cur.fields[lastKey] += t;
      apply(cur, lastKey, cur.fields[lastKey]);
      continue;
    }
    const i = t.indexOf(':');
    if (i < 0) continue; // `Capture Mode Disabled`
    const key = t.slice(0, i).trim();
    const value = t.slice(i + 1).trim();
    cur.fields[key] = value;
    lastKey = key;
    apply(cur, key, value);
  }
  return out;
}

function apply(cur: Switchport, key: string, value: string) {
  const vlanOf = (v: string) => /^(\d+)(?:\s+\((.*)\))?/.exec(v);
  switch (key) {
    case 'Switchport':
      cur.switchport = /^enabled$/i.test(value);
      break;
    case 'Administrative Mode':
      cur.adminMode = value;
      break;
    case 'Operational Mode':
      cur.operationalMode = value;
      break;
    case 'Negotiation of Trunking':
      cur.negotiation = value;
      break;
    case 'Administrative Trunking Encapsulation':
      cur.encapsulation = value;
      break;
    case 'Access Mode VLAN': {
      cur.accessVlanText = value;
      const m = vlanOf(value);
      cur.accessVlan = m ? Number(m[1]) : undefined;
      cur.accessVlanName = m?.[2];
      break;
    }
    case 'Trunking Native Mode VLAN': {
      const m = vlanOf(value);
      cur.nativeVlan = m ? Number(m[1]) : undefined;
      break;
    }
    case 'Voice VLAN': {
      cur.voiceVlanText = value;
      const m = vlanOf(value);
      cur.voiceVlan = m ? Number(m[1]) : undefined;
      break;
    }
    case 'Trunking VLANs Enabled':
      cur.trunkingVlans = value.replace(/\s+/g, '');
      break;
    case 'Pruning VLANs Enabled':
      cur.pruningVlans = value.replace(/\s+/g, '');
      break;
    case 'Protected':
      cur.protected = /^true$/i.test(value);
      break;
  }
}

export interface TrunkPort {
  port: string;
  mode: string;
  encapsulation: string;
  status: string;
  nativeVlan?: number;
  /** `Vlans allowed on trunk` as printed without spaces (`1-4094`, `10,20`); `none` → ''. */
  allowed: string;
  /** `Vlans allowed and active in management domain`. */
  active: string;
  /** `Vlans in spanning tree forwarding state and not pruned`. */
  forwarding: string;
}

/** show interfaces trunk: four tables (status, allowed, active, forwarding), each with wrapped VLAN lists. */
export function parseShowInterfacesTrunk(raw: string): TrunkPort[] {
  const lines = cleanLines(raw);
  const h = findHeader(lines, ['Port', 'Mode', 'Encapsulation', 'Status', 'Native vlan']);
  if (!h) {
    // no trunks at all: IOS prints nothing
    expect(!lines.some((l) => l.trim()), 'show interfaces trunk', 'header "Port Mode Encapsulation Status Native vlan" not found');
    return [];
  }
  const out: TrunkPort[] = [];
  const byPort = new Map<string, TrunkPort>();
  let i = h.index + 1;
  for (; i < lines.length; i++) {
    const t = lines[i].trim();
    if (!t) break;
    if (isRule(t)) continue;
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\s*$/.exec(t);
    expect(m, 'show interfaces trunk', `unexpected line '${t.slice(0, 60)}'`);
    const p: TrunkPort = { port: m[1], mode: m[2], encapsulation: m[3], status: m[4], nativeVlan: Number(m[5]), allowed: '', active: '', forwarding: '' };
    out.push(p);
    byPort.set(p.port, p);
  }
  const sections: Array<[RegExp, keyof TrunkPort]> = [
    [/^Port\s+Vlans allowed on trunk/i, 'allowed'],
    [/^Port\s+Vlans allowed and active/i, 'active'],
    [/^Port\s+Vlans in spanning tree forwarding/i, 'forwarding'],
  ];
  let field: keyof TrunkPort | undefined;
  let last: TrunkPort | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (!t) {
      field = undefined;
      continue;
    }
    const s = sections.find(([re]) => re.test(t));
    if (s) {
      field = s[1];
      last = undefined;
      continue;
    }
    if (!field) continue;
    const m = /^(\S+)\s+(.*)$/.exec(line);
    if (/^\s/.test(line) && last) {
      (last[field] as string) += t.replace(/\s+/g, '');
    } else if (m && byPort.has(m[1])) {
      const p = byPort.get(m[1])!;
      const v = /^none$/i.test(m[2].trim()) ? '' : m[2].trim().replace(/\s+/g, '');
      // long lists continue on a new line that repeats the port name
      if (p === last && p[field]) (p[field] as string) += (String(p[field]).endsWith(',') || v.startsWith(',') ? '' : ',') + v;
      else (p[field] as string) = v;
      last = p;
    } else if (m && /^[\d,\-]+$/.test(m[1]) && last) {
      (last[field] as string) += t.replace(/\s+/g, '');
    }
  }
  return out;
}
