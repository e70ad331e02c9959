/** The bench's results: the targets of the performance issue, each measured beside its floor or peer, as tables. */
import type { EditingResult } from './editing';
import { serverRunOf, type MemoryResult } from './memory';
import type { OfflineResult } from './offline';
import type { RegistryResult } from './registry';
import type { ResolutionResult } from './resolution';
import type { ScanResult } from './scan';
import type { StartupResult } from './startup';
import { mib, ms, ratio } from './stats';

export interface Target {
  item: string;
  target: string;
  measured: string;
  holds: boolean;
}

export interface Results {
  date: string;
  machine: { nproc: number; cpu: string; memoryGiB: number; node: string; platform: string; loadAverageAtStart: number[] };
  commit?: string;
  /** Source files that differ from the commit when the bench ran (git status --porcelain server/src …). */
  uncommitted?: string[];
  runs: number;
  durationSeconds?: number;
  resolution?: ResolutionResult | { skipped: string };
  offline?: OfflineResult;
  startup?: StartupResult;
  scan?: ScanResult;
  editing?: EditingResult;
  memory?: MemoryResult;
  registry?: RegistryResult;
  targets: Target[];
  table?: string;
}

const MIB_80 = 80 * 1024;

export function targets(r: Results): Target[] {
  const out: Target[] = [];
  const res = r.resolution && 'cold' in r.resolution ? r.resolution : undefined;
  if (res) {
    out.push({
      item: 'resolution', target: `cold \`imageref check\` of ${res.tags} tags ≤ 1.5× the floor (bare HEADs, Basic auth, 8 at a time, keep-alive)`,
      measured: `${ratio(res.ratio)} (${ms(res.cold.wall.median)} vs ${ms(res.floor.wall.median)})`, holds: res.ratio <= 1.5,
    });
    out.push({
      item: 'resolution', target: 'warm: 0 requests',
      measured: `${res.warm.requests.total} requests (${ms(res.warm.wall.median)})`, holds: res.warm.requests.total === 0,
    });
  }
  const largest = r.offline?.cases.find((c) => c.kind === 'dockerfile' && c.size === 10_000);
  if (largest?.peer) {
    out.push({
      item: 'offline', target: 'Dockerfile of 10,000 FROM lines ≤ 0.10× dockerfile-utils, whole process',
      measured: `${ratio(largest.peer.processRatio)} (CLI ${ms(largest.peer.cli.wall.median)} vs peer ${ms(largest.peer.peerProcess.wall.median)}); in-process ${ratio(largest.peer.inProcessRatio)}`,
      holds: largest.peer.processRatio <= 0.1,
    });
  }
  for (const g of r.offline?.growth ?? []) {
    out.push({
      item: 'offline', target: `linear growth, ${g.kind}: ×${g.factor} size ≤ 12× time`,
      measured: `service ${ratio(g.service)} (CPU ${ratio(g.serviceCpu)}), LSP ${ratio(g.lsp)}${g.cli !== undefined ? `, CLI process ${ratio(g.cli)}` : ''}`,
      holds: Math.max(g.service, g.lsp, g.cli ?? 0) <= 12,
    });
  }
  if (r.startup) {
    const c = r.startup.cli;
    out.push({
      item: 'start-up', target: '`imageref check --offline examples` (bundled CLI) ≤ 1.5× `node -e 0`',
      measured: `${ratio(c.ratio)} (${ms(c.bundled.wall.median)} vs ${ms(c.floor.wall.median)})`, holds: c.ratio <= 1.5,
    });
  }
  if (r.scan) {
    const large = r.scan.cases[r.scan.cases.length - 1];
    out.push({
      item: 'scan', target: `\`imageref check --offline .\` on ${large.files.toLocaleString('en')} files ≤ 2× a bare walker reading the same build files`,
      measured: `${ratio(large.ratio)} (${ms(large.imageref.wall.median)} vs ${ms(large.floor.wall.median)})`, holds: large.ratio <= 2,
    });
    const g = r.scan.growth;
    out.push({
      item: 'scan', target: `linear: ×${g.files} files ≤ ${(g.files * 1.1).toFixed(0)}× time`,
      measured: `${ratio(g.imageref)} (floor ${ratio(g.floor)})`, holds: g.imageref <= g.files * 1.1,
    });
  }
  for (const c of r.editing?.cases ?? []) {
    out.push({
      item: 'editing', target: `${c.fileName} of ${c.lines.toLocaleString('en')} lines: p95 didChange → publishDiagnostics ≤ 10 ms`,
      measured: `p50 ${ms(c.p50)}, p95 ${ms(c.p95)}`, holds: c.p95 <= 10,
    });
  }
  if (r.memory) {
    out.push({
      item: 'memory', target: `server RSS after opening ${r.memory.documents.toLocaleString('en')} documents offline ≤ 80 MiB`,
      measured: `${mib(r.memory.afterOpenKiB)} (after initialize ${mib(r.memory.afterInitKiB)})`, holds: r.memory.afterOpenKiB <= MIB_80,
    });
  }
  return out;
}

