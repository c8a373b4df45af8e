import type { Command } from 'commander';
import { ruleDescription, ruleOptionDescription } from '../i18n/index.js';
import type { RuleMeta, RuleOption } from '../rules/create-rule.js';
import { helpWords, LOCALE_CHOICES, messageLocale, writeData } from './output.js';
import { Option } from 'commander';

/** A built-in rule's description in the run's language; a house or plugin rule's own words as written. */
function describe(rule: RuleMeta): string {
  return rule.description === ruleDescription(rule.id, 'en') ? (ruleDescription(rule.id, messageLocale()) ?? rule.description) : rule.description;
}

/** A built-in rule option's description in the run's language, likewise. */
function describeOption(rule: RuleMeta, name: string, option: RuleOption): string {
  const builtIn = ruleOptionDescription(rule.id, name, 'en', option.descriptionData);
  return option.description === builtIn ? (ruleOptionDescription(rule.id, name, messageLocale(), option.descriptionData) ?? option.description) : option.description;
}

export function registerRules(program: Command): void {
  const words = helpWords();
  program
    .command('rules')
    .description(words.rules.description)
    .argument('[workspace]', words.rules.workspace)
    .addOption(new Option('-f, --format <format>', words.format).choices(['text', 'json']).default('text'))
    .addOption(new Option('--locale <locale>', words.locale).choices(LOCALE_CHOICES))
    .action(async (workspace: string | undefined, options: { format: 'text' | 'json' }) => {
      const { loadWorkspaceRules } = await import('../pipeline/workspace-rules.js');
      const { workspaceRootOf } = await import('./workspace.js');
      // The list speaks the workspace's declared language (or --locale), like lint's findings.
      const root = workspaceRootOf(workspace);
      const rules = await loadWorkspaceRules(root);
      if (options.format === 'json') {
        const listed = rules.map((rule) => {
          const { id, defaultSeverity, docsUrl, options: ruleOptions } = rule;
          const entry: Record<string, unknown> = { id, defaultSeverity, description: describe(rule), docsUrl };
          if (ruleOptions)
            entry.options = Object.fromEntries(
              Object.entries(ruleOptions).map(([name, option]) => [
                name,
                { type: option.type, default: option.default, description: describeOption(rule, name, option) },
              ]),
            );
          return entry;
        });
        writeData(`${JSON.stringify(listed, null, 2)}\n`);
        return;
      }
      const width = Math.max(...rules.map((rule) => rule.id.length));
      for (const rule of rules) writeData(`${rule.id.padEnd(width)}  ${rule.defaultSeverity.padEnd(5)}  ${describe(rule)}\n`);
    });
}
