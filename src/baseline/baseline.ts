import type { Diagnostic, JsonPath, PendingDiagnostic } from '../diagnostics/types.js';
import { SECTION_KINDS } from '../model/types.js';

const SECTIONS = new Set<string>(SECTION_KINDS);

/**
 * The identity of a finding, without line numbers: `rule|entity kind:id|context`, where the
 * context is the JSON path inside its file with the entity's own index replaced by `*`
 * (entities move when others are added above them), plus the needle when there is one.
 * Findings about no entity (a YAML syntax error) use their file instead.
 */
export function fingerprintOf(pending: PendingDiagnostic): string {
  const { location } = pending;
  const path: JsonPath =
    location.path.length >= 2 && SECTIONS.has(String(location.path[0])) && typeof location.path[1] === 'number'
      ? [location.path[0]!, '*', ...location.path.slice(2)]
      : location.path;
  const owner = pending.entity ? `${pending.entity.kind}:${pending.entity.id}` : `file:${location.file}`;
  let context = path.join('/');
  if (location.target === 'key') context += '#key';
  if (location.needle) context += `~${location.needle}`;
  return `${pending.ruleId}|${owner}|${context}`;
}

/** One recorded finding; `count` findings share its fingerprint. */
export interface BaselineEntry {
  ruleId: string;
  /** `kind:id` of the entity, or `file:<path>` for findings about no entity. */
  owner: string;
  context: string;
  count: number;
}

export interface BaselineFile {
  version: 1;
  entries: BaselineEntry[];
}

/** The baseline of these findings, in a fixed order: the same findings always give the same bytes. */
export function createBaseline(diagnostics: readonly Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const diagnostic of diagnostics) {
    if (!diagnostic.fingerprint) continue;
    counts.set(diagnostic.fingerprint, (counts.get(diagnostic.fingerprint) ?? 0) + 1);
  }
  const entries: BaselineEntry[] = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([fingerprint, count]) => {
      const [ruleId, owner, ...rest] = fingerprint.split('|');
      return { ruleId: ruleId!, owner: owner!, context: rest.join('|'), count };
    });
  const file: BaselineFile = { version: 1, entries };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Why a file is not a baseline, as data: the CLI words it in the run's language. */
export type BaselineProblem = { kind: 'notJson'; reason: string } | { kind: 'notBaseline' } | { kind: 'badEntry'; entry: number };

export class BaselineFormatError extends Error {
  constructor(readonly problem: BaselineProblem) {
    super(
      problem.kind === 'notJson'
        ? `not JSON (${problem.reason})`
        : problem.kind === 'notBaseline'
          ? 'not an omni baseline (expected { "version": 1, "entries": [...] })'
          : `entry ${problem.entry} is not { ruleId, owner, context, count }`,
    );
  }
}

/** Parses a baseline file; throws a BaselineFormatError when it is not one. */
export function parseBaseline(text: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // JSON.parse's own reason (the runtime's words, like an operating system's error name), on one line.
    throw new BaselineFormatError({ kind: 'notJson', reason: (error as Error).message.replace(/\r?\n/g, '\\n') });
  }
  const file = data as Partial<BaselineFile> | null;
  if (!file || typeof file !== 'object' || file.version !== 1 || !Array.isArray(file.entries)) throw new BaselineFormatError({ kind: 'notBaseline' });
  file.entries.forEach((entry, index) => {
    const ok =
      entry &&
      typeof entry.ruleId === 'string' &&
      typeof entry.owner === 'string' &&
      typeof entry.context === 'string' &&
      Number.isInteger(entry.count) &&
      entry.count > 0;
    if (!ok) throw new BaselineFormatError({ kind: 'badEntry', entry: index + 1 });
  });
  return file as BaselineFile;
}

/** How many findings each fingerprint of the baseline may still match. */
export function baselineCounts(baseline: BaselineFile): Map<string, number> {
  const remaining = new Map<string, number>();
  for (const entry of baseline.entries) {
    const key = `${entry.ruleId}|${entry.owner}|${entry.context}`;
    remaining.set(key, (remaining.get(key) ?? 0) + entry.count);
  }
  return remaining;
}

/** Leaves out the findings the baseline records (up to each entry's count). */
export function applyBaseline<T extends Diagnostic>(diagnostics: readonly T[], baseline: BaselineFile): { kept: T[]; matched: number; prunable: number } {
  const remaining = baselineCounts(baseline);
  const kept: T[] = [];
  let matched = 0;
  for (const diagnostic of diagnostics) {
    const left = diagnostic.fingerprint ? remaining.get(diagnostic.fingerprint) : undefined;
    if (left) {
      remaining.set(diagnostic.fingerprint!, left - 1);
      matched++;
    } else kept.push(diagnostic);
  }
  let prunable = 0;
  for (const left of remaining.values()) prunable += left;
  return { kept, matched, prunable };
}
