#!/usr/bin/env node
// The only place that touches the real process: signals, streams, exit code. All logic
// lives in the compiled CLI (`npm run build`), which tests can also run in-process; this file
// runs its bundle (dist/bundle/, scripts/bundle.mjs), made of the same modules.
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of omni's modules on disk between runs (in the
// system's temporary folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off), which shortens every
// start. Node 20 has no such cache: the feature test leaves it be. Before the imports below,
// which are dynamic so that the cache is on when they compile.
module.enableCompileCache?.();

const { interruptExitCode, watchInterrupts } = await import('../dist/bundle/process-cleanup.js');
// Before anything else, so that an interruption always exits 128+signal with nothing written.
watchInterrupts();
const { run } = await import('../dist/bundle/main.js');
// A closed pipe (`omni lint | head`) ends the run quietly, as other CLIs do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
process.exitCode = interruptExitCode() ?? code;
