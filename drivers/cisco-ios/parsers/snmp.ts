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
