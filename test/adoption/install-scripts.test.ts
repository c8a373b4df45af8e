import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// npm runs a dependency's install script only when package.json's allowScripts says so, and
// .npmrc's strict-allow-scripts fails `npm ci` on one it does not cover (docs/dependencies.md).
// `npm install-scripts ls` sees only what is installed on this machine; the lockfile holds
// every platform's packages (a Mac's SARIF validator, an optional native module npm dropped).
const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('install scripts of dependencies', () => {
  const manifest = JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean> };
  const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { hasInstallScript?: boolean }> };
  const withScripts = Object.entries(lock.packages)
    .filter(([location, entry]) => location !== '' && entry.hasInstallScript)
    .map(([location]) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length));

  it('are each reviewed in allowScripts, and no entry is left over', () => {
    expect([...new Set(withScripts)].sort()).toEqual(Object.keys(manifest.allowScripts ?? {}).sort());
  });

  it('fail the install when one is not (strict-allow-scripts in .npmrc)', () => {
    expect(read('.npmrc')).toMatch(/^strict-allow-scripts=true$/m);
  });

  it('never include one that downloads a browser', () => {
    expect(manifest.allowScripts?.puppeteer).toBe(false);
  });
});
