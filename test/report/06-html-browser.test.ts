/**
 * The HTML report rendered by a real browser: Debian's headless Chromium driven by
 * playwright-core. Screenshots go to a temporary folder, removed afterwards, or to
 * TASKGROUP_SCREENSHOT_DIR when that is set (to look at them).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page, chromium } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import type { ReportModel } from '../../src/report/model.js';
import { shownText } from '../../src/report/escape.js';
import { loadFixture } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const LAPTOP = { width: 1280, height: 800 };
const A4_WIDTH = 794; // CSS pixels of an A4 page at 96 dpi

/** WCAG 2 contrast ratio of two computed CSS colours, `rgb(r, g, b)`. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const missing = !existsSync(CHROMIUM);
const skipRequested = process.env.TASKGROUP_SKIP_BROWSER === '1';

// A missing browser is a failing test (so the summary counts it), not a silent skip, unless the
// run asks to skip the browser tests.
if (missing && !skipRequested) {
  it(`finds Chromium at ${CHROMIUM}`, () => {
    assert.fail(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium), ` +
        'or set TASKGROUP_SKIP_BROWSER=1 to skip the browser tests',
    );
  });
}

interface Opened {
  page: Page;
  /** Console errors and uncaught page errors. */
  problems: string[];
  /** Every URL the page asked for (a self-contained page asks for none). */
  requests: string[];
}

