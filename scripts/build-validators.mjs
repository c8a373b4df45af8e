// Compiles the JSON Schemas to standalone validation code at build time (same ajv, same
// options as src/schema/validate.ts), so `omni lint` does not pay ajv's compile on start-up.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = new URL('../', import.meta.url);

/** Writes `<name>-validator.generated.js` for both schemas into `folder` (a file URL ending in /). */
export function writeValidators(folder, ajvOptions) {
  mkdirSync(folder, { recursive: true });
  for (const name of ['model', 'config']) {
    const schema = JSON.parse(readFileSync(new URL(`schemas/${name}.schema.json`, root), 'utf8'));
    const ajv = new Ajv.default({ ...ajvOptions, code: { source: true, esm: true } });
    const validate = ajv.compile(schema);
    // ajv's ESM output still require()s its runtime helpers; give the module a require.
    const code = `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${withMapIndices(standaloneCode(ajv, validate))}`;
    writeFileSync(new URL(`${name}-validator.generated.js`, folder), code);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { AJV_OPTIONS } = await import(new URL('dist/schema/validate.js', root));
  writeValidators(new URL('dist/schema/', root), AJV_OPTIONS);
}

/**
 * ajv checks `uniqueItems` on string lists with a plain object as index (`indices[item]`),
 * which makes V8 internalise every id it sees: over half of validation time on a large
 * workspace. A Map gives the same answers (items are strings, checked just before) several
 * times faster, and also catches a repeated "__proto__", which the object index misses.
 * test/schema/precompiled.test.ts compares this code with ajv's own on many documents.
 */
function withMapIndices(code) {
  const rewrites = [
    [/const (indices\d+) = \{\};/g, 'const $1 = new Map();'],
    [/typeof (indices\d+)\[(item\d+)\] == "number"/g, '$1.has($2)'],
    [/(j\d+) = (indices\d+)\[(item\d+)\];/g, '$1 = $2.get($3);'],
    [/(indices\d+)\[(item\d+)\] = (i\d+);/g, '$1.set($2, $3);'],
  ];
  let out = code;
  for (const [pattern, replacement] of rewrites) out = out.replace(pattern, replacement);
  if (/indices\d+\[/.test(out) || /indices\d+ = \{\}/.test(out)) throw new Error('build-validators: ajv changed its uniqueItems code; update withMapIndices');
  return out;
}
