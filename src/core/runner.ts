// The runner: plan the facts every criterion needs, dedupe them, gather them per device with a
// bounded pool (one session per device), decide criteria as soon as their facts are in, and
// stream results. Checks stay pure: they only ever see Observations.
import { hostname } from 'node:os';
import type { Exam, CheckExpr, Criterion } from '../model/exam.js';
import { text } from '../model/exam.js';
import type { Lab, Pod } from '../model/lab.js';
import { InputError, formatPath, type InputProblem, type LoadedYaml } from '../model/load.js';
import { RESULT_SCHEMA_VERSION, type CriterionPart, type CriterionResult, type PodResult, type RunResult } from '../model/result.js';
import { deviceConfig, Secrets } from './credentials.js';
import { redact, redactDeep } from './redact.js';
import type { Registry } from './registry.js';
import { score, pointsFor } from './scoring.js';
import type { CheckKind, DeviceConfig, DriverSession, FactRequest, FactView, Mode, Observation, Outcome } from './types.js';
import { FactUnavailable, ObservationError } from './types.js';
import { durationMs, errorMessage, Semaphore, shortHash, sleep, stableJson } from './util.js';
import { drawVariables, interpolateDeep, TemplateError, type VarValue } from './vars.js';
import { VERSION } from './version.js';
import { mapParams, toSnake } from './params.js';

export const HARNESS = 'harness';

/**
 * Devices worked on at once. A whole class (30–40 pods × 4–6 devices) fits, so the run takes as
 * long as the slowest device rather than ceil(devices / 16) × a device (bench/RESULTS.md); an open
 * device costs one socket and well under 1 MB, so the bound only matters for 1,000-device runs.
 */
export const DEFAULT_CONCURRENCY = 256;

export type RunEvent =
  | { type: 'plan'; pods: { pod: string; exam: string; criteria: number; devices: string[] }[]; factsRequested: number; factsPlanned: number }
  | { type: 'device'; pod: string; device: string; state: 'connecting' | 'connected' | 'error' | 'closed'; message?: string }
  | { type: 'fact-start'; pod: string; device: string; command: string }
  | { type: 'fact-done'; observation: Observation }
  | { type: 'criterion'; pod: string; exam: string; result: CriterionResult }
  | { type: 'pod-done'; result: PodResult };

export interface RunOptions {
  exams: LoadedYaml<Exam>[];
  lab: LoadedYaml<Lab>;
  registry: Registry;
  pods?: string[];
  mode?: Mode;
  lang?: 'nl' | 'en';
  concurrency?: number;
  examiner?: string;
  phase?: string;
  env?: NodeJS.ProcessEnv;
  onEvent?: (e: RunEvent) => void;
  signal?: AbortSignal;
  /** Fixed clock for reproducible tests. */
  now?: () => Date;
  /** Run id (default: generated); known up front so a store can record observations as they stream. */
  runId?: string;
  /**
   * Observations of an interrupted run with the same plan (resume after a crash): a fact already
   * observed without error is taken from here instead of being fetched again.
   */
  resumeFrom?: Observation[];
}

export function newRunId(): string {
  return shortHash(`${Date.now()}|${process.pid}|${Math.random()}`, 12);
}

/** A leaf check instantiated for one pod: params interpolated and validated. */
interface LeafPlan {
  label: string;
  kind: CheckKind;
  params: unknown;
  device: string;
  platform: string;
  facts: FactRequest[];
}
type ExprPlan = { leaf: LeafPlan } | { all: ExprPlan[] } | { any: ExprPlan[] } | { not: ExprPlan };

export interface CriterionPlan {
  criterion: Criterion;
  expr?: ExprPlan;
  facts: FactRequest[];
}

interface PodPlan {
  pod: Pod;
  exam: LoadedYaml<Exam>;
  variables: Record<string, VarValue>;
  criteria: CriterionPlan[];
  devices: Map<string, DeviceConfig>;
}

