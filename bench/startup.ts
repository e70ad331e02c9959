/**
 * Start-up. The command line: the bundled CLI's `imageref check --offline examples`, whole process, against the floor
 * `node -e 0` (a Node process that does nothing), interleaved run by run. The server: the bundled server forked as
 * the extension forks it, spawn → initialize answered → didOpen of the examples' pom.xml → its first diagnostics.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundles } from './bundles';
import { CLI, log, REPO_ROOT, uriOf } from './common';
import { IpcServer } from './ipcServer';
import { runProcess } from './proc';
import { median, round, series, type Series } from './stats';

export interface StartupResult {
  cli: {
    /** `node <bundle> check --offline examples` */
    bundled: { wall: Series; cpu: Series; maxRssKiB: number };
    /** The same through bin/imageref.js (the compiled modules an npm install runs), for reference. */
    unbundled: { wall: Series };
    /** `node -e 0` */
    floor: { wall: Series; cpu: Series; maxRssKiB: number };
    /** Median of the per-run ratios bundled / floor. */
    ratio: number;
    diagnostics: number;
  };
  server: {
    file: string;
    initialize: Series;
    firstDiagnostics: Series;
  };
}

export async function benchStartup(opts: { runs: number }): Promise<StartupResult> {
  const { cli, server } = bundles();
  const runs = Math.max(15, opts.runs);
  log(`startup: bundled \`imageref check --offline examples\` vs \`node -e 0\`, ×${runs} interleaved`);
  const ours: Array<{ wallMs: number; cpuMs: number; maxRssKiB: number }> = [];
  const plain: number[] = [];
  const floor: Array<{ wallMs: number; cpuMs: number; maxRssKiB: number }> = [];
  const ratios: number[] = [];
  let diagnostics = 0;
  for (let run = -1; run < runs; run++) {
    const a = await runProcess(process.execPath, [cli, 'check', '--offline', 'examples'], { cwd: REPO_ROOT, captureStdout: true });
    if (a.exitCode !== 0 && a.exitCode !== 1) throw new Error(`imageref check failed (${a.exitCode}): ${a.stderr}`);
    const b = await runProcess(process.execPath, ['-e', '0']);
    const c = await runProcess(process.execPath, [CLI, 'check', '--offline', 'examples'], { cwd: REPO_ROOT });
    if (run < 0) continue; // cold file-system caches
    diagnostics = a.stdout.split('\n').filter((l) => /:\d+:\d+: /.test(l)).length;
    ours.push(a);
    floor.push(b);
    plain.push(c.wallMs);
    ratios.push(a.wallMs / b.wallMs);
  }

  const pomFile = path.join(REPO_ROOT, 'examples', 'jib-maven', 'pom.xml');
  const text = readFileSync(pomFile, 'utf8');
  const serverRuns = Math.max(7, opts.runs);
  log(`startup: bundled server, fork → first diagnostics of examples/jib-maven/pom.xml ×${serverRuns}`);
  const initialize: number[] = [];
  const first: number[] = [];
  for (let run = -1; run < serverRuns; run++) {
    const t0 = performance.now();
    const client = new IpcServer(server);
    await client.initialize();
    const t1 = performance.now();
    await client.openAndWait(uriOf(pomFile), 'xml', text);
    const t2 = performance.now();
    await client.stop();
    if (run < 0) continue;
    initialize.push(t1 - t0);
    first.push(t2 - t0);
  }
  return {
    cli: {
      bundled: { wall: series(ours.map((r) => r.wallMs)), cpu: series(ours.map((r) => r.cpuMs)), maxRssKiB: median(ours.map((r) => r.maxRssKiB)) },
      unbundled: { wall: series(plain) },
      floor: { wall: series(floor.map((r) => r.wallMs)), cpu: series(floor.map((r) => r.cpuMs)), maxRssKiB: median(floor.map((r) => r.maxRssKiB)) },
      ratio: round(median(ratios), 3),
      diagnostics,
    },
    server: { file: 'examples/jib-maven/pom.xml', initialize: series(initialize), firstDiagnostics: series(first) },
  };
}
