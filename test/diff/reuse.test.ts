import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { side } from '../../src/cli/diff-run.js';
import { diffWorkspaces, type DiffSide } from '../../src/diff/diff.js';
import { formatDiffJson } from '../../src/diff/format-json.js';
import type { WorkspaceSource } from '../../src/loader/discover.js';
import { WorkspaceReuse } from '../../src/pipeline/reuse.js';
import { tierSize } from '../setup/tiers.js';

type Files = Record<string, string>;

const source = (files: Files): WorkspaceSource => ({
  listFiles: () => Object.keys(files),
  readFile: (file) => Buffer.from(files[file]!, 'utf8'),
});

/** Both sides as `omni diff` loads them (the second reusing the first), and the head loaded on its own. */
async function diffBoth(base: Files, head: Files): Promise<{ reused: [DiffSide, DiffSide]; alone: DiffSide; shared: string[] }> {
  const reuse = new WorkspaceReuse();
  const before = await side('base', '/plan', reuse, { source: source(base) });
  const after = await side('head', '/plan', reuse, { source: source(head) });
  const shared = [...reuse.sharedFiles].sort();
  const alone = await side('head', '/plan', new WorkspaceReuse(), { source: source(head) });
  return { reused: [before, after], alone, shared };
}

const gaps = (sides: [DiffSide, DiffSide]) => diffWorkspaces(...sides).gaps.introduced.map((gap) => `${gap.ruleId} ${gap.file}:${gap.line} ${gap.message}`);

const DECLARATIONS = `channels:
  - id: email
    name: Email
    type: online
stages:
  - id: buy
    name: Buy
touchpoints:
  - id: tp-email
    name: Email
    stage: buy
    channel: email
    status: normal
lifecycle:
  - id: customer
    name: Customer
targets:
  - id: all
    name: All
programs:
  - id: loyalty
    name: Loyalty
sources:
  - id: crm
    name: CRM
    type: crm
variables:
  - id: first_name
    name: First name
    sources: [crm]
  - id: gift
    name: Gift
    sources: [crm]
`;

const scenario = (id: string, body: string) => `scenarios:
  - id: ${id}
    name: ${id}
    program: loyalty
    lifecycle: customer
    target: all
${body}`;

/** Uses the variable gift, declared in declarations.yaml; waits for "ordered", the trigger of b.yaml. */
const A = scenario(
  'thanks',
  `    variables: [first_name, gift]
    trigger:
      type: event
      event: signed-up
    steps:
      - after: J+0
        channel: email
        subject: "Thanks {{first_name}}"
        message: "Your {{gift}}"
      - wait:
          until:
            - event: ordered
              steps:
                - after: J+1
                  channel: email
                  message: "Enjoy"
          timeout: 3d
`,
);

const B = (event: string) =>
  scenario(
    'order',
    `    variables: [first_name]
    trigger:
      type: event
      event: ${event}
    steps:
      - after: J+0
        channel: email
        message: "Hello {{first_name}}"
`,
  );

const BASE: Files = { 'omni.yaml': 'name: Plan\nlocale: en\n', 'declarations.yaml': DECLARATIONS, 'a.yaml': A, 'b.yaml': B('ordered') };

