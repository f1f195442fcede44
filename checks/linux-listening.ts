// A TCP/UDP port is listening (by the expected process, on the expected address) — or not at all.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';
import type { Socket } from '../drivers/linux/parsers/ss.js';

const Params = z
  .object({
    port: z.coerce.number().int().min(1).max(65535),
    proto: z.enum(['tcp', 'udp']).default('tcp'),
    process: z.string().optional(),
    address: z.string().optional(),
    listening: z.boolean().default(true),
  })
  .strict();
type P = z.infer<typeof Params>;

const WILDCARD = new Set(['0.0.0.0', '::', '*']);

export const linuxListening: CheckKind<P> = {
  kind: 'linux.listening',
  description: 'Poort luistert (door het gevraagde proces, op het gevraagde adres) of luistert juist niet',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.listening')],
  evaluate(p, f, t) {
    const socks = f.parsed<Socket[]>(req(t, 'linux.listening')).filter((s) => s.port === p.port && (s.netid === p.proto || s.netid === '' || s.netid.startsWith(p.proto)));
    const show = (s: Socket) => `${s.localAddress}:${s.localPort}${s.processes.length ? ' ' + s.processes.map((x) => x.name).join(',') : ''}`;
    const label = `${p.proto}/${p.port}`;
    if (!p.listening) {
      // With an address: only a socket on that address counts (e.g. not on 0.0.0.0, but on the LAN address is fine).
      const on = p.address ? socks.filter((s) => s.localAddress === p.address || (p.address === 'any' && WILDCARD.has(s.localAddress))) : socks;
      const where = p.address ? `${label} op ${p.address}` : label;
      return on.length ? fail(`${where} luistert (${on.map(show).join('; ')})`, 'niet luisterend', on.map(show)) : pass(`niets luistert op ${where}${socks.length ? ` (wel: ${socks.map(show).join('; ')})` : ''}`, 'niet luisterend', socks.map(show));
    }
    if (!socks.length) return fail(`niets luistert op ${label}`, label, 'niet luisterend');
    let hits = socks;
    if (p.address) {
      hits = hits.filter((s) => s.localAddress === p.address || (p.address === 'any' && WILDCARD.has(s.localAddress)));
      if (!hits.length) return fail(`${label} luistert op ${socks.map((s) => s.localAddress).join(', ')}, niet op ${p.address}`, p.address, socks.map(show));
    }
    if (p.process) {
      const known = hits.filter((s) => s.processes.length);
      if (!known.length) return { status: 'error', message: `proces achter ${label} niet te zien (ss zonder rechten; geef sudo of root)` };
      // The kernel keeps 15 characters of a process name (systemd-resolve for systemd-resolved).
      const sameProc = (name: string) => name === p.process || (name.length === 15 && p.process!.startsWith(name));
      const byProc = hits.filter((s) => s.processes.some((x) => sameProc(x.name)));
      if (!byProc.length) return fail(`${label} wordt bediend door ${[...new Set(known.flatMap((s) => s.processes.map((x) => x.name)))].join(', ')}, niet door ${p.process}`, p.process, hits.map(show));
      hits = byProc;
    }
    return pass(`${label} luistert: ${hits.map(show).join('; ')}`, undefined, hits.map(show));
  },
};
