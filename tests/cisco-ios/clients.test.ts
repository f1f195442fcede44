// Real clients no one here wrote, against the simulated IOS switch: Debian's netmiko (SSH and
// telnet) and Ansible's cisco.ios collection over ansible.netcommon.network_cli.
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startIosSim, type IosSim } from '../../sims/cisco-ios/index.js';

const PY = '/usr/bin/python3';
const here = 'tests/cisco-ios/clients';
const sims: IosSim[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('netmiko (python3-netmiko)', () => {
  for (const [deviceType, which] of [
    ['cisco_ios', 'port'],
    ['cisco_ios_telnet', 'telnetPort'],
  ] as const) {
    it(`${deviceType}: enable, send_command, send_config_set, save_config`, async () => {
      const sim = await startIosSim({ role: 'switch', hostname: 'SW1', secret: 'class' });
      sims.push(sim);
      const r = await execa(PY, [`${here}/netmiko_client.py`, deviceType, String(sim[which]), 'admin', 'cisco', 'class'], { reject: false, timeout: 90_000 });
      expect(r.stderr).not.toMatch(/Traceback/);
      expect(r.exitCode).toBe(0);
      const out = JSON.parse(r.stdout) as Record<string, string | boolean>;
      expect(out.prompt_before_enable).toBe('SW1>');
      expect(out.prompt).toBe('SW1#');
      expect(out.check_enable).toBe(true);
      expect(out.version).toMatch(/^Cisco IOS Software, C2960 Software \(C2960-LANBASEK9-M\), Version 15\.0\(2\)SE11/);
      expect(out.version).toMatch(/Configuration register is 0xF$/);
      expect(out.config).toMatch(/SW1\(config-vlan\)#name Netmiko/);
      expect(out.config).toMatch(/SW1\(config-if\)#switchport access vlan 30/);
      expect(out.vlan).toMatch(/^30\s+Netmiko\s+active\s+Fa0\/7$/m);
      expect(out.invalid).toMatch(/% Invalid input detected at '\^' marker\./);
      expect(out.save).toMatch(/\[OK\]/);
      expect(out.run_int).toMatch(/interface FastEthernet0\/7\n switchport access vlan 30\n switchport mode access/);
      // The simulator's own state saw the same changes.
      expect(sim.state.vlans.get(30)?.name).toBe('Netmiko');
      expect(sim.state.startupConfig).toMatch(/interface FastEthernet0\/7\n switchport access vlan 30/);
    }, 120_000);
  }
});

describe('Ansible cisco.ios (Debian ansible)', () => {
  it('the cisco.ios collection comes with the installed ansible', async () => {
    const r = await execa('ansible-galaxy', ['collection', 'list'], { reject: false, timeout: 60_000 });
    expect(r.stdout).toMatch(/^cisco\.ios\s+\d+\.\d+\.\d+/m);
    expect(r.stdout).toMatch(/^ansible\.netcommon\s+\d+/m);
  }, 90_000);

  it('ios_facts, ios_command (wait_for) and ios_config (save_when, idempotent) via network_cli', async () => {
    const sim = await startIosSim({ role: 'switch', hostname: 'SW1', secret: 'class' });
    sims.push(sim);
    const dir = mkdtempSync(join(tmpdir(), 'proeflab-ansible-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'inventory.ini'),
      [
        '[ios]',
        `sw1 ansible_host=127.0.0.1 ansible_port=${sim.port}`,
        '[ios:vars]',
        'ansible_network_os=cisco.ios.ios',
        'ansible_connection=ansible.netcommon.network_cli',
        'ansible_user=admin',
        'ansible_password=cisco',
        'ansible_become=yes',
        'ansible_become_method=enable',
        'ansible_become_password=class',
        '',
      ].join('\n'),
    );
    const r = await execa('ansible-playbook', ['-i', join(dir, 'inventory.ini'), `${here}/ios-playbook.yml`], {
      reject: false,
      timeout: 240_000,
      env: {
        ANSIBLE_HOST_KEY_CHECKING: 'False',
        ANSIBLE_STDOUT_CALLBACK: 'json',
        ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'),
        ANSIBLE_PERSISTENT_CONTROL_PATH_DIR: join(dir, 'pc'),
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_RETRY_FILES_ENABLED: 'False',
      },
    });
    expect(r.exitCode, r.stdout.slice(-3000) + r.stderr.slice(-2000)).toBe(0);
    const result = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    expect(result.stats.sw1).toMatchObject({ failures: 0, unreachable: 0 });
    const tasks = result.plays[0].tasks as { task: { name: string }; hosts: { sw1: Record<string, unknown> } }[];
    const msg = tasks.find((t) => t.task.name === 'results')!.hosts.sw1.msg as Record<string, unknown>;
    expect(msg.facts).toMatchObject({
      ansible_net_hostname: 'SW1',
      ansible_net_model: 'WS-C2960-24TT-L',
      ansible_net_version: '15.0(2)SE11',
      ansible_net_serialnum: sim.state.serial,
      ansible_net_iostype: 'IOS',
    });
    expect(msg.before).toMatch(/^1\s+default\s+active\s+Fa0\/1, Fa0\/2, Fa0\/3, Fa0\/4$/m);
    expect(msg.port_changed).toBe(true);
    expect(msg.again_changed).toBe(false);
    const after = msg.after as string[];
    expect(after[0]).toMatch(/^40\s+Ansible\s+active\s+Fa0\/9$/m);
    expect(after[1]).toMatch(/interface FastEthernet0\/9\n switchport access vlan 40\n switchport mode access/);
    expect(sim.state.startupConfig).toMatch(/interface FastEthernet0\/9\n switchport access vlan 40/);
  }, 300_000);
});
