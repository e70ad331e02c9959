/**
 * In-process timing in a fresh process, so that neither side's heap, garbage or JIT state leaks into the other's:
 *   node out/bench/inproc-worker.js imageref|dockerfile-utils <file> <languageId> <runs>
 * One warm-up run, then `runs` timed runs; prints {"wall":[…],"cpu":[…],"diagnostics":n} (ms).
 * CPU is process.cpuUsage(): every thread of the process, V8's GC helper threads included.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { validate as peerValidate } from 'dockerfile-utils';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ImagerefLanguageService } from '../server/src/service/languageService';
import { normaliseSettings } from '../server/src/service/settings';
import { timeSync } from './stats';

const [tool, file, languageId, runsText] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const settings = normaliseSettings({ offline: true });
const uri = pathToFileURL(file).toString();
const work = tool === 'dockerfile-utils'
  ? () => peerValidate(text).length
  : () => new ImagerefLanguageService({}).validate(TextDocument.create(uri, languageId, 1, text), settings).diagnostics.length;

const wall: number[] = [];
const cpu: number[] = [];
let diagnostics = 0;
for (let run = -1; run < Number(runsText); run++) {
  const t = timeSync(work);
  diagnostics = t.value;
  if (run < 0) continue;
  wall.push(t.wallMs);
  cpu.push(t.cpuMs);
}
process.stdout.write(JSON.stringify({ wall, cpu, diagnostics }) + '\n');
