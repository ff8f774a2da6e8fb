import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { leakyCsv } from '../helpers/leakyCsv.js';
import { tempDir } from '../helpers/tempDir.js';

test('--features and --exclude take comma-separated columns on the command line', () => {
  const config = resolveSearchConfig({
    data: 'd.csv',
    tasks: 'a,b',
    features: 'x, y,z',
    exclude: 'id',
  });
  assert.deepEqual(config.features, ['x', 'y', 'z']);
  assert.deepEqual(config.exclude, ['id']);
});

test('--exhaustive is refused past 12 tasks, saying how many subsets that would be', () => {
  const tasks = Array.from({ length: 13 }, (_, t) => `t${t}`).join(',');
  assert.throws(
    () => resolveSearchConfig({ data: 'd.csv', tasks, exhaustive: true }),
    /^UsageError: --exhaustive trains every one of the 2\^n − 1 task subsets: 8191 for 13 tasks; it takes at most 12 tasks \(4095 subsets\)$/,
  );
  assert.equal(
    resolveSearchConfig({ data: 'd.csv', tasks: 'a,b,c', exhaustive: true }).exhaustive,
    true,
  );
});

test('a leaked label is warned about, one line per column and task, and not once it is excluded', async () => {
  const dir = tempDir();
  const data = leakyCsv(dir);
  const run = async (extra: Record<string, string>) => {
    const warnings: string[] = [];
    await runSearch(
      resolveSearchConfig({ data, tasks: 'bought,watch', seeds: '2', workers: '1', ...extra }),
      join(dir, `${Object.keys(extra).length}.db`),
      {
        stop: { requested: false },
        trainer: () => fakeTrainer([[0, 1]]),
        onWarning: (w) => warnings.push(w),
      },
    );
    return warnings;
  };
  const warned = await run({});
  assert.equal(warned.length, 2);
  assert.match(
    warned[0],
    /^feature "paid" alone predicts task "bought" almost perfectly \(AUC 1\.000 on the training rows\): possible target leakage; it is kept, drop it with --exclude paid$/,
  );
  assert.deepEqual(await run({ exclude: 'paid,score' }), []);
});
