import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDataset } from '../../src/data/loadDataset.js';
import { splitRows } from '../../src/data/split.js';
import { csvFiles, table } from './csvFiles.js';

const files = csvFiles();
const N = 200;
const { train, val } = splitRows(N, 0.2, 0);

const click = (i: number) => (i % 4 === 0 ? '' : ['yes', 'no', 'YES'][i % 3]);
const minutes = (i: number) => (i % 5 === 1 ? '' : String((i % 13) * 2.5));
const file = files.write(
  'labels.csv',
  table(['x', 'click', 'minutes'], N, (i) => [i % 17, click(i), minutes(i)]),
);

describe('labels and masks', () => {
  it('encodes binary labels as 0/1 and a missing label as NaN for that task only', async () => {
    const d = await loadDataset({ file, tasks: [{ name: 'click' }, { name: 'minutes' }] });
    assert.deepEqual(
      d.tasks.map(({ name, type }) => ({ name, type })),
      [
        { name: 'click', type: 'binary' },
        { name: 'minutes', type: 'regression' },
      ],
    );
    train.forEach((row, r) => {
      const [c, m] = [d.trainY[r * 2], d.trainY[r * 2 + 1]];
      if (click(row) === '') assert.ok(Number.isNaN(c), `row ${row} click`);
      else assert.equal(c, click(row).toLowerCase() === 'yes' ? 1 : 0);
      assert.equal(Number.isNaN(m), minutes(row) === '', `row ${row} minutes`);
    });
    // A row with a missing click still has its features and its other label.
    const masked = train.findIndex((row) => click(row) === '' && minutes(row) !== '');
    assert.ok(masked >= 0 && !Number.isNaN(d.trainY[masked * 2 + 1]));
    assert.equal(d.trainX.length, d.trainRows * d.dim);
  });

  it('standardises regression labels with the training split mean and standard deviation', async () => {
    const d = await loadDataset({ file, tasks: [{ name: 'click' }, { name: 'minutes' }] });
    const raw = train
      .map((row) => minutes(row))
      .filter((m) => m !== '')
      .map(Number);
    const mean = raw.reduce((s, x) => s + x, 0) / raw.length;
    const std = Math.sqrt(raw.reduce((s, x) => s + (x - mean) ** 2, 0) / raw.length);
    const encoded = Array.from({ length: d.trainRows }, (_, r) => d.trainY[r * 2 + 1]).filter(
      (y) => !Number.isNaN(y),
    );
    assert.ok(Math.abs(encoded.reduce((s, x) => s + x, 0) / encoded.length) < 1e-5);
    val.forEach((row, r) => {
      if (minutes(row) === '') return;
      assert.ok(
        Math.abs(d.valY[r * 2 + 1] - (Number(minutes(row)) - mean) / std) < 1e-5,
        `validation row ${row}`,
      );
    });
    // The unit that turns an error on the standardised label back into minutes (RMSE).
    assert.ok(Math.abs(d.tasks[1].unit! - std) < 1e-9 * std);
    assert.equal(d.tasks[0].unit, 1, 'binary labels are encoded as they are');
  });

  it('lays out label columns in the order the tasks were given', async () => {
    const d = await loadDataset({ file, tasks: [{ name: 'minutes' }, { name: 'click' }] });
    assert.deepEqual(
      d.tasks.map((t) => t.name),
      ['minutes', 'click'],
    );
    const row = train.findIndex((i) => click(i) !== '');
    assert.equal(d.trainY[row * 2 + 1], click(train[row]).toLowerCase() === 'yes' ? 1 : 0);
  });
});
