// Step ids in the editor: a step's `id:`, a `goto:` and a persona's `assume: … step:` name
// the same step of one scenario. Before, the server read a step's `id:` as a scenario id:
// hover said "unknown scenario", and renaming a step whose id is also a scenario's renamed
// that scenario across the plan instead.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionItem,
  type DocumentSymbol,
  type Hover,
  type Location,
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../rules/run-rule.js';
import { LspClient, uriOf } from './client.js';

const FLOWS = `scenarios:
  - id: welcome
    name: Welcome
    program: conversion
    lifecycle: activation
    target: all
    trigger: { type: event, event: signed_up }
    variables: [email_optin]
    steps:
      - { id: hello, after: "0", channel: email, subject: Hello }
  - id: nag
    name: Weekly nag
    program: conversion
    lifecycle: activation
    target: all
    trigger: { type: event, event: cart_abandoned }
    variables: [email_optin]
    steps:
      - id: welcome
        after: "0"
        channel: email
        subject: Come back
      - id: test-offer
        split:
          branches:
            - { name: discount, percent: 50, steps: [{ after: "0", channel: email, subject: "-10%" }] }
            - { name: plain, percent: 50 }
      - wait:
          timeout: 7d
          until:
            - { event: order_placed, steps: [{ end: true }] }
      - goto: welcome
`;
const PERSONAS = `personas:
  - id: camille
    name: Camille
    target: all
    assume:
      - { scenario: nag, step: test-offer, branch: discount }
      - scenario: nag
        step: test-offer
        branch: plain
    events:
      - { event: cart_abandoned, at: "0 10:00" }
`;

