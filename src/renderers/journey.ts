import type { Model } from '../model/types.js';
import type { Diagram } from './types.js';
import { wordsFor } from './words.js';

/**
 * Text for a Markdown heading or paragraph: one line, Markdown punctuation
 * backslash-escaped, HTML characters as entities, so a name shows as typed and never
 * becomes a link, an emphasis, a table or a tag.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/gu, ' ')
    .trim()
    .replace(/[\\`*_[\]#|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * journey.md: every diagram under a heading in a ```mermaid block, which GitHub and
 * GitLab draw in place. Scenario flows are grouped under one heading.
 */
export function buildJourney(model: Model, diagrams: readonly Diagram[]): string {
  const words = wordsFor(model.settings.locale);
  const out = [`# ${escapeMarkdown(`${words.journey} — ${model.settings.name}`)}`, '', `_${words.generated}_`, ''];
  let inScenarios = false;
  for (const diagram of diagrams) {
    const isScenario = diagram.view === 'scenario';
    if (isScenario && !inScenarios) out.push(`## ${escapeMarkdown(words.views.scenarios)}`, '');
    inScenarios = isScenario;
    out.push(`${isScenario ? '###' : '##'} ${escapeMarkdown(diagram.title)}`, '', '```mermaid', diagram.text.trimEnd(), '```', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
