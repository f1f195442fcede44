// The clock is synchronised with a time source (NTP), optionally in the expected time zone.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { fail, pass, req } from '../drivers/linux/check-util.js';

const Params = z.object({ synchronized: z.boolean().default(true), timezone: z.string().optional() }).strict();
type P = z.infer<typeof Params>;
interface T { source: string; synchronized?: boolean; ntpEnabled?: boolean; timezone?: string }

export const linuxTimesync: CheckKind<P> = {
  kind: 'linux.timesync',
  description: 'De klok is gesynchroniseerd met een tijdbron (NTP), eventueel in de gevraagde tijdzone',
  params: Params,
  platforms: ['linux'],
  facts: (_p, t) => [req(t, 'linux.timesync')],
  evaluate(p, f, t) {
    const s = f.parsed<T>(req(t, 'linux.timesync'));
    if (p.timezone && s.timezone !== undefined && s.timezone !== p.timezone) return fail(`tijdzone is ${s.timezone}, verwacht ${p.timezone}`, p.timezone, s.timezone);
    if (s.synchronized === undefined) return { status: 'error', message: `synchronisatiestatus niet uit te lezen (${s.source})` };
    if (s.synchronized !== p.synchronized)
      return fail(s.synchronized ? 'klok is gesynchroniseerd' : `klok is niet gesynchroniseerd${s.ntpEnabled === false ? ' (NTP staat uit)' : ''}`, p.synchronized ? 'gesynchroniseerd' : 'niet gesynchroniseerd', s);
    return pass(`klok ${s.synchronized ? 'is' : 'is niet'} gesynchroniseerd (${s.source}${s.timezone ? `, ${s.timezone}` : ''})`, undefined, s);
  },
};
