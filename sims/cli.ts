// `proeflab sim ios|routeros`: run a simulated device standalone, for a student who wants to
// practise without hardware. The simulators are loaded only when the command runs.
import { Option, type Command } from 'commander';
import type { CliState } from '../src/cli/main.js';

export function registerSimCommands(program: Command, state: CliState): void {
  const sim = program.command('sim').description('Start een gesimuleerd apparaat (Cisco IOS, MikroTik RouterOS) om op te oefenen');
  sim
    .command('ios')
    .description('Gesimuleerde Cisco IOS-switch of -router via SSH en telnet')
    .addOption(new Option('--role <role>', 'switch (Catalyst 2960-like) or router (ISR-like)').choices(['switch', 'router']).default('switch'))
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'SSH port', '2222')
    .option('--telnet-port <n>', 'telnet port', '2323')
    .option('--console-port <n>', 'console (reverse telnet, no login) port')
    .option('--startup-config <file>', 'start from this startup-config (write memory saves back to it)')
    .option('--user <name>', 'login user', 'admin')
    .option('--password <pw>', 'login password', 'cisco')
    .option('--secret <pw>', 'enable secret (default: the password)')
    .action(async (o) => {
      const { simIosCommand } = await import('./cisco-ios/index.js');
      state.code = await simIosCommand(o);
    });
  sim
    .command('routeros')
    .description('Gesimuleerde MikroTik RouterOS: API (8728) en SSH-CLI')
    .option('--host <addr>', 'address to listen on')
    .option('--api-port <n>', 'API port')
    .option('--ssh-port <n>', 'SSH port')
    .option('--api-tls-port <n>', 'API over TLS port')
    .option('--user <name>', 'login user')
    .option('--password <pw>', 'login password')
    .addOption(new Option('--version <v>', 'RouterOS major version').choices(['6', '7']))
    .option('--identity <name>', 'system identity')
    .action(async (o: Record<string, string | undefined>) => {
      const { simRouterosCommand } = await import('./routeros/index.js');
      const flag = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const args = Object.entries(o).flatMap(([k, v]) => (v === undefined ? [] : [`--${flag(k)}`, String(v)]));
      state.code = await simRouterosCommand(args);
    });
}
