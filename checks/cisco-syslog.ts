// A syslog server is configured (logging host), optionally with a trap level.
import { z } from 'zod';
import type { CheckKind } from '../src/core/types.js';
import { CISCO, CMD, fail, list, pass, runningConfig, show } from './cisco-common.js';

const LEVELS = ['emergencies', 'alerts', 'critical', 'errors', 'warnings', 'notifications', 'informational', 'debugging'];
const Params = z.object({
  host: z.string(),
  /** Minimum trap level (e.g. `informational` or 6): the configured level must be at least this verbose. */
  level: z.union([z.enum(LEVELS as [string, ...string[]]), z.coerce.number().int().min(0).max(7)]).optional(),
});

const levelNum = (l: string | number | undefined) => (typeof l === 'number' ? l : l === undefined ? 6 : /^\d$/.test(l) ? Number(l) : LEVELS.indexOf(l));

export const ciscoSyslog: CheckKind<z.infer<typeof Params>> = {
  kind: 'cisco.syslog',
  description: 'Syslogserver is ingesteld (logging host), eventueel met trap-niveau',
  params: Params,
  platforms: CISCO,
  facts: (_p, t) => [show(t.device, CMD.run)],
  evaluate(p, facts, t) {
    const cfg = runningConfig(facts, t.device);
    const expected = { host: p.host, ...(p.level !== undefined ? { level: p.level } : {}) };
    const actual = { hosts: cfg.logging.hosts, level: cfg.logging.trap ?? 'informational (standaard)' };
    if (!cfg.logging.hosts.includes(p.host)) return fail(`syslogserver ${p.host} niet ingesteld op ${t.device}; wel: ${list(cfg.logging.hosts)}`, expected, actual);
    if (p.level !== undefined && levelNum(cfg.logging.trap) < levelNum(p.level))
      return fail(`logging trap is ${cfg.logging.trap}, verwacht minstens ${typeof p.level === 'number' ? LEVELS[p.level] : p.level}`, expected, actual);
    return pass(`syslogserver ${p.host} is ingesteld${cfg.logging.trap ? ` (trap ${cfg.logging.trap})` : ''}`, expected, actual);
  },
};
