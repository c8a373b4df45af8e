import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without type declarations
import { generateWorkspace } from '../../bench/generate.mjs';
import { defaultOptions, type RuleReport } from '../../src/rules/create-rule.js';
import { isReplayablePerFile, RULES } from '../../src/rules/index.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import type { Model } from '../../src/model/types.js';
import { loadFiles, type Files } from './run-rule.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** A rule's reports on a model, by the file each lies in (as omni diff and the language server keep them). */
function reportsByFile(ruleId: string, model: Model): Map<string, RuleReport[]> {
  const rule = RULES.find((candidate) => candidate.id === ruleId)!;
  const byFile = new Map<string, RuleReport[]>();
  const options = rule.options ? { ...defaultOptions(rule), ...model.settings.ruleOptions?.[rule.id] } : {};
  rule.check({
    model,
    options,
    locale: 'en',
    report: (report) => {
      const list = byFile.get(report.location.file) ?? [];
      list.push(report);
      byFile.set(report.location.file, list);
    },
  });
  return byFile;
}

/**
 * The claim of `locality: 'scenario'`: a rule's findings in a file are the same whether the
 * model holds every scenario or only that file's (every other section whole). omni diff and
 * the language server replay findings per file on the strength of it.
 */
function expectLocal(model: Model): number {
  const files = [...new Set([...model.scenarios.map((scenario) => scenario.origin.file), ...model.channels.map((entity) => entity.origin.file)])];
  let compared = 0;
  for (const rule of RULES.filter(isReplayablePerFile)) {
    const whole = reportsByFile(rule.id, model);
    for (const file of files) {
      const alone = reportsByFile(rule.id, { ...model, scenarios: model.scenarios.filter((scenario) => scenario.origin.file === file) });
      expect(alone.get(file) ?? [], `${rule.id} in ${file}`).toEqual(whole.get(file) ?? []);
      compared += whole.get(file)?.length ?? 0;
    }
  }
  return compared;
}

describe("rules of locality 'scenario' find in a file what that file's scenarios alone give", () => {
  it('lists the rules omni diff and the language server replay', () => {
    expect(RULES.filter(isReplayablePerFile).map((rule) => rule.id)).toEqual([
      'duplicate-step-id',
      'unknown-reference',
      'undeclared-template-variable',
      'template-syntax',
      'empty-sequence',
      'unordered-steps',
      'split-percentages',
      'empty-branch',
      'unreachable-step',
      'loop-without-wait',
      'missing-consent',
      'channel-without-touchpoint',
      'sms-length',
      'sms-opt-out',
      'email-subject-length',
    ]);
  });

  it('on examples/gaps, where every rule has a finding', async () => {
    const model = (await loadWorkspace(path.join(repo, 'examples/gaps'))).model;
    expect(expectLocal(model)).toBeGreaterThan(10);
  });

  it('on a generated plan of 24 files whose scenarios have mistakes', async () => {
    const files: Files = Object.fromEntries(
      generateWorkspace({ files: 24, scenarios: 200, channels: 12, stages: 6, variables: 60, sources: 8, seed: 3, errors: 30 }) as Map<string, string>,
    );
    const model = (await loadFiles(files)).model;
    // Undeclared targets and bad offsets (a misspelled key sets its scenario aside).
    expect(expectLocal(model)).toBeGreaterThan(3);
  });
});