describe('omni diff reuses the base for the files that are the same in the head', () => {
  it('reports a gap in an identical file that a deletion in another file opens (unknown-reference)', async () => {
    const head = { ...BASE, 'declarations.yaml': DECLARATIONS.replace('  - id: gift\n    name: Gift\n    sources: [crm]\n', '') };
    const { reused, alone, shared } = await diffBoth(BASE, head);
    expect(shared).toEqual(['a.yaml', 'b.yaml']);
    expect(gaps(reused)).toEqual(['unknown-reference a.yaml:7 unknown variable "gift"']);
    expect(reused[1].lint.diagnostics).toEqual(alone.lint.diagnostics);
    // And back: the head's findings are fixed.
    const back = await diffBoth(head, BASE);
    expect(back.shared).toEqual(['a.yaml', 'b.yaml']);
    expect(diffWorkspaces(...back.reused).gaps.fixed.map((gap) => `${gap.ruleId} ${gap.file}:${gap.line}`)).toEqual(['unknown-reference a.yaml:7']);
  });

  it('reports a gap in an identical file that another scenario opens with the same declarations (unproduced-event)', async () => {
    const head = { ...BASE, 'b.yaml': B('bought') };
    const { reused, alone, shared } = await diffBoth(BASE, head);
    expect(shared).toEqual(['a.yaml', 'declarations.yaml']);
    expect(gaps(reused)).toEqual(['unproduced-event a.yaml:18 scenario "thanks" waits for event "ordered", which nothing produces']);
    expect(reused[1].lint.diagnostics).toEqual(alone.lint.diagnostics);
  });

  it('replays the findings of identical files and finds those of the edited ones', async () => {
    const broken = (text: string) => text.replace('"Thanks {{first_name}}"', '"Thanks {{first_name"');
    const base = { ...BASE, 'a.yaml': broken(A) };
    const head = { ...base, 'b.yaml': B('ordered').replace('"Hello {{first_name}}"', '"Hello {{name}}"') };
    const { reused, alone, shared } = await diffBoth(base, head);
    expect(shared).toEqual(['a.yaml', 'declarations.yaml']);
    expect(reused[1].lint.diagnostics.map((diagnostic) => `${diagnostic.ruleId} ${diagnostic.file}:${diagnostic.range.start.line}`)).toEqual([
      'template-syntax a.yaml:14',
      'undeclared-template-variable b.yaml:14',
    ]);
    expect(reused[1].lint.diagnostics).toEqual(alone.lint.diagnostics);
    expect(gaps(reused)).toEqual(['undeclared-template-variable b.yaml:14 "name" is not among the variables of scenario "order"']);
  });

  it('shares nothing when a side has house rules (a rule that is not built in)', async () => {
    const house = {
      ...BASE,
      'omni.yaml':
        'name: Plan\nlocale: en\ncustomRules:\n  - id: with-goal\n    description: Scenarios have a goal\n    severity: warn\n    given: scenarios\n    field: goal\n    required: true\n',
    };
    const { reused, alone, shared } = await diffBoth(house, { ...house, 'b.yaml': B('bought') });
    expect(shared).toEqual([]);
    expect(reused[1].lint.diagnostics).toEqual(alone.lint.diagnostics);
  });
});

/** Every file of a folder, relative, forward slashes. */
function readAll(root: string, relative = ''): Files {
  const files: Files = {};
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, readAll(root, child));
    else files[child] = readFileSync(path.join(root, child), 'utf8');
  }
  return files;
}

describe('omni diff with reuse gives the same diff as two separate loads', () => {
  const edits: Record<string, (text: string) => string | undefined> = {
    'renames the first id': (text) => text.replace(/id: ([a-z0-9_-]+)/, 'id: $1-renamed'),
    'changes the first name': (text) => text.replace(/name: .*/, 'name: Changed'),
    'breaks the YAML': (text) => `${text}\n  - : [\n`,
    'removes the file': () => undefined,
  };
  // The unit tier edits examples/gaps (every rule has a finding there); the e2e tier maison-lumen too.
  for (const example of ['examples/gaps', 'examples/maison-lumen'].slice(0, tierSize(2, 1))) {
    it(`on every file of ${example}`, async () => {
      const base = readAll(path.resolve(example));
      let checked = 0;
      for (const file of Object.keys(base).filter((name) => name.endsWith('.yaml') && name !== 'omni.yaml')) {
        for (const [what, edit] of Object.entries(edits)) {
          const head = { ...base };
          const text = edit(base[file]!);
          if (text === undefined) delete head[file];
          else head[file] = text;
          for (const [from, to] of [
            [base, head],
            [head, base],
          ] as const) {
            const { reused, alone, shared } = await diffBoth(from, to);
            expect(shared.length, `${what} ${file}`).toBeGreaterThan(0);
            const separate = await side('base', '/plan', new WorkspaceReuse(), { source: source(from) });
            expect(formatDiffJson(diffWorkspaces(...reused)), `${what} ${file}`).toBe(formatDiffJson(diffWorkspaces(separate, alone)));
            expect(reused[1].lint.diagnostics, `${what} ${file}`).toEqual(alone.lint.diagnostics);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});
