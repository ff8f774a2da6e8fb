import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auc, findLeaks, loadDataset } from '../../src/data/index.js';
import { leakyCsv } from '../helpers/leakyCsv.js';
import { tempDir } from '../helpers/tempDir.js';

test('a feature that alone predicts a task almost perfectly is flagged, once per column and task, and nothing else is', async () => {
  const dataset = await loadDataset({
    file: leakyCsv(tempDir()),
    tasks: [{ name: 'bought' }, { name: 'watch' }],
  });
  const leaks = findLeaks(dataset)
    .map((l) => `${l.column}→${l.task} ${l.measure}`)
    .sort();
  assert.deepEqual(leaks, ['paid→bought AUC', 'score→watch correlation']);
});

test('AUC counts ties as half and is symmetric in the label', () => {
  assert.equal(auc([1, 2, 3, 4], [0, 0, 1, 1]), 1);
  assert.equal(auc([1, 2, 3, 4], [1, 1, 0, 0]), 0);
  assert.equal(auc([1, 1, 1, 1], [0, 1, 0, 1]), 0.5);
});
