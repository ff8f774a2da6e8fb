import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDataset } from '../../src/data/loadDataset.js';
import { RowSample } from '../../src/data/rowSample.js';
import { mulberry32 } from '../../src/random.js';
import { rowPosition, splitRows } from '../../src/data/split.js';
import { csvFiles, table } from './csvFiles.js';

const files = csvFiles();
const N = 200_000;
const { train, val } = splitRows(N, 0.2, 0);
// The last training row in hash order: no row cap below the whole training split keeps it.
const RARE = train[train.length - 1];
const file = files.write(
  'large.csv',
  table(['x', 'c', 'id', 'rare', 'a', 'b'], N, (i) => [
    i % 13 === 0 ? '' : ((i * 7919) % 1000) / 10,
    ['red', 'green', 'blue', 'grey', 'pink'][(i * 3) % 5],
    `u${(i * 31) % 5000}`,
    i === RARE ? 1 : 0,
    (i * 5) % 3 === 0 ? 1 : 0,
    i % 11 === 0 ? '' : ((i * 13) % 17) / 2,
  ]),
);
const tasks = [{ name: 'a' }, { name: 'b' }];

const bytes = (x: Float32Array, from = 0, to = x.length) =>
  Buffer.from(x.buffer, x.byteOffset + 4 * from, 4 * (to - from));

describe('rows kept from a large file', () => {
  it('keeps the first maxTrainRows training rows in hash order, encoded exactly as the uncapped load encodes them', async () => {
    const all = await loadDataset({ file, tasks, maxValRows: N });
    const capped = await loadDataset({ file, tasks, maxTrainRows: 1000, maxValRows: 3000 });
    assert.equal(all.trainRows, train.length);
    assert.equal(capped.trainRows, 1000);
    assert.equal(capped.valRows, 3000);
    // Levels, buckets, statistics and constant columns come from every training row: `rare` is
    // constant (0) on the rows kept but not on the training split, so both loads encode it.
    assert.deepEqual(capped.featureNames, all.featureNames);
    assert.ok(capped.featureNames.includes('rare'));
    const dim = all.dim;
    assert.ok(
      bytes(capped.trainX).equals(bytes(all.trainX, 0, 1000 * dim)),
      'trainX is not the uncapped prefix',
    );
    assert.ok(
      bytes(capped.trainY).equals(bytes(all.trainY, 0, 1000 * 2)),
      'trainY is not the uncapped prefix',
    );

    // Validation: the 3000 validation rows with the smallest split positions, in file order.
    const kept = new Set(
      [...val].sort((p, q) => rowPosition(p, 0) - rowPosition(q, 0)).slice(0, 3000),
    );
    const at = val.flatMap((row, k) => (kept.has(row) ? [k] : []));
    at.forEach((k, r) => {
      assert.ok(
        bytes(capped.valX, r * dim, (r + 1) * dim).equals(bytes(all.valX, k * dim, (k + 1) * dim)),
        `validation row ${val[k]}`,
      );
      assert.ok(bytes(capped.valY, r * 2, r * 2 + 2).equals(bytes(all.valY, k * 2, k * 2 + 2)));
    });
  });

  it('gives the fingerprint of the rows kept: same cap same fingerprint, a cap that keeps everything the uncapped one', async () => {
    const small = files.write(
      'small.csv',
      table(['x', 'a', 'b'], 2000, (i) => [i % 9, i % 2, i % 7]),
    );
    const side = splitRows(2000, 0.2, 0);
    const fingerprint = async (maxTrainRows?: number, maxValRows = 2000) =>
      (await loadDataset({ file: small, tasks, maxTrainRows, maxValRows })).fingerprint;
    const all = await fingerprint();
    assert.equal(await fingerprint(side.train.length), all);
    assert.equal(await fingerprint(undefined, side.val.length), all);
    const capped = await fingerprint(100);
    assert.notEqual(capped, all);
    assert.equal(await fingerprint(100), capped);
    assert.notEqual(await fingerprint(101), capped);
    assert.notEqual(await fingerprint(undefined, 300), all);
  });
});

describe('row sample', () => {
  it('keeps the rows of smallest position whatever the order they come in, with their text intact', () => {
    const rng = mulberry32(7);
    const rows = Array.from({ length: 20_000 }, (_, index) => ({
      index,
      position: rng(),
      text: `row ${index} ${'é∑'.repeat(index % 50)}`,
    }));
    const order = [...rows].sort(() => rng() - 0.5);
    const sample = new RowSample(300);
    for (const row of order) sample.offer(row.index, row.position, () => row.text);
    const smallest = [...rows].sort((p, q) => p.position - q.position).slice(0, 300);
    const byPosition = sample.byPosition();
    assert.equal(byPosition.count, 300);
    assert.deepEqual(
      Array.from({ length: 300 }, (_, k) => byPosition.text(k)),
      smallest.map((r) => r.text),
    );
    const byIndex = sample.byIndex();
    assert.deepEqual(
      Array.from({ length: 300 }, (_, k) => byIndex.text(k)),
      [...smallest].sort((p, q) => p.index - q.index).map((r) => r.text),
    );
    assert.equal(sample.seen, 20_000);
  });
});
