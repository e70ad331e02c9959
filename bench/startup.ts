/**
 * Item 4 — server start to first diagnostics on a pom.xml (spawn → initialize → didOpen → first publishDiagnostics),
 * and resident memory of the server process after opening 1,000 documents.
 */
import { LspTestClient } from '../test/support/lspClient';
import { KINDS, log, openAndWait, scratchDir, startOfflineServer, uriOf, writeFile } from './common';
import { dockerfile, gradleGroovy, gradleKotlin, pom } from './generate';
import { memoryOf } from './proc';
import { series, type Series } from './stats';

export interface StartupResult {
  pomLines: number;
  /** spawn → initialize answered. */
  initialize: Series;
  /** spawn → first publishDiagnostics of the opened pom.xml. */
  firstDiagnostics: Series;
  memory: {
    documents: number;
    mix: string;
    totalLines: number;
    totalBytes: number;
    /** Wall time to open all of them and receive every document's diagnostics. */
    openAllMs: number;
    afterInitKiB: number;
    afterOpenKiB: number;
    /** VmHWM: the peak. */
    peakKiB: number;
  };
}

export async function benchStartup(opts: { runs: number; documents: number }): Promise<StartupResult> {
  const dir = scratchDir('startup');
  const text = pom(10);
  const file = writeFile(dir, 'app', 'pom.xml', text);
  const initialize: number[] = [];
  const first: number[] = [];
  const runs = Math.max(5, opts.runs);
  log(`startup: spawn → first diagnostics on a ${text.split('\n').length}-line pom.xml ×${runs}`);
  for (let run = -1; run < runs; run++) {
    const t0 = performance.now();
    const client = new LspTestClient();
    await client.initialize({ settings: { offline: true } }, {});
    const t1 = performance.now();
    await openAndWait(client, uriOf(file), 'xml', text);
    const t2 = performance.now();
    await client.stop();
    if (run < 0) continue; // the first spawn pays for cold file-system caches
    initialize.push(t1 - t0);
    first.push(t2 - t0);
  }

  // Memory: 1,000 documents, a quarter of each kind, typical sizes, distinct contents.
  log(`startup: RSS after opening ${opts.documents} documents`);
  const server = await startOfflineServer();
  let totalLines = 0;
  let totalBytes = 0;
  let openAllMs: number;
  let afterInitKiB: number;
  let afterOpenKiB: number;
  let peakKiB: number;
  try {
    const pid = server.process.pid!;
    await new Promise((resolve) => setTimeout(resolve, 200));
    afterInitKiB = memoryOf(pid).rssKiB;
    const generators = [
      (i: number) => dockerfile(20 + (i % 7)),
      (i: number) => pom(4 + (i % 5)),
      (i: number) => gradleGroovy(4 + (i % 5)),
      (i: number) => gradleKotlin(4 + (i % 5)),
    ];
    const t0 = performance.now();
    const waits: Array<Promise<unknown>> = [];
    for (let i = 0; i < opts.documents; i++) {
      const info = KINDS[i % 4];
      const body = `${generators[i % 4](i)}${info.kind === 'maven' ? `<!-- ${i} -->` : `\n# ${i}`.replace('#', info.kind === 'dockerfile' ? '#' : '//')}\n`;
      totalLines += body.split('\n').length;
      totalBytes += Buffer.byteLength(body);
      const uri = uriOf(writeFile(dir, `doc-${i}`, info.fileName, ''));
      waits.push(openAndWait(server, uri, info.languageId, body).then(() => server.forget(uri)));
    }
    await Promise.all(waits);
    openAllMs = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const memory = memoryOf(pid);
    afterOpenKiB = memory.rssKiB;
    peakKiB = memory.hwmKiB;
  } finally {
    await server.stop();
  }
  return {
    pomLines: text.split('\n').length,
    initialize: series(initialize),
    firstDiagnostics: series(first),
    memory: {
      documents: opts.documents, mix: 'Dockerfile / pom.xml / build.gradle / build.gradle.kts, a quarter each',
      totalLines, totalBytes, openAllMs: Math.round(openAllMs), afterInitKiB, afterOpenKiB, peakKiB,
    },
  };
}
