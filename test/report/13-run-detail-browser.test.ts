/**
 * The report's detail of the runs (the estimate-against-measured plot, the task metrics, the
 * per-seed table, the command) rendered by headless Chromium, as 06-html-browser.test.ts does
 * for the rest of the page.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page, chromium } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import type { ReportModel } from '../../src/report/model.js';
import { detailedModel } from './detailedModel.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const LAPTOP = { width: 1280, height: 800 };
const A4_WIDTH = 794;
const skip = !existsSync(CHROMIUM)
  ? process.env.TASKGROUP_SKIP_BROWSER === '1'
    ? 'browser tests skipped'
    : false
  : false;

describe('the detail of the runs in headless Chromium', { skip }, () => {
  let browser: Browser;
  let model: ReportModel;

  before(async () => {
    model = await detailedModel();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
  });
  after(async () => browser?.close());

  async function open(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: LAPTOP });
    const problems: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => problems.push(`request ${request.url()}`));
    await page.setContent(renderHtml(model), { waitUntil: 'load' });
    return { page, problems };
  }

  it('plots every trained group inside the plot, both estimates at the height of its measurement', async () => {
    const { page, problems } = await open();
    const plot = page.locator('svg.estimate-scatter');
    assert.ok(await plot.isVisible());
    // A string: the page runs it as it is (a function would be shipped with the names tsx adds).
    const marks = (await page.evaluate(`(() => {
      const svg = document.querySelector('svg.estimate-scatter').getBoundingClientRect();
      const inside = (b) =>
        b.left >= svg.left && b.right <= svg.right && b.top >= svg.top && b.bottom <= svg.bottom;
      const middle = (n) => n.getBoundingClientRect().top + n.getBoundingClientRect().height / 2;
      const pairs = [...document.querySelectorAll('svg.estimate-scatter circle.pair-estimate')];
      const corrected = [...document.querySelectorAll('svg.estimate-scatter rect.corrected-estimate')];
      return {
        titles: pairs.map((n) => n.querySelector('title')?.textContent ?? ''),
        allInside: [...pairs, ...corrected].every((n) => inside(n.getBoundingClientRect())),
        heights: pairs.map((n, i) => [middle(n), middle(corrected[i])]),
      };
    })()`)) as { titles: string[]; allInside: boolean; heights: [number, number][] };
    const groups = model.trainedGroups!;
    assert.equal(marks.titles.length, groups.length + 1, 'one per group, and one in the key');
    groups.forEach((g, i) =>
      assert.match(marks.titles[i], new RegExp(`^${g.group.join(', ')}: pair estimate `)),
    );
    assert.ok(marks.allInside, 'every mark is inside the plot');
    for (const [pair, corrected] of marks.heights.slice(0, groups.length))
      assert.ok(Math.abs(pair - corrected) < 0.5, 'both estimates at the measured height');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows each task’s metric in the per-task table and the command, without horizontal scrolling', async () => {
    const { page, problems } = await open();
    const metrics = await page.$$eval('#per-task tbody tr', (rows) =>
      rows.map((row) => row.querySelector('.metric')?.textContent ?? ''),
    );
    assert.equal(metrics.length, model.tasks.length);
    for (const text of metrics) assert.match(text, /^AUC \d\.\d{3} → \d\.\d{3}$/);
    assert.equal(await page.textContent('#reproduce pre code'), model.reproduce!.command);
    assert.equal(await page.locator('#per-seed tbody tr').count(), model.perSeed!.length);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= LAPTOP.width, `page is ${width}px wide`);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_WIDTH, height: 1123 });
    const print = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(print <= A4_WIDTH, `print layout is ${print}px wide`);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
