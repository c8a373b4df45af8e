#!/usr/bin/env node
// The only place that touches the real process: signals, streams, exit code. All logic
// lives in the compiled CLI (`npm run build`), which tests can also run in-process.
import { run } from '../dist/cli/main.js';
import { interruptExitCode, watchInterrupts } from '../dist/util/process-cleanup.js';

// Before anything else, so that an interruption always exits 128+signal with nothing written.
watchInterrupts();
// A closed pipe (`omni lint | head`) ends the run quietly, as other CLIs do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
process.exitCode = interruptExitCode() ?? code;
