#!/usr/bin/env node
// Thin launcher: the CLI is compiled from TypeScript into dist/ by `npm install` (prepare).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`proeflab needs Node.js 22.12 or newer (this is ${process.version}). ` +
    'Run it through npm (npm run demo / npx proeflab), which uses the Node 22 from node_modules.\n');
  process.exit(2);
}
let cli;
try {
  cli = await import('../dist/src/cli/main.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli/main.js')) {
    process.stderr.write('proeflab is not built yet: run `npm install` (or `npm run build`) first.\n');
    process.exit(2);
  }
  throw err;
}
const code = await cli.main(process.argv);
// Exit once stdout is flushed (a large JSON report on a pipe must not be cut off).
process.stdout.write('', () => process.exit(code));
