import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { validateDocument } from '../../src/schema/validate.js';
import { runRule } from './run-rule.js';

const docs = path.resolve(import.meta.dirname, '../../docs/rules');

/** The body of a `## heading` section, up to the next `## `. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const rest = page.slice(start + heading.length + 5);
  const end = rest.indexOf('\n## ');
  return end < 0 ? rest : rest.slice(0, end);
}

/** The first fenced block of a language in a section. */
function fenced(text: string, language: string): string {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(text);
  if (!match) throw new Error(`no \`\`\`${language} block`);
  return match[1]!;
}

/** A second yaml block starting with `# omni.yaml` holds the settings the example needs (pressure, quiet hours). */
function settingsOf(text: string): Record<string, string> {
  const match = /```yaml\n(# omni\.yaml\n[\s\S]*?)```/.exec(text);
  return match ? { 'omni.yaml': match[1]! } : {};
}

describe('rule documentation', () => {
  const index = readFileSync(path.join(docs, 'README.md'), 'utf8');

  for (const rule of RULES) {
    describe(rule.id, () => {
      const file = path.join(docs, `${rule.id}.md`);
      const page = existsSync(file) ? readFileSync(file, 'utf8') : '';

      it('has a page that its docsUrl points at', () => {
        expect(rule.docsUrl.endsWith(`docs/rules/${rule.id}.md`)).toBe(true);
        expect(existsSync(file)).toBe(true);
      });

      it('states its id and default severity, and is listed in the index with that severity', () => {
        expect(page.split('\n')[0]).toMatch(new RegExp(`^# ${rule.id}: \\S`));
        expect(page).toContain(`**Default severity:** ${rule.defaultSeverity}`);
        expect(index).toContain(`| [${rule.id}](${rule.id}.md) | ${rule.defaultSeverity} |`);
        for (const heading of ['Why it matters', 'Bad example', 'Good example', 'Configuration']) expect(page).toContain(`\n## ${heading}\n`);
      });

      it('has a bad example that yields exactly the diagnostics the page shows', async () => {
        const bad = section(page, 'Bad example');
        const diagnostics = await runRule(rule.id, { 'bad.yaml': fenced(bad, 'yaml'), ...settingsOf(bad) });
        const shown = fenced(bad, 'text').trim().split('\n');
        expect(diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual(shown);
      });

      it('has a good example the rule accepts', async () => {
        const goodSection = section(page, 'Good example');
        expect(await runRule(rule.id, { 'good.yaml': fenced(goodSection, 'yaml'), ...settingsOf(goodSection) })).toEqual([]);
      });

      it('shows a valid omni.yaml setting for this rule', async () => {
        const config = jsYaml.load(fenced(section(page, 'Configuration'), 'yaml')) as { rules: Record<string, string> };
        expect(Object.keys(config.rules)).toEqual([rule.id]);
        expect(await validateDocument('config', config, 'omni.yaml')).toEqual([]);
      });
    });
  }

  it('indexes exactly the rules omni has, in the order `omni rules` lists them', () => {
    const listed = [...index.matchAll(/^\| \[([a-z-]+)\]\(\1\.md\) \|/gm)].map((match) => match[1]);
    expect(listed).toEqual(RULES.map((rule) => rule.id));
  });
});

describe('the README', () => {
  it('lists every rule in its rule table, in RULES order, with its default severity', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| ([a-z][a-z-]+) \| (error|warn|off) \|/gm)].map((match) => `${match[1]} ${match[2]}`);
    expect(rows).toEqual(RULES.map((rule) => `${rule.id} ${rule.defaultSeverity}`));
  });
});
