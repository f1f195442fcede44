// The registry ties drivers, checks and parsers together. Adding a platform = a folder in
// drivers/ plus a line in drivers/index.ts; adding a check kind = a file in checks/ plus a line in
// checks/index.ts.
import { allChecks } from '../../checks/index.js';
import { allDrivers, allParsers } from '../../drivers/index.js';
import type { CheckKind, Driver, Parser } from './types.js';
import { mapParams } from './params.js';

export interface Registry {
  drivers: Map<string, Driver>;
  checks: Map<string, CheckKind>;
  parsers: Parser[];
}

export function createRegistry(drivers: Driver[] = allDrivers, checks: CheckKind[] = allChecks, parsers: Parser[] = allParsers): Registry {
  const r: Registry = { drivers: new Map(), checks: new Map(), parsers };
  for (const d of drivers) {
    if (r.drivers.has(d.platform)) throw new Error(`driver platform '${d.platform}' registered twice`);
    r.drivers.set(d.platform, d);
  }
  for (const c of checks) {
    if (r.checks.has(c.kind)) throw new Error(`check kind '${c.kind}' registered twice`);
    const reserved = mapParams(c.params, {}).known.filter((k) => ['kind', 'device', 'all', 'any', 'not'].includes(k));
    if (reserved.length) throw new Error(`check '${c.kind}' declares reserved parameter(s) ${reserved.join(', ')} (kind, device, all, any, not belong to the criterion)`);
    r.checks.set(c.kind, c);
  }
  return r;
}

/** Normalise a typed command: trim, collapse spaces, drop a trailing `| ...` filter marker. */
export function normaliseCommand(cmd: string): string {
  return cmd.trim().replace(/\s+/g, ' ');
}

export function findParser(parsers: Parser[], platform: string, command: string): Parser | undefined {
  const c = normaliseCommand(command);
  return parsers.find((p) => p.platform === platform && p.match.test(c));
}
