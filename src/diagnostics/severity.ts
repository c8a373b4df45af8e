import type { SeverityOrOff } from './types.js';

export type SeverityOverrides = Readonly<Record<string, SeverityOrOff>>;

export const SEVERITIES: readonly SeverityOrOff[] = ['error', 'warn', 'off'];

/**
 * The severity a rule runs at: the command line wins over omni.yaml, which wins over
 * the rule's default.
 */
export function effectiveSeverity(rule: { id: string; defaultSeverity: SeverityOrOff }, ...layers: readonly (SeverityOverrides | undefined)[]): SeverityOrOff {
  let severity = rule.defaultSeverity;
  for (const layer of layers) {
    const override = layer?.[rule.id];
    if (override) severity = override;
  }
  return severity;
}

/** Parses `id=severity` as given to --rule; throws a readable message on bad input. */
export function parseRuleOption(text: string, knownIds: ReadonlySet<string>): [string, SeverityOrOff] {
  const match = /^([a-z][a-z0-9-]*)=(error|warn|off)$/.exec(text.trim());
  if (!match) throw new Error(`--rule expects id=error|warn|off, got "${text}"`);
  const [, id, severity] = match;
  if (!knownIds.has(id!)) throw new Error(`--rule: unknown rule "${id}" (see \`omni rules\`)`);
  return [id!, severity as SeverityOrOff];
}
