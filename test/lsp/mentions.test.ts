import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Features } from '../../src/lsp/features.js';
import { WorkspaceSession } from '../../src/pipeline/session.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function open(example: string, settings = '') {
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-mentions-')), 'ws');
  cpSync(path.join(ROOT, 'examples', example), root, { recursive: true });
  if (settings) appendFileSync(path.join(root, 'omni.yaml'), settings);
  const session = await WorkspaceSession.open(root);
  await session.check();
  const features = new Features(session);
  /** Line (0-based) and character of the first `needle` in the file, `offset` characters into it. */
  const at = (file: string, needle: string, offset = 0) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    const index = text.indexOf(needle);
    expect(index, `${needle} in ${file}`).toBeGreaterThanOrEqual(0);
    const before = text.slice(0, index + offset);
    return { text, line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
  };
  const where = (location: { uri: string; range: { start: { line: number } } }) =>
    `${path.relative(root, new URL(location.uri).pathname)}:${location.range.start.line + 1}`;
  return { root, features, at, where };
}

// Ids that name an entity without unknown-reference checking them (events, the scenario of an
// assumption, omni.yaml's channels) are found, defined, counted and renamed like references.
describe('the language server follows ids that events, personas and omni.yaml mention', () => {
  it('goes to an event from the wait that listens for it, and finds every use of it', async () => {
    const { features, at, where } = await open('maison-lumen');
    const { text, line, character } = at('scenarios/anniversaire.yaml', 'event: store_visit', 'event: '.length + 1);
    expect((await features.definition('scenarios/anniversaire.yaml', text, line, character)).map(where)).toEqual(['data.yaml:158']);
    const uses = (await features.references('scenarios/anniversaire.yaml', text, line, character, false)).map(where);
    expect(uses).toEqual(expect.arrayContaining(['scenarios/anniversaire.yaml:39', 'personas.yaml:16']));
    const hover = await features.hover('scenarios/anniversaire.yaml', text, line, character);
    expect(JSON.stringify(hover?.contents)).toContain('personas.yaml');
  });

  it('renames a scenario from the assumption of a persona, and a channel into omni.yaml’s pressure caps and rule options, overrides’ too', async () => {
    const { root, features, at } = await open(
      'gaps',
      'rules:\n  sms-length: [warn, { channels: [sms, email] }]\noverrides:\n  - files: [scenarios.yaml]\n    rules: { sms-length: [warn, { channels: [email] }] }\n',
    );
    const assumption = at('personas.yaml', 'scenario: browse-abandoned', 'scenario: '.length + 1);
    const renamed = await features.rename('personas.yaml', assumption.text, assumption.line, assumption.character, 'browsing');
    expect('changes' in renamed).toBe(true);
    const files = (uri: string) => path.relative(root, new URL(uri).pathname);
    const edited = Object.entries((renamed as { changes: Record<string, unknown[]> }).changes).map(([uri, edits]) => [files(uri), edits.length]);
    expect(edited).toEqual(
      expect.arrayContaining([
        ['personas.yaml', 1],
        ['scenarios.yaml', 1],
      ]),
    );
    const channel = at('matrix.yaml', 'id: email', 'id: '.length + 1);
    const channelResult = await features.rename('matrix.yaml', channel.text, channel.line, channel.character, 'courriel');
    expect(channelResult).not.toHaveProperty('refused');
    const channelRename = channelResult as { changes: Record<string, Array<{ range: { start: { line: number } } }>> };
    const config = channelRename.changes[pathToFileURL(path.join(root, 'omni.yaml')).href];
    // The pressure cap, the rule option (line 13) and the override's (line 16).
    expect(config?.map((edit) => edit.range.start.line + 1)).toEqual([10, 13, 16]);
  });
});
