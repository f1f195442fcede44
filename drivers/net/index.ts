// The `net` driver: probes made from proeflab itself (the `harness` device of every pod):
// TCP port state, ICMP echo, HTTP(S) with certificate, DNS against a chosen server.
import { z } from 'zod';
import { ObservationError, type Driver } from '../../src/core/types.js';
import { queryDns } from './dns.js';
import { probeHttp } from './http.js';
import { probePing } from './ping.js';
import { probeTcp } from './tcp.js';
import { probeDhcp, probeFtp, probeSftp, probeSmb, probeSmtp } from './services.js';

const TcpParams = z.object({ host: z.string(), port: z.number().int().min(1).max(65535) });
const PingParams = z.object({ host: z.string(), count: z.number().int().min(1).max(10).default(2) });
const HttpParams = z.object({ url: z.string(), method: z.enum(['GET', 'HEAD']).default('GET'), ca: z.string().optional(), servername: z.string().optional() });
const DnsParams = z.object({ server: z.string(), name: z.string(), type: z.string().default('A') });
const SmtpParams = z.object({ host: z.string(), port: z.number().int().min(1).max(65535).default(25), helo: z.string().default('proeflab.invalid') });
const FtpParams = z.object({ host: z.string(), port: z.number().int().min(1).max(65535).default(21), username: z.string().optional(), password: z.string().optional() });
const SftpParams = z.object({ host: z.string(), port: z.number().int().min(1).max(65535).default(22), username: z.string(), password: z.string().optional(), path: z.string().default('.') });
const SmbParams = z.object({ host: z.string(), port: z.number().int().min(1).max(65535).default(445), share: z.string().optional(), username: z.string().optional(), password: z.string().optional(), domain: z.string().optional() });
const DhcpParams = z.object({ interface: z.string(), netns: z.string().optional() });

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
    'net.smtp': { description: 'SMTP banner and EHLO extensions', params: SmtpParams },
    'net.ftp': { description: 'FTP banner and (optionally) login', params: FtpParams },
    'net.sftp': { description: 'SFTP login and directory listing (ssh2)', params: SftpParams },
    'net.smb': { description: 'SMB share list or share listing with credentials (smbclient)', params: SmbParams },
    'net.dhcp': { description: 'DHCP lease offered on a segment, with its options (udhcpc, in a namespace or on an interface)', params: DhcpParams },
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
          case 'net.smtp': {
            const p = SmtpParams.parse(params);
            return probeSmtp(p.host, p.port, p.helo, Math.min(timeout, 10_000), signal);
          }
          case 'net.ftp': {
            const p = FtpParams.parse(params);
            return probeFtp(p.host, p.port, p, Math.min(timeout, 10_000), signal);
          }
          case 'net.sftp': {
            const p = SftpParams.parse(params);
            return probeSftp(p.host, p.port, p, p.path, timeout, signal);
          }
          case 'net.smb': {
            const p = SmbParams.parse(params);
            return probeSmb(p.host, p.port, p.share, p, timeout, signal);
          }
          case 'net.dhcp': {
            const p = DhcpParams.parse(params);
            return probeDhcp(p.interface, p.netns, Math.min(timeout, 15_000), signal);
          }
        }
        throw new ObservationError(`unknown fact ${fact}`);
      },
      async close() {},
    };
  },
};
