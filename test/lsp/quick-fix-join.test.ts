import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Features, toLspDiagnostic } from '../../src/lsp/features.js';
import { WorkspaceSession } from '../../src/pipeline/session.js';

const SOURCE = path.resolve(import.meta.dirname, '../../examples/maison-lumen');

// Found by probing: `{{first name}}` reads as the helper `first` given `name`; lint now says
// so, and the language server joins the two words back into the variable meant.
describe('the quick fix for a variable name split by a space', () => {
  it('replaces "first name" with first_name in the template, and the finding goes', async () => {
    const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-join-')), 'ws');
    cpSync(SOURCE, root, { recursive: true });
    const file = 'scenarios/bienvenue.yaml';
    const original = readFileSync(path.join(root, file), 'utf8');
    writeFileSync(path.join(root, file), original.replace('Maison Lumen, {{first_name}}"', 'Maison Lumen, {{first name}}"'));
    const session = await WorkspaceSession.open(root);
    const finding = (await session.check()).diagnostics.find((diagnostic) => diagnostic.ruleId === 'undeclared-template-variable');
    expect(finding?.suggestion).toBe('une espace coupe {{first name}} en deux : écrivez {{first_name}}');
    const actions = await new Features(session).codeActions(file, [toLspDiagnostic(finding!)]);
    const fix = actions.find((action) => action.isPreferred)!;
    expect(fix.title).toBe('Remplacer par « first_name »');
    const [edit] = Object.values(fix.edit!.changes!)[0]!;
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
    const line = lines[edit!.range.start.line]!;
    lines[edit!.range.start.line] = line.slice(0, edit!.range.start.character) + edit!.newText + line.slice(edit!.range.end.character);
    expect(lines.join('\n')).toBe(original);
  });
});
