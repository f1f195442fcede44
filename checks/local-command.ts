// A read-only program on the harness machine gives the expected exit code and output.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';

const Params = z
  .object({
    command: z.string(),
    args: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
    exit_code: z.number().int().default(0),
    stdout_contains: z.string().optional(),
    stdout_matches: z.string().optional(),
  })
  .strict();
type P = z.infer<typeof Params>;

const req = (p: P, device: string) => ({ device, fact: 'local.exec', params: { command: p.command, args: p.args } });

export const localCommand: CheckKind<P> = {
  kind: 'local.command',
  description: 'Een alleen-lezen opdracht op de examenmachine geeft de verwachte uitvoer',
  params: Params,
  platforms: ['local'],
  facts: (p, t) => [req(p, t.device)],
  evaluate(p, facts, t) {
    const r = facts.parsed<{ exitCode: number; stdout: string }>(req(p, t.device));
    const cmd = [p.command, ...p.args].join(' ');
    if (r.exitCode !== p.exit_code)
      return { status: 'fail', message: `'${cmd}' eindigde met code ${r.exitCode}`, expected: p.exit_code, actual: r.exitCode };
    if (p.stdout_contains !== undefined && !r.stdout.includes(p.stdout_contains))
      return { status: 'fail', message: `uitvoer van '${cmd}' bevat de verwachte tekst niet`, expected: p.stdout_contains, actual: r.stdout.slice(0, 200) };
    if (p.stdout_matches !== undefined && !new RegExp(p.stdout_matches, 'm').test(r.stdout))
      return { status: 'fail', message: `uitvoer van '${cmd}' voldoet niet aan het patroon`, expected: p.stdout_matches, actual: r.stdout.slice(0, 200) };
    return { status: 'pass', message: `'${cmd}' geeft de verwachte uitvoer` };
  },
};
