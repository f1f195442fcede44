// SSH version 2 is on and telnet is off on the vty lines (show ip ssh + show running-config).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { ShowIpSsh } from '../drivers/cisco-ios/parsers/ssh.js';
import { CISCO, CMD, fail, list, pass, runningConfig, show } from './cisco-common.js';

const Params = z.object({
  version: z.literal(2).default(2),
  /** Telnet must be refused on every vty line (transport input without telnet/all). */
  telnet: z.boolean().default(false),
  /** vty lines must use local users or AAA (login local / login authentication), not a line password. */
  loginLocal: z.boolean().default(false),
});

export const ciscoSsh: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.ssh',
  description: 'SSH versie 2 staat aan en telnet staat uit op de vty-lijnen',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.ssh), show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const ssh = facts.parsed<ShowIpSsh>(show(t.device, CMD.ssh));
    const cfg = runningConfig(facts, t.device);
    const vty = cfg.lines.filter((l) => l.type === 'vty');
    const lineName = (l: (typeof vty)[number]) => `vty ${l.first}${l.last !== l.first ? ` ${l.last}` : ''}`;
    const actual = {
      ssh: ssh.enabled ? `aan, versie ${ssh.version}` : `uit${ssh.keysMissing ? ' (geen RSA-sleutels)' : ''}`,
      vty: vty.map((l) => ({ lines: lineName(l), transportInput: l.transportInputConfigured ? l.transportInput.join(' ') : '(niet ingesteld)', login: l.login ?? '(geen)' })),
    };
    const expected = { ssh: 'aan, versie 2.0', telnet: p.telnet ? 'toegestaan' : 'uit op alle vty-lijnen', ...(p.loginLocal ? { login: 'local' } : {}) };
    const problems: string[] = [];
    if (!ssh.enabled) problems.push(`SSH staat uit${ssh.keysMissing ? ' (er zijn geen RSA-sleutels: crypto key generate rsa)' : ''}`);
    else if (ssh.version !== '2.0') problems.push(`SSH-versie is ${ssh.version}${ssh.version === '1.99' ? ' (SSHv1 ook toegestaan; ip ssh version 2 ontbreekt)' : ''}, verwacht 2.0`);
    if (!vty.length) problems.push('geen vty-lijnen in de configuratie');
    for (const l of vty) {
      const ti = l.transportInput;
      if (l.transportInputConfigured && (ti.includes('none') || !(ti.includes('ssh') || ti.includes('all')))) {
        // SSH refused on this line: fine only for lines that are closed on purpose (none)
        if (!ti.includes('none')) problems.push(`${lineName(l)} staat geen SSH toe (transport input ${ti.join(' ')})`);
        continue;
      }
      if (!p.telnet) {
        if (!l.transportInputConfigured) problems.push(`${lineName(l)}: transport input niet ingesteld (standaard is telnet dan mogelijk)`);
        else if (ti.includes('telnet') || ti.includes('all')) problems.push(`${lineName(l)} staat telnet toe (transport input ${ti.join(' ')})`);
      }
      if (p.loginLocal && !(l.login === 'local' || l.login?.startsWith('authentication'))) problems.push(`${lineName(l)}: login is '${l.login ?? 'geen'}', verwacht login local`);
      if (l.login === 'none') problems.push(`${lineName(l)}: no login (toegang zonder wachtwoord)`);
    }
    const open = vty.filter((l) => !l.transportInput.includes('none'));
    if (vty.length && !open.length) problems.push('alle vty-lijnen hebben transport input none: SSH is niet bereikbaar');
    if (problems.length) return fail(problems.join('; '), expected, actual);
    return pass(`SSH versie 2 staat aan; telnet is uit op ${list(vty.map(lineName))}`, expected, actual);
  },
};
