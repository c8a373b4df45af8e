import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Features } from '../../src/lsp/features.js';
import { WorkspaceSession } from '../../src/pipeline/session.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function open(example: string, settings = '', files: Record<string, string> = {}) {
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-mentions-')), 'ws');
  cpSync(path.join(ROOT, 'examples', example), root, { recursive: true });
  if (settings) appendFileSync(path.join(root, 'omni.yaml'), settings);
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
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

  it('follows the ids of custom rules’ where: filters: definition, completion, references and rename', async () => {
    const { root, features, at, where } = await open(
      'gaps',
      'customRules:\n  - { id: sms-brand, description: SMS name the brand, severity: warn, given: scenarios.steps, where: { channel: [sms, mail] }, field: message, pattern: Lumen }\n  - id: vip-owner\n    description: VIP scenarios have an owner\n    severity: warn\n    given: scenarios\n    where:\n      target: all\n    field: owner\n    required: true\n',
    );
    const filter = at('omni.yaml', 'channel: [sms', 'channel: ['.length + 1);
    expect((await features.definition('omni.yaml', filter.text, filter.line, filter.character)).map(where)).toEqual([
      `matrix.yaml:${lineOf(root, 'matrix.yaml', 'id: sms')}`,
    ]);
    const typed = await features.completion('omni.yaml', filter.text, filter.line, filter.character);
    expect(typed.map((item) => item.label)).toEqual(['web', 'email', 'sms', 'mail']);
    const target = at('omni.yaml', 'target: all', 'target: '.length + 1);
    expect((await features.definition('omni.yaml', target.text, target.line, target.character)).length).toBe(1);
    const channel = at('matrix.yaml', 'id: sms', 'id: '.length + 1);
    const uses = (await features.references('matrix.yaml', channel.text, channel.line, channel.character, false)).map(where);
    expect(uses).toContain(`omni.yaml:${filter.line + 1}`);
    const renamed = (await features.rename('matrix.yaml', channel.text, channel.line, channel.character, 'texto')) as {
      changes: Record<string, Array<{ range: { start: { line: number; character: number } } }>>;
    };
    const config = renamed.changes[pathToFileURL(path.join(root, 'omni.yaml')).href] ?? [];
    // quietHours' channel (line 11), then the filter's.
    expect(config.map((edit) => `${edit.range.start.line + 1}:${edit.range.start.character + 1}`)).toEqual(['11:54', `${filter.line + 1}:${filter.character}`]);
  });

  it('goes to a channel from a plugin option that names channels, whatever the option’s key', async () => {
    const plugin =
      "export const rules = [{ id: 'acme-quiet', description: 'x', defaultSeverity: 'warn', options: { sendVia: { type: 'string[]', default: [], names: 'channels', description: 'channels' } }, check() {} }];\n";
    const { features, at, where, root } = await open('gaps', 'plugins: [./acme.mjs]\nrules:\n  acme-quiet: [warn, { sendVia: [email] }]\n', { 'acme.mjs': plugin });
    const option = at('omni.yaml', 'sendVia: [email', 'sendVia: ['.length + 2);
    expect((await features.definition('omni.yaml', option.text, option.line, option.character)).map(where)).toEqual([
      `matrix.yaml:${lineOf(root, 'matrix.yaml', 'id: email')}`,
    ]);
    expect(await features.prepareRename('omni.yaml', option.text, option.line, option.character)).toEqual({
      start: { line: option.line, character: option.character - 2 },
      end: { line: option.line, character: option.character + 3 },
    });
    // Completion offers channels there too, as it does under `channels:`.
    const typing = at('omni.yaml', 'sendVia: [email', 'sendVia: ['.length + 1);
    expect((await features.completion('omni.yaml', typing.text, typing.line, typing.character)).map((item) => item.label)).toEqual(['web', 'email', 'sms', 'mail']);
    // A word that is no mention there stays nothing.
    const key = at('omni.yaml', 'sendVia: [email', 2);
    expect(await features.definition('omni.yaml', key.text, key.line, key.character)).toEqual([]);
  });
});

/** 1-based line of the first `needle` in a workspace file. */
function lineOf(root: string, file: string, needle: string): number {
  const text = readFileSync(path.join(root, file), 'utf8');
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}
