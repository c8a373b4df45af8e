// Compiles the JSON Schemas to standalone validation code at build time (same ajv, same
// options as src/schema/validate.ts), so `omni lint` does not pay ajv's compile on start-up.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = new URL('../', import.meta.url);
const { AJV_OPTIONS } = await import(new URL('dist/schema/validate.js', root));
mkdirSync(new URL('dist/schema/', root), { recursive: true });
for (const name of ['model', 'config']) {
  const schema = JSON.parse(readFileSync(new URL(`schemas/${name}.schema.json`, root), 'utf8'));
  const ajv = new Ajv.default({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  const validate = ajv.compile(schema);
  // ajv's ESM output still require()s its runtime helpers; give the module a require.
  const code = `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${standaloneCode(ajv, validate)}`;
  writeFileSync(new URL(`dist/schema/${name}-validator.generated.js`, root), code);
}
