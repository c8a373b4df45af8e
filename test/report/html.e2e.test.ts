import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { REPORT_TEMPLATES_DIR } from '../../src/report/html.js';
import { chromium, reportHtml } from './helpers.js';

const GOLDEN = path.join(import.meta.dirname, 'golden/maison-lumen.no-diagrams.html');

describe('report HTML', () => {
  it('matches the golden page for maison-lumen without diagrams (byte for byte)', async () => {
    const html = await reportHtml('examples/maison-lumen', { diagrams: false });
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, html);
    expect(html).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('is deterministic: two builds give the same bytes', async () => {
    const first = await reportHtml('examples/gaps', { diagrams: false });
    expect(await reportHtml('examples/gaps', { diagrams: false })).toBe(first);
  });

  it('is self-contained: no external stylesheet, script, font, image or frame, and a CSP that forbids them', async () => {
    const html = await reportHtml('examples/maison-lumen', { diagrams: false });
    const document = new JSDOM(html).window.document;
    expect(document.querySelectorAll('link, script, img, iframe, object, embed, video, audio, source').length).toBe(0);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|@font-face/);
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
    );
    // Every in-page link points at an anchor that exists.
    for (const link of document.querySelectorAll('a[href]')) {
      const href = link.getAttribute('href')!;
      expect(href.startsWith('#')).toBe(true);
      expect(document.getElementById(href.slice(1)), href).not.toBeNull();
    }
  });

  it('notes where diagrams would be when built with --no-diagrams', async () => {
    const document = new JSDOM(await reportHtml('examples/maison-lumen', { diagrams: false })).window.document;
    const notes = [...document.querySelectorAll('.diagram-note')].map((note) => note.textContent);
    // Priority chart, twelve scenario flows, data lineage.
    expect(notes).toHaveLength(14);
    expect(new Set(notes)).toEqual(new Set(['Diagramme non inclus (rapport généré avec --no-diagrams).']));
  });

  it('inserts raw markup only for the stylesheet and the checked diagram SVG', () => {
    const raw: string[] = [];
    const files = ['report.hbs', ...readdirSync(path.join(REPORT_TEMPLATES_DIR, 'partials')).map((file) => `partials/${file}`)];
    for (const file of files) {
      for (const match of readFileSync(path.join(REPORT_TEMPLATES_DIR, file), 'utf8').matchAll(/\{\{\{\s*([^}]*?)\s*\}\}\}/g)) raw.push(`${file}:${match[1]}`);
    }
    expect(raw.sort()).toEqual(['partials/diagram.hbs:svg', 'report.hbs:css', 'report.hbs:diagramCss']);
  });
});

/** Elements, attributes and URLs that would let a name run code or fetch anything. */
function injectedMarkup(html: string): string[] {
  const document = new JSDOM(html).window.document;
  const problems: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'img', 'image', 'link', 'base', 'form', 'input', 'button', 'b', 'i'].includes(tag)) {
      // <b>/<i> are hostile names' markup; the templates use <strong>, never <b> or <i> outside diagrams.
      if (!((tag === 'b' || tag === 'i') && element.closest('svg, .meter'))) problems.push(`<${tag}>`);
    }
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) problems.push(`${tag}[${attribute.name}]`);
      if (/^\s*(javascript|data|vbscript):/i.test(attribute.value)) problems.push(`${tag}[${attribute.name}=${attribute.value}]`);
      if (/href|src|action/i.test(attribute.name) && !attribute.value.startsWith('#')) problems.push(`${tag}[${attribute.name}=${attribute.value}]`);
    }
  }
  const metas = document.querySelectorAll('meta[http-equiv]');
  if (metas.length !== 1) problems.push(`${metas.length} http-equiv metas`);
  return problems;
}

describe('hostile names (test/fixtures/hostile)', () => {
  it('show as text, with no injected element, attribute or URL (no diagrams)', async () => {
    const html = await reportHtml('test/fixtures/hostile', { diagrams: false });
    expect(injectedMarkup(html)).toEqual([]);
    const document = new JSDOM(html).window.document;
    expect(document.querySelector('h1')!.textContent).toBe(`=cmd|' /C calc'!A0 <script>alert('name')</script> "] --> x`);
    const text = document.body.textContent!;
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('Site <b>web</b> &amp; app');
    expect(html).not.toMatch(/<script/i);
  });

  it('show as text in branches and calendars too (test/report/fixtures/dynamics), with every in-page link resolving', async () => {
    const html = await reportHtml('test/report/fixtures/dynamics', { diagrams: false });
    expect(injectedMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    const document = new JSDOM(html).window.document;
    const text = (selector: string) => [...document.querySelectorAll(selector)].map((element) => element.textContent!.replace(/\s+/g, ' ').trim());
    expect(text('#scenario-cart .branch-name')).toEqual([
      '<b>VIP</b> path',
      'big',
      'otherwise',
      'clicked',
      'otherwise',
      'discount',
      'delivery',
      'control group 10%: held out, they leave the scenario',
    ]);
    expect(text('#scenario-cart .branch-condition')).toEqual([
      'target <i>VIP</i>',
      'if cart_total > 150 && "<i>x</i>"',
      'on email_clicked',
      'nothing within 1d',
      '40%',
      '50%',
    ]);
    expect(text('#persona-eve h3')).toEqual([`<script>alert('persona')</script> Eve & "co"`]);
    expect(text('#persona-eve .story .sub')).toEqual([`<img src=x onerror=alert('event')>`]);
    expect(text('#persona-eve table.calendar tbody tr td:nth-child(5)')[0]).toBe(`</td><script>alert('subject')</script>`);
    expect(text('#persona-vic table.calendar tbody tr td:nth-child(5)')[0]).toBe('Your cart <img src=x onerror=alert(1)>');
    for (const link of document.querySelectorAll('a[href]')) {
      const href = link.getAttribute('href')!;
      expect(href.startsWith('#'), href).toBe(true);
      expect(document.getElementById(href.slice(1)), href).not.toBeNull();
    }
  });

  const browser = chromium();
  it.skipIf(!browser.path)(`show as text in Mermaid's SVG too, with no injected markup (${browser.reason || 'Chromium'})`, async () => {
    const html = await reportHtml('test/fixtures/hostile', { diagrams: true });
    const document = new JSDOM(html).window.document;
    expect(document.querySelectorAll('.diagram-svg svg').length).toBe(4);
    expect(injectedMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=[^>]*>/i);
    // Mermaid drew the hostile labels as inert text.
    const svgText = [...document.querySelectorAll('.diagram-svg svg')].map((svg) => svg.textContent).join('\n');
    expect(svgText).toContain('cart_abandoned"] --> x');
    expect(svgText).toContain('<b>order</b>');
  });
});
