import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const SRC = path.resolve(import.meta.dirname, '../../src');

/** Letters English text does not use but French does, and French quotes. */
export const FRENCH_LETTERS = /[àâæçéèêëîïôœùûüÿ«»]/i;
/** Short French words that do not occur in omni's English strings. */
export const FRENCH_WORDS = /(^|[\s(])(le|la|les|des|du|une|aucun|aucune|est|sont|pour|avec|dans|votre|vos|ou|et|oui|non|vrai)(?=[\s),.:;!?]|$)/i;

export interface Hit {
  file: string;
  line: number;
  text: string;
}

/** The text of every string literal and template chunk of a TypeScript file (comments excluded). */
export function stringsOf(file: string): Hit[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const hits: Hit[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      // Import specifiers are module paths, not words.
      if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
        hits.push({ file: path.relative(SRC, file), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

export function sourceFiles(folder = SRC): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
