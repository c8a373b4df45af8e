import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { VOCABULARY } from '../../src/i18n/index.js';
import { STARTER_WORDS } from '../../src/i18n/starter.js';
import { SRC, sourceFiles } from './french-outside.js';

/**
 * The other half of "every user-facing word lives in src/i18n": no English sentence is
 * written where omni talks to people outside the vocabulary. In the layers that speak
 * (cli, pipeline, config, lsp), a string literal fails the test when it is
 *
 * - an argument of a function that writes or throws a message (writeMessage, CliError,
 *   refusal…; a call nested in the arguments, such as `say('id')`, is not looked into), or
 * - the value of a property that holds a message (`message:`, `suggestion:`, `error:`…), or
 * - a description of the command line (commander's `.description()`, `.option()`…),
 *
 * and holds a word (three letters or more) beyond the technical ones below, and is not
 * the id of a template of src/i18n (`new GitError('unknownRevision', { revision })`).
 */
const FOLDERS = ['cli', 'pipeline', 'config', 'lsp', 'loader', 'diff', 'renderers', 'exporters', 'report', 'init', 'simulate', 'rules', 'baseline', 'diagnostics'];

/** Built-in error classes: a `new Error('…')` is a bug (see above), not a message. */
const BUILT_IN_ERRORS = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError']);

/** Calls whose string arguments people read, and which arguments (all when not said): flags and names are not words. */
const SINKS = new Map<string, readonly number[] | undefined>([
  ['writeMessage', undefined],
  ['CliError', undefined],
  ['refusal', undefined],
  ['fail', undefined],
  ['problem', undefined],
  ['log', undefined],
  ['write', undefined],
  ['ResponseError', [1]],
  ['description', [0]],
  ['option', [1]],
  ['requiredOption', [1]],
  ['argument', [1]],
  ['addHelpText', [1]],
  ['Option', [1]],
]);
/** Properties of object literals whose values people read. */
const MESSAGE_PROPERTIES = new Set(['message', 'suggestion', 'error', 'hint', 'refused', 'title', 'reason']);

/** Words that are not English wording: omni's name, and the placeholders of a usage line. */
const TECHNICAL_WORDS = new Set(['omni']);

/** Every key of a template in src/i18n (omni's messages, rule messages, importer and starter words): a literal equal to one names it. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [key, child] of Object.entries(value)) {
      into.add(key);
      keysOf(child, into);
    }
  return into;
}
const TEMPLATE_IDS = keysOf({ cli: VOCABULARY.en.cli, rules: VOCABULARY.en.lint.rules, importer: VOCABULARY.en.importer, starter: STARTER_WORDS });

/**
 * Strings that may stay as they are, each with its reason. Keep it short: anything a user
 * reads belongs in src/i18n/cli-{en,fr}.ts.
 */
const ALLOWED: Record<string, { texts: readonly string[]; reason: string }> = {
  'exporters/write-xlsx.ts': {
    texts: ['middle', 'top', 'left', '<dataValidations count="', '</dataValidations>', '<hyperlinks>', '</hyperlinks>', '</sst>'],
    reason: 'cell styles named title and error (alignments), and the XML the sheet stream writes: markup, not words',
  },
  'loader/discover.ts': { texts: ['errno'], reason: 'the kind of a ReadFailure, data the CLI words (readFailureReason)' },
  'renderers/browser.ts': { texts: ['mermaid'], reason: 'the name of the package MissingPackageError says to install' },
  'simulate/engine.ts': {
    texts: ['no-consent', 'other-targets'],
    reason: 'codes of a skipped step and of an idle story event (documented JSON values), worded by src/simulate/describe.ts',
  },
  'lsp/server.ts': {
    texts: ['server started', 'omni lsp ', ' ms: ', 'cannot load the workspace ', ' failed: ', 'check failed: ', 'unexpected error: ', 'omni: ', ' failed: '],
    reason: "the language server's log for whoever debugs it (stack traces, OMNI_LSP_TRACE timings), in the editor's output panel, not a message of the workspace",
  },
};

interface Finding {
  file: string;
  line: number;
  text: string;
}

const WORD = /[A-Za-z]{3,}/g;

function isWording(text: string): boolean {
  return [...text.matchAll(WORD)].some(([word]) => !TECHNICAL_WORDS.has(word.toLowerCase()));
}

