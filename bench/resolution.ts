/**
 * Resolution, whole process: `imageref check` (bundled CLI) of a Dockerfile with 100 distinct tags against a local
 * Debian docker-registry with Basic auth (htpasswd), credentials in a docker config.json, cold (empty cache folder)
 * and warm (same folder again). The floor: floorHeads.ts, a bare Node process sending the same 100 manifest HEADs
 * with Basic credentials, 8 at a time on keep-alive connections (imageref's own limit is 8 in flight). Timed runs
 * go straight to the registry, interleaved; one extra run of each goes through a recording proxy to count requests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_ACCEPT } from '../server/src/registry/mediaTypes';
import { pushSingle } from '../test/support/push';
import { startRecordingProxy, type ProxiedRequest } from '../test/support/recordingProxy';
import { startRegistry, type TestRegistry } from '../test/support/registryHarness';
import { bundles } from './bundles';
import { log, scratchDir, writeFile } from './common';
import { runProcess } from './proc';
import { median, round, series, type Series } from './stats';

const TAGS = 100;
const REPOSITORY = 'team/many';
const USER = 'alice';
const PASSWORD = 'wonderland';

export interface ResolutionCounts {
  total: number;
  manifestHead: number;
  manifestGet: number;
  /** Requests answered 401 (the first contact's challenge). */
  unauthorized: number;
  other: number;
}

export interface ResolutionResult {
  tags: number;
  auth: 'basic';
  cold: { wall: Series; cpu: Series; requests: ResolutionCounts };
  warm: { wall: Series; requests: ResolutionCounts };
  floor: { wall: Series; cpu: Series };
  /** Median of per-run ratios cold / floor. */
  ratio: number;
  skipped?: string;
}

function count(requests: readonly ProxiedRequest[]): ResolutionCounts {
  const c: ResolutionCounts = { total: requests.length, manifestHead: 0, manifestGet: 0, unauthorized: 0, other: 0 };
  for (const r of requests) {
    const manifest = r.url.includes('/manifests/');
    if (manifest && !r.headers.authorization) c.unauthorized++;
    else if (manifest && r.method === 'HEAD') c.manifestHead++;
    else if (manifest && r.method === 'GET') c.manifestGet++;
    else c.other++;
  }
  return c;
}

export async function benchResolution(opts: { runs: number }): Promise<ResolutionResult | { skipped: string }> {
  const dir = scratchDir('resolution');
  let reg: TestRegistry;
  try {
    reg = await startRegistry({ auth: 'htpasswd', users: { [USER]: PASSWORD } });
  } catch (error) {
    return { skipped: `no local registry: ${(error as Error).message}` };
  }
  const proxy = await startRecordingProxy();
  try {
    log(`resolution: pushing ${TAGS} tags to ${reg.host}/${REPOSITORY} (Basic auth)`);
    for (let batch = 0; batch < TAGS; batch += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => pushSingle(reg, REPOSITORY, `t${batch + i}`)));
    }
    const dockerfile = writeFile(dir, 'project', 'Dockerfile',
      Array.from({ length: TAGS }, (_, i) => `FROM ${reg.host}/${REPOSITORY}:t${i} AS s${i}\nRUN true\n`).join(''));
    const dockerConfig = path.join(dir, 'docker-config');
    mkdirSync(dockerConfig, { recursive: true });
    writeFileSync(path.join(dockerConfig, 'config.json'),
      JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }));
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: dockerConfig, HOME: dir };
    for (const k of ['NO_PROXY', 'no_proxy', 'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy']) delete env[k];
    const { cli } = bundles();
    const floorScript = path.join(__dirname, 'floorHeads.js');

    const check = async (cacheDir: string, counted: boolean) => {
      proxy.reset();
      const r = await runProcess(process.execPath, [cli, 'check', '--format', 'json', '--cache-dir', cacheDir, dockerfile],
        { env: counted ? { ...env, HTTP_PROXY: proxy.url } : env, captureStdout: true });
      let codes: string[] = [];
      try {
        codes = (JSON.parse(r.stdout) as Array<{ code: string }>).map((d) => d.code);
      } catch {
        // reported below
      }
      if (codes.length !== TAGS || codes.some((c) => c !== 'unpinned')) {
        throw new Error(`imageref check: unexpected output (${codes.length} diagnostics): ${r.stdout.slice(0, 300)} ${r.stderr}`);
      }
      return { ...r, requests: count(proxy.requests) };
    };
    const floor = async () => {
      const r = await runProcess(process.execPath, [floorScript, reg.url, REPOSITORY, String(TAGS), `${USER}:${PASSWORD}`, MANIFEST_ACCEPT], { captureStdout: true });
      if (r.exitCode !== 0 || !r.stdout.startsWith(`${TAGS} digests`)) throw new Error(`floor: ${r.stdout} ${r.stderr}`);
      return r;
    };

    const runs = Math.max(5, opts.runs);
    log(`resolution: imageref check cold / warm vs the HEAD floor, ×${runs} interleaved`);
    const counted = { cold: await check(path.join(dir, 'cache-counted'), true), warm: await check(path.join(dir, 'cache-counted'), true) };
    const cold: Array<{ wallMs: number; cpuMs: number }> = [];
    const warm: number[] = [];
    const bare: Array<{ wallMs: number; cpuMs: number }> = [];
    const ratios: number[] = [];
    for (let run = -1; run < runs; run++) {
      const cacheDir = path.join(dir, `cache-${run + 1}`);
      const a = await check(cacheDir, false);
      const b = await floor();
      const c = await check(cacheDir, false);
      if (run < 0) continue;
      cold.push(a);
      bare.push(b);
      warm.push(c.wallMs);
      ratios.push(a.wallMs / b.wallMs);
    }
    return {
      tags: TAGS, auth: 'basic',
      cold: { wall: series(cold.map((r) => r.wallMs)), cpu: series(cold.map((r) => r.cpuMs)), requests: counted.cold.requests },
      warm: { wall: series(warm), requests: counted.warm.requests },
      floor: { wall: series(bare.map((r) => r.wallMs)), cpu: series(bare.map((r) => r.cpuMs)) },
      ratio: round(median(ratios), 3),
    };
  } finally {
    await proxy.stop();
    await reg.stop();
  }
}
