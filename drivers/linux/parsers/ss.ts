// `ss -Htulnp` (and `ss` with a header, `ss -a`): sockets with the owning processes.
import { lines } from './util.js';

export interface SsProcess {
  name: string;
  pid: number;
  fd?: number;
}
export interface Socket {
  netid: string;
  state: string;
  recvQ: number;
  sendQ: number;
  localAddress: string;
  localPort: string;
  /** Numeric port (undefined for `*` or unix/netlink sockets). */
  port?: number;
  peerAddress: string;
  peerPort: string;
  /** Interface from `addr%if`. */
  interface?: string;
  processes: SsProcess[];
  uid?: number;
  inode?: number;
}

const STATES = new Set(['LISTEN', 'UNCONN', 'ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSING', 'CLOSED', 'UNKNOWN']);

/** Split `addr:port`, `[v6]:port`, `addr%if:port`, `*:port`, `:::22`. */
export function splitEndpoint(s: string): { address: string; port: string; interface?: string } {
  let address: string;
  let port: string;
  const i = s.lastIndexOf(':');
  if (i < 0) return { address: s, port: '' };
  address = s.slice(0, i);
  port = s.slice(i + 1);
  let iface: string | undefined;
  const m = /^(.*)%([^\]%]+)$/.exec(address);
  if (m) {
    address = m[1]!;
    iface = m[2];
  }
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  if (address === '::' || address === '') address = address === '' ? '*' : '::';
  return { address, port, ...(iface ? { interface: iface } : {}) };
}

export function parseUsers(s: string): SsProcess[] {
  const out: SsProcess[] = [];
  const re = /\("((?:[^"\\]|\\.)*)",pid=(\d+)(?:,fd=(\d+))?\)/g;
  for (let m; (m = re.exec(s)); ) out.push({ name: m[1]!, pid: Number(m[2]), ...(m[3] ? { fd: Number(m[3]) } : {}) });
  return out;
}

export function parseSs(raw: string): Socket[] {
  const out: Socket[] = [];
  for (const l of lines(raw)) {
    if (/^\s*(Netid|State)\s+/.test(l)) continue; // header
    const w = l.trim().split(/\s+/);
    if (w.length < 5) continue;
    let i = 0;
    let netid = '';
    if (!STATES.has(w[0]!)) netid = w[i++]!;
    const state = w[i++]!;
    if (!STATES.has(state)) continue;
    const recvQ = Number(w[i++]);
    const sendQ = Number(w[i++]);
    const local = w[i++] ?? '';
    const peer = w[i++] ?? '';
    const rest = w.slice(i).join(' ');
    if (netid.startsWith('u_') || netid === 'nl' || netid.startsWith('p_') || netid === 'v_str' || netid === 'v_dgr') {
      // unix, netlink and packet sockets: no inet endpoint; kept for completeness.
      out.push({ netid, state, recvQ, sendQ, localAddress: local, localPort: '', peerAddress: peer, peerPort: '', processes: parseUsers(rest) });
      continue;
    }
    const le = splitEndpoint(local);
    const pe = splitEndpoint(peer);
    const uid = /\buid:(\d+)/.exec(rest);
    const ino = /\bino:(\d+)/.exec(rest);
    out.push({
      netid: netid || (/^\d/.test(le.port) ? '' : ''),
      state,
      recvQ,
      sendQ,
      localAddress: le.address,
      localPort: le.port,
      ...(/^\d+$/.test(le.port) ? { port: Number(le.port) } : {}),
      peerAddress: pe.address,
      peerPort: pe.port,
      ...(le.interface ? { interface: le.interface } : {}),
      processes: parseUsers(rest),
      ...(uid ? { uid: Number(uid[1]) } : {}),
      ...(ino ? { inode: Number(ino[1]) } : {}),
    });
  }
  return out;
}
