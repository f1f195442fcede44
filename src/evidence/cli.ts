// CLI for evidence, assessment and forms. Thin: the logic lives in src/evidence and src/forms
// (the web app calls the same functions).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import type { CliState } from '../cli/main.js';
import { ActionRefused, type ActionEntry } from './actions.js';
import { BundleError } from './bundle.js';
import { defaultKeyFile, initKey, KeyError, loadKey, publicFileFor } from './crypto.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];
const EXIT = { ok: 0, fail: 1, input: 2 };

/** Run an action; refusals and bad input are explained in one line, exit code 2. */
async function guarded(state: CliState, f: () => Promise<number> | number): Promise<void> {
  try {
    state.code = await f();
  } catch (err) {
    if (err instanceof ActionRefused || err instanceof KeyError || err instanceof BundleError) {
      process.stderr.write(pc.red(`geweigerd: ${err.message}`) + '\n');
      state.code = EXIT.input;
    } else throw err;
  }
}

const receipt = (e: ActionEntry) =>
  `${pc.green('toegevoegd')}: #${e.seq} ${e.type} door ${e.actor} om ${e.at}\n  ondertekend met ${e.key.fingerprint}\n`;

function keyFrom(o: { key?: string }) {
  return loadKey(o.key ? resolve(o.key) : defaultKeyFile());
}

