// Bundles the CLI's own modules, as tsc wrote them in dist/, into dist/bundle/: bin/omni.js
// then loads a few dozen files instead of ~100 (each ES module costs a resolve, a read and a
// compile: start-up is a quarter shorter, `omni lint` of a small workspace ~15%). Packages
// stay external (npm installs them; their licences and files stay theirs), and what a command
// imports dynamically (workbook, browser, report, language server) stays in chunks of its own,
// so the lint path still loads none of it (test/pipeline/lint-imports.e2e.test.ts).
// Every file is relative to the package root as in dist/<folder>/ (`../../schemas/…`), which
// dist/bundle/ is too. dist/ stays whole: the plugin entry (`omni-journey`) and tests use it.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const packages = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
const external = (id) => id.startsWith('node:') || builtinModules.includes(id) || packages.some((name) => id === name || id.startsWith(`${name}/`));
const out = fileURLToPath(new URL('dist/bundle/', root));
const VENDORED = '// exceljs 4.4 parts vendored by scripts/bundle.mjs from src/exporters/exceljs.ts; licences in exceljs.LICENSES.txt.';

// exceljs's parts, inlined into the file tsc wrote for src/exporters/exceljs.ts (see there).
const vendored = fileURLToPath(new URL('dist/exporters/exceljs.js', root));
await vendorExceljs(vendored);

rmSync(out, { recursive: true, force: true });
await build({
  input: {
    main: fileURLToPath(new URL('dist/cli/main.js', root)),
    // Its own entry: bin/omni.js loads it first, to watch signals before anything else.
    'process-cleanup': fileURLToPath(new URL('dist/util/process-cleanup.js', root)),
  },
  platform: 'node',
  external,
  plugins: [
    {
      // The vendored exceljs stays one file of its own, which the workbook chunk imports as
      // dist/exporters/write-xlsx.js does: dist/bundle/ is as deep as dist/exporters/.
      name: 'omni-vendored-exceljs',
      resolveId: (id, importer) =>
        importer !== undefined && id.startsWith('.') && path.resolve(path.dirname(importer), id) === vendored ? { id: '../exporters/exceljs.js', external: true } : null,
    },
  ],
  logLevel: 'warn',
  output: { dir: out, format: 'esm', chunkFileNames: '[name]-[hash].js', minify: false },
});

/**
 * Bundles exceljs's writer and its dependencies into `file` (an ES module), in place, and writes
 * the licence of every package inlined beside it. exceljs's archiver is replaced by a stand-in:
 * omni swaps the workbook writer's zip for its own right after construction (write-xlsx.ts), so
 * the archive exceljs opens is never written; the stand-in fails loudly if it ever were.
 */
async function vendorExceljs(file) {
  // Already vendored (bundle.mjs run again without tsc): bundling the bundle would lose its licence list.
  if (readFileSync(file, 'utf8').startsWith(VENDORED)) return;
  const temporary = `${file}.vendor`;
  rmSync(temporary, { recursive: true, force: true });
  const stand_in = '\0omni-archiver-stand-in';
  const result = await build({
    input: file,
    platform: 'node',
    external: (id) => id.startsWith('node:') || builtinModules.includes(id),
    logLevel: 'warn',
    plugins: [
      {
        name: 'omni-archiver-stand-in',
        resolveId: (id) => (id === 'archiver' ? stand_in : null),
        load: (id) =>
          id === stand_in
            ? `module.exports = function archiver() {
  const unused = () => { throw new Error("omni: exceljs's own zip was used; omni's writer replaces it (src/exporters/write-xlsx.ts)"); };
  return { pipe() {}, append() {}, on() { return this; }, finalize: unused };
};`
            : null,
      },
    ],
    output: { dir: temporary, format: 'esm', entryFileNames: 'exceljs.js', minify: false, banner: VENDORED },
  });
  const chunk = result.output.find((item) => item.type === 'chunk' && item.isEntry);
  renameSync(path.join(temporary, 'exceljs.js'), file);
  rmSync(temporary, { recursive: true, force: true });
  writeFileSync(file.replace(/\.js$/, '.LICENSES.txt'), licencesOf(chunk.moduleIds));
}

/** The name, version, licence and licence text of each package a bundle inlined, sorted by name. */
function licencesOf(moduleIds) {
  const folders = new Set();
  for (const id of moduleIds) {
    const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(id.replaceAll('\\', '/'));
    if (match) folders.add(match[1]);
  }
  const sections = [...folders]
    .map((folder) => {
      const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
      const licenceFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'license', 'License.md', 'LICENSE-MIT']
        .map((name) => path.join(folder, name))
        .find((candidate) => existsSync(candidate));
      const text = licenceFile ? readFileSync(licenceFile, 'utf8').trim() : standardLicence(manifest);
      return { name: manifest.name, heading: `${manifest.name}@${manifest.version} (${manifest.license})`, text };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return (
    'Packages bundled into dist/exporters/exceljs.js (scripts/bundle.mjs), with their licences.\n\n' +
    sections.map(({ heading, text }) => `${'='.repeat(heading.length)}\n${heading}\n${'='.repeat(heading.length)}\n\n${text}\n`).join('\n')
  );
}

/**
 * The standard text of a package's declared licence when it ships no licence file (saxes 5
 * does not), with the copyright of its package.json author, as the licence asks to keep.
 */
function standardLicence(manifest) {
  const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
  if (!author) throw new Error(`${manifest.name}: no licence file and no author to credit; add its licence to scripts/bundle.mjs`);
  const texts = {
    ISC: `Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted, provided that the above copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.`,
    MIT: `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`,
  };
  const text = texts[manifest.license];
  if (!text) throw new Error(`${manifest.name}: no licence file and licence ${manifest.license} has no standard text here; add it to scripts/bundle.mjs`);
  return `(The package ships no licence file: the standard ${manifest.license} text, as its package.json declares.)\n\nCopyright (c) ${author}\n\n${text}`;
}
