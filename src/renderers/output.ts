import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { VIEW_NAMES, type Diagram, type ViewName } from './types.js';

/**
 * What `omni render` owns in its output folder, and how it compares with what the model
 * gives now: the text outputs, the files no current diagram produces (stale), and drift.
 * The CLI only reports; these functions decide.
 */

/** Each view writes `<view>.mmd`, or its parts under `<view>/` (`scenarios/` for the flows). */
export function viewFolder(view: ViewName): string {
  return view === 'scenario' ? 'scenarios' : view;
}

/** The text outputs of a run: every .mmd, plus journey.md when every view is rendered. */
export function textOutputs(diagrams: readonly Diagram[], journey: string | undefined): Map<string, string> {
  const outputs = new Map(diagrams.map((diagram) => [diagram.file, diagram.text]));
  if (journey !== undefined) outputs.set('journey.md', journey);
  return outputs;
}

const withoutExtension = (file: string) => file.slice(0, file.length - path.posix.extname(file).length);

/**
 * Files of the rendered views that no current diagram produces: a renamed or deleted
 * scenario, a part of a view that is now drawn whole (or the whole file of a view now
 * split). Only files with these extensions, directly in the view's folder, are omni's.
 */
export function staleFiles(out: string, diagrams: readonly Diagram[], views: readonly ViewName[], extensions: readonly string[]): string[] {
  const current = new Set(diagrams.map((diagram) => withoutExtension(diagram.file)));
  const stale: string[] = [];
  for (const view of VIEW_NAMES.filter((name) => views.includes(name))) {
    const candidates: string[] = [];
    if (view !== 'scenario') candidates.push(...extensions.map((extension) => `${view}${extension}`));
    const folder = path.join(out, viewFolder(view));
    if (existsSync(folder) && statSync(folder).isDirectory()) {
      for (const file of readdirSync(folder)) if (extensions.includes(path.extname(file))) candidates.push(`${viewFolder(view)}/${file}`);
    }
    for (const file of candidates) {
      if (current.has(withoutExtension(file))) continue;
      if (existsSync(path.join(out, file))) stale.push(file);
    }
  }
  return stale.sort();
}

export interface Drift {
  file: string;
  state: 'differs' | 'missing' | 'stale';
}

/** Every text output that differs from the file in `out` or is missing there, then the stale .mmd files. */
export function findDrift(out: string, outputs: ReadonlyMap<string, string>, diagrams: readonly Diagram[], views: readonly ViewName[]): Drift[] {
  const drift: Drift[] = [];
  for (const [file, text] of outputs) {
    const target = path.join(out, file);
    if (!existsSync(target)) drift.push({ file, state: 'missing' });
    else if (readFileSync(target, 'utf8') !== text) drift.push({ file, state: 'differs' });
  }
  for (const file of staleFiles(out, diagrams, views, ['.mmd'])) drift.push({ file, state: 'stale' });
  return drift;
}

/** View names from the command line (repeatable, comma-separated), in view order; throws on an unknown one. */
export function selectViews(names: readonly string[]): ViewName[] | { unknown: string } {
  if (names.length === 0) return [...VIEW_NAMES];
  for (const name of names) if (!(VIEW_NAMES as readonly string[]).includes(name)) return { unknown: name };
  return VIEW_NAMES.filter((name) => names.includes(name));
}
