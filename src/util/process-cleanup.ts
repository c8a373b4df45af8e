/**
 * One place that knows what must be undone when omni stops early: a browser to close, a
 * temporary profile or file to remove. Commands register cleanups; on SIGINT, SIGTERM or
 * SIGHUP every cleanup runs (newest first) and the process exits 128 + the signal number,
 * so an interrupted run never goes on to write a partial output and never exits 0.
 */

type Cleanup = () => void | Promise<void>;

const cleanups = new Set<Cleanup>();
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
let installed = false;
let interrupted: NodeJS.Signals | undefined;

/** Thrown instead of writing an output once the run was interrupted: nothing partial, ever. */
export class InterruptedError extends Error {
  readonly exitCode: number;
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.exitCode = 128 + (SIGNALS[signal as keyof typeof SIGNALS] ?? 0);
  }
}

/**
 * Handles SIGINT, SIGTERM and SIGHUP from now on, even with no cleanup registered yet: the
 * CLI calls it at start-up so that no library (e.g. puppeteer's own SIGTERM handler, which
 * closes the browser but does not exit) can turn an interruption into a "successful" run.
 */
export function watchInterrupts(): void {
  installHandlers();
}

/** 128 + the signal number once interrupted, else undefined. */
export function interruptExitCode(): number | undefined {
  return interrupted ? 128 + SIGNALS[interrupted as keyof typeof SIGNALS] : undefined;
}

/** Throws InterruptedError when the run was interrupted: call it right before writing. */
export function throwIfInterrupted(): void {
  if (interrupted) throw new InterruptedError(interrupted);
}

/** Registers a cleanup; the returned function unregisters it (call it once the work is done). */
export function onInterrupt(cleanup: Cleanup): () => void {
  installHandlers();
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/** The signal that stopped the run, if one did: long loops check it to stop early. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return interrupted;
}

/** Runs every registered cleanup once (newest first), ignoring their failures. */
export async function runCleanups(): Promise<void> {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  for (const cleanup of pending) {
    try {
      await cleanup();
    } catch {
      // A cleanup that fails must not keep the others from running.
    }
  }
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  for (const [signal, number] of Object.entries(SIGNALS) as [NodeJS.Signals, number][]) {
    process.on(signal, () => {
      if (interrupted) return; // a second signal while cleaning up: let the first finish
      interrupted = signal;
      // Whatever else finishes first, the run's status is the interruption.
      process.exitCode = 128 + number;
      const exit = () => process.exit(128 + number);
      // Cleanups get a bounded time: a hung browser must not keep omni alive.
      const timer = setTimeout(exit, 5_000);
      timer.unref();
      void runCleanups().then(exit, exit);
    });
  }
}
