import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { ReportModel } from '../../src/report/model.js';
import { FIXTURES, loadFixture } from './fixture.js';
import { outsideCode, section, tables } from './markdownTables.js';

const sourceOf = (measured: boolean | undefined): string =>
  measured === false ? 'estimated' : 'measured';

describe('markdown report: what the answer rests on', () => {
  it('gives the objective with its standard error and source, and the certificate, under Decision', () => {
    const decision = section(renderMarkdown(loadFixture('model')), 'Decision');
    assert.match(
      decision,
      /On average a task's loss is 4\.1% lower than trained alone \(measured\)\./,
    );
    assert.match(
      decision,
      /\*\*What it rests on\.\*\* Chosen among fully measured groupings \(3 groups of 3\+ tasks measured\); no other grouping is estimated, even optimistically \(κ = 1, σ = 0\.0061 per task\), to beat it by more than 0\.05 %\./,
    );
  });

  it('compares the chosen grouping seed by seed with the next best, with the paired standard error', () => {
    const [, comparisons] = tables(section(renderMarkdown(loadFixture('exhaustive')), 'Decision'));
    assert.deepEqual(comparisons[0], [
      'Compared with',
      'Networks',
      'Objective',
      '± s.e.',
      'Source',
      'Worse by',
      '± s.e. (paired)',
      'Grouping',
    ]);
    assert.deepEqual(
      comparisons.slice(1).map((row) => row.slice(0, 7)),
      [
        ['Next best within the budget', '3', '0.9587', '±0.0022', 'measured', '+0.0023', '±0.0024'],
        ['Best with fewer networks', '2', '0.9683', '±0.0015', 'measured', '+0.0119', '±0.0021'],
      ],
    );
  });

  it('lists the advice, its groupings as code spans', () => {
    const decision = section(renderMarkdown(loadFixture('exhaustive')), 'Decision');
    assert.match(
      decision,
      /\*\*Advice\.\*\*\n\n- The next best grouping, \{`click`, `like`, `share`\} \{`comment`, `follow`\} \{`watch_time`, `dwell_sec`\}, is only 0\.23 % worse, within seed noise \(±0\.24 %\): more seeds \(--seeds 6\) would tell them apart\.\n/,
    );
    assert.doesNotMatch(section(renderMarkdown(loadFixture('model')), 'Decision'), /Advice/);
  });

  it('lists every group of 3+ trained with its pair estimate (in italics) and its measured loss', () => {
    const model = loadFixture('model');
    const [table] = tables(section(renderMarkdown(model), 'Groups trained'));
    assert.deepEqual(table[0], [
      'Group',
      'Tasks',
      'Pair estimate',
      'Measured',
      'Measured − estimate',
    ]);
    assert.equal(table.length, 1 + model.verification!.length);
    assert.deepEqual(table[1], [
      '{`click`, `like`, `share`, `comment`, `follow`, `watch_time`, `dwell_sec`}',
      '7',
      '*1.0006*',
      '0.9966',
      '-0.0040',
    ]);
    assert.deepEqual(table[3], [
      '{`click`, `like`, `share`}',
      '3',
      '*0.9675*',
      '0.9620',
      '-0.0055',
    ]);
    const none = renderMarkdown({ ...model, verification: [] });
    assert.match(section(none, 'Groups trained'), /No group of three or more tasks was trained\./);
    assert.doesNotMatch(section(renderMarkdown(model), 'Groups trained'), /exhaustive/);
    assert.match(
      section(renderMarkdown(loadFixture('exhaustive')), 'Groups trained'),
      /This exhaustive search trained every other task subset too: Against the exhaustive truth ranks every grouping on them\./,
    );
  });

  it('scores the grouping against the exhaustive truth: regret, rank and the true best per budget', () => {
    const truth = section(renderMarkdown(loadFixture('model')), 'Against the exhaustive truth');
    assert.match(truth, /Search `feed-exhaustive` trained every task subset/);
    assert.match(
      truth,
      /the best grouping scores 0\.9564, measured; this grouping's regret is \+0\.24% \(its objective ÷ the best − 1; seed noise ±0\.32%, paired\), rank 2 of 365 groupings within the budget\./,
    );
    assert.match(
      truth,
      /The best grouping within the budget: \{`click`, `like`\} \{`share`, `comment`, `follow`\} \{`watch_time`, `dwell_sec`\}\./,
    );
    const [table] = tables(truth);
    assert.equal(table.length, 1 + 7);
    assert.deepEqual(table[2].slice(0, 4), ['2', '0.9683', '0.9683 ± 0.0015, measured', 'yes']);
    assert.deepEqual(table[3].slice(0, 4), [
      '**3** (budget)',
      '0.9564',
      '0.9587 ± 0.0022, measured',
      'no',
    ]);
  });

  it('has no truth section when no exhaustive search is known', () => {
    for (const fixture of ['estimated', 'interrupted'] as const) {
      assert.doesNotMatch(renderMarkdown(loadFixture(fixture)), /exhaustive truth/i);
    }
  });

  it('states the certificate details among the search facts', () => {
    const facts = section(renderMarkdown(loadFixture('interrupted')), 'Search facts');
    assert.match(
      facts,
      /\| Verification \| basis verified, status in progress: 3 groups of 3\+ tasks measured in 1 round \(at most 28 besides the all-in-one network\); σ = 0\.0061 per task, κ = 1, margin 0\.05 % \|/,
    );
  });
});

