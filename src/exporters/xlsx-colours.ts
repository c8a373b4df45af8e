/**
 * Fill colours as a spreadsheet stores them, turned into RRGGBB: an explicit `rgb`, a theme
 * colour (`theme` index, lightened or darkened by `tint`, as Excel's palette writes "Orange,
 * Accent 2, Lighter 60%") resolved against the workbook's own theme, or a legacy palette
 * index (`indexed`, as older files and some LibreOffice saves write them).
 */

import type { TouchpointStatus } from '../model/types.js';
import { elementsOf, firstElement } from './xml-scan.js';

/** The 64 colours of the legacy palette (ECMA-376 §18.8.27), before any <indexedColors> override. */
// prettier-ignore
const DEFAULT_INDEXED = [
  '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF', 'FFFF00', 'FF00FF', '00FFFF',
  '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF', 'FFFF00', 'FF00FF', '00FFFF',
  '800000', '008000', '000080', '808000', '800080', '008080', 'C0C0C0', '808080',
  '9999FF', '993366', 'FFFFCC', 'CCFFFF', '660066', 'FF8080', '0066CC', 'CCCCFF',
  '000080', 'FF00FF', 'FFFF00', '00FFFF', '800080', '800000', '008080', '0000FF',
  '00CCFF', 'CCFFFF', 'CCFFCC', 'FFFF99', '99CCFF', 'FF99CC', 'CC99FF', 'FFCC99',
  '3366FF', '33CCCC', '99CC00', 'FFCC00', 'FF9900', 'FF6600', '666699', '969696',
  '003366', '339966', '003300', '333300', '993300', '993366', '333399', '333333',
];

/** Office's default theme (what a workbook without a theme part, or a broken one, gets). */
const OFFICE_THEME = ['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '0563C1', '954F72'];

/** The order of <a:clrScheme>'s children. */
const SCHEME_ORDER = ['dk1', 'lt1', 'dk2', 'lt2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink'];

export interface WorkbookColours {
  /** By theme index as cells use it (0 light 1, 1 dark 1, 2 light 2, 3 dark 2, 4… accents). */
  theme: string[];
  indexed: string[];
}

/**
 * The theme's colours by the index fills use. The scheme lists dark 1, light 1, dark 2,
 * light 2 first, but a fill's `theme="0"` is light 1 (Excel swaps the first two pairs).
 */
export function themeColours(themeXml: string | undefined): string[] {
  const scheme = themeXml ? firstElement(themeXml, 'clrScheme')?.body : undefined;
  if (!scheme) return OFFICE_THEME;
  const colourIn = (name: string): string | undefined => {
    const body = firstElement(scheme, name)?.body ?? '';
    const rgb = firstElement(body, 'srgbClr')?.open;
    const system = rgb === undefined ? firstElement(body, 'sysClr')?.open : undefined;
    return (rgb !== undefined ? /\bval="([0-9A-Fa-f]{6})"/.exec(rgb) : system !== undefined ? /\blastClr="([0-9A-Fa-f]{6})"/.exec(system) : null)?.[1]?.toUpperCase();
  };
  const inOrder = SCHEME_ORDER.map((name, index) => colourIn(name) ?? OFFICE_THEME[[1, 0, 3, 2][index] ?? index]!);
  return [inOrder[1]!, inOrder[0]!, inOrder[3]!, inOrder[2]!, ...inOrder.slice(4)];
}

/** The legacy palette, with the workbook's own <indexedColors> where styles.xml has one. */
export function indexedColours(stylesXml: string): string[] {
  const custom = firstElement(stylesXml, 'indexedColors')?.body;
  if (!custom) return DEFAULT_INDEXED;
  const colours = [...elementsOf(custom, 'rgbColor')].map((element) => /\brgb="(?:[0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})"/.exec(element.open)?.[1]?.toUpperCase() ?? '');
  return DEFAULT_INDEXED.map((colour, index) => colours[index] || colour);
}

/** A `<fgColor …>` element's colour as RRGGBB, or undefined (auto, or an index nothing defines). */
export function colourOf(element: string, colours: WorkbookColours): string | undefined {
  const attribute = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(element)?.[1];
  const rgb = attribute('rgb');
  if (rgb && /^[0-9A-Fa-f]{6,8}$/.test(rgb)) return rgb.slice(-6).toUpperCase();
  const theme = attribute('theme');
  if (theme !== undefined) {
    const base = colours.theme[Number(theme)];
    if (base === undefined) return undefined;
    const tint = Number(attribute('tint') ?? 0);
    return Number.isFinite(tint) && tint !== 0 ? tinted(base, tint) : base;
  }
  const indexed = attribute('indexed');
  if (indexed !== undefined) return colours.indexed[Number(indexed)];
  return undefined;
}

/** Excel's tint: the colour's lightness moved towards white (tint > 0) or black (tint < 0), hue and saturation kept. */
export function tinted(rgb: string, tint: number): string {
  const [h, s, l] = toHsl(rgb);
  const lightness = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  return fromHsl(h, s, Math.min(1, Math.max(0, lightness)));
}

/** Hue (degrees), saturation and lightness (0–1) of RRGGBB. */
export function toHsl(rgb: string): [number, number, number] {
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(rgb.slice(at, at + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? ((g - b) / d + (g < b ? 6 : 0)) * 60 : max === g ? ((b - r) / d + 2) * 60 : ((r - g) / d + 4) * 60;
  return [h, s, l];
}

function fromHsl(h: number, s: number, l: number): string {
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v = x < 1 / 6 ? p + (q - p) * 6 * x : x < 1 / 2 ? q : x < 2 / 3 ? p + (q - p) * (2 / 3 - x) * 6 : p;
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  const hue = h / 360;
  return s === 0 ? channel(l).repeat(3).toUpperCase() : (channel(hue + 1 / 3) + channel(hue) + channel(hue - 1 / 3)).toUpperCase();
}

/**
 * The status a fill colour's hue reads as, the method's colour code (yellow normal, orange
 * friction, green opportunity) applied to any shade of it, with red read as friction too:
 * "Orange, Accent 2, Lighter 60%" and the many greens of a palette. Greys, near-whites,
 * blues and purples say nothing (undefined).
 */
export function statusOfHue(rgb: string): TouchpointStatus | undefined {
  const [hue, saturation, lightness] = toHsl(rgb);
  if (saturation < 0.25 || lightness > 0.96 || lightness < 0.08) return undefined;
  if (hue < 40 || hue >= 330) return 'friction';
  if (hue < 70) return 'normal';
  if (hue < 170) return 'opportunity';
  return undefined;
}
