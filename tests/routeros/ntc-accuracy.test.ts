// Parser accuracy on the ntc-templates golden pairs for mikrotik_routeros. Every `.raw` is parsed
// with our generic parsers; the records are mapped to the field names TextFSM uses (that mapping
// lives here, in the test: it is ntc's naming, not ours) and compared field by field. Whitespace
// runs count as one space (table layout), flags are compared without their padding.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseExport } from '../../drivers/routeros/parsers/export.js';
import { parsePing, type PingReply } from '../../drivers/routeros/parsers/ping.js';
import { parsePrint, type PrintOutput, type PrintRecord } from '../../drivers/routeros/parsers/print.js';
import { corpusDir } from './corpus.js';

const NTC = corpusDir('ntc-templates/tests/mikrotik_routeros', 'ntc-templates/mikrotik_routeros');

type Row = Record<string, string | string[]>;
const snake = (k: string) => k.replace(/[-.]/g, '_');

/** Fields common to every command: properties by snake name, number, flags, comment. */
function base(r: PrintRecord): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(r.props)) row[snake(k)] = v;
  const num = r.number === undefined ? '' : String(r.number);
  for (const k of ['id', 'index', 'num', 'number']) if (row[k] === undefined || r.number !== undefined) row[k] = num;
  row.flags = r.flags;
  row.flag = r.flags;
  if (row.comment === undefined) row.comment = r.comment ?? '';
  row.description = r.comment ? r.comment.split('\n') : [];
  return row;
}

const has = (r: PrintRecord, c: string) => (r.flags.includes(c) ? c : '');
const only = (r: PrintRecord, set: string) => [...r.flags].filter((c) => set.includes(c)).join('');
function splitPrefix(v: string | undefined): [string, string] {
  const m = /^(.*)\/(\d+)$/.exec(v ?? '');
  return m ? [m[1], m[2]] : [v ?? '', ''];
}

/** Per-command mapping to ntc's field names (on top of `base`). */
const MAP: Record<string, (r: PrintRecord, o: PrintOutput) => Row> = {
  interface: (r) => ({ dynamic: has(r, 'D'), slave: has(r, 'S'), status: only(r, 'RX') }),
  'interface_vlan_print_detail': (r) => ({ status: only(r, 'RX'), parent_interface: r.props.interface ?? '', service_tag: r.props['use-service-tag'] ?? '' }),
  'interface_bonding_print_detail': (r) => ({ status: only(r, 'RX') }),
  'interface_bridge_host_print_terse_without-paging': (r) => ({
    dynamic: has(r, 'D'), external: has(r, 'E'), local: has(r, 'L'), invalid: has(r, 'I'), disabled: has(r, 'X'),
  }),
  'interface_ethernet_poe_print_without-paging': (r) => ({ interface: r.props.name ?? '' }),
  'ip_address_print': (r) => {
    const [ip, subnet] = splitPrefix(r.props.address);
    return { ip, subnet };
  },
  'ip_arp_print': (r) => ({ ip_address: r.props.address ?? '' }),
  'ip_arp_print_without-paging': (r) => ({ ip_address: r.props.address ?? '' }),
  'ip_dhcp-server_lease_print_without-paging': (r) => ({ ip_address: r.props.address ?? '', hostname: r.props['host-name'] ?? '' }),
  'ip_firewall_address-list_print_terse': (r) => {
    const [a, len] = splitPrefix(r.props.address);
    const v6 = a.includes(':');
    return { ip_address: v6 ? '' : a, ipv6_address: v6 ? a : '', prefix_length: len };
  },
  'ip_dns_cache_print_terse_without-paging': (r) => ({ ip_address: r.props.data ?? r.props.address ?? '', record_type: r.props.type ?? '' }),
  'ip_firewall_connection_print_terse_without-paging': (r) => {
    const row: Row = {};
    for (const [k, v] of Object.entries(r.props))
      row[snake(k.replace(/\bsrc\b/, 'source').replace(/\bdst\b/, 'destination'))] = v;
    for (const [c, n] of Object.entries({ S: 'seen_reply', A: 'assured', C: 'confirmed', D: 'dying', F: 'fasttrack', H: 'hardware_offload', E: 'expected', s: 'source_nat', d: 'destination_nat' }))
      row[n] = has(r, c);
    return row;
  },
  'ip_neighbor_print_detail': (r) => ({
    ip_address: r.props.address ?? '', ipv4_address: r.props.address4 ?? '', ipv6_address: r.props.address6 ?? '',
  }),
  'ip_route_print_detail': (r) => {
    const [network, mask] = splitPrefix(r.props['dst-address']);
    return { network, mask, active: has(r, 'A'), dynamic: has(r, 'D'), protocol: only(r, 'CSrbomv'), type: r.props.type === 'blackhole' ? '' : r.props.type ?? '', discard_packet: only(r, 'BUP') };
  },
  'ip_route_print_terse_without-paging': (r) => {
    const [a, m] = splitPrefix(r.props['dst-address']);
    return { destination_address: a, destination_address_subnet: m };
  },
  'ipv6_neighbor_print_without-paging': (r) => ({ ipv6_address: r.props.address ?? '' }),
  'routing_ospf_neighbor_print': (r) => ({ neighbor_id: r.props['router-id'] ?? '', up_time: r.props.adjacency ?? '' }),
  'routing_ospf_interface_print_terse': (r) => ({ dynamic: has(r, 'D'), passive: has(r, 'P') }),
  'routing_bgp_peer_print_status': (r) => ({ bgp_neighbor: r.props['remote-address'] ?? '', neighbor_as: r.props['remote-as'] ?? '', up_down: r.props.uptime ?? '' }),
  'system_routerboard_print': (r) => ({ hardware_model: r.props.model ?? '' }),
  'system_resource_print': (r) => {
    const u = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(r.props.uptime ?? '') ?? [];
    return { uptime_weeks: u[1] ?? '', uptime_days: u[2] ?? '', uptime_hours: u[3] ?? '', uptime_minutes: u[4] ?? '', uptime_seconds: u[5] ?? '' };
  },
};
const mapperFor = (cmd: string) => MAP[cmd] ?? (cmd.startsWith('interface_print') || cmd === 'interface_ethernet_print' ? MAP.interface : undefined);

