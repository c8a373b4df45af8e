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

/** A Markdown link target for a file path of ours ([a-zA-Z0-9_/.-] only, so nothing to escape but spaces, which ids never hold). */
const link = (file: string) => `[${escapeMarkdown(file)}](${encodeURI(file)})`;

/**
 * journey.md: every diagram under a heading in a ```mermaid block, which GitHub and
 * GitLab draw in place. Scenario flows are grouped under one heading; a view split into
 * parts gets one heading, the sentence saying how it was split, a list linking each
 * part's file, then each part under its own heading.
 */
export function buildJourney(model: Model, diagrams: readonly Diagram[]): string {
  const words = wordsFor(model.settings.locale);
  const out = [`# ${escapeMarkdown(`${words.journey} — ${model.settings.name}`)}`, '', `_${words.generated}_`, ''];
  const groupTitle = (diagram: Diagram) => {
    const views = words.views;
    return {
      matrix: views.matrix,
      'use-cases': views.useCases,
      'scenario-map': views.scenarioMap,
      scenario: views.scenarios,
      programs: views.programs,
      'data-lineage': views.dataLineage,
    }[diagram.view];
  };
  for (let start = 0; start < diagrams.length;) {
    const first = diagrams[start]!;
    let end = start + 1;
    while (end < diagrams.length && diagrams[end]!.view === first.view) end++;
    const group = diagrams.slice(start, end);
    const grouped = first.view === 'scenario' || first.split !== undefined;
    if (grouped) {
      out.push(`## ${escapeMarkdown(groupTitle(first))}`, '');
      if (first.split !== undefined) {
        out.push(`${escapeMarkdown(first.split)} ${group.length} ${words.parts}${words.colon.trimEnd()}`, '');
        for (const diagram of group) out.push(`- ${escapeMarkdown(diagram.title)} (${link(diagram.file)})`);
        out.push('');
      }
    }
    for (const diagram of group) {
      out.push(`${grouped ? '###' : '##'} ${escapeMarkdown(diagram.title)}`, '');
      if (diagram.split !== undefined) out.push(`${words.file}${words.colon}${link(diagram.file)}`, '');
      out.push('```mermaid', diagram.text.trimEnd(), '```', '');
      // `1\.` so that Markdown keeps the rank as text instead of starting a numbered list of its own.
      if (diagram.legend && diagram.legend.length > 0) out.push(...diagram.legend.map((line) => `- ${escapeMarkdown(line).replace(/^(\d+)\./, '$1\\.')}`), '');
    }
    start = end;
  }
  return `${out.join('\n').trimEnd()}\n`;
}
