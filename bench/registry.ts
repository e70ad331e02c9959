/**
 * Section skopeo — in-process resolution against a real local registry (Debian docker-registry) with token auth: 100 distinct tags,
 * cold and warm, with HTTP requests counted by a recording proxy; the peer `skopeo inspect --raw` per reference,
 * one after another and 8 at a time.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRegistryClient } from '../server/src/registry/client';
import type { Credential } from '../server/src/registry/credentials';
import { ImagerefLanguageService } from '../server/src/service/languageService';
import { normalizeSettings } from '../server/src/service/settings';
import { fixedCredentials } from '../test/support/fixedCredentials';
import { pushSingle } from '../test/support/push';
import { startRecordingProxy, type ProxiedRequest, type RecordingProxy } from '../test/support/recordingProxy';
import { startRegistry, type TestRegistry } from '../test/support/registryHarness';
import { CLI, documentFor, log, scratchDir, writeFile } from './common';
import { runProcess } from './proc';
import { median, round, series, type Series } from './stats';

const TAGS = 100;
const REPOSITORY = 'team/many';
const USER = 'alice';
const PASSWORD = 'wonderland';

export interface RequestCounts {
  total: number;
  /** Manifest requests that carried credentials (HEAD by tag, GET by digest or tag). */
  manifest: number;
  manifestHead: number;
  manifestGet: number;
  /** Manifest requests sent without credentials and answered with the 401 challenge (first contact). */
  challenge: number;
  token: number;
  /** GET /v2/ */
  ping: number;
  other: number;
}

export interface RegistryScenario {
  name: string;
  wall: Series;
  requests: RequestCounts;
}

export interface RegistryResult {
  tags: number;
  auth: 'token';
  /** Requests counted from the proxied run of each scenario; wall times from runs straight to the registry. */
  imageref: RegistryScenario[];
  /** The client's own request counter in the timed (unproxied) runs, per run. */
  clientRequestsInTimedRuns?: { cold: number[]; warmDisk: number[]; warmMemory: number[] };
  cli: RegistryScenario[];
  skopeo?: {
    version: string;
    sequential: { wall: Series };
    parallel8: { wall: Series };
    /** From one `skopeo --debug inspect --raw` run: HTTP requests skopeo makes for one reference. */
    requestsPerReference?: { total: number; lines: string[] };
  };
  /** imageref cold (in-process) / skopeo sequential loop, median of per-run ratios (interleaved). */
  coldVsSkopeoSequential?: number;
  coldVsSkopeoParallel?: number;
  cliColdVsSkopeoSequential?: number;
  skipped?: string;
}

export function classify(requests: readonly ProxiedRequest[], tokenRealm: string): RequestCounts {
  const counts: RequestCounts = { total: requests.length, manifest: 0, manifestHead: 0, manifestGet: 0, challenge: 0, token: 0, ping: 0, other: 0 };
  const realm = new URL(tokenRealm);
  for (const r of requests) {
    let url: URL;
    try {
      url = new URL(r.url);
    } catch {
      counts.other++;
      continue;
    }
    if (url.host === realm.host && url.pathname === realm.pathname) counts.token++;
    else if (url.pathname === '/v2/' || url.pathname === '/v2') counts.ping++;
    else if (url.pathname.includes('/manifests/')) {
      if (!r.headers.authorization) counts.challenge++;
      else {
        counts.manifest++;
        if (r.method === 'HEAD') counts.manifestHead++;
        else counts.manifestGet++;
      }
    } else counts.other++;
  }
  return counts;
}

function dockerfileFor(reg: TestRegistry): string {
  return Array.from({ length: TAGS }, (_, i) => `FROM ${reg.host}/${REPOSITORY}:t${i} AS s${i}\nRUN true\n`).join('');
}

