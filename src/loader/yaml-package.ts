import { createRequire } from 'node:module';

let loaded: typeof import('yaml') | undefined;

/**
 * The `yaml` package, loaded synchronously on first use: for the rare file that needs its
 * syntax tree or lexer while files load (a bracket never closed, a suppression comment in a
 * file the fast reader does not read). The lint path never loads it otherwise.
 */
export function yamlPackage(): typeof import('yaml') {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}
