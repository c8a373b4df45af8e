import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withIo } from '../../src/cli/output.js';
import { runReport } from '../../src/cli/report-run.js';
import { ROOT } from './helpers.js';

/**
 * Issue 9: why a diagram is missing from a report is omni's words (a message id), worded
 * in the run's language; the browser's own error text keeps its words.
 */
describe('a diagram left out of the report', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'omni-diagram-failures-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  // The first diagram draws nothing, the second has an event handler, the third a link; the rest are fine.
  const opener = async () => ({
    renderAll: async (texts: readonly string[]) =>
      texts.map((_, index) =>
        index === 0
          ? undefined
          : index === 1
            ? { svg: '<svg><g onclick="x()"/></svg>' }
            : index === 2
              ? { svg: '<svg><a href="https://x.test/y">y</a></svg>' }
              : { svg: '<svg/>' },
      ) as { svg: string }[],
    close: async () => undefined,
  });

  async function report(locale: 'en' | 'fr') {
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) }, cwd: folder, env: { NO_COLOR: '1' } };
    const status = await withIo(
      io,
      async () => void (await runReport(path.join(ROOT, 'examples/maison-lumen'), { out: path.join(folder, `${locale}.html`), diagrams: true }, opener)),
      locale,
    );
    return { status, lines: stderr.split('\n').slice(0, 3) };
  }

  it('reads in French in a French run', async () => {
    expect(await report('fr')).toEqual({
      status: 0,
      lines: [
        'omni: le diagramme use-cases n’a pas pu être dessiné : rien n’a été dessiné',
        'omni: le diagramme scenario:alerte-stock n’a pas pu être dessiné : laissé de côté, le SVG contient : un attribut de gestionnaire d’événement',
        'omni: le diagramme scenario:anniversaire n’a pas pu être dessiné : laissé de côté, le SVG contient : un lien vers https://x.test/y',
      ],
    });
  });

  it('reads in English as before in an English run', async () => {
    expect((await report('en')).lines).toEqual([
      'omni: diagram use-cases could not be rendered: nothing drawn',
      'omni: diagram scenario:alerte-stock could not be rendered: left out, the SVG has event-handler attribute',
      'omni: diagram scenario:anniversaire could not be rendered: left out, the SVG has link to https://x.test/y',
    ]);
  });
});
