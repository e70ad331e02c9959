/**
 * A check worker (worker_threads): diagnoses chunks of build files offline for checkWorkers.ts and posts the
 * outcomes back in the order it was given them. Run by `runCheckWorker()` in the thread the pool started.
 */
import { FileBuildContextProvider } from '../host/buildContext';
import { ImagerefLanguageService } from '../service/languageService';
import type { ImagerefSettings } from '../service/settings';
import { analyzeOffline } from './analyzeFile';
import { packOutcomes, type CheckChunk, type CheckWorkerData, type WorkerAnswer } from './checkWorkers';

export function runCheckWorker(): void {
  const { parentPort: port, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  if (!port) throw new Error('runCheckWorker runs in a worker thread only');
  const { settings, references } = workerData as CheckWorkerData;
  const service = new ImagerefLanguageService({ preciseTags: false });
  // One for the worker's share of the run: the files many build files share are read once per thread.
  const provider = new FileBuildContextProvider();
  port.on('message', (chunk: CheckChunk | 'close') => {
    if (chunk === 'close') return port.close();
    let answer: WorkerAnswer;
    try {
      answer = packOutcomes(chunk.id, chunk.files.map((f) => analyzeOffline(f, settings[f.settings] as ImagerefSettings, service, provider, references)));
    } catch (error) {
      answer = { id: chunk.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  });
}

if (require.main === module) runCheckWorker();
