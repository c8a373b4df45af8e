import type { Argument, Command, Help, Option } from 'commander';
import { helpWords } from './output.js';

type ParserWords = ReturnType<typeof helpWords>['parser'];

/** What commander adds after a description: its choices, default, preset and variable, each label with its colon (French spaces it). */
function withExtraInfo(description: string, parts: Array<[label: string, value: string]>): string {
  if (parts.length === 0) return description;
  const extra = `(${parts.map(([label, value]) => `${label} ${value}`).join(', ')})`;
  return description ? `${description} ${extra}` : extra;
}

function optionDescription(words: ParserWords, option: Option): string {
  const parts: Array<[string, string]> = [];
  if (option.argChoices) parts.push([words.choices, option.argChoices.map((choice) => JSON.stringify(choice)).join(', ')]);
  // As commander shows them: a default only for options that take a value (or plain booleans).
  const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
  if (option.defaultValue !== undefined && showDefault) parts.push([words.default, option.defaultValueDescription || JSON.stringify(option.defaultValue)]);
  if (option.presetArg !== undefined && option.optional) parts.push([words.preset, JSON.stringify(option.presetArg)]);
  if (option.envVar !== undefined) parts.push([words.env, option.envVar]);
  return withExtraInfo(option.description, parts);
}

function argumentDescription(words: ParserWords, argument: Argument): string {
  const parts: Array<[string, string]> = [];
  if (argument.argChoices) parts.push([words.choices, argument.argChoices.map((choice) => JSON.stringify(choice)).join(', ')]);
  if (argument.defaultValue !== undefined) parts.push([words.default, argument.defaultValueDescription || JSON.stringify(argument.defaultValue)]);
  return withExtraInfo(argument.description, parts);
}

/**
 * Commander's own words in `--help` (its headings, "default:", the help and version options)
 * in the run's language, like omni's descriptions around them. Call on the program before
 * its commands are added: they inherit the configuration and the help option.
 */
export function localizeHelp(program: Command): void {
  const words = helpWords().parser;
  const titles: Record<string, string> = {
    'Usage:': words.usage,
    'Arguments:': words.arguments,
    'Options:': words.options,
    'Commands:': words.commands,
    'Global Options:': words.globalOptions,
  };
  const configuration: Partial<Help> = {
    styleTitle: (title: string) => titles[title] ?? title,
    optionDescription: (option: Option) => optionDescription(words, option),
    argumentDescription: (argument: Argument) => argumentDescription(words, argument),
  };
  program.configureHelp(configuration);
  program.helpOption('-h, --help', words.helpOption);
  program.helpCommand('help [command]', words.helpCommand);
}

/** The description of `--version`, in the run's language. */
export const versionDescription = (): string => helpWords().parser.versionOption;
