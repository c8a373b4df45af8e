import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { findWorkspaceRoot } from '../loader/discover.js';
import { currentIo, messageLocale, optionValues, say } from './output.js';
import { peekWorkspaceLocale } from './workspace.js';

/**
 * commander words its usage errors in English only. In another language, each kind omni's
 * commands can raise is recognised by commander's text and worded again from src/i18n; in
 * English, and for any text not recognised, commander's own words stay.
 */
const KINDS: { pattern: RegExp; word: (match: RegExpExecArray) => string }[] = [
  { pattern: /^unknown option '(.+)'$/, word: ([, option]) => say('usageUnknownOption', { option: option! }) },
  { pattern: /^unknown command '(.+)'$/, word: ([, command]) => say('usageUnknownCommand', { command: command! }) },
  {
    pattern: /^option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/,
    word: ([, option, value, choices]) => say('usageInvalidChoice', { option: option!, value: value!, choices: choices! }),
  },
  { pattern: /^option '(.+)' argument missing$/, word: ([, option]) => say('usageOptionMissingArgument', { option: option! }) },
  { pattern: /^required option '(.+)' not specified$/, word: ([, option]) => say('usageRequiredOption', { option: option! }) },
  {
    pattern: /^too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\.$/,
    word: ([, command, expected, count]) => say('usageExcessArguments', { command: command!, expected: Number(expected), count: Number(count) }),
  },
];
const SUGGESTION = /^\(Did you mean (.+)\?\)$/;

/** commander's error text (`error: …`, maybe a `(Did you mean …?)` line) as omni says it: `omni: …` lines. */
export function usageErrorText(text: string): string {
  const lines = text
    .replace(/^error: /, '')
    .replace(/\n$/, '')
    .split('\n');
  if (messageLocale() !== 'en') {
    for (const [index, line] of lines.entries()) {
      const suggestion = SUGGESTION.exec(line);
      if (suggestion) {
        lines[index] = say('usageDidYouMean', { suggestion: suggestion[1]! });
        continue;
      }
      for (const { pattern, word } of KINDS) {
        const match = pattern.exec(line);
        if (match) {
          lines[index] = word(match);
          break;
        }
      }
    }
  }
  return `omni: ${lines.join('\n')}\n`;
}

/**
 * Reading the command line can fail before any command runs, so before omni knows its
 * workspace: its errors (commander's, and the option parsers') speak the language of the
 * workspace the command line names (its first path argument when it exists, else the one
 * around the current folder), read with a glance as commands do. --locale still wins
 * (useWorkspaceLocale never overrides it), and the workspace a command loads has the last word.
 */
export function useCommandLineWorkspaceLocale(program: Command, argv: readonly string[]): void {
  const cwd = currentIo().cwd;
  const argument = firstPathArgument(program, argv);
  // A path that does not exist (a typo, a folder init is to create) names no workspace: the
  // one around the current folder is the one being worked in.
  let folder = cwd;
  if (argument !== undefined) {
    const named = path.resolve(cwd, argument);
    try {
      folder = statSync(named).isDirectory() ? named : path.dirname(named);
    } catch {
      folder = cwd;
    }
  }
  peekWorkspaceLocale(findWorkspaceRoot(folder));
}

/** Options naming the workspace of a command that takes none as an operand (`omni import --xlsx f --into ws`). */
const WORKSPACE_OPTIONS: Readonly<Record<string, string>> = { import: '--into' };

/**
 * The path naming the command's workspace: its workspace option's value, or the first
 * operand after the command name, skipping options and the values they take.
 */
function firstPathArgument(program: Command, argv: readonly string[]): string | undefined {
  const command = program.commands.find((candidate) => candidate.name() === argv[0] || candidate.aliases().includes(argv[0] ?? ''));
  if (!command) return undefined;
  const workspaceOption = WORKSPACE_OPTIONS[command.name()];
  if (workspaceOption !== undefined) return optionValues(argv, workspaceOption)[0];
  for (let index = 1; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') return argv[index + 1];
    if (!arg.startsWith('-') || arg === '-') return arg;
    if (arg.includes('=')) continue;
    const option = command.options.find((candidate) => candidate.long === arg || candidate.short === arg);
    // `<value>` always takes the next word; `[value]` takes it unless it is another option.
    if (option?.required || (option?.optional && !(argv[index + 1] ?? '-').startsWith('-'))) index++;
  }
  return undefined;
}
