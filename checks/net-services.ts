// Service checks from the harness (outside view, as a client sees the service): SMTP banner, FTP,
// SFTP, SMB share, DHCP lease. One kind per export; collected in checks/net-all.ts.
import { z } from 'zod';
import type { CheckKind, FactRequest } from '../src/core/types.js';
import { fail, list, pass } from '../drivers/linux/check-util.js';

const H = (fact: string, params: Record<string, unknown>): FactRequest => ({ device: 'harness', fact, params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) });
const port = z.coerce.number().int().min(1).max(65535);

const SmtpP = z.object({ host: z.string(), port: port.default(25), contains: z.string().optional(), starttls: z.boolean().optional() }).strict();
export const netSmtp: CheckKind<z.infer<typeof SmtpP>> = {
  kind: 'net.smtp',
  description: 'SMTP-server antwoordt met een 220-banner (met de verwachte tekst) en biedt eventueel STARTTLS aan',
  params: SmtpP,
  platforms: ['harness'],
  facts: (p) => [H('net.smtp', { host: p.host, port: p.port })],
  evaluate(p, f) {
    const s = f.parsed<{ code: number; banner: string; starttls: boolean; extensions: string[] }>(H('net.smtp', { host: p.host, port: p.port }));
    if (s.code !== 220) return fail(`SMTP-server op ${p.host}:${p.port} antwoordt ${s.code}: ${s.banner}`, 220, s.code);
    if (p.contains && !s.banner.toLowerCase().includes(p.contains.toLowerCase())) return fail(`SMTP-banner '${s.banner}' bevat niet '${p.contains}'`, p.contains, s.banner);
    if (p.starttls !== undefined && s.starttls !== p.starttls) return fail(`STARTTLS wordt ${s.starttls ? 'wel' : 'niet'} aangeboden`, p.starttls, s.extensions);
    return pass(`SMTP-banner: ${s.banner}`, p.contains, { banner: s.banner, extensions: s.extensions });
  },
};

const FtpP = z.object({ host: z.string(), port: port.default(21), username: z.string().optional(), password: z.string().optional(), login: z.boolean().default(true), contains: z.string().optional() }).strict();
export const netFtp: CheckKind<z.infer<typeof FtpP>> = {
  kind: 'net.ftp',
  description: 'FTP-server antwoordt (banner) en het inloggen lukt (of wordt juist geweigerd, bv. anoniem)',
  params: FtpP,
  platforms: ['harness'],
  facts: (p) => [H('net.ftp', { host: p.host, port: p.port, username: p.username, password: p.password })],
  evaluate(p, f) {
    const s = f.parsed<{ code: number; banner: string; login?: boolean; loginReply?: string }>(H('net.ftp', { host: p.host, port: p.port, username: p.username, password: p.password }));
    if (s.code !== 220) return fail(`FTP-server antwoordt ${s.code}: ${s.banner}`, 220, s.code);
    if (p.contains && !s.banner.toLowerCase().includes(p.contains.toLowerCase())) return fail(`FTP-banner '${s.banner}' bevat niet '${p.contains}'`, p.contains, s.banner);
    if (p.username !== undefined && s.login !== p.login) return fail(s.login ? `inloggen als ${p.username} lukt, maar zou geweigerd moeten worden` : `inloggen als ${p.username} mislukt: ${s.loginReply}`, p.login, s.login);
    return pass(`FTP ${p.host}:${p.port}: ${s.banner}${p.username !== undefined ? `; inloggen ${s.login ? 'lukt' : 'geweigerd'}` : ''}`, undefined, s);
  },
};

const SftpP = z.object({ host: z.string(), port: port.default(22), username: z.string(), password: z.string().optional(), path: z.string().default('.'), login: z.boolean().default(true), contains: z.array(z.string()).default([]) }).strict();
export const netSftp: CheckKind<z.infer<typeof SftpP>> = {
  kind: 'net.sftp',
  description: 'SFTP: inloggen lukt (of niet) en de map bevat de verwachte bestanden',
  params: SftpP,
  platforms: ['harness'],
  facts: (p) => [H('net.sftp', { host: p.host, port: p.port, username: p.username, password: p.password, path: p.path })],
  evaluate(p, f) {
    const s = f.parsed<{ login: boolean; error?: string; entries?: { name: string }[] | null }>(H('net.sftp', { host: p.host, port: p.port, username: p.username, password: p.password, path: p.path }));
    if (s.login !== p.login) return fail(s.login ? `SFTP-inloggen als ${p.username} lukt, maar zou geweigerd moeten worden` : `SFTP-inloggen als ${p.username} geweigerd`, p.login, s.login);
    if (!s.login) return pass(`SFTP-inloggen als ${p.username} wordt geweigerd`, false, false);
    if (!s.entries) return fail(`map ${p.path} niet te lezen: ${s.error}`, p.path, s.error);
    const names = s.entries.map((e) => e.name);
    const missing = p.contains.filter((c) => !names.includes(c));
    if (missing.length) return fail(`${p.path} mist ${list(missing)}`, p.contains, names);
    return pass(`SFTP ${p.username}@${p.host}: ${p.path} bevat ${list(names.slice(0, 20))}`, p.contains, names);
  },
};

