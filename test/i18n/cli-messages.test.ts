import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { cliMessage, LOCALES, matchRuleMessage, placeholdersOf, ruleMessage, VOCABULARY } from '../../src/i18n/index.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { SRC, sourceFiles } from './french-outside.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** Every template of `cli` as `path` → its forms (a pair has two). */
function templates(value: unknown, prefix = ''): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  if (typeof value === 'string') out.set(prefix, [value]);
  else if (Array.isArray(value)) out.set(prefix, value as string[]);
  else for (const [key, child] of Object.entries(value as object)) for (const [k, v] of templates(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  return out;
}

describe("omni's own words (src/i18n/cli-*.ts)", () => {
  const en = templates(VOCABULARY.en.cli);

  it('every template has the same placeholders in every locale and form', () => {
    const mismatches: string[] = [];
    for (const locale of LOCALES) {
      const other = templates(VOCABULARY[locale].cli);
      for (const [key, forms] of en) {
        const expected = placeholdersOf(forms[0]!).join();
        for (const form of [...forms, ...(other.get(key) ?? [])]) if (placeholdersOf(form).join() !== expected) mismatches.push(`${locale} ${key}: ${form}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('every message, LSP text and pipeline text is used by the source, by its key', () => {
    // Every layer may name a message (a WordedError's id); src/i18n itself does not count.
    const source = sourceFiles(SRC)
      .filter((file) => !file.startsWith(path.join(SRC, 'i18n')))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = [
      ...Object.keys(VOCABULARY.en.cli.messages).filter((id) => !source.includes(`'${id}'`)),
      ...Object.keys(VOCABULARY.en.cli.lsp).filter((id) => !source.includes(`'${id}'`)),
      ...Object.keys(VOCABULARY.en.cli.pipeline).filter((id) => !new RegExp(`\\.${id}\\b`).test(source)),
    ];
    expect(unused).toEqual([]);
  });

  it('counted messages follow each language: one in English, zero and one in French take the singular', () => {
    expect(cliMessage('reportWritten', { file: 'r.html', count: 0 }, 'en')).toBe('report written to r.html (0 diagrams)');
    expect(cliMessage('reportWritten', { file: 'r.html', count: 1 }, 'en')).toBe('report written to r.html (1 diagram)');
    expect(cliMessage('reportWritten', { file: 'r.html', count: 0 }, 'fr')).toBe('rapport écrit dans r.html (0 diagramme)');
    expect(cliMessage('reportWritten', { file: 'r.html', count: 2 }, 'fr')).toBe('rapport écrit dans r.html (2 diagrammes)');
  });

  it('a rule message is read back from its text in either language (what the language server matches quick fixes on)', () => {
    for (const locale of LOCALES) {
      const text = ruleMessage('unknown-reference', 'unknown', { kind: 'variables', id: 'loyalty_tier' }, locale);
      expect(matchRuleMessage('unknown-reference', 'unknown', text)).toEqual({ kind: 'variables', id: 'loyalty_tier' });
    }
    expect(matchRuleMessage('unknown-reference', 'unknown', 'unknown variable')).toBeUndefined();
    expect(matchRuleMessage('unknown-reference', 'declare', 'déclarez cet identifiant sous variables:')).toEqual({ kind: 'variables' });
  });
});

describe('the language of command-line messages', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'omni-cli-locale-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  async function omni(args: string[], env: NodeJS.ProcessEnv = {}) {
    let stdout = '';
    let stderr = '';
    const status = await run(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: repo,
      env: { NO_COLOR: '1', ...env },
    });
    return { stdout, stderr, status };
  }

  it("is the workspace's locale: a French workspace exports in French", async () => {
    const target = path.join(tmp, 'plan.xlsx');
    const result = await omni(['export', 'examples/maison-lumen', '--xlsx', target]);
    expect(result).toMatchObject({ status: 0, stdout: '' });
    expect(result.stderr).toBe(`omni: classeur écrit dans ${target}\n`);
  });

  it('--locale wins over the workspace, on any command', async () => {
    const result = await omni(['export', 'examples/maison-lumen', '--xlsx', path.join(tmp, 'plan-en.xlsx'), '--locale', 'en']);
    expect(result.stderr).toBe(`omni: workbook written to ${path.join(tmp, 'plan-en.xlsx')}\n`);
    const french = await omni(['export', 'examples/gaps', '--xlsx', path.join(tmp, 'gaps.xlsx'), '--locale=fr', '--force']);
    expect(french.stderr).toMatch(/^omni: exporté avec 12 erreurs de lint et 15 avertissements, listés dans l’onglet Lisez-moi\nomni: classeur écrit dans /);
  });

  it('is English otherwise, whatever LANG says (the same words on every machine, like the findings)', async () => {
    const result = await omni(['export', 'examples/gaps', '--xlsx', path.join(tmp, 'gaps-en.xlsx'), '--force'], { LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8' });
    expect(result.stderr).toMatch(/^omni: exported with 12 lint errors and 15 warnings, listed in the Read me tab\nomni: workbook written to /);
  });

  it("commander's usage errors are worded in the chosen language, with omni's pointer to help (every kind: usage-errors.test.ts)", async () => {
    const result = await omni(['lint', '--locale', 'fr', '--no-such-option']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toBe('omni: option inconnue « --no-such-option »\n  voir `omni lint --help`\n');
  });

  it('help describes the options in the language --locale names', async () => {
    const result = await omni(['render', '--help', '--locale', 'fr']);
    expect(result.status).toBe(0);
    const words = (text: string) => text.replace(/\s+/g, ' ');
    expect(words(result.stdout)).toContain('--force dessiner même quand l’espace de travail a des erreurs de lint');
    expect(words((await omni(['render', '--help'])).stdout)).toContain('--force render even when the workspace has lint errors');
  });
});

describe('team settings speak the workspace language', () => {
  it('an unknown rule and a missing plugin in omni.yaml read in French with locale: fr, at the same place', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'omni-config-fr-'));
    try {
      writeFileSync(path.join(root, 'omni.yaml'), 'locale: fr\nrules:\n  unkown-reference: warn\nplugins:\n  - omni-plugin-not-installed\n');
      writeFileSync(path.join(root, 'plan.yaml'), 'stages:\n  - { id: discover, name: Discover }\n');
      const workspace = await loadWorkspace(root);
      const french = (await lintWorkspace(workspace)).diagnostics.filter((d) => d.file === 'omni.yaml');
      const english = (await lintWorkspace(workspace, { locale: 'en' })).diagnostics.filter((d) => d.file === 'omni.yaml');
      expect(english.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message} (${d.suggestion})`)).toEqual([
        '3:3 unknown rule "unkown-reference" (did you mean "unknown-reference"?)',
        '5:5 plugin "omni-plugin-not-installed": not installed (install it (npm install --save-dev omni-plugin-not-installed), or give a file path starting with ./)',
      ]);
      expect(french.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message} (${d.suggestion})`)).toEqual([
        '3:3 règle inconnue « unkown-reference » (vouliez-vous dire « unknown-reference » ?)',
        '5:5 plugin « omni-plugin-not-installed » : non installé (installez-le (npm install --save-dev omni-plugin-not-installed), ou donnez un chemin de fichier commençant par ./)',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
