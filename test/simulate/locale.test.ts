import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { simulate } from '../../src/simulate/engine.js';
import { formatSimulationMarkdown, formatSimulationText } from '../../src/simulate/format.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('omni simulate speaks the workspace language', () => {
  it('maison-lumen (locale: fr): runs, what was not sent and the closing line in French', async () => {
    const { model } = await loadWorkspace(path.join(root, 'examples/maison-lumen'));
    const text = formatSimulationText(model, simulate(model, 'marc'));
    expect(text).toBe(`Marc, sans consentement email (marc) · tous
  J+3 10:00  sms  relance-panier-abandonne 2  Maison Lumen : -10 % sur votre panier avec le code {{promo_code}}, valable 48 h…
  relance-panier-abandonne · entrée J+0 10:00 sur cart_abandoned : objectif order_placed atteint à J+4 11:00
  Non envoyé : relance-panier-abandonne 1, J+1 10:00 : pas de consentement sur email et pas de repli

1 persona, 0 dépassement
`);
  });

  it('Markdown: French title and table headers', async () => {
    const { model } = await loadWorkspace(path.join(root, 'examples/maison-lumen'));
    const markdown = formatSimulationMarkdown(model, simulate(model, 'julia'));
    expect(markdown.split('\n').slice(0, 5)).toEqual([
      '# omni simulate : Maison Lumen — plan relationnel omnicanal',
      '',
      '## Julia, un canapé en velours vert (`julia`)',
      '',
      '| Quand | Canal | Scénario | Étape | Message |',
    ]);
  });
});