const SmbP = z
  .object({ host: z.string(), port: port.default(445), share: z.string().optional(), username: z.string().optional(), password: z.string().optional(), domain: z.string().optional(), access: z.boolean().default(true), shares: z.array(z.string()).default([]), contains: z.array(z.string()).default([]) })
  .strict();
export const netSmb: CheckKind<z.infer<typeof SmbP>> = {
  kind: 'net.smb',
  description: 'SMB-share is bereikbaar en te openen met de opgegeven gebruiker (of juist niet) en bevat de verwachte bestanden',
  params: SmbP,
  platforms: ['harness'],
  facts: (p) => [H('net.smb', { host: p.host, port: p.port, share: p.share, username: p.username, password: p.password, domain: p.domain })],
  evaluate(p, f) {
    const s = f.parsed<{ login: boolean; access?: boolean; exists?: boolean; status?: string; shares?: { name: string }[]; entries?: { name: string }[] }>(H('net.smb', { host: p.host, port: p.port, share: p.share, username: p.username, password: p.password, domain: p.domain }));
    const who = p.username ?? 'anoniem';
    if (!s.login) return p.access ? fail(`aanmelden bij ${p.host} als ${who} geweigerd (${s.status})`, 'toegang', s.status) : pass(`aanmelden als ${who} wordt geweigerd (${s.status})`, 'geen toegang', s.status);
    if (s.exists === false) return fail(`share ${p.share} bestaat niet op ${p.host}`, p.share, s.status);
    if (p.share) {
      if ((s.access ?? false) !== p.access) return fail(s.access ? `${who} kan share ${p.share} openen, maar zou geweigerd moeten worden` : `${who} heeft geen toegang tot share ${p.share} (${s.status})`, p.access, s.access);
      if (!p.access) return pass(`${who} heeft geen toegang tot ${p.share}`, false, s.status);
      const names = (s.entries ?? []).map((e) => e.name);
      const missing = p.contains.filter((c) => !names.some((n) => n.toLowerCase() === c.toLowerCase()));
      if (missing.length) return fail(`share ${p.share} mist ${list(missing)}`, p.contains, names);
      return pass(`${who} opent \\\\${p.host}\\${p.share}: ${list(names.slice(0, 20))}`, p.contains, names);
    }
    const names = (s.shares ?? []).map((x) => x.name);
    const missing = p.shares.filter((c) => !names.some((n) => n.toLowerCase() === c.toLowerCase()));
    if (missing.length) return fail(`shares ontbreken op ${p.host}: ${list(missing)}`, p.shares, names);
    return pass(`shares op ${p.host}: ${list(names)}`, p.shares, names);
  },
};

const DhcpP = z
  .object({ interface: z.string(), netns: z.string().optional(), offered: z.boolean().default(true), network: z.string().optional(), router: z.string().optional(), dns: z.array(z.string()).optional(), domain: z.string().optional(), mask: z.string().optional() })
  .strict();
const inNet = (ip: string, cidr: string) => {
  const [net, bits] = cidr.split('/');
  const n = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);
  const mask = Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  return ((n(ip) & mask) >>> 0) === ((n(net!) & mask) >>> 0);
};
export const netDhcp: CheckKind<z.infer<typeof DhcpP>> = {
  kind: 'net.dhcp',
  description: 'Op het segment wordt een DHCP-lease aangeboden in het juiste netwerk met de juiste opties (router, DNS, domein)',
  params: DhcpP,
  platforms: ['harness'],
  facts: (p) => [H('net.dhcp', { interface: p.interface, netns: p.netns })],
  evaluate(p, f) {
    const l = f.parsed<{ offered: boolean; ip?: string; mask?: string; router?: string | null; dns?: string[]; domain?: string | null }>(H('net.dhcp', { interface: p.interface, netns: p.netns }));
    if (!l.offered) return p.offered ? fail(`geen DHCP-lease aangeboden op ${p.interface}`, 'lease', 'geen') : pass(`geen DHCP-lease op ${p.interface} (zoals verwacht)`, 'geen', 'geen');
    if (!p.offered) return fail(`er wordt toch een DHCP-lease aangeboden (${l.ip})`, 'geen', l.ip);
    if (p.network && !inNet(l.ip!, p.network)) return fail(`lease ${l.ip} valt buiten ${p.network}`, p.network, l.ip);
    if (p.mask && l.mask !== p.mask) return fail(`subnetmasker ${l.mask}, verwacht ${p.mask}`, p.mask, l.mask);
    if (p.router && l.router !== p.router) return fail(`router (optie 3) ${l.router ?? 'ontbreekt'}, verwacht ${p.router}`, p.router, l.router);
    if (p.dns && p.dns.some((d) => !(l.dns ?? []).includes(d))) return fail(`DNS-servers (optie 6) ${list(l.dns ?? [])}, verwacht ${list(p.dns)}`, p.dns, l.dns);
    if (p.domain && (l.domain ?? '').toLowerCase() !== p.domain.toLowerCase()) return fail(`domeinnaam (optie 15) ${l.domain ?? 'ontbreekt'}, verwacht ${p.domain}`, p.domain, l.domain);
    return pass(`lease ${l.ip}/${l.mask}, router ${l.router ?? '-'}, DNS ${list(l.dns ?? [])}${l.domain ? `, domein ${l.domain}` : ''}`, undefined, l);
  },
};
