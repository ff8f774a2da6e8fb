import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNumericText } from '../../src/data/cells.js';
import { loadDataset, type LoadOptions } from '../../src/data/loadDataset.js';
import { UsageError } from '../../src/errors.js';
import { csvFiles, table } from './csvFiles.js';

const files = csvFiles();
const ab = [{ name: 'a' }, { name: 'b' }];

/**
 * A 60-row file with feature x (i, or `cell` on data row 20, which is on line 22) and tasks
 * a (0/1) and b (i % 7, or `label` on data row 30, line 32).
 */
function file(name: string, o: { cell?: string; word?: string; label?: string }): string {
  return files.write(
    name,
    table(['x', 'w', 'a', 'b'], 60, (i) => [
      i === 20 && o.cell !== undefined ? o.cell : i,
      i === 40 && o.word !== undefined ? o.word : `w${i % 3}`,
      i % 2,
      i === 30 && o.label !== undefined ? o.label : i % 7,
    ]),
  );
}

async function refuses(o: Partial<LoadOptions> & { file: string }, message: RegExp): Promise<void> {
  await assert.rejects(loadDataset({ tasks: ab, ...o }), (err: unknown) => {
    assert.ok(err instanceof UsageError, `not a UsageError: ${String(err)}`);
    assert.equal(err.exitCode, 2);
    assert.match(err.message, message);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
}

describe('numbers too large for a 64-bit float', () => {
  it('tells overflowing numeric text from text that is not a number', () => {
    assert.equal(parseNumericText('1e999'), Infinity);
    assert.equal(parseNumericText('-1E400'), -Infinity);
    assert.equal(parseNumericText('1e-999'), 0);
    assert.equal(parseNumericText('Infinity'), undefined);
    assert.equal(parseNumericText('1e99x'), undefined);
  });

  it('refuses 1e999 in a numeric feature, naming the file, column, line and value', async () => {
    await refuses(
      { file: file('huge.csv', { cell: '1e999' }) },
      /huge\.csv: feature "x" is numeric but line 22 has "1e999", beyond the range of a 64-bit float \(about ±1\.8e308\)$/,
    );
    await refuses(
      { file: file('minus.csv', { cell: '-2E+400' }) },
      /minus\.csv: feature "x" is numeric but line 22 has "-2E\+400"/,
    );
  });

  it('refuses the overflow in a row the loader does not keep: every row is checked', async () => {
    // With seed 0, data row 20 is the 6th training row in hash order (02-split pins the split).
    await refuses(
      { file: file('capped.csv', { cell: '1e999' }), maxTrainRows: 5, maxValRows: 2 },
      /feature "x" is numeric but line 22/,
    );
  });

  it('reads 1e999 among words as a level of a string column, which it is', async () => {
    const d = await loadDataset({ file: file('word.csv', { word: '1e999' }), tasks: ab });
    assert.ok(d.featureNames.includes('w=w0'), d.featureNames.join(' '));
    assert.ok(d.featureNames.includes('x'), 'x stays numeric');
  });

  it('reads an underflow (1e-999) as 0: a rounding, not a corruption', async () => {
    const d = await loadDataset({ file: file('tiny.csv', { cell: '1e-999' }), tasks: ab });
    assert.ok(d.featureNames.includes('x'), d.featureNames.join(' '));
  });

  it('refuses 1e999 in a task column, inferred or declared regression', async () => {
    const huge = file('label.csv', { label: '1e999' });
    await refuses(
      { file: huge },
      /label\.csv: task "b" is numeric but line 32 has "1e999", beyond the range of a 64-bit float/,
    );
    await refuses(
      { file: huge, tasks: [{ name: 'a' }, { name: 'b', type: 'regression' }] },
      /task "b" is numeric but line 32 has "1e999"/,
    );
    await refuses(
      { file: huge, tasks: [{ name: 'a' }, { name: 'b', type: 'binary' }] },
      /task "b" is binary but line 4 has "2"/,
    );
  });

  it('refuses a feature or label whose spread overflows a double while standardising', async () => {
    const wide = (name: string, column: 'x' | 'b') =>
      files.write(
        name,
        table(['x', 'a', 'b'], 60, (i) => [
          column === 'x' ? `${i % 2 ? '' : '-'}1e200` : i,
          i % 2,
          column === 'b' ? `${(i % 3) - 1}e200` : i % 7,
        ]),
      );
    await refuses(
      { file: wide('spread.csv', 'x') },
      /spread\.csv: feature "x" has values too large to standardise/,
    );
    await refuses(
      { file: wide('labels.csv', 'b') },
      /labels\.csv: task "b" has labels too large to standardise/,
    );
  });
});

describe('#14 number-like text that is not plain decimal (NaN, Infinity, 0x10)', () => {
  const cells = ['NaN', 'nan', 'Infinity', '-Infinity', 'inf', '0x10', '0b101', '0o17'];

  it('is refused in an otherwise numeric feature, naming the file, column, line and value', async () => {
    for (const cell of cells) {
      await refuses(
        { file: file(`odd-${cells.indexOf(cell)}.csv`, { cell }) },
        new RegExp(
          `feature "x" is numeric but line 22 has "${cell.replace('+', '\\+')}", not a plain decimal number \\(leave the cell empty where the value is missing\\)$`,
        ),
      );
    }
  });

  it('is refused in a task column, inferred or declared regression', async () => {
    const odd = file('odd-label.csv', { label: 'NaN' });
    for (const tasks of [ab, [{ name: 'a' }, { name: 'b', type: 'regression' as const }]]) {
      await refuses(
        { file: odd, tasks },
        /odd-label\.csv: task "b" is numeric but line 32 has "NaN", not a plain decimal number/,
      );
    }
  });

  it('is a level of a string column among words, and a column of hex ids alone stays text', async () => {
    const d = await loadDataset({ file: file('odd-word.csv', { word: 'NaN' }), tasks: ab });
    assert.ok(d.featureNames.includes('w=w0'), d.featureNames.join(' '));
    const ids = files.write(
      'hex-ids.csv',
      table(['id', 'x', 'a', 'b'], 60, (i) => [`0x${(i % 4).toString(16)}`, i, i % 2, i % 7]),
    );
    const hex = await loadDataset({ file: ids, tasks: ab });
    assert.ok(hex.featureNames.includes('id=0x1'), hex.featureNames.join(' '));
  });
});
