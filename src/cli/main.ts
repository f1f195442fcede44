// proeflab command line. Exit codes: 0 all criteria pass, 1 some fail, 2 usage or input error,
// 3 some criteria could not be observed.
import { readFileSync } from 'node:fs';
import { Argument, Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { InputError } from '../model/load.js';
import { VERSION } from '../core/version.js';

export const EXIT = { ok: 0, fail: 1, input: 2, error: 3 } as const;

class UsageError extends Error {}

function collect(value: string, previous: string[] = []) {
  return [...previous, value];
}

/** The exit code an action decided; kept here rather than in process.exitCode so main() can be run in-process. */
export interface CliState {
  code: number;
}

export function buildProgram(state: CliState = { code: 0 }): Command {
  const program = new Command('proeflab')
    .description('Praktijkexamens (proeve van bekwaamheid) voor mbo ICT: controleer een lab, leg bewijs vast')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(gebruik --help voor hulp)')
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(pc.red(s)) });

  program
    .command('check')
    .description('Voer examens uit tegen een lab en rapporteer per pod en beoordelingscriterium')
    .argument('<exams...>', 'exam files or exam ids')
    .requiredOption('--lab <lab.yaml>', 'lab inventory file')
    .option('--pod <id>', 'only this pod (repeatable)', collect, [])
    .addOption(new Option('--mode <mode>', 'exam: examinator; practice: student feedback only; ci: exam authors').choices(['exam', 'practice', 'ci']).default('exam'))
    .addOption(new Option('--format <format>', 'output on stdout').choices(['text', 'json', 'junit', 'html']).default('text'))
    .option('--out <dir>', 'write result.json and reports into this directory')
    .option('--db <file>', 'record the run in this SQLite file as it streams')
    .option('--resume <run-id>', 'resume an interrupted run recorded in --db (observations already made are kept)')
    .option('--concurrency <n>', 'devices worked on at once', (v) => positiveInt(v, '--concurrency'), 256)
    .addOption(new Option('--lang <lang>', 'language of the output').choices(['nl', 'en']).default('nl'))
    .option('--examiner <name>', 'examinator recorded with the run')
    .option('--phase <phase>', 'nulmeting, zelfcontrole or eindmeting')
    .option('-q, --quiet', 'no live progress')
    .action(async (exams: string[], o) => {
      const { checkCommand } = await import('./check.js');
      state.code = await checkCommand(exams, o);
    });

  const exams = program.command('exams').description('Toon, valideer en test de examens');
  exams
    .command('list')
    .description('Alle examens met dossier en werkprocessen, en welke werkprocessen nog geen examen hebben')
    .option('--dir <dir>', 'exam directory')
    .option('--json', 'as JSON')
    .action(async (o) => {
      const { examsList } = await import('./exams.js');
      state.code = examsList(o);
    });
  exams
    .command('show')
    .description('Eén examen: rollen, variabelen, beoordelingscriteria')
    .argument('<id>', 'exam id or file')
    .addOption(new Option('--lang <lang>').choices(['nl', 'en']).default('nl'))
    .action(async (id: string, o) => {
      const { examsShow } = await import('./exams.js');
      state.code = examsShow(id, o);
    });
  exams
    .command('validate')
    .description('Valideer examenbestanden (standaard: alle meegeleverde) tegen schema, catalogus en controlesoorten')
    .argument('[paths...]', 'exam files or directories')
    .action(async (paths: string[]) => {
      const { examsValidate } = await import('./exams.js');
      state.code = examsValidate(paths);
    });

  exams
    .command('opdracht')
    .description('Druk het opdrachtblad per kandidaat af, met de eigen variabelen')
    .argument('<id>', 'exam id or file')
    .option('--lab <lab.yaml>', 'lab inventory with the pods and candidates')
    .option('--candidate <id>', 'only this candidate (without --lab: a sheet for this kandidaatnummer)')
    .addOption(new Option('--lang <lang>').choices(['nl', 'en']).default('nl'))
    .action(async (id: string, o) => {
      const { examsOpdracht } = await import('./exams.js');
      state.code = examsOpdracht(id, o);
    });

  exams
    .command('test')
    .description('Bewijs per geautomatiseerd examen op het containerlab: laag op de startsituatie, alles behaald na de referentie-oplossing')
    .argument('[ids...]', 'exam ids or files (default: every exam with a reference solution)')
    .option('--lab <lab.yaml>', 'lab inventory of the running lab (default: docker/lab.yaml)')
    .option('--no-reset', 'do not recreate the devices an earlier exam changed (faster, less strict)')
    .option('--json', 'rows as JSON')
    .action(async (ids: string[], o) => {
      const { examsTest } = await import('../lab/exams-test.js');
      const rows = await examsTest(ids, { labFile: o.lab, reset: o.reset, log: (l) => process.stderr.write(pc.dim(l) + '\n') });
      if (o.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      else
        for (const r of rows) {
          const c = (x?: { pass: number; fail: number; error: number }) => (x ? `${x.pass}✔ ${x.fail}✘ ${x.error}!` : '');
          const mark = r.status === 'ok' ? pc.green('ok   ') : r.status === 'bug' ? pc.red('FOUT ') : pc.yellow('over ');
          process.stdout.write(`${mark} ${r.exam.padEnd(18)} start ${c(r.before).padEnd(12)} oplossing ${c(r.after)}\n`);
          for (const p of r.problems) process.stdout.write(`        ${p}\n`);
        }
      if (!o.json) {
        const n = (st: string) => rows.filter((r) => r.status === st).length;
        process.stdout.write(`\n${n('ok')} van ${rows.length} examens bewezen op het lab${n('bug') ? `, ${n('bug')} met fouten` : ''}${n('skipped') ? `, ${n('skipped')} overgeslagen (rol ontbreekt in het lab)` : ''}\n`);
      }
      state.code = rows.some((r) => r.status === 'bug') ? 1 : 0;
    });

  program
    .command('schema')
    .description('Toon het JSON Schema van een examen-, lab-, resultaat- of catalogusbestand')
    .addArgument(new Argument('<name>', 'schema').choices(['exam', 'lab', 'result', 'catalog']))
    .action(async (name: 'exam' | 'lab' | 'result' | 'catalog') => {
      const { jsonSchema } = await import('../model/schemas.js');
      const { allChecks } = await import('../../checks/index.js');
      process.stdout.write(JSON.stringify(jsonSchema(name, allChecks), null, 2) + '\n');
    });

  program
    .command('parse')
    .description('Zet ruwe apparaatuitvoer om in de JSON die de controles zien (stdin zonder bestand)')
    .requiredOption('--platform <platform>', 'cisco_ios, routeros, linux, ...')
    .requiredOption('--command <command>', 'the command that produced the output')
    .argument('[file]', 'file with raw output')
    .action(async (file: string | undefined, o) => {
      const { parseCommand } = await import('./parse.js');
      state.code = await parseCommand(file, o);
    });

  program
    .command('demo')
    .description('Voorbeeldexamens tegen ingebouwde stand-ins (geen Docker, geen root)')
    .option('--out <dir>', 'output directory', 'proeflab-out/demo')
    .addOption(new Option('--lang <lang>').choices(['nl', 'en']).default('nl'))
    .option('-q, --quiet', 'no live progress')
    .action(async (o) => {
      const { demoCommand } = await import('../demo/demo.js');
      state.code = await demoCommand(o);
    });

  return program;
}

