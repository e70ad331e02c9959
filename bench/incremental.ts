/**
 * Item 2 — incremental editing: a 5,000-line pom.xml, one character typed 100 times through the LSP; latency from
 * didChange to the publishDiagnostics of that version. Each keystroke is sent once the previous one's diagnostics
 * have arrived (plus a short pause), so every latency is that of one keystroke alone, not of a queue.
 */
import { ImagerefLanguageService } from '../server/src/service/languageService';
import { normalizeSettings } from '../server/src/service/settings';
import { documentFor, log, scratchDir, startOfflineServer, uriOf, writeFile } from './common';
import { pomOfLines } from './generate';
import { percentile, round, series, timeSync, type Series } from './stats';

export interface IncrementalMode {
  sync: 'incremental' | 'full';
  keystrokes: number;
  p50: number;
  p95: number;
  max: number;
  latencies: number[];
}

export interface IncrementalResult {
  lines: number;
  bytes: number;
  diagnostics: number;
  /** What one keystroke costs the service in-process (validate of the whole edited text), for reference. */
  serviceValidate: { wall: Series; cpu: Series };
  modes: IncrementalMode[];
}

const PAUSE_MS = 5;

export async function benchIncremental(opts: { keystrokes: number }): Promise<IncrementalResult> {
  const dir = scratchDir('incremental');
  const original = pomOfLines(5_000);
  const marker = '<image>eclipse-temurin:21-jre</image>';
  const at = original.indexOf(marker) + marker.length - '</image>'.length;
  if (at < marker.length) throw new Error('generated pom has no eclipse-temurin image to type into');
  const lineOf = (offset: number, text: string) => text.slice(0, offset).split('\n').length - 1;
  const line = lineOf(at, original);
  const character = at - (original.lastIndexOf('\n', at - 1) + 1);

  // In-process reference: the service validating the edited text from scratch, as it does per keystroke.
  const settings = normalizeSettings({ offline: true });
  const service = new ImagerefLanguageService({});
  const wall: number[] = [];
  const cpu: number[] = [];
  let diagnostics = 0;
  for (let i = -2; i < 10; i++) {
    const text = original.slice(0, at) + 'x'.repeat(i + 3) + original.slice(at);
    const t = timeSync(() => service.validate(documentFor(`${dir}/pom.xml`, 'xml', text, i + 3), settings));
    diagnostics = t.value.diagnostics.length;
    if (i >= 0) {
      wall.push(t.wallMs);
      cpu.push(t.cpuMs);
    }
  }

  const server = await startOfflineServer();
  const modes: IncrementalMode[] = [];
  try {
    for (const sync of ['incremental', 'full'] as const) {
      log(`incremental: ${original.split('\n').length}-line pom.xml, ${opts.keystrokes} keystrokes, ${sync} sync`);
      const uri = uriOf(writeFile(dir, sync, 'pom.xml', original));
      const opened = server.diagnostics(uri, (p) => p.version === 1, 120_000);
      await server.open(uri, original, 'xml', 1);
      await opened;
      let text = original;
      const latencies: number[] = [];
      for (let k = 0; k < opts.keystrokes; k++) {
        const version = k + 2;
        const offset = at + k;
        text = text.slice(0, offset) + 'x' + text.slice(offset);
        const change = sync === 'incremental'
          ? { range: { start: { line, character: character + k }, end: { line, character: character + k } }, text: 'x' }
          : { text };
        const published = server.diagnostics(uri, (p) => p.version === version, 60_000);
        const t0 = performance.now();
        await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        await published;
        latencies.push(performance.now() - t0);
        server.forget(uri);
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
      modes.push({
        sync, keystrokes: opts.keystrokes,
        p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(Math.max(...latencies)),
        latencies: latencies.map((l) => round(l)),
      });
    }
  } finally {
    await server.stop();
  }
  return {
    lines: original.split('\n').length, bytes: Buffer.byteLength(original), diagnostics,
    serviceValidate: { wall: series(wall), cpu: series(cpu) }, modes,
  };
}
