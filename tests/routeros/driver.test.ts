// The RouterOS driver against the in-process simulated RouterOS: API (plain and TLS), SSH, the
// API→SSH fallback, clear errors (refused, wrong password, timeout, pinned key mismatch), the
// read-only allow-list, and the separate write path.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceConfig, DriverSession } from '../../src/core/types.js';
import { allowApiSentence, allowCliCommand, applyConfig, maskCliText, maskRecord, routerosDriver, runWrite } from '../../drivers/routeros/index.js';
import type { ParsedExport } from '../../drivers/routeros/parsers/index.js';
import { startRouterosSim, type RouterosSim } from '../../sims/routeros/index.js';

const signal = () => AbortSignal.timeout(20_000);

function dev(sim: RouterosSim, o: Partial<DeviceConfig> & { options?: Record<string, unknown> } = {}): DeviceConfig {
  return {
    role: 'r1',
    platform: 'routeros',
    host: '127.0.0.1',
    username: 'admin',
    password: 'Adm1n!',
    timeoutMs: 5000,
    secrets: ['Adm1n!'],
    ...o,
    options: { apiPort: sim.apiPort, sshPort: sim.sshPort, ...(o.options ?? {}) },
  };
}

const SETUP = `
/system identity set name=R1-lab
/interface bridge add name=bridge1 vlan-filtering=yes
/interface bridge port add bridge=bridge1 interface=ether2 pvid=10
/interface vlan add interface=bridge1 name=vlan10 vlan-id=10
/ip address add address=10.0.10.1/24 interface=vlan10
/ip address add address=203.0.113.2/30 interface=ether1 comment="WAN uplink"
/ip route add gateway=203.0.113.1
/interface wifi security add name=sec1 authentication-types=wpa2-psk,wpa3-psk passphrase="Zeer geheim 123"
`;

