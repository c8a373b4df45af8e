import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, planDate, summariseLint } from '../../src/exporters/build-workbook.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { rankUseCases } from '../../src/model/priority.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { renderDiagrams } from '../../src/renderers/index.js';
import { formatDate } from '../../src/report/view-model.js';
import { getValidator, validateWith } from '../../src/schema/validate.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/maison-lumen');

/** The example's files, in memory, with omni.yaml replaced. */
function exampleWith(config: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(EXAMPLE, full).split(path.sep).join('/'), readFileSync(full));
    }
  };
  walk(EXAMPLE);
  files.set('omni.yaml', Buffer.from(config));
  return files;
}

async function lintWith(config: string, edit?: (files: Map<string, Buffer>) => void) {
  const files = exampleWith(config);
  edit?.(files);
  const workspace = await loadWorkspace('/omni-memory-workspace', { source: { listFiles: () => [...files.keys()], readFile: (file) => files.get(file)! } });
  return { workspace, lint: await lintWorkspace(workspace) };
}

const schemaFindings = (
  diagnostics: readonly { ruleId: string; file: string; range: { start: { line: number; column: number } }; message: string; suggestion?: string }[],
) =>
  diagnostics
    .filter((d) => d.ruleId === 'schema')
    .map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.message}${d.suggestion ? ` (${d.suggestion})` : ''}`);

describe('updated: a real calendar date from 1900 to 2099', () => {
  it('the pattern accepts exactly the calendar dates of 1900–2099, day by day from 1850 to 2150', async () => {
    const validate = await getValidator('config');
    const disagreements: string[] = [];
    for (let year = 1850; year <= 2150; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const date = new Date(Date.UTC(year, month - 1, day));
          const real = day >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
          const expected = real && year >= 1900 && year <= 2099;
          if ((validateWith(validate, 'config', { updated: text }, 'omni.yaml').length === 0) !== expected) disagreements.push(text);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('"9999-12-31" is a schema finding at the value, which export would have crashed on', async () => {
    const { lint } = await lintWith('name: P\nupdated: "9999-12-31"\n');
    expect(schemaFindings(lint.diagnostics)).toEqual([
      'omni.yaml:2:10 "9999-12-31" is not a valid date (write a real calendar date from 1900-01-01 to 2099-12-31 as YYYY-MM-DD)',
    ]);
  });

  it('February 30th is refused, February 29th only in leap years', async () => {
    expect(schemaFindings((await lintWith('updated: 2026-02-30\n')).lint.diagnostics)).toEqual([
      'omni.yaml:1:10 "2026-02-30" is not a valid date (write a real calendar date from 1900-01-01 to 2099-12-31 as YYYY-MM-DD)',
    ]);
    expect(schemaFindings((await lintWith('updated: 2028-02-29\n')).lint.diagnostics)).toEqual([]);
  });
});

describe('priority weights and manual ranks are bounded', () => {
  it('a weight of 1e308 is a schema finding, not NaN in a diagram', async () => {
    const { lint } = await lintWith('priority:\n  business: 1e308\n  difficulty: -1\n');
    expect(schemaFindings(lint.diagnostics)).toEqual([
      'omni.yaml:2:13 business must be between 0 and 100, not 1e+308',
      'omni.yaml:3:15 difficulty must be between 0 and 100, not -1',
    ]);
  });

  it('a manual priority over 1,000,000 is a schema finding', async () => {
    const { lint } = await lintWith('name: P\n', (files) => {
      const text = files
        .get('use-cases.yaml')!
        .toString()
        .replace(/(\n\s+scores:)/, '\n    priority: 1e300$1');
      files.set('use-cases.yaml', Buffer.from(text));
    });
    expect(schemaFindings(lint.diagnostics)).toHaveLength(1);
    expect(schemaFindings(lint.diagnostics)[0]).toMatch(/^use-cases\.yaml:\d+:15 priority must be between 1 and 1000000, not 1e\+300$/);
  });
});

describe('boundary-valid settings go through every output helper', () => {
  const cases = [
    ['the earliest date, zero weights', 'updated: 1900-01-01\npriority: { business: 0, experience: 0, difficulty: 0 }\n'],
    ['a leap day, the largest weights', 'updated: 2000-02-29\npriority: { business: 100, experience: 100, difficulty: 100 }\n'],
    ['the latest date, fractional weights', 'updated: 2099-12-31\npriority: { business: 0.001, experience: 99.999, difficulty: 50 }\n'],
  ] as const;

  it.each(cases)(
    '%s',
    async (_, config) => {
      const { workspace, lint } = await lintWith(`name: Bornes\nlocale: en\n${config}`);
      expect(schemaFindings(lint.diagnostics)).toEqual([]);
      const model = workspace.model;
      for (const ranked of rankUseCases(model)) expect(Number.isFinite(ranked.score)).toBe(true);
      for (const diagram of renderDiagrams(model)) expect(diagram.text).not.toMatch(/NaN|Infinity/);
      expect(formatDate(model.settings.updated!, 'en')).toMatch(/^\d{1,2} [A-Z][a-z]+ (1900|2000|2099)$/);
      expect(planDate(model).toISOString().slice(0, 10)).toBe(model.settings.updated);
      const workbook = await writeXlsx(buildWorkbook(model, summariseLint(lint.diagnostics)));
      expect(workbook.subarray(0, 2).toString()).toBe('PK');
    },
    60_000,
  );
});
