import { messageLocale, say } from './output.js';

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
