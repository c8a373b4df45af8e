import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, chromium, reportHtml } from './helpers.js';

const browserPath = chromium();

/** One plain Chromium for the file's two groups, each with pages of its own (a launch costs seconds of CPU). */
let viewing: Promise<Browser> | undefined;
let viewingFolder: string | undefined;
const viewingBrowser = async () => {
  const { default: puppeteer } = await import('puppeteer-core');
  viewingFolder ??= mkdtempSync(path.join(os.tmpdir(), 'omni-report-dynamics-profile-'));
  return (viewing ??= puppeteer.launch({ executablePath: browserPath.path, headless: true, args: CHROMIUM_FLAGS, userDataDir: viewingFolder }));
};
afterAll(async () => {
  await (await viewing)?.close();
  if (viewingFolder) rmSync(viewingFolder, { recursive: true, force: true });
});

/** What a reader sees of an element: laid out, not hidden, with some area. */
interface Seen {
  text: string;
  visible: boolean;
  background: string;
}

describe.skipIf(!browserPath.path)(`branches and calendars in headless Chromium (${browserPath.reason || browserPath.path})`, () => {
  let browser: Browser;
  let page: Page;
  let folder: string;
  let file: string;
  const consoleMessages: string[] = [];
  const requests: string[] = [];

  const seen = (selector: string): Promise<Seen[]> =>
    page.evaluate(
      (query) =>
        [...document.querySelectorAll<HTMLElement>(query)].map((element) => {
          const style = getComputedStyle(element);
          const box = element.getBoundingClientRect();
          return {
            text: element.innerText.replace(/\s+/g, ' ').trim(),
            visible: style.visibility === 'visible' && style.display !== 'none' && box.width > 0 && box.height > 0 && element.checkVisibility(),
            background: style.backgroundColor,
          };
        }),
      selector,
    );

  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'omni-report-dynamics-'));
    file = path.join(folder, 'report.html');
    writeFileSync(file, await reportHtml('test/report/fixtures/dynamics', { diagrams: true }));
    browser = await viewingBrowser();
    page = await browser.newPage();
    page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => consoleMessages.push(`pageerror: ${(error as Error).message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'networkidle0' });
  });

  afterAll(async () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('loads with no console message, no error and no request but the file', () => {
    expect(consoleMessages).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
  });

  it("renders each persona's calendar rows, visible, with time, scenario, step, channel and message", async () => {
    const eve = await seen('#persona-eve table.calendar tbody tr');
    expect(eve.map((row) => row.text)).toEqual([
      "D+0 10:00 <script>alert('scenario')</script> Cart reminder Email </td><script>alert('subject')</script> over the cap",
      'D+0 12:00 Birthday 1 Email Happy birthday over the cap',
      "D+0 13:00 <script>alert('scenario')</script> Cart decision check › otherwise › wait › clicked › 1 SMS <b>now</b> Still hesitating? over the cap",
      'D+1 00:00 Birthday 2 SMS <b>now</b> A gift waits in store over the cap quiet hours',
      "D+2 11:00 <script>alert('scenario')</script> Cart last-call Email Last call over the cap",
    ]);
    expect(eve.every((row) => row.visible)).toBe(true);
    const vic = await seen('#persona-vic table.calendar tbody tr');
    expect(vic.map((row) => row.text)).toEqual([
      "D+1 09:00 <script>alert('scenario')</script> Cart reminder SMS <b>now</b> fallback Your cart <img src=x onerror=alert(1)>",
      "D+1 10:00 <script>alert('scenario')</script> Cart vip-offer decision check › vip SMS <b>now</b> VIP offer",
    ]);
    expect(vic.every((row) => row.visible)).toBe(true);
  });

  it('highlights the rows that break a cap or fall in the quiet hours, and only those', async () => {
    const violationCells = await seen('#persona-eve table.calendar tbody tr td:nth-child(2)');
    const cleanCells = await seen('#persona-vic table.calendar tbody tr td:nth-child(2)');
    expect(new Set(violationCells.map((cell) => cell.background))).toEqual(new Set(['rgb(253, 240, 240)']));
    expect(cleanCells.map((cell) => cell.background)).not.toContain('rgb(253, 240, 240)');
    const flags = await seen('#persona-eve .flag');
    expect(flags.map((flag) => flag.text)).toEqual(['over the cap', 'over the cap', 'over the cap', 'over the cap', 'quiet hours', 'over the cap']);
    expect(flags.every((flag) => flag.visible)).toBe(true);
    expect(new Set(flags.map((flag) => flag.background))).toEqual(new Set(['rgb(197, 48, 48)', 'rgb(90, 62, 155)']));
    expect((await seen('#persona-eve .violations li')).map((item) => item.visible)).toEqual([true, true, true]);
  });

  it('renders the branches of the cart scenario as visible nested items', async () => {
    const branches = await seen('#scenario-cart .branch-head');
    expect(branches.map((branch) => branch.text)).toEqual([
      '<b>VIP</b> path target <i>VIP</i>',
      'big if cart_total > 150 && "<i>x</i>"',
      'otherwise',
      'clicked on email_clicked',
      'otherwise nothing within 1d',
      'discount 40%',
      'delivery 50%',
      'control group 10%: held out, they leave the scenario',
    ]);
    expect(branches.every((branch) => branch.visible)).toBe(true);
    const items = await seen('#scenario-cart .flow-item');
    expect(items).toHaveLength(11);
    expect(items.every((item) => item.visible)).toBe(true);
    expect((await seen('#scenario-cart .flow-goto')).map((item) => item.text)).toEqual(['Go to step last-call']);
    expect((await seen('#scenario-cart .branch-then')).map((item) => item.text)).toEqual([
      'then on to step last-call',
      'then on to step last-call',
      'then on to step last-call',
    ]);
  });

  it('follows a calendar link to the step it names in the scenario', async () => {
    await page.click('#persona-eve table.calendar tbody tr:nth-child(3) td:nth-child(3) a');
    // The jump may land on the next frame: wait until the step is the target and on screen.
    await page.waitForFunction(() => {
      const element = document.querySelector(':target');
      const box = element?.getBoundingClientRect();
      return box !== undefined && box.bottom > 0 && box.top < window.innerHeight;
    });
    const target = await page.evaluate(() => {
      const element = document.querySelector(':target') as HTMLElement | null;
      const box = element?.getBoundingClientRect();
      return element && box ? { id: element.id, inView: box.bottom > 0 && box.top < window.innerHeight } : null;
    });
    expect(target).toEqual({ id: 'step-7-of-cart', inView: true });
  });

  it("pairs each scenario's flowchart with its own section, by id", async () => {
    const diagrams = await page.evaluate(() =>
      ['scenario-cart', 'scenario-birthday'].map((id) => {
        const figure = document.querySelector(`#${id} figure.diagram`)!;
        return { caption: figure.querySelector('figcaption')!.textContent, text: figure.querySelector('svg')?.textContent ?? '' };
      }),
    );
    expect(diagrams.map((diagram) => diagram.caption)).toEqual([`Flow — <script>alert('scenario')</script> Cart`, 'Flow — Birthday']);
    expect(diagrams[0]!.text).toContain('control 10%');
    expect(diagrams[0]!.text).toContain('Last call');
    expect(diagrams[1]!.text).toContain('Happy birthday');
    expect(diagrams[1]!.text).not.toContain('Last call');
  });
});

