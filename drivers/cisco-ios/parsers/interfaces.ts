// show interfaces (full), show ip interface brief.
import { cleanLines, expect, findHeader, splitRow } from './util.js';

export interface InterfaceDetail {
  name: string;
  /** `up`, `down`, `administratively down`, `reset`, `deleted`. */
  linkStatus: string;
  /** As printed: `up (connected)`, `down (notconnect)`, `up`. */
  protocolStatus: string;
  /** `up` or `down` (first word of protocolStatus). */
  lineProtocol: string;
  hardware: string;
  macAddress: string;
  bia: string;
  description: string;
  ipAddress: string;
  prefixLength?: number;
  mtu?: number;
  /** Bandwidth in kbit/s. */
  bandwidthKbit?: number;
  delay: string;
  encapsulation: string;
  vlanId?: number;
  vlanIdOuter?: number;
  vlanIdInner?: number;
  duplex: string;
  speed: string;
  mediaType: string;
  lastInput: string;
  lastOutput: string;
  lastOutputHang: string;
  queueStrategy: string;
  inputQueue?: { size: number; max: number; drops: number; flushes: number };
  totalOutputDrops?: number;
  inputRate?: number;
  inputPps?: number;
  outputRate?: number;
  outputPps?: number;
  counters: Record<string, number>;
}

const HEAD = /^(\S+) is ((?:administratively )?down|up|reset|deleted|initializing|testing|standby|monitoring)\s*(?:\([^)]*\))?\s*,\s*line protocol is (.*?)\s*$/;

export function parseShowInterfaces(raw: string): InterfaceDetail[] {
  const lines = cleanLines(raw);
  const out: InterfaceDetail[] = [];
  let cur: InterfaceDetail | undefined;
  for (const line of lines) {
    let m = HEAD.exec(line);
    if (m) {
      cur = {
        name: m[1],
        linkStatus: m[2],
        protocolStatus: m[3],
        lineProtocol: m[3].split(/\s/)[0],
        hardware: '',
        macAddress: '',
        bia: '',
        description: '',
        ipAddress: '',
        delay: '',
        encapsulation: '',
        duplex: '',
        speed: '',
        mediaType: '',
        lastInput: '',
        lastOutput: '',
        lastOutputHang: '',
        queueStrategy: '',
        counters: {},
      };
      out.push(cur);
      continue;
    }
    const t = line.trim();
    if (!cur) {
      if (t) expect(false, 'show interfaces', `unexpected line '${t.slice(0, 60)}' before the first "<name> is up, line protocol is up"`);
      continue;
    }
    if ((m = /^Hardware is (.*?)(?:, address is (\S+)(?: \(bia (\S+)\))?)?\s*$/.exec(t))) {
      cur.hardware = m[1].trim();
      cur.macAddress = m[2] ?? '';
      cur.bia = m[3] ?? '';
    } else if ((m = /^Description:\s?(.*)$/.exec(t))) cur.description = m[1].trim();
    else if ((m = /^Internet address is (\d+\.\d+\.\d+\.\d+)\/(\d+)/.exec(t))) {
      cur.ipAddress = m[1];
      cur.prefixLength = Number(m[2]);
    } else if ((m = /^MTU (\d+) bytes(?:, BW (\d+) Kbit(?:\/sec)?)?(?:, DLY (\d+ [a-z]+))?/.exec(t))) {
      cur.mtu = Number(m[1]);
      if (m[2]) cur.bandwidthKbit = Number(m[2]);
      if (m[3]) cur.delay = m[3].replace(/,$/, '');
    } else if ((m = /^Encapsulation (.*?)(?:, Vlan ID\s+(\d+)\.?)?(?:, outer ID\s+(\d+), inner ID\s+(\d+))?(?:, loopback (?:not )?set)?\.?\s*$/.exec(t))) {
      cur.encapsulation = m[1].trim();
      if (m[2]) cur.vlanId = Number(m[2]);
      if (m[3]) {
        cur.vlanIdOuter = Number(m[3]);
        cur.vlanIdInner = Number(m[4]);
      }
    } else if ((m = /^((?:Full|Half|Auto|Unknown)[- ]?(?:[Dd]uplex)?|Unknown),\s*([^,]+?)(?:,\s*(.*))?$/.exec(t)) && /duplex|Unknown/i.test(m[1])) {
      cur.duplex = m[1];
      cur.speed = m[2].trim();
      const rest = m[3] ?? '';
      const mt = /media type is\s*(.*)$/.exec(rest);
      cur.mediaType = mt ? mt[1].trim() : /link type/.test(rest) ? '' : rest.trim();
    } else if ((m = /^Last input ([^,]*), output ([^,]*), output hang (.*)$/.exec(t))) {
      cur.lastInput = m[1].trim();
      cur.lastOutput = m[2].trim();
      cur.lastOutputHang = m[3].trim();
    } else if ((m = /^Input queue: (\d+)\/(\d+)\/(\d+)\/(\d+) \(size\/max\/drops\/flushes\); Total output drops: (\d+)/.exec(t))) {
      cur.inputQueue = { size: Number(m[1]), max: Number(m[2]), drops: Number(m[3]), flushes: Number(m[4]) };
      cur.totalOutputDrops = Number(m[5]);
    } else if ((m = /^Queueing strategy: (.*)$/.exec(t))) cur.queueStrategy = m[1].trim();
    else if ((m = /^\d+ (?:minute|second) (input|output) rate (\d+) bits\/sec, (\d+) packets\/sec/.exec(t))) {
      if (m[1] === 'input') {
        cur.inputRate = Number(m[2]);
        cur.inputPps = Number(m[3]);
      } else {
        cur.outputRate = Number(m[2]);
        cur.outputPps = Number(m[3]);
      }
    } else if (/^\d+ [a-z]/.test(t)) {
      // counter lines: `0 runts, 0 giants, 0 throttles`, `324 packets input, 48614 bytes, 0 no buffer`
      for (const part of t.split(',')) {
        const c = /^\s*(\d+)\s+(.+?)\s*$/.exec(part);
        if (c) cur.counters[c[2]] = Number(c[1]);
      }
    }
  }
  expect(out.length || !lines.some((l) => l.trim()), 'show interfaces', 'no "<name> is up, line protocol is up" line');
  return out;
}

export interface IpInterfaceBrief {
  interface: string;
  ipAddress: string;
  ok: string;
  method: string;
  status: string;
  protocol: string;
}

export function parseShowIpInterfaceBrief(raw: string): IpInterfaceBrief[] {
  const lines = cleanLines(raw);
  const h = findHeader(lines, ['Interface', 'IP-Address', 'OK?', 'Method', 'Status', 'Protocol']);
  expect(h, 'show ip interface brief', 'header "Interface IP-Address OK? Method Status Protocol" not found');
  const out: IpInterfaceBrief[] = [];
  let pending: string | undefined;
  for (const line of lines.slice(h.index + 1)) {
    if (!line.trim()) continue;
    const [name, ip, ok, method, status, proto] = splitRow(line, h.columns).map((c) => c.trim());
    if (name && !ip && !ok && !status) {
      // very long interface name on its own line
      pending = name;
      continue;
    }
    expect(ip && status, 'show ip interface brief', `unexpected line '${line.trim().slice(0, 60)}'`);
    out.push({ interface: pending ?? name, ipAddress: ip, ok, method, status, protocol: proto });
    pending = undefined;
  }
  return out;
}
