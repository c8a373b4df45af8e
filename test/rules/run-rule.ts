import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, SeverityOrOff } from '../../src/diagnostics/types.js';
import type { Locale } from '../../src/i18n/index.js';
import type { WorkspaceSource } from '../../src/loader/discover.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace, type LoadedWorkspace } from '../../src/pipeline/load.js';
import { RULES } from '../../src/rules/index.js';
import { removeAfterThisFile } from '../setup/temp-folders.js';

/** A workspace as YAML strings, by workspace-relative file name. */
export type Files = Record<string, string | Uint8Array>;

/** What a rule test asserts about one diagnostic; end positions only when given. */
export interface ExpectedDiagnostic {
  ruleId: string;
  message: string;
  file?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  suggestion?: string;
}

/** Writes the files into a fresh temporary folder and returns its path (removed after the test file). */
export function writeWorkspace(files: Files): string {
  const root = removeAfterThisFile(mkdtempSync(path.join(tmpdir(), 'omni-rule-')));
  for (const [name, text] of Object.entries(files)) {
    const absolute = path.join(root, name);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }
  return root;
}

/** Loads and lints a workspace on disk through the real pipeline, with every rule. */
export async function lintFolder(root: string, ruleOverrides: Record<string, SeverityOrOff> = {}): Promise<Diagnostic[]> {
  const workspace = await loadWorkspace(root);
  return (await lintWorkspace(workspace, { ruleOverrides })).diagnostics;
}

/** The files as a workspace source: rule tests run the real pipeline without touching the disk. */
export function memorySource(files: Files): WorkspaceSource {
  const encoder = new TextEncoder();
  return {
    listFiles: () => Object.keys(files).sort(),
    readFile(file) {
      const content = files[file];
      if (content === undefined) throw new Error(`ENOENT: ${file}`);
      return typeof content === 'string' ? encoder.encode(content) : content;
    },
  };
}

/** Loads the files from memory as a workspace rooted at a path that does not exist on disk. */
export function loadFiles(files: Files): Promise<LoadedWorkspace> {
  return loadWorkspace('/omni-rule-test/workspace', { source: memorySource(files) });
}

/** Loads and lints in-memory files through the real pipeline, with every rule. */
export async function lintFiles(files: Files, ruleOverrides: Record<string, SeverityOrOff> = {}): Promise<Diagnostic[]> {
  return (await lintWorkspace(await loadFiles(files), { ruleOverrides })).diagnostics;
}

const LOADER_RULES = new Set(['yaml-syntax', 'schema']);

/**
 * Runs ONLY `ruleId` (every other rule off) over the given files; returns its diagnostics.
 * For model rules the files must load cleanly (no yaml-syntax or schema problem), unless
 * `allowLoadErrors`: an entity the schema rejects is left out of the model, so a case could
 * otherwise pass without the rule ever seeing what the case is about.
 */
export async function runRule(ruleId: string, files: Files, options: { allowLoadErrors?: boolean; locale?: Locale } = {}): Promise<Diagnostic[]> {
  if (!RULES.some((rule) => rule.id === ruleId)) throw new Error(`no rule ${ruleId}`);
  // Loaded once: the load-error check and the rule's own run lint the same workspace.
  const workspace = await loadFiles(files);
  if (!LOADER_RULES.has(ruleId) && !options.allowLoadErrors) {
    const loaderOnly = Object.fromEntries(RULES.map((rule) => [rule.id, LOADER_RULES.has(rule.id) ? 'error' : 'off'])) as Record<string, SeverityOrOff>;
    const problems = (await lintWorkspace(workspace, { ruleOverrides: loaderOnly })).diagnostics;
    if (problems.length > 0) {
      throw new Error(`the case does not load cleanly:\n${problems.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n')}`);
    }
  }
  // A rule that is off by default (missing-owner) runs as a warning: it is what the test is about.
  const on = (rule: (typeof RULES)[number]) => (rule.defaultSeverity === 'off' ? 'warn' : rule.defaultSeverity);
  const overrides = Object.fromEntries(RULES.map((rule) => [rule.id, rule.id === ruleId ? on(rule) : 'off'])) as Record<string, SeverityOrOff>;
  return (await lintWorkspace(workspace, { ruleOverrides: overrides, ...(options.locale ? { locale: options.locale } : {}) })).diagnostics;
}

