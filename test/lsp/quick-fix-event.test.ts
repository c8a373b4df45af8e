import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Features, toLspDiagnostic } from '../../src/lsp/features.js';
import { WorkspaceSession } from '../../src/pipeline/session.js';

const SOURCE = path.resolve(import.meta.dirname, '../../examples/maison-lumen');

describe('the quick fix for a misspelled exit event', () => {
  it('replaces order_placd with order_placed in the exit list, and the finding goes', async () => {
    const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-event-')), 'ws');
    cpSync(SOURCE, root, { recursive: true });
    const file = 'scenarios/produits-complementaires.yaml';
    const original = readFileSync(path.join(root, file), 'utf8');
    const edited = original.replace('exit: [order_placed, unsubscribed]', 'exit: [order_placd, unsubscribed]');
    expect(edited).not.toBe(original);
    writeFileSync(path.join(root, file), edited);
    const session = await WorkspaceSession.open(root);
    const findings = (await session.check()).diagnostics.filter((diagnostic) => diagnostic.ruleId === 'misspelled-event');
    expect(findings.map((finding) => `${finding.file}:${finding.range.start.line}:${finding.range.start.column} ${finding.message}`)).toEqual([
      `${file}:14:12 le scénario « produits-complementaires » sort sur l’événement « order_placd », que rien d’autre ne nomme ; il ressemble à « order_placed »`,
    ]);
    const actions = await new Features(session).codeActions(file, [toLspDiagnostic(findings[0]!)]);
    const fix = actions.find((action) => action.isPreferred)!;
    expect(fix.title).toBe('Remplacer par « order_placed »');
    const [edit] = Object.values(fix.edit!.changes!)[0]!;
    const lines = edited.split('\n');
    const line = lines[edit!.range.start.line]!;
    lines[edit!.range.start.line] = line.slice(0, edit!.range.start.character) + edit!.newText + line.slice(edit!.range.end.character);
    expect(lines.join('\n')).toBe(original);
    writeFileSync(path.join(root, file), lines.join('\n'));
    const again = await WorkspaceSession.open(root);
    expect((await again.check()).diagnostics.filter((diagnostic) => diagnostic.ruleId === 'misspelled-event')).toEqual([]);
  });
});
