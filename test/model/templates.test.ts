import { describe, expect, it } from 'vitest';
import { analyzeTemplate } from '../../src/model/templates.js';

/** `name@line:column` for each variable read, in order. */
function variables(text: string): string[] {
  const analysis = analyzeTemplate(text);
  if (!analysis.ok) throw new Error(`unexpected syntax error: ${JSON.stringify(analysis.problem)}`);
  return analysis.variables.map((variable) => `${variable.name}@${variable.line}:${variable.column}`);
}

describe('analyzeTemplate: variables a template reads', () => {
  it('plain text has none', () => {
    expect(variables('Bonjour, votre panier vous attend')).toEqual([]);
  });

  it('a mustache, triple-stash and a nested path (first segment is the variable)', () => {
    expect(variables('{{first_name}} {{{raw_html}}} {{cart_items.0.name}}')).toEqual(['first_name@1:3', 'raw_html@1:19', 'cart_items@1:33']);
  });

  it('each: the list is a variable, item fields are not; ../ climbs back to the scenario', () => {
    expect(variables('{{#each cart_items}}{{name}} {{this}} {{@index}} {{../first_name}}{{/each}}')).toEqual(['cart_items@1:9', 'first_name@1:52']);
  });

  it('with: same as each', () => {
    expect(variables('{{#with order}}{{total}} {{../currency}}{{/with}}')).toEqual(['order@1:9', 'currency@1:28']);
  });

  it('nested each: ../../ reaches the scenario, ../ only the outer item', () => {
    expect(variables('{{#each orders}}{{#each lines}}{{../id}}{{../../first_name}}{{/each}}{{/each}}')).toEqual(['orders@1:9', 'first_name@1:43']);
  });

  it('@root.x is the scenario variable x, from any depth', () => {
    expect(variables('{{#each cart_items}}{{@root.first_name}}{{/each}} {{@root.city}}')).toEqual(['cart_items@1:9', 'first_name@1:23', 'city@1:53']);
  });

  it('if / unless / else keep the context: everything inside is a variable', () => {
    expect(variables('{{#if vip}}{{points}}{{else}}{{first_name}}{{/if}}{{#unless optin}}{{x}}{{/unless}}')).toEqual([
      'vip@1:7',
      'points@1:14',
      'first_name@1:32',
      'optin@1:61',
      'x@1:70',
    ]);
  });

  it('a helper with arguments: the helper is not a variable, path arguments and hash values are', () => {
    expect(variables('{{formatDate birthday "short"}} {{link "Voir" href=product_url}} {{year "now"}}')).toEqual(['birthday@1:14', 'product_url@1:52']);
  });

  it('subexpressions: the arguments inside are variables', () => {
    expect(variables('{{upper (lower nickname)}} {{#each (limit cart_items 3)}}{{name}}{{/each}}')).toEqual(['nickname@1:16', 'cart_items@1:43']);
  });

  it('block parameters (as |item|) are item paths', () => {
    expect(variables('{{#each cart_items as |item|}}{{item.name}}{{/each}}')).toEqual(['cart_items@1:9']);
  });

  it('comments and escaped mustaches read nothing', () => {
    expect(variables('{{! {{hidden}} }}{{!-- {{also}} --}}\\{{literal}}')).toEqual([]);
  });

  it('positions count lines and columns inside multi-line templates', () => {
    expect(variables('Bonjour,\n\n  {{first_name}}\n{{#each items}}\n{{name}}{{/each}}')).toEqual(['first_name@3:5', 'items@4:9']);
  });
});

describe('analyzeTemplate: syntax errors, at the unexpected token', () => {
  // The problem is data (template-syntax words it per locale): grammar tokens by their ids.
  const error = (text: string) => {
    const analysis = analyzeTemplate(text);
    if (analysis.ok) throw new Error('expected a syntax error');
    return { at: `${analysis.line}:${analysis.column}`, ...analysis.problem };
  };

  it('an unclosed mustache', () => {
    expect(error('Hi {{first_name}, x')).toEqual({ at: '1:16', kind: 'malformed' });
  });

  it('a closing block with no opening', () => {
    expect(error('{{first_name}}{{/if}}')).toEqual({ at: '1:15', kind: 'unexpected', token: 'OPEN_ENDBLOCK', expected: ['EOF'] });
  });

  it('a block closed by the wrong name', () => {
    expect(error('{{#each items}}x{{/with}}')).toMatchObject({ kind: 'mismatch', open: 'each', close: 'with' });
  });

  it('a block never closed, on a later line', () => {
    expect(error('Bonjour\n{{#each items}}\n{{name}}')).toMatchObject({
      kind: 'unexpected',
      token: 'EOF',
      expected: ['OPEN_ENDBLOCK'],
    });
    expect(error('Bonjour\n{{#each items}}\n{{name}}').at).toMatch(/^3:\d+$/);
  });

  it('the expected tokens are those an author can type, once each', () => {
    expect(error('{{a b=}}')).toEqual({ at: '1:7', kind: 'unexpected', token: 'CLOSE', expected: ['ID', 'STRING', 'NUMBER', 'BOOLEAN', 'DATA'] });
  });
});

describe('analyzeTemplate: cache', () => {
  it('returns the same analysis for the same text', () => {
    expect(analyzeTemplate('{{a}} {{b}}')).toBe(analyzeTemplate('{{a}} {{b}}'));
  });
});
