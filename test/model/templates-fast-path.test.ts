import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeSimple } from '../../src/model/templates.js';

// The fast path must never disagree with handlebars' parser: whenever it answers,
// its answer is the parser's, variable for variable, line and column included.

const ROOT = path.resolve(import.meta.dirname, '../..');

function templatesIn(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) {
        let data: unknown;
        try {
          data = jsYaml.load(readFileSync(full, 'utf8'));
        } catch {
          continue;
        }
        for (const scenario of (data as { scenarios?: { steps?: Record<string, unknown>[] }[] } | null)?.scenarios ?? []) {
          for (const step of scenario?.steps ?? []) {
            for (const field of ['subject', 'message']) if (typeof step?.[field] === 'string') found.push(step[field] as string);
          }
        }
      }
    }
  };
  walk(path.join(ROOT, folder));
  return found;
}

const HAND_PICKED = [
  '{{first_name}}, votre panier vous attend',
  'Bonjour {{ first_name }},\n{{#each cart_items}}\n- {{name}} : {{quantity}} × {{price}} €\n{{/each}}\nTotal : {{cart_total}} €',
  '{{#if promo_code}}Code {{promo_code}}{{/if}} et {{#unless vip}}rien{{/unless}}',
  '{{#with order}}{{number}}{{/with}} {{order.number}} {{cart_items.first.name}}',
  '{{formatDate delivery_date}} {{upper first_name last_name}}',
  '{{#each items}}{{@index}}: {{name}} {{../first_name}}{{/each}}',
  '{{@index}} {{@root.first_name}} {{@root}}',
  '{{this}} {{this.name}} {{.}} {{cart_items.0.name}} {{cart_items.[0]}}',
  '{{#each a}}{{else}}vide {{b}}{{/each}}',
  '{{#each a}}x{{/if}}',
  '{{#each a}}never closed',
  '{{first_name',
  '{{}}',
  '{{ }}',
  '{{{raw_html}}} {{first_name}}',
  '{{first_name}}}',
  '\\{{not_a_variable}} {{real}}',
  '{{!-- comment {{x}} --}} {{y}}',
  '{{> partial}} {{z}}',
  '{{~trim~}} {{z}}',
  '{{#each}}{{/each}}',
  '{{#each a b}}{{/each}}',
  '{{#custom a}}{{/custom}}',
  '{{true}} {{null}} {{true_value}} {{else_value}} {{as}}',
  'ligne 1\r\n{{a}}\rligne {{b}}',
  'sep\u2028{{a}}',
  '{{a}}\n\n   {{b.c}} {{  d  }}\n{{#if e}}\n  {{f}}\n{{/if}}',
  '{{first-name}} {{a/b}} {{a.b-c}}',
  '{{ #each a }}{{/each}}',
  '{{# each a }}{{/ each }}',
  '{{#each a}}{{#each b}}{{c}}{{/each}}{{d}}{{/each}}{{e}}',
  '{{#if a}}{{#with b}}{{c}}{{/with}}{{d}}{{/if}}',
  '{ {{a}} } {{b}}{',
  'été {{prénom}} 🎉 {{a}}',
  '{{a\n}} {{\nb}}',
  // One mustache each, so that one declined shape does not hide the others.
  ...['{{a.else}}', '{{undefined}}', '{{x.undefined.y}}', '{{asx}}', '{{a.as}}', '{{Thisx}}', '{{_this}}', '{{@root2}}', '{{@rooty}}', '{{@_x}}'],
  ...['{{@1}}', '{{@}}', '{{@a.b}}', '{{a..b}}', '{{.a}}', '{{a.}}', '{{a.1b}}', '{{a.b_2.C}}', '{{#each a.this}}{{/each}}', '{{h @index}}', '{{#if a.b}}{{c}}{{/if}}'],
];

/** Seeded random templates built from fragments that combine into valid and invalid shapes. */
function randomTemplates(count: number): string[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const fragments = [
    '{{a}}',
    '{{b.c}}',
    '{{#each l}}',
    '{{/each}}',
    '{{#if a}}',
    '{{/if}}',
    '{{#with o}}',
    '{{/with}}',
    '{{@index}}',
    '{{else}}',
    ' text ',
    '\n',
    '  ',
    'é',
    '{{h a b}}',
    '{{',
    '}}',
    '{{this}}',
    '{{../x}}',
    '{{ d }}',
    '{{#unless u}}',
    '{{/unless}}',
  ];
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => fragments[Math.floor(next() * fragments.length)]).join(''));
}

/** Seeded random templates with balanced blocks: the shapes the fast path must answer. */
function balancedTemplates(count: number): string[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const leaves = ['{{a}}', '{{ b.c }}', '{{@index}}', '{{h a b.c}}', 'texte ', '\n', '\n  ', 'é ', '{{\nd\n}}', '{ } '];
  const build = (depth: number): string =>
    Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
      if (depth < 3 && next() < 0.3) {
        const helper = pick(['each', 'with', 'if', 'unless']);
        return `{{#${helper} ${pick(['l', 'o.p', 'q'])}}}${build(depth + 1)}{{/${helper}}}`;
      }
      return pick(leaves);
    }).join('');
  return Array.from({ length: count }, () => build(0));
}

describe('template fast path', () => {
  const corpus = [...HAND_PICKED, ...templatesIn('examples'), ...templatesIn('test/fixtures'), ...randomTemplates(3000), ...balancedTemplates(2000)];

  it('agrees with handlebars on every template it answers', () => {
    let answered = 0;
    for (const text of corpus) {
      const fast = analyzeSimple(text);
      if (fast === undefined) continue;
      answered++;
      expect({ text, analysis: fast }).toEqual({ text, analysis: analyze(text) });
    }
    expect(answered).toBeGreaterThan(2000);
  });

  it('answers the common shapes itself, without the parser', () => {
    for (const text of HAND_PICKED.slice(0, 5)) expect(analyzeSimple(text), text).toBeDefined();
    expect(analyzeSimple('Bonjour {{first_name}},\n{{#each cart_items}}\n{{name}}\n{{/each}}\n{{cart_total}}')).toEqual({
      ok: true,
      variables: [
        { name: 'first_name', original: 'first_name', line: 1, column: 11 },
        { name: 'cart_items', original: 'cart_items', line: 2, column: 9 },
        { name: 'cart_total', original: 'cart_total', line: 5, column: 3 },
      ],
    });
  });

  it('leaves errors and unusual syntax to handlebars', () => {
    for (const text of ['{{#each a}}x{{/if}}', '{{first_name', '{{{raw}}}', '{{else}}', '{{../x}}', '{{@root.x}}', 'a\r\n{{b}}']) {
      expect(analyzeSimple(text), text).toBeUndefined();
    }
  });
});
