// The simulated RouterOS against real clients: node-routeros and Debian's python3-librouteros over
// the API, ssh2 over SSH (exec with the `+cet1024w` login suffix), and `/export` round-tripping
// through proeflab's own parser.
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RouterOSAPI } from 'node-routeros';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExport, parsePrint, toApiRecords } from '../../drivers/routeros/parsers/index.js';
import { encodeLength } from './api.js';
import { encodeSentence, RosState, runCli, SentenceDecoder, simRouterosCommand, startRouterosSim, type RouterosSim } from './index.js';
import { LAB_SCRIPT } from './testdata/lab-script.js';

const run = promisify(execFile);

function sshExec(port: number, user: string, password: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    c.on('ready', () =>
      c.exec(command, (err, stream) => {
        if (err) return reject(err);
        let out = '';
        stream.on('data', (d: Buffer) => (out += d.toString()));
        stream.on('close', () => {
          c.end();
          resolve(out);
        });
      }),
    );
    c.on('error', reject);
    c.connect({ host: '127.0.0.1', port, username: user, password, readyTimeout: 10_000 });
  });
}

describe('simulated RouterOS', () => {
  let sim: RouterosSim;
  beforeAll(async () => {
    sim = await startRouterosSim({ version: 7, password: 'adminpw' });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('node-routeros: login, print with queries and proplist, add, set, remove, trap, tags in parallel', async () => {
    const api = new RouterOSAPI({ host: '127.0.0.1', port: sim.apiPort, user: 'admin', password: 'adminpw', timeout: 5 });
    await api.connect();
    try {
      const id = (await api.write('/ip/address/add', ['=address=192.168.50.1/24', '=interface=ether5', '=comment=node']))[0].ret;
      expect(id).toMatch(/^\*[0-9A-F]+$/);
      const [byQuery, services] = await Promise.all([
        api.write('/ip/address/print', ['?interface=ether5', '=.proplist=.id,address,network']),
        api.write('/ip/service/print', ['?disabled=false', '?port=22', '?#|']),
      ]);
      expect(byQuery).toEqual([{ '.id': id, address: '192.168.50.1/24', network: '192.168.50.0' }]);
      expect(services.map((s: Record<string, string>) => s.name).sort()).toEqual(['api', 'api-ssl', 'ftp', 'ssh', 'telnet', 'winbox', 'www']);
      await api.write('/ip/address/set', [`=.id=${id}`, '=comment=changed']);
      expect((await api.write('/ip/address/print', [`?.id=${id}`]))[0]).toMatchObject({ comment: 'changed', disabled: 'false', interface: 'ether5' });
      await expect(api.write('/ip/address/add', ['=address=1.2.3.4/24', '=interface=nope'])).rejects.toThrow(/input does not match/);
      await expect(api.write('/ip/nothing/print')).rejects.toThrow(/no such command/);
      await api.write('/ip/address/remove', [`=.id=${id}`]);
      expect(await api.write('/ip/address/print', ['?interface=ether5'])).toEqual([]);
      await api.write('/interface/disable', ['=numbers=ether4']);
      expect((await api.write('/interface/print', ['?name=ether4', '=.proplist=name,type,disabled,running']))[0]).toEqual({ name: 'ether4', type: 'ether', disabled: 'true', running: 'false' });
      await api.write('/interface/set', ['=numbers=ether4', '=disabled=no', '=comment=uplink']);
      expect(sim.state.list('/interface ethernet').find((e) => e.name === 'ether4')).toMatchObject({ disabled: 'false', comment: 'uplink' });
      const res = await api.write('/system/resource/print');
      expect(res[0].version).toMatch(/^7\./);
      expect(res[0]['.id']).toBeUndefined();
    } finally {
      await api.close();
    }
  });

  it('node-routeros: a wrong password is refused', async () => {
    const api = new RouterOSAPI({ host: '127.0.0.1', port: sim.apiPort, user: 'admin', password: 'wrong', timeout: 5 });
    await expect(api.connect()).rejects.toMatchObject({ errno: 'CANTLOGIN' });
  });

  it("Debian's python3-librouteros: connect, login, select/where, add, update, remove, trap", async () => {
    const script = join(import.meta.dirname, 'testdata', 'librouteros_client.py');
    const { stdout } = await run('/usr/bin/python3', [script, '127.0.0.1', String(sim.apiPort), 'admin', 'adminpw'], { timeout: 20_000 });
    const r = JSON.parse(stdout);
    expect(r.login).toBe('ok');
    expect(r.added).toMatch(/^\*[0-9A-F]+$/);
    expect(r.selected).toEqual([{ '.id': r.added, address: '10.9.8.1/24', interface: 'ether2' }]);
    expect(r.after_update[0]).toMatchObject({ comment: 'changed', address: '10.9.8.1/24', disabled: false });
    expect(r.identity).toBe('MikroTik');
    expect(r.trap).toMatch(/input does not match any value of interface/);
    expect(r.after_remove.some((x: { '.id': string }) => x['.id'] === r.added)).toBe(false);
    const bad = await run('/usr/bin/python3', [script, '127.0.0.1', String(sim.apiPort), 'admin', 'nope'], { timeout: 20_000 }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).message).toMatch(/invalid user name or password/);
  });

  it('SSH: exec with the +cet1024w suffix, configuration by CLI, print and export parse', async () => {
    const out = await sshExec(sim.sshPort, 'admin+cet1024w', 'adminpw', LAB_SCRIPT.join('\n'));
    expect(out).toBe('Configuration backup saved\r\n');
    const detail = await sshExec(sim.sshPort, 'admin+cet1024w', 'adminpw', '/interface bridge port print detail without-paging');
    const ports = toApiRecords(parsePrint(detail));
    expect(ports.map((p) => [p.interface, p.pvid, p.disabled])).toEqual([
      ['ether2', '10', 'false'],
      ['ether3', '20', 'false'],
    ]);
    const table = parsePrint(await sshExec(sim.sshPort, 'admin', 'adminpw', '/ip address print'));
    expect(table.form).toBe('table');
    expect(table.records.map((r) => [r.props.address, r.props.interface, r.comment ?? ''])).toEqual([
      ['10.0.10.1/24', 'vlan10', ''],
      ['10.0.20.1/24', 'vlan20', ''],
      ['203.0.113.2/30', 'ether1', 'WAN'],
    ]);
    const terse = parsePrint(await sshExec(sim.sshPort, 'admin', 'adminpw', '/ip firewall filter print terse'));
    expect(terse.records[2]).toMatchObject({ number: 2, props: { chain: 'input', action: 'drop', comment: 'drop all else' } });
    const e = parseExport(await sshExec(sim.sshPort, 'admin+cet1024w', 'adminpw', '/export terse show-sensitive'));
    expect(e.header.version).toMatch(/^7\./);
    expect(e.menus['/system identity']).toEqual([{ action: 'set', props: { name: 'R1-lab' }, line: expect.any(Number) }]);
    expect(e.menus['/ip service'].map((x) => x.item)).toEqual(['telnet', 'ftp', 'www', 'ssh', 'winbox']);
    expect(e.menus['/interface wifi security'][0].props.passphrase).toBe('Geheim wachtwoord 1');
    const bad = await sshExec(sim.sshPort, 'admin', 'wrong', '/export').catch((err) => err);
    expect(bad).toBeInstanceOf(Error);
    expect(bad.level).toBe('client-authentication');
  });

  it('SSH interactive shell: prompt, menu navigation, relative commands, errors, /quit', async () => {
    const c = new ssh2.Client();
    await new Promise<void>((resolve, reject) => c.on('ready', resolve).on('error', reject).connect({ host: '127.0.0.1', port: sim.sshPort, username: 'admin', password: 'adminpw' }));
    const stream = await new Promise<ssh2.ClientChannel>((resolve, reject) => c.shell({ term: 'xterm', cols: 200 }, (err, s) => (err ? reject(err) : resolve(s))));
    let out = '';
    stream.on('data', (d: Buffer) => (out += d.toString()));
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 100 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 20));
      expect(out).toMatch(re);
    };
    await waitFor(/\[admin@R1-lab\] > $/);
    stream.write('/ip firewall address-list\r');
    await waitFor(/\[admin@R1-lab\] \/ip firewall address-list> $/);
    stream.write('add list=shell address=192.0.2.7\r');
    stream.write('print terse where list=shell\r');
    await waitFor(/list=shell address=192\.0\.2\.7/);
    stream.write('set 99 comment=x\r');
    await waitFor(/no such item/);
    stream.write('/nonsense\r');
    await waitFor(/bad command name nonsense/);
    stream.write('/quit\r');
    await new Promise((r) => stream.on('close', r));
    c.end();
    expect(sim.state.list('/ip firewall address-list').some((a) => a.list === 'shell' && a.address === '192.0.2.7')).toBe(true);
  });

  it('API service disabled → connection refused; re-enabled over SSH → accepted again', async () => {
    await sshExec(sim.sshPort, 'admin', 'adminpw', '/ip service disable api');
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const s = connect(sim.apiPort, '127.0.0.1');
      s.on('error', resolve);
      s.on('connect', () => resolve(Object.assign(new Error('connected'), { code: 'CONNECTED' })));
    });
    expect(err.code).toBe('ECONNREFUSED');
    await sshExec(sim.sshPort, 'admin', 'adminpw', '/ip service enable api');
    const api = new RouterOSAPI({ host: '127.0.0.1', port: sim.apiPort, user: 'admin', password: 'adminpw', timeout: 5 });
    await api.connect();
    await api.close();
  });
});

