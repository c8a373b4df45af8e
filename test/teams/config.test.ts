import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { BASE, lines, writeWorkspace } from './helpers.js';

const DATA = { 'data.yaml': 'sources:\n  - { id: erp, name: ERP }\nvariables:\n  - { id: spare, name: Spare, sources: [crm] }\n' };
const lint = async (root: string) => lintWorkspace(await loadWorkspace(root));

describe('extends', () => {
  it('applies a shared file under omni.yaml, later wins, options kept when only the severity changes', async () => {
    const root = writeWorkspace({
      ...BASE,
      ...DATA,
      'omni.yaml': 'extends: [./shared/a.json, ./shared/b.json]\nrules:\n  unused-variable: error\n',
      'shared/a.json': JSON.stringify({ rules: { 'unused-source': 'off', 'unused-variable': 'off', 'email-subject-length': ['warn', { maxLength: 10 }] } }),
      'shared/b.json': JSON.stringify({ rules: { 'email-subject-length': 'error' } }),
    });
    expect(lines((await lint(root)).diagnostics)).toEqual([
      'email-subject-length base.yaml:34:48 error email subject of scenario "cart" is 21 characters with variables at their longest, over the limit of 10',
      'unused-variable data.yaml:4:11 error variable "spare" is used by no scenario',
    ]);
  });

  it("reports a shared config's wrong option at its extends entry, even when omni.yaml sets the severity again", async () => {
    const root = writeWorkspace({
      ...BASE,
      'omni.yaml': 'extends: [./shared.json]\nrules:\n  sms-length: error\n  email-subject-length: [warn, { channels: [emial] }]\n',
      'shared.json': JSON.stringify({ rules: { 'sms-length': ['warn', { maxSegment: 2, channels: ['nowhere'] }] } }),
    });
    expect(lines((await lint(root)).diagnostics)).toEqual([
      // Where the options were written (the shared file, through its entry), not omni.yaml's `sms-length: error`.
      'schema omni.yaml:1:11 error extends "./shared.json": rule "sms-length" has no option "maxSegment"',
      // omni.yaml's own option names a channel nobody declares; the shared file's channel list is that file's.
      'unknown-reference omni.yaml:4:45 error unknown channel "emial"',
    ]);
  });

  it('loads an installed npm package exporting a config, with its customRules', async () => {
    const root = writeWorkspace({
      ...BASE,
      'omni.yaml': 'extends: "@acme/omni-config"\n',
      'node_modules/@acme/omni-config/package.json': JSON.stringify({ name: '@acme/omni-config', version: '1.0.0', type: 'module', main: 'index.js' }),
      'node_modules/@acme/omni-config/index.js':
        "export default { customRules: [{ id: 'acme-owner', description: 'Scenarios have an owner', severity: 'warn', given: 'scenarios', field: 'owner', required: true }] };\n",
    });
    expect(lines((await lint(root)).diagnostics)).toEqual(['acme-owner base.yaml:25:5 warn Scenarios have an owner']);
  });

  it('reports a missing file, a missing package, an invalid shared config and a cycle at the extends entry', async () => {
    const root = writeWorkspace({
      ...BASE,
      'omni.yaml': 'extends:\n  - ./nope.yaml\n  - not-installed-config\n  - ./bad.json\n  - ./loop.json\n',
      'bad.json': JSON.stringify({ rules: { 'unused-source': 'loud' } }),
      'loop.json': JSON.stringify({ extends: './loop.json' }),
    });
    expect(lines((await lint(root)).diagnostics)).toEqual([
      'schema omni.yaml:2:5 error extends "./nope.yaml": file not found: ./nope.yaml',
      'schema omni.yaml:3:5 error extends "not-installed-config": no installed package "not-installed-config"',
      'schema omni.yaml:4:5 error extends "./bad.json": rules.unused-source: "loud" is not a valid severity for rule "unused-source"',
      'schema omni.yaml:5:5 error extends "./loop.json": ./loop.json extends itself (through 2 configs)',
    ]);
  });
});

describe('overrides', () => {
  it('sets severities for the files their globs match, in order, and can turn on a rule that is off', async () => {
    const root = writeWorkspace({
      ...BASE,
      'legacy/data.yaml': DATA['data.yaml'],
      'omni.yaml':
        'rules:\n  unused-source: off\noverrides:\n  - files: ["legacy/**"]\n    rules: { unused-variable: off, unused-source: error }\n  - files: ["**/data.yaml"]\n    rules: { unused-variable: error }\n',
    });
    expect(lines((await lint(root)).diagnostics)).toEqual([
      'unused-source legacy/data.yaml:2:11 error source "erp" feeds no variable',
      'unused-variable legacy/data.yaml:4:11 error variable "spare" is used by no scenario',
    ]);
  });
});

