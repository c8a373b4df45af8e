import type { Command } from 'commander';
import { writeData } from './output.js';
import { Option } from 'commander';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('List every lint rule with its default severity and description.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options: { format: 'text' | 'json' }) => {
      const { RULES } = await import('../rules/index.js');
      if (options.format === 'json') {
        const rules = RULES.map(({ id, defaultSeverity, description, docsUrl }) => ({ id, defaultSeverity, description, docsUrl }));
        writeData(`${JSON.stringify(rules, null, 2)}\n`);
        return;
      }
      const width = Math.max(...RULES.map((rule) => rule.id.length));
      for (const rule of RULES) writeData(`${rule.id.padEnd(width)}  ${rule.defaultSeverity.padEnd(5)}  ${rule.description}\n`);
    });
}
