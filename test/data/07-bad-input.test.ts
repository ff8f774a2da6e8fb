import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { loadDataset, type LoadOptions } from '../../src/data/loadDataset.js';
import { csvFiles, fixture, table } from './csvFiles.js';

const files = csvFiles();
const good = files.write(
  'good.csv',
  table(['x', 's', 'a', 'b'], 30, (i) => [i, ['p', 'q'][i % 2], i % 2, i % 7]),
);
const ab = [{ name: 'a' }, { name: 'b' }];

/** Loading must fail with a one-line UsageError (exit code 2) whose message matches. */
async function rejects(o: Partial<LoadOptions>, message: RegExp): Promise<void> {
  await assert.rejects(loadDataset({ file: good, tasks: ab, ...o }), (err: unknown) => {
    assert.ok(err instanceof UsageError, `not a UsageError: ${String(err)}`);
    assert.equal(err.exitCode, 2);
    assert.match(err.message, message);
    assert.doesNotMatch(err.message, /\n/, 'the message must be one line');
    return true;
  });
}

const write = (name: string, text: string) => files.write(name, text);
// Validation rows of a 30-row file with the default split (seed 0, 0.2): see 02-split.
const VAL_ROWS = new Set([5, 9, 13, 18, 25]);

describe('bad input: the file', () => {
  it('names a missing file', () =>
    rejects({ file: `${files.dir}/nope.csv` }, /nope\.csv: data file not found$/));

  it('refuses a directory', () => rejects({ file: files.dir }, /not a regular file/));

  it(
    'refuses an unreadable file',
    { skip: process.getuid?.() === 0 && 'root reads everything' },
    async () => {
      const locked = write('locked.csv', 'x,a,b\n1,0,1\n');
      chmodSync(locked, 0o000);
      await rejects({ file: locked }, /locked\.csv: data file cannot be read/);
    },
  );

  it('refuses an empty file', () =>
    rejects({ file: write('empty.csv', '') }, /empty\.csv: the file is empty \(no header row\)/));

  it('refuses a header with no data rows', () =>
    rejects(
      { file: write('header.csv', 'x,a,b\n\n') },
      /header\.csv: the file has a header but no data rows/,
    ));

  it('names the line and field counts of a ragged row', () =>
    rejects(
      { file: fixture('ragged.csv') },
      /ragged\.csv: line 4 has 2 fields, the header has 4$/,
    ));

  it('names the line of an unclosed quote', () =>
    rejects(
      { file: write('quote.csv', 'x,a,b\n1,0,1\n"2,1,0\n') },
      /quote\.csv: malformed CSV at line \d+: .*[Qq]uote/,
    ));

  it('#19 names the line where an unclosed quote opened, not the last line of the file', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i},${i % 2},${i % 3}`);
    rows[6] = `"${rows[6]}`; // line 8: the header is line 1
    rows.splice(3, 0, ''); // an empty line before it: the quote is on line 9 now
    await rejects(
      { file: write('late-quote.csv', ['x,a,b', ...rows].join('\n') + '\n') },
      /late-quote\.csv: malformed CSV at line 9: a quote opened on this line is never closed$/,
    );
    await rejects(
      { file: write('header-quote.csv', 'x,"a,b\n1,0,1\n2,1,0\n') },
      /header-quote\.csv: malformed CSV at line 1: a quote opened on this line is never closed$/,
    );
  });

  it('refuses a header naming a column twice, or a column with no name', async () => {
    await rejects(
      { file: write('twice.csv', 'x,a,x,b\n1,0,1,1\n') },
      /column "x" appears twice in the header/,
    );
    await rejects(
      { file: write('noname.csv', 'x,,a,b\n1,0,1,1\n') },
      /header column 2 has no name/,
    );
  });
});

