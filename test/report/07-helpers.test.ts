import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetSteps, oneMoreNetworkSentence, sameGrouping } from '../../src/report/budgetSteps.js';
import { csvField, escapeHtml, escapeMarkdown, markdownCode } from '../../src/report/escape.js';
import {
  formatDuration,
  formatLoss,
  formatObjective,
  formatObjectiveChange,
  formatObjectiveStderr,
  formatPercent,
  formatStderrPoints,
  meanChangeSentence,
} from '../../src/report/format.js';
import { tasksInGroupOrder } from '../../src/report/groupOrder.js';
import { PUOR_STOPS, divergingColour, niceDomain, textColourOn } from '../../src/report/palette.js';
import { isSignificant } from '../../src/report/significance.js';
import {
  advicePieces,
  noiseComparisons,
  sourceOf,
  truthSentence,
} from '../../src/report/sources.js';
import { statusNotice } from '../../src/report/status.js';
import { loadFixture } from './fixture.js';

describe('report helpers', () => {
  it('escapes the five HTML-special characters and nothing else', () => {
    assert.equal(escapeHtml(`<a href="x">&'é`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;é');
  });

  it('wraps Markdown code spans around backticks, escapes pipes only in tables, and folds line breaks', () => {
    assert.equal(markdownCode('watch_time'), '`watch_time`');
    assert.equal(markdownCode('a|b'), '`a\\|b`');
    assert.equal(markdownCode('a|b', false), '`a|b`');
    assert.equal(markdownCode('x`y'), '``x`y``');
    assert.equal(markdownCode('`x'), '`` `x ``');
    assert.equal(markdownCode('a\r\nb\nc'), '`a\\r\\nb\\nc`');
    assert.equal(escapeMarkdown('*a*_<b>|'), '\\*a\\*\\_\\<b\\>\\|');
  });

  it('quotes CSV fields holding a comma, quote, line break or edge space, doubling quotes', () => {
    assert.equal(csvField('click'), 'click');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('a\nb'), '"a\nb"');
    assert.equal(csvField(' pad'), '" pad"');
  });

  it('maps zero to the neutral PuOr colour, the ends to the end colours, and clamps beyond', () => {
    assert.equal(divergingColour(0, 0.1), '#f7f7f7');
    assert.equal(divergingColour(0.1, 0.1), PUOR_STOPS.at(-1));
    assert.equal(divergingColour(-0.1, 0.1), PUOR_STOPS[0]);
    assert.equal(divergingColour(5, 0.1), PUOR_STOPS.at(-1));
    assert.equal(divergingColour(Number.NaN, 0.1), '#e6e6e6');
  });

  it('rounds the colour scale up to 1-2-5 steps', () => {
    assert.deepEqual(
      [0.0213, 0.064, 0.1, 0.11, 0.3, 0, Number.NaN].map(niceDomain),
      [0.05, 0.1, 0.1, 0.2, 0.5, 0.01, 0.01],
    );
  });

  it('writes white on the dark palette ends and dark text on the light middle', () => {
    assert.equal(textColourOn(PUOR_STOPS[0]), '#ffffff');
    assert.equal(textColourOn(PUOR_STOPS.at(-1)!), '#ffffff');
    assert.equal(textColourOn('#f7f7f7'), '#1b1b1b');
  });

  it('calls a value significant only beyond two standard errors, never without one', () => {
    assert.equal(isSignificant(0.031, 0.006), true);
    assert.equal(isSignificant(-0.031, 0.006), true);
    assert.equal(isSignificant(0.012, 0.006), false);
    assert.equal(isSignificant(0.05, 0), false);
    assert.equal(isSignificant(Number.NaN, 0.01), false);
  });

  it('formats losses, percentages, standard errors and durations for people', () => {
    assert.equal(formatLoss(0.41234), '0.4123');
    assert.equal(formatLoss(Number.NaN), '—');
    assert.equal(formatPercent(0.0213), '+2.1%');
    assert.equal(formatPercent(-0.0004), '0.0%');
    assert.equal(formatStderrPoints(0.0031), '±0.3');
    assert.equal(formatStderrPoints(0), '—');
    assert.deepEqual([4.25, 42, 185, 7620].map(formatDuration), [
      '4.3 s',
      '42 s',
      '3 min 05 s',
      '2 h 07 min',
    ]);
  });

  it('orders the matrix tasks by network, then any task in no network', () => {
    const model = loadFixture('model');
    model.grouping = [
      ['watch_time', 'dwell_sec'],
      ['like', 'click'],
    ];
    assert.deepEqual(
      tasksInGroupOrder(model).map((t) => `${t.task}:${t.group}`),
      ['watch_time:0', 'dwell_sec:0', 'like:1', 'click:1', 'share:-1', 'comment:-1', 'follow:-1'],
    );
  });

  it('computes what each extra network buys and finds the chosen grouping in any group order', () => {
    const steps = budgetSteps(loadFixture('model'));
    assert.deepEqual(
      steps.map((s) => s.budget),
      [1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(steps[0].gain, null);
    assert.ok(Math.abs(steps[2].gain! - (0.9683 - 0.9587)) < 1e-12);
    assert.deepEqual(
      steps.map((s) => s.chosen),
      [false, false, true, false, false, false, false],
    );
    assert.ok(sameGrouping([['b', 'a'], ['c']], [['c'], ['a', 'b']]));
    assert.ok(!sameGrouping([['a', 'b'], ['c']], [['a'], ['b', 'c']]));
  });

  it('states the status of an unfinished search and stays silent for a clean finished one', () => {
    const model = loadFixture('model');
    assert.equal(statusNotice(model), null);
    assert.equal(
      statusNotice({
        ...model,
        status: 'running',
        runs: { total: 10, trained: 3, cached: 1, failed: 0 },
      }),
      'This search is still running: 4 of 10 runs finished; results below are provisional.',
    );
    assert.match(
      statusNotice({ ...model, status: 'failed' })!,
      /^This search failed: 93 of 93 runs finished;/,
    );
    assert.equal(
      statusNotice({ ...model, runs: { total: 10, trained: 8, cached: 0, failed: 2 } }),
      '2 of 10 runs failed; the results below rest on the runs that finished.',
    );
  });

  it('formats objectives to four decimals, as the CLI summary does, and their standard errors in the same units', () => {
    assert.equal(formatObjective(0.95868), '0.9587');
    assert.equal(formatObjective(-0.00001), '0.0000');
    assert.equal(formatObjectiveChange(0.0096), '+0.0096');
    assert.deepEqual([0.00219, 0, Number.NaN, 0.00001].map(formatObjectiveStderr), [
      '±0.0022',
      '—',
      '—',
      '±<0.0001',
    ]);
    assert.equal(
      meanChangeSentence(0.9587, 'estimated'),
      "On average a task's loss is 4.1% lower than trained alone (estimated).",
    );
  });

  it("counts a figure measured unless the model says otherwise, and labels the next budget's objective", () => {
    assert.deepEqual([true, false, undefined].map(sourceOf), ['measured', 'estimated', 'measured']);
    assert.equal(
      oneMoreNetworkSentence(loadFixture('estimated'), formatObjective),
      'With a budget of 4 networks the best grouping would score 0.9594 ± 0.0026, estimated (no better).',
    );
  });

  it('cuts an advice sentence around the groupings it compares, and leaves other text whole', () => {
    const model = loadFixture('exhaustive');
    const [line] = model.noise.advice;
    assert.deepEqual(advicePieces(line, model), [
      'The next best grouping, ',
      model.noise.runnerUp!.grouping,
      ', is only 0.23 % worse, within seed noise (±0.24 %): more seeds (--seeds 6) would tell them apart.',
    ]);
    assert.deepEqual(advicePieces('{click} alone', model), ['{click} alone']);
  });

  it('merges the two comparisons when they name one grouping, and fills a missing standard error', () => {
    const rows = noiseComparisons(loadFixture('model'));
    assert.deepEqual(
      rows.map((r) => r.label),
      ['Next best, and best with fewer networks'],
    );
    assert.equal(rows[0].comparison.stderr, 0.00149);
    assert.deepEqual(noiseComparisons(loadFixture('estimated')), []);
  });

  it('states the regret and rank against the truth in one sentence', () => {
    assert.equal(
      truthSentence(loadFixture('model').truth!),
      'Within the budget the best grouping scores 0.9564, measured; ' +
        "this grouping's regret is +0.24% (its objective ÷ the best − 1; seed noise ±0.32%, paired), " +
        'rank 2 of 365 groupings within the budget.',
    );
  });
});