export const factKey = (pod: string, r: FactRequest) => `${pod}\0${r.device}\0${r.fact}\0${stableJson(r.params ?? {})}`;

/** Validate and instantiate everything before a single device is contacted. */
export function plan(opts: Pick<RunOptions, 'exams' | 'lab' | 'registry' | 'pods' | 'env'>): PodPlan[] {
  const { lab, registry } = opts;
  const problems: InputProblem[] = [];
  const pods = opts.pods?.length ? lab.value.pods.filter((p) => opts.pods!.includes(p.id)) : lab.value.pods;
  const unknownPods = (opts.pods ?? []).filter((id) => !lab.value.pods.some((p) => p.id === id));
  if (unknownPods.length)
    throw new InputError([{ file: lab.file, path: 'pods', message: `unknown pod(s) ${unknownPods.join(', ')} (known: ${lab.value.pods.map((p) => p.id).join(', ')})` }]);
  const secrets = new Secrets(lab.file, lab.value, opts.env);
  const plans: PodPlan[] = [];

  for (const exam of opts.exams) {
    // Roles the exam needs must exist in every selected pod, with a compatible platform.
    for (const pod of pods) {
      const podIndex = lab.value.pods.indexOf(pod);
      for (const [role, kind] of Object.entries(exam.value.roles)) {
        const dev = pod.devices[role];
        if (!dev) {
          problems.push({
            file: lab.file,
            ...lab.locate(['pods', podIndex, 'devices']),
            path: `pods[${podIndex}].devices`,
            message: `exam '${exam.value.id}' needs role '${role}' (${kind}), which pod '${pod.id}' does not have (it has: ${Object.keys(pod.devices).join(', ')})`,
          });
          continue;
        }
        const driver = registry.drivers.get(dev.platform);
        if (!driver) {
          problems.push({
            file: lab.file,
            ...lab.locate(['pods', podIndex, 'devices', role, 'platform']),
            path: `pods[${podIndex}].devices.${role}.platform`,
            message: `unknown platform '${dev.platform}' (known: ${[...registry.drivers.keys()].join(', ')})`,
          });
        } else if (kind !== dev.platform && !driver.roleKinds?.includes(kind)) {
          problems.push({
            file: lab.file,
            ...lab.locate(['pods', podIndex, 'devices', role, 'platform']),
            path: `pods[${podIndex}].devices.${role}.platform`,
            message: `role '${role}' must be a ${kind} for exam '${exam.value.id}', but platform '${dev.platform}' serves ${[dev.platform, ...(driver.roleKinds ?? [])].join(', ')}`,
          });
        }
      }
    }
  }
  if (problems.length) throw new InputError(problems);

  for (const exam of opts.exams) {
    for (const pod of pods) {
      const devices = new Map<string, DeviceConfig>();
      for (const [role, dev] of Object.entries(pod.devices)) {
        devices.set(role, deviceConfig(lab.file, lab.value, pod, role, dev, secrets));
      }
      devices.set(HARNESS, { role: HARNESS, platform: 'net', maxSessions: 16, timeoutMs: 15_000, options: {}, secrets: [] });
      const candidateId = pod.candidate?.id ?? pod.id;
      const scopeBase = {
        pod: { id: pod.id },
        candidate: pod.candidate ?? { id: pod.id },
        devices: Object.fromEntries(Object.entries(pod.devices).map(([r, d]) => [r, { host: d.host, port: d.port, platform: d.platform }])),
      };
      let variables: Record<string, VarValue>;
      try {
        variables = drawVariables(exam.value.variables, lab.value.seed ?? exam.value.id, candidateId, pod.variables, scopeBase);
      } catch (err) {
        throw new InputError([{ file: exam.file, ...exam.locate(['variables']), path: 'variables', message: errorMessage(err) }]);
      }
      const scope = { ...scopeBase, ...variables, vars: variables };
      const criteria = exam.value.criteria.map((raw, ci) => {
        // Titles and feedback are shown with the candidate's own values.
        let criterion: Criterion;
        try {
          criterion = { ...raw, title: interpolateDeep(raw.title, scope), feedback: interpolateDeep(raw.feedback, scope) };
        } catch (err) {
          throw new InputError([{ file: exam.file, ...exam.locate(['criteria', ci]), path: `criteria[${ci}]`, message: errorMessage(err) }]);
        }
        if (!criterion.check) return { criterion, facts: [] };
        const expr = planExpr(criterion.check, ['criteria', ci, 'check'], criterion.id);
        const facts: FactRequest[] = [];
        collectFacts(expr, facts);
        return { criterion, expr, facts };
      });
      plans.push({ pod, exam, variables, criteria, devices });

      function planExpr(e: CheckExpr, path: (string | number)[], label: string): ExprPlan {
        if ('all' in e) return { all: (e.all as CheckExpr[]).map((x, i) => planExpr(x, [...path, 'all', i], `${label}.${i + 1}`)) };
        if ('any' in e) return { any: (e.any as CheckExpr[]).map((x, i) => planExpr(x, [...path, 'any', i], `${label}.${i + 1}`)) };
        if ('not' in e) return { not: planExpr(e.not as CheckExpr, [...path, 'not'], `niet ${label}`) };
        const at = (sub: (string | number)[] = []) => ({ file: exam.file, ...exam.locate([...path, ...sub]), path: formatPath([...path, ...sub]) });
        const kind = registry.checks.get(e.kind as string);
        if (!kind) {
          throw new InputError([{ ...at(['kind']), message: `unknown check kind '${e.kind}' (known: ${[...registry.checks.keys()].sort().join(', ')})` }]);
        }
        const device = (e.device as string | undefined) ?? (kind.platforms.includes(HARNESS) ? HARNESS : undefined);
        if (!device) throw new InputError([{ ...at(), message: `check '${kind.kind}' needs a device (one of the exam's roles: ${Object.keys(exam.value.roles).join(', ')})` }]);
        if (device !== HARNESS && !(device in exam.value.roles))
          throw new InputError([{ ...at(['device']), message: `device '${device}' is not one of the exam's roles (${Object.keys(exam.value.roles).join(', ') || 'none declared'})` }]);
        const platform = device === HARNESS ? HARNESS : pod.devices[device].platform;
        if (!kind.platforms.includes(platform))
          throw new InputError([{ ...at(['device']), message: `check '${kind.kind}' cannot run on platform '${platform}' (it supports: ${kind.platforms.join(', ')})` }]);
        const { kind: _k, device: _d, ...rawParams } = e;
        let params: unknown;
        try {
          params = interpolateDeep(rawParams, scope);
        } catch (err) {
          if (err instanceof TemplateError) throw new InputError([{ ...at(), message: err.message }]);
          throw err;
        }
        const keys = mapParams(kind.params, params as Record<string, unknown>);
        if (keys.unknown.length)
          throw new InputError(
            keys.unknown.map((k) => ({ ...at([k]), message: `${kind.kind}: unknown parameter '${k}' (known: ${keys.known.join(', ')})` })),
          );
        const parsed = kind.params.safeParse(keys.params);
        if (!parsed.success) {
          throw new InputError(
            parsed.error.issues.map((i) => {
              const path = (i.path as (string | number)[]).map((k, n) => (n === 0 && typeof k === 'string' && !(k in (params as object)) ? toSnake(k) : k));
              return { ...at(path), message: `${kind.kind}: ${i.message}` };
            }),
          );
        }
        const target = { device, platform };
        const facts = kind.facts(parsed.data, target).map((f) => ({ ...f, device: f.device || device }));
        return { leaf: { label, kind, params: parsed.data, device, platform, facts } };
      }
    }
  }
  return plans;
}

