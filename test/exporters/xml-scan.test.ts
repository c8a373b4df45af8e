import { describe, expect, it } from 'vitest';
import { elementsOf, firstElement, withoutElements } from '../../src/exporters/xml-scan.js';

describe('scanning XML forward only', () => {
  it('finds each element with its opening tag and body, any namespace prefix, self-closing ones too', () => {
    const xml = '<row r="1"><c r="A1" s="2"><v>1</v></c><x:c r="B1"/><cell/><c r="C1" t="s"><v>0</v></c ></row>';
    expect([...elementsOf(xml, 'c')].map(({ open, body }) => [open, body])).toEqual([
      ['<c r="A1" s="2">', '<v>1</v>'],
      ['<x:c r="B1"/>', undefined],
      ['<c r="C1" t="s">', '<v>0</v>'],
    ]);
    expect(firstElement(xml, 'v')?.body).toBe('1');
    expect(firstElement(xml, 'f')).toBeUndefined();
  });

  it('does not take a longer name for the one asked (fill in fills, patternFill), nor its closing tag', () => {
    const xml = '<fills count="2"><fill><patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/></patternFill></fill><fill/></fills>';
    const fills = firstElement(xml, 'fills')!;
    expect([...elementsOf(fills.body!, 'fill')].map((fill) => fill.body)).toEqual([
      '<patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/></patternFill>',
      undefined,
    ]);
  });

  it('stops at an element left open, and drops whole elements only', () => {
    expect([...elementsOf('<c r="A1"><v>1</v></c><c r="A2"><v>2</v><c r="A3">', 'c')].map((cell) => cell.open)).toEqual(['<c r="A1">']);
    expect(withoutElements('<t>a</t><rPh sb="0"><t>ア</t></rPh><t>b</t><rPh>', 'rPh')).toBe('<t>a</t><t>b</t><rPh>');
  });

  it('stays linear on 200,000 unclosed elements (a lazy regex rescanned to the end from each)', () => {
    const xml = `<row>${'<c r="A1">'.repeat(200_000)}</row>`;
    expect([...elementsOf(xml, 'c')]).toEqual([]);
    expect(withoutElements(`${'<rPh>'.repeat(200_000)}<t>kept</t>`, 'rPh').endsWith('<t>kept</t>')).toBe(true);
  });
});
