/**
 * The peer, whole process included: a fresh node process that loads dockerfile-utils, reads the file and validates
 * it, printing one line per diagnostic (as `imageref check` does) and the count.
 * Usage: node out/bench/peerDockerfileUtils.js <Dockerfile>
 */
import { readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';

const file = process.argv[2];
const text = readFileSync(file, 'utf8');
const diagnostics = validate(text);
const lines = diagnostics.map((d) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code ?? ''}: ${d.message}`);
lines.push(`${diagnostics.length} diagnostics`);
process.stdout.write(lines.join('\n') + '\n');
