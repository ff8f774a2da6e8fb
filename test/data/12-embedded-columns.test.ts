import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMBED } from '../../src/data/embedColumns.js';
import { warningLine } from '../../src/data/encodingWarnings.js';
import { embeddingRow } from '../../src/data/hashing.js';
import { loadDataset, type LoadOptions } from '../../src/data/loadDataset.js';
import { sourceKey } from '../../src/data/sourceKey.js';
import { UsageError } from '../../src/errors.js';
import { csvFiles, table } from './csvFiles.js';

const files = csvFiles();
const N = 200;
const cells = (i: number) => [
  i % 37 === 5 ? '' : `u${i % 37}`,
  (i * 0.37).toFixed(2),
  i % 23,
  i % 2,
  (i * 7) % 5,
];
const file = files.write('ids.csv', table(['user', 'z', 'item_id', 'a', 'b'], N, cells));
const base: LoadOptions = { file, tasks: [{ name: 'a' }, { name: 'b' }] };

describe('embedded columns', () => {
  it('take a column out of the encoded features and give every row its row of the table, string or numeric', async () => {
    const d = await loadDataset({
      ...base,
      embed: [{ column: 'item_id', dim: 4, rows: 64 }, { column: 'user' }],
    });
    assert.deepEqual(d.featureNames, ['z']);
    assert.deepEqual(d.embed!.columns, [
      { column: 'user', dim: EMBED.dimDefault, rows: EMBED.rowsDefault },
      { column: 'item_id', dim: 4, rows: 64 },
    ]);
    assert.equal(d.embed!.trainIds.length, 2 * d.trainRows);
    assert.equal(d.embed!.valIds.length, 2 * d.valRows);
    assert.ok(d.embed!.trainIds.buffer instanceof SharedArrayBuffer);
    // Every row's ids, train and validation together, are those of its cells (an empty cell is a
    // value of its own).
    const ids = (side: Int32Array) =>
      Array.from(side).reduce<number[][]>((rows, id, i) => {
        if (i % 2 === 0) rows.push([id]);
        else rows[rows.length - 1].push(id);
        return rows;
      }, []);
    const got = [...ids(d.embed!.trainIds), ...ids(d.embed!.valIds)].map((r) => r.join()).sort();
    const want = Array.from({ length: N }, (_, i) => {
      const [user, , item] = cells(i);
      return [embeddingRow(String(user), EMBED.rowsDefault), embeddingRow(String(item), 64)].join();
    }).sort();
    assert.deepEqual(got, want);
    assert.ok(got.includes(`${embeddingRow('', EMBED.rowsDefault)},${embeddingRow('5', 64)}`));
  });

  it('change the fingerprint and the source key, not the order they are listed in; none leaves both as they were', async () => {
    const load = async (o: Partial<LoadOptions>) => [
      (await loadDataset({ ...base, ...o })).fingerprint,
      await sourceKey({ ...base, ...o }),
    ];
    const [plain, plainKey] = await load({});
    assert.deepEqual(await load({ embed: [] }), [plain, plainKey]);
    const two = [{ column: 'user' }, { column: 'item_id' }];
    const [fp] = await load({ embed: two });
    assert.equal((await load({ embed: [...two].reverse() }))[0], fp);
    const seen = new Set([plain, fp]);
    for (const embed of [
      [{ column: 'user' }],
      [{ column: 'user', dim: 8 }],
      [{ column: 'user', rows: 1024 }],
    ]) {
      const [other, key] = await load({ embed });
      assert.ok(!seen.has(other), `fingerprint unchanged by ${JSON.stringify(embed)}`);
      assert.notEqual(key, plainKey);
      seen.add(other);
    }
  });

  it('refuse a column that is not a feature, a repeat, or a size out of bounds, naming it', async () => {
    const rejects = (embed: LoadOptions['embed'], message: RegExp, o: Partial<LoadOptions> = {}) =>
      assert.rejects(
        loadDataset({ ...base, ...o, embed }),
        (err: unknown) =>
          err instanceof UsageError &&
          err.exitCode === 2 &&
          message.test(err.message) &&
          !err.message.includes('\n'),
      );
    await rejects(
      [{ column: 'nope' }],
      /ids\.csv: unknown embed column "nope"; the file has user, z/,
    );
    await rejects([{ column: 'a' }], /embed column "a" is not a feature \(it is a task, excluded/);
    await rejects([{ column: 'z' }], /embed column "z" is not a feature/, { exclude: ['z'] });
    await rejects(
      [{ column: 'user' }, { column: 'user' }],
      /^embed: column "user" is given twice$/,
    );
    await rejects(
      [{ column: 'user', dim: 0 }],
      /^embed: dim of column "user" must be an integer from 1 to 256, got 0$/,
    );
    await rejects(
      [{ column: 'user', rows: 2 ** 21 }],
      /rows of column "user" must be an integer from 1 to 1,048,576/,
    );
    await rejects(
      [
        { column: 'user', rows: 2 ** 20, dim: 16 },
        { column: 'item_id', rows: 2 ** 20, dim: 1 },
      ],
      /^embed: rows × dim over every embedded column must be at most 16,777,216 \(got 17,825,792\)/,
    );
  });
});

describe('encoding warnings', () => {
  const ids = files.write(
    'warn.csv',
    table(['user_id', 'movieId', 'id', 'valid', 'item', 'score_id', 'few_id', 'a', 'b'], N, (i) => [
      i % 41,
      1000 + (i % 53),
      i,
      i % 29,
      `it${i % 31}`,
      (i % 19) + 0.5,
      i % 5,
      i % 2,
      i % 3,
    ]),
  );
  const tasks = base.tasks;

  it('flag hashed string columns and numeric columns that look like ids, and say how to fix each', async () => {
    const d = await loadDataset({ file: ids, tasks });
    assert.deepEqual(
      d.warnings!.map((w) => `${w.kind} ${w.column}`),
      ['numeric-id user_id', 'numeric-id movieId', 'numeric-id id', 'hashed-levels item'],
    );
    const lines = d.warnings!.map(warningLine);
    assert.equal(
      lines[0],
      'feature "user_id" looks like an id (integer values, more than 16 distinct, named like an id) but is read as a number: embed it (--embed user_id) to learn one vector per value',
    );
    assert.equal(
      lines[3],
      'feature "item" has more than 16 distinct values and is hashed into 32 shared buckets, where its values lose their identity: embed it (--embed item) to learn one vector per value',
    );
  });

  it('say nothing of an embedded column', async () => {
    const d = await loadDataset({
      file: ids,
      tasks,
      embed: [{ column: 'movieId' }, { column: 'item' }],
    });
    assert.deepEqual(
      d.warnings!.map((w) => w.column),
      ['user_id', 'id'],
    );
  });
});
