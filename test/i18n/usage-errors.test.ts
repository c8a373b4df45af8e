import { describe, expect, it } from 'vitest';
import { omniInItsLanguage, REPO } from '../cli/helpers.js';

// commander words usage errors in English; with --locale fr omni words them again
// (src/cli/usage-errors.ts). English keeps commander's own text.
describe('usage errors follow --locale', () => {
  const cases: [string, string[], string, string][] = [
    [
      'an unknown option, with its suggestion',
      ['lint', '--formt', 'json'],
      "unknown option '--formt'\n(Did you mean --format?)",
      'option inconnue « --formt »\n(vouliez-vous dire --format ?)',
    ],
    ['an unknown command', ['lnt'], "unknown command 'lnt'\n(Did you mean lint?)", 'commande inconnue « lnt »\n(vouliez-vous dire lint ?)'],
    [
      'a value outside the choices',
      ['render', 'examples/maison-lumen', '--format', 'pdf'],
      "option '-f, --format <format>' argument 'pdf' is invalid. Allowed choices are svg, png.",
      'option « -f, --format <format> » : « pdf » n’est pas une valeur possible (valeurs possibles : svg, png)',
    ],
    [
      'an option without its value',
      ['lint', '--output-file'],
      "option '-o, --output-file <file>' argument missing",
      'option « -o, --output-file <file> » : sa valeur manque',
    ],
    ['too many arguments', ['init', 'a', 'b'], "too many arguments for 'init'. Expected 1 argument but got 2.", 'trop d’arguments pour « init » : 1 au plus, 2 reçus'],
  ];

  it.each(cases)('%s', async (_, args, english, french) => {
    expect(await omniInItsLanguage(args, REPO)).toEqual({ code: 2, stdout: '', stderr: `omni: ${english}\n  see \`omni --help\`\n` });
    // Right after the command: a last option without its value would take --locale as its value.
    expect(await omniInItsLanguage([args[0]!, '--locale', 'fr', ...args.slice(1)], REPO)).toEqual({
      code: 2,
      stdout: '',
      stderr: `omni: ${french}\n  voir \`omni --help\`\n`,
    });
  });

  it("keeps commander's words for a kind it does not know", async () => {
    // A required option's absence is not one of omni's cases today: worded by commander, in English.
    const { usageErrorText } = await import('../../src/cli/usage-errors.js');
    expect(usageErrorText("error: required option '--x' not specified\n")).toBe("omni: required option '--x' not specified\n");
  });
});
