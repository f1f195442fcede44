// `proeflab serve`: start the web app. SQLite by default (one file, created on first run); the
// first visit asks for the administrator account (there is no default password).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliState } from '../cli/main.js';

export function registerServeCommand(program: Command, state: CliState): void {
  program
    .command('serve')
    .description('Web app: examinator-dashboard, live overzicht, beoordelen en zelfcontrole voor kandidaten')
    .option('--db <file>', 'SQLite database (created on first run)', 'proeflab.db')
    .option('--data-dir <dir>', 'lab files and evidence bundles (default: proeflab-data next to the database)')
    .option('--host <host>', 'address to listen on (0.0.0.0 for a classroom network)', '127.0.0.1')
    .option('--port <port>', 'port', (v) => Number(v), 8080)
    .option('--jobs <n>', 'check jobs run at once', (v) => Number(v), 2)
    .option('--tls-cert <file>', 'HTTPS certificate (PEM)')
    .option('--tls-key <file>', 'HTTPS private key (PEM)')
    .option('--trust-proxy', 'behind a reverse proxy that terminates HTTPS')
    .option('--queue <postgres-url>', 'central deployment: check jobs go on a pg-boss queue in this PostgreSQL database, taken by `proeflab runner` in the exam locations')
    .option('--lease <seconds>', 'with --queue: a job whose runner is silent this long goes to another runner', (v) => Number(v), 30)
    .option('--log', 'request log on stderr')
    .action(async (o) => {
      const { buildServer } = await import('./app.js');
      if (!!o.tlsCert !== !!o.tlsKey) {
        process.stderr.write('--tls-cert and --tls-key go together\n');
        state.code = 2;
        return;
      }
      let queue: import('./central.js').CentralQueue | undefined;
      if (o.queue) {
        const { CentralQueue } = await import('./central.js');
        queue = await new CentralQueue({ connectionString: o.queue, leaseMs: o.lease * 1000 }).start();
      }
      const server = await buildServer({
        ...(queue ? { jobRunner: queue.factory() } : {}),
        dbFile: o.db,
        dataDir: o.dataDir,
        jobConcurrency: o.jobs,
        logger: o.log ? { level: 'info' } : false,
        trustProxy: !!o.trustProxy,
        ...(o.tlsCert ? { https: { cert: readFileSync(o.tlsCert), key: readFileSync(o.tlsKey) } } : {}),
      });
      const address = await server.app.listen({ host: o.host, port: o.port });
      const token = server.setupToken;
      process.stderr.write(`proeflab serve: ${address}${token ? `\n  eerste gebruik: open ${address}/setup?token=${token} om het beheerdersaccount aan te maken` : ''}\n`);
      if (!o.tlsCert && !o.trustProxy && o.host !== '127.0.0.1' && o.host !== 'localhost')
        process.stderr.write('  let op: zonder HTTPS gaan wachtwoorden onversleuteld over het netwerk (gebruik --tls-cert/--tls-key of een proxy)\n');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      state.code = 0;
    });
}
