import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './errors.js';
import { currentIo, say, writeData, writeOutputFile, type CliStream, type WriteOptions } from './output.js';

/** Whether to colour output: --no-color and NO_COLOR win, FORCE_COLOR forces, else a TTY. */
export function useColor(stream: CliStream, colorOption: boolean | undefined): boolean {
  if (colorOption === false) return false;
  const env = currentIo().env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true;
}

/** The workspace folder a command works on: the argument, else the current folder. */
export function workspaceArgument(argument: string | undefined): string {
  const folder = path.resolve(currentIo().cwd, argument ?? '.');
  if (!existsSync(folder)) throw new CliError(say('workspaceNotFound', { path: String(argument) }), say('workspaceNotFoundHint'));
  if (!statSync(folder).isDirectory()) throw new CliError(say('notAFolderArgument', { path: String(argument) }), say('notAFolderHint'));
  return folder;
}

/** Writes machine-readable output to a file (atomically, through the output policy) or to stdout. */
export function emit(output: string, outputFile: string | undefined, options?: WriteOptions): void {
  if (outputFile) writeOutputFile(outputFile, output, options);
  else writeData(output);
}

/** A parser for options taking a whole number of at least `minimum`. */
export function parsePositiveInteger(name: string, minimum = 0) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < minimum) {
      throw new CliError(minimum > 0 ? say('wholeNumberAtLeast', { option: name, minimum, value }) : say('wholeNumber', { option: name, value }));
    }
    return Number(value);
  };
}
