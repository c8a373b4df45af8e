import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckedWorkspace } from '../../src/cli/workspace.js';
import { simulationsOf, violationsOf } from '../../src/simulate/engine.js';

const gaps = path.resolve(import.meta.dirname, '../../examples/gaps');

describe('loadCheckedWorkspace', () => {
  it('simulates once for a command that shows calendars: lint reads the full simulation', async () => {
    const { workspace, lint } = await loadCheckedWorkspace(gaps, { refuseOnErrors: false, command: 'report', showsCalendars: true });
    expect(lint.diagnostics.some((diagnostic) => diagnostic.ruleId === 'marketing-pressure')).toBe(true);
    // The very objects of the full simulation: no second, lint-only play was made.
    expect(violationsOf(workspace.model)[0]!.pressure).toBe(simulationsOf(workspace.model)[0]!.pressure);
  });

  it('lint plays the personas on its own otherwise (no calendar is built)', async () => {
    const { workspace } = await loadCheckedWorkspace(gaps, { refuseOnErrors: false, command: 'export' });
    const lintOnly = violationsOf(workspace.model)[0]!.pressure;
    const full = simulationsOf(workspace.model)[0]!.pressure;
    expect(lintOnly).not.toBe(full);
    // The same breaches; lint's do not list their entries and scenarios (it only counts them).
    expect(lintOnly).toEqual(full.map(({ entries: _entries, scenarios: _scenarios, ...breach }) => breach));
    expect(lintOnly.length).toBeGreaterThan(0);
    expect(lintOnly[0]).not.toHaveProperty('entries');
  });
});
