import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { searchSummary } from '../../src/cli/summary.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { ReportModel } from '../../src/report/model.js';
import { FIXTURES, deepFreeze, loadFixture } from './fixture.js';

// A real search with auxiliary tasks (test/fixtures/report/README.md, auxiliary.json): every
// format names each network's auxiliaries and each auxiliary's gain, measured or estimated.
const model = (): ReportModel =>
  deepFreeze(
    JSON.parse(
      readFileSync(join(process.cwd(), 'test', 'fixtures', 'report', 'auxiliary.json'), 'utf8'),
    ) as ReportModel,
  );

test('JSON keeps grouping as the main groups and auxiliaries aligned with it, by exact names', () => {
  const json = JSON.parse(renderJson(model())) as ReportModel;
  assert.deepEqual(json.grouping, [['purchase'], ['rating']]);
  assert.deepEqual(json.auxiliaries, [['add_to_cart', 'wishlist'], []]);
  assert.equal(json.auxiliaries!.length, json.grouping.length);
  const keys = Object.keys(json);
  assert.equal(keys[keys.indexOf('grouping') + 1], 'auxiliaries');
  assert.deepEqual(
    json.auxiliaryEffects![0].chosen.map((e) => [e.task, e.measured]),
    [
      ['add_to_cart', true],
      ['wishlist', true],
    ],
  );
});

test('Markdown and the terminal summary list each network with its auxiliaries and their gains', () => {
  const md = renderMarkdown(model());
  assert.match(md, /## Auxiliary tasks/);
  assert.match(md, /- network 1 \(`purchase`\): `add_to_cart`, `wishlist`/);
  assert.match(md, /- network 2 \(`rating`\): no auxiliary/);
  assert.match(
    md,
    /\| 1 \| `add_to_cart` \| chosen \| \+\d+\.\d\d pp \| ±\d+\.\d\d \| measured \|/,
  );
  assert.match(md, /\| 1 \| `watch_video` \| hurts \| \*?-\d+\.\d\d pp/);
  const text = searchSummary(model());
  assert.match(text, /network 1: purchase \+ auxiliary add_to_cart, wishlist/);
  assert.match(text, /network 2: rating \+ auxiliary none/);
  assert.match(text, /^1 +add_to_cart +chosen +\+\d+\.\d\d pp/m);
});

test('HTML has an auxiliary section and CSV an auxiliaries table and a decision row', () => {
  const html = renderHtml(model());
  assert.match(html, /<section id="auxiliaries"><h2>Auxiliary tasks<\/h2>/);
  assert.match(
    html,
    /network 1 \(<span class="task">purchase<\/span>\): <span class="task">add_to_cart<\/span>/,
  );
  const files = new Map(renderCsv(model()).map((f) => [f.name, f.content]));
  const table = files.get('auxiliaries.csv')!.split('\n');
  assert.equal(table[0], 'network,main,auxiliary,role,gain,stderr,measured');
  assert.match(table[1], /^0,"\[""purchase""\]",add_to_cart,chosen,0\.\d+,0\.\d+,yes$/);
  assert.match(
    files.get('decision.csv')!,
    /^auxiliaries,"\[\[""add_to_cart"",""wishlist""\],\[\]\]"$/m,
  );
});

test('a search without auxiliaries shows no auxiliary section in any format', () => {
  for (const name of FIXTURES) {
    const plain = loadFixture(name);
    assert.doesNotMatch(renderMarkdown(plain), /Auxiliary tasks/, name);
    assert.doesNotMatch(renderHtml(plain), /id="auxiliaries"/, name);
    assert.ok(!renderCsv(plain).some((f) => f.name === 'auxiliaries.csv'), name);
    assert.doesNotMatch(searchSummary(plain), /auxiliary/, name);
  }
});
