// JSON Schemas exported from the zod models, for editors (yaml-language-server) and consumers of results.
// The exam schema is completed with every check kind's parameters, so an editor completes and
// checks `kind: cisco.vlan` with its own fields (in snake_case, as exam files write them).
import { z } from 'zod';
import type { CheckKind } from '../core/types.js';
import { toSnake } from '../core/params.js';
import { Dossier } from './catalog.js';
import { Exam } from './exam.js';
import { Lab } from './lab.js';
import { RunResultSchema } from './result.js';

export const SCHEMAS = { exam: Exam, lab: Lab, result: RunResultSchema, catalog: Dossier } as const;
export type SchemaName = keyof typeof SCHEMAS;

type Json = Record<string, unknown>;
const TEMPLATE = { type: 'string', pattern: '\\{\\{.+\\}\\}', description: 'per-candidate value, e.g. {{vlan_users}}' };

/** The JSON Schema of one check leaf: kind, device and the check's own parameters. */
function leafSchema(kind: CheckKind): Json {
  const p = z.toJSONSchema(kind.params, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  const props = (p.properties ?? {}) as Record<string, Json>;
  const properties: Record<string, Json> = {
    kind: { const: kind.kind, description: kind.description },
    device: { type: 'string', description: `lab role; platforms: ${kind.platforms.join(', ')}` },
  };
  for (const [k, v] of Object.entries(props)) properties[toSnake(k)] = { anyOf: [v, TEMPLATE], ...(v.description ? { description: v.description } : {}) };
  const required = ['kind', ...((p.required as string[] | undefined) ?? []).map(toSnake)];
  return { type: 'object', description: kind.description, properties, required, additionalProperties: false };
}

export function jsonSchema(name: SchemaName, checks: CheckKind[] = []): Json {
  const schema = z.toJSONSchema(SCHEMAS[name], { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  if (name === 'exam' && checks.length) {
    // The recursive check expression is the one $def whose last branch is the open `kind` object.
    for (const def of Object.values((schema.$defs ?? {}) as Record<string, Json>)) {
      const branches = def.anyOf as Json[] | undefined;
      const leaf = branches?.findIndex((b) => (b.properties as Json | undefined)?.kind !== undefined);
      if (branches && leaf !== undefined && leaf >= 0) branches.splice(leaf, 1, ...[...checks].sort((a, b) => a.kind.localeCompare(b.kind)).map(leafSchema));
    }
  }
  return { ...schema, $id: `https://proeflab.nl/schemas/${name}.schema.json`, title: `proeflab ${name}` };
}
