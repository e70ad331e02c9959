/**
 * In-process timing in a fresh process, so that neither side's heap, garbage or JIT state leaks into the other's:
 *   node out/bench/inprocWorker.js imageref|dockerfile-utils <file> <languageId> <runs>
 * One warm-up run, then `runs` timed runs; prints {"wall":[…],"cpu":[…],"diagnostics":n} (ms).
 * CPU is process.cpuUsage(): every thread of the process, V8's GC helper threads included.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { validate as peerValidate } from 'dockerfile-utils';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ImagerefLanguageService } from '../server/src/service/languageService';
import { normalizeSettings } from '../server/src/service/settings';
import { timeSync } from './stats';

const [tool, file, languageId, runsText] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const settings = normalizeSettings({ offline: true });
const uri = pathToFileURL(file).toString();
// One service, as in the CLI and the server (constructing it is a one-off ~5 ms: its LRU preallocates); a new
// document version per run, so that every run analyses the text again.
const service = new ImagerefLanguageService({});
let version = 0;
const work = tool === 'dockerfile-utils'
  ? () => peerValidate(text).length
  : () => service.validate(TextDocument.create(uri, languageId, ++version, text), settings).diagnostics.length;

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
