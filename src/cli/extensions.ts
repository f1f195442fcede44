// Commands contributed by other parts of proeflab (simulators, lab, evidence, web app).
// Each registers itself here so src/cli/main.ts stays small.
import type { Command } from 'commander';
import type { CliState } from './main.js';
import { registerEvidenceCommands } from '../evidence/cli.js';
import { registerServeCommand } from '../server/cli.js';
import { registerLabCommands } from '../lab/cli.js';
import { registerSimCommands } from '../../sims/cli.js';
import { registerRunnerCommand } from '../runner/cli.js';

/** Each extension adds its commands to `program` and sets `state.code` to its exit code. */
export function registerExtensions(program: Command, state: CliState): void {
  void program;
  void state;
  registerEvidenceCommands(program, state);
  registerServeCommand(program, state);
  registerLabCommands(program, state);
  registerSimCommands(program, state);
  registerRunnerCommand(program, state);
}
