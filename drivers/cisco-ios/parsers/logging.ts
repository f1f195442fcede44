// show logging: the settings (syslog hosts, levels) and the buffered messages.
import { cleanLines, expect } from './util.js';

export interface LogMessage {
  number: string;
  month: string;
  day: string;
  time: string;
  timezone: string;
  facility: string;
  severity?: number;
  mnemonic: string;
  /** Message text; continuation lines are further elements. */
  message: string[];
}

export interface ShowLogging {
  syslogEnabled?: boolean;
  console: string;
  monitor: string;
  buffer: string;
  /** Trap level (what goes to the syslog hosts): `informational`, `debugging`, ... */
  trapLevel: string;
  /** `Logging to <host>` entries. */
  hosts: Array<{ host: string; transport: string; port?: number; vrf?: string }>;
  sourceInterface: string;
  messages: LogMessage[];
}

const MSG = /^(?:(\d+): )?[*.]?(?:(\w{3})\s+(\d{1,2}) )?(?:(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?: ([A-Za-z]{2,5}))?: )?%?([A-Z][A-Z0-9_]*)-(?:(\d)-)?([A-Z0-9_]+): ?(.*)$/;

export function parseShowLogging(raw: string): ShowLogging {
  const lines = cleanLines(raw);
  const out: ShowLogging = { console: '', monitor: '', buffer: '', trapLevel: '', hosts: [], sourceInterface: '', messages: [] };
  let inBuffer = false;
  let last: LogMessage | undefined;
  let known = false;
  for (const line of lines) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if (!inBuffer) {
      if ((m = /^Syslog logging: (enabled|disabled)/.exec(t))) {
        out.syslogEnabled = m[1] === 'enabled';
        known = true;
      } else if ((m = /^Console logging: (.*?)(?:,|$)/.exec(t))) out.console = m[1].trim();
      else if ((m = /^Monitor logging: (.*?)(?:,|$)/.exec(t))) out.monitor = m[1].trim();
      else if ((m = /^Buffer logging:\s*(.*?)(?:,|$)/.exec(t))) out.buffer = m[1].trim();
      else if ((m = /^Trap logging: level (\w+)/.exec(t))) out.trapLevel = m[1];
      else if ((m = /^Logging to (\S+)\s*(?:\((\w+) port (\d+))?/.exec(t) ?? /^Logging to (\S+)/.exec(t))) {
        const vrf = /vrf (\S+?)[,)]/i.exec(t);
        out.hosts.push({ host: m[1], transport: m[2] ?? 'udp', port: m[3] ? Number(m[3]) : undefined, ...(vrf ? { vrf: vrf[1] } : {}) });
      } else if ((m = /^Logging Source-Interface:\s*(\S+)?/.exec(t)) && m[1] && m[1] !== 'VRF') out.sourceInterface = m[1];
      else if (/^Log Buffer \(\d+ bytes\):/.test(t)) {
        inBuffer = true;
        known = true;
      } else if (!known && (m = MSG.exec(t))) {
        // output of `show logging` filtered to messages only
        inBuffer = true;
      }
      if (!inBuffer) continue;
      if (/^Log Buffer/.test(t)) continue;
    }
    if (!t) continue;
    if ((m = MSG.exec(t))) {
      last = { number: m[1] ?? '', month: m[2] ?? '', day: m[3] ?? '', time: m[4] ?? '', timezone: m[5] ?? '', facility: m[6], severity: m[7] ? Number(m[7]) : undefined, mnemonic: m[8], message: [m[9]] };
      out.messages.push(last);
    } else if (last) last.message.push(t);
  }
  expect(known || out.messages.length, 'show logging', 'no "Syslog logging:" line, no "Log Buffer" and no messages');
  return out;
}
