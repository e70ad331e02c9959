/**
 * `npm run bench`: imageref side by side with its peers. Prints a table and writes bench/results.json.
 *
 *   node out/bench/run.js [--only offline,incremental,registry,startup] [--runs N] [--quick]
 *
 * Every figure is a median of several runs (first run of each case discarded as warm-up); every ratio compares two
 * measurements taken in the same run, interleaved, so that both sides see the same machine state.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, log } from './common';
import { benchIncremental, type IncrementalResult } from './incremental';
import { benchOffline, type OfflineResult } from './offline';
import { benchRegistry, type RegistryResult } from './registry';
import { benchStartup, type StartupResult } from './startup';
import { mib, ms, ratio } from './stats';

interface Target {
  item: string;
  target: string;
  measured: string;
  holds: boolean;
}

interface Results {
  date: string;
  machine: { nproc: number; cpu: string; memoryGiB: number; node: string; platform: string; loadAverageAtStart: number[] };
  commit?: string;
  /** Source files that differ from the commit when the bench ran (git status --porcelain server/src). */
  uncommitted?: string[];
  runs: number;
  durationSeconds?: number;
  offline?: OfflineResult;
  incremental?: IncrementalResult;
  registry?: RegistryResult;
  startup?: StartupResult;
  targets: Target[];
  table?: string;
}

