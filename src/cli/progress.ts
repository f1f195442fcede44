// Live progress on stderr while a check run is going: per pod and device what is being asked
// of whom and how many criteria are done. Plain lines when stderr is not a TTY; NO_COLOR honoured
// (picocolors reads it).
import { createLogUpdate } from 'log-update';
import pc from 'picocolors';
import type { RunEvent } from '../core/runner.js';

interface PodState {
  exam: string;
  total: number;
  done: number;
  failed: number;
  errors: number;
  devices: Map<string, string>;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, opts: { quiet?: boolean } = {}) {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  const pods = new Map<string, PodState>();
  let facts = 0;
  let factsPlanned = 0;
  const key = (pod: string, exam: string) => `${pod}\0${exam}`;
  const log = tty ? createLogUpdate(stream, { showCursor: true }) : undefined;
  const plain = (s: string) => {
    if (!opts.quiet) stream.write(s + '\n');
  };

  const draw = () => {
    if (!log) return;
    const width = (stream.columns ?? 100) - 1;
    const lines = [pc.dim(`waarnemingen ${facts}/${factsPlanned}`)];
    for (const [k, s] of pods) {
      const [pod] = k.split('\0');
      const bar = `${s.done}/${s.total}`;
      const status = s.done === s.total ? pc.green('klaar') : [...s.devices.entries()].map(([d, what]) => `${d}: ${what}`).join(' · ');
      const flags = `${s.failed ? pc.red(` ✘${s.failed}`) : ''}${s.errors ? pc.yellow(` !${s.errors}`) : ''}`;
      lines.push(`${pc.bold(pod.padEnd(8))} ${s.exam} criteria ${bar}${flags}  ${status}`.slice(0, width + 40));
    }
    log(lines.join('\n'));
  };
  const timer = tty ? setInterval(draw, 120) : undefined;

  return {
    onEvent(e: RunEvent) {
      switch (e.type) {
        case 'plan':
          factsPlanned = e.factsPlanned;
          for (const p of e.pods) pods.set(key(p.pod, p.exam), { exam: p.exam, total: p.criteria, done: 0, failed: 0, errors: 0, devices: new Map() });
          if (!tty) plain(`plan: ${e.pods.length} pod×examen, ${e.factsRequested} waarnemingen gevraagd, ${e.factsPlanned} na ontdubbelen`);
          break;
        case 'device':
          for (const [k, s] of pods) {
            if (!k.startsWith(e.pod + '\0')) continue;
            if (e.state === 'closed') s.devices.delete(e.device);
            else s.devices.set(e.device, e.state === 'connecting' ? 'verbinden…' : e.state === 'error' ? pc.yellow(`fout: ${e.message}`) : 'verbonden');
          }
          if (!tty && e.state === 'error') plain(`${e.pod} ${e.device}: ${e.message}`);
          break;
        case 'fact-start':
          for (const [k, s] of pods) if (k.startsWith(e.pod + '\0')) s.devices.set(e.device, e.command);
          break;
        case 'fact-done':
          facts++;
          break;
        case 'criterion': {
          const s = pods.get(key(e.pod, e.exam));
          if (s) {
            s.done++;
            if (e.result.status === 'fail') s.failed++;
            if (e.result.status === 'error') s.errors++;
          }
          if (!tty) plain(`${e.pod} ${e.exam} ${e.result.status.padEnd(7)} ${e.result.id}`);
          break;
        }
        case 'pod-done':
          if (!tty) plain(`${e.result.pod} ${e.result.exam}: ${e.result.score.points}/${e.result.score.maxPoints} punten (${e.result.score.outcome})`);
          break;
      }
    },
    done() {
      if (timer) clearInterval(timer);
      if (log) {
        draw();
        log.done();
      }
    },
  };
}
