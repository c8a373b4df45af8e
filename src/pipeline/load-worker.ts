// A load worker: reads, parses and validates a contiguous share of a large workspace's
// files on another core. Data goes back as JSON text, which the main thread parses much
// faster than it would deserialise a structured clone of the same object graph.
import { parentPort, workerData } from 'node:worker_threads';
import { fileSystemSource } from '../loader/discover.js';
import { getValidator } from '../schema/validate.js';
import { readModelFile } from './read-model-file.js';

export interface WorkerInput {
  root: string;
  files: string[];
  maxFileBytes: number;
}

export interface WorkerOutcome {
  file: string;
  json?: string;
  invalidPaths: (string | number)[][];
  diagnostics: import('../diagnostics/types.js').PendingDiagnostic[];
  /** Sent only for files with problems: the main thread reads other texts on demand. */
  text?: string;
}

const { root, files, maxFileBytes } = workerData as WorkerInput;
const source = fileSystemSource(root, maxFileBytes);
const validator = await getValidator('model');
const outcomes: WorkerOutcome[] = files.map((file) => {
  const outcome = readModelFile(file, source.readFile(file), maxFileBytes, validator);
  return {
    file,
    json: outcome.data === undefined ? undefined : JSON.stringify(outcome.data),
    invalidPaths: outcome.invalidPaths.map((path) => [...path]),
    diagnostics: outcome.diagnostics,
    text: outcome.diagnostics.length > 0 ? outcome.text : undefined,
  };
});
parentPort!.postMessage(outcomes);
