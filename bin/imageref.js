#!/usr/bin/env node
'use strict';
const path = require('node:path');
const { existsSync } = require('node:fs');

const compiled = path.join(__dirname, '..', 'out', 'server', 'src', 'cli', 'main.js');
if (!existsSync(compiled)) {
  process.stderr.write('imageref: not built yet; run `npm ci` (or `npm run build`) in the imageref folder first\n');
  process.exit(2);
}
require(compiled).main();