describe('overrides with options', () => {
  // An email scenario like BASE's cart, in a file of its own (its subject is 21 characters).
  const more = (id: string) =>
    `scenarios:\n  - id: ${id}\n    name: ${id}\n    program: conversion\n    lifecycle: activation\n    target: all\n    useCases: [cart-recovery]\n    trigger: { type: behavior, event: cart_abandoned }\n    variables: [first_name, email_optin]\n    steps:\n      - { after: J+1, channel: email, subject: "{{first_name}}, your cart" }\n`;

  it('apply them to the files their globs match; the last matching override that gives options wins, a severity alone keeps them', async () => {
    const root = writeWorkspace({
      ...BASE,
      'legacy/old.yaml': more('old'),
      'legacy/older.yaml': more('older'),
      'omni.yaml':
        'rules:\n  email-subject-length: [warn, { maxLength: 15 }]\noverrides:\n  - files: ["legacy/**"]\n    rules: { email-subject-length: [error, { maxLength: 10 }] }\n  - files: ["legacy/older.yaml"]\n    rules: { email-subject-length: [warn, { maxLength: 200 }] }\n  - files: ["legacy/old.yaml"]\n    rules: { email-subject-length: warn }\n',
    });
    expect(lines((await lint(root)).diagnostics)).toEqual([
      'email-subject-length base.yaml:34:48 warn email subject of scenario "cart" is 21 characters with variables at their longest, over the limit of 15',
      'email-subject-length legacy/old.yaml:11:48 warn email subject of scenario "old" is 21 characters with variables at their longest, over the limit of 10',
    ]);
  });

  it('check them, and the channels they name, where the override writes them', async () => {
    const root = writeWorkspace({
      ...BASE,
      'omni.yaml': 'overrides:\n  - files: ["legacy/**"]\n    rules:\n      sms-length: [warn, { maxSegment: 2, channels: [smss] }]\n',
    });
    expect(lines((await lint(root)).diagnostics)).toEqual([
      'schema omni.yaml:4:40 error rule "sms-length" has no option "maxSegment"',
      'unknown-reference omni.yaml:4:54 error unknown channel "smss"',
    ]);
  });
});

describe('rule options', () => {
  it('says what a value of omni.yaml that breaks its pattern is, and how to write it', async () => {
    const root = writeWorkspace({
      ...BASE,
      'omni.yaml':
        'pressure:\n  - { max: 1, per: 1m }\nquietHours: { from: "9:00", to: "08:00" }\n' +
        'customRules:\n  - { id: a_b, description: x, severity: warn, given: scenario, field: owner-x, required: true }\n',
    });
    expect(lines((await lint(root)).diagnostics)).toEqual([
      'schema omni.yaml:2:20 error "1m" is not a valid period',
      'schema omni.yaml:3:21 error "9:00" is not a valid time of day',
      'schema omni.yaml:5:11 error "a_b" is not a valid rule id',
      'schema omni.yaml:5:55 error "scenario" is not a section or a list in one',
      'schema omni.yaml:5:72 error "owner-x" is not a field name',
    ]);
  });

  it('refuses a pressure cap of 0 messages (a cap breached by every message: "1 messages over the cap of 0")', async () => {
    const root = writeWorkspace({ ...BASE, 'omni.yaml': 'pressure:\n  - { channels: [email], max: 0, per: 1d }\n' });
    expect(lines((await lint(root)).diagnostics)).toEqual(['schema omni.yaml:2:31 error max must be at least 1, not 0']);
  });

  it("reports each bad value of omni.yaml once, whatever the schema's unions and tuples", async () => {
    const root = writeWorkspace({
      ...BASE,
      'omni.yaml':
        'extends: 3\nrules:\n  sms-length: [warn]\n  email-subject-length: [warn, {}, 3]\n' +
        'customRules:\n  - { id: r, description: x, severity: warn, given: scenarios, where: { channel: { a: 1 } }, field: owner, required: true }\n',
    });
    expect(lines((await lint(root)).diagnostics)).toEqual([
      'schema omni.yaml:1:10 error extends must be a string or a list, not a number',
      'schema omni.yaml:3:15 error sms-length needs at least 2 items, not 1',
      'schema omni.yaml:4:25 error email-subject-length takes at most 2 items, not 3',
      'schema omni.yaml:6:82 error channel must be a string, a number, true or false or a list, not a mapping',
    ]);
  });

  it("reports a rule id or an option named like Object.prototype's members as what it is", async () => {
    // The key is what is wrong, reported once (not its mapping, nor "rules: invalid key" again).
    const badId = writeWorkspace({ ...BASE, 'omni.yaml': 'rules:\n  Foo: warn\n' });
    expect(lines((await lint(badId)).diagnostics)).toEqual(['schema omni.yaml:2:3 error "Foo" is not a valid rule id']);
    const root = writeWorkspace({ ...BASE, 'omni.yaml': 'rules:\n  sms-length: [warn, { toString: 2, constructor: 3 }]\n' });
    expect(lines((await lint(root)).diagnostics)).toEqual([
      'schema omni.yaml:2:34 error rule "sms-length" has no option "toString"',
      'schema omni.yaml:2:50 error rule "sms-length" has no option "constructor"',
    ]);
  });

  it('reports an unknown option, a bad value and options on a rule that takes none, at the option', async () => {
    const root = writeWorkspace({
      ...BASE,
      'omni.yaml':
        'rules:\n  sms-length: [warn, { maxSegment: 2 }]\n  email-subject-length: [warn, { maxLength: 0 }]\n  unused-source: [warn, { strict: true }]\n  unknwn-rule: warn\n',
    });
    const diagnostics = (await lint(root)).diagnostics;
    expect(lines(diagnostics)).toEqual([
      'schema omni.yaml:2:36 error rule "sms-length" has no option "maxSegment"',
      'schema omni.yaml:3:45 error option "maxLength" of rule "email-subject-length" must be at least 1',
      'schema omni.yaml:4:35 error rule "unused-source" has no option "strict"',
      'schema omni.yaml:5:3 error unknown rule "unknwn-rule"',
    ]);
    expect(diagnostics.slice(0, 3).map((d) => d.suggestion)).toEqual([
      'its options: maxSegments, channels, variableLength',
      'see docs/rules/email-subject-length.md',
      'it takes no option: give only its severity',
    ]);
  });
});

