// DNS queries against a chosen server (host[:port]) with dns-packet over UDP, so the answer
// (rcode, authority flag, records) is observed exactly as the server gave it.
import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import dnsPacket from 'dns-packet';
import { ObservationError, type Gathered } from '../../src/core/types.js';

export interface DnsRecord {
  name: string;
  type: string;
  ttl: number;
  value: string;
}
export interface DnsAnswer {
  server: string;
  name: string;
  type: string;
  rcode: string;
  authoritative: boolean;
  answers: DnsRecord[];
}

function recordValue(a: dnsPacket.Answer): string {
  const d = (a as { data?: unknown }).data;
  if (a.type === 'MX') {
    const m = d as { preference: number; exchange: string };
    return `${m.preference} ${m.exchange}`;
  }
  if (a.type === 'SRV') {
    const s = d as { priority: number; weight: number; port: number; target: string };
    return `${s.priority} ${s.weight} ${s.port} ${s.target}`;
  }
  if (a.type === 'TXT') return ([] as unknown[]).concat(d).map((x) => (Buffer.isBuffer(x) ? x.toString() : String(x))).join('');
  if (a.type === 'SOA') {
    const s = d as { mname: string; rname: string; serial: number };
    return `${s.mname} ${s.rname} ${s.serial}`;
  }
  return String(d);
}

export function parseServer(server: string): { host: string; port: number } {
  const m = /^\[(.+)\]:(\d+)$/.exec(server) ?? /^([^:]+):(\d+)$/.exec(server);
  if (m) return { host: m[1], port: Number(m[2]) };
  return { host: server, port: 53 };
}

export function queryDns(server: string, name: string, type: string, timeoutMs: number, signal: AbortSignal): Promise<Gathered> {
  const { host, port } = parseServer(server);
  const command = `dig @${host} -p ${port} ${name} ${type}`;
  if (!isIP(host)) return Promise.reject(new ObservationError(`DNS server must be an IP address, got '${host}'`, '', command));
  const id = Math.floor(Math.random() * 65535);
  const query = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: type as dnsPacket.RecordType, name }] });
  return new Promise((resolve, reject) => {
    const sock = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
    const done = (fn: () => void) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      sock.close();
      fn();
    };
    const timer = setTimeout(() => done(() => reject(new ObservationError(`DNS server ${server} gaf geen antwoord binnen ${timeoutMs / 1000} s`, '', command))), timeoutMs);
    const onAbort = () => done(() => reject(new ObservationError('afgebroken', '', command)));
    signal.addEventListener('abort', onAbort, { once: true });
    sock.on('message', (msg) => {
      let p: dnsPacket.Packet;
      try {
        p = dnsPacket.decode(msg);
      } catch (err) {
        return done(() => reject(new ObservationError(`onleesbaar DNS-antwoord: ${(err as Error).message}`, msg.toString('hex'), command)));
      }
      if (p.id !== id) return;
      const answers = (p.answers ?? []).map((a) => ({ name: a.name, type: a.type, ttl: (a as { ttl?: number }).ttl ?? 0, value: recordValue(a) }));
      const parsed: DnsAnswer = {
        server,
        name,
        type,
        rcode: (p as { rcode?: string }).rcode ?? 'NOERROR',
        authoritative: Boolean((p.flags ?? 0) & dnsPacket.AUTHORITATIVE_ANSWER),
        answers,
      };
      const raw = `;; ->>HEADER<<- status: ${parsed.rcode}, id: ${p.id}${parsed.authoritative ? ', flags: aa' : ''}\n;; QUESTION: ${name} ${type}\n;; ANSWER:\n${answers
        .map((a) => `${a.name}\t${a.ttl}\tIN\t${a.type}\t${a.value}`)
        .join('\n')}`;
      done(() => resolve({ command, transport: 'dns', raw, parsed }));
    });
    sock.on('error', (err) => done(() => reject(new ObservationError(`DNS: ${err.message}`, '', command))));
    sock.send(query, port, host);
  });
}
