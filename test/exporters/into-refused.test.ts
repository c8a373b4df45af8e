import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import type { WorkbookSpec } from '../../src/exporters/workbook-spec.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { omniIn, repo } from './helpers.js';

/** A copy of the example and its workbook with one visible cell typed over (found by its text), as a stakeholder would. */
async function editedCopy(example: string, sheet: string, from: string, to: string): Promise<{ dir: string; ws: string; where: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omni-into-cell-'));
  const ws = path.join(dir, 'ws');
  cpSync(path.join(repo, 'examples', example), ws, { recursive: true });
  const workspace = await loadWorkspace(ws);
  const spec: WorkbookSpec = buildWorkbook(workspace.model, summariseLint((await lintWorkspace(workspace)).diagnostics));
  const rows = spec.sheets.find((candidate) => candidate.name === sheet)!.rows;
  let where = '';
  rows.some((row, r) =>
    row.some((cell, c) => {
      if (cell?.value !== from) return false;
      cell.value = to;
      where = `${String.fromCharCode(65 + c)}${r + 1}`;
      return true;
    }),
  );
  expect(where, `${from} in ${sheet}`).not.toBe('');
  writeFileSync(path.join(dir, 'plan.xlsx'), await writeXlsx(spec));
  return { dir, ws, where };
}

const snapshot = (ws: string, files: string[]) => files.map((file) => readFileSync(path.join(ws, file), 'utf8'));

describe('import --into, a cell typed over', () => {
  it('with a value the YAML cannot take (a delay of "J+14 bientôt"): the cell and the schema’s words, exit 1, nothing written', async () => {
    const { dir, ws, where } = await editedCopy('maison-lumen', 'Spécification des scénarios', 'J+14', 'J+14 bientôt');
    const files = ['scenarios/echantillons-tissu.yaml'];
    const before = snapshot(ws, files);
    const result = await omniIn(dir, 'import', '--xlsx', 'plan.xlsx', '--into', 'ws');
    expect(result.stderr).toBe(
      `omni: Spécification des scénarios!${where} : « J+14 bientôt » n’est pas un délai valide (écrivez le délai depuis le déclencheur sous la forme J+1, D+1, J-7, 1d, 12h, 30m, 2w ou 0)\n` +
        'omni: 1 cellule du classeur contient une valeur que le YAML ne peut pas prendre : rien n’a été écrit (corrigez-la dans le classeur, puis importez à nouveau)\n',
    );
    expect(result.status).toBe(1);
    expect(snapshot(ws, files)).toEqual(before);
  });

  it('of an entity whose id is declared twice (duplicate-id): applied to the first declaration, no conflict', async () => {
    const { dir, ws } = await editedCopy('gaps', 'Customer journey', 'I buy', 'I purchase');
    const result = await omniIn(dir, 'import', '--xlsx', 'plan.xlsx', '--into', 'ws');
    expect(result.stderr).not.toContain('conflict');
    expect(result.status).toBe(0);
    const matrix = readFileSync(path.join(ws, 'matrix.yaml'), 'utf8').split('\n');
    expect(matrix.slice(4, 9).join('\n')).toMatch(/id: buy\n\s+name: I purchase/);
  });
});
