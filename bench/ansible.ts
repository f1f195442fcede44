// The same criteria as an Ansible playbook (Debian's ansible: cisco.ios.ios_command over
// ansible.netcommon.network_cli for the switches and routers, uri / wait_for for the servers,
// each followed by assert), one task per criterion as a user would write them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CRITERIA } from './class.js';
import { PASSWORD, SECRET } from './standins.js';

type Pod = { id: string; sw1: { port: number }; r1: { port: number }; srv1: number; srv2: number };

const j = (s: unknown) => JSON.stringify(s);

export function writeAnsible(dir: string, pods: Pod[], forks: number): { inventory: string; playbook: string; cfg: string } {
  const inv = [
    '[sw1]',
    ...pods.map((p) => `${p.id}-sw1 ansible_host=127.0.0.1 ansible_port=${p.sw1.port}`),
    '[r1]',
    ...pods.map((p) => `${p.id}-r1 ansible_host=127.0.0.1 ansible_port=${p.r1.port}`),
    '[ios:children]',
    'sw1',
    'r1',
    '[ios:vars]',
    'ansible_network_os=cisco.ios.ios',
    'ansible_connection=ansible.netcommon.network_cli',
    'ansible_user=examen',
    `ansible_password=${PASSWORD}`,
    'ansible_become=yes',
    'ansible_become_method=enable',
    `ansible_become_password=${SECRET}`,
    '[srv1]',
    ...pods.map((p) => `${p.id}-srv1 srv_port=${p.srv1}`),
    '[srv2]',
    ...pods.map((p) => `${p.id}-srv2 srv_port=${p.srv2}`),
    '[srv:children]',
    'srv1',
    'srv2',
    '[srv:vars]',
    'ansible_connection=local',
    'ansible_python_interpreter=/usr/bin/python3',
    '',
  ].join('\n');
  const plays: string[] = [];
  for (const dev of ['sw1', 'r1', 'srv1', 'srv2'] as const) {
    const tasks: string[] = [];
    for (const c of CRITERIA.filter((x) => x.device === dev)) {
      const reg = 'r_' + c.id.replace(/-/g, '_');
      if (c.commands) {
        tasks.push(`  - name: ${j(c.id)}`, '    cisco.ios.ios_command:', `      commands: ${j(c.commands)}`, `    register: ${reg}`);
        const that = c.commands.map((_, i) => `${reg}.stdout[${i}] is search(${j(c.expect![i])}, multiline=True)`);
        tasks.push(`  - name: ${j(c.id + ' assert')}`, '    ansible.builtin.assert:', `      that: ${j(that)}`, '    ignore_errors: true');
      } else if (c.tcp) {
        tasks.push(`  - name: ${j(c.id)}`, '    ansible.builtin.wait_for: { host: 127.0.0.1, port: "{{ srv_port }}", timeout: 5 }', `    register: ${reg}`, '    ignore_errors: true');
      } else {
        const h = c.http!;
        tasks.push(
          `  - name: ${j(c.id)}`,
          '    ansible.builtin.uri:',
          `      url: ${j(`http://127.0.0.1:{{ srv_port }}${h.path}`)}`,
          `      status_code: ${h.status}`,
          '      return_content: true',
          `    register: ${reg}`,
          '    ignore_errors: true',
        );
        if (h.contains) tasks.push(`  - name: ${j(c.id + ' assert')}`, '    ansible.builtin.assert:', `      that: ${j([`${reg}.content is search(${j(h.contains)})`])}`, '    ignore_errors: true');
      }
    }
    plays.push(`- name: ${dev}`, `  hosts: ${dev}`, '  gather_facts: false', '  tasks:', ...tasks.map((t) => '  ' + t));
  }
  const inventory = join(dir, 'inventory.ini');
  const playbook = join(dir, 'playbook.yml');
  const cfg = join(dir, 'ansible.cfg');
  writeFileSync(inventory, inv);
  writeFileSync(playbook, plays.join('\n') + '\n');
  writeFileSync(
    cfg,
    ['[defaults]', `forks = ${forks}`, 'host_key_checking = False', 'retry_files_enabled = False', 'stdout_callback = json', 'interpreter_python = /usr/bin/python3', '[persistent_connection]', 'command_timeout = 60', 'connect_timeout = 60', ''].join('\n'),
  );
  return { inventory, playbook, cfg };
}
