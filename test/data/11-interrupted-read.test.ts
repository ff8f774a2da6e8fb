import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadDataset } from '../../src/data/index.js';
import { InterruptedError } from '../../src/errors.js';
import { tempDir } from '../helpers/tempDir.js';

/** A CSV of `rows` rows: two features and two binary tasks. */
function csv(rows: number): string {
  const file = join(tempDir(), `big-${rows}.csv`);
  const lines = ['x,y,click,like'];
  for (let r = 0; r < rows; r++) lines.push(`${r % 97},${(r * 7) % 13},${r % 2},${(r >> 1) % 2}`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const tasks = [{ name: 'click' }, { name: 'like' }];

test('#6 the first Ctrl-C stops the reading of a data file at once: an InterruptedError, not a finished load', async () => {
  const file = csv(400_000);
  const controller = new AbortController();
  const loading = loadDataset({ file, tasks, maxTrainRows: 1000 }, controller.signal);
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(loading, (error: unknown) => {
    assert.ok(error instanceof InterruptedError);
    assert.equal(error.exitCode, 130);
    assert.match(error.message, /^interrupted while reading .*big-400000\.csv$/);
    return true;
  });
});

test('#6 a stop raised before the read starts reads nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(loadDataset({ file: csv(10), tasks }, controller.signal), InterruptedError);
});
