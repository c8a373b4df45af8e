import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { omniInItsLanguage, REPO } from '../cli/helpers.js';

// commander words usage errors in English; with --locale fr, or in a French workspace, omni
// words them again (src/cli/usage-errors.ts). English keeps commander's own text.
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
      ['render', 'examples/gaps', '--format', 'pdf'],
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
    ['a required option left out', ['export', 'examples/gaps'], "required option '--xlsx <file>' not specified", 'l’option « --xlsx <file> » est obligatoire'],
  ];

  // A command's error points to its own help; an unknown command, to the program's.
  const help = (args: string[]) => (args[0] === 'lnt' ? 'omni --help' : `omni ${args[0]} --help`);

  it.each(cases)('%s', async (_, args, english, french) => {
    expect(await omniInItsLanguage(args, REPO)).toEqual({ code: 2, stdout: '', stderr: `omni: ${english}\n  see \`${help(args)}\`\n` });
    // Right after the command: a last option without its value would take --locale as its value.
    expect(await omniInItsLanguage([args[0]!, '--locale', 'fr', ...args.slice(1)], REPO)).toEqual({
      code: 2,
      stdout: '',
      stderr: `omni: ${french}\n  voir \`${help(args)}\`\n`,
    });
  });

  it("keeps commander's words for a kind it does not know", async () => {
    // No omni command takes a required argument: commander's words for it stay, in English.
    const { usageErrorText } = await import('../../src/cli/usage-errors.js');
    expect(usageErrorText("error: missing required argument 'file'\n")).toBe("omni: missing required argument 'file'\n");
  });
});

// commander fails before a command knows its workspace: the error reads the language of the
// workspace the command line names, else of the one around the current folder.
describe('usage errors follow the workspace the command line names', () => {
  const unknownOption = (english: boolean, command: string, option = '--bogus') =>
    english ? `omni: unknown option '${option}'\n  see \`omni ${command} --help\`\n` : `omni: option inconnue « ${option} »\n  voir \`omni ${command} --help\`\n`;
  const lumen = path.join(REPO, 'examples/maison-lumen');

  it.each([
    ['the current folder is a French workspace', ['lint', '--bogus'], lumen, false],
    ['a sub-folder of a French workspace', ['lint', '--bogus'], path.join(lumen, 'scenarios'), false],
    ['the path argument is a French workspace', ['lint', 'examples/maison-lumen', '--bogus'], REPO, false],
    ['the path argument is a file in it', ['lint', 'examples/maison-lumen/omni.yaml', '--bogus'], REPO, false],
    ['the path argument, not the value of --out before it', ['render', '--out', 'examples/gaps', '--bogus', 'examples/maison-lumen'], REPO, false],
    ['an English workspace as the argument, from inside a French one', ['lint', '../gaps', '--bogus'], lumen, true],
    ['--locale en wins over the workspace', ['lint', '--locale', 'en', '--bogus'], lumen, true],
    ['a path that does not exist: the workspace around the current folder', ['lint', 'nowhere', '--bogus'], lumen, false],
    ['a path that does not exist, outside any workspace', ['lint', 'nowhere', '--bogus'], REPO, true],
    ['no workspace around the current folder', ['lint', '--bogus'], REPO, true],
    ["import: the workspace of --into, not the current folder's", ['import', '--xlsx', 'plan.xlsx', '--into', 'examples/maison-lumen', '--bogus'], REPO, false],
    ['import: --into=, an English workspace from inside a French one', ['import', '--bogus', '--xlsx', 'plan.xlsx', '--into=../gaps'], lumen, true],
    ['import without --into: the workspace around the current folder', ['import', '--xlsx', 'plan.xlsx', '--out', '../gaps', '--bogus'], lumen, false],
  ])('%s', async (_, args, cwd, english) => {
    expect(await omniInItsLanguage(args, cwd)).toEqual({ code: 2, stdout: '', stderr: unknownOption(english, args[0]!) });
  });

  it('an unknown command in a French workspace, with its suggestion', async () => {
    expect(await omniInItsLanguage(['lnt'], lumen)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'omni: commande inconnue « lnt »\n(vouliez-vous dire lint ?)\n  voir `omni --help`\n',
    });
  });
});

