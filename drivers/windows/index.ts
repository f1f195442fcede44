// The `windows` driver: a Windows Server examined over OpenSSH (built into Server 2019+), one
// ssh2 connection per host, each fact one exec channel running
// `powershell.exe -NoProfile -NonInteractive -EncodedCommand <base64 UTF-16LE>` whose output is
// JSON (ConvertTo-Json -Depth N -Compress). Output is decoded whatever the encoding (UTF-16LE or
// UTF-8, BOM or not, CRLF) and CLIXML on stderr is reduced to its error records (progress noise
// dropped). Check mode is read-only: every script passes allowCommand() before it is sent; writes
// (reference solutions, fault injection) go through `runWrite`, never reachable from gather().
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { createHash } from 'node:crypto';
import type { DeviceConfig, Driver, DriverSession, Gathered } from '../../src/core/types.js';
import { ObservationError } from '../../src/core/types.js';
import { allowCommand } from './allow.js';
import { decodeOutput, parseStderr, powershellCommand } from './decode.js';
import { FACTS } from './facts.js';

export { allowCommand } from './allow.js';
export { decodeOutput, decodeCommand, encodeCommand, parseStderr, powershellCommand } from './decode.js';
export { FACTS as WINDOWS_FACTS } from './facts.js';

export interface PsResult { stdout: string; stderr: string; exitCode: number | null; progress: number }

/** Why a PowerShell error means "could not observe" in Dutch: access denied, cmdlet missing (role not installed). */
function psReason(errors: string): string {
  if (/access is denied|toegang geweigerd|UnauthorizedAccess|PermissionDenied/i.test(errors)) return `geen rechten: ${errors.split('\n')[0]}`;
  if (/is not recognized as the name of a cmdlet|CommandNotFoundException/i.test(errors)) return `cmdlet niet beschikbaar (rol/module niet geïnstalleerd?): ${errors.split('\n')[0]}`;
  return errors.split('\n').slice(0, 3).join(' ');
}

export class WindowsConnection {
  private client = new Client();
  hostKeyFingerprint?: string;
  constructor(private readonly device: DeviceConfig) {}

