// The `net` driver: probes made from proeflab itself (the `harness` device of every pod):
// TCP port state, ICMP echo, HTTP(S) with certificate, DNS against a chosen server.
import { z } from 'zod';
import { ObservationError, type Driver } from '../../src/core/types.js';
import { queryDns } from './dns.js';
import { probeHttp } from './http.js';
import { probePing } from './ping.js';
import { probeTcp } from './tcp.js';

const TcpParams = z.object({ host: z.string(), port: z.number().int().min(1).max(65535) });
const PingParams = z.object({ host: z.string(), count: z.number().int().min(1).max(10).default(2) });
const HttpParams = z.object({ url: z.string(), method: z.enum(['GET', 'HEAD']).default('GET'), ca: z.string().optional(), servername: z.string().optional() });
const DnsParams = z.object({ server: z.string(), name: z.string(), type: z.string().default('A') });

export const netDriver: Driver = {
  platform: 'net',
  description: 'Probes from the harness: tcp, ping, http(s), dns',
  // A lab device with platform `net` is a host that is only examined from outside.
  roleKinds: ['host'],
  defaultMaxSessions: 8,
  facts: {
    'net.tcp': { description: 'TCP port state (open/closed/filtered)', params: TcpParams },
    'net.ping': { description: 'ICMP echo (ping)', params: PingParams },
    'net.http': { description: 'HTTP(S) response and TLS certificate', params: HttpParams },
    'net.dns': { description: 'DNS query against a given server', params: DnsParams },
  },
  async connect(device) {
    const timeout = device.timeoutMs ?? 15_000;
    return {
      async gather(fact, params, signal) {
        switch (fact) {
          case 'net.tcp': {
            const p = TcpParams.parse(params);
            return probeTcp(p.host, p.port, Math.min(timeout, 5_000), signal);
          }
          case 'net.ping': {
            const p = PingParams.parse(params);
            return probePing(p.host, p.count, Math.max(1, Math.min(5, Math.floor(timeout / 1000))));
          }
          case 'net.http': {
            const p = HttpParams.parse(params);
            return probeHttp(p.url, p, timeout, signal);
          }
          case 'net.dns': {
            const p = DnsParams.parse(params);
            return queryDns(p.server, p.name, p.type, Math.min(timeout, 5_000), signal);
          }
        }
        throw new ObservationError(`unknown fact ${fact}`);
      },
      async close() {},
    };
  },
};
