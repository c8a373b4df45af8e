import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Fixed identity and dates, no user or system config: the same commits (and shas) on every machine. */
export const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
}

/** Replaces one exact snippet, failing loudly when the example changed under the test. */
export function edit(file: string, from: string, to: string, count = 1): void {
  const text = readFileSync(file, 'utf8');
  const found = text.split(from).length - 1;
  if (found !== count) throw new Error(`expected ${count} ${JSON.stringify(from)} in ${file}, found ${found}`);
  writeFileSync(file, text.split(from).join(to));
}

export interface TestRepo {
  top: string;
  /** The workspace folder inside the repository. */
  plan: string;
}

/**
 * A repository holding examples/maison-lumen under plan/: on main, the example with one
 * planted gap (a variable without source); on the branch feature, one commit with known
 * edits: a status change, a step edit, a new error, the planted gap fixed, a rename and a
 * score change that moves priority ranks.
 */
export function buildRepo(): TestRepo {
  const top = mkdtempSync(path.join(tmpdir(), 'omni-diff-'));
  const plan = path.join(top, 'plan');
  cpSync(path.resolve('examples/maison-lumen'), plan, { recursive: true });
  git(top, 'init', '-q', '-b', 'main');
  edit(
    path.join(plan, 'data.yaml'),
    '  - id: app_installed\n    name: Application installée\n    sources: [app]',
    '  - id: app_installed\n    name: Application installée\n    sources: []',
  );
  git(top, 'add', '.');
  git(top, 'commit', '-q', '-m', 'base: the example with a variable without source');

  git(top, 'checkout', '-q', '-b', 'feature');
  // Status change.
  edit(
    path.join(plan, 'matrix.yaml'),
    '    channel: site\n    status: opportunity\n  - id: reseaux-inspiration',
    '    channel: site\n    status: normal\n  - id: reseaux-inspiration',
  );
  // Step edit: step 2 of the abandoned-cart scenario, earlier and by email.
  edit(path.join(plan, 'scenarios/relance-panier-abandonne.yaml'), '      - after: J+3\n        channel: sms', '      - after: J+2\n        channel: email');
  // New error: a scenario reads a variable nobody declared.
  edit(path.join(plan, 'scenarios/relance-panier-abandonne.yaml'), '      - promo_code\n', '      - promo_code\n      - gift_wrap\n');
  // Fixed gap.
  edit(path.join(plan, 'data.yaml'), '    sources: []', '    sources: [app]');
  // Rename: same source under a new id, and the variables reading it updated.
  edit(path.join(plan, 'data.yaml'), '  - id: caisse\n', '  - id: pos\n');
  edit(path.join(plan, 'data.yaml'), 'caisse]', 'pos]', 5);
  // Score change: moves relance-panier and the use cases it passes.
  edit(path.join(plan, 'use-cases.yaml'), '      business: 4\n      experience: 5\n      difficulty: 4', '      business: 5\n      experience: 5\n      difficulty: 1');
  git(top, 'commit', '-q', '-am', 'feature: edits');
  return { top, plan };
}
