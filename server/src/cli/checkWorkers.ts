/**
 * An offline `check` of many files spread over worker threads: the main thread hands out chunks of files (in the
 * order found), analyzes chunks itself while the workers start and work, and puts every outcome back in its
 * place, so that the report is the same, byte for byte, as one thread's. Registry (online) runs stay in one thread:
 * their lookups are asked together and answered once for all files.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ImagerefSettings } from '../service/settings';
import type { ExtractionContext } from '../service/types';
import type { FileOutcome } from './analyzeFile';
import type { SourceFile } from './files';

/**
 * Workers are used only when IMAGEREF_WORKERS asks for them. Measured on the 2-core bench machine (22,000 files,
 * bundled CLI, idle): one thread 4.3–4.6 s wall and 6.0–6.2 s CPU, main thread plus one worker 4.8–4.9 s wall and
 * 8.7–8.8 s CPU. Each worker loads the CLI (~60–100 ms with the code cache) and warms up its own JIT and heap, and
 * the outcomes cross back as JSON; no machine here had the cores to show a gain, so none is assumed.
 */
const IN_FLIGHT_PER_WORKER = 2;

/** A file for a worker: `settings` indexes the run's list of settings (the run's and each project configuration's). */
export type WorkerFile = SourceFile & { settings: number };
export interface CheckChunk { id: number; files: WorkerFile[] }
export type WorkerAnswer = { id: number; packed: PackedOutcomes } | { id: number; error: string };

/**
 * A chunk's outcomes as they cross to the main thread: the diagnostics as one JSON text (JSON.parse builds tens of
 * thousands of small objects faster than the structured clone does), the texts and contexts (Maps) as they are.
 */
interface PackedOutcomes {
  json: string;
  texts: Array<string | undefined>;
  contexts: Array<ExtractionContext | undefined>;
}

export function packOutcomes(id: number, outcomes: FileOutcome[]): WorkerAnswer {
  const texts = outcomes.map((o) => ('skipped' in o ? undefined : o.text));
  const contexts = outcomes.map((o) => ('skipped' in o ? undefined : o.context));
  const rest = outcomes.map((o) => ('skipped' in o ? o : { ...o, text: '', context: {} }));
  return { id, packed: { json: JSON.stringify(rest), texts, contexts } };
}

function unpackOutcomes(packed: PackedOutcomes): FileOutcome[] {
  const outcomes = JSON.parse(packed.json) as FileOutcome[];
  outcomes.forEach((o, i) => {
    if ('skipped' in o) return;
    o.text = packed.texts[i]!;
    o.context = packed.contexts[i]!;
  });
  return outcomes;
}
export interface CheckWorkerData { imagerefCheckWorker: true; settings: ImagerefSettings[]; references: boolean }

/** The worker's argv, so that the bundle's entry knows it runs a worker without loading node:worker_threads first. */
export const CHECK_WORKER_FLAG = '--imageref-check-worker';

let workerScript = path.join(__dirname, 'checkWorker.js');
/** The bundled CLI starts its workers through its own entry (dist-cli/imageref.js), with the code cache. */
export function useCheckWorkerScript(file: string): void {
  workerScript = file;
}

/**
 * How many worker threads for an offline check of `files` files: IMAGEREF_WORKERS=N (at most 16, never more than
 * files), `auto` one less than the cores (the main thread analyzes too); none when it is unset or 0.
 */
export function plannedWorkers(files: number, offline: boolean, env: NodeJS.ProcessEnv = process.env, cores = availableCores()): number {
  if (!offline || files === 0) return 0;
  const asked = env.IMAGEREF_WORKERS?.trim();
  if (asked === 'auto') return Math.min(Math.max(1, cores - 1), 16, files);
  if (asked !== undefined && /^\d+$/.test(asked)) return Math.min(Number(asked), 16, files);
  return 0;
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export interface WorkerRun {
  workers: number;
  settings: ImagerefSettings[];
  references: boolean;
  /** Analyze one file in this thread (the same analysis the workers run). */
  analyzeHere(file: WorkerFile): FileOutcome;
  /** The worker entry (tests); default the CLI's own. */
  script?: string;
}

/** Every file's outcome, in the order given; rejects with one clear message when a worker fails or stops. */
export function analyzeInWorkers(files: readonly WorkerFile[], run: WorkerRun): Promise<FileOutcome[]> {
  const size = Math.max(8, Math.min(128, Math.ceil(files.length / ((run.workers + 1) * 8))));
  const chunks: WorkerFile[][] = [];
  for (let at = 0; at < files.length; at += size) chunks.push(files.slice(at, at + size));
  const outcomes: FileOutcome[][] = new Array(chunks.length);
  const data: CheckWorkerData = { imagerefCheckWorker: true, settings: run.settings, references: run.references };
  // Loaded here, not at the top: a short run never pays for node:worker_threads (~3 ms).
  const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
  return new Promise<FileOutcome[]>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let finished = false;
    const pool: Array<{ worker: Worker; inFlight: Set<number> }> = [];
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      for (const { worker } of pool) {
        if (error) void worker.terminate();
        else worker.postMessage('close');
      }
      if (error) reject(error);
      else resolve(outcomes.flat());
    };
    const lost = (inFlight: Set<number>) => [...inFlight].reduce((n, id) => n + chunks[id].length, 0);
    const feed = (member: { worker: Worker; inFlight: Set<number> }) => {
      while (!finished && member.inFlight.size < IN_FLIGHT_PER_WORKER && next < chunks.length) {
        const id = next++;
        member.inFlight.add(id);
        member.worker.postMessage({ id, files: chunks[id] } satisfies CheckChunk);
      }
    };
    const completed = () => {
      if (++done === chunks.length) finish();
    };
    for (let i = 0; i < run.workers; i++) {
      const member = { worker: new WorkerThread(run.script ?? workerScript, { workerData: data, argv: [CHECK_WORKER_FLAG] }), inFlight: new Set<number>() };
      pool.push(member);
      member.worker.on('message', (answer: WorkerAnswer) => {
        member.inFlight.delete(answer.id);
        if ('error' in answer) return finish(new Error(answer.error));
        outcomes[answer.id] = unpackOutcomes(answer.packed);
        completed();
        feed(member);
      });
      member.worker.on('error', (error) => finish(new Error(`a check worker failed (${error.message}); ${lost(member.inFlight)} files were not checked`)));
      member.worker.on('exit', (code) => {
        if (!finished || member.inFlight.size) finish(new Error(`a check worker stopped (exit code ${code}); ${lost(member.inFlight)} files were not checked`));
      });
      feed(member);
    }
    // This thread takes the next chunk whenever it is free: first while the workers start, last the stragglers.
    const here = () => {
      if (finished || next >= chunks.length) return;
      const id = next++;
      try {
        outcomes[id] = chunks[id].map(run.analyzeHere);
      } catch (error) {
        return finish(error instanceof Error ? error : new Error(String(error)));
      }
      completed();
      setImmediate(here);
    };
    if (chunks.length === 0) finish();
    else setImmediate(here);
  });
}
