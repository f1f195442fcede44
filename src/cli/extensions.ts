// Commands contributed by other parts of proeflab (simulators, lab, evidence, web app).
// Each registers itself here so src/cli/main.ts stays small.
import type { Command } from 'commander';

export function registerExtensions(program: Command): void {
  void program;
}
