// show ip ssh.
import { cleanLines, expect } from './util.js';

export interface ShowIpSsh {
  enabled: boolean;
  /** As printed: `2.0`, `1.99` (v1 and v2), `1.5`. */
  version: string;
  /** Protocol versions accepted: 1.99 → [1, 2]. */
  versions: number[];
  authenticationTimeout?: number;
  authenticationRetries?: number;
  authenticationMethods: string[];
  encryptionAlgorithms: string[];
  macAlgorithms: string[];
  kexAlgorithms: string[];
  hostkeyAlgorithms: string[];
  minDhKeySize?: number;
  /** True when IOS says RSA keys are missing. */
  keysMissing: boolean;
}

export function parseShowIpSsh(raw: string): ShowIpSsh {
  const lines = cleanLines(raw);
  const out: ShowIpSsh = { enabled: false, version: '', versions: [], authenticationMethods: [], encryptionAlgorithms: [], macAlgorithms: [], kexAlgorithms: [], hostkeyAlgorithms: [], keysMissing: false };
  let seen = false;
  const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
  for (const line of lines) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^SSH (Enabled|Disabled)\s*-\s*version\s+(\S+)/i.exec(t))) {
      seen = true;
      out.enabled = /enabled/i.test(m[1]);
      out.version = m[2];
      out.versions = m[2] === '1.99' ? [1, 2] : [Math.floor(Number(m[2]))].filter((n) => n > 0);
    } else if ((m = /Authentication timeout:\s*(\d+) secs?;?\s*Authentication retries:\s*(\d+)/i.exec(t))) {
      out.authenticationTimeout = Number(m[1]);
      out.authenticationRetries = Number(m[2]);
    } else if ((m = /^Authentication methods:\s*(.*)$/i.exec(t))) out.authenticationMethods = list(m[1]);
    else if ((m = /^Encryption Algorithms:\s*(.*)$/i.exec(t))) out.encryptionAlgorithms = list(m[1]);
    else if ((m = /^MAC Algorithms:\s*(.*)$/i.exec(t))) out.macAlgorithms = list(m[1]);
    else if ((m = /^KEX Algorithms:\s*(.*)$/i.exec(t))) out.kexAlgorithms = list(m[1]);
    else if ((m = /^Hostkey Algorithms:\s*(.*)$/i.exec(t))) out.hostkeyAlgorithms = list(m[1]);
    else if ((m = /^Minimum expected Diffie Hellman key size\s*:\s*(\d+)/i.exec(t))) out.minDhKeySize = Number(m[1]);
    else if (/create RSA keys/i.test(t)) out.keysMissing = true;
  }
  expect(seen, 'show ip ssh', 'no "SSH Enabled/Disabled - version" line');
  return out;
}
