import type { Command } from 'commander';
import { helpWords, writeData } from './output.js';
import { Option } from 'commander';

export function registerRules(program: Command): void {
  const words = helpWords();
  program
    .command('rules')
    .description(words.rules.description)
    .argument('[workspace]', words.rules.workspace)
    .addOption(new Option('-f, --format <format>', words.format).choices(['text', 'json']).default('text'))
    .action(async (workspace: string | undefined, options: { format: 'text' | 'json' }) => {
      const { findWorkspaceRoot } = await import('../loader/discover.js');
      const { loadWorkspaceRules } = await import('../config/workspace-rules.js');
      const { workspaceArgument } = await import('./context.js');
      const root = workspace === undefined ? findWorkspaceRoot(process.cwd()) : workspaceArgument(workspace);
      const rules = await loadWorkspaceRules(root);
      if (options.format === 'json') {
        const listed = rules.map(({ id, defaultSeverity, description, docsUrl, options: ruleOptions }) => {
          const entry: Record<string, unknown> = { id, defaultSeverity, description, docsUrl };
          if (ruleOptions)
            entry.options = Object.fromEntries(
              Object.entries(ruleOptions).map(([name, option]) => [name, { type: option.type, default: option.default, description: option.description }]),
            );
          return entry;
        });
        writeData(`${JSON.stringify(listed, null, 2)}\n`);
        return;
      }
      const width = Math.max(...rules.map((rule) => rule.id.length));
      for (const rule of rules) writeData(`${rule.id.padEnd(width)}  ${rule.defaultSeverity.padEnd(5)}  ${rule.description}\n`);
    });
}
