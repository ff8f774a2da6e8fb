import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ReportModel } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const tasks = 'click,like,share,watch_time,finish,purchase,revenue';

test('search --method tag on the bundled example answers with measured groups, and a second search trains nothing', async () => {
  const db = join(tempDir(), 'tag.db');
  const result = await runCli(
    [
      'search',
      '--data',
      'examples/recsys.csv',
      '--tasks',
      tasks,
      '--method',
      'tag',
      '--seeds',
      '2',
      '--db',
      db,
      '--json',
    ],
    { timeoutMs: 600_000 },
  );
  assert.equal(result.code, 0, result.stderr);
  const model = JSON.parse(result.stdout) as ReportModel;
  assert.equal(model.facts.method, 'tag');
  // Every network of the answer was trained, its pairs too (a tag search trains few of them).
  assert.equal(model.objectiveKind, 'measured');
  assert.equal(model.certificate.basis, 'verified');
  const again = await runCli([
    'search',
    '--data',
    'examples/recsys.csv',
    '--tasks',
    tasks,
    '--method',
    'tag',
    '--seeds',
    '2',
    '--db',
    db,
    '--new',
    '--json',
  ]);
  const cached = JSON.parse(again.stdout) as ReportModel;
  assert.equal(
    cached.runs.trained,
    0,
    'every run, the lookahead runs too, is found in the database',
  );
  assert.deepEqual(cached.grouping, model.grouping);
});
