// The `local` driver: read-only commands on the machine proeflab runs on (through execa).
// Used for the demo, for CI labs where the harness host is itself examined, and for vantage
// checks from the examiner's machine.
import { execa } from 'execa';
import { z } from 'zod';
import { ObservationError, type Driver } from '../../src/core/types.js';

/** Programs that only read. An exam may not run anything else through `local.exec`. */
export const READ_ONLY_PROGRAMS = new Set([
  'cat', 'ls', 'stat', 'test', 'grep', 'head', 'tail', 'wc', 'hostname', 'uname', 'id', 'getent', 'ip', 'ss',
  'df', 'findmnt', 'sha256sum', 'md5sum', 'date', 'uptime', 'whoami', 'node', 'dig', 'host', 'systemctl',
  'dpkg-query', 'tar', 'gzip', 'echo', 'true', 'false', 'env', 'printenv', 'readlink', 'realpath', 'file',
]);

/** systemctl, tar and gzip are only allowed in their reading forms. */
const READ_ONLY_ARGS: Record<string, (args: string[]) => boolean> = {
  systemctl: (a) => ['status', 'is-active', 'is-enabled', 'show', 'list-units', 'list-timers', 'is-failed', 'cat'].includes(a[0] ?? ''),
  tar: (a) => a.some((x) => /^-?[a-zA-Z]*t/.test(x) && !/^-?[a-zA-Z]*[cxru]/.test(x)),
  gzip: (a) => a.includes('-t') || a.includes('-l'),
  node: (a) => a.length === 1 && (a[0] === '--version' || a[0] === '-v'),
  env: (a) => a.length === 0,
};

export function allowLocal(program: string, args: string[]): boolean {
  if (!READ_ONLY_PROGRAMS.has(program)) return false;
  const rule = READ_ONLY_ARGS[program];
  return rule ? rule(args) : true;
}

const ExecParams = z.object({ command: z.string(), args: z.array(z.string()).default([]), cwd: z.string().optional() });

export const localDriver: Driver = {
  platform: 'local',
  description: 'Read-only commands on the harness machine (execa)',
  roleKinds: ['linux-local'],
  defaultMaxSessions: 8,
  facts: { 'local.exec': { description: 'Run a read-only program with arguments; exit code, stdout, stderr', params: ExecParams } },
  allowCommand: (command) => READ_ONLY_PROGRAMS.has(command.trim().split(/\s+/)[0] ?? ''),
  async connect(device) {
    return {
      async gather(fact, params, signal) {
        if (fact !== 'local.exec') throw new ObservationError(`unknown fact ${fact}`);
        const p = ExecParams.parse(params);
        const command = [p.command, ...p.args].join(' ');
        if (!allowLocal(p.command, p.args)) throw new ObservationError(`opdracht geweigerd: '${command}' is niet alleen-lezen`, '', command);
        const r = await execa(p.command, p.args, {
          reject: false,
          cancelSignal: signal,
          timeout: device.timeoutMs ?? 30_000,
          cwd: p.cwd,
          all: true,
          env: { LC_ALL: 'C' },
          stripFinalNewline: false,
        });
        if (r.failed && r.exitCode === undefined) {
          const reason = (r as { code?: string }).code === 'ENOENT' ? `programma '${p.command}' niet gevonden` : (r.shortMessage ?? 'mislukt');
          throw new ObservationError(reason, r.all ?? '', command);
        }
        return {
          command,
          transport: 'exec',
          raw: r.all ?? '',
          parsed: { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr },
        };
      },
      async close() {},
    };
  },
};
