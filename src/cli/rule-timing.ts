import type { Rule } from '../rules/create-rule.js';
import type { LintOptions } from '../pipeline/lint.js';
import { currentIo, say } from './output.js';

/**
 * `TIMING=1 omni lint`, as ESLint has it: the time each rule took, slowest first, on stderr
 * after the report (the report itself is unchanged): the ten slowest, `TIMING=all` every rule
 * that ran, `TIMING=N` (above 10) that many. For a team finding which house rule or plugin slows a large plan.
 */
export class RuleTiming {
  private readonly times = new Map<string, number>();

  /** What to pass to lintWorkspace: each rule run under a clock. */
  readonly checkRule: NonNullable<LintOptions['checkRule']> = (rule: Rule, context) => {
    const start = performance.now();
    try {
      rule.check(context);
    } finally {
      this.times.set(rule.id, (this.times.get(rule.id) ?? 0) + performance.now() - start);
    }
  };

  /** The table, or nothing when no rule ran. */
  write(limit: number): void {
    const rows = [...this.times].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (rows.length === 0) return;
    const total = rows.reduce((sum, [, time]) => sum + time, 0);
    const shown = rows.slice(0, limit).map(([id, time]) => [id, time.toFixed(3), `${(total > 0 ? (time * 100) / total : 0).toFixed(1)}%`] as const);
    const header = [say('timingRule'), say('timingTime'), say('timingRelative')] as const;
    const widths = header.map((title, column) => Math.max(title.length, ...shown.map((row) => row[column]!.length)));
    const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ');
    // Markdown's alignment row, its bars under the cells' ` | `: names left, figures right.
    const last = widths.length - 1;
    const rule = widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width)}` : `${'-'.repeat(column === last ? width : width + 1)}:`)).join('|');
    currentIo().stderr.write(`${[line(header), rule, ...shown.map(line)].join('\n')}\n`);
  }
}

/** How many rules `TIMING` asks for, as ESLint reads it: set at all, 10; `all`, every one; a number above 10, that many. */
export function timingLimit(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.toLowerCase() === 'all') return Infinity;
  const count = Number.parseInt(value, 10);
  return count > MINIMUM_ROWS ? count : MINIMUM_ROWS;
}

const MINIMUM_ROWS = 10;