function exec(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

export async function benchRegistry(opts: { runs: number; skopeoSequentialRuns: number }): Promise<RegistryResult> {
  const dir = scratchDir('registry');
  let reg: TestRegistry;
  try {
    reg = await startRegistry({ auth: 'token', users: { [USER]: PASSWORD } });
  } catch (error) {
    return { tags: TAGS, auth: 'token', imageref: [], cli: [], skipped: `no local registry: ${(error as Error).message}` };
  }
  const proxy: RecordingProxy = await startRecordingProxy();
  try {
    log(`registry: pushing ${TAGS} tags to ${reg.host}/${REPOSITORY} (token auth)`);
    const digests: string[] = [];
    for (let batch = 0; batch < TAGS; batch += 10) {
      const pushed = await Promise.all(Array.from({ length: 10 }, (_, i) => pushSingle(reg, REPOSITORY, `t${batch + i}`)));
      digests.push(...pushed.map((p) => p.digest));
    }
    const realm = reg.tokenServer!.realm;
    const settings = normalizeSettings({});
    const credential: Credential = { kind: 'basic', username: USER, password: PASSWORD };
    const dockerfilePath = writeFile(dir, 'project', 'Dockerfile', dockerfileFor(reg));
    const text = dockerfileFor(reg);

    /** One "check" of the 100-FROM Dockerfile through the service: validate, resolve the pending lookups, validate. */
    const check = async (client: ReturnType<typeof createRegistryClient>) => {
      const service = new ImagerefLanguageService({ registry: client });
      const document = documentFor(dockerfilePath, 'dockerfile', text);
      const before = client.stats().requests;
      proxy.reset();
      const t0 = performance.now();
      const first = service.validate(document, settings);
      await service.resolve(first.pending, settings);
      const final = service.validate(document, settings);
      const wallMs = performance.now() - t0;
      const failures = final.diagnostics.filter((d) => d.code !== 'unpinned');
      const unpinned = final.diagnostics.length - failures.length;
      if (first.pending.length !== TAGS || failures.length > 0 || unpinned !== TAGS) {
        throw new Error(`unexpected result: ${first.pending.length} lookups, ${unpinned} unpinned, other: ${failures.slice(0, 3).map((d) => `${d.code} ${d.message}`).join('; ')}`);
      }
      return { wallMs, requests: classify(proxy.requests, realm), clientRequests: client.stats().requests - before };
    };
    /**
     * Timed runs go straight to the registry: the recording proxy lives in this process and would share its event
     * loop with the client. One extra run of each scenario goes through the proxy to count and classify requests.
     */
    const newClient = (cacheDir: string, counted = false) =>
      createRegistryClient({ credentials: fixedCredentials(credential), cacheDir, ...(counted ? { proxy: proxy.url } : {}) });

    // skopeo, the peer.
    const skopeoVersion = spawnSync('skopeo', ['--version'], { encoding: 'utf8' });
    const haveSkopeo = skopeoVersion.status === 0;
    const skopeoArgs = (i: number) => ['inspect', '--raw', '--tls-verify=false', '--creds', `${USER}:${PASSWORD}`, `docker://${reg.host}/${REPOSITORY}:t${i}`];
    const skopeoOne = async (i: number) => {
      const r = await exec('skopeo', skopeoArgs(i));
      if (r.code !== 0) throw new Error(`skopeo failed for t${i}: ${r.stderr.trim().split('\n').pop()}`);
    };
    const indexes = Array.from({ length: TAGS }, (_, i) => i);
    const skopeoSequential = async () => {
      const t0 = performance.now();
      for (const i of indexes) await skopeoOne(i);
      return performance.now() - t0;
    };
    const skopeoParallel = async () => {
      const t0 = performance.now();
      await pool(indexes, 8, skopeoOne);
      return performance.now() - t0;
    };

    // Cold (fresh client, empty cache dir) interleaved with the skopeo loops, run by run.
    const runs = Math.max(3, opts.runs);
    log(`registry: imageref cold/warm ×${runs}, skopeo sequential ×${opts.skopeoSequentialRuns}, skopeo ×8 ×${runs}`);
    const cold: number[] = [];
    let coldRequests: RequestCounts | undefined;
    const warmDisk: number[] = [];
    let warmDiskRequests: RequestCounts | undefined;
    const warmMemory: number[] = [];
    let warmMemoryRequests: RequestCounts | undefined;
    const seq: number[] = [];
    const par: number[] = [];
    const seqRatio: number[] = [];
    const parRatio: number[] = [];
    const clientRequests = { cold: [] as number[], warmDisk: [] as number[], warmMemory: [] as number[] };
    for (let run = -2; run < runs; run++) {
      const counted = run === -2;
      const cacheDir = path.join(dir, `cache-${run + 2}`);
      const c1 = newClient(cacheDir, counted);
      const a = await check(c1);
      await c1.close();
      const c2 = newClient(cacheDir, counted);
      const b = await check(c2);
      const c = await check(c2);
      await c2.close();
      if (counted) {
        coldRequests = a.requests;
        warmDiskRequests = b.requests;
        warmMemoryRequests = c.requests;
      }
      if (run < 0) continue; // the counted run, then a warm-up run of this process (module loading, JIT)
      cold.push(a.wallMs);
      warmDisk.push(b.wallMs);
      warmMemory.push(c.wallMs);
      clientRequests.cold.push(a.clientRequests);
      clientRequests.warmDisk.push(b.clientRequests);
      clientRequests.warmMemory.push(c.clientRequests);
      if (haveSkopeo) {
        if (run < opts.skopeoSequentialRuns) {
          const s = await skopeoSequential();
          seq.push(s);
          seqRatio.push(a.wallMs / s);
        }
        const p = await skopeoParallel();
        par.push(p);
        parRatio.push(a.wallMs / p);
      }
    }

    // The command line, whole process: credentials from a docker config.json, requests through the recording proxy.
    const dockerConfig = path.join(dir, 'docker-config');
    mkdirSync(dockerConfig, { recursive: true });
    writeFileSync(path.join(dockerConfig, 'config.json'),
      JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }));
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: dockerConfig, HOME: dir };
    for (const k of ['NO_PROXY', 'no_proxy', 'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy']) delete env[k];
    const countedEnv: NodeJS.ProcessEnv = { ...env, HTTP_PROXY: proxy.url };
    const cliCheck = async (cacheDir: string, counted = false) => {
      proxy.reset();
      const r = await runProcess(process.execPath, [CLI, 'check', '--format', 'json', '--cache-dir', cacheDir, dockerfilePath],
        { env: counted ? countedEnv : env, captureStdout: true });
      let codes: string[] = [];
      try {
        codes = (JSON.parse(r.stdout) as Array<{ code: string }>).map((d) => d.code);
      } catch {
        // reported below
      }
      const unpinned = codes.filter((c) => c === 'unpinned').length;
      if (unpinned !== TAGS || codes.length !== TAGS) throw new Error(`imageref check: unexpected output (${codes.length} diagnostics, ${unpinned} unpinned): ${r.stdout.slice(0, 300)} ${r.stderr}`);
      return { wallMs: r.wallMs, requests: classify(proxy.requests, realm) };
    };
    const cliCold: number[] = [];
    const cliWarm: number[] = [];
    const cliSeqRatio: number[] = [];
    let cliColdRequests: RequestCounts | undefined;
    let cliWarmRequests: RequestCounts | undefined;
    for (let run = -1; run < runs; run++) {
      const counted = run < 0;
      const cacheDir = path.join(dir, `cli-cache-${run + 1}`);
      const a = await cliCheck(cacheDir, counted);
      const b = await cliCheck(cacheDir, counted);
      if (counted) {
        cliColdRequests = a.requests;
        cliWarmRequests = b.requests;
        continue;
      }
      cliCold.push(a.wallMs);
      cliWarm.push(b.wallMs);
      if (seq[run] !== undefined) cliSeqRatio.push(a.wallMs / seq[run]);
    }

    let requestsPerReference: { total: number; lines: string[] } | undefined;
    if (haveSkopeo) {
      const debug = await exec('skopeo', ['--debug', ...skopeoArgs(0)]);
      const lines = debug.stderr.split('\n').filter((l) => /msg="(GET|HEAD|POST|PUT) /.test(l)).map((l) => /msg="([^"]*)"/.exec(l)![1]);
      requestsPerReference = { total: lines.length, lines };
    }

    return {
      tags: TAGS,
      auth: 'token',
      imageref: [
        { name: 'cold (new client, empty disk cache)', wall: series(cold), requests: coldRequests! },
        { name: 'warm (new client, same disk cache)', wall: series(warmDisk), requests: warmDiskRequests! },
        { name: 'warm (same client, in memory)', wall: series(warmMemory), requests: warmMemoryRequests! },
      ],
      clientRequestsInTimedRuns: clientRequests,
      cli: [
        { name: 'imageref check, cold (process)', wall: series(cliCold), requests: cliColdRequests! },
        { name: 'imageref check, warm disk cache (process)', wall: series(cliWarm), requests: cliWarmRequests! },
      ],
      ...(haveSkopeo ? {
        skopeo: {
          version: skopeoVersion.stdout.trim(),
          sequential: { wall: series(seq) },
          parallel8: { wall: series(par) },
          requestsPerReference,
        },
        coldVsSkopeoSequential: round(median(seqRatio), 4),
        coldVsSkopeoParallel: round(median(parRatio), 4),
        cliColdVsSkopeoSequential: round(median(cliSeqRatio), 4),
      } : { skipped: 'skopeo not installed: peer not measured' }),
    };
  } finally {
    await proxy.stop();
    await reg.stop();
  }
}
