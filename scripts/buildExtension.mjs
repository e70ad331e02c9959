#!/usr/bin/env node
// Bundles the VS Code extension: client/src/extension.ts → dist/extension.js ('vscode' external) and
// server/src/server.ts → dist/server.js, each one CommonJS file for Node 20 with every dependency inlined,
// so the .vsix needs no node_modules.
//
//   node scripts/buildExtension.mjs              development build (source maps)
//   node scripts/buildExtension.mjs --production minified, no source maps (what `npm run package` uses)
//   node scripts/buildExtension.mjs --watch      rebuild on change
//   node scripts/buildExtension.mjs --out-dir DIR  write DIR/extension.js and DIR/server.js instead of dist/
import * as esbuild from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const outDirArg = process.argv.indexOf('--out-dir');
const outDir = outDirArg > 0 ? process.argv[outDirArg + 1] : join(root, 'dist');

const entries = [
  { name: 'client', entry: 'client/src/extension.ts', outfile: join(outDir, 'extension.js') },
  { name: 'server', entry: 'server/src/server.ts', outfile: join(outDir, 'server.js') },
];

for (const { entry } of entries) {
  if (!existsSync(join(root, entry))) {
    console.error(`buildExtension: ${entry} does not exist yet; cannot build the extension.`);
    process.exit(1);
  }
}

if (!watch) rmSync(outDir, { recursive: true, force: true });

/** @type {import('esbuild').Plugin} */
const report = {
  name: 'report',
  setup(build) {
    build.onEnd((result) => {
      const out = build.initialOptions.outfile;
      if (result.errors.length) console.error(`buildExtension: ${out}: ${result.errors.length} error(s)`);
      else console.log(`buildExtension: ${out}${production ? ' (production)' : ''}`);
    });
  },
};

const contexts = await Promise.all(
  entries.map(({ entry, outfile }) =>
    esbuild.context({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode'],
      minify: production,
      sourcemap: production ? false : 'linked',
      sourcesContent: false,
      logLevel: 'warning',
      legalComments: production ? 'none' : 'inline',
      plugins: [report],
    }),
  ),
);

if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  console.log('buildExtension: watching…');
} else {
  let failed = false;
  for (const ctx of contexts) {
    try {
      await ctx.rebuild();
    } catch {
      failed = true;
    }
    await ctx.dispose();
  }
  process.exit(failed ? 1 : 0);
}
