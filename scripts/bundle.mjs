// Bundles the CLI's own modules, as tsc wrote them in dist/, into dist/bundle/: bin/omni.js
// then loads a few dozen files instead of ~100 (each ES module costs a resolve, a read and a
// compile: start-up is a quarter shorter, `omni lint` of a small workspace ~15%). Packages
// stay external (npm installs them; their licences and files stay theirs), and what a command
// imports dynamically (workbook, browser, report, language server) stays in chunks of its own,
// so the lint path still loads none of it (test/pipeline/lint-imports.e2e.test.ts).
// Every file is relative to the package root as in dist/<folder>/ (`../../schemas/…`), which
// dist/bundle/ is too. dist/ stays whole: the plugin entry (`omni-journey`) and tests use it.
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const packages = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
const external = (id) => id.startsWith('node:') || builtinModules.includes(id) || packages.some((name) => id === name || id.startsWith(`${name}/`));
const out = fileURLToPath(new URL('dist/bundle/', root));

rmSync(out, { recursive: true, force: true });
await build({
  input: {
    main: fileURLToPath(new URL('dist/cli/main.js', root)),
    // Its own entry: bin/omni.js loads it first, to watch signals before anything else.
    'process-cleanup': fileURLToPath(new URL('dist/util/process-cleanup.js', root)),
  },
  platform: 'node',
  external,
  logLevel: 'warn',
  output: { dir: out, format: 'esm', chunkFileNames: '[name]-[hash].js', minify: false },
});