function collectFacts(e: ExprPlan, out: FactRequest[]) {
  if ('leaf' in e) out.push(...e.leaf.facts);
  else if ('all' in e) e.all.forEach((x) => collectFacts(x, out));
  else if ('any' in e) e.any.forEach((x) => collectFacts(x, out));
  else collectFacts(e.not, out);
}

/** Evaluate a planned expression against observations. Pure. */
export function evaluateExpr(e: ExprPlan, obs: (r: FactRequest) => Observation | undefined): CriterionPart {
  if ('leaf' in e) {
    const { leaf } = e;
    const view: FactView = {
      get(r) {
        const o = obs({ ...r, device: r.device || leaf.device });
        if (!o) throw new FactUnavailable(`fact ${r.fact} was not gathered (check '${leaf.kind.kind}' did not declare it)`);
        return o;
      },
      parsed(r) {
        const o = this.get(r);
        if (o.error) throw new FactUnavailable(o.error, o);
        if (o.parseError) throw new FactUnavailable(`uitvoer niet te lezen (${o.parseError}); ruwe uitvoer bewaard`, o);
        return o.parsed as never;
      },
    };
    // A fact that could not be observed makes the check `error`, never `fail`.
    for (const r of leaf.facts) {
      const o = obs(r);
      if (o?.error) return { label: leaf.label, status: 'error', message: `${r.device}: ${o.error}` };
    }
    let out: Outcome;
    try {
      out = leaf.kind.evaluate(leaf.params, view, { device: leaf.device, platform: leaf.platform });
    } catch (err) {
      if (err instanceof FactUnavailable) out = { status: 'error', message: err.message };
      else out = { status: 'error', message: `check ${leaf.kind.kind} failed: ${errorMessage(err)}` };
    }
    return { label: leaf.label, status: out.status, message: out.message, expected: out.expected, actual: out.actual };
  }
  if ('not' in e) {
    const p = evaluateExpr(e.not, obs);
    const status = p.status === 'pass' ? 'fail' : p.status === 'fail' ? 'pass' : p.status;
    return { label: `niet (${p.label})`, status, message: status === 'pass' ? `terecht niet: ${p.message}` : p.message, parts: [p] };
  }
  const isAll = 'all' in e;
  const parts = (isAll ? e.all : e.any).map((x) => evaluateExpr(x, obs));
  const by = (s: string) => parts.filter((p) => p.status === s);
  let status: CriterionPart['status'];
  if (isAll) status = by('fail').length ? 'fail' : by('error').length ? 'error' : 'pass';
  else status = by('pass').length ? 'pass' : by('error').length ? 'error' : 'fail';
  const decisive = parts.filter((p) => p.status === status);
  const message = parts.length === 1 ? parts[0].message : decisive.map((p) => p.message).join('; ');
  return { label: isAll ? 'alle' : 'een van', status, message, parts };
}