// Help is read before any command runs too: it follows the same rule.
describe('--help, in the language of the workspace the command line names', () => {
  const lumen = path.join(REPO, 'examples/maison-lumen');
  const french = '--force dessiner même quand l’espace de travail a des erreurs de lint';
  const english = '--force render even when the workspace has lint errors';
  const words = (text: string) => text.replace(/\s+/g, ' ');
  it.each([
    ['inside a French workspace', ['render', '--help'], lumen, french],
    ['naming a French workspace from outside', ['render', 'examples/maison-lumen', '--help'], REPO, french],
    ['--locale en inside a French workspace', ['render', '--help', '--locale', 'en'], lumen, english],
    ['outside any workspace', ['render', '--help'], REPO, english],
    ['inside an English workspace', ['render', '--help'], path.join(REPO, 'examples/gaps'), english],
  ])('%s', async (_, args, cwd, expected) => {
    const { code, stdout, stderr } = await omniInItsLanguage(args, cwd);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(words(stdout)).toContain(expected);
  });

  // Found by probing: the French help kept commander's own words (Usage:, Options:, default:, choices:).
  it("commander's own words too: headings, defaults and choices, the help and version options", async () => {
    const french = words((await omniInItsLanguage(['render', '--help'], lumen)).stdout);
    for (const expected of [
      'Utilisation : omni render [options] [workspace]',
      'Arguments : workspace',
      'Options : -d, --out <dir> dossier de sortie (par défaut : "out/diagrams")',
      '(valeurs : "svg", "png")',
      '-h, --help affiche l’aide de la commande',
    ])
      expect(french).toContain(expected);
    expect(french).not.toMatch(/Usage:|Options:|default:|choices:|display help/);
    const program = words((await omniInItsLanguage(['--help'], lumen)).stdout);
    expect(program).toContain('-v, --version affiche le numéro de version');
    expect(program).toContain('Commandes : init [options] [dir]');
    expect(program).toContain('help [command] affiche l’aide d’une commande');
    // English keeps commander's words exactly.
    const english = words((await omniInItsLanguage(['render', '--help'], REPO)).stdout);
    expect(english).toContain('Usage: omni render [options] [workspace]');
    expect(english).toContain('Options: -d, --out <dir> output folder (default: "out/diagrams")');
    expect(english).toContain('(choices: "svg", "png")');
    expect(english).toContain('-h, --help display help for command');
  });

  it("omni --help, the program's own description", async () => {
    expect(words((await omniInItsLanguage(['--help'], lumen)).stdout)).toContain('La relation client omnicanale planifiée comme du code');
  });
});

// The option parsers' own errors run before the command too: same language rule.
describe('--rule errors, in the language of the workspace', () => {
  const lumen = path.join(REPO, 'examples/maison-lumen');
  it.each([
    [
      'a value that is not id=severity',
      ['lint', '--rule', 'foo:bar'],
      '--rule expects id=error|warn|off, got "foo:bar"',
      '--rule attend id=error|warn|off, reçu « foo:bar »',
    ],
    [
      // Found by probing: a severity written as ESLint or a slip writes it got no way out.
      'a severity spelled another way, with the way to write it',
      ['lint', '--rule', 'sms-length=warning'],
      '--rule expects id=error|warn|off, got "sms-length=warning"\n  write --rule sms-length=warn',
      '--rule attend id=error|warn|off, reçu « sms-length=warning »\n  écrivez --rule sms-length=warn',
    ],
    [
      "ESLint's numbers and a colon",
      ['lint', '--rule', 'sms-length:2'],
      '--rule expects id=error|warn|off, got "sms-length:2"\n  write --rule sms-length=error',
      '--rule attend id=error|warn|off, reçu « sms-length:2 »\n  écrivez --rule sms-length=error',
    ],
    [
      'a misspelled rule id, with the closest one',
      ['lint', '--rule', 'unknwn-reference=off'],
      '--rule: unknown rule "unknwn-reference" (did you mean "unknown-reference"? see `omni rules`)',
      '--rule : règle inconnue « unknwn-reference » (vouliez-vous dire « unknown-reference » ? voir `omni rules`)',
    ],
    [
      'an id like no rule',
      ['lint', '--rule', 'zzzzzz=off'],
      '--rule: unknown rule "zzzzzz" (see `omni rules`)',
      '--rule : règle inconnue « zzzzzz » (voir `omni rules`)',
    ],
    [
      'a number below the minimum',
      ['lint', '--max-warnings', '-1'],
      '--max-warnings expects a whole number, got "-1"',
      '--max-warnings attend un nombre entier, reçu « -1 »',
    ],
  ])('%s', async (_, args, english, french) => {
    expect(await omniInItsLanguage([...args, '--locale', 'en'], lumen)).toEqual({ code: 2, stdout: '', stderr: `omni: ${english}\n` });
    expect(await omniInItsLanguage(args, lumen)).toEqual({ code: 2, stdout: '', stderr: `omni: ${french}\n` });
  });
});

// A malformed --baseline file is refused in the run's language, with the reason the file is not one.
describe('--baseline files that are not baselines', () => {
  const lumen = path.join(REPO, 'examples/maison-lumen');
  const folder = mkdtempSync(path.join(tmpdir(), 'omni-baseline-words-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  it.each([
    ['not JSON', 'x\n', `not JSON (Unexpected token 'x', "x\\n" is not valid JSON)`, `pas du JSON (Unexpected token 'x', "x\\n" is not valid JSON)`],
    [
      'JSON of another shape',
      '{"version":2,"entries":[]}',
      'not an omni baseline (expected { "version": 1, "entries": [...] })',
      'pas un fichier de référence omni (attendu : { "version": 1, "entries": [...] })',
    ],
    [
      'an entry missing its fields',
      '{"version":1,"entries":[{"ruleId":"x"}]}',
      'entry 1 is not { ruleId, owner, context, count }',
      'l’entrée 1 n’est pas { ruleId, owner, context, count }',
    ],
  ])('%s', async (name, text, english, french) => {
    const file = path.join(folder, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, text);
    expect(await omniInItsLanguage(['lint', '--baseline', file, '--locale', 'en'], lumen)).toEqual({
      code: 2,
      stdout: '',
      stderr: `omni: ${file}: ${english}\n  recreate it with omni lint --update-baseline ${file}\n`,
    });
    expect(await omniInItsLanguage(['lint', '--baseline', file], lumen)).toEqual({
      code: 2,
      stdout: '',
      stderr: `omni: ${file} : ${french}\n  recréez-le avec omni lint --update-baseline ${file}\n`,
    });
  });
});
