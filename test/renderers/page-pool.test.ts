import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { createPagePool } from '../../src/renderers/browser.js';

/** A pool over stand-in pages: each "draws" a batch as `page:item`, after a turn of the event loop. */
function pool(size: number) {
  const pages: string[] = [];
  const named = (name: string) => {
    pages.push(name);
    return { name } as unknown as Page;
  };
  const first = named('first');
  let opened = 0;
  const drawing = createPagePool(first, size, async () => named(`extra${++opened}`));
  const draw = async (page: Page, batch: string[]) => {
    await new Promise((resolve) => setImmediate(resolve));
    return batch.map((item) => `${(page as unknown as { name: string }).name}:${item}`);
  };
  return { drawing, draw, pages };
}

const items = (count: number) => Array.from({ length: count }, (_, index) => `d${index}`);
const itemsOf = (results: string[]) => results.map((result) => result.split(':')[1]);
const pagesOf = (results: string[]) => [...new Set(results.map((result) => result.split(':')[0]))].sort();

describe('the page pool', () => {
  it('draws a call of at most `alone` batches on the first page, opening no other', async () => {
    const { drawing, draw, pages } = pool(2);
    const results = await drawing.run(items(200), draw, undefined, 25, 8);
    expect(itemsOf(results)).toEqual(items(200));
    expect(pagesOf(results)).toEqual(['first']);
    expect(pages).toEqual(['first']);
  });

  it('opens the second page for a larger call, and keeps the input order', async () => {
    const { drawing, draw, pages } = pool(2);
    const progress: number[] = [];
    const results = await drawing.run(items(201), draw, (done) => progress.push(done), 25, 8);
    expect(itemsOf(results)).toEqual(items(201));
    expect(pagesOf(results)).toEqual(['extra1', 'first']);
    expect(pages).toEqual(['first', 'extra1']);
    expect(progress.at(-1)).toBe(201);
    // The page opened once serves the next calls too, however small.
    expect(pagesOf(await drawing.run(items(2), draw, undefined, 1, 8))).toEqual(['extra1', 'first']);
    expect(pages).toEqual(['first', 'extra1']);
  });

  it('spreads PNG-sized batches from the second one, and never past its size', async () => {
    const png = pool(2);
    expect(pagesOf(await png.drawing.run(items(5), png.draw, undefined, 4, 1))).toEqual(['extra1', 'first']);
    const single = pool(1);
    expect(pagesOf(await single.drawing.run(items(500), single.draw, undefined, 25, 1))).toEqual(['first']);
    expect(single.pages).toEqual(['first']);
    expect(await single.drawing.run([], single.draw, undefined, 25, 1)).toEqual([]);
  });
});
