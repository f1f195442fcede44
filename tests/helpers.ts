// Test helpers: fake drivers and observations for engine tests.
import { FactUnavailable, type CheckKind, type CheckTarget, type Driver, type DriverSession, type FactRequest, type FactView, type Gathered, type Observation, type Outcome } from '../src/core/types.js';
import { parseYaml } from '../src/model/load.js';
import { Exam } from '../src/model/exam.js';
import { Lab } from '../src/model/lab.js';
import { z } from 'zod';

/** A driver whose facts come from a table; counts what it is asked, can fail or hang on purpose. */
export function tableDriver(platform: string, table: Record<string, string | Error | 'hang'>, calls: string[] = [], opts: { connectError?: Error; delayMs?: number } = {}): Driver {
  return {
    platform,
    description: 'test driver',
    facts: { 'test.cmd': { description: 'a command' } },
    allowCommand: (c) => c.startsWith('show'),
    async connect() {
      if (opts.connectError) throw opts.connectError;
      return {
        async gather(fact, params, signal): Promise<Gathered> {
          const cmd = String(params.command);
          calls.push(cmd);
          if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
          const v = table[cmd];
          if (v === 'hang') return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
          if (v instanceof Error) throw v;
          if (v === undefined) throw new Error(`no such command ${cmd}`);
          return { command: cmd, raw: v, parsed: { text: v }, transport: 'test' };
        },
        async close() {},
      };
    },
  };
}

/** A check that passes when the output of a command contains a string. */
export const containsCheck: CheckKind<{ command: string; text: string }> = {
  kind: 'test.contains',
  description: 'output contains text',
  params: z.object({ command: z.string(), text: z.string() }),
  platforms: ['fake', 'fake2'],
  facts: (p, t) => [{ device: t.device, fact: 'test.cmd', params: { command: p.command } }],
  evaluate(p, f, t) {
    const v = f.parsed<{ text: string }>({ device: t.device, fact: 'test.cmd', params: { command: p.command } });
    return v.text.includes(p.text)
      ? { status: 'pass', message: 'found' }
      : { status: 'fail', message: `'${p.text}' not found`, expected: p.text, actual: v.text };
  },
};

export const exam = (yaml: string) => parseYaml('exam.yaml', yaml, Exam);
export const lab = (yaml: string) => parseYaml('lab.yaml', yaml, Lab);

export function observation(partial: Partial<Observation>): Observation {
  return {
    id: 'o1', pod: 'p', device: 'd', platform: 'fake', fact: 'test.cmd', params: {}, attempt: 1, command: '', transport: 'test',
    raw: '', redactions: 0, startedAt: '', endedAt: '', durationMs: 0, ...partial,
  };
}

/**
 * Gather what a check declares from a live driver session and decide it, as the runner would: a
 * fact that could not be gathered makes the check `error` with the reason.
 */
export async function decideLive<P>(check: CheckKind<P>, session: DriverSession, raw: unknown, target: CheckTarget, signal: () => AbortSignal): Promise<Outcome> {
  const params = check.params.parse(raw);
  const got = new Map<string, unknown>();
  const key = (r: FactRequest) => JSON.stringify([r.fact, r.params]);
  for (const r of check.facts(params, target)) {
    try {
      got.set(key(r), (await session.gather(r.fact, r.params ?? {}, signal())).parsed);
    } catch (err) {
      got.set(key(r), err);
    }
  }
  const view: FactView = {
    get: (r) => observation({ fact: r.fact, parsed: got.get(key(r)) }),
    parsed: (r) => {
      const v = got.get(key(r));
      if (v instanceof Error) throw new FactUnavailable(v.message);
      return v as never;
    },
  };
  try {
    return check.evaluate(params, view, target);
  } catch (err) {
    if (err instanceof FactUnavailable) return { status: 'error', message: err.message };
    throw err;
  }
}
