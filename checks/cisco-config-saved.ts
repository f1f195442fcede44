// The configuration is saved: running-config equals startup-config (ignoring the header, the
// `Current configuration`/`Using n bytes` lines and the timestamps).
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import type { RunningConfig } from '../drivers/cisco-ios/parsers/running-config.js';
import { CISCO, CMD, fail, pass, show } from './cisco-common.js';

const Params = z.object({}).default({});

export const ciscoConfigSaved: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.config-saved',
  description: 'Configuratie is opgeslagen: running-config is gelijk aan startup-config',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run), show(t.device, CMD.startup)],
  evaluate(_p, facts, t) {
    const run = facts.parsed<RunningConfig>(show(t.device, CMD.run));
    const start = facts.parsed<RunningConfig>(show(t.device, CMD.startup));
    const expected = { startup: 'gelijk aan running-config' };
    if (start.absent) return fail(`er is geen startup-config op ${t.device}: de configuratie is nooit opgeslagen (copy running-config startup-config)`, expected, { startup: 'niet aanwezig' });
    if (run.digest === start.digest) return pass('running-config is opgeslagen (gelijk aan startup-config)', expected, { startup: 'gelijk', regels: run.normalized.length });
    const inStart = new Set(start.normalized);
    const inRun = new Set(run.normalized);
    const notSaved = run.normalized.filter((l) => !inStart.has(l));
    const onlyStartup = start.normalized.filter((l) => !inRun.has(l));
    const show5 = (ls: string[]) => ls.slice(0, 5).map((l) => `'${l.trim()}'`).join(', ') + (ls.length > 5 ? ` (+${ls.length - 5})` : '');
    const parts = [notSaved.length ? `niet opgeslagen: ${show5(notSaved)}` : '', onlyStartup.length ? `alleen in startup-config: ${show5(onlyStartup)}` : ''].filter(Boolean);
    return fail(
      `running-config verschilt van startup-config${parts.length ? `; ${parts.join('; ')}` : ' (alleen in wachtwoorden/volgorde)'}`,
      expected,
      { startup: 'anders', nietOpgeslagen: notSaved.slice(0, 20), alleenInStartup: onlyStartup.slice(0, 20) },
    );
  },
};
