import { describe, expect, it } from 'vitest';
import { cursorContext, idTarget, itemValue, referenceKind, scenarioStepIdsAt, scenarioVariablesAt, splitLines } from '../../src/lsp/cursor.js';

/** The context at the last `|` of a text (that bar is removed; a block scalar's `|` may come before). */
function at(textWithBar: string) {
  const offset = textWithBar.lastIndexOf('|');
  const text = textWithBar.slice(0, offset) + textWithBar.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const lines = splitLines(text);
  return { lines, line: before.length - 1, context: cursorContext(lines, before.length - 1, before.at(-1)!.length) };
}

describe('what stands under the cursor, from the lines alone', () => {
  it.each([
    ['touchpoints:\n  - { id: web-home, stage: dis|, channel: web }\n', 'stages'],
    ['touchpoints:\n  - { id: web-home, stage: discover, channel: w| }\n', 'channels'],
    ['useCases:\n  - id: a\n    touchpoints: [web-home, |]\n', 'touchpoints'],
    ['useCases:\n  - id: a\n    touchpoints:\n      - web-home\n      - |\n', 'touchpoints'],
    ['variables:\n  - id: email_optin\n    sources: [crm]\n    consentFor:\n      # a comment\n      - em|\n', 'channels'],
    ['variables:\n  - { id: x, name: X, sources: [c|] }\n', 'sources'],
    ['scenarios:\n  - id: s\n    steps:\n      - after: J+1\n        channel: "em|"\n', 'channels'],
    ['scenarios:\n  - id: s\n    program: |\n', 'programs'],
    ['scenarios:\n  - id: s\n    variables:\n    - first_name\n    - |\n', 'variables'],
    // Mentions: ids unknown-reference does not check, which the server still follows.
    ['scenarios:\n  - id: s\n    trigger: { type: behavior, event: cart_| }\n', 'events'],
    ['scenarios:\n  - id: s\n    exit: [unsubscribed, ord|]\n', 'events'],
    ['scenarios:\n  - id: s\n    goal: ord|\n', 'events'],
    ['personas:\n  - id: p\n    events:\n      - { event: cart_|, at: "J+1" }\n', 'events'],
    ['personas:\n  - id: p\n    assume:\n      - { scenario: relance|, step: offre, branch: a }\n', 'scenarios'],
    ['personas:\n  - id: p\n    optOut: [s|]\n', 'channels'],
    // Found by test/lsp/cursor-fuzz.test.ts: layouts the line alone does not tell.
    ['scenarios:\n  - id: s\n    variables: [\n      first_name,\n      email_o|,\n    ]\n', 'variables'],
    ['scenarios:\n  - id: s\n    variables:\n      [\n        first_name,\n        |\n      ]\n', 'variables'],
    ['scenarios:\n  - id: s\n    useCases:\n      # a comment\n      [ news| ]\n', 'useCases'],
    ['scenarios:\n  - id: s\n    lifecycle:\n      # a comment\n      activ|\n', 'lifecycle'],
    ['{\n  scenarios: [\n    {\n      id: s,\n      program: ups|,\n    },\n  ],\n}\n', 'programs'],
  ])('%j is a reference to %s', (text, kind) => {
    expect(referenceKind(at(text).context)).toBe(kind);
  });

  it.each([
    ['scenarios:\n  - id: s\n    name: Une relance |\n'],
    ['scenarios:\n  - id: s\n    trigger: { type: beh| }\n'],
    ['touchpoints:\n  - { id: web-home, status: opp| }\n'],
    ['scenarios:\n  - id: s  # program: |\n'],
    // Keys that name Object.prototype's members: looked up as keys of the tables, they were functions.
    ['scenarios:\n  - id: s\n    toString: x|\n'],
    ['scenarios:\n  - id: s\n    constructor: [x|]\n'],
  ])('%j is no reference position', (text) => {
    expect(referenceKind(at(text).context)).toBeUndefined();
    expect(referenceKind(at(text).context, true)).toBeUndefined();
  });

  it("omni.yaml's custom rules: the ids of where: filters, and no key of Object.prototype", () => {
    expect(referenceKind(at('customRules:\n  - { id: r, given: scenarios.steps, where: { channel: s| } }\n').context, true)).toBe('channels');
    expect(referenceKind(at('customRules:\n  - id: r\n    where:\n      target: [v|]\n').context, true)).toBe('targets');
    expect(referenceKind(at('customRules:\n  - { id: r, where: { hasOwnProperty: s| } }\n').context, true)).toBeUndefined();
    expect(referenceKind(at('__proto__:\n  channels: [s|]\n').context, true)).toBeUndefined();
  });

  it('an id declaration, and a template variable, are targets too', () => {
    expect(idTarget(at('channels:\n  - id: em|ail\n').context)).toEqual({ kind: 'channels', id: 'email', declaration: true });
    expect(idTarget(at('scenarios:\n  - id: s\n    steps:\n      - { after: "0", channel: sms, message: "Hi {{first_|name}}" }\n').context)).toEqual({
      kind: 'variables',
      id: 'first_name',
      declaration: false,
    });
  });

  it('an open {{ in a one-line or block message is a template position with its prefix', () => {
    expect(at('scenarios:\n  - id: s\n    steps:\n      - subject: "Bonjour {{fir|').context.template).toEqual({ prefix: 'fir', start: 28, key: 'subject' });
    expect(at('scenarios:\n  - id: s\n    steps:\n      - message: |\n          Votre panier {{#each cart_|').context.template?.prefix).toBe('cart_');
    expect(at('scenarios:\n  - id: s\n    steps:\n      - name: "{{x|').context.template).toBeUndefined();
  });

  it("reads the scenario's variables as the buffer has them, flow or block", () => {
    const flow = at('scenarios:\n  - id: a\n    variables: [first_name, "cart"]\n    steps:\n      - subject: "{{|"\n  - id: b\n    variables: [other]\n');
    expect(scenarioVariablesAt(flow.lines, flow.line)).toEqual({ id: 'a', variables: ['first_name', 'cart'] });
    const block = at('scenarios:\n  - id: a\n    variables: [x]\n  - id: b\n    steps:\n      - subject: "{{|"\n    variables:\n      - y\n      - z\n');
    expect(scenarioVariablesAt(block.lines, block.line)).toEqual({ id: 'b', variables: ['y', 'z'] });
    // A flow list wrapped over several lines, or opened on the line under its key.
    const wrapped = at('scenarios:\n  - id: a\n    variables: [\n      first_name,\n      cart, # the basket\n    ]\n    steps:\n      - subject: "{{|"\n');
    expect(scenarioVariablesAt(wrapped.lines, wrapped.line)).toEqual({ id: 'a', variables: ['first_name', 'cart'] });
    const below = at('scenarios:\n  - id: a\n    variables:\n      [first_name,\n       cart]\n    steps:\n      - subject: "{{|"\n');
    expect(scenarioVariablesAt(below.lines, below.line)).toEqual({ id: 'a', variables: ['first_name', 'cart'] });
  });
  // Found by test/lsp/cursor-fuzz.test.ts: go-to-definition and completion did nothing in omni.yaml.
  it.each([
    ['pressure:\n  - { channels: [em|], max: 1, per: 1d }\n'],
    ['quietHours: { from: "21:00", to: "08:00", channels: [sms, p|] }\n'],
    ['rules:\n  sms-length: [warn, { channels: [s|] }]\n'],
    ['overrides:\n  - files: [legacy/**]\n    rules:\n      sms-length: [warn, { channels:\n        [s|] }]\n'],
  ])("omni.yaml's %j names a channel", (text) => {
    const { context } = at(text);
    expect(referenceKind(context, true)).toBe('channels');
    expect(idTarget(context, true)?.kind).toBe('channels');
    // Read as a model file, none of those keys is a reference.
    expect(referenceKind(context)).toBeUndefined();
  });
});

