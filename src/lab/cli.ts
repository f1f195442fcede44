// `proeflab lab up|down|status|reset`: the containerised stand-in lab (docker/).
import { Command, Option } from 'commander';
import pc from 'picocolors';
import type { CliState } from '../cli/main.js';

const say = (s: string) => process.stderr.write(s + '\n');

export function registerLabCommands(program: Command, state: CliState): void {
  const lab = program.command('lab').description('Het oefenlab in containers (Docker of Podman): up, down, status, reset');
  lab
    .command('up')
    .description('Build (first time) and start the lab, wait until every device is ready')
    .option('--scenario <name>', 'blank | solution:<exam-id> | a fault scenario (exams/scenarios)', 'blank')
    .option('--build', 'rebuild the images even when they exist')
    .option('--timeout <s>', 'seconds to wait for readiness', '240')
    .addOption(new Option('--engine <engine>', 'container engine').choices(['docker', 'podman']))
    .option('-q, --quiet', 'only the summary')
    .action(async (o) => {
      state.code = await guard(async () => {
        const { labUp, whereThingsAre, readEnv } = await import('./lab.js');
        const { detectEngine } = await import('./engine.js');
        const r = await labUp({
          build: !!o.build,
          scenario: o.scenario,
          timeoutS: Number(o.timeout),
          engine: await detectEngine(o.engine),
          log: o.quiet ? () => {} : (l) => say(pc.dim(l)),
        });
        say(pc.green(`lab is klaar in ${r.seconds} s (${r.engine.name}${r.built.length ? `, images gebouwd: ${r.built.join(', ')}` : ''}; scenario ${o.scenario})`));
        for (const l of whereThingsAre(readEnv())) process.stdout.write(l + '\n');
        return 0;
      });
    });
  lab
    .command('down')
    .description('Stop and remove the lab containers (images stay, so the next up is fast)')
    .action(async () => {
      state.code = await guard(async () => {
        const { labDown } = await import('./lab.js');
        await labDown({ log: (l) => say(pc.dim(l)) });
        return 0;
      });
    });
  lab
    .command('status')
    .description('Which lab devices run and are ready')
    .option('--json', 'as JSON')
    .action(async (o) => {
      state.code = await guard(async () => {
        const { labStatus } = await import('./lab.js');
        const rows = await labStatus();
        if (o.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        else for (const r of rows) process.stdout.write(`${r.service.padEnd(6)} ${(r.ready ? pc.green('klaar') : pc.yellow('niet klaar')).padEnd(20)} ${r.state}\n`);
        return rows.every((r) => r.ready) ? 0 : 1;
      });
    });
  lab
    .command('reset')
    .description('Back to a clean state: down (also the domain controller\'s data), up again, optionally in a scenario')
    .option('--scenario <name>', 'scenario after the reset', 'blank')
    .action(async (o) => {
      state.code = await guard(async () => {
        const { labDown, labUp } = await import('./lab.js');
        await labDown({ log: (l) => say(pc.dim(l)), volumes: true });
        const r = await labUp({ scenario: o.scenario, log: (l) => say(pc.dim(l)) });
        say(pc.green(`lab opnieuw gestart in ${r.seconds} s (scenario ${o.scenario})`));
        return 0;
      });
    });
  lab
    .command('scenarios')
    .description('List the scenarios (exams/scenarios/*.yaml)')
    .action(async () => {
      state.code = await guard(async () => {
        const { listScenarios } = await import('./scenarios.js');
        for (const s of listScenarios()) process.stdout.write(`${s.id.padEnd(28)} ${s.title}\n`);
        return 0;
      });
    });
}

async function guard(f: () => Promise<number>): Promise<number> {
  try {
    return await f();
  } catch (err) {
    const { EngineMissing } = await import('./engine.js');
    say(pc.red(err instanceof Error ? err.message : String(err)));
    return err instanceof EngineMissing ? 2 : 3;
  }
}
