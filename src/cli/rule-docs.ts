import { existsSync, readFileSync } from 'node:fs';
import type { RuleMeta } from '../rules/create-rule.js';

/** docs/rules/ as shipped in the package (package.json `files` includes docs). */
const RULE_DOCS = new URL('../../docs/rules/', import.meta.url);

/** Each rule's doc page (Markdown), by rule id; a rule without a page is left out. */
export function readRuleDocs(rules: readonly RuleMeta[]): Map<string, string> {
  const pages = new Map<string, string>();
  for (const rule of rules) {
    const page = new URL(`${rule.id}.md`, RULE_DOCS);
    if (existsSync(page)) pages.set(rule.id, readFileSync(page, 'utf8'));
  }
  return pages;
}
