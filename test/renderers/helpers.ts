import path from 'node:path';
import { loadWorkspace } from '../../src/pipeline/load.js';
import type { Model } from '../../src/model/types.js';

export const WORKSPACES = {
  'maison-lumen': 'examples/maison-lumen',
  gaps: 'examples/gaps',
  hostile: 'test/fixtures/hostile',
} as const;

export async function loadModel(name: keyof typeof WORKSPACES): Promise<Model> {
  const workspace = await loadWorkspace(path.resolve(WORKSPACES[name]));
  return workspace.model;
}

/** Mermaid's entity codes back to characters, as Mermaid does when it draws. */
export function decodeMermaidEntities(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };
  return text.replace(/#(\w+);/g, (whole, code: string) => (/^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : (named[code] ?? whole)));
}
