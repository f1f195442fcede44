// The container engine behind `proeflab lab`: Docker (docker compose) or Podman (podman-compose).
// Builds the lab's three images in order (base → services, node) from a staged context, and on
// Podman without a registry builds the debian:bookworm base itself with debootstrap.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';

const execP = promisify(execFile);

export const PROJECT = 'proeflab-lab';
export const BASE_IMAGE = 'docker.io/library/debian:bookworm';

/** The repository root (works from src/ via tsx/vitest and from dist/src after a build). */
export function repoRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json')) || !existsSync(join(d, 'docker', 'compose.yaml'))) {
    const up = dirname(d);
    if (up === d) throw new Error('cannot find the proeflab checkout (docker/compose.yaml)');
    d = up;
  }
  return d;
}

export const dockerDir = () => join(repoRoot(), 'docker');

export interface Engine {
  name: 'docker' | 'podman';
  /** The container CLI (`docker`, `podman`). */
  cli: string;
  /** The compose command, e.g. ['docker', 'compose'] or ['podman-compose']. */
  compose: string[];
}

async function has(cmd: string, args: string[]): Promise<boolean> {
  try {
    await execP(cmd, args, { timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

export class EngineMissing extends Error {}

/** Docker (with the compose plugin or docker-compose) or Podman (with podman-compose). */
export async function detectEngine(prefer = process.env.PROEFLAB_ENGINE): Promise<Engine> {
  const tries: (() => Promise<Engine | undefined>)[] = [
    async () => ((await has('docker', ['info'])) && (await has('docker', ['compose', 'version'])) ? { name: 'docker', cli: 'docker', compose: ['docker', 'compose'] } : undefined),
    async () => ((await has('docker', ['info'])) && (await has('docker-compose', ['version'])) ? { name: 'docker', cli: 'docker', compose: ['docker-compose'] } : undefined),
    async () => ((await has('podman', ['--version'])) && (await has('podman-compose', ['version'])) ? { name: 'podman', cli: 'podman', compose: ['podman-compose'] } : undefined),
  ];
  if (prefer === 'podman') tries.unshift(tries.pop()!);
  for (const t of tries) {
    const e = await t();
    if (e) return e;
  }
  const podmanOnly = await has('podman', ['--version']);
  throw new EngineMissing(
    podmanOnly
      ? 'Podman is installed but podman-compose is not. Install it (Debian/Ubuntu: apt install podman-compose; elsewhere: pip install podman-compose).'
      : 'No container engine found. Install Docker Desktop (Windows/macOS) or Docker Engine with the compose plugin (Linux), or Podman with podman-compose, and try again.',
  );
}

export type Log = (line: string) => void;

/**
 * Secrets never reach logs: podman-compose echoes its command lines, which carry the generated
 * passwords as `-e NAME=value`. Values of secret-looking variables are replaced in every logged line.
 */
export function redactLine(line: string): string {
  return line.replace(/\b([A-Z0-9_]*(?:PASSWORD|SECRET|COMMUNITY|TOKEN|KEY)[A-Z0-9_]*)=(\S+)/g, '$1=<redacted>');
}

/** Run a command, streaming its output to `log` (one line at a time); rejects on non-zero exit. */
export function run(cmd: string[], opts: { cwd?: string; log?: Log; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<string> {
  return new Promise((res, rej) => {
    const p = spawn(cmd[0]!, cmd.slice(1), { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let tail = '';
    const onData = (d: Buffer) => {
      const s = d.toString();
      out += s;
      tail = (tail + s).slice(-4000);
      if (opts.log) for (const l of s.split('\n')) if (l.trim()) opts.log(redactLine(l));
    };
    p.stdout.on('data', onData);
    p.stderr.on('data', onData);
    p.on('error', rej);
    p.on('close', (code) => (code === 0 ? res(out) : rej(new Error(`${cmd.join(' ')} exited with ${code}\n${tail.trim()}`))));
    // A command that exits without reading its input must not turn into an EPIPE error.
    p.stdin.on('error', () => {});
    p.stdin.end(opts.input ?? '');
  });
}

/**
 * Podman as root on a fresh Debian machine: runc + cgroupfs and modest default ulimits make rootful
 * containers work in nested/VM environments. Only touches the file when the settings are missing.
 */
export function ensurePodmanConfig(file = '/etc/containers/containers.conf', log: Log = () => {}): boolean {
  if (process.getuid?.() !== 0) return false;
  const have = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const need = /^\s*runtime\s*=\s*"runc"/m.test(have) && /^\s*cgroup_manager\s*=\s*"cgroupfs"/m.test(have) && /^\s*default_ulimits\s*=/m.test(have);
  if (need) return false;
  // Keep whatever else is there; add our keys to their sections.
  let text = have;
  const put = (section: string, line: string, key: string) => {
    if (new RegExp(`^\\s*${key}\\s*=`, 'm').test(text)) return;
    if (new RegExp(`^\\[${section}\\]`, 'm').test(text)) text = text.replace(new RegExp(`^\\[${section}\\]\\s*$`, 'm'), `[${section}]\n${line}`);
    else text += `\n[${section}]\n${line}\n`;
  };
  put('containers', 'default_ulimits = ["nofile=1024:1024", "nproc=1000:1000"]', 'default_ulimits');
  put('engine', 'runtime = "runc"', 'runtime');
  put('engine', 'cgroup_manager = "cgroupfs"', 'cgroup_manager');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text.startsWith('\n') ? `# proeflab: settings for rootful podman (see DEVELOPERS.md)${text}` : text);
  log(`wrote ${file} (runtime runc, cgroupfs, ulimits)`);
  return true;
}

export async function imageExists(e: Engine, image: string): Promise<boolean> {
  return e.name === 'podman' ? has('podman', ['image', 'exists', image]) : has('docker', ['image', 'inspect', image]);
}

/** Podman without a registry: debian:bookworm from debootstrap (about 40 s). Docker pulls it normally. */
export async function ensureBaseImage(e: Engine, log: Log): Promise<void> {
  if (await imageExists(e, BASE_IMAGE)) return;
  if (e.name === 'docker') return; // FROM debian:bookworm is pulled by the build
  if (!(await has('debootstrap', ['--version'])) && !existsSync('/usr/sbin/debootstrap'))
    throw new Error(`image ${BASE_IMAGE} is missing and debootstrap is not installed to build it (apt install debootstrap, or podman pull ${BASE_IMAGE})`);
  if (process.getuid?.() !== 0) throw new Error(`image ${BASE_IMAGE} is missing; building it with debootstrap needs root (see DEVELOPERS.md)`);
  const dir = mkdtempSync(join(tmpdir(), 'proeflab-rootfs-'));
  try {
    log(`building ${BASE_IMAGE} with debootstrap (once, about a minute)`);
    await run(['debootstrap', '--variant=minbase', 'bookworm', dir], {});
    await run(['sh', '-c', `tar -C '${dir}' -c . | podman import - ${BASE_IMAGE}`], {});
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const IMAGES = ['base', 'services', 'node'] as const;
export type ImageName = (typeof IMAGES)[number];
export const imageTag = (n: ImageName) => `proeflab-lab/${n}:latest`;

/** Stage the build context of one image under docker/.build/<name>. */
export function stage(name: ImageName): string {
  const root = repoRoot();
  const d = dockerDir();
  const ctx = join(d, '.build', name);
  rmSync(ctx, { recursive: true, force: true });
  mkdirSync(ctx, { recursive: true });
  cpSync(join(d, 'images', name), ctx, { recursive: true });
  if (name === 'base') for (const f of ['lab-common.sh', 'pc-entry.sh']) cpSync(join(d, 'rootfs', f), join(ctx, f));
  if (name === 'services') {
    cpSync(join(d, 'rootfs', 'services-entry.sh'), join(ctx, 'services-entry.sh'));
    mkdirSync(join(ctx, 'snmprec'));
    for (const src of [join(d, 'snmprec'), join(root, 'tests', 'fixtures', 'snmprec')]) {
      if (!existsSync(src)) continue;
      for (const f of readdirSync(src, { recursive: true }) as string[])
        if (f.endsWith('.snmprec')) cpSync(join(src, f), join(ctx, 'snmprec', f.replace(/\//g, '-')));
    }
  }
  if (name === 'node') {
    cpSync(join(d, 'rootfs', 'vlan-switch.py'), join(ctx, 'vlan-switch.py'));
    // dist/ may be rewritten by a concurrent build while we copy it: retry a few times.
    for (let i = 0; ; i++) {
      try {
        rmSync(join(ctx, 'app'), { recursive: true, force: true });
        stageApp(root, join(ctx, 'app'));
        break;
      } catch (e) {
        if (i >= 3) throw e;
      }
    }
  }
  return ctx;
}

/** Node 22 binary + dist/ + production node_modules: what the simulators need at run time. */
function stageApp(root: string, app: string): void {
  if (!existsSync(join(root, 'dist', 'src', 'lab', 'device', 'main.js'))) throw new Error('dist/ is missing or old: run `npm run build` first');
  mkdirSync(join(app, 'bin'), { recursive: true });
  const nodeBin = [join(root, 'node_modules', 'node', 'bin', 'node'), join(root, 'node_modules', '.bin', 'node'), process.execPath].find(existsSync)!;
  cpSync(realpathSync(nodeBin), join(app, 'bin', 'node'));
  cpSync(join(root, 'dist'), join(app, 'dist'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'proeflab-lab-app', type: 'module', private: true }));
  // Production dependencies only (npm ls --omit=dev lists their folders).
  let dirs: string[] = [];
  try {
    const out = spawnSyncText('npm', ['ls', '--omit=dev', '--parseable', '--all'], root);
    dirs = out.split('\n').filter((l) => l.includes(`${'node_modules'}`));
  } catch {
    dirs = [];
  }
  if (!dirs.length) throw new Error('cannot list production dependencies (npm ls --omit=dev)');
  for (const dir of dirs) {
    const rel = relative(root, dir);
    if (!rel.startsWith('node_modules')) continue;
    cpSync(dir, join(app, rel), { recursive: true, filter: (src) => !src.slice(dir.length).includes('/node_modules/') });
  }
}

function spawnSyncText(cmd: string, args: string[], cwd: string): string {
  // npm ls exits 1 on extraneous packages but still prints the list.
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return r.stdout ?? '';
}

export async function buildImages(e: Engine, log: Log, opts: { only?: ImageName[] } = {}): Promise<void> {
  for (const name of IMAGES) {
    if (opts.only && !opts.only.includes(name)) continue;
    const ctx = stage(name);
    log(`building image ${imageTag(name)}`);
    const label = ['--label', `proeflab.stamp=${imageStamp(name)}`];
    await run([e.cli, 'build', ...(e.name === 'podman' ? ['--layers'] : []), ...label, '-t', imageTag(name), ctx], { log: (l) => log(`  ${l}`) });
  }
}

/** Fingerprint of the compiled code the simulator image carries (dist/), to rebuild it when stale. */
export function appStamp(): string {
  const dist = join(repoRoot(), 'dist');
  const h = createHash('sha256');
  // Only what the simulators load (other parts of dist/ change often and do not matter to them).
  const used = /^(src\/lab|sims|src\/core|src\/model)\//;
  for (const f of (readdirSync(dist, { recursive: true }) as string[]).filter((x) => x.endsWith('.js') && used.test(x)).sort()) h.update(`${f}:${readFileSync(join(dist, f)).length}:${createHash('sha1').update(readFileSync(join(dist, f))).digest('hex')}\n`);
  return h.digest('hex').slice(0, 16);
}

/** Fingerprint of what an image is built from (its Dockerfile, scripts, data; the node image also dist/). */
export function imageStamp(name: ImageName): string {
  const d = dockerDir();
  const h = createHash('sha256');
  const add = (f: string) => existsSync(f) && h.update(`${relative(d, f)}\0`).update(readFileSync(f));
  const addDir = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const f of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
      const p = join(dir, f);
      if (!statSync(p).isDirectory()) add(p);
    }
  };
  addDir(join(d, 'images', name));
  if (name === 'base') for (const f of ['lab-common.sh', 'pc-entry.sh']) add(join(d, 'rootfs', f));
  if (name === 'services') {
    add(join(d, 'rootfs', 'services-entry.sh'));
    addDir(join(d, 'snmprec'));
    addDir(join(repoRoot(), 'tests', 'fixtures', 'snmprec'));
  }
  if (name === 'node') {
    add(join(d, 'rootfs', 'vlan-switch.py'));
    h.update(appStamp());
  }
  // An image FROM the base is stale when the base is.
  if (name !== 'base') h.update(imageStamp('base'));
  return h.digest('hex').slice(0, 16);
}

/** True when the image was built from what is here now. */
export async function imageCurrent(e: Engine, name: ImageName): Promise<boolean> {
  try {
    const { stdout } = await execP(e.cli, ['image', 'inspect', '--format', '{{index .Config.Labels "proeflab.stamp"}}', imageTag(name)]);
    return stdout.trim() === imageStamp(name);
  } catch {
    return false;
  }
}

/** Docker honours the networks' subnets; podman-compose 1.0 does not, so create them first. */
export async function ensureNetworks(e: Engine, networks: Record<string, { internal?: boolean; subnet?: string }>): Promise<void> {
  if (e.name !== 'podman') return;
  for (const [n, spec] of Object.entries(networks)) {
    const name = `${PROJECT}_${n}`;
    if (await has('podman', ['network', 'exists', name])) continue;
    await run(['podman', 'network', 'create', '--label', `io.podman.compose.project=${PROJECT}`, ...(spec.internal ? ['--internal'] : []), ...(spec.subnet ? ['--subnet', spec.subnet] : []), name]);
  }
}

export function composeArgs(e: Engine, ...args: string[]): string[] {
  return [...e.compose, '-p', PROJECT, '-f', resolve(dockerDir(), 'compose.yaml'), ...args];
}
