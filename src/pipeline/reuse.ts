import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { FileContent, FileReader } from '../loader/discover.js';
import type { DocumentPart, ModelBuilder } from '../model/resolve.js';
import { SECTION_KINDS, type Model } from '../model/types.js';
import type { Rule, RuleContext, RuleReport } from '../rules/create-rule.js';
import { isBuiltInRule, isReplayablePerFile } from '../rules/index.js';
import type { FileOutcome } from './read-model-file.js';

/**
 * Work shared by two loads and lints of the same process (`omni diff`: base and head), for
 * the files that are the same on both sides: same path, same bytes.
 *
 * - **Loading.** Decoding, parsing and validating a file is a function of its path and
 *   bytes; so is what the model builder makes of it (entities carry their file and their
 *   `[section, index]`, nothing else from outside). The second load takes the first one's
 *   outcome (loader findings, text) and its very entity objects: the two models share them,
 *   which also lets the diff skip comparing an entity with itself.
 * - **Linting.** Only built-in rules of `locality: 'scenario'` (see RuleMeta) are replayed, and only when the
 *   declarations of both sides (every entity but scenarios, invalid ids, settings) are equal:
 *   their findings in a file then depend on that file's entities alone. Every other rule (a
 *   scenario reading other scenarios, usage across the workspace, duplicates, pressure)
 *   runs in full on each side.
 *
 * A side whose rules include any that is not built in (house rules, plugins) takes part in
 * nothing: such a rule could keep or change the model it is given.
 */
export class WorkspaceReuse {
  private readonly entries = new Map<string, Entry>();
  /** Files of the side being loaded whose outcome and entities came from the other side. */
  private shared = new Set<string>();
  private loads = 0;
  /** The first side has rules that are not built in: nothing is shared at all. */
  private disabled = false;
  private recorded: Recording | undefined;

  /** Files of the latest load that took the first side's outcome and entities (for tests and benchmarks). */
  get sharedFiles(): ReadonlySet<string> {
    return this.shared;
  }

  /**
   * The hook a load calls once its rules are known: undefined when this side must not share.
   * The first load records, later ones reuse what matches.
   */
  start(rules: readonly Rule[]): LoadReuse | undefined {
    const shared = (this.shared = new Set());
    const first = this.loads++ === 0;
    if (this.disabled || !rules.every((rule) => isBuiltInRule(rule))) {
      if (first) this.disabled = true;
      return undefined;
    }
    const entries = this.entries;
    return {
      read: (file, reader, parse) => {
        const blob = (reader as Partial<BlobIds>).blobId?.(file);
        if (first) {
          const content = reader.readFile(file);
          const outcome = parse(content);
          entries.set(file, { outcome, ...(content instanceof Uint8Array ? { bytes: content } : {}), ...(blob !== undefined ? { blob } : {}) });
          return outcome;
        }
        const previous = entries.get(file);
        let content: FileContent | undefined;
        if (previous?.built) {
          // Equal git ids are equal bytes: the blob is not even read.
          let same: boolean;
          if (blob !== undefined && previous.blob !== undefined) same = blob === previous.blob;
          else {
            content = reader.readFile(file);
            same = content instanceof Uint8Array && sameBytes(content, previous);
          }
          if (same) {
            shared.add(file);
            return previous.outcome;
          }
        }
        return parse(content ?? reader.readFile(file));
      },
      build: (outcome, builder) => {
        const entry = entries.get(outcome.file);
        if (!first) {
          if (shared.has(outcome.file) && entry?.outcome === outcome) builder.addPart(entry.built!);
          else if (outcome.data !== undefined) builder.add({ file: outcome.file, data: outcome.data, invalidPaths: outcome.invalidPaths });
          return;
        }
        const part = outcome.data !== undefined ? builder.add({ file: outcome.file, data: outcome.data, invalidPaths: outcome.invalidPaths }) : undefined;
        if (entry?.outcome === outcome) entry.built = part ?? { file: outcome.file, sections: {}, invalidIds: {} };
      },
    };
  }

