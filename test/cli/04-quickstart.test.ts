import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

// The README's quickstart, with its documented flags and the defaults, on the bundled example.
const quickstart = [
  'search',
  '--data',
  'examples/recsys.csv',
  '--tasks',
  'click,like,share,watch_time,finish,purchase,revenue',
  '--budget',
  '3',
];
const planted = [
  ['click', 'like', 'share'],
  ['watch_time', 'finish'],
  ['purchase', 'revenue'],
];

test(
  'the quickstart recovers the planted clusters, and its second run trains nothing',
  { timeout: 600_000 },
  async () => {
    const db = join(tempDir(), 'quickstart.db');
    const first = await runCli([...quickstart, '--db', db, '--json'], { timeoutMs: 600_000 });
    assert.equal(first.code, 0, first.stderr);
    const result = JSON.parse(first.stdout);
    assert.deepEqual(result.grouping, planted);
    assert.ok(result.objective < 1, 'the planted grouping beats training every task alone');
    assert.ok(result.objective < result.baselines.allTogether);
    assert.equal(result.runs.total, result.runs.trained);

    const second = await runCli([...quickstart, '--db', db, '--new', '--json']);
    assert.equal(second.code, 0, second.stderr);
    const again = JSON.parse(second.stdout);
    assert.equal(again.runs.trained, 0);
    assert.equal(again.runs.cached, result.runs.total);
    assert.deepEqual(again.grouping, planted);
    assert.equal(again.objective, result.objective);
  },
);