describe('/export round-trip through the parser', () => {
  for (const version of [6, 7] as const) {
    it(`v${version}: state → export → parse → applied to a fresh state → same export and same structure`, () => {
      const a = new RosState({ version });
      const script = LAB_SCRIPT.filter((l) => version === 7 || !l.startsWith('/interface wifi'))
        .map((l) => (version === 6 ? l.replace('servers=pool.ntp.org', 'primary-ntp=192.0.2.123') : l))
        .concat(
        version === 6
          ? ['/interface wireless security-profiles add name=sec1 mode=dynamic-keys authentication-types=wpa2-psk wpa2-pre-shared-key="Geheim wachtwoord 1"', '/interface wireless set [ find default-name=wlan1 ] ssid=Lab-WiFi security-profile=sec1 mode=ap-bridge disabled=no']
          : [],
      );
      for (const l of script) expect(runCli(a, l).output.replace('Configuration backup saved\n', '')).toBe('');
      for (const form of [{ showSensitive: true }, { terse: true, showSensitive: true }]) {
        const text = a.export(form);
        const parsed = parseExport(text);
        // every menu of the state's export is in the parse, entry for entry
        const b = new RosState({ version });
        for (const [menu, entries] of Object.entries(parsed.menus))
          for (const en of entries) {
            const sel = en.find ? `[ find ${Object.entries(en.find).map(([k, v]) => `${k}=${v}`).join(' ')} ]` : (en.item ?? '');
            const props = Object.entries(en.props).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
            expect(runCli(b, `${menu} ${en.action} ${sel} ${props}`).output, `${menu} ${en.action}`).toBe('');
          }
        expect(b.export(form)).toBe(text);
        expect(parseExport(b.export(form))).toEqual(parsed);
      }
      const text = a.export();
      expect(text).toMatch(/ \\\n {4}\S/); // long lines are continued with `\`
      const p = parseExport(text);
      expect(p.header).toMatchObject({ version: a.version.split(' ')[0], serial: a.single('/system routerboard')['serial-number'] });
      expect(p.menus['/interface bridge'][0].props).toMatchObject({ name: 'bridge1', 'vlan-filtering': 'yes', comment: 'LAN bridge' });
      expect(p.menus['/ip firewall nat'][0].props).toEqual({ action: 'masquerade', chain: 'srcnat', 'out-interface': 'ether1' });
      expect(p.menus['/snmp community'][0]).toMatchObject({ action: 'set', find: { default: 'yes' }, props: { name: 's3cr3tRO', addresses: '10.0.99.0/24' } });
      // v7 hides sensitive values unless show-sensitive; v6 shows them unless hide-sensitive
      const secret = version === 7 ? '/interface wifi security' : '/interface wireless security-profiles';
      const sensitiveKey = version === 7 ? 'passphrase' : 'wpa2-pre-shared-key';
      expect(p.menus[secret].find((x) => x.props.name === 'sec1')!.props[sensitiveKey]).toBe(version === 7 ? undefined : 'Geheim wachtwoord 1');
    });
  }
});

