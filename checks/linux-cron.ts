// A scheduled job exists (or not): a cron entry whose command matches, optionally for a user and
// schedule, a script in /etc/cron.daily etc., or a systemd timer.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';

const Params = z
  .object({
    command: z.string().optional(),
    timer: z.string().optional(),
    user: z.string().optional(),
    schedule: z.string().optional(),
    present: z.boolean().default(true),
  })
  .strict()
  .refine((p) => !!p.command !== !!p.timer, 'noem precies één van command (regex) of timer');
type P = z.infer<typeof Params>;
interface Cron {
  entries: { user?: string; schedule: string; command: string; source: string }[];
  periodic: { period: string; script: string }[];
  timers: { unit: string; activates: string; next?: string; last?: string }[];
  timersError?: string;
}

const SPECIAL: Record<string, string> = { '@hourly': '0 * * * *', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@weekly': '0 0 * * 0', '@monthly': '0 0 1 * *', '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *' };
const normSchedule = (s: string) => (SPECIAL[s.trim()] ?? s.trim()).split(/\s+/).join(' ');

export const linuxCron: CheckKind<P> = {
  kind: 'linux.cron',
  description: 'Geplande taak aanwezig (of niet): cron-regel met passende opdracht (gebruiker, schema) of systemd-timer',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.cron')],
  evaluate(p, f, t) {
    const c = f.parsed<Cron>(req(t, 'linux.cron'));
    if (p.timer) {
      const name = p.timer.endsWith('.timer') ? p.timer : `${p.timer}.timer`;
      const tm = c.timers.find((x) => x.unit === name);
      if (!tm && c.timersError && p.present) return { status: 'error', message: `systemd-timers niet uit te lezen: ${c.timersError}` };
      if (!p.present) return tm ? fail(`timer ${name} bestaat nog`, 'afwezig', tm) : pass(`timer ${name} bestaat niet`, 'afwezig', 'afwezig');
      return tm ? pass(`timer ${name} start ${tm.activates}${tm.next ? `, volgende keer ${tm.next}` : ''}`, name, tm) : fail(`timer ${name} bestaat niet`, name, c.timers.map((x) => x.unit));
    }
    const re = new RegExp(p.command!);
    const all = [
      ...c.entries.map((e) => ({ ...e, text: `${e.schedule} ${e.user ?? ''} ${e.command}`.replace(/\s+/g, ' ') })),
      ...c.periodic.map((x) => ({ user: 'root', schedule: `@${x.period}`, command: x.script, source: `/etc/cron.${x.period}`, text: `${x.period}: ${x.script}` })),
    ];
    const matching = all.filter((e) => re.test(e.command) && (!p.user || e.user === p.user));
    const hits = p.schedule ? matching.filter((e) => normSchedule(e.schedule) === normSchedule(p.schedule!) || (e.schedule.startsWith('@') && e.schedule === p.schedule)) : matching;
    if (!p.present) return matching.length ? fail(`er is nog een geplande taak voor /${p.command}/`, 'afwezig', matching.map((e) => e.text)) : pass(`geen geplande taak voor /${p.command}/`, 'afwezig', 'afwezig');
    if (!matching.length) return fail(`geen geplande taak die /${p.command}/ uitvoert${p.user ? ` als ${p.user}` : ''}`, p.command, all.map((e) => e.text).slice(0, 30));
    if (!hits.length) return fail(`taak /${p.command}/ staat gepland op ${matching.map((e) => e.schedule).join('; ')}, verwacht ${p.schedule}`, p.schedule, matching.map((e) => e.text));
    return pass(`geplande taak: ${hits[0]!.text} (${hits[0]!.source})`, p.command, hits.map((e) => e.text));
  },
};
