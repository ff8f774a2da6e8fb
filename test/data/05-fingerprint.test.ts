import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadDataset, type LoadOptions } from '../../src/data/loadDataset.js';
import { csvFiles, table } from './csvFiles.js';

const files = csvFiles();
const text = table(['x', 's', 'a', 'b'], 100, (i) => [
  i % 9,
  ['p', 'q', 'r'][i % 3],
  i % 2,
  (i * 7) % 10,
]);
const file = files.write('base.csv', text);
const base: LoadOptions = { file, tasks: [{ name: 'a' }, { name: 'b' }] };
const fingerprint = async (o: Partial<LoadOptions> = {}) =>
  (await loadDataset({ ...base, ...o })).fingerprint;

describe('dataset fingerprint', () => {
  it('is a sha256 in hex, equal for the same bytes and options even under another file name', async () => {
    const copy = files.write('copy.csv', readFileSync(file));
    const fp = await fingerprint();
    assert.match(fp, /^[0-9a-f]{64}$/);
    assert.equal(await fingerprint(), fp);
    assert.equal(await fingerprint({ file: copy }), fp);
  });

  it('changes when one byte of the file changes', async () => {
    const bytes = Buffer.from(text);
    const at = bytes.lastIndexOf('9'.charCodeAt(0));
    bytes[at] = '8'.charCodeAt(0);
    const edited = files.write('edited.csv', bytes);
    assert.notEqual(await fingerprint({ file: edited }), await fingerprint());
  });

  it('changes with every option that changes the encoding', async () => {
    const fp = await fingerprint();
    const variants: Partial<LoadOptions>[] = [
      { splitSeed: 1 },
      { valFraction: 0.3 },
      { oneHotMaxLevels: 2 },
      { hashBuckets: 8 },
      { exclude: ['s'] },
      { tasks: [{ name: 'a', type: 'regression' }, { name: 'b' }] },
      { tasks: [{ name: 'b' }, { name: 'a' }] },
      { maxTrainRows: 10 },
      { maxValRows: 5 },
    ];
    const seen = new Set([fp]);
    for (const v of variants) {
      const other = await fingerprint(v);
      assert.ok(!seen.has(other), `fingerprint unchanged by ${JSON.stringify(v)}`);
      seen.add(other);
    }
  });

  it('does not depend on the order the features are listed in, nor on restating a default', async () => {
    const fp = await fingerprint();
    assert.equal(await fingerprint({ features: ['s', 'x'] }), fp);
    assert.equal(
      await fingerprint({
        valFraction: 0.2,
        splitSeed: 0,
        tasks: [{ name: 'a', type: 'binary' }, { name: 'b' }],
      }),
      fp,
    );
    // A row cap the file does not reach keeps every row: the same data.
    assert.equal(await fingerprint({ maxTrainRows: 20_000, maxValRows: 50_000 }), fp);
  });
});