/** The name a call or `new` is made through: `writeMessage(…)`, `new CliError(…)`, `stream.write(…)`, `.option(…)`. */
function calleeName(node: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** `a === 'id'`: a test, not output. */
function isComparison(node: ts.Node): boolean {
  return (
    ts.isBinaryExpression(node) &&
    [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(
      node.operatorToken.kind,
    )
  );
}

/** `messageId: 'unknown'`, `kind: 'notJson'`: the key of a template in src/i18n or a problem's kind, not words. */
function isIdProperty(node: ts.Node): boolean {
  return ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && ['messageId', 'suggestionId', 'ruleId', 'kind'].includes(node.name.text);
}

/** String pieces of an expression, not looking into nested calls (`say('id')` names a key, not words). */
function stringPieces(node: ts.Node, out: ts.Node[] = []): ts.Node[] {
  if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) out.push(node);
  else if (
    !ts.isCallExpression(node) &&
    !ts.isNewExpression(node) &&
    !ts.isArrowFunction(node) &&
    !ts.isFunctionExpression(node) &&
    !isComparison(node) &&
    !isIdProperty(node)
  )
    ts.forEachChild(node, (child) => void stringPieces(child, out));
  return out;
}

export function englishMessages(file: string): Finding[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const relative = path.relative(SRC, file).split(path.sep).join('/');
  const findings: Finding[] = [];
  const report = (piece: ts.Node) => {
    const value = (piece as ts.StringLiteralLike | ts.TemplateLiteralLikeNode).text;
    if (!isWording(value) || TEMPLATE_IDS.has(value)) return;
    if (ALLOWED[relative]?.texts.includes(value)) return;
    findings.push({ file: relative, line: source.getLineAndCharacterOfPosition(piece.getStart()).line + 1, text: value });
  };
  // A caught error's own text as the message (`new CliError((error as Error).message)`): words
  // written somewhere below, in English, that reach people unworded. As data of a template
  // (`say('id', { reason: error.message })`) it is another tool's words, which omni keeps.
  const reportPassThrough = (argument: ts.Node) => {
    const walk = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return;
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'message' && /\berr(or)?\b/i.test(node.expression.getText())) {
        findings.push({ file: relative, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: `<${node.getText()}>` });
        return;
      }
      ts.forEachChild(node, walk);
    };
    walk(argument);
  };
  const visit = (node: ts.Node): void => {
    const name = ts.isCallExpression(node) || ts.isNewExpression(node) ? calleeName(node) : undefined;
    if (ts.isNewExpression(node) && name === 'CliError') (node.arguments ?? []).forEach(reportPassThrough);
    const errorClass = ts.isNewExpression(node) && name !== undefined && /^[A-Z]\w*Error$/.test(name) && !BUILT_IN_ERRORS.has(name);
    // `context.warnings.push(…)`: a warning list people read, as the importers keep it.
    const warningsPush =
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'push' &&
      /(^|\.)warnings$/.test(node.expression.expression.getText());
    if (warningsPush) node.arguments.forEach((argument) => stringPieces(argument).forEach(report));
    else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && name !== undefined && (SINKS.has(name) || errorClass)) {
      const which = SINKS.get(name);
      (node.arguments ?? []).forEach((argument, index) => {
        if (which === undefined || which.includes(index)) stringPieces(argument).forEach(report);
      });
    }
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && MESSAGE_PROPERTIES.has(node.name.text)) {
      stringPieces(node.initializer).forEach(report);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

describe('no English message is written outside src/i18n', () => {
  const files = FOLDERS.flatMap((folder) => sourceFiles(path.join(SRC, folder)));

  it('the scan recognises a message where it is written', () => {
    const probe = path.join(import.meta.dirname, 'fixtures/english-message.ts.txt');
    expect(englishMessages(probe).map((finding) => finding.text)).toEqual([
      'cannot read the file',
      'warning: ',
      'pass a folder',
      'did you mean ',
      'fix the plugin',
      'output format',
      'git is missing',
      'refused: ',
      '<(error as Error).message>',
      '<error.message>',
      ': step without a delay; set to 0',
    ]);
  });

  it('every message of the layers that speak comes from the vocabulary', () => {
    const hits = files.flatMap(englishMessages).map((hit) => `src/${hit.file}:${hit.line} ${JSON.stringify(hit.text)}`);
    expect(hits, 'move these strings into src/i18n/cli-{en,fr}.ts (or allow a technical one above, with its reason)').toEqual([]);
  });
});
