import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './errors.js';
import {
  currentIo,
  describeErrno,
  displayPath,
  helpWords,
  isFileSystemError,
  localeArgument,
  messageLocale,
  readFailureReason,
  say,
  setExitCode,
  withIo,
  type CliStream,
} from './output.js';
import { WordedError } from '../i18n/index.js';
import { WorkspaceReadError } from '../loader/discover.js';
import { InterruptedError, interruptExitCode } from '../util/process-cleanup.js';
import { registerDiff } from './diff.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerLint } from './lint.js';
import { registerLsp } from './lsp.js';
import { registerRender } from './render.js';
import { registerReport } from './report.js';
import { registerRules } from './rules.js';
import { registerSchema } from './schema.js';
import { registerSimulate } from './simulate.js';
import { localizeHelp, versionDescription } from './help-words.js';
import { useCommandLineWorkspaceLocale, usageErrorText } from './usage-errors.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('omni')
    .description(helpWords().program)
    .version(version, '-v, --version', versionDescription())
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      // Help and commander's errors go to the run's streams, so in-process runs capture them.
      writeOut: (text) => void currentIo().stdout.write(text),
      writeErr: (text) => void currentIo().stderr.write(text),
      getOutHelpWidth: () => currentIo().stdout.columns ?? 80,
      getErrHelpWidth: () => currentIo().stderr.columns ?? 80,
      // One voice for every error: commander's own usage errors get omni's prefix and a pointer to help.
      outputError: (text, write) => write(`${usageErrorText(text)}  ${say('seeHelp')}\n`),
    });
  localizeHelp(program);
  // In the order a team meets them: start, check, show, share, review.
  registerInit(program, version);
  registerLint(program, version);
  registerRules(program);
  registerSchema(program);
  registerRender(program);
  registerExport(program);
  registerImport(program);
  registerReport(program);
  registerDiff(program);
  registerSimulate(program);
  registerLsp(program);
  // A command's own usage error points to that command's help, where its options are.
  for (const command of program.commands) {
    command.configureOutput({
      outputError: (text, write) => write(`${usageErrorText(text)}  ${say('seeCommandHelp', { command: command.name() })}\n`),
    });
  }
  return program;
}

export interface RunIo {
  stdout: CliStream;
  stderr: CliStream;
  /** The folder relative paths are resolved from (default: the process's). */
  cwd?: string;
  /** Environment (NO_COLOR, OMNI_DEBUG…; default: the process's). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs omni with `argv` (the arguments after `omni`) against `io`; resolves to the exit
 * code. Nothing here touches the process (exit code, streams, signals): bin/omni.js does,
 * so tests can run the CLI in-process.
 */
export async function run(argv: readonly string[], io: RunIo): Promise<number> {
  return withIo(
    { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd ?? process.cwd(), env: io.env ?? process.env },
    async () => {
      let program = buildProgram();
      // Reading the command line fails before any command has found its workspace: its errors
      // (commander's, and the option parsers') and its help speak the language of the one it
      // names. The program holds its help in the language it was built in: built again when
      // that workspace speaks another.
      const built = messageLocale();
      useCommandLineWorkspaceLocale(program, argv);
      if (messageLocale() !== built) program = buildProgram();
      try {
        await program.parseAsync([...argv], { from: 'user' });
      } catch (error) {
        setExitCode(exitCodeFor(error));
      }
    },
    localeArgument(argv),
  );
}

function exitCodeFor(error: unknown): number {
  const stderr = currentIo().stderr;
  if (error instanceof CommanderError) {
    // Help and version are not failures; any other parse error is a usage error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.fatal;
  }
  // Once interrupted, whatever failed next (a browser closed under a render) is the interruption.
  const interrupted = error instanceof InterruptedError ? error.exitCode : interruptExitCode();
  if (interrupted !== undefined) {
    stderr.write(`omni: ${say('interrupted')}\n`);
    return interrupted;
  }
  if (error instanceof CliError) {
    stderr.write(`omni: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
    return error.exitCode;
  }
  if (error instanceof WordedError) {
    const hint = error.hintIn(messageLocale());
    stderr.write(`omni: ${error.messageIn(messageLocale())}\n${hint ? `  ${hint}\n` : ''}`);
    return EXIT.fatal;
  }
  if (error instanceof WorkspaceReadError) {
    stderr.write(`omni: ${say('cannotRead', { file: displayPath(error.file), reason: readFailureReason(error.failure) })}\n`);
    return EXIT.fatal;
  }
  // Any file-system failure that reached here is still one line naming the path.
  if (isFileSystemError(error) && error.path) {
    const verb =
      error.syscall === 'open'
        ? 'cannotOpen'
        : ['write', 'rename', 'mkdir', 'unlink', 'rmdir', 'chmod', 'copyfile'].includes(error.syscall ?? '')
          ? 'cannotWrite'
          : 'cannotRead';
    stderr.write(`omni: ${say(verb, { file: displayPath(error.path), reason: describeErrno(error) })}\n`);
    return EXIT.fatal;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`omni: ${say('unexpected', { message })}\n`);
  if (currentIo().env.OMNI_DEBUG && error instanceof Error) stderr.write(`${error.stack}\n`);
  else stderr.write(`  ${say('unexpectedHint')}\n`);
  return EXIT.fatal;
}
