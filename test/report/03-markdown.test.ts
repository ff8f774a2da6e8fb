import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../src/report/markdown.js';
import { FIXTURES, loadFixture } from './fixture.js';
import { outsideCode, section, tables } from './markdownTables.js';

describe('markdown report', () => {
  const model = loadFixture('model');
  const md = renderMarkdown(model);

  it('states the chosen grouping and its objective under Decision', () => {
    const decision = section(md, 'Decision');
    assert.match(
      decision,
      /Train \*\*3 networks\*\* \(budget 3 networks\): \{`click`, `like`, `share`\} \{`comment`, `follow`\} \{`watch_time`, `dwell_sec`\}\./,
    );
    assert.match(decision, /Objective \*\*0\.9587 ± 0\.0022, measured\*\*: /);
    assert.match(
      decision,
      /With a budget of 4 networks the best grouping would score 0\.9587 ± 0\.0022, measured \(no better\)\./,
    );
  });

  it('gives every task its loss alone, in group, change, standard error, with a * when significant', () => {
    const [table] = tables(section(md, 'Per task'));
    assert.deepEqual(table[0], [
      'Task',
      'Type',
      'Network',
      'Loss alone',
      'Loss in group',
      'Source',
      'Change',
      '± s.e.',
      'Weight',
      'Metric',
    ]);
    assert.equal(table.length, 1 + model.perTask.length);
    assert.deepEqual(table[1], [
      '`click`',
      'binary',
      '1',
      '0.4123',
      '0.3968',
      'measured',
      '-3.7%\\*',
      '±0.5',
      '1',
      '—', // a result stored before metrics were kept
    ]);
  });

  it('lists the best grouping for every budget with its gain and marks the chosen one', () => {
    const [table] = tables(section(md, 'What one more network buys'));
    assert.equal(table.length, 1 + 7);
    assert.deepEqual(table[0], [
      'Budget',
      'Objective',
      '± s.e.',
      'Source',
      'Gain',
      'Best grouping',
    ]);
    assert.deepEqual(table[2].slice(0, 5), ['2', '0.9683', '±0.0015', 'measured', '+0.0283']);
    assert.deepEqual(table[3].slice(0, 5), [
      '**3** (chosen)',
      '0.9587',
      '±0.0022',
      'measured',
      '+0.0096',
    ]);
    assert.deepEqual(table[4].slice(0, 5), ['4', '0.9587', '±0.0022', 'measured', '0.0000']);
    assert.match(
      section(md, 'What one more network buys'),
      /all tasks separate 1\.0000 \(7 networks, by definition\), all together 0\.9966 ± 0\.0010, measured \(1 network\)/,
    );
  });

  it('orders the transfer table by network and marks |T| > 2 stderr with *', () => {
    const [table] = tables(section(md, 'Transfer between tasks'));
    const order = model.grouping.flat().map((t) => `\`${t}\``);
    assert.deepEqual(table[0].slice(2), order);
    assert.deepEqual(
      table.slice(1).map((row) => row[1]),
      order,
    );
    const row = (task: string): string[] => table.find((r) => r[1] === `\`${task}\``)!;
    const col = (task: string): number => table[0].indexOf(`\`${task}\``);
    assert.equal(row('click')[col('like')], '+3.1%\\*'); // 0.031 ± 0.006
    assert.equal(row('comment')[col('like')], '+0.2%'); // 0.002 ± 0.006: noise
    assert.equal(row('click')[col('click')], '·');
  });

  it('lists the alternatives with their objective and distance to the chosen grouping', () => {
    const [table] = tables(section(md, 'Alternatives'));
    assert.equal(table.length, 1 + model.alternatives.length);
    assert.deepEqual(table[0], [
      'Rank',
      'Networks',
      'Objective',
      '± s.e.',
      'Source',
      'vs chosen',
      'Grouping',
    ]);
    assert.deepEqual(table[1].slice(0, 6), ['1', '2', '0.9683', '±0.0015', 'measured', '+0.0096']);
  });

  it('shows the search facts: fingerprint, rows, proxy settings, seeds, runs, time, backend, version', () => {
    const facts = section(md, 'Search facts');
    for (const pattern of [
      /`sha256:9c41e2b07d5a3f18`/,
      /48,000 training, 12,000 validation/,
      /`epochs=4`/,
      /`bottom=\[128,64\]`/,
      /\| Seeds \| 3 \(base seed 7\) \|/,
      /93 planned: 80 trained, 13 cached, 0 failed/,
      /11 min 28 s/,
      /\| Backend \| wasm \|/,
      /taskgroup 0\.1\.0/,
    ]) {
      assert.match(facts, pattern);
    }
  });

  it('says nothing about provisional results for a finished search', () => {
    assert.doesNotMatch(md, /provisional/i);
  });

  it('opens an interrupted search with the runs finished and a provisional warning', () => {
    const lines = renderMarkdown(loadFixture('interrupted')).split('\n');
    assert.equal(
      lines[2],
      '> **Provisional.** This search is interrupted: 37 of 93 runs finished, ' +
        '2 failed; results below are provisional.',
    );
    assert.ok(lines.indexOf('## Decision') > 2);
  });

  it('shows a transfer score not measured yet as a dash, and no standard error with one seed', () => {
    const text = renderMarkdown(loadFixture('interrupted'));
    const [table] = tables(section(text, 'Transfer between tasks'));
    const follow = table.find((r) => r[1] === '`follow`')!;
    assert.equal(follow[table[0].indexOf('`dwell_sec`')], '—');
    const [perTask] = tables(section(text, 'Per task'));
    assert.deepEqual(perTask.find((r) => r[0] === '`dwell_sec`')!.slice(6, 8), ['-6.4%', '—']);
  });

  it('uses no HTML, and every table row has as many cells as its header', () => {
    for (const fixture of FIXTURES) {
      const text = renderMarkdown(loadFixture(fixture));
      assert.doesNotMatch(
        outsideCode(text),
        /</,
        `${fixture}: an HTML tag could start outside code`,
      );
      for (const table of tables(text)) {
        for (const row of table)
          assert.equal(row.length, table[0].length, `${fixture}: ${row.join(' | ')}`);
      }
    }
  });

  it('shows hostile task names literally in code spans, pipes escaped and line breaks as \\n', () => {
    const text = renderMarkdown(loadFixture('hostile'));
    assert.match(text, /\| `<script>window\.__pwned=1<\/script>` \| binary \|/);
    assert.match(text, /\| `"&'` \| binary \|/);
    assert.match(text, /\| `a,b` \| binary \|/);
    assert.match(text, /\| `line\\nbreak` \| binary \|/);
    assert.match(text, /\| `` pipe\\\|`tick` `` \| binary \|/);
    // In running text a backslash before the pipe would show, so there is none.
    assert.match(
      section(text, 'Decision'),
      /\{`` pipe\|`tick` ``, `<img src=x onerror="window\.__pwned=2">`\}/,
    );
    assert.match(text, /^# Task grouping report: search `<b>id<\/b>&"`$/m);
  });
});
