// Writes schemas/*.schema.json from the zod models (run: npm run schemas). A test keeps them in sync.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/core/exams.js';
import { allChecks } from '../checks/index.js';
import { jsonSchema, SCHEMAS, type SchemaName } from '../src/model/schemas.js';

for (const name of Object.keys(SCHEMAS) as SchemaName[]) {
  writeFileSync(join(REPO_ROOT, 'schemas', `${name}.schema.json`), JSON.stringify(jsonSchema(name, allChecks), null, 2) + '\n');
}
