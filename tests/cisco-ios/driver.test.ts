// The cisco-ios driver against the in-process simulated IOS device, over SSH, telnet and a
// console line: facts, enable, paging, banners, and every way a device can misbehave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowCommand, applyConfig, ciscoIosDriver, IosSession, saveConfig } from '../../drivers/cisco-ios/index.js';
import type { DeviceConfig, DriverSession } from '../../src/core/types.js';
import { ObservationError } from '../../src/core/types.js';
import { startIosSim, type IosSim } from '../../sims/cisco-ios/index.js';

const T = 8000;
const sig = (ms = T) => AbortSignal.timeout(ms);

function dev(sim: IosSim, over: Partial<DeviceConfig> = {}): DeviceConfig {
  return { role: 'sw1', platform: 'cisco-ios', host: '127.0.0.1', port: sim.port, transport: 'ssh', username: 'admin', password: 'cisco', secret: 'class', timeoutMs: T, options: {}, secrets: [], ...over };
}

const sims: IosSim[] = [];
async function sim(opts: Parameters<typeof startIosSim>[0] = {}) {
  const s = await startIosSim({ secret: 'class', ...opts });
  sims.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

async function withSession<T>(d: DeviceConfig, fn: (s: DriverSession) => Promise<T>): Promise<T> {
  const s = await ciscoIosDriver.connect(d, sig());
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

describe('allow-list', () => {
  it('allows reading commands and their abbreviations', () => {
    for (const c of ['show vlan brief', 'sh ip int br', 'sho run | include hostname', 'ping 10.0.0.1', 'traceroute 10.0.0.1', 'dir', 'dir flash:', 'more flash:vlan.dat'])
      expect(allowCommand(c), c).toBe(true);
  });
  it('refuses everything that writes or changes state', () => {
    for (const c of ['configure terminal', 'conf t', 'write memory', 'copy run start', 'reload', 'enable', 'show run | redirect flash:x', 'show run | tee flash:x', 'show version\nreload', 'delete flash:vlan.dat', 'ping', 'clear counters', ''])
      expect(allowCommand(c), c).toBe(false);
  });
});

describe('over SSH', () => {
  let s: IosSim;
  beforeAll(async () => {
    s = await sim({ role: 'switch', hostname: 'SW1', neighbors: [{ localIf: 'GigabitEthernet0/1', deviceId: 'R1.lab.local', remoteIf: 'GigabitEthernet0/0', capability: 'R', platform: 'cisco CISCO1941/K9', ip: '10.0.0.1' }] });
  });

  it('logs in, enters enable with the secret and reads show commands (raw + parsed)', async () => {
    await withSession(dev(s), async (sess) => {
      const v = await sess.gather('cisco.show', { command: 'show version' }, sig());
      expect(v.transport).toBe('ssh');
      expect(v.raw).toMatch(/^Cisco IOS Software, C2960 Software/);
      expect(v.raw).not.toMatch(/SW1[#>]/); // no prompt, no echo
      expect(v.parseError).toBeUndefined();
      expect(v.parsed).toMatchObject({ version: '15.0(2)SE11', hostname: 'SW1', serial: [s.state.serial] });
      const vl = await sess.gather('cisco.show', { command: 'sh vlan br' }, sig());
      expect(vl.command).toBe('sh vlan br');
      const vlans = vl.parsed as { id: number; name: string; ports: string[] }[];
      expect(vlans.find((x) => x.id === 1)?.ports).toContain('Fa0/24');
      const cdp = await sess.gather('cisco.show', { command: 'show cdp neighbors' }, sig());
      expect(cdp.parsed).toEqual([expect.objectContaining({ deviceId: 'R1.lab.local' })]);
    });
  });

  it('records identity: hostname, model, serial, version, host key fingerprint', async () => {
    await withSession(dev(s), async (sess) => {
      const id = await sess.identity!(sig());
      expect(id).toMatchObject({ hostname: 'SW1', model: 'WS-C2960-24TT-L', serial: s.state.serial, version: '15.0(2)SE11', hostKeyFingerprint: s.hostKeyFingerprint });
      expect(id.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      // The runner asks identity first; a later `show version` fact reuses that output once.
      const before = s.history.length;
      const v = await sess.gather('cisco.show', { command: 'show version' }, sig());
      expect((v.parsed as { serial: string[] }).serial).toEqual([s.state.serial]);
      expect(s.history.length).toBe(before);
      await sess.gather('cisco.show', { command: 'show version' }, sig());
      expect(s.history.slice(before)).toEqual(['show version']);
    });
  });

  it('turns % Invalid input into an error carrying the IOS text', async () => {
    await withSession(dev(s), async (sess) => {
      const err = await sess.gather('cisco.show', { command: 'show vlan bogus' }, sig()).catch((e) => e);
      expect(err).toBeInstanceOf(ObservationError);
      expect(err.message).toMatch(/% Invalid input detected at '\^' marker/);
      const inc = await sess.gather('cisco.show', { command: 'show ip' }, sig()).catch((e) => e);
      expect(inc.message).toMatch(/% Incomplete command/);
      // The session is still usable afterwards.
      const ok = await sess.gather('cisco.show', { command: 'show clock' }, sig());
      expect(ok.raw).toMatch(/UTC/);
    });
  });

  it('keeps raw output with no parser and no error for a command without one', async () => {
    await withSession(dev(s), async (sess) => {
      const g = await sess.gather('cisco.show', { command: 'dir flash:' }, sig());
      expect(g.raw).toMatch(/Directory of flash:/);
      expect(g.parseError).toBeUndefined();
    });
  });

  it('refuses a writing command before it reaches the device', async () => {
    const before = s.log.length;
    const hostname = s.state.hostname;
    await withSession(dev(s), async (sess) => {
      for (const command of ['configure terminal', 'write memory', 'reload']) {
        const err = await sess.gather('cisco.show', { command }, sig()).catch((e) => e);
        expect(err).toBeInstanceOf(ObservationError);
        expect(err.message).toMatch(/geweigerd/);
      }
    });
    expect(s.state.hostname).toBe(hostname);
    expect(s.log.slice(before).some((l) => /CONFIG_I/.test(l))).toBe(false);
  });

  it('applyConfig changes the device and the change reads back; saveConfig writes startup-config', async () => {
    const d = dev(s);
    const r = await applyConfig(d, ['vlan 20', ' name Gasten', 'interface fa0/5', ' switchport mode access', ' switchport access vlan 20', 'interface g0/2', ' switchport mode trunk', ' switchport trunk allowed vlan 1,20', 'bogus command here']);
    expect(r.errors).toEqual([{ line: 'bogus command here', error: "% Invalid input detected at '^' marker." }]);
    await withSession(d, async (sess) => {
      const vl = (await sess.gather('cisco.show', { command: 'show vlan brief' }, sig())).parsed as { id: number; name: string; ports: string[] }[];
      expect(vl.find((v) => v.id === 20)).toMatchObject({ name: 'Gasten', ports: ['Fa0/5'] });
      const run = await sess.gather('cisco.show', { command: 'show running-config' }, sig());
      expect(run.raw).toMatch(/interface FastEthernet0\/5\n switchport access vlan 20\n switchport mode access\n/);
      expect(run.raw).toMatch(/interface GigabitEthernet0\/2\n switchport trunk allowed vlan 1,20\n switchport mode trunk\n/);
    });
    expect(s.state.startupConfig).not.toMatch(/switchport access vlan 20/);
    await saveConfig(d);
    expect(s.state.startupConfig).toMatch(/switchport access vlan 20/);
  });
});

describe('other transports', () => {
  it('telnet: negotiates options, answers Username/Password, reads a show command', async () => {
    const s = await sim({ role: 'router', hostname: 'R1' });
    await withSession({ ...dev(s), port: s.telnetPort, transport: 'telnet' }, async (sess) => {
      const g = await sess.gather('cisco.show', { command: 'show ip interface brief' }, sig());
      expect(g.transport).toBe('telnet');
      expect(g.parsed).toEqual(expect.arrayContaining([expect.objectContaining({ interface: 'GigabitEthernet0/0' })]));
      const id = await sess.identity!(sig());
      expect(id).toMatchObject({ hostname: 'R1', model: 'CISCO1941/K9', serial: s.state.serial });
      expect(id.hostKeyFingerprint).toBeUndefined();
    });
  });

  it('console via a terminal server: presses Enter, leaves config mode and a --More-- left behind', async () => {
    const s = await sim({ role: 'switch', hostname: 'SW9', consolePort: 0 });
    const net = await import('node:net');
    // A previous user left the console in configuration mode in the middle of a paged output.
    await new Promise<void>((resolve) => {
      const c = net.connect(s.consolePort, '127.0.0.1', () => {
        c.write('\renable\rconfigure terminal\rinterface fa0/1\rdo show running-config\r');
        const t = setInterval(() => {
          if (s.state.hostname && c.readableLength >= 0) {
            clearInterval(t);
            setTimeout(() => {
              c.destroy();
              resolve();
            }, 300);
          }
        }, 50);
      });
      c.on('data', () => {});
    });
    await withSession({ ...dev(s), port: s.consolePort, transport: 'console', username: undefined, password: undefined }, async (sess) => {
      const g = await sess.gather('cisco.show', { command: 'show interfaces status' }, sig());
      expect(g.transport).toBe('console');
      expect(g.raw).toMatch(/^Port\s+Name\s+Status/m);
      expect((g.parsed as unknown[]).length).toBe(26);
    });
  });
});

describe('misbehaving devices', () => {
  it('pages with --More-- when terminal length is ignored; output equals the unpaged output', async () => {
    const s = await sim({ role: 'switch', hostname: 'PG1', faults: { ignoreTerminalLength: true } });
    const paged = await withSession(dev(s), (sess) => sess.gather('cisco.show', { command: 'show running-config' }, sig()));
    s.faults.ignoreTerminalLength = false;
    const plain = await withSession(dev(s), (sess) => sess.gather('cisco.show', { command: 'show running-config' }, sig()));
    expect(paged.raw.split('\n').length).toBeGreaterThan(60);
    expect(paged.raw).not.toMatch(/--More--/);
    expect(paged.raw).toBe(plain.raw);
  });

  it('reads through a banner-heavy MOTD full of # and > characters', async () => {
    const banner = ['#'.repeat(60), '# ALLEEN VOOR GEAUTORISEERD GEBRUIK  #', 'Switch#', 'R1>', 'Unauthorized access is prohibited>', '#'.repeat(60)].join('\n');
    const s = await sim({ role: 'switch', startupConfig: `hostname BNR\nenable secret class\nusername admin secret cisco\nbanner motd ^C${banner}^C\nline vty 0 4\n login local\n transport input ssh telnet\nend\n` });
    for (const transport of ['ssh', 'telnet'] as const) {
      await withSession({ ...dev(s), transport, port: transport === 'ssh' ? s.port : s.telnetPort }, async (sess) => {
        const g = await sess.gather('cisco.show', { command: 'show version' }, sig());
        expect((g.parsed as { hostname: string }).hostname).toBe('BNR');
        expect((sess as IosSession).hostname).toBe('BNR');
      });
    }
  });

  it('wrong password: a clear authentication error over SSH and telnet', async () => {
    const s = await sim();
    const e1 = await ciscoIosDriver.connect(dev(s, { password: 'wrong' }), sig()).catch((e) => e);
    expect(e1.message).toMatch(/aanmelden .* mislukt/);
    const e2 = await ciscoIosDriver.connect(dev(s, { password: 'wrong', transport: 'telnet', port: s.telnetPort }), sig()).catch((e) => e);
    expect(e2.message).toMatch(/aanmelden .* mislukt/);
    s.faults.rejectPassword = true;
    const e3 = await ciscoIosDriver.connect(dev(s), sig()).catch((e) => e);
    expect(e3.message).toMatch(/authentication failed/);
  });

  it('wrong enable secret: refused with a clear reason', async () => {
    const s = await sim();
    const e = await ciscoIosDriver.connect(dev(s, { secret: 'nope' }), sig()).catch((e) => e);
    expect(e.message).toMatch(/enable secret afgewezen/);
  });

  it('connection refused', async () => {
    const s = await sim();
    const port = s.port;
    await s.close();
    const e = await ciscoIosDriver.connect(dev(s, { port }), sig()).catch((e) => e);
    expect(e.code).toBe('ECONNREFUSED');
    expect(e.message).toMatch(/verbinding geweigerd/);
  });

  it('disconnect mid-command: an error naming the cause; the next fact reconnects', async () => {
    const s = await sim({ faults: { dropOn: 'show running-config' } });
    await withSession(dev(s), async (sess) => {
      const e = await sess.gather('cisco.show', { command: 'show running-config' }, sig()).catch((e) => e);
      expect(e).toBeInstanceOf(ObservationError);
      expect(e.message).toMatch(/verbinding verbroken/);
      const g = await sess.gather('cisco.show', { command: 'show clock' }, sig());
      expect(g.raw).toMatch(/UTC/);
    });
  });

  it('a slow device (handshake delay, per-command latency) still answers within its timeout', async () => {
    const s = await sim({ faults: { handshakeDelayMs: 300, commandLatencyMs: 150 } });
    const g = await withSession(dev(s), (sess) => sess.gather('cisco.show', { command: 'show version' }, sig()));
    expect(g.raw).toMatch(/Cisco IOS Software/);
    // The same device with too short a timeout: aborted, not hanging.
    const sess = await ciscoIosDriver.connect(dev(s), sig());
    s.faults.commandLatencyMs = 5000;
    const e = await sess.gather('cisco.show', { command: 'show version' }, sig(300)).catch((e) => e);
    expect(e.name).toBe('TimeoutError');
    await sess.close();
  });

  it('accepts TCP and never answers: the connect attempt ends at the timeout', async () => {
    const s = await sim({ faults: { blackhole: true } });
    const e = await ciscoIosDriver.connect(dev(s, { timeoutMs: 500 }), sig(500)).catch((e) => e);
    expect(e).toBeInstanceOf(Error);
    const e2 = await ciscoIosDriver.connect(dev(s, { transport: 'telnet', port: s.telnetPort }), sig(500)).catch((e) => e);
    expect(e2.name).toBe('TimeoutError');
  });

  it('garbage instead of a prompt: ends at the timeout with an error', async () => {
    const s = await sim({ faults: { garbage: true } });
    const e = await ciscoIosDriver.connect(dev(s), sig(500)).catch((e) => e);
    expect(e.name).toBe('TimeoutError');
  });

  it('a device that pages forever is given up on with a clear reason', async () => {
    const s = await sim();
    const sess = await ciscoIosDriver.connect(dev(s, { options: { maxPages: 40 } }), sig());
    s.faults.pageForever = true;
    const e = await sess.gather('cisco.show', { command: 'show version' }, sig(20_000)).catch((e) => e);
    expect(e.message).toMatch(/blijft pagineren/);
    await sess.close();
  });
});

describe('host key pinning', () => {
  it('accepts the pinned key, refuses another one and a changed key', async () => {
    const s = await sim();
    const fp = s.hostKeyFingerprint;
    await withSession(dev(s, { hostKey: fp }), async (sess) => {
      expect((sess as IosSession).transport.hostKeyFingerprint).toBe(fp);
    });
    const wrong = 'SHA256:' + 'A'.repeat(43);
    const e = await ciscoIosDriver.connect(dev(s, { hostKey: wrong }), sig()).catch((e) => e);
    expect(e.message).toMatch(/hostsleutel .* wijkt af/);
    expect(e.message).toContain(fp);
    s.changeHostKey();
    expect(s.hostKeyFingerprint).not.toBe(fp);
    const e2 = await ciscoIosDriver.connect(dev(s, { hostKey: fp }), sig()).catch((e) => e);
    expect(e2.message).toMatch(/host key mismatch/);
  });
});

describe('SSH variants', () => {
  it('keyboard-interactive only (as many IOS AAA setups offer) and legacy algorithms when asked', async () => {
    const s = await sim({ authMethods: ['keyboard-interactive'], keyType: 'rsa' });
    const g = await withSession(dev(s), (sess) => sess.gather('cisco.show', { command: 'show clock' }, sig()));
    expect(g.raw).toMatch(/UTC/);
    const g2 = await withSession(dev(s, { options: { legacyAlgorithms: true } }), (sess) => sess.gather('cisco.show', { command: 'show clock' }, sig()));
    expect(g2.raw).toMatch(/UTC/);
    const e = await ciscoIosDriver.connect(dev(s, { password: 'fout' }), sig()).catch((e) => e);
    expect(e.message).toMatch(/authentication failed/);
  });

  it('SSH refused by the device configuration (transport input telnet): a clear error, telnet still works', async () => {
    const s = await sim();
    await applyConfig(dev(s, { transport: 'telnet', port: s.telnetPort }), ['line vty 0 15', ' transport input telnet'], { strict: true });
    const e = await ciscoIosDriver.connect(dev(s), sig()).catch((e) => e);
    expect(e.message).toMatch(/verbroken|verbinding/);
    const g = await withSession(dev(s, { transport: 'telnet', port: s.telnetPort }), (sess) => sess.gather('cisco.show', { command: 'show ip ssh' }, sig()));
    expect(g.raw).toMatch(/SSH Enabled - version 2\.0/);
  });
});

describe('standalone simulator (proeflab sim ios)', () => {
  it('starts from a startup-config file, prints where it listens, keeps its host key and saves back', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { simIosCommand } = await import('../../sims/cisco-ios/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'proeflab-sim-ios-'));
    const cfg = join(dir, 'startup.cfg');
    writeFileSync(cfg, 'hostname OEFEN1\nenable secret class\nusername student secret oefen\nline vty 0 15\n login local\n transport input ssh telnet\nend\n');
    const runOnce = async (fn: (port: number, printed: string[]) => Promise<void>) => {
      const printed: string[] = [];
      const ac = new AbortController();
      let ready!: () => void;
      const started = new Promise<void>((r) => (ready = r));
      const done = simIosCommand({ role: 'router', port: 0, telnetPort: 0, startupConfig: cfg, hostKeyFile: join(dir, 'host.key'), signal: ac.signal, print: (l) => (printed.push(l), /Ctrl-C/.test(l) && ready()) });
      await started;
      const port = Number(/ssh\s+127\.0\.0\.1:(\d+)/.exec(printed.join('\n'))![1]);
      try {
        await fn(port, printed);
      } finally {
        ac.abort();
        expect(await done).toBe(0);
      }
      return printed;
    };
    let fp1 = '';
    const p1 = await runOnce(async (port) => {
      const d: DeviceConfig = { role: 'r', platform: 'cisco-ios', host: '127.0.0.1', port, username: 'student', password: 'oefen', secret: 'class', timeoutMs: T, options: {}, secrets: [] };
      await applyConfig(d, ['interface g0/0', ' ip address 10.1.1.1 255.255.255.0', ' no shutdown'], { strict: true });
      await saveConfig(d);
    });
    fp1 = /host key (SHA256:\S+)/.exec(p1.join('\n'))![1];
    expect(p1.join('\n')).toMatch(/OEFEN1/);
    expect(readFileSync(cfg, 'utf8')).toMatch(/interface GigabitEthernet0\/0\n ip address 10\.1\.1\.1 255\.255\.255\.0/);
    const p2 = await runOnce(async () => {});
    expect(/host key (SHA256:\S+)/.exec(p2.join('\n'))![1]).toBe(fp1);
  });
});

describe('applyConfig details', () => {
  it('follows a hostname change (the prompt changes mid-configuration) and reports refused lines in strict mode', async () => {
    const s = await sim({ hostname: 'OUD' });
    const r = await applyConfig(dev(s), ['hostname NIEUW', 'interface vlan 1', ' ip address 10.0.0.2 255.255.255.0', ' no shutdown', 'ip default-gateway 10.0.0.1']);
    expect(r.errors).toEqual([]);
    await withSession(dev(s), async (sess) => {
      expect((sess as IosSession).hostname).toBe('NIEUW');
      const br = (await sess.gather('cisco.show', { command: 'show ip interface brief' }, sig())).parsed as { interface: string; ipAddress: string }[];
      expect(br.find((x) => x.interface === 'Vlan1')?.ipAddress).toBe('10.0.0.2');
    });
    await expect(applyConfig(dev(s), ['vlan 4095'], { strict: true })).rejects.toThrow(/configuratie geweigerd: 'vlan 4095'/);
  });

  it('one command over an SSH exec channel (ssh host show version), like IOS allows', async () => {
    const s = await sim({ hostname: 'EX1' });
    const ssh2 = (await import('ssh2')).default;
    const c = new ssh2.Client();
    await new Promise<void>((res, rej) => c.on('ready', () => res()).on('error', rej).connect({ host: '127.0.0.1', port: s.port, username: 'admin', password: 'cisco' }));
    const out = await new Promise<string>((res, rej) =>
      c.exec('show version', (err, st) => {
        if (err) return rej(err);
        let b = '';
        st.on('data', (d: Buffer) => (b += d.toString())).on('close', () => res(b));
      }),
    );
    c.end();
    expect(out).toMatch(/^Cisco IOS Software/);
    expect(out).toMatch(/EX1 uptime is/);
  });
});

describe('line passwords', () => {
  it('telnet with only a vty line password, console with login local', async () => {
    const s = await sim({
      consolePort: 0,
      startupConfig: 'hostname LP1\nenable secret class\nusername beheer secret Welkom01\nline con 0\n login local\nline vty 0 4\n password lijn123\n login\n transport input telnet\nend\n',
      faults: { commandLatencyMs: (cmd) => (cmd.startsWith('show') ? 20 : 0) },
    });
    const g = await withSession({ ...dev(s), transport: 'telnet', port: s.telnetPort, username: undefined, password: 'lijn123' }, (sess) => sess.gather('cisco.show', { command: 'show users' }, sig()));
    expect(g.raw).toMatch(/vty 0/);
    const bad = await ciscoIosDriver.connect({ ...dev(s), transport: 'telnet', port: s.telnetPort, username: undefined, password: 'fout' }, sig()).catch((e) => e);
    expect(bad.message).toMatch(/mislukt/);
    const badCon = await ciscoIosDriver.connect({ ...dev(s), transport: 'console', port: s.consolePort, username: 'beheer', password: 'fout' }, sig()).catch((e) => e);
    expect(badCon.message).toMatch(/mislukt/);
    const c = await withSession({ ...dev(s), transport: 'console', port: s.consolePort, username: 'beheer', password: 'Welkom01' }, (sess) => sess.gather('cisco.show', { command: 'show clock' }, sig()));
    expect(c.raw).toMatch(/UTC/);
  });
});
