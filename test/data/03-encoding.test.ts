import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fnv1a32 } from '../../src/data/hashing.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { splitRows } from '../../src/data/split.js';
import type { EncodedDataset } from '../../src/data/types.js';
import { csvFiles, table } from './csvFiles.js';

const files = csvFiles();
const tasks = [{ name: 'y1' }, { name: 'y2' }];
const N = 300;
const { train, val } = splitRows(N, 0.2, 0);
const isVal = new Set(val);

/** Column `name` of the encoded training (or validation) matrix. */
function column(d: EncodedDataset, name: string, side: 'train' | 'val' = 'train'): number[] {
  const c = d.featureNames.indexOf(name);
  assert.ok(c >= 0, `no encoded column ${name} in ${d.featureNames.join(' ')}`);
  const [x, rows] = side === 'train' ? [d.trainX, d.trainRows] : [d.valX, d.valRows];
  return Array.from({ length: rows }, (_, r) => x[r * d.dim + c]);
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const std = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
const labels = (i: number) => [i % 2, (i * 7) % 11];

describe('feature encoding', () => {
  it('standardises a numeric column with the training rows only', async () => {
    // Validation rows hold huge values: if they leaked into the mean, training would not be centred.
    const file = files.write(
      'numeric.csv',
      table(['x', 'y1', 'y2'], N, (i) => [isVal.has(i) ? 1e6 : i, ...labels(i)]),
    );
    const d = await loadDataset({ file, tasks });
    const x = column(d, 'x');
    assert.ok(
      Math.abs(mean(x)) < 1e-4 && Math.abs(std(x) - 1) < 1e-4,
      `mean ${mean(x)} std ${std(x)}`,
    );
    const trainValues = train.map((i) => i);
    const expected = (1e6 - mean(trainValues)) / std(trainValues);
    assert.ok(Math.abs(column(d, 'x', 'val')[0] - expected) / expected < 1e-5);
  });

  it('imputes a missing number with the training mean (0) and adds a missing indicator', async () => {
    const file = files.write(
      'gaps.csv',
      table(['x', 'y1', 'y2'], N, (i) => [i % 5 === 0 ? '' : i, ...labels(i)]),
    );
    const d = await loadDataset({ file, tasks });
    assert.deepEqual(d.featureNames, ['x', 'x?missing']);
    const x = column(d, 'x');
    const missing = column(d, 'x?missing');
    train.forEach((row, r) => {
      assert.equal(missing[r], row % 5 === 0 ? 1 : 0);
      if (row % 5 === 0) assert.equal(x[r], 0);
    });
  });

  it('one-hot encodes a string column by its training levels; a level unseen in training is all zeros', async () => {
    const colour = (i: number) =>
      isVal.has(i) && i % 2 === 0 ? 'purple' : ['red', 'green', 'blue'][i % 3];
    const file = files.write(
      'onehot.csv',
      table(['colour', 'y1', 'y2'], N, (i) => [colour(i), ...labels(i)]),
    );
    const d = await loadDataset({ file, tasks });
    assert.deepEqual(d.featureNames, ['colour=blue', 'colour=green', 'colour=red']);
    train.forEach((row, r) => {
      const onehot = d.featureNames.map((_, c) => d.trainX[r * d.dim + c]);
      assert.deepEqual(
        onehot,
        ['blue', 'green', 'red'].map((level) => (level === colour(row) ? 1 : 0)),
      );
    });
    val.forEach((row, r) => {
      const sum = d.featureNames.reduce((s, _, c) => s + d.valX[r * d.dim + c], 0);
      assert.equal(sum, colour(row) === 'purple' ? 0 : 1, `validation row ${row}`);
    });
  });

  it('hashes a string column with more levels than oneHotMaxLevels into FNV-1a buckets', async () => {
    const id = (i: number) => `user${i % 40}`;
    const file = files.write(
      'hashed.csv',
      table(['user', 'y1', 'y2'], N, (i) => [id(i), ...labels(i)]),
    );
    const d = await loadDataset({ file, tasks, oneHotMaxLevels: 8, hashBuckets: 16 });
    assert.ok(
      d.featureNames.every((n) => /^user#\d+$/.test(n)),
      d.featureNames.join(' '),
    );
    assert.ok(d.dim <= 16);
    train.forEach((row, r) => {
      const bucket = fnv1a32(id(row)) % 16;
      const hot = d.featureNames.filter((_, c) => d.trainX[r * d.dim + c] === 1);
      assert.deepEqual(hot, [`user#${bucket}`]);
    });
  });

  it('pins FNV-1a to its published test vectors', () => {
    assert.equal(fnv1a32(''), 0x811c9dc5);
    assert.equal(fnv1a32('a'), 0xe40c292c);
    assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  });

  it('drops a constant feature column and keeps columns in file order', async () => {
    const file = files.write(
      'constant.csv',
      table(['b', 'same', 'a', 'y1', 'y2'], N, (i) => [i % 3, 7, ['u', 'v'][i % 2], ...labels(i)]),
    );
    const d = await loadDataset({ file, tasks });
    assert.deepEqual(d.featureNames, ['b', 'a=u', 'a=v']);
    assert.equal(d.dim, 3);
    assert.equal(d.trainX.length, d.trainRows * 3);
  });

  it('uses only the listed features, minus the excluded ones', async () => {
    const file = files.write(
      'select.csv',
      table(['p', 'q', 'r', 'y1', 'y2'], N, (i) => [i, i % 4, i % 9, ...labels(i)]),
    );
    const listed = await loadDataset({ file, tasks, features: ['r', 'p'] });
    assert.deepEqual(listed.featureNames, ['p', 'r']);
    const excluded = await loadDataset({ file, tasks, exclude: ['q'] });
    assert.deepEqual(excluded.featureNames, ['p', 'r']);
  });

  it('trims cells, so " 3 " is the number 3 and " a" the level "a"', async () => {
    const file = files.write(
      'spaces.csv',
      'x , s,y1,y2\n' +
        Array.from(
          { length: N },
          (_, i) => ` ${i % 10} , ${i % 2 ? 'a' : 'b'} ,${i % 2},${i % 3}`,
        ).join('\n'),
    );
    const d = await loadDataset({ file, tasks });
    assert.deepEqual(d.featureNames, ['x', 's=a', 's=b']);
  });
});