function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

function header(...cells: string[]): string[] {
  return [row(cells), row(cells.map(() => '---'))];
}

export function tables(r: Results): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(`imageref benchmarks — ${r.date.slice(0, 10)}, ${m.nproc} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, load average at start ${m.loadAverageAtStart.join(' / ')}`);
  lines.push(`Commit ${r.commit ?? '?'}${r.uncommitted?.length ? ` with ${r.uncommitted.length} uncommitted change(s)` : ''}. Medians of ${r.runs} or more runs, first run discarded; ratios are medians of per-run ratios of interleaved runs.`, '');

  if (r.targets.length) {
    lines.push('#### Targets', '', ...header('Part', 'Target', 'Measured', 'Holds'));
    for (const t of r.targets) lines.push(row([t.item, t.target, t.measured, t.holds ? 'yes' : '**no**']));
    lines.push('');
  }

  if (r.resolution) {
    lines.push('#### Resolution: `imageref check` of 100 distinct tags, local docker-registry, Basic auth', '');
    if ('cold' in r.resolution) {
      const res = r.resolution;
      const q = (c: typeof res.cold.requests) => `${c.total} (${c.manifestHead} HEAD, ${c.manifestGet} GET, ${c.unauthorized} answered 401, ${c.other} other)`;
      lines.push(...header('Run', 'Wall (median)', 'CPU', 'Requests'));
      lines.push(row(['imageref check, cold (empty cache folder)', ms(res.cold.wall.median), ms(res.cold.cpu.median), q(res.cold.requests)]));
      lines.push(row(['imageref check, warm (same cache folder)', ms(res.warm.wall.median), '', q(res.warm.requests)]));
      lines.push(row(['floor: bare node, 100 HEADs with Basic, 8 at a time, keep-alive', ms(res.floor.wall.median), ms(res.floor.cpu.median), `${res.tags}`]));
    } else lines.push(`skipped: ${r.resolution.skipped}`);
    lines.push('');
  }

  if (r.offline) {
    lines.push('#### Offline analysis (time to diagnostics)', '');
    lines.push(...header('File', 'Size', 'Lines', 'Diagnostics', 'Service (in-process)', 'Service CPU', 'LSP didOpen → publish', 'dockerfile-utils in-process', 'ratio', 'imageref check (process)', 'dockerfile-utils (process)', 'ratio'));
    for (const c of r.offline.cases) {
      const p = c.peer;
      lines.push(row([
        c.fileName, `${c.size.toLocaleString('en')} ${c.unit}`, c.lines.toLocaleString('en'), c.diagnostics.toLocaleString('en'),
        ms(c.service.wall.median), ms(c.service.cpu.median), ms(c.lsp.wall.median),
        p ? ms(p.inProcess.wall.median) : '—', p ? ratio(p.inProcessRatio) : '—',
        p ? ms(p.cli.wall.median) : '—', p ? ms(p.peerProcess.wall.median) : '—', p ? ratio(p.processRatio) : '—',
      ]));
    }
    lines.push('', ...header('Growth (largest / middle size)', 'Sizes', 'Service', 'Service CPU', 'LSP', 'CLI process'));
    for (const g of r.offline.growth) {
      lines.push(row([g.kind, `${g.from.toLocaleString('en')} → ${g.to.toLocaleString('en')} (×${g.factor})`, ratio(g.service), ratio(g.serviceCpu), ratio(g.lsp), g.cli !== undefined ? ratio(g.cli) : '—']));
    }
    lines.push('');
  }

  if (r.startup) {
    const { cli, server } = r.startup;
    lines.push('#### Start-up', '');
    lines.push(...header('Process', 'Wall (median)', 'CPU', 'Peak RSS'));
    lines.push(row([`bundled CLI: \`imageref check --offline examples\` (${cli.diagnostics} diagnostics)`, ms(cli.bundled.wall.median), ms(cli.bundled.cpu.median), mib(cli.bundled.maxRssKiB)]));
    lines.push(row(['floor: `node -e 0`', ms(cli.floor.wall.median), ms(cli.floor.cpu.median), mib(cli.floor.maxRssKiB)]));
    lines.push(row(['unbundled `bin/imageref.js check --offline examples` (npm install)', ms(cli.unbundled.wall.median), '', '']));
    lines.push(row([`bundled server (dist/server.js, --node-ipc): fork → initialize answered`, ms(server.initialize.median), '', '']));
    lines.push(row([`bundled server: fork → initialize → didOpen ${server.file} → first publishDiagnostics`, ms(server.firstDiagnostics.median), '', '']));
    lines.push('');
  }

  if (r.scan) {
    lines.push('#### Repository scan: `imageref check --offline .` (bundled CLI) vs a bare walker reading the same build files', '');
    lines.push(...header('Files', 'Build files', 'Skipped (node_modules, .git, target)', 'imageref', 'CPU', 'Peak RSS', 'floor', 'ratio'));
    for (const c of r.scan.cases) {
      lines.push(row([c.files.toLocaleString('en'), c.buildFiles.toLocaleString('en'), c.skippedFiles.toLocaleString('en'),
        ms(c.imageref.wall.median), ms(c.imageref.cpu.median), mib(c.imageref.maxRssKiB), ms(c.floor.wall.median), ratio(c.ratio)]));
    }
    lines.push('', `×${r.scan.growth.files} files: imageref ${ratio(r.scan.growth.imageref)} the time, floor ${ratio(r.scan.growth.floor)}.`, '');
  }

  if (r.editing) {
    lines.push(`#### Editing: one character typed ${r.editing.cases[0]?.keystrokes ?? 0} times into a ${r.editing.lines.toLocaleString('en')}-line file, bundled server, incremental sync`, '');
    lines.push(...header('File', 'Lines', 'Diagnostics', 'p50', 'p95', 'max'));
    for (const c of r.editing.cases) lines.push(row([c.fileName, c.lines.toLocaleString('en'), c.diagnostics, ms(c.p50), ms(c.p95), ms(c.max)]));
    lines.push('');
  }

  if (r.memory) {
    const mem = r.memory;
    lines.push(`#### Memory of the bundled server, offline (node ${serverRunOf(mem.nodeFlags, mem.environment)}, as the extension starts it)`, '');
    lines.push(...header('Measure', 'Value'));
    lines.push(row(['RSS after initialize', mib(mem.afterInitKiB)]));
    lines.push(row([`RSS after opening ${mem.documents.toLocaleString('en')} documents (${mem.kinds.join(', ')} in turn; ${mem.totalLines.toLocaleString('en')} lines, ${(mem.totalBytes / 2 ** 20).toFixed(1)} MiB)`, mib(mem.afterOpenKiB)]));
    lines.push(row(['peak RSS (VmHWM)', mib(mem.peakKiB)]));
    if (mem.withDefaultFlags) lines.push(row([`the same with node's default flags and environment (\`imageref lsp --stdio\`), after opening / peak`, `${mib(mem.withDefaultFlags.afterOpenKiB)} / ${mib(mem.withDefaultFlags.peakKiB)}`]));
    lines.push(row([`open all ${mem.documents.toLocaleString('en')}, receive every publishDiagnostics`, ms(mem.openAllMs)]));
    lines.push('');
  }

  if (r.registry) {
    const reg = r.registry;
    lines.push(`#### In-process resolution of ${reg.tags} tags with token auth, and skopeo`, '');
    if (reg.skipped && !reg.imageref.length) lines.push(`skipped: ${reg.skipped}`, '');
    lines.push(...header('Run', 'Wall (median)', 'Requests', 'manifest (HEAD + GET)', 'challenge 401', 'token', '/v2/ ping'));
    for (const s of [...reg.imageref, ...reg.cli]) {
      const q = s.requests;
      lines.push(row([s.name, ms(s.wall.median), q.total, `${q.manifest} (${q.manifestHead} + ${q.manifestGet})`, q.challenge, q.token, q.ping]));
    }
    if (reg.skopeo) {
      const per = reg.skopeo.requestsPerReference;
      const note = per ? `${per.total} per reference (from --debug)` : 'n/a';
      lines.push(row([`skopeo inspect --raw, one after another (${reg.skopeo.sequential.wall.runs.length} runs)`, ms(reg.skopeo.sequential.wall.median), note, '', '', '', '']));
      lines.push(row(['skopeo inspect --raw, 8 at a time', ms(reg.skopeo.parallel8.wall.median), note, '', '', '', '']));
      lines.push('', `imageref cold / skopeo sequential: ${ratio(reg.coldVsSkopeoSequential ?? NaN)}; / skopeo ×8: ${ratio(reg.coldVsSkopeoParallel ?? NaN)}`);
    }
    lines.push('');
  }
  lines.push(`Total bench time: ${r.durationSeconds ?? '?'} s.`);
  return lines.join('\n');
}
