// The seams of proeflab. Drivers gather facts, checks turn facts into verdicts,
// the runner plans and schedules, reporters render the result contract.
import type { z } from 'zod';

/** Verdicts a criterion can get. `manual` = scored by the assessor (observation criterion). */
export type Verdict = 'pass' | 'fail' | 'error' | 'skipped' | 'manual';

/** One thing a check wants to know about one device: a named fact with parameters. */
export interface FactRequest {
  /** Role name of the device in the pod (`sw1`), or `harness` for probes made from proeflab itself. */
  device: string;
  /** Fact name, namespaced by platform: `cisco.show`, `net.tcp`, `local.exec`. */
  fact: string;
  /** Parameters, JSON-serialisable; part of the dedupe key. */
  params?: Record<string, unknown>;
}

/** What a driver returns for a fact. */
export interface Gathered {
  /** The command or request as sent to the device (`show vlan brief`, `GET https://…`). */
  command: string;
  /** Raw output exactly as received (before redaction; the runner redacts). */
  raw: string;
  /** Parsed value the checks see. Undefined when parsing failed (see parseError). */
  parsed?: unknown;
  /** Set when the raw output could not be parsed; the raw text is kept. */
  parseError?: string;
  /** Transport used (ssh, telnet, api, snmp, http, dns, exec, tcp, icmp). */
  transport?: string;
}

/** A stored observation: a fact as gathered, with who/what/when. Evidence is made of these. */
export interface Observation {
  /** Stable id within a run: hash of pod, device, fact and params plus attempt number. */
  id: string;
  pod: string;
  device: string;
  platform: string;
  fact: string;
  params: Record<string, unknown>;
  attempt: number;
  command: string;
  transport: string;
  raw: string;
  /** Number of secrets removed from `raw` (they are replaced by `<redacted>`). */
  redactions: number;
  parsed?: unknown;
  parseError?: string;
  /** Set when the fact could not be observed (unreachable, timeout, auth failure, refused command). */
  error?: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
}

/** What a check decides. `error` means: could not observe or could not decide. */
export interface Outcome {
  status: 'pass' | 'fail' | 'error';
  message: string;
  expected?: unknown;
  actual?: unknown;
}

/** Read access to observations for a check's evaluate(). */
export interface FactView {
  /** The observation for a request (throws if the check did not declare it in facts()). */
  get(req: FactRequest): Observation;
  /** The parsed value, or throws FactUnavailable when the observation has an error or no parsed value. */
  parsed<T = unknown>(req: FactRequest): T;
}

export class FactUnavailable extends Error {
  constructor(
    message: string,
    readonly observation?: Observation,
  ) {
    super(message);
    this.name = 'FactUnavailable';
  }
}

/** Context a check gets besides its params: which device it targets and that device's platform. */
export interface CheckTarget {
  device: string;
  platform: string;
}

/** A kind of check: one file in `checks/`. Pure: evaluate() only looks at facts. */
export interface CheckKind<P = any> {
  kind: string;
  /** One line, Dutch, for `proeflab exams show` and the exam author's guide. */
  description: string;
  params: z.ZodType<P>;
  /** Platforms this check can run against (`harness` for probes from proeflab itself). */
  platforms: readonly string[];
  /** Facts needed to decide, given the params. */
  facts(params: P, target: CheckTarget): FactRequest[];
  /** Decide from facts. Throwing FactUnavailable yields `error` with its message. */
  evaluate(params: P, facts: FactView, target: CheckTarget): Outcome;
}

/** Description of a fact a driver can gather. */
export interface FactSpec {
  description: string;
  /** Parameters of the fact (validated before gathering). */
  params?: z.ZodType<Record<string, unknown>>;
}

/** Connection settings of one device, after the credentials reference has been resolved. */
export interface DeviceConfig {
  role: string;
  platform: string;
  host?: string;
  port?: number;
  transport?: string;
  username?: string;
  password?: string;
  /** Enable secret (Cisco), sudo password (Linux), ... */
  secret?: string;
  privateKey?: string;
  /** Pinned SSH host key fingerprint (SHA256:...); when set a different key is refused. */
  hostKey?: string;
  /** Maximum concurrent sessions the device accepts (old switches: 1). */
  maxSessions?: number;
  /** Timeout per command/request in ms. */
  timeoutMs?: number;
  /** Platform-specific options (legacy SSH algorithms, API TLS, community, …). */
  options: Record<string, unknown>;
  /** Values that must never appear in evidence (passwords, communities, keys). */
  secrets: string[];
}

export interface DeviceIdentity {
  hostname?: string;
  model?: string;
  serial?: string;
  version?: string;
  hostKeyFingerprint?: string;
  [key: string]: unknown;
}

/** An open connection to one device. One per device per run; facts are gathered sequentially. */
export interface DriverSession {
  gather(fact: string, params: Record<string, unknown>, signal: AbortSignal): Promise<Gathered>;
  /** Device identity recorded with every run (hostname, model, serial, version, host key). */
  identity?(signal: AbortSignal): Promise<DeviceIdentity>;
  close(): Promise<void>;
}

/** Raised by drivers for a fact that cannot be observed; becomes `error` with this reason. */
export class ObservationError extends Error {
  constructor(
    message: string,
    readonly raw = '',
    readonly command = '',
  ) {
    super(message);
    this.name = 'ObservationError';
  }
}

/** A driver: one platform over one or more transports. One folder in `drivers/`. */
export interface Driver {
  platform: string;
  description: string;
  facts: Record<string, FactSpec>;
  /** Platforms/role kinds this driver serves (e.g. `cisco-ios-switch` and `cisco-ios-router`). */
  roleKinds?: readonly string[];
  /**
   * Facts gathered at once on one device when the lab does not say (`max_sessions`): network
   * devices take one command at a time (default 1); servers multiplex channels on one connection.
   */
  defaultMaxSessions?: number;
  /** Opening is lazy: connect() is called once, on the first fact the device is asked for. */
  connect(device: DeviceConfig, signal: AbortSignal): Promise<DriverSession>;
  /** Read-only allow-list: true when a raw command may run in check mode. */
  allowCommand?(command: string): boolean;
}

/** A parser turns raw device output into the value checks see. */
export interface Parser {
  platform: string;
  /** Canonical command, e.g. `show vlan brief`. */
  command: string;
  /** Matches the command as typed (abbreviations allowed), e.g. /^sh(o(w)?)?\s+vl(an)?\s+br/. */
  match: RegExp;
  parse(raw: string): unknown;
}

export type Mode = 'exam' | 'practice' | 'ci';