describe('bad input: tasks', () => {
  it('refuses fewer than 2 tasks', async () => {
    await rejects({ tasks: [{ name: 'a' }] }, /at least 2 tasks are needed, got a$/);
    await rejects({ tasks: [] }, /at least 2 tasks are needed, got none/);
  });

  it('refuses a task given twice', () =>
    rejects({ tasks: [{ name: 'a' }, { name: 'a' }] }, /task "a" is given twice/));

  it('refuses an unknown task type', () =>
    rejects(
      { tasks: [{ name: 'a', type: 'ordinal' as never }, { name: 'b' }] },
      /task "a" has unknown type "ordinal"/,
    ));

  it('names an unknown task column and lists columns the file has', () =>
    rejects(
      { tasks: [{ name: 'a' }, { name: 'clik' }] },
      /good\.csv: unknown task column "clik"; the file has x, s, a, b$/,
    ));

  it('names the column, value and line of a binary task with other values', () =>
    rejects(
      {
        file: fixture('bad-binary.csv'),
        tasks: [{ name: 'click', type: 'binary' }, { name: 'like' }],
      },
      /bad-binary\.csv: task "click" is binary but line 4 has "2" \(binary labels are 0\/1, true\/false, yes\/no\)/,
    ));

  it('names the value and line of a task that is neither binary nor numeric', () =>
    rejects(
      { file: fixture('bad-binary.csv'), tasks: [{ name: 'click' }, { name: 'like' }] },
      /task "like" is neither binary .* nor numeric: line 2 has "maybe"/,
    ));

  it('names the value and line of a declared regression task with a word', () =>
    rejects(
      {
        file: fixture('bad-binary.csv'),
        tasks: [{ name: 'click' }, { name: 'like', type: 'regression' }],
      },
      /task "like" is regression but line 2 has "maybe" \(not a number\)/,
    ));

  it('refuses a task column with no labels', () =>
    rejects(
      {
        file: write(
          'nolabels.csv',
          table(['x', 'a', 'b'], 20, (i) => [i, i % 2, '']),
        ),
      },
      /nolabels\.csv: task column "b" has no labels/,
    ));

  it('refuses a constant label, binary or regression', async () => {
    await rejects(
      {
        file: write(
          'const1.csv',
          table(['x', 'a', 'b'], 20, (i) => [i, 'yes', i % 3]),
        ),
      },
      /task "a" has a constant label \(every labelled row is "yes"\)/,
    );
    await rejects(
      {
        file: write(
          'const2.csv',
          table(['x', 'a', 'b'], 20, (i) => [i, i % 2, i % 4 ? '5' : '']),
        ),
      },
      /task "b" has a constant label/,
    );
  });

  it('refuses a regression label that is constant on the training split', () =>
    rejects(
      {
        file: write(
          'trainconst.csv',
          table(['x', 'a', 'b'], 30, (i) => [i, i % 2, VAL_ROWS.has(i) ? i : 4]),
        ),
      },
      /task "b" has a constant label on the training split/,
    ));

  it('refuses a split side with no label for a task', async () => {
    await rejects(
      {
        file: write(
          'noval.csv',
          table(['x', 'a', 'b'], 30, (i) => [i, i % 2, VAL_ROWS.has(i) ? '' : i % 3]),
        ),
      },
      /the validation split \(5 rows\) has no label for task "b"/,
    );
    await rejects(
      {
        file: write(
          'notrain.csv',
          table(['x', 'a', 'b'], 30, (i) => [i, i % 2, VAL_ROWS.has(i) ? i % 3 : '']),
        ),
      },
      /the training split \(25 rows\) has no label for task "b"/,
    );
  });
});

describe('bad input: features and knobs', () => {
  it('names an unknown feature or exclude column', async () => {
    await rejects({ features: ['x', 'y'] }, /unknown feature column "y"; the file has x, s, a, b/);
    await rejects({ exclude: ['zz'] }, /unknown exclude column "zz"/);
  });

  it('refuses a task listed as a feature', () =>
    rejects({ features: ['x', 'a'] }, /column "a" is a task; it cannot also be a feature/));

  it('refuses a load with no feature columns left', async () => {
    await rejects(
      { exclude: ['x', 's'] },
      /no feature columns left after removing tasks and exclusions/,
    );
    await rejects(
      {
        file: write(
          'flat.csv',
          table(['x', 'a', 'b'], 20, (i) => [3, i % 2, i % 3]),
        ),
      },
      /flat\.csv: no feature columns left: every feature is constant on the training split/,
    );
  });

  it('names an encoding knob out of range', async () => {
    await rejects({ valFraction: 1 }, /valFraction must be between 0 and 1/);
    await rejects({ splitSeed: -1 }, /splitSeed must be an integer/);
    await rejects({ oneHotMaxLevels: 1.5 }, /oneHotMaxLevels must be a non-negative integer/);
    await rejects({ hashBuckets: 0 }, /hashBuckets must be a positive integer/);
    await rejects({ maxTrainRows: 0 }, /maxTrainRows must be a positive integer, got 0/);
    await rejects({ maxValRows: 2.5 }, /maxValRows must be a positive integer, got 2.5/);
  });
});
