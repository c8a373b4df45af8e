import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionItem,
  type DocumentSymbol,
  type Location,
  type Position,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, lintAsLsp, LspClient, uriOf, withoutData } from './client.js';

/** Where `needle` starts in a file (0-based), plus `shift` characters; the nth occurrence when given. */
function positionOf(file: string, needle: string, shift = 0, nth = 0): Position {
  const text = readFileSync(file, 'utf8');
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${needle} not in ${file}`);
  const document = TextDocument.create('x', 'yaml', 1, text);
  return document.positionAt(offset + shift);
}

/** The text of a location's range, read back from the file. */
function textAt(location: Location): string {
  const text = readFileSync(new URL(location.uri), 'utf8');
  const document = TextDocument.create(location.uri, 'yaml', 1, text);
  return document.getText(location.range);
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'yaml', 1, text), [...edits]);
}

describe('on examples/maison-lumen', () => {
  let workspace: string;
  let client: LspClient;
  let bienvenue: string;
  let matrix: string;
  let data: string;
  beforeAll(async () => {
    workspace = copyExample('maison-lumen');
    bienvenue = path.join(workspace, 'scenarios/bienvenue.yaml');
    matrix = path.join(workspace, 'matrix.yaml');
    data = path.join(workspace, 'data.yaml');
    client = await LspClient.start(workspace);
    await client.open(bienvenue);
  });
  afterAll(() => client.stop());

  const request = <R>(type: { method: string }, params: object) => client.connection.sendRequest(type.method, params) as Promise<R>;
  const at = (file: string, position: Position) => ({ textDocument: { uri: uriOf(file) }, position });

  it('completes channel ids in a step, with the channel name as detail', async () => {
    const items = await request<CompletionItem[]>(CompletionRequest.type, at(bienvenue, positionOf(bienvenue, 'channel: email', 'channel: '.length)));
    const email = items.find((item) => item.label === 'email');
    expect(email?.detail).toBe('Email');
    expect(items.map((item) => item.label)).toContain('sms');
    expect(items.every((item) => !item.label.startsWith('email-'))).toBe(true); // touchpoints are not channels
  });

  it.each([
    ['program', 'program: ', 'programs'],
    ['lifecycle', 'lifecycle: ', 'lifecycle'],
    ['target', 'target: ', 'targets'],
    ['useCases (flow list)', 'useCases: [', 'useCases'],
    ['variables (block list)', '      - first_name', 'variables'],
  ])('completes ids of the right section in %s', async (_, needle, section) => {
    const shift = needle.startsWith('      - ') ? needle.length - 'first_name'.length : needle.length;
    const items = await request<CompletionItem[]>(CompletionRequest.type, at(bienvenue, positionOf(bienvenue, needle, shift)));
    expect(items.length).toBeGreaterThan(0);
    const yamlText = readFileSync(
      path.join(
        workspace,
        section === 'useCases'
          ? 'use-cases.yaml'
          : section === 'variables'
            ? 'data.yaml'
            : section === 'lifecycle' || section === 'targets' || section === 'programs'
              ? 'programs.yaml'
              : 'matrix.yaml',
      ),
      'utf8',
    );
    for (const item of items) expect(yamlText).toContain(`id: ${item.label}`);
  });

  it("completes {{variables}} in a subject from the scenario's own variables", async () => {
    const text = readFileSync(bienvenue, 'utf8').replace('subject: "Bienvenue chez Maison Lumen, {{first_name}}"', 'subject: "Bienvenue chez Maison Lumen, {{fi');
    await client.change(bienvenue, text);
    const position = TextDocument.create('x', 'yaml', 1, text).positionAt(text.indexOf('{{fi') + 4);
    const items = await request<CompletionItem[]>(CompletionRequest.type, at(bienvenue, position));
    const scenarioVariables = ['first_name', 'email_optin'];
    for (const name of scenarioVariables) expect(items.map((item) => item.label)).toContain(name);
    expect(items.find((item) => item.label === 'first_name')?.detail).toBe('Prénom');
    expect(items[0]!.textEdit).toMatchObject({ newText: items[0]!.label, range: { start: { line: position.line, character: position.character - 2 } } });
    await client.change(bienvenue, readFileSync(bienvenue, 'utf8'), 3);
  });

  it('completes section names at the top level and fields from the schema in a step', async () => {
    const text = readFileSync(bienvenue, 'utf8');
    const top = await request<CompletionItem[]>(CompletionRequest.type, at(bienvenue, { line: text.split('\n').length - 1, character: 0 }));
    expect(top.map((item) => item.label)).toEqual([
      'stages',
      'channels',
      'touchpoints',
      'lifecycle',
      'targets',
      'programs',
      'useCases',
      'scenarios',
      'sources',
      'variables',
      'events',
      'personas',
    ]);
    // In the workspace's language (maison-lumen is French).
    expect(top.find((item) => item.label === 'useCases')?.detail).toBe('cas d’usage');
    const withKey = text.replace('        channel: email\n', '        channel: email\n        \n');
    await client.change(bienvenue, withKey, 4);
    const line = withKey.slice(0, withKey.indexOf('        channel: email\n        \n') + '        channel: email\n'.length).split('\n').length - 1;
    const fields = await request<CompletionItem[]>(CompletionRequest.type, at(bienvenue, { line, character: 8 }));
    expect(fields.map((item) => item.label).sort()).toEqual([
      'after',
      'channel',
      'decision',
      'description',
      'end',
      'fallback',
      'goto',
      'id',
      'message',
      'name',
      'purpose',
      'split',
      'subject',
      'wait',
    ]);
    await client.change(bienvenue, text, 5);
  });

  it('goes to the declaration of a channel in another file', async () => {
    const locations = await request<Location[]>(DefinitionRequest.type, at(bienvenue, positionOf(bienvenue, 'channel: email', 'channel: '.length + 2)));
    expect(locations).toEqual([{ uri: uriOf(matrix), range: { start: positionOf(matrix, '  - id: email\n', 8), end: positionOf(matrix, '  - id: email\n', 13) } }]);
  });

  it('goes from a {{variable}} in a subject to the variable it names', async () => {
    const locations = await request<Location[]>(DefinitionRequest.type, at(bienvenue, positionOf(bienvenue, '{{first_name}}', 4)));
    expect(locations).toEqual([{ uri: uriOf(data), range: { start: positionOf(data, 'id: first_name', 4), end: positionOf(data, 'id: first_name', 14) } }]);
  });

  it('finds every use of a variable across files, templates included, and its declaration', async () => {
    const locations = await request<Location[]>(ReferencesRequest.type, { ...at(data, positionOf(data, 'id: first_name', 5)), context: { includeDeclaration: true } });
    expect(locations.every((location) => textAt(location) === 'first_name')).toBe(true);
    expect(locations[0]!.uri).toBe(uriOf(data));
    const files = new Set(locations.map((location) => path.basename(new URL(location.uri).pathname)));
    expect(files.has('bienvenue.yaml')).toBe(true);
    // bienvenue.yaml: one in variables, three {{first_name}} in templates.
    const inBienvenue = locations.filter((location) => location.uri === uriOf(bienvenue));
    const expectedCount = (readFileSync(bienvenue, 'utf8').match(/first_name/g) ?? []).length;
    expect(inBienvenue).toHaveLength(expectedCount);
  });

  it("hovers a touchpoint with its kind, name, status and uses, in the workspace's language", async () => {
    const useCases = path.join(workspace, 'use-cases.yaml');
    const text = readFileSync(useCases, 'utf8');
    const id = /touchpoints:\n\s+- ([a-z0-9-]+)/.exec(text)![1]!;
    const hover = await request<{ contents: { value: string } }>(HoverRequest.type, at(useCases, positionOf(useCases, `- ${id}\n`, 3)));
    expect(hover.contents.value).toMatch(new RegExp(`^\\*\\*point de contact\\*\\* \`${id}\` — `));
    expect(hover.contents.value).toMatch(/statut : (normal|friction|opportunity)/);
    expect(hover.contents.value).toMatch(/utilisé \d+ fois dans use-cases\.yaml/);
    expect(hover.contents.value).toContain('déclaré dans matrix.yaml');
  });

  it('renames a channel across files, editing only the id characters, and refuses an existing id', async () => {
    const prepare = await request<unknown>(PrepareRenameRequest.type, at(matrix, positionOf(matrix, '  - id: email\n', 9)));
    expect(prepare).toEqual({ start: positionOf(matrix, '  - id: email\n', 8), end: positionOf(matrix, '  - id: email\n', 13) });
    const edit = await request<WorkspaceEdit>(RenameRequest.type, { ...at(matrix, positionOf(matrix, '  - id: email\n', 9)), newName: 'courriel' });
    const changes = edit.changes!;
    expect(Object.keys(changes).length).toBeGreaterThan(5);
    for (const [uri, edits] of Object.entries(changes)) {
      const before = readFileSync(new URL(uri), 'utf8');
      for (const textEdit of edits) expect(textAt({ uri, range: textEdit.range })).toBe('email');
      const after = applyEdits(before, edits);
      // Comments and layout untouched: the files differ only where "email" became "courriel".
      expect(after.replace(/courriel/g, 'email')).toBe(before.replace(/courriel/g, 'email'));
      expect(after.split('\n')).toHaveLength(before.split('\n').length);
    }
    await expect(request(RenameRequest.type, { ...at(matrix, positionOf(matrix, '  - id: email\n', 9)), newName: 'sms' })).rejects.toThrow('canal « sms » existe déjà');
    await expect(request(RenameRequest.type, { ...at(matrix, positionOf(matrix, '  - id: email\n', 9)), newName: 'Not An Id' })).rejects.toThrow(
      'n’est pas un identifiant valide',
    );
  });

  it('outlines sections and their entities', async () => {
    const symbols = await request<DocumentSymbol[]>(DocumentSymbolRequest.type, { textDocument: { uri: uriOf(matrix) } });
    expect(symbols.map((symbol) => symbol.name)).toEqual(['stages', 'channels', 'touchpoints']);
    expect(symbols[0]!.children![0]).toMatchObject({
      name: 'renseignement',
      detail: 'Je me renseigne',
      selectionRange: { start: { line: 5, character: 8 }, end: { line: 5, character: 21 } },
    });
  });
});

