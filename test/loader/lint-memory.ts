import type { Diagnostic } from '../../src/diagnostics/types.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';

/** A workspace held in memory, by workspace-relative file name. */
export type MemoryFiles = Record<string, string | Uint8Array>;

/** The whole lint pipeline (load, validate, resolve, rules, positions) on files that never touch the disk. */
export async function lintMemory(files: MemoryFiles): Promise<Diagnostic[]> {
  const bytes = new Map(Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? Buffer.from(content) : content]));
  const workspace = await loadWorkspace('/omni-memory-workspace', {
    source: { listFiles: () => [...bytes.keys()], readFile: (file) => bytes.get(file) ?? new Uint8Array() },
  });
  return (await lintWorkspace(workspace)).diagnostics;
}

/** `line:col rule message` per diagnostic: what a user reads, in one comparable string. */
export const summarize = (diagnostics: readonly Diagnostic[]): string[] =>
  diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.ruleId} ${d.message}${d.suggestion ? ` (${d.suggestion})` : ''}`);