/** Commands of the menus: accuracy asserted for these (≥ 95 %). */
const IN_SCOPE = new Set([
  'interface_print_detail', 'interface_print_terse_without-paging', 'interface_print_brief', 'interface_ethernet_print',
  'interface_vlan_print_detail', 'interface_ethernet_monitor_name_once', 'ip_address_print', 'ip_address_export_verbose',
  'ip_dhcp-server_lease_print', 'ip_dhcp-server_lease_print_terse_without-paging', 'ip_dhcp-server_lease_print_without-paging',
  'ip_firewall_address-list_print_terse', 'ip_firewall_filter_print_all_without-paging', 'ip_firewall_nat_print_all_without-paging',
  'ip_route_print_detail', 'ip_route_print_terse', 'ip_route_print_terse_without-paging', 'snmp_community_print_without-paging',
  'system_identity_print', 'system_resource_print', 'system_routerboard_print', 'user_print', 'ping',
]);
/** Not parsed: the profile and speed-test screens, and `log print` (ntc splits dates into parts). */
const NOT_PARSED = new Set(['tool_profile', 'tool_speed-test_address', 'log_print_detail_without-paging']);

const norm = (v: unknown) => (Array.isArray(v) ? v.map(String).join('\n') : String(v ?? '')).replace(/\s+/g, ' ').trim();

function rowsFor(cmd: string, raw: string): Row[] {
  if (cmd === 'ping') {
    // ntc: one record with lists per column, `None` for an empty cell, times without `ms`
    const p = parsePing(raw);
    const col = (f: (r: PingReply) => unknown) => p.replies.map((r) => (f(r) === undefined ? 'None' : String(f(r))));
    const ms = (v?: number) => (v === undefined ? '' : String(v));
    return [{ seq: col((r) => r.seq), host: col((r) => r.host), size: col((r) => r.size), ttl: col((r) => r.ttl), time: col((r) => r.timeMs), status: col((r) => r.status), sent: String(p.sent), received: String(p.received), packet_loss: String(p.packetLoss), min_rtt: ms(p.minRttMs), avg_rtt: ms(p.avgRttMs), max_rtt: ms(p.maxRttMs) }];
  }
  if (cmd.includes('export')) {
    const e = parseExport(raw);
    return Object.values(e.menus).flat().map((en) => {
      const [ip, mask] = splitPrefix(en.props.address);
      return { ...Object.fromEntries(Object.entries(en.props).map(([k, v]) => [snake(k), v])), ip, mask, comment: en.props.comment ?? '' };
    });
  }
  const o = parsePrint(raw);
  const m = mapperFor(cmd);
  return o.records.map((r) => ({ ...base(r), ...(m ? m(r, o) : {}) }));
}

