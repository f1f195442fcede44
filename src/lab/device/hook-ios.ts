// The Cisco IOS simulator (sims/cisco-ios, startIosSim) inside the lab container: SSH on 22.
// The simulator has no change event, so the data plane polls its running-config (rendered by
// sims/cisco-ios/config.js renderConfig) — nothing in the simulator is modified for this.
// Neighbour discovery (discovery.ts) reads the live state and fills its CDP/LLDP neighbour table.
import type { IosState } from '../../../sims/cisco-ios/model.js';
import { iosDevice } from './discovery.js';
import type { ConfigSource, SimStart } from './sims.js';

interface IosSimLike {
  port: number;
  state: unknown;
}

export async function hookIos(
  mod: Record<string, unknown>,
  role: 'switch' | 'router',
  o: SimStart,
  configMod?: Record<string, unknown>,
): Promise<ConfigSource | undefined> {
  const start = mod.startIosSim as ((opts: Record<string, unknown>) => Promise<IosSimLike>) | undefined;
  const render = (configMod?.renderConfig ?? mod.renderConfig) as ((s: unknown, which?: string) => string) | undefined;
  if (typeof start !== 'function' || typeof render !== 'function') return undefined;
  const sim = await start({
    role,
    host: '0.0.0.0',
    port: 22,
    telnetPort: false,
    hostname: o.hostname,
    user: o.username,
    password: o.password,
    secret: o.enable,
    privilege: 1,
    hostKeyFile: '/run/proeflab/ssh_host_key',
    seed: o.hostname,
    // Every port of the container has a cable (a compose network).
    connected: o.ports,
  });
  return {
    config: () => render(sim.state, 'running'),
    description: `Cisco IOS simulator (${role}): SSH ${sim.port}`,
    discovery: iosDevice(sim.state as IosState),
  };
}
