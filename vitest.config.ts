import { defineConfig } from 'vitest/config';
import { VALIDATORS_DIR } from './test/setup/paths.js';

/**
 * Seeded fuzz campaigns and scale tests: the unit tier runs the first cases of each (or a
 * smaller input), in budget; the e2e tier runs these files again with every case at full
 * size — same seeds, same assertions (test/setup/tiers.ts reads OMNI_TEST_TIER).
 */
const TIERED_FILES = [
  'test/fuzz/lint-mutation.test.ts',
  'test/loader/fast-yaml.test.ts',
  'test/loader/positions-fast.test.ts',
  'test/exporters/workbook-fuzz.test.ts',
  'test/loader/many-findings.test.ts',
  'test/diff/reuse.test.ts',
  'test/lsp/session-fuzz.test.ts',
  'test/exporters/round-trip-fuzz.test.ts',
  'test/exporters/into-cell-fuzz.test.ts',
  'test/diff/diff-fuzz.test.ts',
  'test/rules/suppression-fuzz.test.ts',
  'test/simulate/invariance-fuzz.test.ts',
  'test/teams/baseline-fuzz.test.ts',
  'test/exporters/into-row-fuzz.test.ts',
  'test/lsp/quick-fix-fuzz.test.ts',
  'test/lsp/cursor-fuzz.test.ts',
  'test/fuzz/force-mutation.test.ts',
  'test/renderers/presentation-invariance.test.ts',
  'test/simulate/reference-fuzz.test.ts',
];

/**
 * The projects this run was asked for (`--project unit`, `--project=e2e`); none means both.
 * When the e2e tier runs, it runs the TIERED_FILES in full, so the unit tier leaves out its
 * slice of them: the same cases would run twice.
 */
function projectsAsked(argv: readonly string[]): string[] {
  const asked: string[] = [];
  argv.forEach((arg, index) => {
    if (arg === '--project' && argv[index + 1] !== undefined) asked.push(argv[index + 1]!);
    else if (arg.startsWith('--project=')) asked.push(arg.slice('--project='.length));
  });
  return asked;
}
const asked = projectsAsked(process.argv);
const e2eRuns = asked.length === 0 || asked.includes('e2e');

/**
 * Two tiers, split by file name:
 * - unit: in-process tests (rules through an in-memory workspace, model, formatters,
 *   renderers' text, report view model…), `npm run test:unit`, seconds;
 * - e2e: `*.e2e.test.ts`, anything that spawns a process (the built CLI, git, Chromium,
 *   LibreOffice) or loads Mermaid/jsdom or a browser, or runs a fuzz campaign in full,
 *   `npm run test:e2e`.
 * `npm test` runs both.
 */
export default defineConfig({
  test: {
    // Browser, LibreOffice and git-backed tests take seconds on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core
    // machine. Three on two cores: an e2e file spends much of its time waiting on the process
    // it spawned (LibreOffice, npm, a browser starting), and a third file fills those waits
    // (bench/README.md, session 8); the CPU-bound unit tier is no slower for it (16.8 s → 15.2 s).
    maxWorkers: 3,
    // Transformed test and source modules kept on disk (node_modules/.experimental-vitest-cache)
    // between runs: a rerun skips most of the transform work. Keyed on each file's content and the
    // config; this project has no vite plugins whose options it would miss. `vitest --clearCache` empties it.
    experimental: { fsModuleCache: true },
    // A TMPDIR of the run's own, removed at its end (test/setup/scratch-tmp.ts); then the validators.
    globalSetup: ['test/setup/scratch-tmp.ts', 'test/setup/validators.ts'],
    setupFiles: ['test/setup/after-each-file.ts'],
    projects: [
      // Unit workers load the validators compiled once by the global setup; e2e runs keep
      // the environment clean so the spawned CLI uses the validators shipped in dist/.
      // Unit files share a worker's modules (`isolate: false`): they only call pure or
      // in-process code that keeps no state between calls (caches aside), never mock a
      // module or change process.env, and a file re-imports its own code. That halves the
      // tier's time (imports and cold JIT were half of it).
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.e2e.test.ts', ...(e2eRuns ? TIERED_FILES : [])],
          isolate: false,
          env: { OMNI_VALIDATORS_DIR: VALIDATORS_DIR, OMNI_TEST_TIER: 'unit' },
        },
      },
      // E2e files share their worker too: each spawns what it tests, and its in-process parts
      // follow the unit tier's rules above. A fresh module graph per file cost ~1.4 s a file,
      // a fifth of the tier's time.
      { extends: true, test: { name: 'e2e', include: ['test/**/*.e2e.test.ts', ...TIERED_FILES], isolate: false, env: { OMNI_TEST_TIER: 'e2e' } } },
    ],
  },
});