function exprLeaves(e: ExprPlan): LeafPlan[] {
  if ('leaf' in e) return [e.leaf];
  if ('not' in e) return exprLeaves(e.not);
  return ('all' in e ? e.all : e.any).flatMap(exprLeaves);
}

/** One device of one pod: a lazily opened session and a queue of facts, gathered one at a time per slot. */
class DeviceWorker {
  private session: Promise<DriverSession> | undefined;
  private connectError: string | undefined;
  identity: Record<string, unknown> | undefined;
  private slots: Semaphore;
  constructor(
    readonly pod: string,
    readonly config: DeviceConfig,
    private readonly ctx: RunContext,
  ) {
    this.slots = new Semaphore(config.maxSessions ?? ctx.registry.drivers.get(config.platform)?.defaultMaxSessions ?? 1);
  }

  private open(): Promise<DriverSession> {
    if (!this.session) {
      const driver = this.ctx.registry.drivers.get(this.config.platform)!;
      this.ctx.emit({ type: 'device', pod: this.pod, device: this.config.role, state: 'connecting' });
      const signal = AbortSignal.any([this.ctx.signal, AbortSignal.timeout(this.config.timeoutMs ?? 30_000)]);
      this.session = driver.connect(this.config, signal).then(
        async (s) => {
          this.ctx.emit({ type: 'device', pod: this.pod, device: this.config.role, state: 'connected' });
          if (s.identity) {
            try {
              this.identity = { ...(await s.identity(AbortSignal.any([this.ctx.signal, AbortSignal.timeout(this.config.timeoutMs ?? 30_000)]))) };
            } catch (err) {
              this.identity = { error: errorMessage(err) };
            }
          }
          return s;
        },
        (err) => {
          this.connectError = describeConnectError(err, this.config);
          this.ctx.emit({ type: 'device', pod: this.pod, device: this.config.role, state: 'error', message: this.connectError });
          throw err;
        },
      );
    }
    return this.session;
  }

