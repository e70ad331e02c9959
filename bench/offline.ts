/**
 * Item 1 — offline analysis of generated files of growing size: time to diagnostics in the service (in-process) and
 * through the LSP server (separate process); the peer dockerfile-utils `validate()` on the same Dockerfiles, in-process
 * and whole process included (the bundled CLI against a Node process that loads the peer, reads the file, validates
 * and prints).
 */
import * as path from 'node:path';
import { bundles } from './bundles';
import { closeDocument, KINDS, log, openAndWait, PEER_SCRIPT, scratchDir, startOfflineServer, uriOf, writeFile } from './common';
import { runProcess } from './proc';
import { median, round, series, type Series } from './stats';

export interface OfflineCase {
  kind: string;
  fileName: string;
  unit: string;
  size: number;
  lines: number;
  bytes: number;
  diagnostics: number;
  /** In-process: fresh service and document each run. */
  service: { wall: Series; cpu: Series };
  /** didOpen → publishDiagnostics through `imageref lsp --stdio`. */
  lsp: { wall: Series };
  /** Dockerfiles only. */
  peer?: {
    diagnostics: number;
    inProcess: { wall: Series; cpu: Series };
    /** Median imageref / median peer, each measured in its own fresh worker process. */
    inProcessRatio: number;
    inProcessCpuRatio: number;
    cli: { wall: Series; cpu: Series };
    peerProcess: { wall: Series; cpu: Series };
    /** Median of the per-run ratios imageref / peer (process runs interleaved). */
    processRatio: number;
    processCpuRatio: number;
  };
}

export interface OfflineResult {
  cases: OfflineCase[];
  /** Per kind: time of the largest case / time of the middle case (service in-process wall, CPU and LSP). */
  growth: Array<{ kind: string; from: number; to: number; factor: number; service: number; serviceCpu: number; lsp: number; cli?: number }>;
}

export async function benchOffline(opts: { runs: number; quick: boolean }): Promise<OfflineResult> {
  const dir = scratchDir('offline');
  const cases: OfflineCase[] = [];
  const server = await startOfflineServer();
  try {
    for (const info of KINDS) {
      for (const size of opts.quick ? info.sizes.slice(0, 2) : info.sizes) {
        const text = info.generate(size);
        const file = writeFile(dir, `${info.kind}-${size}`, info.fileName, text);
        // In-process, each side in a fresh worker process (no shared heap, garbage or JIT state); short cases get
        // more runs, their medians being otherwise at the mercy of one scheduler hiccup.
        const probe = await inProcess('imageref', file, info.languageId, 1);
        const runs = median(probe.wall) < 100 ? Math.max(15, opts.runs) : Math.max(3, opts.runs);
        log(`offline: ${info.fileName} with ${size} ${info.unit} (${text.split('\n').length} lines), ${runs} runs`);
        const ours = await inProcess('imageref', file, info.languageId, runs);
        const theirs = info.kind === 'dockerfile' ? await inProcess('dockerfile-utils', file, info.languageId, runs) : undefined;
        const diagnostics = ours.diagnostics;

        // Through the language server: one process for all cases, a new document (uri) per run.
        const lspWall: number[] = [];
        for (let run = -1; run < runs; run++) {
          const uri = uriOf(writeFile(dir, `${info.kind}-${size}-lsp-${run + 1}`, info.fileName, ''));
          const { ms } = await openAndWait(server, uri, info.languageId, text);
          await closeDocument(server, uri);
          server.forget(uri);
          if (run >= 0) lspWall.push(ms);
        }

        const result: OfflineCase = {
          kind: info.kind, fileName: info.fileName, unit: info.unit, size, lines: text.split('\n').length, bytes: Buffer.byteLength(text),
          diagnostics,
          service: { wall: series(ours.wall), cpu: series(ours.cpu) },
          lsp: { wall: series(lspWall) },
        };

        if (info.kind === 'dockerfile') {
          // Whole process included: `imageref check --offline <file>` vs a fresh node process running the peer.
          const cliWall: number[] = [];
          const cliCpu: number[] = [];
          const peerProcWall: number[] = [];
          const peerProcCpu: number[] = [];
          const procRatio: number[] = [];
          const procCpuRatio: number[] = [];
          for (let run = -1; run < runs; run++) {
            const ours = await runProcess(process.execPath, [bundles().cli, 'check', '--offline', file]);
            if (ours.exitCode !== 0 && ours.exitCode !== 1) throw new Error(`imageref check failed (${ours.exitCode}): ${ours.stderr}`);
            const theirs = await runProcess(process.execPath, [PEER_SCRIPT, file]);
            if (theirs.exitCode !== 0) throw new Error(`peer failed (${theirs.exitCode}): ${theirs.stderr}`);
            if (run < 0) continue;
            cliWall.push(ours.wallMs);
            cliCpu.push(ours.cpuMs);
            peerProcWall.push(theirs.wallMs);
            peerProcCpu.push(theirs.cpuMs);
            procRatio.push(ours.wallMs / theirs.wallMs);
            procCpuRatio.push(ours.cpuMs / theirs.cpuMs);
          }
          result.peer = {
            diagnostics: theirs!.diagnostics,
            inProcess: { wall: series(theirs!.wall), cpu: series(theirs!.cpu) },
            inProcessRatio: round(median(ours.wall) / median(theirs!.wall), 3),
            inProcessCpuRatio: round(median(ours.cpu) / median(theirs!.cpu), 3),
            cli: { wall: series(cliWall), cpu: series(cliCpu) },
            peerProcess: { wall: series(peerProcWall), cpu: series(peerProcCpu) },
            processRatio: round(median(procRatio), 3),
            processCpuRatio: round(median(procCpuRatio), 3),
          };
        }
        cases.push(result);
      }
    }
  } finally {
    await server.stop();
  }

  const growth: OfflineResult['growth'] = [];
  for (const info of KINDS) {
    const [from, to] = cases.filter((c) => c.kind === info.kind).slice(-2);
    if (!from || !to || from === to) continue;
    growth.push({
      kind: info.kind, from: from.size, to: to.size, factor: to.size / from.size,
      service: round(to.service.wall.median / from.service.wall.median),
      serviceCpu: round(to.service.cpu.median / from.service.cpu.median),
      lsp: round(to.lsp.wall.median / from.lsp.wall.median),
      ...(to.peer && from.peer ? { cli: round(to.peer.cli.wall.median / from.peer.cli.wall.median) } : {}),
    });
  }
  return { cases, growth };
}

const WORKER = path.join(__dirname, 'inprocWorker.js');

async function inProcess(tool: 'imageref' | 'dockerfile-utils', file: string, languageId: string, runs: number) {
  const r = await runProcess(process.execPath, [WORKER, tool, file, languageId, String(runs)], { captureStdout: true });
  if (r.exitCode !== 0) throw new Error(`${tool} worker failed (${r.exitCode}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { wall: number[]; cpu: number[]; diagnostics: number };
}
