/**
 * A real LibreOffice edit: a Python-UNO script (test/exporters/scripts/uno-edit.py) starts
 * its own headless soffice, edits the exported workbook in Calc (a score, a name, an
 * inserted step row, a new touchpoint in an empty cell, an inserted channel row), stores it with Calc's
 * "MS Excel 2007 XML" filter, and stops soffice; `omni import --into` then changes exactly
 * those YAML lines (nothing below the inserted rows is misread as shifted).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repo } from './helpers.js';
import { git } from './into-harness.js';
import { inCi, soffice } from './tools.js';

/** A python3 with LibreOffice's UNO bridge (Debian's python3-uno); the pyenv shim may lack it. */
const unoPython = ['/usr/bin/python3', 'python3'].find((candidate) => spawnSync(candidate, ['-c', 'import uno'], { stdio: 'ignore' }).status === 0);
if ((!unoPython || !soffice) && !inCi) console.warn('skipping the UNO edit test: needs soffice and python3-uno (apt-get install python3-uno)');

const omni = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bin/omni.js'), ...args], { encoding: 'utf8', cwd });

describe.skipIf((!unoPython || !soffice) && !inCi)('omni import --into after an edit made in LibreOffice Calc through UNO', () => {
  test('a score, a name, an inserted step row, a new touchpoint and an inserted channel row: exactly those lines change, lint clean', { timeout: 60_000 }, () => {
    expect(unoPython, 'python3 with uno not found; .ci/run installs python3-uno').toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-uno-'));
    const ws = path.join(dir, 'ws');
    cpSync(path.join(repo, 'examples/maison-lumen'), ws, { recursive: true });
    git(ws, 'init', '-q');
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'init');
    const xlsx = path.join(dir, 'plan.xlsx');
    expect(omni(dir, 'export', ws, '--xlsx', xlsx).status).toBe(0);
    const edited = path.join(dir, 'calc.xlsx');
    // The script stops its soffice itself (terminate, then kill after 10 s); the timeout here is the last resort.
    const run = spawnSync(unoPython!, [path.join(repo, 'test/exporters/scripts/uno-edit.py'), xlsx, edited, path.join(dir, 'profile')], {
      encoding: 'utf8',
      timeout: 45_000,
      killSignal: 'SIGKILL',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(edited)).toBe(true);
    const imported = omni(dir, 'import', '--xlsx', edited, '--into', ws, '--locale', 'en');
    expect(imported.stderr).toBe(`omni: applied 6 edits from ${edited}; run \`git diff\` to review them\n`);
    expect(imported.status).toBe(0);
    const changed = git(ws, 'diff', '--unified=0')
      .stdout.split('\n')
      .filter((line) => /^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line));
    expect(changed).toEqual([
      '+  - id: borne-en-magasin',
      '+    name: Borne en magasin',
      '+  - id: suivi-de-commande-en-ligne',
      '+    name: Suivi de commande en ligne',
      '+    stage: livraison',
      '+    channel: site',
      '+    status: normal',
      '+  - id: paiement-sur-borne',
      '+    name: Paiement sur borne',
      '+    stage: achat',
      '+    channel: borne-en-magasin',
      '+    status: normal',
      '-    name: Alerte retour en stock',
      '+    name: Alerte stock',
      '+      - after: J+3',
      '+        channel: email',
      '+        subject: Toujours là',
      '+        message: Dernier rappel',
      '-      business: 5',
      '+      business: 2',
    ]);
    expect(git(ws, 'diff', '--name-only').stdout).toBe('matrix.yaml\nscenarios/alerte-stock.yaml\nuse-cases.yaml\n');
    expect(omni(dir, 'lint', ws).status).toBe(0);
  });
});