  get error() {
    return this.connectError;
  }

  async gather(req: FactRequest, attempt: number): Promise<Observation> {
    const release = await this.slots.acquire();
    const started = new Date();
    const params = req.params ?? {};
    const base = {
      id: shortHash(`${this.pod}|${req.device}|${req.fact}|${stableJson(params)}|${attempt}`),
      pod: this.pod,
      device: req.device,
      platform: this.config.platform,
      fact: req.fact,
      params,
      attempt,
    };
    const finish = (p: Partial<Observation> & { command: string; raw: string }): Observation => {
      const ended = new Date();
      const r = redact(p.raw, this.config.secrets);
      const parsed = p.parsed === undefined ? undefined : redactDeep(p.parsed, this.config.secrets);
      // Fact parameters can carry secrets too (an SNMP probe with keys): store them redacted.
      const params = redactDeep(base.params, this.config.secrets);
      return {
        ...base,
        params: params.value,
        transport: p.transport ?? this.config.transport ?? '',
        command: redact(p.command, this.config.secrets).text,
        raw: r.text,
        redactions: r.count + (parsed?.count ?? 0) + params.count,
        ...(parsed ? { parsed: parsed.value } : {}),
        ...(p.parseError ? { parseError: p.parseError } : {}),
        ...(p.error ? { error: redact(p.error, this.config.secrets).text } : {}),
        startedAt: started.toISOString(),
        endedAt: ended.toISOString(),
        durationMs: ended.getTime() - started.getTime(),
      };
    };
    try {
      const driver = this.ctx.registry.drivers.get(this.config.platform)!;
      const command = typeof params.command === 'string' ? params.command : '';
      if (command && driver.allowCommand && !driver.allowCommand(command))
        return finish({ command, raw: '', error: `opdracht geweigerd: '${command}' staat niet op de alleen-lezen lijst van ${this.config.platform}` });
      if (!driver.facts[req.fact])
        return finish({ command: req.fact, raw: '', error: `driver ${this.config.platform} cannot gather fact '${req.fact}' (it can: ${Object.keys(driver.facts).join(', ')})` });
      let session: DriverSession;
      try {
        session = await this.open();
      } catch {
        return finish({ command: command || req.fact, raw: '', error: this.connectError ?? 'connection failed' });
      }
      this.ctx.emit({ type: 'fact-start', pod: this.pod, device: req.device, command: command || req.fact });
      const timeoutMs = this.config.timeoutMs ?? 30_000;
      const signal = AbortSignal.any([this.ctx.signal, AbortSignal.timeout(timeoutMs)]);
      try {
        const g = await raceAbort(session.gather(req.fact, params, signal), signal, timeoutMs);
        return finish({ ...g, raw: g.raw ?? '' });
      } catch (err) {
        if (err instanceof TimeoutError) {
          // The session may be stuck mid-command: drop it, the next fact opens a fresh one.
          this.reset(session);
          return finish({ command: command || req.fact, raw: '', error: `geen antwoord binnen ${timeoutMs / 1000} s` });
        }
        const raw = err instanceof ObservationError ? err.raw : '';
        return finish({ command: (err as ObservationError).command || command || req.fact, raw, error: errorMessage(err) });
      }
    } finally {
      release();
    }
  }

  private reset(session: DriverSession) {
    this.session = undefined;
    session.close().catch(() => {});
  }

