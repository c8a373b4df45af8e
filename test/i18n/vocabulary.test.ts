import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage, importHeaders, LOCALES, placeholdersOf, ruleMessage, ruleOptionDescription, VOCABULARY } from '../../src/i18n/index.js';
import { RULES } from '../../src/rules/index.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';

/** Every leaf of a nested object as `a.b.c` → value. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  } else out.set(prefix, value);
  return out;
}

const repo = path.resolve(import.meta.dirname, '../..');

describe('vocabulary', () => {
  const en = leaves(VOCABULARY.en);

  for (const locale of LOCALES) {
    it(`${locale} has exactly the keys of en, none empty`, () => {
      const other = leaves(VOCABULARY[locale]);
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      const empty = [...other].filter(([, value]) => value === '').map(([key]) => key);
      expect(empty).toEqual([]);
    });
  }

  it('fr translates: the sentences of the two locales differ', () => {
    const fr = leaves(VOCABULARY.fr);
    // Words that are the same in both languages (Normal, Message, Variable, Sources…) are fine; sentences are not.
    const same = [...en]
      .filter(
        ([key, value]) =>
          typeof value === 'string' &&
          value
            .replace(/\{[^}]*\}/g, '')
            .trim()
            .includes(' ') &&
          fr.get(key) === value &&
          key !== 'locale',
      )
      .map(([key]) => key);
    expect(same).toEqual([]);
  });

  it('every rule message uses the same placeholders in every locale', () => {
    const mismatches: string[] = [];
    for (const [ruleId, words] of Object.entries(VOCABULARY.en.lint.rules)) {
      for (const [messageId, template] of Object.entries(words.messages)) {
        for (const locale of LOCALES) {
          const translated = VOCABULARY[locale].lint.rules[ruleId]?.messages[messageId];
          if (translated === undefined || placeholdersOf(translated).join() !== placeholdersOf(template).join()) mismatches.push(`${locale} ${ruleId}.${messageId}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('formatMessage fills data, section nouns per locale, and keeps literal braces', () => {
    expect(formatMessage('unknown {kind:kind} "{id}"', { kind: 'useCases', id: 'x' }, 'en')).toBe('unknown use case "x"');
    expect(formatMessage('{kind:kind} « {id} »', { kind: 'useCases', id: 'x' }, 'fr')).toBe('cas d’usage « x »');
    expect(formatMessage('close {{…}} and {missing}', { other: 1 }, 'en')).toBe('close {{…}} and {missing}');
    expect(() => ruleMessage('duplicate-id', 'no-such-message', {}, 'fr')).toThrow(/no message "no-such-message" for rule "duplicate-id"/);
  });

  it('importer headers are derived from the workbook labels and synonyms of both locales', () => {
    const spec = importHeaders('scenarioSpec');
    expect(spec.trigger).toEqual(['Trigger', 'Déclencheur', 'Trigger event', 'Événement déclencheur']);
    expect(importHeaders('useCases').useCase).toEqual(['Use case', 'Cas d’usage', 'Use cases']);
  });
});

describe('rules and their words', () => {
  const ruleFiles = (id: string): string => {
    const own = readFileSync(path.join(repo, 'src/rules', `${id}.ts`), 'utf8');
    // A rule built by a shared factory (friction/opportunity) uses the factory's messages.
    const shared = [...own.matchAll(/from '\.\/([a-z-]+)\.js'/g)]
      .map((match) => match[1])
      .filter((name) => name !== 'create-rule' && !RULES.some((rule) => rule.id === name));
    return [own, ...shared.map((name) => readFileSync(path.join(repo, 'src/rules', `${name}.ts`), 'utf8'))].join('\n');
  };

  const LOADER_RULES = new Set(['yaml-syntax', 'schema']);
  const PIPELINE = [
    'pipeline/load.ts',
    'pipeline/read-model-file.ts',
    'loader/parse-yaml.ts',
    'schema/validate.ts',
    'config/resolve-config.ts',
    'config/rule-set.ts',
    'rules/create-rule.ts',
  ]
    .map((file) => readFileSync(path.join(repo, 'src', file), 'utf8'))
    .join('\n');

  for (const rule of RULES) {
    it(`${rule.id}: description and every message it reports exist in both locales, and every message is used`, () => {
      for (const locale of LOCALES) expect(VOCABULARY[locale].lint.rules[rule.id]?.description, `${locale} description`).toBeTruthy();
      expect(rule.description).toBe(VOCABULARY.en.lint.rules[rule.id]!.description);
      // Each option is described in every locale, and only the options the rule has.
      for (const locale of LOCALES)
        expect(Object.keys(VOCABULARY[locale].lint.rules[rule.id]!.options ?? {}).sort(), `${locale} options`).toEqual(Object.keys(rule.options ?? {}).sort());
      for (const [name, option] of Object.entries(rule.options ?? {}))
        expect(option.description, name).toBe(ruleOptionDescription(rule.id, name, 'en', option.descriptionData));
      const source = ruleFiles(rule.id);
      if (LOADER_RULES.has(rule.id)) {
        // Loader findings are written in src/pipeline, src/loader, src/schema and src/config (rule options: src/rules/create-rule.ts): each of their messages is named there.
        for (const locale of LOCALES) {
          for (const messageId of Object.keys(VOCABULARY[locale].lint.rules[rule.id]!.messages))
            expect(PIPELINE, `${rule.id}.${messageId} used in src/pipeline`).toContain(`'${messageId}'`);
        }
        expect(Object.keys(VOCABULARY.fr.lint.rules[rule.id]!.messages).sort()).toEqual(Object.keys(VOCABULARY.en.lint.rules[rule.id]!.messages).sort());
        return;
      }
      const used = new Set(
        [...source.matchAll(/(?:messageId|suggestionId): ([^,\n]+)/g)].flatMap((match) => [...match[1]!.matchAll(/'([A-Za-z]+)'/g)].map((id) => id[1]!)),
      );
      for (const locale of LOCALES) {
        const messages = Object.keys(VOCABULARY[locale].lint.rules[rule.id]!.messages);
        expect(messages.sort(), `${locale} messages of ${rule.id}`).toEqual([...used].sort());
      }
      // A rule that writes a literal message is not translated.
      expect(source).not.toMatch(/\bmessage: [`'"]/);
    });
  }

  it('no entry in the vocabulary names a rule that does not exist', () => {
    const ids = new Set(RULES.map((rule) => rule.id));
    for (const locale of LOCALES) expect(Object.keys(VOCABULARY[locale].lint.rules).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('a French workspace lints in French', () => {
  it('examples/gaps and examples/teams (every model rule planted between them): each finding reads differently in fr, with the same rule, place and entity', async () => {
    const modelRules = new Set<string>();
    for (const example of ['examples/gaps', 'examples/teams']) {
      const workspace = await loadWorkspace(path.join(repo, example));
      // Rules off by default (missing-owner, unused-suppression) are turned on: every message is read.
      const on = Object.fromEntries(RULES.filter((rule) => rule.defaultSeverity === 'off').map((rule) => [rule.id, 'warn' as const]));
      const english = (await lintWorkspace(workspace, { ruleOverrides: on })).diagnostics;
      const french = (await lintWorkspace(workspace, { ruleOverrides: on, locale: 'fr' })).diagnostics;
      const where = (d: (typeof english)[number]) => `${d.ruleId} ${d.file}:${d.range.start.line}:${d.range.start.column} ${JSON.stringify(d.entity)}`;
      expect(french.map(where)).toEqual(english.map(where));
      for (const d of english) if (RULES.some((rule) => rule.id === d.ruleId)) modelRules.add(d.ruleId);
      english.forEach((d, i) => {
        // House rules speak in the words their author wrote: only built-in rules are translated.
        if (!RULES.some((rule) => rule.id === d.ruleId)) return;
        expect(french[i]!.message).not.toBe(d.message);
        if (d.suggestion !== undefined) expect(french[i]!.suggestion).not.toBe(d.suggestion);
      });
      if (example === 'examples/gaps') {
        expect(french.find((d) => d.ruleId === 'unused-source')).toMatchObject({
          message: 'la source « legacy-erp » n’alimente aucune variable',
          suggestion: 'listez-la dans les sources: des variables qu’elle détient, ou supprimez-la',
        });
      }
    }
    expect([...modelRules].filter((id) => id !== 'schema' && id !== 'yaml-syntax').sort()).toEqual(
      RULES.map((rule) => rule.id)
        .filter((id) => id !== 'schema' && id !== 'yaml-syntax')
        .sort(),
    );
  });
});

describe('French findings in every lint format', async () => {
  const { formatNames, loadFormatter } = await import('../../src/formatters/index.js');
  const workspace = await loadWorkspace(path.join(repo, 'examples/gaps'));
  const result = await lintWorkspace(workspace, { locale: 'fr' });
  for (const name of formatNames) {
    it(name, async () => {
      const output = (await loadFormatter(name))(result, { rules: RULES, color: false, cwd: repo, toolVersion: '0.0.0' });
      expect(output).toContain('la source « legacy-erp » n’alimente aucune variable');
      expect(output).toContain('unused-source');
      expect(output).not.toContain('feeds no variable');
    });
  }
});

describe('which language a workspace lints in', async () => {
  const { BASE, loadFiles } = await import('../rules/run-rule.js');
  const extra = { 'extra.yaml': 'sources:\n  - { id: erp, name: ERP }\n' };
  const messageOf = async (files: Record<string, string | Uint8Array>, locale?: 'en' | 'fr') =>
    (await lintWorkspace(await loadFiles({ ...BASE, ...extra, ...files }), locale ? { locale } : {})).diagnostics.map((d) => d.message);

  it('French when omni.yaml declares locale: fr', async () => {
    expect(await messageOf({ 'omni.yaml': 'locale: fr\n' })).toEqual(['la source « erp » n’alimente aucune variable']);
  });
  it('English when omni.yaml declares en, or declares no locale, or there is no omni.yaml', async () => {
    for (const config of [{ 'omni.yaml': 'locale: en\n' }, { 'omni.yaml': 'name: Plan\n' }, {}] as Record<string, string>[])
      expect(await messageOf(config)).toEqual(['source "erp" feeds no variable']);
  });
  it('loader findings too: an unknown rule in a French omni.yaml', async () => {
    const workspace = await loadFiles({ ...BASE, 'omni.yaml': 'locale: fr\nrules:\n  unused-sorce: off\n' });
    const [finding] = (await lintWorkspace(workspace)).diagnostics;
    expect(finding).toMatchObject({ ruleId: 'schema', message: 'règle inconnue « unused-sorce »', suggestion: 'vouliez-vous dire « unused-source » ?' });
    expect((await lintWorkspace(workspace, { locale: 'en' })).diagnostics[0]).toMatchObject({
      message: 'unknown rule "unused-sorce"',
      suggestion: 'did you mean "unused-source"?',
    });
  });
  it('schema findings too: wording, value kinds and lists in French', async () => {
    const files = {
      'omni.yaml': 'locale: fr\nrules:\n  unused-source: never\n',
      'plan.yaml': 'stages:\n  - { id: discover, name: Discover, colour: red }\n  - { id: Buy, name: [Buy] }\n',
    };
    // omni.yaml has a problem of its own, yet its locale is read: its findings too are French.
    const french = (await lintWorkspace(await loadFiles(files))).diagnostics.map((d) => `${d.message} | ${d.suggestion ?? ''}`);
    expect(french).toEqual([
      '« never » n’est pas une gravité valide pour la règle « unused-source » | utilisez error, warn ou off',
      'propriété inconnue « colour » | propriétés possibles : id, name, description, owner, tags',
      '« Buy » n’est pas un identifiant valide | un identifiant s’écrit en minuscules, chiffres, « - » et « _ », et commence par une lettre ou un chiffre',
      'name doit être un texte, pas une liste | ',
    ]);
  });
  it('--locale overrides omni.yaml', async () => {
    expect(await messageOf({ 'omni.yaml': 'locale: fr\n' }, 'en')).toEqual(['source "erp" feeds no variable']);
    expect(await messageOf({ 'omni.yaml': 'locale: en\n' }, 'fr')).toEqual(['la source « erp » n’alimente aucune variable']);
  });
});

describe('the report speaks the workspace language about lint', () => {
  it('rule descriptions of a French report are French', async () => {
    const { lintSummary } = await import('../../src/report/view-model.js');
    const workspace = await loadWorkspace(path.join(repo, 'examples/gaps'));
    const { diagnostics } = await lintWorkspace(workspace, { locale: 'fr' });
    const french = lintSummary(diagnostics, RULES, VOCABULARY.fr.report, 'fr');
    expect(french.groups.find((group) => group.ruleId === 'unused-source')?.description).toBe('Aucune variable ne provient d’une source.');
    const english = lintSummary(diagnostics, RULES, VOCABULARY.en.report);
    expect(english.groups.find((group) => group.ruleId === 'unused-source')?.description).toBe('No variable comes from a source.');
  });
});