  connect(signal: AbortSignal): Promise<void> {
    const d = this.device;
    const where = `${d.host}:${d.port ?? 22}`;
    return new Promise((resolve, reject) => {
      const timeout = d.timeoutMs ?? 15_000;
      const onAbort = () => {
        this.client.end();
        reject(new ObservationError(`${where}: afgebroken`));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.client.once('ready', () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      this.client.once('error', (err: Error & { level?: string; code?: string }) => {
        signal.removeEventListener('abort', onAbort);
        if (err.level === 'client-authentication') reject(new ObservationError(`${where}: aanmelden geweigerd (gebruikersnaam/wachtwoord of sleutel onjuist)`));
        else if (err.code === 'ECONNREFUSED') reject(new ObservationError(`${where}: verbinding geweigerd (draait OpenSSH Server?)`));
        else if (err.level === 'client-timeout' || /timed out/i.test(err.message)) reject(new ObservationError(`${where}: time-out bij verbinden`));
        else if (/host key/i.test(err.message)) reject(new ObservationError(`${where}: ${err.message}`));
        else reject(new ObservationError(`${where}: ${err.message}`));
      });
      const cfg: ConnectConfig = {
        host: d.host,
        port: d.port ?? 22,
        username: d.username,
        readyTimeout: timeout,
        ...(d.password ? { password: d.password } : {}),
        ...(d.privateKey ? { privateKey: d.privateKey } : {}),
        hostVerifier: (key: Buffer) => {
          this.hostKeyFingerprint = 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
          return !d.hostKey || d.hostKey === this.hostKeyFingerprint;
        },
      };
      this.client.connect(cfg);
    });
  }

  /** Run a script; raw bytes are decoded here (never assumed UTF-8). */
  run(script: string, signal: AbortSignal, timeoutMs: number): Promise<PsResult> {
    const cmd = powershellCommand(script);
    return new Promise((resolve, reject) => {
      this.client.exec(cmd, (err: Error | undefined, ch: ClientChannel) => {
        if (err) return reject(new ObservationError(`kanaal openen mislukt: ${err.message}`));
        const out: Buffer[] = [];
        const errb: Buffer[] = [];
        let code: number | null = null;
        const timer = setTimeout(() => {
          ch.close();
          reject(new ObservationError(`time-out na ${timeoutMs} ms bij PowerShell-opdracht`));
        }, timeoutMs);
        const onAbort = () => {
          clearTimeout(timer);
          ch.close();
          reject(new ObservationError('afgebroken'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        ch.on('data', (b: Buffer) => out.push(b));
        ch.stderr.on('data', (b: Buffer) => errb.push(b));
        ch.on('exit', (c: number | null) => (code = c));
        ch.on('close', () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          const st = parseStderr(decodeOutput(Buffer.concat(errb)));
          resolve({ stdout: decodeOutput(Buffer.concat(out)), stderr: st.errors, exitCode: code, progress: st.progress });
        });
      });
    });
  }

  close(): Promise<void> {
    this.client.end();
    return Promise.resolve();
  }
}

export function makeWindowsDriver(): Driver {
  return {
    platform: 'windows',
    description: 'Windows Server via OpenSSH + PowerShell (-EncodedCommand, ConvertTo-Json): rollen, gebruikers, services, firewall, shares, DNS, DHCP, updates, BitLocker, GPO',
    roleKinds: ['windows-server', 'windows'],
    defaultMaxSessions: 4,
    facts: Object.fromEntries(Object.entries(FACTS).map(([k, v]) => [k, { description: v.description, ...(v.params ? { params: v.params } : {}) }])),
    allowCommand,
    async connect(device, signal): Promise<DriverSession> {
      const conn = new WindowsConnection(device);
      await conn.connect(signal);
      const timeout = device.timeoutMs ?? 30_000;
      return {
        async gather(fact, params, sig): Promise<Gathered> {
          const def = FACTS[fact];
          if (!def) throw new ObservationError(`windows kent het gegeven '${fact}' niet (wel: ${Object.keys(FACTS).join(', ')})`);
          const p = def.params ? def.params.parse(params) : params;
          const script = def.script(p);
          if (!allowCommand(script)) throw new ObservationError(`PowerShell geweigerd: alleen lezende cmdlets (Get-*, Test-*, …) zijn toegestaan in controlemodus`, '', script);
          const r = await conn.run(script, sig, timeout);
          if (r.exitCode !== 0 || (r.stderr && !r.stdout.trim())) throw new ObservationError(`PowerShell-fout (exitcode ${r.exitCode}): ${psReason(r.stderr || r.stdout)}`, r.stdout + (r.stderr ? `\n${r.stderr}` : ''), script);
          try {
            return { command: script, raw: r.stdout, parsed: def.parse(r.stdout, p), transport: 'ssh' };
          } catch (err) {
            return { command: script, raw: r.stdout, parseError: `uitvoer niet als JSON te lezen: ${(err as Error).message}`, transport: 'ssh' };
          }
        },
        async identity(sig) {
          const r = await conn.run(FACTS['windows.computer']!.script({}), sig, timeout);
          const c = FACTS['windows.computer']!.parse(r.stdout, {}) as { name: string; os: string; build: number };
          return { hostname: c.name, version: `${c.os} (build ${c.build})`, ...(conn.hostKeyFingerprint ? { hostKeyFingerprint: conn.hostKeyFingerprint } : {}) };
        },
        close: () => conn.close(),
      };
    },
  };
}

export const windowsDriver: Driver = makeWindowsDriver();

/** WRITE access, outside check mode: run any PowerShell script (reference solutions, fault injection). */
export async function runWrite(device: DeviceConfig, script: string, signal: AbortSignal = AbortSignal.timeout(device.timeoutMs ?? 120_000)): Promise<PsResult> {
  const conn = new WindowsConnection(device);
  await conn.connect(signal);
  try {
    return await conn.run(script, signal, device.timeoutMs ?? 120_000);
  } finally {
    await conn.close();
  }
}