describe.skipIf(!browserPath.path)(`maison-lumen's calendars and birthday branches in headless Chromium, in French (${browserPath.reason || browserPath.path})`, () => {
  let browser: Browser;
  let folder: string;
  let rows: { persona: string; text: string; visible: boolean }[];
  let branches: { text: string; visible: boolean }[];

  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'omni-report-dynamics-fr-'));
    const file = path.join(folder, 'report.html');
    writeFileSync(file, await reportHtml('examples/maison-lumen', { diagrams: false }));
    browser = await viewingBrowser();
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'networkidle0' });
    ({ rows, branches } = await page.evaluate(() => {
      const shown = (element: HTMLElement) => element.checkVisibility() && element.getBoundingClientRect().height > 0;
      const text = (element: HTMLElement) => element.innerText.replace(/\s+/g, ' ').trim();
      return {
        rows: [...document.querySelectorAll<HTMLElement>('article.persona table.calendar tbody tr')].map((row) => ({
          persona: row.closest('article')!.id,
          text: text(row),
          visible: shown(row),
        })),
        branches: [...document.querySelectorAll<HTMLElement>('#scenario-anniversaire .branch-head')].map((head) => ({ text: text(head), visible: shown(head) })),
      };
    }));
  });

  afterAll(async () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('shows every calendar row of Julia and Marc', () => {
    expect(rows.map((row) => `${row.persona}: ${row.text.split(' ').slice(0, 2).join(' ')}`)).toEqual([
      'persona-julia: J-2 09:00',
      'persona-julia: J+1 20:00',
      'persona-julia: J+3 15:00',
      'persona-julia: J+3 16:00',
      'persona-julia: J+3 20:00',
      'persona-julia: J+5 09:00',
      'persona-julia: J+5 20:00',
      'persona-marc: J+3 10:00',
    ]);
    expect(rows.every((row) => row.visible)).toBe(true);
  });

  it('shows the birthday scenario as branches: the store visit, the time-out, the split and its control group', () => {
    expect(branches).toEqual([
      { text: 'Passage en magasin sur store_visit', visible: true },
      { text: 'sinon rien en 8d', visible: true },
      { text: 'rappel-email 90 %', visible: true },
      { text: 'groupe témoin 10 % : écartés, ils sortent du scénario', visible: true },
    ]);
  });
});
