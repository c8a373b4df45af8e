import { defineConfig } from 'vitest/config';
import { VALIDATORS_DIR } from './test/setup/paths.js';

/**
 * Two tiers, split by file name:
 * - unit: in-process tests (rules through an in-memory workspace, model, formatters,
 *   renderers' text, report view model…), `npm run test:unit`, seconds;
 * - e2e: `*.e2e.test.ts`, anything that spawns a process (the built CLI, git, Chromium,
 *   LibreOffice) or loads Mermaid/jsdom or a browser, `npm run test:e2e`.
 * `npm test` runs both.
 */
export default defineConfig({
  test: {
    // Browser, LibreOffice and git-backed tests take seconds on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/setup/validators.ts'],
    projects: [
      // Unit workers load the validators compiled once by the global setup; e2e runs keep
      // the environment clean so the spawned CLI uses the validators shipped in dist/.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.e2e.test.ts'], env: { OMNI_VALIDATORS_DIR: VALIDATORS_DIR } } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.e2e.test.ts'] } },
    ],
  },
});