interface Score {
  files: number;
  fields: number;
  ok: number;
  misses: string[];
}

function score(): Map<string, Score> {
  const scores = new Map<string, Score>();
  for (const cmd of readdirSync(NTC).sort()) {
    if (NOT_PARSED.has(cmd)) continue;
    const s: Score = { files: 0, fields: 0, ok: 0, misses: [] };
    for (const f of readdirSync(join(NTC, cmd)).filter((f) => f.endsWith('.raw'))) {
      const raw = readFileSync(join(NTC, cmd, f), 'utf8');
      const golden = (parseYaml(readFileSync(join(NTC, cmd, f.replace(/\.raw$/, '.yml')), 'utf8'))?.parsed_sample ?? []) as Row[];
      s.files++;
      let rows: Row[] = [];
      try {
        rows = rowsFor(cmd, raw);
      } catch (err) {
        if (golden.length) s.misses.push(`${f}: ${(err as Error).message}`);
      }
      // pair by item number when the golden has one (TextFSM sometimes skips a record), else by order
      const numKey = (g: Row) => ['id', 'index', 'num', 'number'].find((k) => typeof g[k] === 'string' && /^\d+$/.test(g[k] as string));
      golden.forEach((g, i) => {
        const nk = numKey(g);
        const byNum = nk ? rows.filter((r) => r[nk] === g[nk]) : [];
        const r = byNum.length === 1 ? byNum[0] : rows[i] ?? {};
        for (const [k, v] of Object.entries(g)) {
          s.fields++;
          const want = k === 'flags' || k === 'flag' ? norm(v).replace(/ /g, '') : norm(v);
          const got = k === 'flags' || k === 'flag' ? norm(r[k]).replace(/ /g, '') : norm(r[k]);
          if (want === got) s.ok++;
          else if (s.misses.length < 6 || process.env.NTC_DEBUG) s.misses.push(`${f}#${i}.${k}: want '${want}' got '${got}'`);
        }
      });
      if (rows.length !== golden.length) s.misses.push(`${f}: ${rows.length} records, golden ${golden.length}`);
    }
    scores.set(cmd, s);
  }
  return scores;
}

describe('ntc-templates mikrotik_routeros golden pairs', () => {
  const scores = score();
  const pct = (s: Score) => (s.fields ? (100 * s.ok) / s.fields : 100);
  const lines = [...scores].map(([cmd, s]) => `${IN_SCOPE.has(cmd) ? '*' : ' '} ${pct(s).toFixed(1).padStart(5)}%  ${String(s.ok).padStart(4)}/${String(s.fields).padEnd(4)} ${cmd}`);
  const tot = (f: (c: string) => boolean) => [...scores].filter(([c]) => f(c)).reduce((a, [, s]) => ({ ok: a.ok + s.ok, n: a.n + s.fields }), { ok: 0, n: 0 });
  const inScope = tot((c) => IN_SCOPE.has(c));
  const all = tot(() => true);
  console.log(
    `RouterOS parser accuracy on ntc-templates (field by field; * = menus of the checks, asserted):\n${lines.join('\n')}\n` +
      `in scope: ${((100 * inScope.ok) / inScope.n).toFixed(1)}% (${inScope.ok}/${inScope.n}); all parsed commands: ${((100 * all.ok) / all.n).toFixed(1)}% (${all.ok}/${all.n}); not parsed: ${[...NOT_PARSED].join(', ')}`,
  );

  it('covers every in-scope command in the corpus', () => {
    for (const c of IN_SCOPE) expect(scores.has(c), c).toBe(true);
  });
  for (const cmd of IN_SCOPE)
    it(`${cmd} ≥ 95 %`, () => {
      const s = scores.get(cmd)!;
      expect(pct(s), `${cmd}: ${s.misses.join('\n')}`).toBeGreaterThanOrEqual(95);
    });
  if (process.env.NTC_DEBUG) for (const [c, s] of scores) if (s.misses.length) console.log(c, s.misses.join('\n'));
  it('all parsed commands together ≥ 95 %', () => {
    expect((100 * all.ok) / all.n).toBeGreaterThanOrEqual(95);
  });
});
