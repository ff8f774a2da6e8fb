import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHtml } from '../../src/report/html.js';
import { shownText } from '../../src/report/escape.js';
import { FIXTURES, loadFixture } from './fixture.js';

/** Text between `<section id="…">` and its closing tag. */
const section = (html: string, id: string): string => {
  const start = html.indexOf(`<section id="${id}">`);
  assert.ok(start >= 0, `no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
};
/** What a reader sees: tags dropped, the five entities decoded. */
const text = (html: string): string =>
  html
    .replace(/<style>[^]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
/** The rows of the first table in `html`, each as its cells' text. */
const rows = (html: string): string[][] =>
  [
    ...html
      .slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'))
      .matchAll(/<tr[^>]*>([^]*?)<\/tr>/g),
  ].map((m) => [...m[1].matchAll(/<td[^>]*>([^]*?)<\/td>/g)].map((c) => text(c[1])));

describe('html report: what the answer rests on', () => {
  it('shows the objective with its standard error and source, and the certificate, in the decision', () => {
    const decision = section(renderHtml(loadFixture('model')), 'decision');
    assert.match(
      decision,
      /<span class="label">Objective<\/span><span class="value">0\.9587<\/span><span class="note">±0\.0022 · measured<\/span>/,
    );
    assert.match(
      decision,
      /<span class="label">All together<\/span><span class="value">0\.9966<\/span><span class="note">1 network · ±0\.0010 · measured<\/span>/,
    );
    assert.match(
      decision,
      /<p class="certificate"><strong>What it rests on\.<\/strong> Chosen among fully measured groupings \(3 groups of 3\+ tasks measured\)/,
    );
  });

  it('compares seed by seed with the next best and lists the advice, groupings as task spans', () => {
    const decision = section(renderHtml(loadFixture('exhaustive')), 'decision');
    const table = decision.slice(decision.indexOf('<table class="comparisons">'));
    assert.deepEqual(
      rows(table).map((row) => row.slice(0, 7)),
      [
        ['Next best within the budget', '3', '0.9587', '±0.0022', 'measured', '+0.0023', '±0.0024'],
        ['Best with fewer networks', '2', '0.9683', '±0.0015', 'measured', '+0.0119', '±0.0021'],
      ],
    );
    assert.match(
      decision,
      /<ul class="advice"><li>The next best grouping, <span class="grouping"><span class="group"><span class="task">click<\/span><span class="task">like<\/span><span class="task">share<\/span><\/span>/,
    );
    assert.match(
      text(decision),
      /is only 0\.23 % worse, within seed noise \(±0\.24 %\): more seeds \(--seeds 6\) would tell them apart\./,
    );
  });

  it('lists the groups of 3+ trained, pair estimate in italics next to the measured loss', () => {
    const model = loadFixture('model');
    const html = section(renderHtml(model), 'verification');
    assert.match(html, /<h2>Groups trained<\/h2>/);
    assert.deepEqual(
      rows(html).map((row) => row.slice(1)),
      [
        ['7', '1.0006', '0.9966', '-0.0040'],
        ['5', '0.9837', '0.9802', '-0.0035'],
        ['3', '0.9675', '0.9620', '-0.0055'],
      ],
    );
    assert.equal(
      (html.match(/<td class="num"><span class="est">/g) ?? []).length,
      model.verification!.length,
    );
  });

  it('scores the grouping against the exhaustive truth, and leaves the section out when none is known', () => {
    const truth = section(renderHtml(loadFixture('model')), 'truth');
    assert.match(
      text(truth),
      /this grouping's regret is \+0\.24% \(its objective ÷ the best − 1; seed noise ±0\.32%, paired\), rank 2 of 365 groupings within the budget\./,
    );
    assert.deepEqual(rows(truth)[2].slice(0, 4), [
      '3',
      '0.9564',
      '0.9587 ± 0.0022, measured',
      'no',
    ]);
    assert.match(truth, /<tr class="chosen"><td class="num">3<\/td>/);
    assert.doesNotMatch(renderHtml(loadFixture('estimated')), /id="truth"|exhaustive truth/);
  });

  it('names the certificate among the search facts', () => {
    assert.match(
      section(renderHtml(loadFixture('estimated')), 'facts'),
      /<dt>Verification<\/dt><dd>basis estimate, status not verified: 1 group of 3\+ tasks measured in 0 rounds/,
    );
  });
});

describe('html report: measured or estimated', () => {
  const model = loadFixture('estimated');
  const html = renderHtml(model);

  it('sets estimated figures in italics and says "estimated" in words, with a legend', () => {
    const decision = section(html, 'decision');
    assert.match(
      decision,
      /<span class="value"><span class="est">0\.9594<\/span><\/span><span class="note">±0\.0026 · estimated<\/span>/,
    );
    assert.match(
      decision,
      /<p class="legend">Measured: every network behind the figure was trained; estimated: [^<]* Estimated figures are set in <span class="est">italics<\/span>\.<\/p>/,
    );
    assert.match(decision, /<h3><span>Network 1<\/span><span class="change"><span class="est">/);
    assert.match(decision, /<p class="source">estimated<\/p>/);
  });

  it('gives each per-task loss in group, budget and alternative its source, as the model says', () => {
    for (const fixture of FIXTURES) {
      const m = loadFixture(fixture);
      const page = renderHtml(m);
      const perTask = rows(section(page, 'per-task'));
      assert.deepEqual(
        perTask.map((row) => row[5]),
        m.perTask.map((r) => (r.measured === false ? 'estimated' : 'measured')),
        fixture,
      );
      const budgets = section(page, 'budgets');
      assert.deepEqual(
        rows(budgets.slice(budgets.indexOf('<table>'))).map((row) => row[3]),
        m.baselines.byBudget.map((o) => (o.measured === false ? 'estimated' : 'measured')),
        fixture,
      );
      assert.deepEqual(
        rows(section(page, 'alternatives')).map((row) => row[4]),
        m.alternatives.map((o) => (o.measured === false ? 'estimated' : 'measured')),
        fixture,
      );
    }
    const perTask = section(html, 'per-task');
    assert.equal((perTask.match(/<td class="source">estimated<\/td>/g) ?? []).length, 3);
    assert.match(
      perTask,
      /<td class="num"><span class="est">0\.3975<\/span><\/td><td class="source">estimated<\/td>/,
    );
  });

  it('draws estimated budgets as dashed points named in the chart key and tooltips', () => {
    const chart = section(html, 'budgets');
    assert.match(
      chart,
      /<circle [^>]*class="point est"\/><text [^>]*class="muted est">estimated<\/text>/,
    );
    assert.match(
      chart,
      /class="chosen est"><title>budget 3 networks: objective 0\.9594, estimated<\/title>/,
    );
    assert.match(
      chart,
      /class="point"><title>budget 1 networks: objective 0\.9966, measured<\/title>/,
    );
    assert.doesNotMatch(
      section(renderHtml(loadFixture('model')), 'budgets'),
      /class="[^"]*\best\b/,
    );
  });

  it('calls a grouping optimal only when an exhaustive search proved it, and never proven', () => {
    for (const fixture of FIXTURES) {
      const m = loadFixture(fixture);
      const seen = text(renderHtml(m));
      assert.doesNotMatch(seen, /proven/i, fixture);
      if (m.optimal === true)
        assert.match(seen, /±0\.0021 · measured · optimal: every task subset was trained/, fixture);
      else assert.doesNotMatch(seen, /optimal/i, fixture);
    }
  });
});

describe('html report: hostile names in the advice', () => {
  it('escapes the advice: groupings as task spans, the rest as text', () => {
    const model = loadFixture('hostile');
    const decision = section(renderHtml(model), 'decision');
    const advice = decision.slice(
      decision.indexOf('<ul class="advice">'),
      decision.indexOf('</ul>', decision.indexOf('<ul class="advice">')),
    );
    assert.equal((advice.match(/<li>/g) ?? []).length, model.noise.advice.length);
    assert.ok(
      advice.includes(
        '<span class="task">&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;</span>',
      ),
    );
    const seen = text(advice);
    assert.match(
      seen,
      /is as good within seed noise \(0\.47 % worse, ±0\.60 %\): prefer it if serving fewer networks matters\./,
    );
    for (const task of model.tasks.map(shownText))
      assert.ok(seen.includes(task), `advice lacks ${JSON.stringify(task)}`);
    const raw = renderHtml({
      ...model,
      noise: { ...model.noise, advice: ['<script>window.__pwned=3</script> & "x"'] },
    });
    assert.match(
      raw,
      /<li>&lt;script&gt;window\.__pwned=3&lt;\/script&gt; &amp; &quot;x&quot;<\/li>/,
    );
    assert.doesNotMatch(raw, /<script/);
  });
});