const SECTIONS = ['offline', 'incremental', 'registry', 'startup'] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      runs: { type: 'string', default: '5' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(REPO_ROOT, 'bench', 'results.json') },
    },
  });
  const only = new Set((values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim()));
  const runs = Math.max(1, Number(values.runs));
  const started = performance.now();
  const results: Results = { date: new Date().toISOString(), machine: machine(), commit: commit(), uncommitted: uncommitted(), runs, targets: [] };

  if (only.has('offline')) results.offline = await benchOffline({ runs, quick: values.quick });
  if (only.has('incremental')) results.incremental = await benchIncremental({ keystrokes: values.quick ? 20 : 100 });
  if (only.has('registry')) results.registry = await benchRegistry({ runs, skopeoSequentialRuns: values.quick ? 1 : 3 });
  if (only.has('startup')) results.startup = await benchStartup({ runs: Math.max(runs, 7), documents: values.quick ? 200 : 1_000 });

  results.durationSeconds = Math.round((performance.now() - started) / 1000);
  results.targets = targets(results);
  results.table = table(results);
  process.stdout.write(`${results.table}\n`);
  writeFileSync(values.out!, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), values.out!)} in ${results.durationSeconds} s`);
}

function machine(): Results['machine'] {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    nproc: os.availableParallelism(),
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function commit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function uncommitted(): string[] | undefined {
  try {
    const status = execFileSync('git', ['status', '--porcelain', '--', 'server/src', 'package.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    return status.split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
}

function targets(r: Results): Target[] {
  const out: Target[] = [];
  const docker = r.offline?.cases.filter((c) => c.kind === 'dockerfile') ?? [];
  const largest = docker.find((c) => c.size === 10_000);
  if (largest?.peer) {
    out.push({
      item: '1 offline', target: 'imageref ≤ 1/10 of dockerfile-utils at 10,000 FROM lines, whole process',
      measured: `${ratio(largest.peer.processRatio)} (CLI ${ms(largest.peer.cli.wall.median)} vs peer process ${ms(largest.peer.peerProcess.wall.median)}); in-process ${ratio(largest.peer.inProcessRatio)}`,
      holds: largest.peer.processRatio <= 0.1,
    });
  }
  for (const g of r.offline?.growth ?? []) {
    if (g.kind !== 'dockerfile' && g.to !== 1_000) continue;
    const worst = Math.max(g.service, g.lsp, g.cli ?? 0);
    out.push({
      item: '1 offline', target: `linear growth, ${g.kind}: ${g.to.toLocaleString('en')} case ≤ 12× the ${g.from.toLocaleString('en')} case (sizes ×${g.factor})`,
      measured: `service ${ratio(g.service)} (CPU ${ratio(g.serviceCpu)}), LSP ${ratio(g.lsp)}${g.cli !== undefined ? `, CLI process ${ratio(g.cli)}` : ''}`,
      holds: worst <= 12,
    });
  }
  for (const mode of r.incremental?.modes ?? []) {
    out.push({
      item: '2 editing', target: `p95 didChange → publishDiagnostics < 20 ms (${mode.sync} sync)`,
      measured: `p50 ${ms(mode.p50)}, p95 ${ms(mode.p95)}`, holds: mode.p95 < 20,
    });
  }
  const reg = r.registry;
  if (reg && reg.imageref.length) {
    const [cold, warmDisk, warmMemory] = reg.imageref;
    const handful = cold.requests.token + cold.requests.ping + cold.requests.challenge;
    out.push({
      item: '3 registry', target: 'cold: ≤ 100 manifest requests + a handful (≤ 5) of token/ping/challenge requests',
      measured: `${cold.requests.manifest} manifest (${cold.requests.manifestHead} HEAD + ${cold.requests.manifestGet} GET) + ${cold.requests.challenge} challenge + ${cold.requests.token} token + ${cold.requests.ping} ping`,
      holds: cold.requests.manifest <= 100 && handful <= 5 && cold.requests.other === 0,
    });
    out.push({
      item: '3 registry', target: 'warm: 0 requests (new client same disk cache; same client in memory; CLI warm)',
      measured: `${warmDisk.requests.total} / ${warmMemory.requests.total} / ${reg.cli[1]?.requests.total ?? 'n/a'}`,
      holds: warmDisk.requests.total === 0 && warmMemory.requests.total === 0 && (reg.cli[1]?.requests.total ?? 0) === 0,
    });
    if (reg.coldVsSkopeoSequential !== undefined && reg.skopeo) {
      out.push({
        item: '3 registry', target: 'cold wall time < 1/10 of skopeo\'s sequential loop',
        measured: `${ratio(reg.coldVsSkopeoSequential)} (${ms(cold.wall.median)} vs ${ms(reg.skopeo.sequential.wall.median)}); CLI process ${ratio(reg.cliColdVsSkopeoSequential ?? NaN)}`,
        holds: reg.coldVsSkopeoSequential < 0.1,
      });
    }
  }
  return out;
}

function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

function table(r: Results): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(`imageref benchmarks — ${r.date.slice(0, 10)}, ${m.nproc} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, load average at start ${m.loadAverageAtStart.join(' / ')}`);
  lines.push(`Commit ${r.commit ?? '?'}${r.uncommitted?.length ? ` with ${r.uncommitted.length} uncommitted change(s) in server/src` : ''}.`);
  lines.push(`Medians of ${r.runs} runs (15 for cases under 100 ms), first run discarded as warm-up. Ratios are imageref / peer from the same bench run:`,
    'in-process, median / median with each side in its own fresh worker process; whole process and skopeo, median of per-run ratios of interleaved runs.', '');

  if (r.offline) {
    lines.push('### 1. Offline analysis (time to diagnostics)', '');
    lines.push(row(['File', 'Size', 'Lines', 'Diagnostics', 'Service (in-process)', 'Service CPU', 'LSP didOpen → publish', 'dockerfile-utils in-process', 'ratio', 'imageref check (process)', 'dockerfile-utils (process)', 'ratio']));
    lines.push(row(Array(12).fill('---')));
    for (const c of r.offline.cases) {
      const p = c.peer;
      lines.push(row([
        c.fileName, `${c.size.toLocaleString('en')} ${c.unit}`, c.lines.toLocaleString('en'), c.diagnostics.toLocaleString('en'),
        ms(c.service.wall.median), ms(c.service.cpu.median), ms(c.lsp.wall.median),
        p ? ms(p.inProcess.wall.median) : '—', p ? ratio(p.inProcessRatio) : '—',
        p ? ms(p.cli.wall.median) : '—', p ? ms(p.peerProcess.wall.median) : '—', p ? ratio(p.processRatio) : '—',
      ]));
    }
    lines.push('', row(['Growth (largest / middle size)', 'Sizes', 'Service', 'Service CPU', 'LSP', 'CLI process']), row(Array(6).fill('---')));
    for (const g of r.offline.growth) {
      lines.push(row([g.kind, `${g.from.toLocaleString('en')} → ${g.to.toLocaleString('en')} (×${g.factor})`, ratio(g.service), ratio(g.serviceCpu), ratio(g.lsp), g.cli !== undefined ? ratio(g.cli) : '—']));
    }
    lines.push('');
  }

  if (r.incremental) {
    const inc = r.incremental;
    lines.push(`### 2. Incremental editing (${inc.lines.toLocaleString('en')}-line pom.xml, one character typed ${inc.modes[0]?.keystrokes ?? 0} times)`, '');
    lines.push(row(['Sync', 'p50', 'p95', 'max', 'Service validate of the whole text (in-process, median)']), row(Array(5).fill('---')));
    for (const mode of inc.modes) {
      lines.push(row([mode.sync, ms(mode.p50), ms(mode.p95), ms(mode.max), `${ms(inc.serviceValidate.wall.median)} (CPU ${ms(inc.serviceValidate.cpu.median)})`]));
    }
    lines.push('');
  }

  if (r.registry) {
    const reg = r.registry;
    lines.push(`### 3. Resolution of ${reg.tags} distinct tags, local docker-registry with token auth`, '');
    if (reg.skipped && !reg.imageref.length) lines.push(`skipped: ${reg.skipped}`, '');
    lines.push(row(['Run', 'Wall (median)', 'Requests', 'manifest (HEAD + GET)', 'challenge 401', 'token', '/v2/ ping']), row(Array(7).fill('---')));
    for (const s of [...reg.imageref, ...reg.cli]) {
      const q = s.requests;
      lines.push(row([s.name, ms(s.wall.median), q.total, `${q.manifest} (${q.manifestHead} + ${q.manifestGet})`, q.challenge, q.token, q.ping]));
    }
    if (reg.skopeo) {
      const per = reg.skopeo.requestsPerReference;
      const note = per ? `${per.total} per reference (from --debug)` : 'n/a';
      lines.push(row([`skopeo inspect --raw, one after another (${reg.skopeo.sequential.wall.runs.length} runs)`, ms(reg.skopeo.sequential.wall.median), note, '', '', '', '']));
      lines.push(row(['skopeo inspect --raw, 8 at a time', ms(reg.skopeo.parallel8.wall.median), note, '', '', '', '']));
      lines.push('', `imageref cold / skopeo sequential: ${ratio(reg.coldVsSkopeoSequential ?? NaN)}; imageref cold / skopeo ×8: ${ratio(reg.coldVsSkopeoParallel ?? NaN)}; imageref check process cold / skopeo sequential: ${ratio(reg.cliColdVsSkopeoSequential ?? NaN)}`);
    }
    lines.push('');
  }

  if (r.startup) {
    const s = r.startup;
    lines.push('### 4. Server start and memory', '');
    lines.push(row(['Measure', 'Value']), row(['---', '---']));
    lines.push(row([`spawn → initialize answered (median of ${s.initialize.runs.length})`, ms(s.initialize.median)]));
    lines.push(row([`spawn → initialize → didOpen → first publishDiagnostics, ${s.pomLines}-line pom.xml`, ms(s.firstDiagnostics.median)]));
    lines.push(row(['RSS after initialize', mib(s.memory.afterInitKiB)]));
    lines.push(row([`RSS after opening ${s.memory.documents.toLocaleString('en')} documents (${s.memory.totalLines.toLocaleString('en')} lines, ${(s.memory.totalBytes / 2 ** 20).toFixed(1)} MiB of text)`, mib(s.memory.afterOpenKiB)]));
    lines.push(row(['peak RSS (VmHWM)', mib(s.memory.peakKiB)]));
    lines.push(row([`open all ${s.memory.documents.toLocaleString('en')} and receive every publishDiagnostics`, ms(s.memory.openAllMs)]));
    lines.push('');
  }

  if (r.targets.length) {
    lines.push('### Targets', '', row(['Item', 'Target', 'Measured', 'Holds']), row(['---', '---', '---', '---']));
    for (const t of r.targets) lines.push(row([t.item, t.target, t.measured, t.holds ? 'yes' : '**no**']));
    lines.push('');
  }
  lines.push(`Total bench time: ${r.durationSeconds ?? '?'} s.`);
  return lines.join('\n');
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
