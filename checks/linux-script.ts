// The candidate's script runs and produces the expected output (P2-K1-W2 Automatiseert processen).
// This is the one check that executes candidate code: only the script the exam names, under the
// directory the exam names, as the login user, with a time limit.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';

const Params = z
  .object({
    path: z.string().startsWith('/'),
    root: z.string().startsWith('/'),
    args: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
    stdin: z.string().optional(),
    timeout: z.number().positive().max(300).default(30),
    exit_code: z.number().int().default(0),
    stdout_contains: z.string().optional(),
    stdout_matches: z.string().optional(),
    stdout_equals: z.string().optional(),
    stderr_empty: z.boolean().default(false),
  })
  .strict();
type P = z.infer<typeof Params>;
interface S { exists?: boolean; exitCode: number | null; stdout: string; stderr: string; timedOut: boolean }

const factParams = (p: P) => ({ path: p.path, root: p.root, args: p.args, timeout: p.timeout, ...(p.stdin !== undefined ? { stdin: p.stdin } : {}) });
const cut = (s: string) => (s.length > 400 ? s.slice(0, 400) + '…' : s);

export const linuxScript: CheckKind<P> = {
  kind: 'linux.script',
  description: 'Het script van de kandidaat draait (tijdslimiet, als aanmeldgebruiker) en geeft de verwachte exitcode en uitvoer',
  params: Params,
  platforms: ['linux'],
  facts: (p, t) => [req(t, 'linux.script', factParams(p))],
  evaluate(p, f, t) {
    const r = f.parsed<S>(req(t, 'linux.script', factParams(p)));
    const cmd = [p.path, ...p.args].join(' ');
    if (r.exists === false) return fail(`script ${p.path} bestaat niet`, p.path, 'afwezig');
    if (r.timedOut) return fail(`'${cmd}' was na ${p.timeout} s niet klaar (afgebroken)`, `klaar binnen ${p.timeout} s`, 'time-out');
    if (r.exitCode !== p.exit_code) return fail(`'${cmd}' eindigde met code ${r.exitCode}${r.stderr ? `: ${cut(r.stderr.trim())}` : ''}`, p.exit_code, r.exitCode);
    if (p.stdout_contains !== undefined && !r.stdout.includes(p.stdout_contains)) return fail(`uitvoer van '${cmd}' bevat de verwachte tekst niet`, p.stdout_contains, cut(r.stdout));
    if (p.stdout_matches !== undefined && !new RegExp(p.stdout_matches, 'm').test(r.stdout)) return fail(`uitvoer van '${cmd}' past niet op /${p.stdout_matches}/`, p.stdout_matches, cut(r.stdout));
    if (p.stdout_equals !== undefined && r.stdout.trimEnd() !== p.stdout_equals.trimEnd()) return fail(`uitvoer van '${cmd}' wijkt af`, p.stdout_equals, cut(r.stdout));
    if (p.stderr_empty && r.stderr.trim()) return fail(`'${cmd}' schreef foutmeldingen`, '(geen)', cut(r.stderr));
    return pass(`'${cmd}' geeft de verwachte uitvoer`, undefined, cut(r.stdout));
  },
};
