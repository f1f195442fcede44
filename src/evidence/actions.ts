// The append-only action log of a bundle (actions.jsonl). Every human action after the run —
// an assessor's scores, the agreement, signatures, overrides, re-grades, irregularity reports —
// is one line: signed with the actor's Ed25519 key and linked to the previous line by its
// SHA-256 (the first line links to sha256(manifest.json)). Lines are only ever appended.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIONS, MANIFEST, SIGNATURE } from './bundle.js';
import { canonical, fingerprint, sha256hex, signBytes, verifyBytes, type SigningKey } from './crypto.js';

export type ActionType = 'assess' | 'agree' | 'sign' | 'override' | 'regrade' | 'irregularity' | 'diploma';

export interface ActionEntry {
  seq: number;
  type: ActionType;
  at: string;
  actor: string;
  /** sha256 of the previous line (for seq 1: of manifest.json). */
  prev: string;
  data: Record<string, unknown>;
  motivation?: string;
  key: { fingerprint: string; publicKey: string };
  sig: string;
}

export interface ActionLog {
  entries: ActionEntry[];
  /** sha256 of the last line (or of the manifest when empty): quote it to pin the log's length. */
  head: string;
  problems: string[];
}

const lineOf = (e: ActionEntry) => canonical(e);
const unsigned = (e: ActionEntry) => {
  const { sig: _s, ...rest } = e;
  return canonical(rest);
};

/** Read and verify the log: JSON per line, seq order, hash links and each signature. */
export function readActions(dir: string): ActionLog {
  const problems: string[] = [];
  let manifestHash = '';
  try {
    manifestHash = sha256hex(readFileSync(join(dir, MANIFEST)));
  } catch {
    problems.push('actions: manifest.json ontbreekt, de actielog heeft geen anker');
  }
  const file = join(dir, ACTIONS);
  if (!existsSync(file)) return { entries: [], head: manifestHash, problems: [...problems, 'actions.jsonl ontbreekt'] };
  const text = readFileSync(file, 'utf8');
  const entries: ActionEntry[] = [];
  let prev = manifestHash;
  const lines = text.split('\n');
  if (text.length && !text.endsWith('\n')) problems.push('actions.jsonl: laatste regel is onvolledig (afgebroken schrijven of gewijzigd)');
  lines.forEach((line, i) => {
    if (!line) return;
    let e: ActionEntry;
    try {
      e = JSON.parse(line);
    } catch {
      problems.push(`actions.jsonl regel ${i + 1}: geen geldige JSON`);
      prev = sha256hex(line);
      return;
    }
    const n = i + 1;
    if (!e || typeof e !== 'object' || typeof e.key?.publicKey !== 'string' || typeof e.key?.fingerprint !== 'string' || typeof e.sig !== 'string' || !e.data || typeof e.data !== 'object') {
      problems.push(`actions.jsonl regel ${n}: geen geldige handeling (velden ontbreken of gewijzigd)`);
      prev = sha256hex(line);
      return;
    }
    if (lineOf(e) !== line) problems.push(`actions.jsonl regel ${n}: niet in canonieke vorm (gewijzigd)`);
    if (e.seq !== entries.length + 1) problems.push(`actions.jsonl regel ${n}: volgnummer ${e.seq}, verwacht ${entries.length + 1}`);
    if (e.prev !== prev) problems.push(`actions.jsonl regel ${n}: keten verbroken (prev klopt niet met de vorige regel)`);
    let keyOk = false;
    try {
      keyOk = fingerprint(e.key.publicKey) === e.key.fingerprint;
    } catch {
      keyOk = false;
    }
    if (!keyOk) problems.push(`actions.jsonl regel ${n}: sleutelvingerafdruk klopt niet`);
    else if (!verifyBytes(e.key.publicKey, unsigned(e), e.sig)) problems.push(`actions.jsonl regel ${n}: handtekening ongeldig`);
    entries.push(e);
    prev = sha256hex(line);
  });
  return { entries, head: prev, problems };
}

export class ActionRefused extends Error {
  override name = 'ActionRefused';
}

/** Append one signed action. Refuses on an unsealed bundle or a log that does not verify. */
export function appendAction(
  dir: string,
  a: { type: ActionType; actor: string; data: Record<string, unknown>; motivation?: string },
  key: SigningKey,
  now: () => Date = () => new Date(),
): ActionEntry {
  if (!existsSync(join(dir, MANIFEST)) || !existsSync(join(dir, SIGNATURE))) throw new ActionRefused(`${dir}: bundel is niet verzegeld (manifest of handtekening ontbreekt)`);
  if (!a.actor.trim()) throw new ActionRefused('naam van wie de handeling verricht is verplicht');
  const lock = join(dir, '.actions.lock');
  let locked = false;
  for (let i = 0; i < 200 && !locked; i++) {
    try {
      mkdirSync(lock);
      locked = true;
    } catch {
      const until = Date.now() + 25;
      while (Date.now() < until) {
        /* wait for the other writer */
      }
    }
  }
  if (!locked) throw new ActionRefused(`${dir}: actielog is vergrendeld (${lock})`);
  try {
    const log = readActions(dir);
    if (log.problems.length) throw new ActionRefused(`actielog klopt niet, er wordt niets toegevoegd:\n  ${log.problems.join('\n  ')}`);
    const entry: Omit<ActionEntry, 'sig'> = {
      seq: log.entries.length + 1,
      type: a.type,
      at: now().toISOString(),
      actor: a.actor.trim(),
      prev: log.head,
      data: JSON.parse(JSON.stringify(a.data)),
      ...(a.motivation !== undefined ? { motivation: a.motivation } : {}),
      key: { fingerprint: key.fingerprint, publicKey: key.publicPem },
    };
    const full: ActionEntry = { ...entry, sig: signBytes(key, canonical(entry)) };
    appendFileSync(join(dir, ACTIONS), lineOf(full) + '\n');
    return full;
  } finally {
    rmdirSync(lock);
  }
}

export const actionHash = (e: ActionEntry) => sha256hex(lineOf(e));
