import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileReader } from '../loader/discover.js';
import { getValidator } from '../schema/validate.js';
import type { WorkerInput, WorkerOutcome } from './load-worker.js';
import { readModelFile, type FileOutcome } from './read-model-file.js';

/**
 * Below this many bytes of YAML, starting a worker (~60 ms to load the parser and the
 * validator) costs more than it saves.
 */
const PARALLEL_THRESHOLD_BYTES = 2 * 1024 * 1024;
const MAX_WORKERS = 4;
const OWN_SHARE_WEIGHT = 1.3;

/** Receives each file's outcome, in file order, as soon as it is ready. */
export type OutcomeSink = (outcome: FileOutcome) => void;

export async function readFilesInProcess(files: readonly string[], reader: FileReader, maxFileBytes: number, sink: OutcomeSink): Promise<void> {
  const validator = await getValidator('model');
  for (const file of files) sink(readModelFile(file, reader.readFile(file), maxFileBytes, validator));
}

/**
 * Reads, parses and validates model files, sharing large workspaces between this thread
 * and load workers (one per spare core): parsing is most of a lint's cost, and it is
 * independent per file. Outcomes reach `sink` in file order whatever the split.
 * OMNI_LOAD_WORKERS=N forces N workers (0 disables them), for tests and benchmarks.
 */
export async function readModelFiles(root: string, files: readonly string[], reader: FileReader, maxFileBytes: number, sink: OutcomeSink): Promise<void> {
  const workerUrl = new URL('./load-worker.js', import.meta.url);
  const sizes = files.map((file) => statSync(path.join(root, file)).size);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const forced = process.env.OMNI_LOAD_WORKERS;
  const workers =
    forced !== undefined && /^\d+$/.test(forced)
      ? Number(forced)
      : total < PARALLEL_THRESHOLD_BYTES
        ? 0
        : Math.min(MAX_WORKERS, os.availableParallelism() - 1);
  // Running from sources (tests), there is no compiled worker to start.
  if (workers <= 0 || files.length < 2 || !existsSync(fileURLToPath(workerUrl))) return readFilesInProcess(files, reader, maxFileBytes, sink);

  // This thread starts at once while a worker first loads its modules and must send its
  // data back, so this thread takes a larger share and both finish together.
  const shares = splitBySize(files, sizes, [OWN_SHARE_WEIGHT, ...Array<number>(workers).fill(1)]);
  const [own = [], ...others] = shares;
  const pending = others.map((share) => runWorker(workerUrl, { root, files: share, maxFileBytes }));
  await readFilesInProcess(own, reader, maxFileBytes, sink);
  // Worker shares follow this thread's share in file order; each file's JSON is parsed
  // only when it is handed on, so its objects die young once the model has copied them.
  for (const outcomes of pending) {
    for (const { json, ...outcome } of await outcomes) sink(json === undefined ? outcome : { ...outcome, data: JSON.parse(json) as unknown });
  }
}

/** Contiguous shares of bytes in proportion to `weights`, so that outcomes concatenate in file order. */
function splitBySize(files: readonly string[], sizes: readonly number[], weights: readonly number[]): string[][] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  const shares: string[][] = [[]];
  let filled = 0;
  let boundary = (total * weights[0]!) / weightTotal;
  files.forEach((file, index) => {
    if (filled >= boundary && shares.length < weights.length) {
      shares.push([]);
      boundary += (total * weights[shares.length - 1]!) / weightTotal;
    }
    shares[shares.length - 1]!.push(file);
    filled += sizes[index]!;
  });
  return shares;
}

function runWorker(url: URL, input: WorkerInput): Promise<WorkerOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: input });
    worker.once('message', (outcomes: WorkerOutcome[]) => {
      resolve(outcomes);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker stopped with exit code ${code}`));
    });
  });
}
