/** Severity as configured; `off` disables a rule entirely. */
export type Severity = 'error' | 'warn';
export type SeverityOrOff = Severity | 'off';

/** A JSON path inside one YAML document: keys and array indexes from the root. */
export type JsonPath = ReadonlyArray<string | number>;

/** 1-based line and column, as editors and every consumer format expect. */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * Where a diagnostic points before positions are resolved: a file and a JSON path
 * into it. `target: 'key'` points at a mapping key rather than at its value
 * (e.g. an unknown property). `needle` narrows the range to the first occurrence
 * of a substring inside the node's source (e.g. one `{{var}}` in a message).
 */
export interface Location {
  file: string;
  path: JsonPath;
  target?: 'key' | 'value';
  needle?: string;
  /** Set when the position is already known (e.g. a YAML syntax error). */
  range?: Range;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Workspace-relative path with forward slashes. */
  file: string;
  range: Range;
  /** Kind and id of the entity concerned, when there is one: stable across line moves. */
  entity?: { kind: string; id: string };
  /** A hint on how to fix it, shown after the message. */
  suggestion?: string;
  docsUrl: string;
  /**
   * Identity of the finding for baselines: rule, entity (or file) and where in it, never a
   * line number (see src/baseline/baseline.ts).
   */
  fingerprint?: string;
}

/** A finding silenced by a `# omni-disable…` comment: listed, never counted. */
export interface SuppressedDiagnostic extends Diagnostic {
  suppression: { kind: 'inSource'; justification: string };
}

/** A diagnostic whose location has not been mapped to line:col yet. */
export interface PendingDiagnostic extends Omit<Diagnostic, 'range' | 'file' | 'severity' | 'docsUrl' | 'fingerprint'> {
  location: Location;
  /**
   * For loader findings: the i18n template ids and data `message`/`suggestion` were
   * written from (in English), so lint can write them again in the workspace's language.
   */
  messageId?: string;
  suggestionId?: string;
  data?: Readonly<Record<string, string | number>>;
}

/** The result of a lint run, what every formatter receives. */
export interface LintResult {
  /** Absolute path of the workspace root; files in diagnostics are relative to it. */
  root: string;
  /** Every file that was read, relative to root, sorted. */
  files: string[];
  diagnostics: Diagnostic[];
  /** Source text per file, for code frames; only for files that have diagnostics. */
  sources: Map<string, string>;
  /** Language the messages are written in. */
  locale?: 'en' | 'fr';
  /** Findings silenced in source; not in `diagnostics`, not counted for the exit code. */
  suppressed?: SuppressedDiagnostic[];
  /** With --baseline: findings it matched (left out of `diagnostics`) and entries now fixed. */
  baseline?: { matched: number; prunable: number };
}
