import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDataset } from '../../src/data/loadDataset.js';
import { rowPosition, splitRows } from '../../src/data/split.js';
import { csvFiles, table } from './csvFiles.js';

const files = csvFiles();

describe('train/validation split', () => {
  it('gives the same rows on every machine: pinned rows for seeds 0 and 7', () => {
    // Integer hashing only; these values must never change (cached runs depend on them).
    assert.deepEqual(splitRows(30, 0.2, 0).val, [5, 9, 13, 18, 25]);
    assert.deepEqual(splitRows(30, 0.2, 7).val, [12]);
    assert.equal(rowPosition(5, 0), 0.06660653091967106);
  });

  it('holds out close to valFraction of the rows, and another seed picks other rows', () => {
    const a = splitRows(10_000, 0.2, 0);
    const b = splitRows(10_000, 0.2, 1);
    assert.ok(Math.abs(a.val.length - 2000) < 150, `${a.val.length} validation rows`);
    const shared = a.val.filter((r) => new Set(b.val).has(r)).length;
    assert.ok(shared < 600, `seeds 0 and 1 share ${shared} of ${a.val.length} validation rows`);
  });

  it('keeps each row on its side when rows are appended to the file', () => {
    const small = splitRows(500, 0.25, 3);
    const large = splitRows(800, 0.25, 3);
    assert.deepEqual(
      large.val.filter((r) => r < 500),
      small.val,
    );
  });

  it('orders training rows by a seeded shuffle so that a prefix is a random sample', () => {
    const { train } = splitRows(1000, 0.2, 0);
    const prefix = train.slice(0, 100);
    assert.notDeepEqual(
      prefix,
      [...prefix].sort((x, y) => x - y),
    );
    const mean = prefix.reduce((s, r) => s + r, 0) / prefix.length;
    assert.ok(mean > 350 && mean < 650, `mean row index of the first 100 training rows is ${mean}`);
    assert.equal(new Set(train).size, train.length);
  });

  it('loads the same split twice from the same file and seed, and another one with another seed', async () => {
    const file = files.write(
      'split.csv',
      table(['id', 'x', 'a', 'b'], 200, (i) => [i, i % 7, i % 2, (i * 3) % 5]),
    );
    const load = (splitSeed: number) =>
      loadDataset({ file, tasks: [{ name: 'a' }, { name: 'b' }], features: ['id'], splitSeed });
    const [one, two, other] = await Promise.all([load(0), load(0), load(1)]);
    assert.deepEqual(one.valX, two.valX);
    assert.deepEqual(one.trainX, two.trainX);
    assert.notDeepEqual(one.valX, other.valX);
    assert.equal(one.trainRows + one.valRows, 200);
  });
});
