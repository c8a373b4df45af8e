import { describe, expect, it } from 'vitest';
import { KNOWN_FILLS } from '../../src/exporters/template-import.js';
import { colourOf, indexedColours, statusOfHue, themeColours, tinted, toHsl } from '../../src/exporters/xlsx-colours.js';

const THEME = `<a:theme><a:themeElements><a:clrScheme name="Office">
<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>
<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>
<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3>
<a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>
<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme></a:themeElements></a:theme>`;

describe('fill colours as workbooks store them', () => {
  it("reads the theme's colours by the index fills use (light 1 first: Excel swaps the first two pairs)", () => {
    expect(themeColours(THEME).slice(0, 10)).toEqual(['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47']);
    // No theme part, or none readable: Office's.
    expect(themeColours(undefined)[5]).toBe('ED7D31');
    expect(themeColours('<a:theme/>')[9]).toBe('70AD47');
  });

  it("applies a tint as Excel's palette does (lighter 60%, darker 25%), and resolves rgb, theme and indexed fgColor", () => {
    // Excel's "Orange, Accent 2, Lighter 60%" and "Green, Accent 6, Darker 25%".
    expect(tinted('ED7D31', 0.5999938962981048)).toBe('F8CBAD');
    expect(tinted('70AD47', -0.249977111117893)).toBe('548235');
    const colours = { theme: themeColours(THEME), indexed: indexedColours('') };
    expect(colourOf('<fgColor rgb="FFC6EFCE"/>', colours)).toBe('C6EFCE');
    expect(colourOf('<fgColor theme="5" tint="0.5999938962981048"/>', colours)).toBe('F8CBAD');
    expect(colourOf('<fgColor theme="9"/>', colours)).toBe('70AD47');
    expect(colourOf('<fgColor indexed="13"/>', colours)).toBe('FFFF00');
    expect(colourOf('<fgColor indexed="64"/>', colours)).toBeUndefined(); // "system foreground"
    expect(colourOf('<fgColor auto="1"/>', colours)).toBeUndefined();
    // A workbook's own palette replaces the legacy one, index by index.
    const custom = indexedColours('<colors><indexedColors><rgbColor rgb="FF111111"/><rgbColor rgb="FF222222"/></indexedColors></colors>');
    expect(custom.slice(0, 3)).toEqual(['111111', '222222', 'FF0000']);
  });

  it('reads a status from the hue: reds and oranges friction, yellows normal, greens opportunity; greys, near-whites and blues nothing', () => {
    expect(toHsl('FF0000')).toEqual([0, 1, 0.5]);
    expect(['F8CBAD', 'E6B9B8', 'FF0000', 'FAC090', 'C00000'].map(statusOfHue)).toEqual(['friction', 'friction', 'friction', 'friction', 'friction']);
    expect(['FFFF00', 'FFF2CC', 'FFE699', 'FFC000'].map(statusOfHue)).toEqual(['normal', 'normal', 'normal', 'normal']);
    expect(['A9D18E', '9BBB59', '00B050', 'E2EFDA'].map(statusOfHue)).toEqual(['opportunity', 'opportunity', 'opportunity', 'opportunity']);
    expect(['BFBFBF', 'FAFAFA', '4472C4', '7030A0', '111111'].map(statusOfHue)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('agrees with the known template colours, but Excel\'s standard "Orange" FFC000, a gold by its hue, which the list reads as friction', () => {
    for (const [status, fills] of Object.entries(KNOWN_FILLS)) for (const fill of fills) if (fill !== 'FFC000') expect([fill, statusOfHue(fill)]).toEqual([fill, status]);
    expect(statusOfHue('FFC000')).toBe('normal');
  });
});