describe('proeflab sim routeros (simRouterosCommand)', () => {
  it('starts with the given user and password, prints its ports, stops on request', async () => {
    const stop = new AbortController();
    let printed = '';
    const done = simRouterosCommand(['--api-port', '0', '--ssh-port', '0', '--user', 'docent', '--password', 'Les-123', '--identity', 'R9'], (s) => (printed += s), stop.signal);
    for (let i = 0; i < 100 && !printed; i++) await new Promise((r) => setTimeout(r, 50));
    const port = Number(/API (\d+)/.exec(printed)![1]);
    expect(printed).toMatch(/gesimuleerde RouterOS 7\.\S+ \(stable\) \(R9\) op 127\.0\.0\.1: API \d+, SSH \d+ \(SHA256:\S+\); gebruiker docent/);
    const api = new RouterOSAPI({ host: '127.0.0.1', port, user: 'docent', password: 'Les-123', timeout: 5 });
    await api.connect();
    expect((await api.write('/system/identity/print'))[0].name).toBe('R9');
    await api.close();
    stop.abort();
    expect(await done).toBe(0);
  });

  it('refuses unknown options with exit code 2', async () => {
    let printed = '';
    expect(await simRouterosCommand(['--bogus', '1'], (s) => (printed += s))).toBe(2);
    expect(printed).toMatch(/onbekende optie\(s\): --bogus/);
  });
});

