// Loading YAML files with errors that name file, line, column and field path.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';

export interface InputProblem {
  file: string;
  line?: number;
  column?: number;
  /** Field path, e.g. criteria[2].check.kind */
  path: string;
  message: string;
}

/** Bad input: one or more problems, each with a location. Printed as a list, never as a stack trace. */
export class InputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

export function formatProblem(p: InputProblem): string {
  const loc = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${loc}: ${p.path ? p.path + ': ' : ''}${p.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s;
}

export interface LoadedYaml<T> {
  file: string;
  value: T;
  source: string;
  sha256: string;
  /** Locate a field path in the source (for problems found after schema validation). */
  locate(path: readonly PropertyKey[]): { line?: number; column?: number };
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Parse YAML text and validate it; every problem carries file, line, column and path. */
export function parseYaml<S extends z.ZodType>(file: string, source: string, schema: S): LoadedYaml<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locateOffset = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const locate = (path: readonly PropertyKey[]) => locateIn(doc, path, locateOffset);
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => ({ file, ...locateOffset(e.pos[0]), path: '', message: `YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Excessive alias expansion ("billion laughs") and similar: refuse, do not expand.
    throw new InputError([{ file, path: '', message: `YAML: ${(err as Error).message}` }]);
  }
  if (data === null || data === undefined) throw new InputError([{ file, path: '', message: 'the file is empty' }]);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => ({
        file,
        ...locate(issue.path),
        path: formatPath(issue.path),
        message: describeIssue(issue),
      })),
    );
  }
  return { file, value: parsed.data, source, sha256: sha256(source), locate };
}

export function loadYaml<S extends z.ZodType>(file: string, schema: S): LoadedYaml<z.infer<S>> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError([{ file, path: '', message: `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` }]);
  }
  return parseYaml(file, source, schema);
}

function locateIn(doc: Document, path: readonly PropertyKey[], at: (o: number) => { line: number; column: number }) {
  let node: unknown = doc.contents;
  let best: Node | undefined = node as Node;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) break;
      // Point at the value when it exists, else at the key.
      node = pair.value ?? pair.key;
      best = (pair.value ?? pair.key) as Node;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (!node) break;
      best = node as Node;
    } else break;
  }
  const range = best?.range;
  return range ? at(range[0]) : {};
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_type':
      return issue.message.includes('received undefined') ? `required field missing (expected ${issue.expected})` : issue.message;
    case 'invalid_union': {
      // Report the branch that got furthest, which is what the author most likely meant.
      const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
      const best = branches.sort((a, b) => a.length - b.length)[0];
      if (best && best.length > 0) return best.map((i) => `${formatPath(i.path) ? formatPath(i.path) + ': ' : ''}${describeIssue(i)}`).join('; ');
      return issue.message;
    }
    default:
      return issue.message;
  }
}
