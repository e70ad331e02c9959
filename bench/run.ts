/**
 * `npm run bench`: every performance target of the project, each beside its floor or its peer from the same run.
 * Prints a table and writes bench/results.json.
 *
 *   npm run bench [-- SECTION…] [--runs N] [--quick] [--kinds gradle-groovy,gradle-kotlin (editing only)]
 *   node out/bench/run.js resolution startup        # sections: resolution offline startup scan editing memory skopeo
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
import { benchEditing } from './editing';
import { benchMemory } from './memory';
import { benchOffline } from './offline';
import { benchRegistry } from './registry';
import { benchResolution } from './resolution';
import { benchScan } from './scan';
import { benchStartup } from './startup';
import { tables, targets, type Results } from './report';

export const SECTIONS = ['resolution', 'offline', 'startup', 'scan', 'editing', 'memory', 'skopeo'] as const;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      only: { type: 'string' },
      /** editing: only these kinds (comma-separated, as in bench/common.ts KINDS), e.g. gradle-groovy,gradle-kotlin. */
      kinds: { type: 'string' },
      runs: { type: 'string', default: '5' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(REPO_ROOT, 'bench', 'results.json') },
    },
  });
  const chosen = [...positionals, ...(values.only ? values.only.split(',') : [])].map((s) => s.trim()).filter(Boolean);
  const unknown = chosen.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.join(' ')}`);
  const only = new Set(chosen.length ? chosen : SECTIONS);
  const runs = Math.max(1, Number(values.runs));
  const quick = values.quick ?? false;
  const started = performance.now();
  const results: Results = { date: new Date().toISOString(), machine: machine(), commit: commit(), uncommitted: uncommitted(), runs, targets: [] };

  if (only.has('resolution')) results.resolution = await benchResolution({ runs });
  if (only.has('offline')) results.offline = await benchOffline({ runs, quick });
  if (only.has('startup')) results.startup = await benchStartup({ runs });
  if (only.has('scan')) results.scan = await benchScan({ runs, quick });
  if (only.has('editing')) results.editing = await benchEditing({ keystrokes: quick ? 20 : 100, kinds: values.kinds?.split(',').map((k) => k.trim()) });
  if (only.has('memory')) results.memory = await benchMemory({ documents: quick ? 200 : 1_000 });
  if (only.has('skopeo')) results.registry = await benchRegistry({ runs, skopeoSequentialRuns: quick ? 1 : 3 });

  results.durationSeconds = Math.round((performance.now() - started) / 1000);
  results.targets = targets(results);
  results.table = tables(results);
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
    const status = execFileSync('git', ['status', '--porcelain', '--', 'server/src', 'package.json', 'scripts'], { cwd: REPO_ROOT, encoding: 'utf8' });
    return status.split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