  /**
   * `checkRule` for `lintWorkspace`: on the first side, runs each rule and keeps the reports
   * of the scenario-local ones per file; on a later side, replays them for the shared files
   * when the declarations match, and runs the rule on the other files' scenarios only.
   */
  checkRule(model: Model): ((rule: Rule, context: RuleContext) => void) | undefined {
    if (this.disabled) return undefined;
    if (this.recorded === undefined) {
      const recording: Recording = { model, rules: new Map() };
      this.recorded = recording;
      return (rule, context) => {
        if (!isReplayablePerFile(rule)) return rule.check(context);
        const byFile = new Map<string, RuleReport[]>();
        recording.rules.set(rule.id, { options: JSON.stringify(context.options), byFile });
        rule.check({
          ...context,
          report: (report) => {
            const list = byFile.get(report.location.file);
            if (list) list.push(report);
            else byFile.set(report.location.file, [report]);
            context.report(report);
          },
        });
      };
    }
    const recording = this.recorded;
    const shared = this.shared;
    let sameDeclarations: boolean | undefined;
    let partial: Model | undefined;
    return (rule, context) => {
      const before = recording.rules.get(rule.id);
      if (!before || !isBuiltInRule(rule) || before.options !== JSON.stringify(context.options) || shared.size === 0) return rule.check(context);
      sameDeclarations ??= declarationsEqual(recording.model, model);
      if (!sameDeclarations) return rule.check(context);
      // The other files' scenarios only; every other section whole (references resolve across all).
      partial ??= { ...model, scenarios: model.scenarios.filter((scenario) => !shared.has(scenario.origin.file)) };
      const fresh = new Map<string, RuleReport[]>();
      rule.check({
        ...context,
        model: partial,
        report: (report) => {
          const file = report.location.file;
          if (shared.has(file)) return; // replayed from the first side below
          const list = fresh.get(file);
          if (list) list.push(report);
          else fresh.set(file, [report]);
        },
      });
      // Per file, in the order the rule reported them: what lint keeps of a file (capPerFile)
      // and the order of equal findings depend on that order only.
      for (const [file, reports] of before.byFile) if (shared.has(file)) for (const report of reports) context.report(report);
      for (const reports of fresh.values()) for (const report of reports) context.report(report);
    };
  }
}

/** What `loadWorkspace` calls for each model file (see `WorkspaceReuse.start`). */
export interface LoadReuse {
  /** The file's outcome: the other side's when the file is the same there, else `parse(content)`. */
  read(file: string, reader: FileReader, parse: (content: FileContent) => FileOutcome): FileOutcome;
  /** Adds the file's entities to the model: the other side's objects for a shared file. */
  build(outcome: FileOutcome, builder: ModelBuilder): void;
}

/** A source that knows git's id of each file (`git ls-tree`): equal ids, equal bytes, nothing read. */
export interface BlobIds {
  blobId(file: string): string | undefined;
}

/** Git's id of a blob with these bytes (`git hash-object`). */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

interface Entry {
  outcome: FileOutcome;
  bytes?: Uint8Array;
  blob?: string;
  /** What the model builder made of it (nothing for a file that did not parse), once built. */
  built?: DocumentPart;
}

interface Recording {
  model: Model;
  rules: Map<string, { options: string; byFile: Map<string, RuleReport[]> }>;
}

function sameBytes(content: Uint8Array, entry: Entry): boolean {
  if (entry.bytes) return Buffer.from(content.buffer, content.byteOffset, content.length).equals(entry.bytes);
  return entry.blob !== undefined && gitBlobId(content) === entry.blob;
}

const plain = (value: unknown) => JSON.stringify(value);

/** Whether two models declare the same things: every section but scenarios, entity by entity (origins too), invalid ids, settings. */
export function declarationsEqual(a: Model, b: Model): boolean {
  if (a.defaultLifecycle !== b.defaultLifecycle || plain(a.settings) !== plain(b.settings)) return false;
  for (const kind of SECTION_KINDS) {
    const left = [...a.invalidIds[kind]];
    const right = [...b.invalidIds[kind]];
    if (left.length !== right.length || left.some((id, index) => id !== right[index])) return false;
    if (kind === 'scenarios') continue;
    const x = a[kind] as readonly object[];
    const y = b[kind] as readonly object[];
    if (x.length !== y.length) return false;
    for (let index = 0; index < x.length; index++) if (x[index] !== y[index] && plain(x[index]) !== plain(y[index])) return false;
  }
  return true;
}