export function registerEvidenceCommands(program: Command, state: CliState): void {
  const keys = program.command('keys').description('Ondertekeningssleutels (Ed25519) voor bewijsbundels en beoordelingen');
  keys
    .command('init')
    .description('Create a key pair (default: per-user config dir; --key FILE for an examiner key)')
    .option('--key <file>', 'private key file to create')
    .option('--force', 'replace an existing key')
    .action((o) =>
      guarded(state, () => {
        const k = initKey(o.key ? resolve(o.key) : defaultKeyFile(), { force: o.force });
        process.stdout.write(`sleutel: ${k.file}\npublieke sleutel: ${publicFileFor(k.file!)}\nvingerafdruk: ${k.fingerprint}\n`);
        return 0;
      }),
    );
  keys
    .command('show')
    .description('Show the fingerprint of a key')
    .option('--key <file>', 'private key file')
    .action((o) =>
      guarded(state, () => {
        const k = keyFrom(o);
        process.stdout.write(`${k.file}\n${k.fingerprint}\n${k.publicPem}`);
        return 0;
      }),
    );

  program
    .command('verify')
    .description('Controleer bewijsbundels: hashes, keten, handtekening, actielog, en herbereken elk oordeel')
    .argument('<bundles...>', 'bundle directories, or directories holding bundles')
    .option('--trust <fingerprint>', 'accepted signer fingerprint SHA256:... or a public key file (repeatable)', collect, [])
    .option('--no-regrade', 'do not re-compute verdicts')
    .option('--actions-head <sha256>', 'receipt of the action log to check it was not truncated')
    .option('--json', 'report as JSON')
    .action(async (paths: string[], o) => {
      const { verifyBundle } = await import('./verify.js');
      const { expandBundles } = await import('./select.js');
      const { fingerprint } = await import('./crypto.js');
      const trust = (o.trust as string[]).map((t) => (t.startsWith('SHA256:') ? t : fingerprint(readFileSync(t, 'utf8'))));
      const dirs = expandBundles(paths, { includePartial: true }); // a half-written bundle is reported, never skipped
      if (!dirs.length) {
        process.stderr.write(pc.red(`geen bewijsbundels gevonden in ${paths.join(', ')}\n`));
        state.code = EXIT.input;
        return;
      }
      const reports = dirs.map((d) => verifyBundle(d, { trust, regrade: o.regrade, expectActionsHead: o.actionsHead }));
      if (o.json) process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
      else
        for (const r of reports) {
          process.stdout.write(`${r.ok ? pc.green('✔ geldig') : pc.red('✘ ONGELDIG')}  ${r.dir}\n`);
          process.stdout.write(
            `  ${Object.entries(r.checks)
              .map(([k, v]) => `${k}: ${v === 'ok' ? pc.green(v) : v === 'fout' ? pc.red(v) : pc.dim(v)}`)
              .join(' · ')}\n  keten: ${r.chainLength} meting(en) · acties: ${r.actions}${r.actionsHead ? ` · kop ${r.actionsHead.slice(0, 16)}…` : ''}\n`,
          );
          if (r.assessment) process.stdout.write(`  beoordeling: ${r.assessment.status}${r.assessment.version ? ` (versie ${r.assessment.version})` : ''}\n`);
          for (const p of r.problems) process.stdout.write(`  ${pc.red('•')} ${p}\n`);
          for (const n of r.notes) process.stdout.write(`  ${pc.dim('·')} ${n}\n`);
        }
      state.code = reports.every((r) => r.ok) ? EXIT.ok : EXIT.fail;
    });

  const keyOpt = () => new Option('--key <file>', 'signing key (default: the installation key in the config dir)');

  program
    .command('assess')
    .description('Beoordelaar scoort: zonder --criterion bevestigt het alle automatische voorstellen')
    .argument('<bundle>')
    .requiredOption('--assessor <name>', 'beoordelaar')
    .option('--criterion <id>', 'beoordelingscriterium')
    .option('--score <n>', 'punten, 0–3, of Bg/G/Bk')
    .option('--motivation <text>', 'motivering (verplicht bij afwijken van het voorstel)')
    .addOption(keyOpt())
    .action((bundle: string, o) =>
      guarded(state, async () => {
        const { assess, parseScore } = await import('./assessment.js');
        if (!!o.criterion !== (o.score !== undefined)) throw new ActionRefused('--criterion en --score horen bij elkaar');
        const scores = o.criterion ? [{ criterion: o.criterion, score: parseScore(o.score), motivation: o.motivation }] : undefined;
        const e = assess(resolve(bundle), { assessor: o.assessor, scores, key: keyFrom(o) });
        process.stdout.write(receipt(e));
        const n = (e.data.scores as unknown[]).length;
        process.stdout.write(`  ${n} score(s) vastgelegd\n`);
        return 0;
      }),
    );

  program
    .command('agree')
    .description('Leg de overeenstemming van de beoordelaars vast (beide ruwe scores blijven bewaard)')
    .argument('<bundle>')
    .option('--assessor <name>', 'beoordelaar die meebeslist (repeatable; default: allen die beoordeelden)', collect, [])
    .option('--by <name>', 'wie dit vastlegt (default: de eerste beoordelaar)')
    .option('--criterion <id>', 'criterium met afgesproken eindscore (repeatable, samen met --score)', collect, [])
    .option('--score <n>', 'afgesproken eindscore (repeatable)', collect, [])
    .option('--motivation <text>', 'motivering van de afgesproken eindscores')
    .addOption(keyOpt())
    .action((bundle: string, o) =>
      guarded(state, async () => {
        const { agree, parseScore, loadState } = await import('./assessment.js');
        if (o.criterion.length !== o.score.length) throw new ActionRefused('geef bij elk --criterion een --score');
        const scores = (o.criterion as string[]).map((c, i) => ({ criterion: c, score: parseScore(o.score[i]), motivation: o.motivation }));
        const names = o.assessor as string[];
        const by = o.by ?? names[0] ?? Object.keys(loadState(resolve(bundle)).state.assessors)[0] ?? '';
        const e = agree(resolve(bundle), { actor: by, assessors: names, scores, motivation: o.motivation, key: keyFrom(o) });
        process.stdout.write(receipt(e));
        const sc = e.data.score as { points: number; maxPoints: number; grade?: number; outcome: string };
        process.stdout.write(`  eindscore ${sc.points}/${sc.maxPoints}${sc.grade !== undefined ? ` · cijfer ${sc.grade}` : ''} · ${sc.outcome}; nu ondertekenen: proeflab sign ${bundle} --assessor NAAM\n`);
        return 0;
      }),
    );

  program
    .command('sign')
    .description('Onderteken de overeenstemming; na alle beoordelaars is de uitslag vastgesteld')
    .argument('<bundle>')
    .requiredOption('--assessor <name>', 'beoordelaar')
    .addOption(keyOpt())
    .action((bundle: string, o) =>
      guarded(state, async () => {
        const { signResult } = await import('./assessment.js');
        const { entry, state: st } = signResult(resolve(bundle), { assessor: o.assessor, key: keyFrom(o) });
        process.stdout.write(receipt(entry));
        process.stdout.write(
          st.status === 'vastgesteld'
            ? `  ${pc.bold('uitslag vastgesteld')} (versie ${st.version})\n`
            : `  nog te ondertekenen door: ${st.agreement!.assessors.filter((a) => !st.signatures.some((s) => s.assessor === a)).join(', ')}\n`,
        );
        return 0;
      }),
    );

  program
    .command('correct')
    .description('Ondertekende correctie (nieuwe versie, nooit overschrijven): --criterion/--score, of --regrade <exam.yaml>')
    .argument('<bundle>')
    .requiredOption('--by <name>', 'wie corrigeert')
    .requiredOption('--motivation <text>', 'verplichte motivering')
    .option('--criterion <id>')
    .option('--score <n>')
    .option('--regrade <exam>', 'herbeoordeel de bewaarde waarnemingen met een gecorrigeerd examenbestand')
    .addOption(keyOpt())
    .action((bundle: string, o) =>
      guarded(state, async () => {
        const { correct, parseScore } = await import('./assessment.js');
        let correction;
        if (o.regrade) correction = { kind: 'regrade' as const, examSource: readFileSync(resolve(o.regrade), 'utf8'), examFile: o.regrade };
        else if (o.criterion && o.score !== undefined) correction = { kind: 'override' as const, criterion: o.criterion, score: parseScore(o.score) };
        else throw new ActionRefused('geef --criterion ID --score N, of --regrade exam.yaml');
        const e = correct(resolve(bundle), { actor: o.by, motivation: o.motivation, correction, key: keyFrom(o) });
        process.stdout.write(receipt(e));
        if (e.type === 'regrade') process.stdout.write(`  ${(e.data.changes as unknown[]).length} oordeel/oordelen gewijzigd\n`);
        return 0;
      }),
    );

  program
    .command('irregularity')
    .description('Meld een onregelmatigheid (ondertekend, met motivering)')
    .argument('<bundle>')
    .requiredOption('--by <name>')
    .requiredOption('--motivation <text>')
    .option('--criterion <id>')
    .addOption(keyOpt())
    .action((bundle: string, o) =>
      guarded(state, async () => {
        const { correct } = await import('./assessment.js');
        const e = correct(resolve(bundle), { actor: o.by, motivation: o.motivation, correction: { kind: 'irregularity', criterion: o.criterion }, key: keyFrom(o) });
        process.stdout.write(receipt(e));
        return 0;
      }),
    );

  program
    .command('status')
    .description('Stand van de beoordeling van een bundel (voorlopig/vastgesteld, scores, handtekeningen)')
    .argument('<bundle>')
    .option('--json')
    .action((bundle: string, o) =>
      guarded(state, async () => {
        const { loadState, effectiveResult } = await import('./assessment.js');
        const { bundle: b, state: st } = loadState(resolve(bundle));
        const r = effectiveResult(b, st).results[0];
        if (o.json) {
          process.stdout.write(JSON.stringify({ status: st.status, version: st.version, score: r.score, assessors: st.assessors, agreement: st.agreement, signatures: st.signatures, final: st.final, corrections: st.corrections.length, irregularities: st.irregularities.length }, null, 2) + '\n');
          return 0;
        }
        process.stdout.write(`${b.meta.candidate?.id ?? b.meta.pod} · ${b.meta.exam.id} · ${b.meta.phase}\n`);
        process.stdout.write(`status: ${pc.bold(st.status)}${st.version ? ` (versie ${st.version})` : ''} · ${r.score.points}/${r.score.maxPoints}${r.score.grade !== undefined ? ` · cijfer ${r.score.grade}` : ''} · ${r.score.outcome}\n`);
        for (const a of Object.values(st.assessors)) process.stdout.write(`beoordelaar ${a.name}: ${a.complete ? 'compleet' : `nog: ${a.missing.join(', ')}`}\n`);
        if (st.agreement) process.stdout.write(`overeenstemming #${st.agreement.seq} (${st.agreement.assessors.join(', ')}); ondertekend door: ${st.signatures.map((s) => s.assessor).join(', ') || 'niemand'}\n`);
        for (const c of [...st.corrections, ...st.irregularities]) process.stdout.write(`${c.type} #${c.seq} door ${c.actor} (${c.at}): ${c.motivation}\n`);
        if (st.logProblems.length) process.stdout.write(pc.red(`actielog: ${st.logProblems.join('; ')}\n`));
        return 0;
      }),
    );

  program
    .command('diff')
    .description('Eigen werk: wat veranderde per apparaat tussen nulmeting en eindmeting (een ketenmap, of twee bundels)')
    .argument('<baseline-or-chain>')
    .argument('[final]')
    .option('--json')
    .action((a: string, b: string | undefined, o) =>
      guarded(state, async () => {
        const { compareRuns, renderBaselineDiff } = await import('./ownwork.js');
        const { loadBundle } = await import('./bundle.js');
        const { baselineAndFinal } = await import('./select.js');
        const pair = b ? { baseline: loadBundle(resolve(a)), final: loadBundle(resolve(b)) } : baselineAndFinal(a);
        if (!pair) throw new ActionRefused(`${a}: minstens twee metingen nodig (nulmeting en eindmeting) in dezelfde keten`);
        const d = compareRuns(pair.baseline, pair.final);
        process.stdout.write(o.json ? JSON.stringify(d, null, 2) + '\n' : renderBaselineDiff(d));
        return 0;
      }),
    );

  program
    .command('copies')
    .description('Kopieersignalen: waarden die per kandidaat horen te verschillen maar gelijk zijn (voor de examinator)')
    .argument('<paths...>', 'bundles or directories (the final run per pod is used)')
    .option('--field <name=regex>', 'extra field to compare: a regex with one capture group (repeatable)', collect, [])
    .option('--json')
    .action((paths: string[], o) =>
      guarded(state, async () => {
        const { detectCopies, DEFAULT_FIELDS } = await import('./ownwork.js');
        const { latestPerPod } = await import('./select.js');
        const fields = [
          ...DEFAULT_FIELDS,
          ...(o.field as string[]).map((f) => {
            const i = f.indexOf('=');
            if (i < 1) throw new ActionRefused(`--field ${f}: verwacht naam=regex`);
            return { name: f.slice(0, i), pattern: new RegExp(f.slice(i + 1)) };
          }),
        ];
        const flags = detectCopies(latestPerPod(paths), { fields });
        if (o.json) process.stdout.write(JSON.stringify(flags, null, 2) + '\n');
        else if (!flags.length) process.stdout.write('geen kopieersignalen\n');
        else for (const f of flags) process.stdout.write(`${pc.yellow('!')} [${f.kind}] ${f.message}\n${f.where.map((w) => `    ${w.pod} ${w.device}: ${w.command}`).join('\n')}\n`);
        return flags.length ? EXIT.fail : EXIT.ok;
      }),
    );

  const exp = program.command('export').description('Formulieren en exports uit bewijsbundels');
  exp
    .command('forms')
    .description('Beoordelingsformulier per kandidaat per werkproces (HTML, en PDF met --pdf)')
    .argument('<paths...>')
    .requiredOption('--out <dir>')
    .addOption(new Option('--lang <lang>').choices(['nl', 'en']).default('nl'))
    .option('--pdf', 'also render PDF with headless Chromium')
    .action((paths: string[], o) =>
      guarded(state, async () => {
        const { writeForms } = await import('../forms/index.js');
        const files = await writeForms(paths, { out: resolve(o.out), lang: o.lang, pdf: !!o.pdf });
        process.stdout.write(`geschreven:\n${files.map((f) => `  ${f}`).join('\n')}\n`);
        return 0;
      }),
    );
  exp
    .command('overview')
    .description('Klasoverzicht: CSV, XLSX, JSON en JUnit (een regel per kandidaat, een kolom per criterium)')
    .argument('<paths...>')
    .requiredOption('--out <dir>')
    .addOption(new Option('--lang <lang>').choices(['nl', 'en']).default('nl'))
    .action((paths: string[], o) =>
      guarded(state, async () => {
        const { writeOverview } = await import('../forms/overview.js');
        const files = await writeOverview(paths, resolve(o.out), o.lang);
        process.stdout.write(`geschreven:\n${files.map((f) => `  ${f}`).join('\n')}\n`);
        return 0;
      }),
    );
  exp
    .command('dossier')
    .description('Bezwaar-/beroepsdossier van een kandidaat als één HTML-bestand')
    .argument('<bundle>')
    .requiredOption('--out <file>')
    .addOption(new Option('--lang <lang>').choices(['nl', 'en']).default('nl'))
    .action((bundle: string, o) =>
      guarded(state, async () => {
        const { writeDossier } = await import('../forms/dossier.js');
        const f = writeDossier(resolve(bundle), resolve(o.out), o.lang);
        process.stdout.write(`geschreven: ${f}\n`);
        return 0;
      }),
    );
  exp
    .command('inzage')
    .description('AVG-inzage: alle gegevens over één kandidaat (JSON)')
    .argument('<candidate>')
    .argument('<paths...>')
    .requiredOption('--out <file>')
    .action((candidate: string, paths: string[], o) =>
      guarded(state, async () => {
        const { writeInzage } = await import('../forms/inzage.js');
        const f = writeInzage(candidate, paths, resolve(o.out));
        process.stdout.write(`geschreven: ${f}\n`);
        return 0;
      }),
    );
  exp
    .command('tar')
    .description('Eén bestand (.tar) van een bundel, voor archief of overdracht')
    .argument('<bundle>')
    .requiredOption('--out <file>')
    .action((bundle: string, o) =>
      guarded(state, async () => {
        const { writeTar } = await import('./tar.js');
        const f = writeTar(resolve(bundle), resolve(o.out));
        process.stdout.write(`geschreven: ${f}\n`);
        return 0;
      }),
    );

  program
    .command('retention')
    .description('Bewaartermijnen: toon wat verlopen is; --apply verwijdert of pseudonimiseert het')
    .argument('<dir>', 'directory with bundles')
    .option('--apply', 'act on what is due')
    .addOption(new Option('--mode <mode>', 'what --apply does').choices(['delete', 'pseudonymise']).default('delete'))
    .option('--months <n>', 'retention in months after the diploma date (default: school config, else 18)')
    .option('--now <date>', 'today (YYYY-MM-DD), for planning')
    .option('--diploma-date <date>', 'record the diploma date (with --candidate and --by)')
    .option('--candidate <id>')
    .option('--by <name>')
    .option('--json')
    .addOption(keyOpt())
    .action((dir: string, o) =>
      guarded(state, async () => {
        const { retentionStatus, applyRetention, schoolConfig } = await import('./retention.js');
        const { setDiplomaDate } = await import('./assessment.js');
        if (o.diplomaDate) {
          if (!o.candidate || !o.by) throw new ActionRefused('--diploma-date vraagt --candidate ID en --by NAAM');
          const items = retentionStatus(resolve(dir)).filter((i) => i.candidate === o.candidate && !i.pseudonymised);
          if (!items.length) throw new ActionRefused(`geen bundels van kandidaat ${o.candidate} in ${dir}`);
          const key = keyFrom(o);
          for (const i of items) setDiplomaDate(i.dir, { actor: o.by, date: o.diplomaDate, key });
          process.stdout.write(`diplomadatum ${o.diplomaDate} vastgelegd in ${items.length} bundel(s)\n`);
        }
        const months = o.months ? Number(o.months) : schoolConfig().retentionMonths;
        const now = o.now ? new Date(o.now) : new Date();
        const items = retentionStatus(resolve(dir), { now, months });
        if (o.json && !o.apply) {
          process.stdout.write(JSON.stringify(items, null, 2) + '\n');
          return 0;
        }
        for (const i of items)
          process.stdout.write(
            `${i.due ? pc.red('verlopen') : pc.green('bewaren ')} ${i.until} (${i.basis}${i.diplomaDate ? ` ${i.diplomaDate}` : ''}) ${i.candidate ?? i.pod} ${i.exam} ${i.phase}${i.pseudonymised ? ' [gepseudonimiseerd]' : ''}\n  ${i.dir}\n`,
          );
        process.stdout.write(`${items.filter((i) => i.due).length} van ${items.length} bundel(s) verlopen\n`);
        if (o.apply) {
          const key = o.mode === 'pseudonymise' ? keyFrom(o) : undefined;
          const done = applyRetention(items, { mode: o.mode, key, now: () => now });
          for (const d of done) process.stdout.write(`${d.action}: ${d.dir}\n`);
        }
        return 0;
      }),
    );
}
