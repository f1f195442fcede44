// JSON Schemas exported from the zod models, for editors (yaml-language-server) and consumers of results.
import { z } from 'zod';
import { Dossier } from './catalog.js';
import { Exam } from './exam.js';
import { Lab } from './lab.js';
import { RunResultSchema } from './result.js';

export const SCHEMAS = { exam: Exam, lab: Lab, result: RunResultSchema, catalog: Dossier } as const;
export type SchemaName = keyof typeof SCHEMAS;

export function jsonSchema(name: SchemaName): Record<string, unknown> {
  const schema = z.toJSONSchema(SCHEMAS[name], { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, $id: `https://proeflab.nl/schemas/${name}.schema.json`, title: `proeflab ${name}` };
}