describe('plugins', () => {
  const plugin = (body: string) => `export const rules = [${body}];\n`;
  const rule = (check: string) =>
    `{ id: 'acme-steps', description: 'At most one step', defaultSeverity: 'warn', options: { max: { type: 'integer', default: 1, minimum: 1, description: 'max' } }, check({ model, options, report }) { ${check} } }`;

  it('loads rules from a module listed in plugins:, with options, under their own id', async () => {
    const root = writeWorkspace({
      ...BASE,
      'omni.yaml': 'plugins: [./plugins/acme.mjs]\nrules:\n  acme-steps: [error, { max: 0 }]\n',
      'plugins/acme.mjs': plugin(
        rule(
          "for (const s of model.scenarios) if (s.steps.length > options.max) report({ message: `too many steps in ${s.id}`, location: { file: s.origin.file, path: [...s.origin.path, 'steps'], target: 'key' } });",
        ),
      ),
    });
    const result = await lint(root);
    expect(lines(result.diagnostics)).toEqual(['schema omni.yaml:3:30 error option "max" of rule "acme-steps" must be at least 1']);
  });

  it('runs the plugin rule at its configured severity and reports a rule that throws instead of crashing', async () => {
    const root = writeWorkspace({
      ...BASE,
      'omni.yaml': 'plugins: [./plugins/acme.mjs, ./plugins/broken.mjs]\nrules:\n  acme-steps: error\n',
      'plugins/acme.mjs': plugin(
        rule(
          "for (const s of model.scenarios) if (s.steps.length >= options.max) report({ message: `too many steps in ${s.id}`, location: { file: s.origin.file, path: [...s.origin.path, 'steps'], target: 'key' } });",
        ),
      ),
      'plugins/broken.mjs': plugin(`{ id: 'acme-broken', description: 'Throws', defaultSeverity: 'warn', check() { throw new Error('boom'); } }`),
    });
    expect(lines((await lint(root)).diagnostics)).toEqual([
      'acme-steps base.yaml:33:5 error too many steps in cart',
      'acme-broken omni.yaml:1:10 warn rule "acme-broken" failed: boom',
    ]);
  });

  it('reports a plugin that is missing, exports no rules, or exports a malformed rule', async () => {
    const root = writeWorkspace({
      ...BASE,
      'omni.yaml': 'plugins: [./missing.mjs, ./empty.mjs, ./bad.mjs]\n',
      'empty.mjs': 'export const nothing = 1;\n',
      'bad.mjs': plugin("{ id: 'Bad Id', description: 'x', defaultSeverity: 'warn', check() {} }"),
    });
    const diagnostics = (await lint(root)).diagnostics;
    expect(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message.replace(/: could not be loaded: .*/, ': could not be loaded')}`)).toEqual([
      '1:11 plugin "./missing.mjs": could not be loaded',
      '1:26 plugin "./empty.mjs": exports no rules',
      '1:39 plugin "./bad.mjs": rule 1 has no valid id (lower-case letters, digits and -)',
    ]);
  });

  it('are never loaded from a git revision (omni diff)', async () => {
    const root = writeWorkspace({ ...BASE, 'omni.yaml': 'plugins: [./acme.mjs]\n', 'acme.mjs': 'globalThis.__omniPluginRan = true;\nexport const rules = [];\n' });
    const files = ['base.yaml', 'omni.yaml', 'acme.mjs'];
    const { readFileSync } = await import('node:fs');
    const source = { listFiles: () => files, readFile: (file: string) => new Uint8Array(readFileSync(path.join(root, file))) };
    await loadWorkspace(root, { source });
    expect((globalThis as { __omniPluginRan?: boolean }).__omniPluginRan).toBeUndefined();
  });
});