function positiveInt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive whole number, got '${v}'`);
  return n;
}

export async function main(argv = process.argv): Promise<number> {
  const state: CliState = { code: 0 };
  const program = buildProgram(state);
  // Other parts add commands (simulators, lab, verify, serve): see src/cli/extensions.ts. Loading
  // them pulls in every driver (~600 modules, most of a second): only when the command line may
  // need one (not for `--version` or a built-in command such as `check` or `exams validate`).
  const args = argv.slice(2);
  const first = args.find((a) => !a.startsWith('-'));
  const builtIn = first ? program.commands.some((c) => c.name() === first) : args.some((a) => a === '-V' || a === '--version');
  if (!builtIn) {
    const { registerExtensions } = await import('./extensions.js');
    registerExtensions(program, state);
  }
  try {
    await program.parseAsync(argv);
    return state.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return EXIT.input;
    }
    if (err instanceof InputError) {
      process.stderr.write(pc.red('Fout in invoer:\n') + err.problems.map((p) => `  ${p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file}: ${p.path ? pc.bold(p.path) + ': ' : ''}${p.message}`).join('\n') + '\n');
      return EXIT.input;
    }
    if (err instanceof UsageError) {
      process.stderr.write(pc.red(err.message) + '\n');
      return EXIT.input;
    }
    process.stderr.write(pc.red(`Interne fout: ${(err as Error).stack ?? err}`) + '\n');
    return EXIT.error;
  }
}

export function readInput(file: string | undefined): string {
  return readFileSync(file ?? 0, 'utf8');
}
