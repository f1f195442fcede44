// Unknown check parameters are an error, not silently ignored: a typo in an exam ("allowed" for
// "allowedVlans") must not turn a criterion into one that checks less than its author meant.
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

/** Keys in params that the check's schema does not know (empty when the schema is not an object). */
export function unknownParams(schema: z.ZodType, params: Record<string, unknown>): { unknown: string[]; known: string[] } {
  const shape = objectShape(schema);
  if (!shape) return { unknown: [], known: [] };
  const known = Object.keys(shape);
  return { unknown: Object.keys(params).filter((k) => !known.includes(k)), known };
}
