// Makes `npx proeflab` work inside this checkout: npm only looks in node_modules/.bin for local
// commands, and a package is not installed into its own node_modules.
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dir = join(root, 'node_modules', '.bin');
mkdirSync(dir, { recursive: true });
const link = join(dir, 'proeflab');
rmSync(link, { force: true });
symlinkSync(join('..', '..', 'bin', 'proeflab.js'), link);
chmodSync(join(root, 'bin', 'proeflab.js'), 0o755);
