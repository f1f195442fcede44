// The RouterOS simulator (sims/routeros, startRouterosSim) inside the lab container: API on 8728,
// SSH on 22, on all interfaces of the container (only the management port is published).
// Its onChange event drives the data plane with the current `/export`.
// Neighbour discovery (discovery.ts) advertises its identity and ports (CDP/LLDP to sw1 and r1).
import type { RosState } from '../../../sims/routeros/model.js';
import { routerosDevice } from './discovery.js';
import type { ConfigSource, SimStart } from './sims.js';

interface RosSimLike {
  state: RosState;
  onChange(cb: () => void): void;
  apiPort: number;
  sshPort: number;
}

export async function hookRouteros(mod: Record<string, unknown>, o: SimStart): Promise<ConfigSource | undefined> {
  const start = mod.startRouterosSim as ((opts: Record<string, unknown>) => Promise<RosSimLike>) | undefined;
  if (typeof start !== 'function') return undefined;
  const sim = await start({ host: '0.0.0.0', apiPort: 8728, sshPort: 22, user: o.username, password: o.password, identity: o.hostname });
  return {
    config: () => sim.state.export({ showSensitive: false }),
    onChange: (cb) => sim.onChange(cb),
    description: `RouterOS simulator: API ${sim.apiPort}, SSH ${sim.sshPort}`,
    discovery: routerosDevice(sim.state),
  };
}
