/**
 * CPU profile of one offline benchmark case, summarised: where the time of a missed target goes.
 *
 *   node out/bench/profile.js dockerfile 10000 [runs]     # also: maven 1000, gradle-groovy 1000, gradle-kotlin 1000,
 *   node out/bench/profile.js gradle-groovy-lines 5000    #   <kind>-lines N (a file of N lines, as editing has),
 *   node out/bench/profile.js peer 10000 [runs]           #   peer (dockerfile-utils)
 *
 * Writes bench/profiles/<case>.cpuprofile (open it in Chrome DevTools or VS Code) and prints the top frames by self
 * time, and the inclusive time of each package / source file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';
import { validate as peerValidate } from 'dockerfile-utils';
import { ImagerefLanguageService } from '../server/src/service/languageService';
import { normalizeSettings } from '../server/src/service/settings';
import { documentFor, KINDS, REPO_ROOT } from './common';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

function where(url: string): string {
  if (!url) return '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  return path.relative(REPO_ROOT, clean).startsWith('..') ? clean : path.relative(REPO_ROOT, clean);
}

export function summarize(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const selfByFrame = new Map<string, number>();
  const inclusiveByFile = new Map<string, number>();
  const inclusiveByFrame = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const frame = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    selfByFrame.set(frame(node), (selfByFrame.get(frame(node)) ?? 0) + us);
    // Inclusive: count each file / frame once per sample stack.
    const files = new Set<string>();
    const frames = new Set<string>();
    for (let n: ProfileNode | undefined = node; n; n = parent.has(n.id) ? byId.get(parent.get(n.id)!) : undefined) {
      files.add(where(n.callFrame.url));
      frames.add(frame(n));
    }
    for (const f of files) inclusiveByFile.set(f, (inclusiveByFile.get(f) ?? 0) + us);
    for (const f of frames) inclusiveByFrame.set(f, (inclusiveByFrame.get(f) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
  const list = (m: Map<string, number>, n: number, filter: (k: string) => boolean = () => true) =>
    [...m].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${pct(us)}  ${k}`);
  return [
    `total sampled ${(total / 1000).toFixed(0)} ms`,
    'self time, top frames:', ...list(selfByFrame, top),
    'inclusive time by source file:', ...list(inclusiveByFile, 20, (k) => k !== '(native)' && !k.startsWith('node:')),
    'inclusive time, top frames:', ...list(inclusiveByFrame, top, (k) => !/^\(root\)|^\(anonymous\)\s+(bench|out\/bench)/.test(k)),
  ].join('\n');
}

async function main(): Promise<void> {
  const [what = 'dockerfile', sizeText = '10000', runsText = '5'] = process.argv.slice(2);
  const size = Number(sizeText);
  const runs = Number(runsText);
  let work: () => void;
  if (what === 'peer') {
    const text = KINDS[0].generate(size);
    work = () => void peerValidate(text);
  } else {
    const lines = what.endsWith('-lines');
    const info = KINDS.find((k) => k.kind === what.replace(/-lines$/, ''));
    if (!info) throw new Error(`unknown case ${what}`);
    const text = lines ? info.ofLines(size) : info.generate(size);
    const settings = normalizeSettings({ offline: true });
    const service = new ImagerefLanguageService({});
    let version = 0;
    work = () => void service.validate(documentFor(`/tmp/bench/${info.fileName}`, info.languageId, text, ++version), settings);
  }
  work(); // warm-up, not profiled
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) work();
  const wall = (performance.now() - t0) / runs;
  const { profile } = await post<{ profile: Profile }>(session, 'Profiler.stop');
  session.disconnect();
  const dir = path.join(REPO_ROOT, 'bench', 'profiles');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${what}-${size}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  process.stdout.write(`${what} ${size}: ${wall.toFixed(1)} ms per run (${runs} runs profiled); ${path.relative(process.cwd(), file)}\n${summarize(profile)}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
