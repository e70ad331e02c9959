/**
 * Repository scan: a generated tree of 20,000 files, 2,000 build files of every kind in the KINDS table (one of each
 * per module folder), the rest sources and docs, and node_modules / .git / target folders (with build-file names in
 * them) that must be skipped. `imageref check --offline .` (bundled CLI, whole process) against the floor, a bare
 * Node process walking the same tree and reading the same build files (floorWalk.ts); runs interleaved. The same at
 * a tenth of the size shows how time grows with the number of files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundles } from './bundles';
import { KINDS, log, scratchDir } from './common';
import { runProcess } from './proc';
import { median, round, series, type Series } from './stats';

export interface ScanCase {
  files: number;
  buildFiles: number;
  skippedFiles: number;
  imageref: { wall: Series; cpu: Series; maxRssKiB: number };
  floor: { wall: Series; cpu: Series };
  /** Median of the per-run ratios imageref / floor. */
  ratio: number;
  summary: string;
}

export interface ScanResult {
  cases: ScanCase[];
  /** Time of the largest tree / time of the smallest (imageref wall, medians), and the ratio of their file counts. */
  growth: { files: number; imageref: number; floor: number };
}

const FULL = 20_000;
const MODULES = 2_000;

/** Writes the tree for `scale` (1 = 20,000 files) under `root`; returns the counts. */
export function generateTree(root: string, scale: number): { files: number; buildFiles: number; skippedFiles: number } {
  const modules = Math.round(MODULES * scale);
  const buildFiles = modules * KINDS.length;
  // At least a fifth of the tree is not build files, however many kinds there are.
  const filler = Math.max(Math.round(FULL * scale) - buildFiles, Math.round(FULL * scale * 0.2));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  const moduleDir = (i: number) => path.join(root, `group-${(i % modules) % 40}`, `svc-${i % modules}`);
  let n = 0;
  for (let m = 0; m < modules; m++) {
    const dir = moduleDir(m);
    for (const info of KINDS) write(path.join(dir, info.fileName), info.small(n++));
  }
  const sources = Math.floor(filler / 6);
  const target = Math.floor(filler / 6);
  const git = Math.floor(filler / 3);
  const nodeModules = filler - sources - target - git;
  for (let i = 0; i < sources; i++) {
    write(path.join(moduleDir(i), 'src', `App${i}.java`), `package app;\nclass App${i} { /* FROM alpine */ }\n`);
  }
  for (let i = 0; i < target; i++) {
    const name = i % 2 ? `classes/App${i}.class` : KINDS[i % KINDS.length].fileName;
    write(path.join(moduleDir(i), 'target', `t${i}`, name), `FROM busybox:${i}\n`);
  }
  for (let i = 0; i < git; i++) write(path.join(root, '.git', 'objects', (i % 256).toString(16).padStart(2, '0'), `${i}`), `blob ${i}\n`);
  for (let i = 0; i < nodeModules; i++) {
    const name = i % 4 === 0 ? KINDS[i % KINDS.length].fileName : `index${i}.js`;
    write(path.join(root, 'node_modules', `pkg-${i % 500}`, `d${i}`, name), `module.exports = ${i};\n`);
  }
  // The Java sources are read too: imageref looks into every .java file for Testcontainers images.
  return { files: buildFiles + filler, buildFiles: buildFiles + sources, skippedFiles: target + git + nodeModules };
}

export async function benchScan(opts: { runs: number; quick: boolean }): Promise<ScanResult> {
  const { cli } = bundles();
  const floorScript = path.join(__dirname, 'floorWalk.js');
  const names = [...new Set(KINDS.map((k) => path.basename(k.fileName))), '*.java'];
  const cases: ScanCase[] = [];
  for (const scale of opts.quick ? [0.01, 0.1] : [0.1, 1]) {
    const root = scratchDir(`scan-${scale}`);
    const counts = generateTree(root, scale);
    const runs = Math.max(3, opts.runs);
    log(`scan: ${counts.files.toLocaleString('en')} files (${counts.buildFiles.toLocaleString('en')} build files), ×${runs} interleaved`);
    const ours: Array<{ wallMs: number; cpuMs: number; maxRssKiB: number }> = [];
    const floor: Array<{ wallMs: number; cpuMs: number }> = [];
    const ratios: number[] = [];
    let summary = '';
    for (let run = -1; run < runs; run++) {
      const a = await runProcess(process.execPath, [cli, 'check', '--offline', '.'], { cwd: root, captureStdout: run < 0 });
      if (a.exitCode !== 0 && a.exitCode !== 1) throw new Error(`imageref check failed (${a.exitCode}): ${a.stderr}`);
      const b = await runProcess(process.execPath, [floorScript, root, ...names], { captureStdout: true });
      if (b.exitCode !== 0 || !b.stdout.startsWith(`${counts.buildFiles} files`)) throw new Error(`floor walker: ${b.stdout} ${b.stderr}`);
      if (run < 0) {
        summary = a.stdout.trim().split('\n').pop() ?? '';
        if (!summary.includes(`of ${counts.buildFiles} files checked`)) throw new Error(`imageref check did not check every build file: ${summary}`);
        continue;
      }
      ours.push(a);
      floor.push(b);
      ratios.push(a.wallMs / b.wallMs);
    }
    cases.push({
      ...counts,
      imageref: { wall: series(ours.map((r) => r.wallMs)), cpu: series(ours.map((r) => r.cpuMs)), maxRssKiB: median(ours.map((r) => r.maxRssKiB)) },
      floor: { wall: series(floor.map((r) => r.wallMs)), cpu: series(floor.map((r) => r.cpuMs)) },
      ratio: round(median(ratios), 3),
      summary,
    });
  }
  const [small, large] = [cases[0], cases[cases.length - 1]];
  return {
    cases,
    growth: {
      files: round(large.files / small.files),
      imageref: round(large.imageref.wall.median / small.imageref.wall.median),
      floor: round(large.floor.wall.median / small.floor.wall.median),
    },
  };
}