describe('API protocol on the wire', () => {
  let sim: RouterosSim;
  beforeAll(async () => {
    sim = await startRouterosSim({ version: 6, password: 'pw' });
  });
  afterAll(async () => {
    await sim?.close();
  });

  /** A raw API client: send sentences, collect reply sentences until `!done`/`!fatal` (or close). */
  async function session() {
    const sock = connect(sim.apiPort, '127.0.0.1');
    await new Promise((r, j) => sock.once('connect', r).once('error', j));
    const dec = new SentenceDecoder();
    const queue: string[][] = [];
    let closed = false;
    let wake: () => void = () => {};
    sock.on('data', (d) => {
      queue.push(...dec.push(d));
      wake();
    });
    sock.on('close', () => {
      closed = true;
      wake();
    });
    const next = async (): Promise<string[] | undefined> => {
      while (!queue.length && !closed) await new Promise<void>((r) => (wake = r));
      return queue.shift();
    };
    return {
      async send(words: string[]) {
        sock.write(encodeSentence(words));
        const out: string[][] = [];
        for (;;) {
          const s = await next();
          if (!s) return { out, closed: true };
          out.push(s);
          if (s[0] === '!done' || s[0] === '!fatal') return { out, closed };
        }
      },
      end: () => sock.destroy(),
      isClosed: () => closed,
    };
  }

  it('length prefixes of 1, 2, 3 bytes; 4 and 5 byte forms', () => {
    expect([...encodeLength(0x7f)]).toEqual([0x7f]);
    expect([...encodeLength(0x80)]).toEqual([0x80, 0x80]);
    expect([...encodeLength(0x3fff)]).toEqual([0xbf, 0xff]);
    expect([...encodeLength(0x4000)]).toEqual([0xc0, 0x40, 0x00]);
    expect([...encodeLength(0x200000)]).toEqual([0xe0, 0x20, 0x00, 0x00]);
    expect([...encodeLength(0x10000000)]).toEqual([0xf0, 0x10, 0x00, 0x00, 0x00]);
    const dec = new SentenceDecoder();
    const bytes = encodeSentence(['/x', 'a'.repeat(0x4001)]);
    expect(dec.push(bytes.subarray(0, 3))).toEqual([]); // partial: nothing yet
    expect(dec.push(bytes.subarray(3))).toEqual([['/x', 'a'.repeat(0x4001)]]);
  });

  it('not logged in → !fatal and the connection closes', async () => {
    const s = await session();
    const r = await s.send(['/ip/address/print']);
    expect(r.out).toEqual([['!fatal', 'not logged in']]);
    await new Promise((res) => setTimeout(res, 50));
    expect(s.isClosed()).toBe(true);
  });

  it('.tag on every reply, long words both ways, count-only, trap then done, /quit', async () => {
    const s = await session();
    expect((await s.send(['/login', '=name=admin', '=password=pw'])).out).toEqual([['!done']]);
    const long = 'x'.repeat(200) + 'ü'.repeat(10_000);
    const add = await s.send(['/ip/firewall/address-list/add', '=list=L', '=address=10.1.2.3', `=comment=${long}`, '.tag=t1']);
    expect(add.out).toEqual([['!done', '.tag=t1', expect.stringMatching(/^=ret=\*[0-9A-F]+$/)]]);
    const pr = await s.send(['/ip/firewall/address-list/print', '?list=L', '=.proplist=comment,list', '.tag=t2']);
    expect(pr.out).toEqual([['!re', '.tag=t2', `=comment=${long}`, '=list=L'], ['!done', '.tag=t2']]);
    expect((await s.send(['/ip/service/print', '=count-only=', '?disabled=true'])).out).toEqual([['!done', '=ret=1']]);
    expect((await s.send(['/ip/address/remove', '=.id=*FFFF', '.tag=t3'])).out).toEqual([['!trap', '.tag=t3', '=category=0', '=message=no such item'], ['!done', '.tag=t3']]);
    const q = await s.send(['/quit']);
    expect(q.out[0][0]).toBe('!fatal');
    s.end();
  });
});