describe('code actions on examples/gaps', () => {
  let workspace: string;
  let client: LspClient;
  let scenarios: string;
  beforeAll(async () => {
    workspace = copyExample('gaps');
    scenarios = path.join(workspace, 'scenarios.yaml');
    client = await LspClient.start(workspace);
    await client.open(scenarios);
    await client.waitFor(() => (client.diagnostics.get(uriOf(scenarios))?.length ?? 0) > 0);
    await client.settle();
  });
  afterAll(() => client.stop());

  const actionsFor = async (ruleId: string, message: RegExp) => {
    const diagnostic = client.diagnostics.get(uriOf(scenarios))!.find((candidate) => candidate.code === ruleId && message.test(candidate.message));
    expect(diagnostic, `${ruleId} ${message}`).toBeDefined();
    const actions = await client.connection.sendRequest(CodeActionRequest.method, {
      textDocument: { uri: uriOf(scenarios) },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic] },
    });
    return actions as Array<{ title: string; edit: WorkspaceEdit }>;
  };

  it('adds the consent variable lint suggests to the scenario; the warning goes away', async () => {
    const [action] = await actionsFor('missing-consent', /scenario "birthday" sends on sms/);
    expect(action!.title).toBe('Add consent variable sms_optin to scenario birthday');
    const before = readFileSync(scenarios, 'utf8');
    const after = applyEdits(before, action!.edit.changes![uriOf(scenarios)]!);
    await client.change(scenarios, after);
    await client.waitFor(() => !client.diagnostics.get(uriOf(scenarios))!.some((diagnostic) => diagnostic.code === 'missing-consent'));
    expect(after.split('\n').length - before.split('\n').length).toBeLessThanOrEqual(1);
    await client.change(scenarios, before, 3);
    await client.waitFor(() => client.diagnostics.get(uriOf(scenarios))!.some((diagnostic) => diagnostic.code === 'missing-consent'));
  });

  it('declares a template variable in the scenario, and replaces a misspelt channel with the one lint means', async () => {
    const [declare] = await actionsFor('undeclared-template-variable', /"first_name" is not among the variables of scenario "welcome"/);
    expect(declare!.title).toBe('Declare first_name in the variables of scenario welcome');
    const before = readFileSync(scenarios, 'utf8');
    let text = applyEdits(before, declare!.edit.changes![uriOf(scenarios)]!);
    text = text.replace('channel: email\n        subject: "Last call', 'channel: emial\n        subject: "Last call');
    await client.change(scenarios, text, 4);
    await client.waitFor(() => client.diagnostics.get(uriOf(scenarios))!.some((diagnostic) => diagnostic.message === 'unknown channel "emial"'));
    expect(
      client.diagnostics.get(uriOf(scenarios))!.some((diagnostic) => diagnostic.code === 'undeclared-template-variable' && diagnostic.message.includes('"first_name"')),
    ).toBe(false);
    const [replace] = await actionsFor('unknown-reference', /unknown channel "emial"/);
    expect(replace!.title).toBe('Replace with "email"');
    text = applyEdits(text, replace!.edit.changes![uriOf(scenarios)]!);
    await client.change(scenarios, text, 5);
    await client.waitFor(() => !client.diagnostics.get(uriOf(scenarios))!.some((diagnostic) => diagnostic.message.includes('emial')));
    await client.change(scenarios, before, 6);
    await client.waitFor(() =>
      client.diagnostics.get(uriOf(scenarios))!.some((diagnostic) => diagnostic.code === 'undeclared-template-variable' && diagnostic.message.includes('"first_name"')),
    );
    await client.settle(200);
  });

  it('declares a missing variable under variables:, in the style of the others', async () => {
    const [action] = await actionsFor('unknown-reference', /unknown variable "loyalty_tier"/);
    expect(action!.title).toBe('Declare variable loyalty_tier under variables:');
    const [[uri, edits]] = Object.entries(action!.edit.changes!) as [[string, TextEdit[]]];
    expect(path.basename(new URL(uri).pathname)).toBe('data.yaml');
    const after = applyEdits(readFileSync(new URL(uri), 'utf8'), edits);
    expect(after).toContain('  - id: loyalty_tier\n    name: loyalty_tier\n    sources: []');
  });
});

