// Resolving credential references ({env: VAR} / {file: key}) into device connection settings.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Device, Lab, Pod, SecretRef } from '../model/lab.js';
import { InputError } from '../model/load.js';
import type { DeviceConfig } from './types.js';

export class Secrets {
  private fileValues: Record<string, string> | undefined;
  constructor(
    private readonly labFile: string,
    private readonly lab: Lab,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private file(): Record<string, string> {
    if (this.fileValues) return this.fileValues;
    if (!this.lab.secrets_file) return (this.fileValues = {});
    const path = resolve(dirname(this.labFile), this.lab.secrets_file);
    try {
      const data = parse(readFileSync(path, 'utf8')) ?? {};
      this.fileValues = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)]));
    } catch (err) {
      throw new InputError([{ file: path, path: '', message: `cannot read secrets file: ${(err as Error).message}` }]);
    }
    return this.fileValues;
  }

  resolve(ref: SecretRef | string | undefined, where: string): string | undefined {
    if (ref === undefined || typeof ref === 'string') return ref;
    if ('env' in ref) {
      const v = this.env[ref.env];
      if (v === undefined)
        throw new InputError([{ file: this.labFile, path: where, message: `environment variable ${ref.env} is not set` }]);
      return v;
    }
    const v = this.file()[ref.file];
    if (v === undefined)
      throw new InputError([{ file: this.labFile, path: where, message: `secrets file has no key '${ref.file}'` }]);
    return v;
  }
}

/** Build the connection settings of one device of a pod. */
export function deviceConfig(labFile: string, lab: Lab, pod: Pod, role: string, device: Device, secrets: Secrets): DeviceConfig {
  const cred = device.credentials ? lab.credentials[device.credentials] : undefined;
  const at = (f: string) => `credentials.${device.credentials}.${f}`;
  const cfg: DeviceConfig = {
    role,
    platform: device.platform,
    host: device.host,
    port: device.port,
    transport: device.transport,
    hostKey: device.host_key,
    maxSessions: device.max_sessions ?? lab.defaults.max_sessions,
    timeoutMs: (device.timeout ?? lab.defaults.timeout ?? 30) * 1000,
    options: { ...device.options },
    secrets: [],
  };
  if (cred) {
    cfg.username = secrets.resolve(cred.username, at('username'));
    cfg.password = secrets.resolve(cred.password, at('password'));
    cfg.secret = secrets.resolve(cred.secret, at('secret'));
    cfg.privateKey = secrets.resolve(cred.private_key, at('private_key'));
    for (const k of ['community', 'auth_key', 'priv_key'] as const) {
      const v = secrets.resolve(cred[k], at(k));
      if (v !== undefined) cfg.options[k] = v;
    }
    cfg.secrets = [cfg.password, cfg.secret, cfg.privateKey, cfg.options.community, cfg.options.auth_key, cfg.options.priv_key].filter(
      (s): s is string => typeof s === 'string' && s.length > 0,
    );
  }
  void pod;
  return cfg;
}
