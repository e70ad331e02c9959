/**
 * Resident memory of the bundled language server (forked as the extension forks it, offline) after opening 1,000
 * documents: the kinds of the KINDS table in turn, each a typical small file with distinct contents.
 */
import { bundles } from './bundles';
import { KINDS, log, scratchDir, uriOf, writeFile } from './common';
import { IpcServer } from './ipcServer';
import { memoryOf } from './proc';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../shared/serverProcess';

export interface MemoryResult {
  documents: number;
  kinds: string[];
  totalLines: number;
  totalBytes: number;
  /** Wall time to open all of them and receive every document's diagnostics. */
  openAllMs: number;
  afterInitKiB: number;
  afterOpenKiB: number;
  /** VmHWM: the peak. */
  peakKiB: number;
  /** The node flags the server ran with (the extension's, shared/serverProcess.ts). */
  nodeFlags: string[];
  /** What the server's environment had added (the extension's, shared/serverProcess.ts). */
  environment: Record<string, string>;
  /** The same documents in a server started with node's default flags and environment (as `imageref lsp --stdio` runs). */
  withDefaultFlags?: { afterOpenKiB: number; peakKiB: number };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How a server run was started, for the log and the report: `--max-semi-space-size=2 NAME=value`. */
export function serverRunOf(nodeFlags: readonly string[], environment: Readonly<Record<string, string>> = {}): string {
  return [...nodeFlags, ...Object.entries(environment).map(([k, v]) => `${k}=${v}`)].join(' ') || 'default flags';
}

export async function benchMemory(opts: { documents: number }): Promise<MemoryResult> {
  const result = await openMany(opts.documents, SERVER_EXEC_ARGV, SERVER_ENV);
  const plain = await openMany(opts.documents, [], {});
  return { ...result, withDefaultFlags: { afterOpenKiB: plain.afterOpenKiB, peakKiB: plain.peakKiB } };
}

async function openMany(documents: number, nodeFlags: readonly string[], environment: Readonly<Record<string, string>>): Promise<MemoryResult> {
  const dir = scratchDir('memory');
  log(`memory: RSS of the bundled server (node ${serverRunOf(nodeFlags, environment)}) after opening ${documents} documents`);
  const server = new IpcServer(bundles().server, nodeFlags, environment);
  let totalLines = 0;
  let totalBytes = 0;
  try {
    await server.initialize();
    await settle(200);
    const afterInitKiB = memoryOf(server.pid).rssKiB;
    const t0 = performance.now();
    const waits: Array<Promise<unknown>> = [];
    for (let i = 0; i < documents; i++) {
      const info = KINDS[i % KINDS.length];
      const body = info.small(i);
      totalLines += body.split('\n').length;
      totalBytes += Buffer.byteLength(body);
      waits.push(server.openAndWait(uriOf(writeFile(dir, `doc-${i}`, info.fileName, '')), info.languageId, body));
    }
    await Promise.all(waits);
    const openAllMs = Math.round(performance.now() - t0);
    await settle(500);
    const memory = memoryOf(server.pid);
    return {
      documents, kinds: KINDS.map((k) => k.fileName), totalLines, totalBytes, openAllMs,
      afterInitKiB, afterOpenKiB: memory.rssKiB, peakKiB: memory.hwmKiB, nodeFlags: [...nodeFlags], environment: { ...environment },
    };
  } finally {
    await server.stop();
  }
}
