import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHtml } from '../../src/report/html.js';
import { loadFixture } from './fixture.js';

/** Text between the first `<section id="…">` and its closing tag. */
const section = (html: string, id: string): string => {
  const start = html.indexOf(`<section id="${id}">`);
  assert.ok(start >= 0, `no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
};

describe('html report (as text)', () => {
  const model = loadFixture('model');
  const html = renderHtml(model);

  it('is one self-contained document: no script, no link, nothing fetched', () => {
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\((?!#)/i);
    assert.doesNotMatch(html, /\b(src|href)=/i);
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/,
    );
  });

  it('has a print stylesheet that keeps the heatmap colours', () => {
    assert.match(html, /@media print \{[^]*print-color-adjust: exact/);
  });

  it('shows each network of the chosen grouping as a card with its tasks', () => {
    const cards = section(html, 'decision').split('<div class="network">').slice(1);
    assert.equal(cards.length, model.grouping.length);
    model.grouping.forEach((tasks, g) => {
      assert.match(cards[g], new RegExp(`Network ${g + 1}`));
      const card = cards[g].slice(0, cards[g].indexOf('</ul>'));
      const shown = [...card.matchAll(/<span class="task">([^<]*)<\/span>/g)].map((m) => m[1]);
      assert.deepEqual(shown, tasks);
    });
  });

  it('draws one heatmap cell per task pair, ordered by group, and a legend naming the palette', () => {
    const transfer = section(html, 'transfer');
    const n = model.transfer.tasks.length;
    const heatmap = transfer.slice(
      transfer.indexOf('<svg class="heatmap"'),
      transfer.indexOf('</svg>'),
    );
    assert.equal(
      [
        ...heatmap.matchAll(
          /<rect x="\d+(\.\d+)?" y="\d+(\.\d+)?" width="\d+" height="\d+" fill="#/g,
        ),
      ].length,
      n * n,
    );
    const rowLabels = [...heatmap.matchAll(/text-anchor="end"><title>([^<]*)<\/title>/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(rowLabels, model.grouping.flat());
    assert.match(transfer, /ColorBrewer PuOr/);
    assert.match(transfer, /<linearGradient id="tg-puor"/);
    assert.match(transfer, /\|value\| &gt; 2 × its standard error/);
  });

  it('marks significant transfer cells with a dot and bold figure, others not', () => {
    const heatmap = section(html, 'transfer');
    // click ← like: +3.1 ± 0.6 is significant; comment ← like: +0.2 ± 0.7 is not.
    assert.match(
      heatmap,
      /<title>T\(like → click\) = \+3\.10% ±0\.60 points, significant: [^<]*<\/title><\/rect><text [^>]*class="sig"[^>]*>\+3\.1<\/text><circle/,
    );
    assert.match(
      heatmap,
      /<title>T\(like → comment\) = \+0\.20% ±0\.70 points: [^<]*<\/title><\/rect><text [^>]*class="insig"[^>]*>\+0\.2<\/text><\/g>/,
    );
  });

  it('charts and tabulates the best objective per number of networks, marking the chosen one', () => {
    const budgets = section(html, 'budgets');
    assert.match(budgets, /<svg class="budget-chart"/);
    assert.equal((budgets.match(/<circle [^>]*class="chosen"/g) ?? []).length, 1);
    assert.match(
      budgets,
      /<tr class="chosen"><td class="num">3<\/td><td class="num">0\.9587<\/td><td class="num">±0\.0022<\/td><td class="source">measured<\/td><td class="num">\+0\.0096<\/td>/,
    );
    assert.match(budgets, /over budget/);
  });

  it('lists alternatives and the search facts', () => {
    assert.equal(
      (section(html, 'alternatives').match(/<tr>/g) ?? []).length,
      1 + model.alternatives.length,
    );
    const facts = section(html, 'facts');
    for (const text of [
      'sha256:9c41e2b07d5a3f18',
      '48,000 training',
      'epochs=4',
      '3 (base seed 7)',
      '80 trained, 13 cached, 0 failed',
      '11 min 28 s',
      'wasm',
      'taskgroup 0.1.0',
    ]) {
      assert.ok(facts.includes(text), `facts lack ${text}`);
    }
  });

  it('puts the provisional notice of an interrupted search above the decision', () => {
    const text = renderHtml(loadFixture('interrupted'));
    const notice = text.indexOf('<p class="notice"');
    assert.ok(notice > 0 && notice < text.indexOf('<section id="decision">'));
    assert.match(
      text,
      /This search is interrupted: 37 of 93 runs finished, 2 failed; results below are provisional\./,
    );
    assert.doesNotMatch(html, /class="notice"/);
  });

  it('escapes hostile task names everywhere: text, SVG text, titles and attributes', () => {
    const text = renderHtml(loadFixture('hostile'));
    assert.doesNotMatch(text, /<script|<img|<b>id/);
    assert.ok(text.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'));
    assert.ok(text.includes('&quot;&amp;&#39;'));
    assert.ok(text.includes('&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;'));
    assert.doesNotMatch(text, /onerror="/);
    // Every attribute is name="value" with no quote inside: nothing is left once they are removed.
    for (const tag of text.match(/<[a-z][^>]*>/g) ?? []) {
      assert.doesNotMatch(
        tag.replace(/\s[a-zA-Z0-9:-]+="[^"]*"/g, ''),
        /[="']/,
        `stray attribute text in ${tag}`,
      );
    }
  });
});
