import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Above this much heap in use, a phase boundary asks for a full collection.
 * V8 lets the old generation grow to a few times what it held at its last full
 * collection before running another: a command that builds a large structure, drops
 * it and builds the next (the workbook's sheets at 50,000 scenarios: 150 MB each)
 * would carry every dropped one until then, about 1 GB of garbage.
 */
const THRESHOLD = 320 * 1024 * 1024;

let collect: (() => void) | undefined;

/**
 * A full garbage collection at a point where a large structure was just dropped, only
 * when the heap is large (never on small plans: a collection costs about 0.3 ms per MB
 * in use). Node exposes `gc` only to contexts created after `--expose-gc` is set.
 */
export function releaseMemory(): void {
  if (process.memoryUsage().heapUsed < THRESHOLD) return;
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
