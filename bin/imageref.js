#!/usr/bin/env node
'use strict';
const path = require('node:path');
const { existsSync } = require('node:fs');

const compiled = path.join(__dirname, '..', 'out', 'server', 'src', 'cli.js');
if (!existsSync(compiled)) {
  process.stderr.write('imageref: not built yet; run `npm ci` (or `npm run build`) in the imageref folder first\n');
  process.exit(2);
}
const { runCli } = require(compiled);
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
}).then((code) => {
  if (process.argv[2] !== 'lsp') process.exitCode = code;
});
