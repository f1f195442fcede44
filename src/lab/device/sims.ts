// Starts proeflab's own simulator for a lab device and exposes its configuration to the data
// plane. The simulators live in sims/cisco-ios and sims/routeros (other modules); this file only
// adapts to them, so the data plane follows whatever configuration the candidate entered.
// Without a simulator module (an older build) the configuration comes from a file,
// /etc/proeflab/config, so the data plane can still be exercised.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { log } from '../dataplane/apply.js';
import type { DiscoveryDevice } from './discovery.js';

export interface ConfigSource {
  /** The running configuration as text (IOS running-config, RouterOS /export). */
  config(): string;
  /** Called by the simulator after each change, when it can tell; otherwise the caller polls. */
  onChange?(cb: () => void): void;
  description: string;
  /** The simulator's side of the lab's neighbour discovery (discovery.ts), when it has one. */
  discovery?: DiscoveryDevice;
}

export interface SimStart {
  hostname: string;
  ports: string[];
  username: string;
  password: string;
  enable: string;
}

const distRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function importSim(rel: string): Promise<Record<string, unknown> | undefined> {
  const file = join(distRoot, rel);
  if (!existsSync(file)) return undefined;
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

export async function startSimulator(kind: string, o: SimStart): Promise<ConfigSource> {
  const { hookIos } = await import('./hook-ios.js');
  const { hookRouteros } = await import('./hook-routeros.js');
  if (kind === 'routeros') {
    const mod = await importSim('sims/routeros/index.js');
    if (mod) {
      const src = await hookRouteros(mod, o);
      if (src) return src;
    }
  } else {
    const mod = await importSim('sims/cisco-ios/index.js');
    if (mod) {
      const src = await hookIos(mod, kind === 'ios-switch' ? 'switch' : 'router', o, await importSim('sims/cisco-ios/config.js'));
      if (src) return src;
    }
  }
  log('no simulator module found; configuration is read from /etc/proeflab/config');
  const file = '/etc/proeflab/config';
  mkdirSync(dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, '');
  return { config: () => readFileSync(file, 'utf8'), description: `config file ${file}` };
}