describe('step ids and assumptions around the cursor', () => {
  it("lists the step ids of the cursor's scenario, at any depth, not the scenario's own id nor another scenario's", () => {
    const { lines, line } = at(
      'scenarios:\n  - id: a\n    steps:\n      - { id: first, after: "0", channel: email }\n      - id: offer\n        split:\n          branches:\n            - name: x\n              steps:\n                - id: deep  # a comment: id: not-this\n                  after: "0"\n      - goto: |\n  - id: b\n    steps:\n      - { id: other, after: "0", channel: sms }\n',
    );
    expect(scenarioStepIdsAt(lines, line)).toEqual(['first', 'offer', 'deep']);
    expect(scenarioStepIdsAt(splitLines('personas:\n  - id: p\n'), 1)).toEqual([]);
  });

  it("reads the scenario of an assumption's entry, written flow or block", () => {
    const flow = at('personas:\n  - id: p\n    assume:\n      - { scenario: cart, step: |, branch: x }\n');
    expect(itemValue(flow.lines, flow.line, 'scenario')).toBe('cart');
    const block = at('personas:\n  - id: p\n    assume:\n      - scenario: cart\n        # the split\n        step: |\n      - scenario: other\n');
    expect(itemValue(block.lines, block.line, 'scenario')).toBe('cart');
    const first = at('personas:\n  - id: p\n    assume:\n      - step: |\n        scenario: later\n      - scenario: other\n');
    expect(itemValue(first.lines, first.line, 'scenario')).toBe('later');
    const none = at('personas:\n  - id: p\n    assume:\n      - { step: |, branch: x }\n      - scenario: other\n');
    expect(itemValue(none.lines, none.line, 'scenario')).toBeUndefined();
  });
});
