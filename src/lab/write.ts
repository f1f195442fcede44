// The explicit write paths of the lab (scenarios, reference solutions, fault injection):
// configuration entered over SSH the way a candidate would. Deliberately separate from the
// drivers' read-only gather() path; nothing here is reachable from a check.
import ssh2 from 'ssh2';
import type { LabHandle } from './lab.js';

interface Target {
  port: number;
  username: string;
  password: string;
  enable?: string;
}

export function targetOf(lab: LabHandle, device: string): Target {
  const env = lab.env;
  const u = env.LAB_USER ?? 'examen';
  const t: Record<string, Target> = {
    sw1: { port: Number(env.SW1_SSH_PORT ?? 22101), username: u, password: env.SW1_PASSWORD ?? '', enable: env.SW1_ENABLE },
    r1: { port: Number(env.R1_SSH_PORT ?? 22102), username: u, password: env.R1_PASSWORD ?? '', enable: env.R1_ENABLE },
    mt1: { port: Number(env.MT1_SSH_PORT ?? 22103), username: u, password: env.MT1_PASSWORD ?? '' },
    srv1: { port: Number(env.SRV1_SSH_PORT ?? 22105), username: u, password: env.SRV1_PASSWORD ?? '' },
    pc1: { port: Number(env.PC1_SSH_PORT ?? 22113), username: u, password: env.PC_PASSWORD ?? '' },
    pc2: { port: Number(env.PC2_SSH_PORT ?? 22114), username: u, password: env.PC_PASSWORD ?? '' },
  };
  const r = t[device];
  if (!r) throw new Error(`no write path for device '${device}' (known: ${Object.keys(t).join(', ')})`);
  return r;
}

function connect(t: Target): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    c.on('ready', () => resolve(c));
    c.on('error', reject);
    c.connect({ host: '127.0.0.1', port: t.port, username: t.username, password: t.password, readyTimeout: 20_000, tryKeyboard: false });
  });
}

/** Run one command over SSH exec; resolves {code, output}. */
export async function sshExec(t: Target, command: string, timeoutMs = 60_000): Promise<{ code: number; output: string }> {
  const c = await connect(t);
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms: ${command}`)), timeoutMs);
      c.exec(command, (err, ch) => {
        if (err) return reject(err);
        let out = '';
        let code = 0;
        ch.on('data', (d: Buffer) => (out += d));
        ch.stderr.on('data', (d: Buffer) => (out += d));
        ch.on('exit', (n: number | null) => (code = n ?? 0));
        ch.on('close', () => {
          clearTimeout(timer);
          resolve({ code, output: out });
        });
      });
    });
  } finally {
    c.end();
  }
}

/** Linux: a shell command with sudo (the lab user has passwordless sudo on lab hosts). */
export async function sshRunWrite(lab: LabHandle, device: string, command: string): Promise<string> {
  const t = targetOf(lab, device);
  const quoted = `'${command.replace(/'/g, `'\\''`)}'`;
  const r = await sshExec(t, `sudo -n sh -c ${quoted}`);
  if (r.code !== 0) throw new Error(`${device}: '${command}' exited with ${r.code}: ${r.output.trim()}`);
  return r.output;
}

/** RouterOS: commands over SSH exec (one per line, as in an export). */
export async function routerosRun(lab: LabHandle, device: string, commands: string): Promise<string> {
  const r = await sshExec(targetOf(lab, device), commands.trim());
  if (/^(failure|syntax error|bad command|expected )/im.test(r.output)) throw new Error(`${device}: ${r.output.trim()}`);
  return r.output;
}

/**
 * IOS: an interactive session — enable, configure terminal, the lines, end — as a candidate types
 * it. Errors the device prints (`% Invalid input`) fail the step.
 */
export async function iosConfigure(lab: LabHandle, device: string, config: string): Promise<string> {
  const fallback = await lab.exec(device, ['cat', '/run/proeflab/ready']).catch(() => '');
  if (fallback.startsWith('config file')) {
    // Data-plane-only container (no simulator in this build): append to its configuration file.
    await lab.exec(device, ['sh', '-c', 'cat >> /etc/proeflab/config'], `${config.trim()}\n!\n`);
    return '';
  }
  const t = targetOf(lab, device);
  const c = await connect(t);
  try {
    const ch = await new Promise<ssh2.ClientChannel>((res, rej) => c.shell({ term: 'vt100', cols: 200, rows: 50 }, (e, s) => (e ? rej(e) : res(s))));
    let buf = '';
    ch.on('data', (d: Buffer) => (buf += d.toString()));
    const waitFor = async (re: RegExp, ms = 15_000) => {
      const end = Date.now() + ms;
      while (!re.test(buf)) {
        if (Date.now() > end) throw new Error(`${device}: no ${re} in output:\n${buf.slice(-500)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const send = async (line: string, re: RegExp) => {
      buf = '';
      ch.write(line + '\r');
      await waitFor(re);
      return buf;
    };
    await waitFor(/[>#]\s*$/);
    let out = '';
    if (/>\s*$/.test(buf)) {
      buf = '';
      ch.write('enable\r');
      await waitFor(/(Password:\s*$|#\s*$)/);
      if (/Password:\s*$/.test(buf)) await send(t.enable ?? '', /#\s*$/);
    }
    await send('terminal length 0', /#\s*$/);
    out += await send('configure terminal', /\(config[^)]*\)#\s*$/);
    for (const line of config.split('\n').map((l) => l.replace(/\s+$/, '')).filter((l) => l.trim() && l.trim() !== '!')) {
      const o = await send(line.trim(), /#\s*$/);
      out += o;
      if (/^%\s*(Invalid|Incomplete|Ambiguous)/m.test(o)) throw new Error(`${device}: '${line.trim()}' refused:\n${o.trim()}`);
    }
    out += await send('end', /#\s*$/);
    ch.end();
    return out;
  } finally {
    c.end();
  }
}
