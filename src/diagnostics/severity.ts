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