describe('routeros driver against the simulated RouterOS (v7)', () => {
  let sim: RouterosSim;
  beforeAll(async () => {
    sim = await startRouterosSim({ version: 7, password: 'Adm1n!', apiTlsPort: 0, serial: 'SIMSERIAL01' });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('write path: applyConfig over the API (finds resolved, one-line and section syntax)', async () => {
    const r = await applyConfig(dev(sim), SETUP);
    expect(r.applied).toBe(8);
    expect(r.commands[0]).toBe('/system/identity/set =name=R1-lab');
    expect(sim.state.list('/ip address').map((a) => a.address)).toEqual(['10.0.10.1/24', '203.0.113.2/30']);
    await runWrite(dev(sim), '/ip service\nset [ find name=telnet ] disabled=yes');
    expect(sim.state.list('/ip service').find((s) => s.name === 'telnet')!.disabled).toBe('true');
    await expect(applyConfig(dev(sim), '/ip address add address=1.1.1.1/24 interface=nope')).rejects.toThrow(/input does not match/);
  });

  it('write path: commands run in the order written; backup save and export to a file are commands, not settings', async () => {
    const r = await applyConfig(dev(sim), '/ip address add address=10.9.9.1/24 interface=ether2\n/system identity set name=R1-order\n/ip address add address=10.9.8.1/24 interface=ether2\n/system backup save name=R1-ok\n/export file=R1-cfg');
    expect(r.commands).toEqual([
      '/ip/address/add =address=10.9.9.1/24 =interface=ether2',
      '/system/identity/set =name=R1-order',
      '/ip/address/add =address=10.9.8.1/24 =interface=ether2',
      '/system/backup/save =name=R1-ok',
      '/export =file=R1-cfg',
    ]);
    expect(sim.state.files.map((f) => f.name)).toEqual(expect.arrayContaining(['R1-ok.backup', 'R1-cfg.rsc']));
    expect(sim.state.files.find((f) => f.name === 'R1-cfg.rsc')!.contents).toContain('set name=R1-order');
    await runWrite(dev(sim), '/ip address remove [ find address=10.9.9.1/24 ]\n/ip address remove [ find address=10.9.8.1/24 ]\n/system identity set name=R1-lab');
  });

  it('API: identity, print with where and proplist, readable raw, secrets masked', async () => {
    const s = await routerosDriver.connect(dev(sim), signal());
    try {
      const id = await s.identity!(signal());
      expect(id).toMatchObject({ hostname: 'R1-lab', serial: 'SIMSERIAL01', model: 'RB5009UG+S+', transport: 'api' });
      // plain API: the SSH host key is read without logging in
      expect(id.hostKeyFingerprint).toBe(sim.sshHostKeyFingerprint);
      expect(id.version).toMatch(/^7\.14/);
      const g = await s.gather('routeros.print', { menu: '/ip address', where: { interface: 'ether1' } }, signal());
      expect(g.transport).toBe('api');
      expect(g.command).toBe('/ip/address/print ?interface=ether1');
      expect(g.parsed).toEqual([expect.objectContaining({ address: '203.0.113.2/30', network: '203.0.113.0', comment: 'WAN uplink', disabled: 'false' })]);
      expect(g.raw).toMatch(/^\/ip\/address\/print \?interface=ether1\n!re \.id=\*[0-9A-F]+ address=203\.0\.113\.2\/30 .*comment="WAN uplink"/);
      expect(g.raw.trimEnd().endsWith('!done')).toBe(true);
      const sec = await s.gather('routeros.print', { menu: '/interface/wifi/security' }, signal());
      expect((sec.parsed as Record<string, string>[])[0].passphrase).toBe('<secret:15>');
      expect(sec.raw).not.toContain('Zeer geheim');
      const empty = await s.gather('routeros.print', { menu: '/ip firewall nat' }, signal());
      expect(empty.parsed).toEqual([]);
      const ping = await s.gather('routeros.ping', { address: '10.0.10.1', count: 2 }, signal());
      expect(ping.parsed).toMatchObject({ sent: 2, received: 2, packetLoss: 0, replies: [{ seq: 0, host: '10.0.10.1', size: 56, ttl: 64, timeMs: 0 }, { seq: 1 }] });
    } finally {
      await s.close();
    }
  });

  it('export over SSH (opened on demand) with the parsed structure; SSH host key recorded', async () => {
    const s = await routerosDriver.connect(dev(sim), signal());
    try {
      const g = await s.gather('routeros.export', {}, signal());
      expect(g.command).toBe('/export terse');
      const e = g.parsed as ParsedExport;
      expect(e.header.serial).toBe('SIMSERIAL01');
      expect(e.menus['/interface bridge'][0].props).toMatchObject({ name: 'bridge1', 'vlan-filtering': 'yes' });
      expect(e.menus['/system identity'][0].props.name).toBe('R1-lab');
      expect(g.raw).not.toContain('Zeer geheim');
      expect((await s.identity!(signal())).hostKeyFingerprint).toBe(sim.sshHostKeyFingerprint);
    } finally {
      await s.close();
    }
  });

  it('SSH transport: print detail parsed into the same record shape as the API', async () => {
    const s = await routerosDriver.connect(dev(sim, { transport: 'ssh' }), signal());
    try {
      const g = await s.gather('routeros.print', { menu: '/interface/bridge/port' }, signal());
      expect(g.transport).toBe('ssh');
      expect(g.command).toBe('/interface bridge port print detail without-paging');
      expect(g.parsed).toEqual([expect.objectContaining({ bridge: 'bridge1', interface: 'ether2', pvid: '10', disabled: 'false' })]);
      const where = await s.gather('routeros.print', { menu: '/ip address', where: { interface: 'ether1', disabled: 'no' } }, signal());
      expect(where.command).toBe('/ip address print detail without-paging where interface=ether1 and disabled=no');
      expect(where.parsed).toEqual([expect.objectContaining({ address: '203.0.113.2/30', comment: 'WAN uplink' })]);
      const res = await s.gather('routeros.print', { menu: '/system resource' }, signal());
      expect((res.parsed as Record<string, string>[])[0].version).toMatch(/^7\./);
      const id = await s.identity!(signal());
      expect(id).toMatchObject({ hostname: 'R1-lab', serial: 'SIMSERIAL01', transport: 'ssh', hostKeyFingerprint: sim.sshHostKeyFingerprint });
      const ping = await s.gather('routeros.ping', { address: '10.0.10.1', count: 3 }, signal());
      expect(ping).toMatchObject({ command: '/ping 10.0.10.1 count=3', parsed: { sent: 3, received: 3, packetLoss: 0, replies: [{ seq: 0, host: '10.0.10.1', timeMs: 0 }, {}, {}] } });
      const mon = await s.gather('routeros.monitor', { interface: 'ether1' }, signal());
      expect(mon.parsed).toMatchObject({ name: 'ether1', status: 'link-ok' });
      const cmd = await s.gather('routeros.command', { command: '/interface wifi security print detail' }, signal());
      expect(cmd.raw).toContain('passphrase=<secret:15>');
      expect((cmd.parsed as { items: Record<string, string>[] }).items[0].passphrase).toBe('<secret:15>');
    } finally {
      await s.close();
    }
  });

  it('API over TLS: certificate fingerprint recorded; a pinned different fingerprint is refused', async () => {
    const tlsDev = dev(sim, { transport: 'api-ssl', options: { apiPort: sim.apiTlsPort } });
    const s = await routerosDriver.connect(tlsDev, signal());
    try {
      const id = await s.identity!(signal());
      expect(id.tlsFingerprint).toBe(sim.tlsFingerprint);
      expect(id.transport).toBe('api-ssl');
    } finally {
      await s.close();
    }
    const pinned = dev(sim, { transport: 'api-ssl', options: { apiPort: sim.apiTlsPort, tlsFingerprint: 'AA:BB' } });
    await expect(routerosDriver.connect(pinned, signal())).rejects.toThrow(/TLS-certificaat .* wijkt af/);
    const ok = await routerosDriver.connect(dev(sim, { transport: 'api-ssl', options: { apiPort: sim.apiTlsPort, tlsFingerprint: sim.tlsFingerprint } }), signal());
    await ok.close();
  });

  it('plain API with a pinned host key: checked before logging in; a different key is refused', async () => {
    const ok = await routerosDriver.connect(dev(sim, { hostKey: sim.sshHostKeyFingerprint }), signal());
    await ok.close();
    await expect(routerosDriver.connect(dev(sim, { hostKey: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), signal())).rejects.toThrow(/SSH-sleutel van 127\.0\.0\.1 wijkt af van de vastgelegde/);
    await expect(routerosDriver.connect(dev(sim, { transport: 'ssh', hostKey: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), signal())).rejects.toThrow(/SSH-sleutel van 127\.0\.0\.1 wijkt af/);
  });

  it('read-only: refused commands never reach the device', async () => {
    const s = await routerosDriver.connect(dev(sim, { transport: 'ssh' }), signal());
    try {
      for (const command of ['/ip service set telnet disabled=no', '/system reboot', '/ip address print; /system reboot', '/ip address print file=x', '/export show-sensitive'])
        await expect(s.gather('routeros.command', { command }, signal())).rejects.toThrow(/opdracht geweigerd/);
      expect(sim.state.list('/ip service').find((x) => x.name === 'telnet')!.disabled).toBe('true');
      expect(sim.state.files.some((f) => f.name.startsWith('x'))).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('harness observation: login probe with admin and an empty password', async () => {
    const s = await routerosDriver.connect(dev(sim), signal());
    try {
      const g = await s.gather('routeros.login', { user: 'admin', password: '' }, signal());
      expect(g.parsed).toMatchObject({ accepted: false, emptyPassword: true });
      expect(g.command).toBe('/login =name=admin =password=<leeg>');
      const good = await s.gather('routeros.login', { user: 'admin', password: 'Adm1n!' }, signal());
      expect(good.parsed).toMatchObject({ accepted: true });
    } finally {
      await s.close();
    }
  });

  it('clear errors: wrong password (API and SSH), API refused with explicit transport', async () => {
    await expect(routerosDriver.connect(dev(sim, { password: 'wrong' }), signal())).rejects.toThrow(/aanmelden bij de RouterOS-API op 127\.0\.0\.1:\d+ mislukt: gebruikersnaam of wachtwoord afgewezen/);
    await expect(routerosDriver.connect(dev(sim, { password: 'wrong', transport: 'ssh' }), signal())).rejects.toThrow(/aanmelden via SSH .* mislukt/);
    await runWrite(dev(sim), '/ip service set api disabled=yes');
    try {
      await expect(routerosDriver.connect(dev(sim, { transport: 'api' }), signal())).rejects.toThrow(/weigert de verbinding: de dienst api staat uit/);
      // auto: falls back to SSH
      const s = await routerosDriver.connect(dev(sim), signal());
      try {
        const g = await s.gather('routeros.print', { menu: '/ip/service' }, signal());
        expect(g.transport).toBe('ssh');
        expect((g.parsed as Record<string, string>[]).find((x) => x.name === 'api')!.disabled).toBe('true');
      } finally {
        await s.close();
      }
    } finally {
      sim.state.set('/ip service', [sim.state.list('/ip service').find((x) => x.name === 'api')!['.id']], { disabled: 'no' });
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});

describe('timeouts', () => {
  let silent: Server;
  let port: number;
  const conns = new Set<import('node:net').Socket>();
  beforeAll(async () => {
    silent = createServer((c) => void conns.add(c)); // accepts and never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(() => {
    for (const c of conns) c.destroy();
    return new Promise<void>((r) => silent.close(() => r()));
  });

  it('an API that never answers gives a time-out error', async () => {
    const d: DeviceConfig = { role: 'r', platform: 'routeros', host: '127.0.0.1', transport: 'api', username: 'admin', password: 'x', timeoutMs: 1000, options: { apiPort: port }, secrets: [] };
    let session: DriverSession | undefined;
    const err = await routerosDriver.connect(d, AbortSignal.timeout(10_000)).then((s) => (session = s), (e: Error) => e);
    await session?.close();
    expect(String((err as Error).message)).toMatch(/time-out|geen antwoord/);
  });
});

describe('allow-list', () => {
  it.each([
    '/ip address print',
    '/ip/address/print detail without-paging',
    '/interface bridge vlan print terse where bridge=bridge1',
    '/export terse',
    '/ip firewall export',
    '/interface ethernet monitor ether1 once',
    '/ping 10.0.0.1 count=3',
    '/system resource',
    '/system routerboard print',
    '/system license print',
    '/file print',
  ])('allows %s', (c) => expect(allowCliCommand(c)).toBe(true));
  it.each([
    '/ip address add address=1.2.3.4/24 interface=ether1',
    '/ip service set telnet disabled=no',
    '/ip address remove 0 print',
    '/system reboot',
    '/ip address print file=out',
    '/log print follow',
    '/export file=x',
    '/export show-sensitive',
    '/interface ethernet monitor ether1',
    '/ping 10.0.0.1',
    '/ip address print; /system reboot',
    ':execute "/system reboot"',
    '/ip address print where [/system reboot]',
    '/user set admin password=""',
  ])('refuses %s', (c) => expect(allowCliCommand(c)).toBe(false));
  it('API sentences', () => {
    expect(allowApiSentence(['/ip/address/print', '?interface=ether1', '=.proplist=.id'])).toBe(true);
    expect(allowApiSentence(['/interface/ethernet/monitor', '=numbers=ether1', '=once='])).toBe(true);
    expect(allowApiSentence(['/ping', '=address=1.1.1.1', '=count=2'])).toBe(true);
    expect(allowApiSentence(['/ip/address/add', '=address=1.1.1.1/24'])).toBe(false);
    expect(allowApiSentence(['/system/reboot'])).toBe(false);
    expect(allowApiSentence(['/ping', '=address=1.1.1.1'])).toBe(false);
    expect(allowApiSentence(['/log/print', '=follow='])).toBe(false);
  });
  it('masks secrets in CLI text', () => {
    expect(maskCliText('add name=x wpa2-pre-shared-key="a b c" mode=dynamic-keys')).toBe('add name=x wpa2-pre-shared-key=<secret:5> mode=dynamic-keys');
    expect(maskRecord({ name: 'a.rsc', contents: '/ip address\nadd ...', passphrase: 'geheim12', 'security.passphrase': '<secret:8>' })).toEqual({ name: 'a.rsc', contents: '<inhoud: 19 tekens>', passphrase: '<secret:8>', 'security.passphrase': '<secret:8>' });
  });
});
