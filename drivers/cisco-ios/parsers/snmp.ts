// show snmp community. Community names are kept (a check must be able to flag `public`); the runner
// redacts them from evidence.
import { cleanLines } from './util.js';

export interface SnmpCommunityEntry {
  name: string;
  index: string;
  securityName: string;
  storageType: string;
  status: string;
  accessList: string;
}

export function parseShowSnmpCommunity(raw: string): SnmpCommunityEntry[] {
  const lines = cleanLines(raw);
  const out: SnmpCommunityEntry[] = [];
  let cur: SnmpCommunityEntry | undefined;
  for (const line of lines) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^Community name:\s*(.*)$/.exec(t))) {
      cur = { name: m[1].trim(), index: '', securityName: '', storageType: '', status: '', accessList: '' };
      out.push(cur);
    } else if (!cur) {
      if (t && !/^%?\s*SNMP agent not enabled/i.test(t)) throw new Error(`not 'show snmp community' output: unexpected line '${t.slice(0, 60)}'`);
    } else if ((m = /^Community Index:\s*(.*)$/.exec(t))) cur.index = m[1].trim();
    else if ((m = /^Community SecurityName:\s*(.*)$/.exec(t))) cur.securityName = m[1].trim();
    else if ((m = /^storage-type:\s*(\S+)\s*(\S+)?(?:\s+access-list:\s*(\S+))?/.exec(t))) {
      cur.storageType = m[1];
      cur.status = m[2] ?? '';
      cur.accessList = m[3] ?? '';
    }
  }
  return out;
}

export interface SnmpUser {
  name: string;
  engineId: string;
  storageType: string;
  accessList: string;
  /** `SHA`, `MD5`, `None`. */
  authProtocol: string;
  /** `AES128`, `DES`, `-` / `None`. */
  privProtocol: string;
  group: string;
}

/** show snmp user (SNMPv3 users are not shown in running-config). */
export function parseShowSnmpUser(raw: string): SnmpUser[] {
  const lines = cleanLines(raw);
  const out: SnmpUser[] = [];
  let cur: SnmpUser | undefined;
  for (const line of lines) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^User name:\s*(.*)$/.exec(t))) {
      cur = { name: m[1].trim(), engineId: '', storageType: '', accessList: '', authProtocol: '', privProtocol: '', group: '' };
      out.push(cur);
    } else if (!cur) {
      if (t && !/^%?\s*SNMP agent not enabled/i.test(t)) throw new Error(`not 'show snmp user' output: unexpected line '${t.slice(0, 60)}'`);
    } else if ((m = /^Engine ID:\s*(\S*)/.exec(t))) cur.engineId = m[1];
    else if ((m = /^storage-type:\s*(\S+)(?:\s+\S+)?(?:\s+access-list:\s*(\S+))?/.exec(t))) {
      cur.storageType = m[1];
      cur.accessList = m[2] ?? '';
    } else if ((m = /^Authentication Protocol:\s*(\S+)/.exec(t))) cur.authProtocol = m[1];
    else if ((m = /^Privacy Protocol:\s*(\S+)/.exec(t))) cur.privProtocol = m[1];
    else if ((m = /^Group-name:\s*(\S+)/.exec(t))) cur.group = m[1];
  }
  return out;
}
