import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadDataset } from '../../src/data/loadDataset.js';
import type { EncodedDataset } from '../../src/data/types.js';

// The real-data examples of examples/README.md, made by examples/extract/extract.sh from Debian
// packages. These tests read the bundled files only; they never run the extraction.
const example = (name: string): string =>
  new URL(`../../examples/${name}`, import.meta.url).pathname;

/** Labelled rows with label 1, over training and validation rows, for each task. */
function positives(d: EncodedDataset): number[] {
  const T = d.tasks.length;
  return d.tasks.map((_, t) => {
    let n = 0;
    for (let r = 0; r < d.trainRows; r++) if (d.trainY[r * T + t] === 1) n++;
    for (let r = 0; r < d.valRows; r++) if (d.valY[r * T + t] === 1) n++;
    return n;
  });
}

const header = (file: string): string[] =>
  readFileSync(file, 'utf8').slice(0, 4000).split('\n')[0].split(',');

describe('examples/yeast.csv (mlr, BSD-2)', () => {
  const csv = example('yeast.csv');
  const labels = Array.from({ length: 14 }, (_, i) => `label${i + 1}`);
  const features = Array.from({ length: 103 }, (_, i) => `x${i + 1}`);

  it('has 103 numeric features then 14 label columns, under 3 MB, with its licence beside it', () => {
    assert.deepEqual(header(csv), [...features, ...labels]);
    assert.ok(statSync(csv).size < 3e6);
    assert.match(readFileSync(example('yeast.LICENSE'), 'utf8'), /BSD-2-clause/);
  });

  it('loads 2417 rows, 14 binary tasks and 103 features, with the published label counts', async () => {
    const d = await loadDataset({ file: csv, tasks: labels.map((name) => ({ name })) });
    assert.equal(d.trainRows + d.valRows, 2417);
    assert.deepEqual(
      d.tasks.map((t) => t.type),
      Array(14).fill('binary'),
    );
    assert.equal(d.dim, 103);
    assert.deepEqual(d.featureNames, features);
    // Genes per functional class in Elisseeff and Weston's data (4.24 classes per gene).
    assert.deepEqual(
      positives(d),
      [762, 1038, 983, 862, 722, 597, 428, 480, 178, 253, 289, 1816, 1799, 34],
    );
  });
});

describe('examples/nmes1988.csv (AER, GPL-2 | GPL-3)', () => {
  const csv = example('nmes1988.csv');
  const tasks = [
    'visits_log1p',
    'nvisits_log1p',
    'ovisits_log1p',
    'novisits_log1p',
    'emergency_any',
    'hospital_any',
  ];

  it('has the 13 documented features and 6 task columns, with its GPL notice beside it', () => {
    assert.deepEqual(header(csv), [
      'health',
      'chronic',
      'adl',
      'region',
      'age',
      'afam',
      'gender',
      'married',
      'school',
      'income',
      'employed',
      'insurance',
      'medicaid',
      ...tasks,
    ]);
    const notice = readFileSync(example('nmes1988.LICENSE'), 'utf8');
    assert.match(notice, /NOT under taskgroup's MIT licence/);
    assert.match(notice, /GNU GENERAL PUBLIC LICENSE\s+Version 2, June 1991/);
  });

  it('loads 4406 rows: 4 regression and 2 binary tasks, 25 encoded features', async () => {
    const d = await loadDataset({ file: csv, tasks: tasks.map((name) => ({ name })) });
    assert.equal(d.trainRows + d.valRows, 4406);
    assert.deepEqual(
      d.tasks.map((t) => t.type),
      [...Array(4).fill('regression'), 'binary', 'binary'],
    );
    // 4 numeric columns, and one-hot levels: health 3, region 4, seven yes/no or two-level columns 2 each.
    assert.equal(d.dim, 25);
    for (const name of [
      'chronic',
      'age',
      'school',
      'income',
      'health=poor',
      'region=west',
      'medicaid=yes',
    ]) {
      assert.ok(d.featureNames.includes(name), name);
    }
    // People with at least one emergency room visit, and with at least one hospital stay.
    assert.deepEqual(positives(d).slice(4), [804, 865]);
  });
});
