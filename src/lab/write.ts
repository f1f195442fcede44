// The explicit write paths of the lab (scenarios, reference solutions, fault injection): the
// drivers' own write functions — cisco-ios applyConfig, routeros applyConfig, linux runWrite —
// against the devices of docker/lab.yaml. Never a driver's gather()/check path.
import { join } from 'node:path';
// The registry first: the drivers import each other through it (load order matters).
import '../../drivers/index.js';
import { deviceConfig, Secrets } from '../core/credentials.js';
import type { DeviceConfig } from '../core/types.js';
import { Lab } from '../model/lab.js';
import { loadYaml } from '../model/load.js';
import { applyConfig as iosApply } from '../../drivers/cisco-ios/index.js';
import { applyConfig as rosApply } from '../../drivers/routeros/index.js';
import { runWrite } from '../../drivers/linux/index.js';
import { dockerDir } from './engine.js';
import { SERVICES, type LabHandle } from './lab.js';

/** Set inside a container before the first write to it: it is no longer in the lab's start state
 *  (`exams test` recreates such containers before an exam that involves them). */
export const CHANGED_MARKER = '/run/proeflab/changed';

/** The container behind a lab device (srv1-snmp and web are services of srv1). */
export const labContainer = (device: string): string =>
  (SERVICES as readonly string[]).includes(device) ? device : device === 'srv1-snmp' || device === 'web' ? 'srv1' : device;

async function markChanged(lab: LabHandle, device: string): Promise<void> {
  const c = labContainer(device);
  if ((SERVICES as readonly string[]).includes(c)) await lab.exec(c, ['sh', '-c', `mkdir -p /run/proeflab && touch ${CHANGED_MARKER}`]);
}

/** Connection settings of a lab device, from docker/lab.yaml and its generated secrets file. */
export function labDevice(role: string, file = join(dockerDir(), 'lab.yaml')): DeviceConfig {
  const lab = loadYaml(file, Lab);
  const pod = lab.value.pods[0]!;
  const dev = pod.devices[role];
  if (!dev) throw new Error(`docker/lab.yaml has no device '${role}' (it has: ${Object.keys(pod.devices).join(', ')})`);
  return deviceConfig(file, lab.value, pod, role, dev, new Secrets(file, lab.value));
}

/** Linux: a shell script with sudo over SSH (linux driver runWrite). */
export async function sshRunWrite(lab: LabHandle, device: string, script: string): Promise<string> {
  await markChanged(lab, device);
  const r = await runWrite(labDevice(device), script, { sudo: true });
  const code = r.exitCode ?? -1;
  const out = `${r.stdout}${r.stderr}`;
  if (code !== 0) throw new Error(`${device}: script exited with ${code}: ${out.trim()}\n${script}`);
  return out;
}

/** RouterOS: export-syntax script (routeros applyConfig). */
export async function routerosRun(lab: LabHandle, device: string, script: string): Promise<string> {
  await markChanged(lab, device);
  const r = await rosApply(labDevice(device), script);
  return r.commands.join('\n');
}

/** IOS: configuration lines in configure terminal (cisco-ios applyConfig, strict: refused lines fail). */
export async function iosConfigure(lab: LabHandle, device: string, config: string): Promise<string> {
  await markChanged(lab, device);
  const ready = await lab.exec(device, ['cat', '/run/proeflab/ready']).catch(() => '');
  if (ready.startsWith('config file')) {
    // Data-plane-only container (a build without the simulator): append to its configuration file.
    await lab.exec(device, ['sh', '-c', 'cat >> /etc/proeflab/config'], `${config.trim()}\n!\n`);
    return '';
  }
  const r = await iosApply(labDevice(device), config, { strict: true });
  return r.transcript;
}
