/**
 * Editing: for every kind of the KINDS table, a 5,000-line file open in the bundled server (forked as the extension
 * forks it, offline); one character typed 100 times after an image reference, incremental sync; latency from
 * didChange to the publishDiagnostics of that version. Each keystroke is sent once the previous one's diagnostics
 * have arrived (plus a short pause), so every latency is that of one keystroke alone, not of a queue.
 */
import { bundles } from './bundles';
import { EDITED_IMAGE, KINDS, log, scratchDir, uriOf, writeFile } from './common';
import { IpcServer } from './ipcServer';
import { percentile, round } from './stats';

export interface EditingCase {
  kind: string;
  fileName: string;
  lines: number;
  keystrokes: number;
  diagnostics: number;
  p50: number;
  p95: number;
  max: number;
  latencies: number[];
}

export interface EditingResult {
  lines: number;
  cases: EditingCase[];
}

const PAUSE_MS = 5;
const LINES = 5_000;

export async function benchEditing(opts: { keystrokes: number; execArgv?: string[]; kinds?: string[] }): Promise<EditingResult> {
  const unknown = opts.kinds?.filter((kind) => !KINDS.some((info) => info.kind === kind)) ?? [];
  if (unknown.length) throw new Error(`unknown kind ${unknown.join(', ')}; kinds: ${KINDS.map((info) => info.kind).join(' ')}`);
  const chosen = opts.kinds?.length ? KINDS.filter((info) => opts.kinds!.includes(info.kind)) : KINDS;
  const dir = scratchDir('editing');
  const server = new IpcServer(bundles().server, opts.execArgv);
  const cases: EditingCase[] = [];
  try {
    await server.initialize();
    for (const info of chosen) {
      const original = info.ofLines(LINES);
      const at = original.indexOf(EDITED_IMAGE) + EDITED_IMAGE.length;
      if (at < EDITED_IMAGE.length) throw new Error(`generated ${info.fileName} has no ${EDITED_IMAGE} to type into`);
      const line = original.slice(0, at).split('\n').length - 1;
      const character = at - (original.lastIndexOf('\n', at - 1) + 1);
      const lines = original.split('\n').length;
      log(`editing: ${lines}-line ${info.fileName}, ${opts.keystrokes} keystrokes`);
      const uri = uriOf(writeFile(dir, info.kind, info.fileName, original));
      const opened = await server.openAndWait(uri, info.languageId, original);
      const latencies: number[] = [];
      let diagnostics = opened.diagnostics.length;
      for (let k = 0; k < opts.keystrokes; k++) {
        const version = k + 2;
        const position = { line, character: character + k };
        const published = server.published(uri, version, 60_000);
        const t0 = performance.now();
        await server.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
        });
        diagnostics = (await published).diagnostics.length;
        latencies.push(performance.now() - t0);
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
      await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      cases.push({
        kind: info.kind, fileName: info.fileName, lines, keystrokes: opts.keystrokes, diagnostics,
        p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(Math.max(...latencies)),
        latencies: latencies.map((l) => round(l)),
      });
    }
  } finally {
    await server.stop();
  }
  return { lines: LINES, cases };
}
