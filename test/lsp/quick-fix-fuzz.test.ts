import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TextEdit } from 'vscode-languageserver';
import { parseDocument } from 'yaml';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { toJsonReport } from '../../src/formatters/json.js';
import { Features, toLspDiagnostic } from '../../src/lsp/features.js';
import { referencesOf } from '../../src/model/references.js';
import { forEachMessage } from '../../src/model/steps.js';
import { analyzeTemplate } from '../../src/model/templates.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { WorkspaceSession } from '../../src/pipeline/session.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';

/**
 * Seeded mistakes in maison-lumen, each of a kind the language server offers to fix: a
 * reference misspelt (one character dropped), a variable its templates or its consent need
 * taken out of a scenario's `variables:`. The quick fix offered for the finding this makes,
 * applied as an editor would, must leave lint finding what it found before the mistake —
 * unless another id is as close to the typo, in which case the fix must still take the
 * finding away without breaking the file.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: mistakes).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const MISTAKES = tierCount(40, 5);
const SOURCE = path.resolve(import.meta.dirname, '../../examples/maison-lumen');

const findings = async (root: string) =>
  toJsonReport(await lintWorkspace(await loadWorkspace(root))).diagnostics.map(
    (diagnostic) => `${diagnostic.ruleId} ${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.message}`,
  );

/** Text edits applied last first, so that none moves the ones before it. */
function applied(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  for (const { range, newText } of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
    const head = lines[range.start.line]!.slice(0, range.start.character);
    const tail = lines[range.end.line]!.slice(range.end.character);
    lines.splice(range.start.line, range.end.line - range.start.line + 1, ...`${head}${newText}${tail}`.split('\n'));
  }
  return lines.join('\n');
}

describe(`quick fixes undo ${MISTAKES} seeded mistakes in maison-lumen (seed ${SEED})`, () => {
  it('each fix takes its finding away; lint is as before unless the typo was as close to another id', async () => {
    const before = await findings(SOURCE);
    const { model } = await loadWorkspace(SOURCE);
    const references = referencesOf(model).filter((reference) => reference.id.length >= 4);
    // Each variable a scenario lists that one of its templates reads or that gives consent for one of its channels.
    const needed = model.scenarios.flatMap((scenario) =>
      scenario.variables
        .filter((variable) => {
          const declared = model.index.variables.get(variable);
          const channels = new Set<string>();
          let read = false;
          forEachMessage(scenario, (step) => {
            channels.add(step.channel);
            for (const field of [step.subject, step.message]) {
              const analysis = field === undefined ? undefined : analyzeTemplate(field);
              if (analysis?.ok && analysis.variables.some((used) => used.name === variable)) read = true;
            }
          });
          return read || (declared?.consentFor ?? []).some((channel) => channels.has(channel));
        })
        .map((variable) => ({ scenario, variable })),
    );
    expect(needed.length).toBeGreaterThan(10);
    const random = mulberry32(SEED);
    const problems: string[] = [];
    let fixed = 0;
    for (let mistake = 0; mistake < MISTAKES; mistake++) {
      const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-fix-')), 'ws');
      cpSync(SOURCE, root, { recursive: true });
      const session = await WorkspaceSession.open(root);
      let file: string;
      let text: string;
      let label: string;
      let target: Diagnostic | undefined;
      let typo = '';
      let original: string;
      if (random() < 0.6) {
        const reference = references[Math.floor(random() * references.length)]!;
        file = reference.file;
        text = readFileSync(path.join(root, file), 'utf8');
        const range = (await session.positions(file)).resolve({ file, path: reference.path });
        const lines = text.split('\n');
        const line = lines[range.start.line - 1]!;
        const start = range.start.column - 1;
        const at = start + line.slice(start, range.end.column - 1).indexOf(reference.id);
        if (at < start) continue;
        const drop = 1 + Math.floor(random() * (reference.id.length - 2));
        typo = reference.id.slice(0, drop) + reference.id.slice(drop + 1);
        original = reference.id;
        lines[range.start.line - 1] = line.slice(0, at) + typo + line.slice(at + reference.id.length);
        label = `${file}:${range.start.line}: ${reference.kind} "${reference.id}" written "${typo}"`;
        writeFileSync(path.join(root, file), lines.join('\n'));
        await session.reload();
        target = (await session.check()).diagnostics.find(
          (diagnostic) =>
            diagnostic.file === file &&
            diagnostic.range.start.line === range.start.line &&
            diagnostic.ruleId === 'unknown-reference' &&
            diagnostic.message.includes(typo),
        );
      } else {
        // A variable the scenario's templates or its consent need, taken out of its variables:.
        const { scenario, variable } = needed[Math.floor(random() * needed.length)]!;
        file = scenario.origin.file;
        text = readFileSync(path.join(root, file), 'utf8');
        const document = parseDocument(text);
        const list = document.getIn([...scenario.origin.path, 'variables']) as { items: Array<{ value?: unknown }> };
        list.items = list.items.filter((item) => item.value !== variable);
        writeFileSync(path.join(root, file), document.toString());
        text = document.toString();
        label = `${file}: variable "${variable}" taken out of scenario "${scenario.id}"`;
        await session.reload();
        target = (await session.check()).diagnostics.find(
          (diagnostic) => diagnostic.entity?.id === scenario.id && (diagnostic.ruleId === 'undeclared-template-variable' || diagnostic.ruleId === 'missing-consent'),
        );
        original = variable;
      }
      if (!target) {
        problems.push(`${label}: no finding for the mistake`);
        continue;
      }
      const actions = await new Features(session).codeActions(file, [toLspDiagnostic(target)]);
      const action = actions.find((candidate) => candidate.isPreferred) ?? actions[0];
      if (!action) {
        // No close enough id: lint says "declare it" then, and names no id.
        if (target.suggestion?.includes(original)) problems.push(`${label}: no quick fix for "${target.message}" (${target.suggestion})`);
        continue;
      }
      for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
        const edited = fileURLToPath(uri);
        writeFileSync(edited, applied(readFileSync(edited, 'utf8'), edits));
      }
      const after = await findings(root);
      fixed++;
      const restored = typo !== '' ? readFileSync(path.join(root, file), 'utf8') === text.replace(typo, original) : true;
      if (restored) {
        // Positions aside: a variable put back lands at the end of its list.
        const words = (list: string[]) => list.map((finding) => finding.replace(/:\d+:\d+ /, ' ')).sort();
        if (JSON.stringify(words(after)) !== JSON.stringify(words(before)))
          problems.push(`${label}: "${action.title}" ${JSON.stringify(after.filter((finding) => !before.includes(finding)))}`);
      } else if (after.some((finding) => finding.includes(typo)) || after.some((finding) => /^(schema|yaml-syntax) /.test(finding)))
        problems.push(`${label}: "${action.title}" left ${JSON.stringify(after.filter((finding) => !before.includes(finding)))}`);
    }
    expect(problems).toEqual([]);
    expect(fixed).toBeGreaterThan(MISTAKES / 2);
  }, 120_000);
});