function positionOf(text: string, needle: string, shift = 0, nth = 0): Position {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${needle} not found`);
  return TextDocument.create('x', 'yaml', 1, text).positionAt(offset + shift);
}

describe('step ids in the language server', () => {
  let root: string;
  let flows: string;
  let personas: string;
  let client: LspClient;
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'omni-lsp-steps-'));
    writeFileSync(path.join(root, 'omni.yaml'), 'name: steps\nlocale: en\n');
    for (const [file, text] of Object.entries(BASE)) writeFileSync(path.join(root, file), text);
    flows = path.join(root, 'flows.yaml');
    personas = path.join(root, 'personas.yaml');
    writeFileSync(flows, FLOWS);
    writeFileSync(personas, PERSONAS);
    client = await LspClient.start(root);
    await client.open(flows);
    await client.open(personas);
  });
  afterAll(() => client.stop());

  const request = <R>(type: { method: string }, params: object) => client.connection.sendRequest(type.method, params) as Promise<R>;
  const at = (file: string, needle: string, shift = 0, nth = 0) => ({
    textDocument: { uri: uriOf(file) },
    position: positionOf(readFileSync(file, 'utf8'), needle, shift, nth),
  });
  const range = (file: string, needle: string, shift: number, length: number, nth = 0) => {
    const start = positionOf(readFileSync(file, 'utf8'), needle, shift, nth);
    return { start, end: { line: start.line, character: start.character + length } };
  };
  const offerDeclaration = () => ({ uri: uriOf(flows), range: range(flows, 'id: test-offer', 4, 10) });
  const offerAssumptions = () => [
    { uri: uriOf(personas), range: range(personas, 'step: test-offer', 6, 10, 0) },
    { uri: uriOf(personas), range: range(personas, 'step: test-offer', 6, 10, 1) },
  ];

  it("hovers a step's id with its scenario, its kind and who names it", async () => {
    const hover = await request<Hover>(HoverRequest.type, at(flows, 'id: test-offer', 6));
    expect(hover.contents).toEqual({ kind: 'markdown', value: '**step** `test-offer` of scenario `nag`\n\n`split`\n\nused 2 times in personas.yaml' });
    const step = await request<Hover>(HoverRequest.type, at(flows, '      - id: welcome', 14));
    expect(step.contents).toEqual({ kind: 'markdown', value: '**step** `welcome` of scenario `nag`\n\n`email`\n\nused 1 time in flows.yaml' });
  });

  it('goes from a goto, and from an assumption in another file, to the step', async () => {
    expect(await request<Location[]>(DefinitionRequest.type, at(flows, 'goto: welcome', 7))).toEqual([
      { uri: uriOf(flows), range: range(flows, '      - id: welcome', 12, 7) },
    ]);
    expect(await request<Location[]>(DefinitionRequest.type, at(personas, 'step: test-offer', 8))).toEqual([offerDeclaration()]);
  });

  it("finds a step's uses: the assumptions that name it (flow and block entries)", async () => {
    expect(await request<Location[]>(ReferencesRequest.type, { ...at(flows, 'id: test-offer', 5), context: { includeDeclaration: true } })).toEqual([
      offerDeclaration(),
      ...offerAssumptions(),
    ]);
  });

  it('renames a step whose id is also a scenario id: the step and its goto, not the scenario', async () => {
    const edit = await request<WorkspaceEdit>(RenameRequest.type, { ...at(flows, '      - id: welcome', 13), newName: 'comeback' });
    expect(edit.changes).toEqual({
      [uriOf(flows)]: [
        { range: range(flows, '      - id: welcome', 12, 7), newText: 'comeback' },
        { range: range(flows, 'goto: welcome', 6, 7), newText: 'comeback' },
      ],
    });
    // The scenario `welcome` is renamed from its own id, with nothing of the step.
    const scenario = await request<WorkspaceEdit>(RenameRequest.type, { ...at(flows, '  - id: welcome', 8), newName: 'hello-scenario' });
    expect(scenario.changes).toEqual({ [uriOf(flows)]: [{ range: range(flows, '  - id: welcome', 8, 7), newText: 'hello-scenario' }] });
  });

  it('renames a step written as a flow mapping, only the characters of its id', async () => {
    const edit = await request<WorkspaceEdit>(RenameRequest.type, { ...at(flows, '{ id: hello', 7), newName: 'greeting' });
    expect(edit.changes).toEqual({ [uriOf(flows)]: [{ range: range(flows, '{ id: hello', 6, 5), newText: 'greeting' }] });
  });

  it('renames a step from an assumption; refuses an id the scenario already has', async () => {
    const edit = await request<WorkspaceEdit>(RenameRequest.type, { ...at(personas, 'step: test-offer', 7, 1), newName: 'offer-test' });
    expect(edit.changes).toEqual({
      [uriOf(flows)]: [{ range: offerDeclaration().range, newText: 'offer-test' }],
      [uriOf(personas)]: offerAssumptions().map((location) => ({ range: location.range, newText: 'offer-test' })),
    });
    await expect(request(RenameRequest.type, { ...at(flows, 'id: test-offer', 5), newName: 'welcome' })).rejects.toThrow('scenario nag already has a step "welcome"');
  });

  it('refuses to rename an `id:` the model does not hold there, rather than the entity of that id elsewhere', async () => {
    const text = readFileSync(flows, 'utf8');
    // A second scenario `welcome` the schema rejects (no name): the model holds only the first.
    const twice = `${text}  - id: welcome\n    program: conversion\n`;
    await client.change(flows, twice, 4);
    const second = positionOf(twice, '\n  - id: welcome', 9, 1);
    await expect(request(RenameRequest.type, { textDocument: { uri: uriOf(flows) }, position: second, newName: 'other' })).rejects.toThrow(
      'there is no id to rename here',
    );
    await client.change(flows, text, 5);
  });

  it('completes the steps a goto can name, and the splits and decisions an assumption can', async () => {
    const text = readFileSync(flows, 'utf8');
    const typing = text.replace('      - goto: welcome\n', '      - goto: \n');
    await client.change(flows, typing, 2);
    const gotoAt = positionOf(typing, '- goto: ', 8);
    const steps = await request<CompletionItem[]>(CompletionRequest.type, { textDocument: { uri: uriOf(flows) }, position: gotoAt });
    expect(steps.map((item) => item.label)).toEqual(['welcome', 'test-offer']);
    await client.change(flows, text, 3);
    const story = readFileSync(personas, 'utf8');
    const assuming = story.replace('        step: test-offer\n', '        step: \n');
    await client.change(personas, assuming, 2);
    const assumed = await request<CompletionItem[]>(CompletionRequest.type, {
      textDocument: { uri: uriOf(personas) },
      position: positionOf(assuming, '        step: ', 14),
    });
    expect(assumed.map((item) => item.label)).toEqual(['test-offer']);
    // And after `branch:`, the branches of that split (and control, where a split has a control group).
    const branching = story.replace('{ scenario: nag, step: test-offer, branch: discount }', '{ scenario: nag, step: test-offer, branch:  }');
    await client.change(personas, branching, 4);
    const named = await request<CompletionItem[]>(CompletionRequest.type, { textDocument: { uri: uriOf(personas) }, position: positionOf(branching, 'branch:  }', 8) });
    expect(named.map((item) => item.label)).toEqual(['discount', 'plain']);
    await client.change(personas, story, 5);
  });

  it('completes events with those the plan names but does not declare, with where they are used', async () => {
    const text = readFileSync(flows, 'utf8');
    const typing = text.replace('    trigger: { type: event, event: signed_up }\n', '    trigger: { type: event, event: signed_up }\n    exit: []\n');
    await client.change(flows, typing, 6);
    const events = await request<CompletionItem[]>(CompletionRequest.type, { textDocument: { uri: uriOf(flows) }, position: positionOf(typing, 'exit: []', 7) });
    expect(events.map((item) => [item.label, item.detail])).toEqual([
      ['cart_abandoned', 'used 3 times in base.yaml, flows.yaml, personas.yaml'],
      ['signed_up', 'used 1 time in flows.yaml'],
      ['order_placed', 'used 1 time in flows.yaml'],
    ]);
    await client.change(flows, text, 7);
  });

  it("outlines a scenario's steps, and under a branching step its branches and their steps", async () => {
    const symbols = await request<DocumentSymbol[]>(DocumentSymbolRequest.type, { textDocument: { uri: uriOf(flows) } });
    const outline = (list: readonly DocumentSymbol[] | undefined): unknown[] =>
      (list ?? []).map((symbol) => (symbol.children ? [symbol.name, outline(symbol.children)] : symbol.name));
    expect(outline(symbols)).toEqual([
      [
        'scenarios',
        [
          ['welcome', ['hello · email']],
          [
            'nag',
            [
              'welcome · email',
              [
                'test-offer · split',
                [
                  ['discount', ['1 · email']],
                  ['plain', []],
                ],
              ],
              ['3 · wait', [['order_placed', ['1 · end']]]],
              '4 · goto welcome',
            ],
          ],
        ],
      ],
    ]);
    // The step's name selects its id, or the step itself when it has none.
    const nag = symbols[0]!.children![1]!;
    expect(nag.children![1]!.selectionRange).toEqual(range(flows, 'id: test-offer', 4, 10));
    expect(nag.children![1]!.children![0]!.selectionRange).toEqual(range(flows, 'name: discount', 6, 8));
  });

  it('hovers an event named but not declared as such, not as an unknown id', async () => {
    const hover = await request<Hover>(HoverRequest.type, at(personas, 'event: cart_abandoned', 8));
    expect(hover.contents).toEqual({
      kind: 'markdown',
      value: '**event** `cart_abandoned`\n\nnot declared under events: (declaring events is optional)\n\nused 3 times in base.yaml, flows.yaml, personas.yaml',
    });
  });
});
