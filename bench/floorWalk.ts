/**
 * The floor of the repository scan: a bare Node process that walks the tree (skipping node_modules, .git and
 * target) and reads every file with one of the given names (`*.java`: any name with that ending), doing nothing else.
 * Prints the count of files read. Usage: node out/bench/floorWalk.js <root> <file name>…
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const [root, ...names] = process.argv.slice(2);
const wanted = new Set(names.filter((n) => !n.startsWith('*')));
const endings = names.filter((n) => n.startsWith('*')).map((n) => n.slice(1));
const skipped = new Set(['node_modules', '.git', 'target']);
let files = 0;
let bytes = 0;

function walk(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name)) walk(path.join(dir, entry.name));
    } else if (wanted.has(entry.name) || endings.some((e) => entry.name.endsWith(e))) {
      bytes += readFileSync(path.join(dir, entry.name), 'utf8').length;
      files++;
    }
  }
}

walk(root);
process.stdout.write(`${files} files, ${bytes} characters\n`);