describe('quick fixes in a French workspace (locale: fr)', () => {
  let workspace: string;
  let client: LspClient;
  let scenarios: string;
  beforeAll(async () => {
    workspace = copyExample('gaps');
    const settings = path.join(workspace, 'omni.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace(/^locale: en$/m, 'locale: fr'));
    scenarios = path.join(workspace, 'scenarios.yaml');
    client = await LspClient.start(workspace);
    await client.open(scenarios);
    await client.waitFor(() => (client.diagnostics.get(uriOf(scenarios))?.length ?? 0) > 0);
    await client.settle();
  });
  afterAll(() => client.stop());

  const actionsFor = async (ruleId: string, message: string) => {
    const diagnostic = client.diagnostics.get(uriOf(scenarios))!.find((candidate) => candidate.code === ruleId && candidate.message === message);
    expect(diagnostic, `${ruleId} ${message}`).toBeDefined();
    const actions = await client.connection.sendRequest(CodeActionRequest.method, {
      textDocument: { uri: uriOf(scenarios) },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic] },
    });
    return actions as Array<{ title: string; edit: WorkspaceEdit }>;
  };

  it('declares a missing variable: the finding is recognised by its message id, not its English text', async () => {
    const actions = await actionsFor('unknown-reference', 'référence inconnue : variable « loyalty_tier »');
    expect(actions.map((action) => action.title)).toEqual(['Déclarer la variable loyalty_tier sous variables:']);
    const [[uri, edits]] = Object.entries(actions[0]!.edit.changes!) as [[string, TextEdit[]]];
    expect(path.basename(new URL(uri).pathname)).toBe('data.yaml');
    expect(applyEdits(readFileSync(new URL(uri), 'utf8'), edits)).toContain('  - id: loyalty_tier\n    name: loyalty_tier\n    sources: []');
  });

  it('adds the consent variable and the template variable, titled in French', async () => {
    const [consent] = await actionsFor(
      'missing-consent',
      'le scénario « birthday » envoie sur sms, soumis à consentement, sans déclarer de variable de consentement pour ce canal',
    );
    expect(consent!.title).toBe('Ajouter la variable de consentement sms_optin au scénario birthday');
    const [declare] = await actionsFor('undeclared-template-variable', '« first_name » ne figure pas parmi les variables du scénario « welcome »');
    expect(declare!.title).toBe('Déclarer first_name dans les variables du scénario welcome');
  });

  it('hovers in French', async () => {
    const hover = (await client.connection.sendRequest(HoverRequest.method, {
      textDocument: { uri: uriOf(scenarios) },
      position: positionOf(scenarios, 'channel: sms', 'channel: '.length),
    })) as { contents: { value: string } };
    expect(hover.contents.value).toMatch(/^\*\*canal\*\* `sms` — /);
    expect(hover.contents.value).toMatch(/utilisé \d+ fois dans /);
    expect(hover.contents.value).toContain('déclaré dans ');
  });
});

describe('diagnostics carry what editors link to', () => {
  it('code is the rule id and codeDescription the rule page, as in lint', async () => {
    const workspace = copyExample('gaps');
    const expected = await lintAsLsp(workspace);
    const client = await LspClient.start(workspace);
    try {
      const file = path.join(workspace, 'data.yaml');
      await client.open(file);
      await client.waitFor(() => client.diagnostics.has(uriOf(file)));
      const first = client.diagnostics.get(uriOf(file))![0]!;
      expect(first.code).toBe('unused-source');
      expect(first.codeDescription?.href).toBe('https://github.com/omni-journey/omni/blob/main/docs/rules/unused-source.md');
      expect(withoutData(client.diagnostics.get(uriOf(file)))).toEqual(expected.get(uriOf(file)));
    } finally {
      await client.stop();
    }
  });
});
