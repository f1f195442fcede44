// `proeflab runner --server URL --token T`: take check jobs from a central server's queue and run
// them against this location's lab (see src/runner/remote.ts, src/server/central.ts).
import type { Command } from 'commander';
import type { CliState } from '../cli/main.js';

export function registerRunnerCommand(program: Command, state: CliState): void {
  program
    .command('runner')
    .description('Runner voor een examenlocatie: haalt controletaken op bij de centrale server en voert ze uit op het lokale lab')
    .requiredOption('--server <url>', 'central server (https://…)')
    .option('--token <token>', 'runner token of this location (or PROEFLAB_RUNNER_TOKEN)')
    .option('--secrets <file>', "this location's secrets file for the lab's devices (stays here)")
    .option('--work-dir <dir>', 'working directory for job inventories')
    .option('--concurrency <n>', 'devices worked on at once within a job', (v) => Number(v))
    .option('--batch <n>', 'events sent to the server per request at most', (v) => Number(v), 100)
    .action(async (o) => {
      const token = o.token ?? process.env.PROEFLAB_RUNNER_TOKEN;
      if (!token) {
        process.stderr.write('--token (or PROEFLAB_RUNNER_TOKEN) is required\n');
        state.code = 2;
        return;
      }
      const { RemoteRunner } = await import('./remote.js');
      const runner = new RemoteRunner({ server: o.server, token, secrets: o.secrets, workDir: o.workDir, concurrency: o.concurrency, batch: o.batch, log: (l) => process.stderr.write(`proeflab runner: ${l}\n`) });
      const stop = () => runner.stop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.stderr.write(`proeflab runner: verbonden met ${o.server}, wacht op taken\n`);
      try {
        await runner.loop();
        state.code = 0;
      } catch (err) {
        process.stderr.write(`proeflab runner: ${(err as Error).message}\n`);
        state.code = 2;
      }
    });
}
