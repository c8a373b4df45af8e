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

export async function readFilesInProcess(files: readonly string[], reader: FileReader, maxFileBytes: number): Promise<FileOutcome[]> {
  const validator = await getValidator('model');
  return files.map((file) => readModelFile(file, reader.readFile(file), maxFileBytes, validator));
}

/**
 * Reads, parses and validates model files, sharing large workspaces between this thread
 * and load workers (one per spare core): parsing is most of a lint's cost, and it is
 * independent per file. Outcomes come back in file order whatever the split.
 * OMNI_LOAD_WORKERS=N forces N workers (0 disables them), for tests and benchmarks.
 */
export async function readModelFiles(root: string, files: readonly string[], reader: FileReader, maxFileBytes: number): Promise<FileOutcome[]> {
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
  if (workers <= 0 || files.length < 2 || !existsSync(fileURLToPath(workerUrl))) return readFilesInProcess(files, reader, maxFileBytes);

  // This thread starts at once while a worker first loads its modules and must send its
  // data back, so this thread takes a larger share and both finish together.
  const shares = splitBySize(files, sizes, [OWN_SHARE_WEIGHT, ...Array<number>(workers).fill(1)]);
  const [own = [], ...others] = shares;
  const pending = others.map((share) => runWorker(workerUrl, { root, files: share, maxFileBytes }));
  const mine = await readFilesInProcess(own, reader, maxFileBytes);
  const theirs = await Promise.all(pending);
  return [...mine, ...theirs.flat()];
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

function runWorker(url: URL, input: WorkerInput): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: input });
    worker.once('message', (outcomes: WorkerOutcome[]) => {
      resolve(
        outcomes.map(({ json, ...outcome }) => ({
          ...outcome,
          ...(json === undefined ? {} : { data: JSON.parse(json) as unknown }),
        })),
      );
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker stopped with exit code ${code}`));
    });
  });
}