describe(
  'html report in headless Chromium',
  { skip: missing ? `${CHROMIUM} is absent` : false },
  () => {
    let browser: Browser;
    const keep = process.env.TASKGROUP_SCREENSHOT_DIR;
    const shots = keep ?? mkdtempSync(join(tmpdir(), 'taskgroup-report-'));

    before(async () => {
      mkdirSync(shots, { recursive: true });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
    });

    after(async () => {
      await browser?.close();
      if (!keep) rmSync(shots, { recursive: true, force: true });
    });

    async function open(model: ReportModel): Promise<Opened> {
      const page = await browser.newPage({ viewport: LAPTOP });
      const opened: Opened = { page, problems: [], requests: [] };
      page.on('console', (message) => {
        if (message.type() === 'error') opened.problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => opened.problems.push(`page: ${error.message}`));
      page.on('request', (request) => opened.requests.push(request.url()));
      await page.setContent(renderHtml(model), { waitUntil: 'load' });
      return opened;
    }

    async function screenshot(page: Page, name: string): Promise<void> {
      const file = join(shots, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      const png = readFileSync(file);
      assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
      assert.equal(png.readUInt32BE(16), LAPTOP.width, 'screenshot width');
      assert.ok(png.readUInt32BE(20) > 1500, 'a full-page screenshot is taller than one screen');
    }

    it('renders the report without console errors, requests or horizontal scrolling, and screenshots it', async () => {
      const { page, problems, requests } = await open(loadFixture('model'));
      await screenshot(page, 'report');
      assert.deepEqual(problems, []);
      assert.deepEqual(requests, []);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= LAPTOP.width, `page is ${width}px wide on a ${LAPTOP.width}px screen`);
      await page.close();
    });

    it('shows the chosen grouping as one card per network with its tasks', async () => {
      const model = loadFixture('model');
      const { page } = await open(model);
      const cards = await page.$$eval('#decision .network', (nodes) =>
        nodes.map((node) => [...node.querySelectorAll('.task')].map((task) => task.textContent)),
      );
      assert.deepEqual(
        cards,
        model.grouping.map((group) => group.map(shownText)),
      );
      const lead = await page.textContent('#decision .lead');
      assert.match(lead ?? '', /^Train 3 networks: /);
      const cells = await page.$$eval('svg.heatmap rect[fill^="#"]', (nodes) => nodes.length);
      assert.equal(cells, model.tasks.length ** 2);
      await page.close();
    });

    it('fits an A4 page in print, keeping the heatmap colours', async () => {
      const { page } = await open(loadFixture('model'));
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: A4_WIDTH, height: 1123 });
      const layout = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        heatmap: document.querySelector('svg.heatmap')!.getBoundingClientRect().width,
        adjust: getComputedStyle(document.querySelector('svg.heatmap rect')!).printColorAdjust,
      }));
      assert.ok(layout.width <= A4_WIDTH, `print layout is ${layout.width}px wide`);
      assert.ok(layout.heatmap > 300, 'heatmap stays legible');
      assert.equal(layout.adjust, 'exact');
      await page.close();
    });

    it('opens an interrupted search with a visible provisional notice above the decision', async () => {
      const { page, problems } = await open(loadFixture('interrupted'));
      await screenshot(page, 'interrupted');
      const notice = page.locator('.notice');
      assert.ok(await notice.isVisible());
      assert.match(
        (await notice.textContent()) ?? '',
        /This search is interrupted: 37 of 93 runs finished/,
      );
      const [noticeTop, decisionTop] = await page.evaluate(() =>
        ['.notice', '#decision'].map((s) => document.querySelector(s)!.getBoundingClientRect().top),
      );
      assert.ok(noticeTop < decisionTop);
      assert.deepEqual(problems, []);
      await page.close();
    });

    for (const scheme of ['light', 'dark'] as const) {
      it(`follows a ${scheme} system theme with readable text (WCAG contrast 4.5 or more)`, async () => {
        const { page, problems } = await open(loadFixture('interrupted'));
        await page.emulateMedia({ colorScheme: scheme });
        // [name, selector, computed property]; inline, since page.evaluate ships the function as text.
        const wanted = [
          ['page', 'body', 'backgroundColor'],
          ['ink', 'body', 'color'],
          ['muted', '.sub', 'color'],
          ['help', '.help', 'color'],
          ['harm', '.harm', 'color'],
          ['heading', 'h1', 'color'],
          ['notice', '.notice', 'backgroundColor'],
          ['noticeInk', '.notice strong', 'color'],
          ['diagonal', 'svg.heatmap .no-value', 'fill'],
          ['source', 'td.source', 'color'],
          ['legend', '.legend', 'color'],
          ['certificate', '.certificate', 'backgroundColor'],
        ] as const;
        const colours = (await page.evaluate(
          (spec) =>
            Object.fromEntries(
              spec.map(([name, selector, property]) => [
                name,
                getComputedStyle(document.querySelector(selector)!)[property],
              ]),
            ),
          wanted,
        )) as Record<(typeof wanted)[number][0], string>;
        const dark =
          contrast(colours.page, 'rgb(0, 0, 0)') < contrast(colours.page, 'rgb(255, 255, 255)');
        assert.equal(
          dark,
          scheme === 'dark',
          `page background ${colours.page} in the ${scheme} theme`,
        );
        for (const text of [
          'ink',
          'muted',
          'help',
          'harm',
          'heading',
          'source',
          'legend',
        ] as const) {
          const ratio = contrast(colours[text], colours.page);
          assert.ok(
            ratio >= 4.5,
            `${text} ${colours[text]} on ${colours.page}: contrast ${ratio.toFixed(2)}`,
          );
        }
        const certificateRatio = contrast(colours.ink, colours.certificate);
        assert.ok(
          certificateRatio >= 4.5,
          `certificate text on its background: contrast ${certificateRatio.toFixed(2)}`,
        );
        const noticeRatio = contrast(colours.noticeInk, colours.notice);
        assert.ok(
          noticeRatio >= 4.5,
          `notice text on its background: contrast ${noticeRatio.toFixed(2)}`,
        );
        assert.ok(
          contrast(colours.diagonal, colours.page) < 3,
          'the diagonal recedes into the page',
        );
        await screenshot(page, `theme-${scheme}`);
        assert.deepEqual(problems, []);
        await page.close();
      });
    }

    it('prints light even when the screen is dark', async () => {
      const { page } = await open(loadFixture('model'));
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, 'rgb(255, 255, 255)');
      await page.close();
    });

    it('renders hostile task names as text: no script runs, no element is injected', async () => {
      const model = loadFixture('hostile');
      const { page, problems, requests } = await open(model);
      await screenshot(page, 'hostile');
      const found = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        injected: document.querySelectorAll('script, img, b, [onerror]').length,
        text: document.body.textContent ?? '',
        titles: [...document.querySelectorAll('svg.heatmap .label title')].map(
          (t) => t.textContent,
        ),
        title: document.title,
      }));
      assert.equal(found.pwned, undefined);
      assert.equal(found.injected, 0);
      // Names are shown as shownText writes them: a line break as \n, visibly.
      for (const task of model.tasks.map(shownText))
        assert.ok(found.text.includes(task), `text lacks ${JSON.stringify(task)}`);
      assert.deepEqual(new Set(found.titles), new Set(model.tasks.map(shownText)));
      assert.equal(found.title, `Task grouping report: ${model.searchId}`);
      const cards = await page.$$eval('#decision .network', (nodes) =>
        nodes.map((node) => [...node.querySelectorAll('.task')].map((task) => task.textContent)),
      );
      assert.deepEqual(
        cards,
        model.grouping.map((group) => group.map(shownText)),
      );
      const advice = await page.$$eval('#decision ul.advice li', (nodes) =>
        nodes.map((node) => node.textContent),
      );
      assert.equal(advice.length, model.noise.advice.length);
      assert.ok(
        advice.every((line) => line?.includes(model.tasks[0])),
        'each advice line names the first task as text',
      );
      assert.deepEqual(problems, []);
      assert.deepEqual(requests, []);
      await page.close();
    });

    it('sets estimated figures in italics, each beside the word "estimated"', async () => {
      const model = loadFixture('estimated');
      const { page, problems } = await open(model);
      const rows = await page.$$eval('#per-task tbody tr', (nodes) =>
        nodes.map((row) => ({
          source: row.querySelector('td.source')?.textContent,
          italic: getComputedStyle(
            row.querySelectorAll('td')[4].querySelector('.est') ?? row.querySelectorAll('td')[4],
          ).fontStyle,
        })),
      );
      assert.deepEqual(
        rows.map((r) => r.source),
        model.perTask.map((r) => (r.measured === false ? 'estimated' : 'measured')),
      );
      assert.ok(
        rows.every((r) => (r.italic === 'italic') === (r.source === 'estimated')),
        JSON.stringify(rows),
      );
      const objective = await page.$eval('#decision .kpi.main:nth-child(2)', (node) => ({
        style: getComputedStyle(node.querySelector('.value .est')!).fontStyle,
        note: node.querySelector('.note')?.textContent,
      }));
      assert.deepEqual(objective, { style: 'italic', note: '±0.0026 · estimated' });
      assert.deepEqual(problems, []);
      await page.close();
    });
  },
);
