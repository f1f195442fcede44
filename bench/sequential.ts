// The plain way: one device after the other; per device connect, run each criterion's command(s)
// (no dedupe: a command two criteria need is run twice), disconnect. No concurrency.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { allDrivers } from '../drivers/index.js';
import { IosSession } from '../drivers/cisco-ios/index.js';
void allDrivers; // load order: the registry before the IOS driver (import cycle)
import type { DeviceConfig } from '../src/core/types.js';
import { CRITERIA } from './class.js';
import { PASSWORD, SECRET } from './standins.js';

const [podsFile] = process.argv.slice(2);
const pods = JSON.parse(readFileSync(podsFile, 'utf8')) as { id: string; sw1: { port: number; fp: string }; r1: { port: number; fp: string }; srv1: number; srv2: number }[];
const t0 = performance.now();
let pass = 0;
let fail = 0;
let commands = 0;
const ok = (b: boolean) => (b ? pass++ : fail++);

for (const pod of pods) {
  for (const dev of ['sw1', 'r1'] as const) {
    const cfg: DeviceConfig = {
      role: dev,
      platform: 'cisco-ios',
      host: '127.0.0.1',
      port: pod[dev].port,
      transport: 'ssh',
      username: 'examen',
      password: PASSWORD,
      secret: SECRET,
      hostKey: pod[dev].fp,
      options: {},
      secrets: [],
      timeoutMs: 30_000,
    } as DeviceConfig;
    const signal = AbortSignal.timeout(120_000);
    const sess = await IosSession.open(cfg, signal);
    const ch = await sess.channel(signal);
    for (const c of CRITERIA.filter((x) => x.device === dev)) {
      let good = true;
      for (const [i, cmd] of c.commands!.entries()) {
        const out = await ch.run(cmd, signal);
        commands++;
        if (!new RegExp(c.expect![i], 'm').test(out)) good = false;
      }
      ok(good);
    }
    await sess.close();
  }
  for (const dev of ['srv1', 'srv2'] as const) {
    for (const c of CRITERIA.filter((x) => x.device === dev)) {
      if (c.tcp) {
        ok(
          await new Promise<boolean>((resolve) => {
            const s = connect(pod[dev], '127.0.0.1', () => {
              s.destroy();
              resolve(true);
            });
            s.on('error', () => resolve(false));
          }),
        );
      } else {
        const r = await fetch(`http://127.0.0.1:${pod[dev]}${c.http!.path}`, { headers: { connection: 'close' } });
        const body = await r.text();
        ok(r.status === c.http!.status && (!c.http!.contains || body.includes(c.http!.contains)));
      }
      commands++;
    }
  }
}
process.stdout.write(JSON.stringify({ wallMs: performance.now() - t0, pass, fail, commands }) + '\n');
