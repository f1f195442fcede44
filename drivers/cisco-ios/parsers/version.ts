// show version, show inventory.
import { cleanLines, expect } from './util.js';

export interface ShowVersion {
  hostname?: string;
  version?: string;
  release?: string;
  softwareImage?: string;
  /** `System image file is "..."` as printed (`flash:packages.conf`). */
  imageFile?: string;
  /** Image file without the file system (`packages.conf`). */
  runningImage?: string;
  rom?: string;
  uptime?: string;
  uptimeParts: { years?: number; weeks?: number; days?: number; hours?: number; minutes?: number };
  reloadReason?: string;
  restarted?: string;
  /** Model(s): the processor line, or the `Model Number` of each stack member. */
  hardware: string[];
  /** Serial number(s): `Processor board ID`, or the `System Serial Number` of each stack member. */
  serial: string[];
  macAddress: string[];
  configRegister?: string;
  licenseLevel?: string;
}

export function parseShowVersion(raw: string): ShowVersion {
  const lines = cleanLines(raw);
  const out: ShowVersion = { uptimeParts: {}, hardware: [], serial: [], macAddress: [] };
  const models: string[] = [];
  const sysSerials: string[] = [];
  let processorModel: string | undefined;
  let boardId: string | undefined;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if (out.version === undefined && /^(Cisco IOS Software|IOS \(tm\)|Cisco Internetwork Operating System)/.test(line)) {
      m = /Version\s+([^\s,]+)/.exec(line);
      if (m) out.version = m[1];
      m = /\(([A-Za-z0-9_\-]+)\),\s*Version/.exec(line);
      if (m) out.softwareImage = m[1];
      m = /RELEASE SOFTWARE \(([^)]+)\)/.exec(line) ?? /Version\s+[^\s,]+,\s*CUST-SPECIAL:(\S+)/.exec(line);
      out.release = m ? m[1] : undefined;
    } else if ((m = /^(\S+) uptime is (.+)$/.exec(line)) && !out.hostname) {
      out.hostname = m[1];
      out.uptime = m[2].trim();
      for (const part of out.uptime.split(',')) {
        const pm = /(\d+)\s+(year|week|day|hour|minute)s?/.exec(part);
        if (pm) (out.uptimeParts as Record<string, number>)[pm[2] + 's'] = Number(pm[1]);
      }
    } else if ((m = /^ROM:\s*(.+)$/.exec(line))) out.rom = m[1].trim();
    else if ((m = /^Last reload reason:\s*(.+)$/.exec(line))) out.reloadReason = m[1].trim();
    else if ((m = /^System returned to ROM by (.+?)(?: at \d.*)?$/.exec(line))) out.reloadReason ??= m[1].trim();
    else if ((m = /^System restarted at (.+)$/.exec(line))) out.restarted = m[1].trim();
    else if ((m = /^System image file is "([^"]*)"/.exec(line))) {
      out.imageFile = m[1];
      out.runningImage = m[1].replace(/^[\w\-]+:/, '');
    } else if ((m = /^[Cc]isco (\S+) (?:\(.*?\) )*(?:processor )?(?:\(revision [^)]*\) )?with .*bytes of (?:physical )?memory/.exec(line))) processorModel ??= m[1];
    else if ((m = /^Processor board ID (\S+?),?(?:\s|$)/.exec(line))) boardId ??= m[1];
    else if ((m = /^Model [Nn]umber\s*:\s*(\S+)/.exec(line))) models.push(m[1]);
    else if ((m = /^System [Ss]erial [Nn]umber\s*:\s*(\S+)/.exec(line))) sysSerials.push(m[1]);
    else if ((m = /^Base [Ee]thernet MAC [Aa]ddress\s*:\s*(\S+)/.exec(line))) out.macAddress.push(m[1]);
    else if ((m = /^Configuration register is (\S+)/.exec(line))) out.configRegister = m[1];
    else if ((m = /^License Level:\s*(\S+)/.exec(line))) out.licenseLevel = m[1];
  }
  // 'Configuration register is 0x2102 (will be 0x2142 at next reload)'
  out.hardware = models.length ? models : processorModel ? [processorModel] : [];
  out.serial = sysSerials.length ? sysSerials : boardId ? [boardId] : [];
  expect(out.version !== undefined || out.hostname !== undefined, 'show version', 'no "Cisco IOS Software ... Version" line and no "uptime is" line');
  return out;
}

export interface InventoryItem {
  name: string;
  descr: string;
  pid: string;
  vid: string;
  sn: string;
}

export function parseShowInventory(raw: string): InventoryItem[] {
  const lines = cleanLines(raw);
  const out: InventoryItem[] = [];
  let cur: InventoryItem | undefined;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = /^NAME:\s*"(.*?)",\s*DESCR:\s*"(.*)"\s*$/.exec(line))) {
      cur = { name: m[1], descr: m[2], pid: '', vid: '', sn: '' };
      out.push(cur);
    } else if ((m = /^\s*PID:\s*(.*?)\s*,\s*VID:\s*(.*?)\s*,\s*SN:\s*(.*?)\s*$/.exec(line))) {
      expect(cur, 'show inventory', 'PID line without NAME line');
      cur.pid = m[1];
      cur.vid = m[2];
      cur.sn = m[3];
    } else if (line.trim() && !cur) {
      expect(false, 'show inventory', `unexpected line '${line.trim().slice(0, 60)}'`);
    }
  }
  return out;
}
