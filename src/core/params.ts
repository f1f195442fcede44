// Check parameters as exam authors write them. Exam files use snake_case throughout
// (`depends_on`, `allowed_vlans`); check code keeps TypeScript's camelCase. The mapping happens here,
// in one place. Unknown parameters are an error, not silently ignored: a typo in an exam must not
// turn a criterion into one that checks less than its author meant.
import { z } from 'zod';

/** The object shape behind wrappers (default, optional, pipe/transform, refine). */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  let s: z.ZodType | undefined = schema;
  for (let i = 0; i < 10 && s; i++) {
    if (s instanceof z.ZodObject) return s.shape as Record<string, z.ZodType>;
    const def: { innerType?: z.ZodType; in?: z.ZodType; schema?: z.ZodType } = (s as unknown as { _zod: { def: object } })._zod.def;
    s = def.innerType ?? def.in ?? def.schema;
  }
  return undefined;
}

export const toSnake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const toCamel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export interface ParamKeys {
  /** Params with keys renamed to what the check's schema declares. */
  params: Record<string, unknown>;
  /** Keys the schema does not know, as written. */
  unknown: string[];
  /** Keys that are written in camelCase where exam files use snake_case. */
  camel: { written: string; write: string }[];
  /** The keys an author may write (snake_case). */
  known: string[];
}

/** Map an exam's parameter keys onto the check's schema. */
export function mapParams(schema: z.ZodType, params: Record<string, unknown>): ParamKeys {
  const shape = objectShape(schema);
  if (!shape) return { params, unknown: [], camel: [], known: [] };
  const declared = Object.keys(shape);
  const out: Record<string, unknown> = {};
  const unknown: string[] = [];
  const camel: ParamKeys['camel'] = [];
  for (const [k, v] of Object.entries(params)) {
    if (declared.includes(k)) {
      if (/[A-Z]/.test(k)) camel.push({ written: k, write: toSnake(k) });
      out[k] = v;
    } else if (declared.includes(toCamel(k))) out[toCamel(k)] = v;
    else unknown.push(k);
  }
  return { params: out, unknown, camel, known: declared.map(toSnake) };
}