/** A diagnostic reduced to the fields an expectation names, to compare with toEqual. */
export function pick(diagnostic: Diagnostic, expected: ExpectedDiagnostic): ExpectedDiagnostic {
  const actual: ExpectedDiagnostic = {
    ruleId: diagnostic.ruleId,
    message: diagnostic.message,
    line: diagnostic.range.start.line,
    column: diagnostic.range.start.column,
  };
  if (expected.file !== undefined) actual.file = diagnostic.file;
  if (expected.endLine !== undefined) actual.endLine = diagnostic.range.end.line;
  if (expected.endColumn !== undefined) actual.endColumn = diagnostic.range.end.column;
  if (expected.suggestion !== undefined) actual.suggestion = diagnostic.suggestion;
  return actual;
}

/**
 * A shared base journey, valid and lint-clean with every rule on, that test cases extend
 * with one more file. Each rule test adds only the lines its case is about.
 */
export const BASE: Files = {
  'base.yaml': `stages:
  - { id: discover, name: I discover }
  - { id: buy, name: I buy }
channels:
  - { id: web, name: Website, type: online }
  - { id: email, name: Email, type: online, requiresConsent: true }
touchpoints:
  - { id: web-product, name: Product page, stage: discover, channel: web, status: normal }
  - { id: email-reminder, name: Cart reminder, stage: buy, channel: email, status: opportunity }
targets:
  - { id: all, name: All contacts }
programs:
  - { id: conversion, name: Conversion }
useCases:
  - id: cart-recovery
    name: Recover abandoned carts
    touchpoints: [email-reminder]
    scores: { business: 5, experience: 3, difficulty: 2 }
sources:
  - { id: crm, name: CRM }
variables:
  - { id: first_name, name: First name, sources: [crm] }
  - { id: email_optin, name: Email opt-in, sources: [crm], consentFor: [email] }
scenarios:
  - id: cart
    name: Abandoned cart
    program: conversion
    lifecycle: activation
    target: all
    useCases: [cart-recovery]
    trigger: { type: behavior, event: cart_abandoned }
    variables: [first_name, email_optin]
    steps:
      - { after: J+1, channel: email, subject: "{{first_name}}, your cart" }
`,
};

export interface RuleTestTables {
  /** `allowLoadErrors`: the case is about an entity the schema rejects. */
  valid: Array<{ name: string; files: Files; allowLoadErrors?: boolean }>;
  invalid: Array<{
    name: string;
    files: Files;
    errors: ExpectedDiagnostic[];
    allowLoadErrors?: boolean;
    /** The same findings linted with --locale fr: their message and suggestion, in order. */
    fr?: Array<{ message: string; suggestion?: string }>;
  }>;
}

/**
 * typescript-eslint style tables: every `valid` workspace yields nothing from the rule,
 * every `invalid` one yields exactly the listed diagnostics, in order.
 */
export function ruleTester(ruleId: string, tables: RuleTestTables): void {
  describe(ruleId, () => {
    describe('valid', () => {
      for (const { name, files, allowLoadErrors } of tables.valid) {
        it(name, async () => {
          expect(await runRule(ruleId, files, { allowLoadErrors })).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const { name, files, errors, allowLoadErrors, fr } of tables.invalid) {
        it(name, async () => {
          const diagnostics = await runRule(ruleId, files, { allowLoadErrors });
          expect(diagnostics.map((diagnostic, i) => pick(diagnostic, errors[i] ?? errors[0]!))).toEqual(errors);
        });
        if (fr) {
          it(`${name} (fr)`, async () => {
            const diagnostics = await runRule(ruleId, files, { allowLoadErrors, locale: 'fr' });
            expect(diagnostics.map((d, i) => (fr[i]?.suggestion === undefined ? { message: d.message } : { message: d.message, suggestion: d.suggestion }))).toEqual(fr);
          });
        }
      }
    });
  });
}