describe('markdown report: measured or estimated', () => {
  const model = loadFixture('estimated');
  const md = renderMarkdown(model);

  it('labels an estimated objective as estimated, everywhere it appears', () => {
    const decision = section(md, 'Decision');
    assert.match(decision, /Objective \*\*0\.9594 ± 0\.0026, estimated\*\*: /);
    assert.match(
      decision,
      /lower than trained alone \(estimated\)\. With a budget of 4 networks the best grouping would score 0\.9594 ± 0\.0026, estimated/,
    );
    assert.match(decision, /Verification was off: the grouping rests on the pair-based estimate/);
    const [networks] = tables(decision);
    assert.deepEqual(
      networks.slice(1).map((row) => [row[2], row[3]]),
      [
        ['*-3.7%*', 'estimated'],
        ['-2.6%', 'measured'],
        ['-6.2%', 'measured'],
      ],
    );
  });

  it('marks each per-task loss in group measured or estimated, estimated ones in italics', () => {
    const [table] = tables(section(md, 'Per task'));
    for (const row of model.perTask) {
      const shown = table.find((cells) => cells[0] === `\`${row.task}\``)!;
      assert.equal(shown[5], sourceOf(row.measured), row.task);
      assert.equal(shown[4].startsWith('*'), row.measured === false, `${row.task}: ${shown[4]}`);
    }
    assert.deepEqual(
      table.filter((cells) => cells[5] === 'estimated').map((cells) => cells[0]),
      ['`click`', '`like`', '`share`'],
    );
  });

  it('gives every budget and alternative its source and standard error, as the model says', () => {
    for (const fixture of FIXTURES) {
      const m = loadFixture(fixture);
      const text = renderMarkdown(m);
      const [budgets] = tables(section(text, 'What one more network buys'));
      assert.deepEqual(
        budgets.slice(1).map((row) => row[3]),
        m.baselines.byBudget.map((o) => sourceOf(o.measured)),
        fixture,
      );
      assert.deepEqual(
        budgets.slice(1).map((row) => row[2]),
        m.baselines.byBudget.map((o) => `±${o.stderr!.toFixed(4)}`),
        fixture,
      );
      const [alternatives] = tables(section(text, 'Alternatives'));
      assert.deepEqual(
        alternatives.slice(1).map((row) => row[4]),
        m.alternatives.map((o) => sourceOf(o.measured)),
        fixture,
      );
    }
    const [budgets] = tables(section(md, 'What one more network buys'));
    assert.deepEqual(budgets[2].slice(0, 4), ['2', '*0.9679*', '±0.0044', 'estimated']);
  });

  it('calls a grouping optimal only when an exhaustive search proved it, and never proven', () => {
    for (const fixture of FIXTURES) {
      const m = loadFixture(fixture);
      const text = renderMarkdown(m);
      assert.doesNotMatch(text, /proven/i, fixture);
      if (m.optimal === true)
        assert.match(
          section(text, 'Decision'),
          /measured\*\* \(optimal: every task subset was trained\)/,
          fixture,
        );
      else assert.doesNotMatch(text, /optimal/i, fixture);
    }
    const claimed: ReportModel = {
      ...loadFixture('model'),
      optimal: true,
      certificate: { ...loadFixture('exhaustive').certificate },
    };
    assert.match(renderMarkdown(claimed), /optimal/);
  });
});

describe('markdown report: hostile names in the advice', () => {
  it('shows the groupings of the advice as code spans, so no markup starts outside code', () => {
    const model = loadFixture('hostile');
    const decision = section(renderMarkdown(model), 'Decision');
    const advice = decision.slice(decision.indexOf('**Advice.**'));
    assert.equal(
      advice.split('\n').filter((line) => line.startsWith('- ')).length,
      model.noise.advice.length,
    );
    assert.match(
      advice,
      /- With 2 networks, \{`<script>window\.__pwned=1<\/script>`, `"&'`, `a,b`\} \{`line\\nbreak`, `` pipe\|`tick` ``, `<img src=x onerror="window\.__pwned=2">`\} is as good within seed noise/,
    );
    assert.doesNotMatch(outsideCode(advice), /[<>`|]/);
  });

  it('escapes advice text that names no compared grouping, character by character', () => {
    const model = loadFixture('hostile');
    const text = renderMarkdown({
      ...model,
      noise: { ...model.noise, advice: ['Task <script>x</script> | `y` *z* [l](u)\nnext'] },
    });
    assert.match(
      text,
      /\n- Task \\<script\\>x\\<\/script\\> \\\| \\`y\\` \\\*z\\\* \\\[l\\\]\(u\)\\\\nnext\n/,
    );
  });
});
