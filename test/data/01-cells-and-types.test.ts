import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBinary, parseNumber } from '../../src/data/cells.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { csvFiles, table } from './csvFiles.js';

const files = csvFiles();

/** A file with feature x and a task column per entry, each cycling through its values. */
function typed(columns: Record<string, string[]>): string {
  const names = Object.keys(columns);
  return files.write(
    `${names.join('-')}.csv`,
    table(['x', ...names], 40, (i) => [i, ...names.map((n) => columns[n][i % columns[n].length])]),
  );
}

async function typesOf(
  columns: Record<string, string[]>,
  declared: Record<string, 'binary' | 'regression'> = {},
) {
  const file = typed(columns);
  const d = await loadDataset({
    file,
    tasks: Object.keys(columns).map((name) => ({ name, type: declared[name] })),
  });
  return d.tasks.map((t) => t.type);
}

describe('cells', () => {
  it('reads plain decimal and scientific numbers and refuses hex, infinities and words', () => {
    assert.equal(parseNumber('-1.5e3'), -1500);
    assert.equal(parseNumber('.5'), 0.5);
    assert.equal(parseNumber('7.'), 7);
    for (const bad of ['0x10', 'Infinity', 'NaN', '1,5', 'abc', '1e', ''])
      assert.equal(parseNumber(bad), undefined, bad);
  });

  it('reads 0/1, true/false, yes/no in any case, and 1.0/0.0, as binary labels', () => {
    for (const one of ['1', 'true', 'TRUE', 'Yes', '1.0']) assert.equal(parseBinary(one), 1, one);
    for (const zero of ['0', 'false', 'No', '0.0', '-0']) assert.equal(parseBinary(zero), 0, zero);
    for (const bad of ['2', 'y', 'maybe', '0.5']) assert.equal(parseBinary(bad), undefined, bad);
  });
});

describe('task type inference', () => {
  it('infers binary from 0/1, true/false and yes/no columns, and regression from other numbers', async () => {
    const types = await typesOf({
      a: ['0', '1', ''],
      b: ['true', 'False'],
      c: ['yes', 'NO', 'Yes'],
      d: ['0', '1', '2.5'],
      e: ['-3', '4e2', '17'],
    });
    assert.deepEqual(types, ['binary', 'binary', 'binary', 'regression', 'regression']);
  });

  it('keeps a declared regression type on a 0/1 column', async () => {
    assert.deepEqual(await typesOf({ a: ['0', '1'], b: ['1', '0'] }, { a: 'regression' }), [
      'regression',
      'binary',
    ]);
  });
});

describe('file format', () => {
  it('reads a CRLF file with a byte-order mark, quoted cells and blank lines', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${i},"a, ${i % 2 ? 'b' : 'c'}",${i % 2},${i % 3}`,
    );
    const file = files.write('crlf.csv', '\uFEFFx,"s",y1,y2\r\n' + rows.join('\r\n\r\n') + '\r\n');
    const d = await loadDataset({ file, tasks: [{ name: 'y1' }, { name: 'y2' }] });
    assert.deepEqual(d.featureNames, ['x', 's=a, b', 's=a, c']);
    assert.equal(d.trainRows + d.valRows, 30);
  });
});
