// The Cisco IOS simulator (sims/cisco-ios, startIosSim) inside the lab container: SSH on 22.
// The data plane follows its running-config (change event when the simulator offers one,
// otherwise the caller polls config()).
import type { ConfigSource, SimStart } from './sims.js';

interface IosSimLike {
  port?: number;
  sshPort?: number;
  state?: unknown;
  runningConfig?: () => string;
  onChange?: (cb: () => void) => void;
}

export async function hookIos(mod: Record<string, unknown>, role: 'switch' | 'router', o: SimStart): Promise<ConfigSource | undefined> {
  const start = mod.startIosSim as ((opts: Record<string, unknown>) => Promise<IosSimLike>) | undefined;
  if (typeof start !== 'function') return undefined;
  const sim = await start({
    role,
    host: '0.0.0.0',
    port: 22,
    sshPort: 22,
    hostname: o.hostname,
    username: o.username,
    user: o.username,
    password: o.password,
    enable: o.enable,
    enableSecret: o.enable,
  });
  const render = mod.renderConfig as ((s: unknown) => string) | undefined;
  const config = () => (sim.runningConfig ? sim.runningConfig() : render && sim.state ? render(sim.state) : '');
  return {
    config,
    ...(sim.onChange ? { onChange: (cb: () => void) => sim.onChange!(cb) } : {}),
    description: `Cisco IOS simulator (${role}): SSH ${sim.sshPort ?? sim.port ?? 22}`,
  };
}
