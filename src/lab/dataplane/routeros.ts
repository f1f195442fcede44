// MikroTik RouterOS `/export` → the Linux data plane of a lab container (see ios.ts for the idea).
// Understood: /interface ethernet (disabled), /interface vlan, /ip address, /ip route,
// /ip firewall filter (chain=forward), /ip firewall nat (srcnat masquerade).
import type { RouterIfState, RouterState } from './ios.js';

export interface RosItem {
  path: string;
  verb: string;
  props: Record<string, string>;
}

/** Split an export into commands with their section path; handles `\` line continuations and quotes. */
export function parseExport(text: string): RosItem[] {
  const joined = text.replace(/\r/g, '').replace(/\\\n\s*/g, '');
  const out: RosItem[] = [];
  let path = '';
  for (const raw of joined.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let rest = line;
    if (line.startsWith('/')) {
      const m = /^(\/[^=]*?)(?:\s+(add|set|remove)\b(.*))?$/.exec(line);
      if (!m) continue;
      path = m[1]!.trim();
      if (!m[2]) continue;
      rest = `${m[2]}${m[3] ?? ''}`;
    }
    const vm = /^(add|set)\b(.*)$/.exec(rest);
    if (!vm) continue;
    const props: Record<string, string> = {};
    let body = vm[2]!;
    const find = /\[\s*find\s+([^\]]*)\]/.exec(body);
    if (find) {
      for (const [k, v] of kv(find[1]!)) props[`find:${k}`] = v;
      body = body.replace(find[0], '');
    }
    for (const [k, v] of kv(body)) props[k] = v;
    out.push({ path, verb: vm[1]!, props });
  }
  return out;
}

function kv(s: string): [string, string][] {
  const out: [string, string][] = [];
  const re = /([A-Za-z0-9-]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push([m[1]!, m[2]!.startsWith('"') ? m[2]!.slice(1, -1).replace(/\\(.)/g, '$1') : m[2]!]);
  return out;
}

const yes = (v: string | undefined) => v === 'yes' || v === 'true';

/** Desired router state. `ports` maps RouterOS ethernet names (ether1…) to container interfaces. */
export function routerosState(text: string, ports: Map<string, string>): RouterState {
  const items = parseExport(text);
  const ifs = new Map<string, RouterIfState>();
  for (const [name, dev] of ports) ifs.set(name, { dev, up: true, addresses: [] });
  for (const it of items.filter((i) => i.path === '/interface ethernet' && i.verb === 'set')) {
    const name = it.props['find:default-name'] ?? it.props['numbers'] ?? it.props['find:name'];
    const target = it.props['name'] && name ? name : name;
    const st = target ? ifs.get(target) : undefined;
    if (st && 'disabled' in it.props) st.up = !yes(it.props['disabled']);
    if (st && it.props['name'] && it.props['name'] !== target) {
      ifs.delete(target!);
      ifs.set(it.props['name'], st);
    }
  }
  for (const it of items.filter((i) => i.path === '/interface vlan' && i.verb === 'add')) {
    const parent = ifs.get(it.props['interface'] ?? '');
    const vlan = Number(it.props['vlan-id']);
    const name = it.props['name'];
    if (!parent || !name || !Number.isInteger(vlan)) continue;
    ifs.set(name, { dev: `${parent.dev}.${vlan}`.slice(0, 15), parent: parent.dev, vlan, up: !yes(it.props['disabled']) && parent.up, addresses: [] });
  }
  for (const it of items.filter((i) => i.path === '/ip address' && i.verb === 'add')) {
    const st = ifs.get(it.props['interface'] ?? '');
    if (st && it.props['address'] && !yes(it.props['disabled'])) st.addresses.push(it.props['address'].includes('/') ? it.props['address'] : `${it.props['address']}/32`);
  }
  const routes: RouterState['routes'] = [];
  for (const it of items.filter((i) => i.path === '/ip route' && i.verb === 'add' && !yes(i.props['disabled']))) {
    const prefix = it.props['dst-address'] ?? '0.0.0.0/0';
    const gw = it.props['gateway'];
    if (!gw) continue;
    if (/^\d+\.\d+\.\d+\.\d+$/.test(gw)) routes.push({ prefix, via: gw });
    else if (ifs.get(gw)) routes.push({ prefix, dev: ifs.get(gw)!.dev });
  }
  const devOf = (n: string | undefined) => (n ? ifs.get(n)?.dev : undefined);
  const fwd: string[] = [];
  for (const it of items.filter((i) => i.path === '/ip firewall filter' && i.verb === 'add' && !yes(i.props['disabled']))) {
    const p = it.props;
    if (p['chain'] !== 'forward') continue;
    const m: string[] = [];
    if (p['in-interface'] && devOf(p['in-interface'])) m.push(`iifname "${devOf(p['in-interface'])}"`);
    if (p['out-interface'] && devOf(p['out-interface'])) m.push(`oifname "${devOf(p['out-interface'])}"`);
    if (p['src-address']) m.push(`ip saddr ${p['src-address']}`);
    if (p['dst-address']) m.push(`ip daddr ${p['dst-address']}`);
    if ((p['protocol'] === 'tcp' || p['protocol'] === 'udp') && p['dst-port']) m.push(`${p['protocol']} dport { ${p['dst-port']} }`);
    else if (p['protocol']) m.push(`meta l4proto ${p['protocol']}`);
    if (p['connection-state']) m.push(`ct state { ${p['connection-state']} }`);
    const verdict = p['action'] === 'drop' || p['action'] === 'reject' ? 'drop' : p['action'] === 'accept' ? 'accept' : undefined;
    if (verdict) fwd.push(`    ${m.join(' ')} ${verdict}`);
  }
  const nat: string[] = [];
  for (const it of items.filter((i) => i.path === '/ip firewall nat' && i.verb === 'add' && !yes(i.props['disabled']))) {
    const p = it.props;
    if (p['chain'] !== 'srcnat' || p['action'] !== 'masquerade') continue;
    const m: string[] = [];
    if (p['out-interface'] && devOf(p['out-interface'])) m.push(`oifname "${devOf(p['out-interface'])}"`);
    if (p['src-address']) m.push(`ip saddr ${p['src-address']}`);
    nat.push(`    ${m.join(' ')} masquerade`);
  }
  const nft = [
    'table ip proeflab {',
    '  chain forward {',
    '    type filter hook forward priority 0; policy accept;',
    ...fwd,
    '  }',
    '  chain postrouting {',
    '    type nat hook postrouting priority 100; policy accept;',
    ...nat,
    '  }',
    '}',
  ].join('\n');
  return { ifs, routes, nft, relays: [] };
}
