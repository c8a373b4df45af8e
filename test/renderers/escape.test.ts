import { describe, expect, it } from 'vitest';
import { escapeLabel, quoted, shorten } from '../../src/renderers/escape.js';
import { escapeMarkdown } from '../../src/renderers/journey.js';
import { fileNames, NodeIds } from '../../src/renderers/ids.js';
import { decodeMermaidEntities } from './helpers.js';

describe('escapeLabel', () => {
  it.each([
    ['Je me renseigne"] --> B["pwned', 'Je me renseigne#quot;] --#gt; B[#quot;pwned'],
    ['%%{init: {"theme":"dark"}}%%', '#37;#37;{init: {#quot;theme#quot;:#quot;dark#quot;}}#37;#37;'],
    ['click x call alert(1)', 'click x call alert(1)'],
    ['a ; b # c | d `e` \\ f', 'a #59; b #35; c #124; d #96;e#96; #92; f'],
    ['<script>alert(1)</script>', '#lt;script#gt;alert(1)#lt;/script#gt;'],
    ['&amp; &lt;', '#amp;amp#59; #amp;lt#59;'],
    ['end\nsubgraph x\r\n  style a fill:#f00', 'end subgraph x #115;tyle a fill:#35;f00'],
    ['classDef evil fill:#f00', '#99;lassDef evil fill:#35;f00'],
    ['\tMagasin (tab)\u2028x', 'Magasin (tab) x'],
    ['🛋️ Crème brûlée àéîõü ñ « Julia »', '🛋️ Crème brûlée àéîõü ñ « Julia »'],
    ['[[double]] {curly} (paren) {{first_name}}', '[[double]] {curly} (paren) {{first_name}}'],
  ])('escapes %j exactly', (input, expected) => {
    expect(escapeLabel(input)).toBe(expected);
  });

  it('leaves no character that can close a label, start a comment, directive, statement or entity', () => {
    const nasty = 'a"b#c%d&e<f>g`h;i|j\\k\nn\ro';
    const escaped = escapeLabel(nasty);
    expect(escaped).not.toMatch(/["%&<>`|\\\n\r]/);
    // Every # starts one of our entities.
    expect(escaped.replace(/#(\w+);/g, '')).not.toContain('#');
    expect(escaped.replace(/#(\w+);/g, '')).not.toContain(';');
  });

  it('round-trips through Mermaid entity decoding to the original text (line breaks become spaces)', () => {
    const names = ['Relance"] --> end; click sc call alert(1) %%', '-cart | items ; [[x]] # not a comment', 'Lifestyle: 50% #1'];
    for (const name of names) expect(decodeMermaidEntities(escapeLabel(name))).toBe(name);
  });
});

describe('shorten and quoted', () => {
  it('cuts at a word boundary with an ellipsis, counting emoji as characters', () => {
    expect(shorten('Afficher le stock des magasins en temps réel', 20)).toBe('Afficher le stock…');
    expect(shorten('court', 20)).toBe('court');
    expect(shorten('🛋️🛋️🛋️🛋️', 3)).toBe('🛋️🛋️…');
  });

  it('quotes after shortening, so an ellipsis never splits an entity', () => {
    expect(quoted('a"b', 10)).toBe('"a#quot;b"');
    expect(quoted('"""""""""""""""', 4)).toBe('"#quot;#quot;#quot;…"');
  });
});

describe('NodeIds', () => {
  it('prefixes the kind, keeps letters and digits, and resolves collisions in first-asked order', () => {
    const ids = new NodeIds();
    expect(ids.get('stage', 'je-me-renseigne')).toBe('stage_je_me_renseigne');
    expect(ids.get('channel', 'end')).toBe('channel_end');
    expect(ids.get('tp', 'a-b')).toBe('tp_a_b');
    expect(ids.get('tp', 'a_b')).toBe('tp_a_b_2');
    expect(ids.get('tp', 'a-b')).toBe('tp_a_b');
    expect(ids.get('tp', 'a_b_2')).toBe('tp_a_b_2_2');
  });

  it('gives file names that stay inside the folder and never repeat', () => {
    expect(fileNames(['bienvenue', 'bienvenue', '../etc/passwd', ''])).toEqual(['bienvenue', 'bienvenue-2', 'etc_passwd', 'scenario']);
  });
});

describe('escapeMarkdown', () => {
  it('keeps headings inert', () => {
    expect(escapeMarkdown('<script>alert(1)</script> [x](http://y) *a* | b\n# c')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](http://y) \\*a\\* \\| b \\# c');
  });
});
