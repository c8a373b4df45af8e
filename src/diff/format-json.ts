import type { WorkspaceDiff } from './diff.js';

/** The diff as JSON (documented in docs/diff.md): key order fixed by the model, two-space indent. */
export function formatDiffJson(diff: WorkspaceDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