  async close() {
    const s = this.session;
    this.session = undefined;
    if (!s) return;
    try {
      await (await s).close();
    } catch {
      /* closing a failed session is not an error */
    }
    this.ctx.emit({ type: 'device', pod: this.pod, device: this.config.role, state: 'closed' });
  }
}

class TimeoutError extends Error {}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason?.name === 'TimeoutError' ? new TimeoutError(`timeout after ${ms} ms`) : signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describeConnectError(err: unknown, cfg: DeviceConfig): string {
  const e = err as NodeJS.ErrnoException & { level?: string };
  const where = cfg.host ? `${cfg.host}${cfg.port ? ':' + cfg.port : ''}` : cfg.role;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `geen bruikbare verbinding met ${where} binnen ${(cfg.timeoutMs ?? 30000) / 1000} s (geen antwoord, of geen prompt na aanmelden)`;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `verbinding geweigerd door ${where}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `naam ${cfg.host} niet gevonden (DNS)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} onbereikbaar`;
    case 'ECONNRESET':
      return `verbinding met ${where} verbroken`;
  }
  if (e?.level === 'client-authentication') return `aanmelden bij ${where} mislukt (gebruikersnaam of wachtwoord afgewezen)`;
  const message = errorMessage(err);
  // Drivers that already name the device keep their own wording.
  return cfg.host && message.includes(cfg.host) ? message : `${where}: ${message}`;
}

interface RunContext {
  registry: Registry;
  signal: AbortSignal;
  emit: (e: RunEvent) => void;
}

export async function run(opts: RunOptions): Promise<RunResult> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const mode = opts.mode ?? 'exam';
  const lang = opts.lang ?? 'nl';
  const emit = opts.onEvent ?? (() => {});
  const plans = plan(opts);
  const ctx: RunContext = { registry: opts.registry, signal: opts.signal ?? new AbortController().signal, emit };

  // Dedupe: one gather per (pod, device, fact, params), whatever the number of checks asking.
  const workers = new Map<string, DeviceWorker>();
  const byDevice = new Map<string, { pod: string; req: FactRequest }[]>();
  const planned = new Set<string>();
  let requested = 0;
  for (const p of plans) {
    for (const c of p.criteria)
      for (const f of c.facts) {
        requested++;
        const key = factKey(p.pod.id, f);
        if (planned.has(key)) continue;
        planned.add(key);
        const dkey = `${p.pod.id}\0${f.device}`;
        if (!workers.has(dkey)) workers.set(dkey, new DeviceWorker(p.pod.id, p.devices.get(f.device)!, ctx));
        if (!byDevice.has(dkey)) byDevice.set(dkey, []);
        byDevice.get(dkey)!.push({ pod: p.pod.id, req: f });
      }
  }
  emit({
    type: 'plan',
    pods: plans.map((p) => ({ pod: p.pod.id, exam: p.exam.value.id, criteria: p.criteria.length, devices: [...p.devices.keys()].filter((d) => d !== HARNESS) })),
    factsRequested: requested,
    factsPlanned: planned.size,
  });

  const observations = new Map<string, Observation>(); // latest attempt per fact key
  const allObservations: Observation[] = [];
  const waiters = new Map<string, Promise<Observation>>();
  let fetched = 0;
  // Observations kept from an interrupted run: same pod, device, fact, params and attempt.
  const resumed = new Map<string, Observation>(
    (opts.resumeFrom ?? []).filter((o) => !o.error).map((o) => [`${factKey(o.pod, o)}\0${o.attempt}`, o]),
  );
  const pool = new Semaphore(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY));

  // Criteria wait for their first observations; only the device queues below (inside the global
  // pool) fetch them, so `concurrency` really bounds how many devices are worked on at once.
  const firstAttempt = new Map<string, { promise: Promise<Observation>; resolve: (o: Observation) => void }>();
  const first = (pod: string, req: FactRequest): { promise: Promise<Observation>; resolve: (o: Observation) => void } => {
    const k = factKey(pod, req);
    let d = firstAttempt.get(k);
    if (!d) {
      let resolve!: (o: Observation) => void;
      const promise = new Promise<Observation>((r) => (resolve = r));
      d = { promise, resolve };
      firstAttempt.set(k, d);
    }
    return d;
  };

  const gather = (pod: string, req: FactRequest, attempt: number): Promise<Observation> => {
    const key = factKey(pod, req);
    const wkey = `${key}\0${attempt}`;
    let w = waiters.get(wkey);
    const prior = resumed.get(wkey);
    if (!w && prior) {
      observations.set(key, prior);
      allObservations.push(prior);
      w = Promise.resolve(prior);
      waiters.set(wkey, w);
    }
    if (!w) {
      const worker = workers.get(`${pod}\0${req.device}`)!;
      w = worker.gather(req, attempt).then((o) => {
        fetched++;
        observations.set(key, o);
        allObservations.push(o);
        emit({ type: 'fact-done', observation: o });
        return o;
      });
      waiters.set(wkey, w);
    }
    return w;
  };

  // Each device works through its queue inside one slot of the global pool; the device's own
  // session limit (maxSessions) decides how many of its facts are in flight at once.
  const deviceRuns = [...byDevice.entries()].map(([, list]) =>
    pool.run(() => Promise.all(list.map(({ pod, req }) => gather(pod, req, 1).then((o) => first(pod, req).resolve(o))))),
  );

  const podResults = await Promise.all(
    plans.map(async (p) => {
      const podStarted = now();
      const decided = new Map<string, Promise<CriterionResult>>();
      const lookup = (r: FactRequest) => observations.get(factKey(p.pod.id, r));
      const decide = (cp: CriterionPlan): Promise<CriterionResult> => {
        const existing = decided.get(cp.criterion.id);
        if (existing) return existing;
        const promise = (async (): Promise<CriterionResult> => {
          const c = cp.criterion;
          const base = baseResult(c, lang, mode);
          const deps = await Promise.all(c.depends_on.map((d) => decide(p.criteria.find((x) => x.criterion.id === d)!)));
          await Promise.all(cp.facts.map((f) => first(p.pod.id, f).promise));
          const early = undecidable(cp, base, deps);
          if (early || !cp.expr) return { ...(early ?? base), decidedAt: now().toISOString() };
          let attempt = 1;
          let part = evaluateExpr(cp.expr, lookup);
          if (c.retry) {
            const until = Date.now() + durationMs(c.retry.within);
            const every = durationMs(c.retry.every);
            while (part.status !== 'pass' && Date.now() + every <= until && !ctx.signal.aborted) {
              await sleep(every, ctx.signal).catch(() => {});
              attempt++;
              const fresh = await Promise.all(cp.facts.map((f) => gather(p.pod.id, f, attempt)));
              const byKey = new Map(fresh.map((o, i) => [factKey(p.pod.id, cp.facts[i]), o]));
              part = evaluateExpr(cp.expr, (r) => byKey.get(factKey(p.pod.id, r)));
            }
          }
          const obsIds = [...new Set(cp.facts.map((f) => observations.get(factKey(p.pod.id, f))?.id).filter((x): x is string => !!x))];
          return { ...fromPart(base, part, obsIds, attempt), decidedAt: now().toISOString() };
        })();
        decided.set(cp.criterion.id, promise);
        promise.then((result) => emit({ type: 'criterion', pod: p.pod.id, exam: p.exam.value.id, result }));
        return promise;
      };
      const criteria = await Promise.all(p.criteria.map(decide));
      const devices = [...p.devices.values()]
        .filter((d) => d.role !== HARNESS)
        .map((d) => {
          const w = workers.get(`${p.pod.id}\0${d.role}`);
          return {
            role: d.role,
            platform: d.platform,
            ...(d.host ? { address: `${d.host}${d.port ? ':' + d.port : ''}` } : {}),
            ...(w?.identity ? { identity: w.identity } : {}),
            ...(w?.error ? { error: w.error } : {}),
          };
        });
      const result: PodResult = {
        pod: p.pod.id,
        ...(p.pod.candidate ? { candidate: p.pod.candidate } : {}),
        exam: p.exam.value.id,
        variables: JSON.parse(JSON.stringify(p.variables)),
        devices,
        criteria,
        score: score(criteria, p.exam.value.scoring),
        startedAt: podStarted.toISOString(),
        endedAt: now().toISOString(),
      };
      emit({ type: 'pod-done', result });
      return result;
    }),
  );
  await Promise.all(deviceRuns);
  await Promise.all([...workers.values()].map((w) => w.close()));

  const all = podResults.flatMap((r) => r.criteria);
  const count = (s: string) => all.filter((c) => c.status === s).length;
  const summary = {
    pods: new Set(podResults.map((r) => r.pod)).size,
    criteria: all.length,
    pass: count('pass'),
    fail: count('fail'),
    error: count('error'),
    skipped: count('skipped'),
    manual: count('manual'),
    factsRequested: requested,
    factsFetched: fetched,
    exitCode: count('error') ? 3 : count('fail') || count('skipped') ? 1 : 0,
  };
  return {
    schema: 'proeflab/result',
    schemaVersion: RESULT_SCHEMA_VERSION,
    run: {
      id: opts.runId ?? newRunId(),
      mode,
      lang,
      proeflabVersion: VERSION,
      startedAt: started.toISOString(),
      endedAt: now().toISOString(),
      host: hostname(),
      ...(opts.examiner ? { examiner: opts.examiner } : {}),
      lab: opts.lab.value.name,
      ...(opts.phase ? { phase: opts.phase } : {}),
    },
    exams: opts.exams.map((e) => ({
      id: e.value.id,
      version: e.value.version,
      title: text(e.value.title, lang),
      dossier: e.value.dossier,
      werkprocessen: e.value.werkprocessen,
      sha256: e.sha256,
    })),
    results: podResults,
    observations: allObservations,
    summary,
  };
}

/**
 * The verdicts that need no evaluation: an observation criterion is for the assessor (`manual`), and
 * a criterion whose prerequisite did not pass is `skipped`. Shared with re-grading from evidence.
 */
export function undecidable(cp: Pick<CriterionPlan, 'criterion' | 'expr'>, base: CriterionResult, deps: CriterionResult[]): CriterionResult | undefined {
  if (cp.criterion.observe || !cp.expr) return { ...base, status: 'manual', message: 'wordt door de beoordelaar beoordeeld (observatie)', attempts: 0 };
  const failed = deps.filter((d) => d.status !== 'pass');
  if (failed.length)
    return { ...base, status: 'skipped', message: `overgeslagen: voorwaarde ${failed.map((d) => `'${d.id}'`).join(', ')} niet behaald`, observations: [], attempts: 0 };
  return undefined;
}

/** A criterion result from the evaluated expression. Shared with re-grading from evidence. */
export function fromPart(base: CriterionResult, part: CriterionPart, observations: string[], attempts: number): CriterionResult {
  const result: CriterionResult = {
    ...base,
    status: part.status,
    message: part.message,
    expected: part.expected,
    actual: part.actual,
    observations,
    attempts,
    ...(part.parts ? { parts: part.parts } : {}),
  };
  return { ...result, points: pointsFor(result) };
}

export function baseResult(c: Criterion, lang: 'nl' | 'en', mode: Mode): CriterionResult {
  const maxPoints = c.scale === '0-3' ? 3 * c.points : c.points;
  return {
    id: c.id,
    title: text(c.title, lang),
    status: 'manual',
    points: 0,
    maxPoints,
    scale: c.scale,
    cruciaal: c.cruciaal,
    observe: c.observe,
    message: '',
    observations: [],
    attempts: 0,
    ...(c.feedback.student ? { feedbackStudent: text(c.feedback.student, lang) } : {}),
    ...(c.feedback.examiner && mode !== 'practice' ? { feedbackExaminer: text(c.feedback.examiner, lang) } : {}),
  };
}

export { exprLeaves };
