import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { renderCsv } from '../../src/report/csv.js';
import { shownText } from '../../src/report/escape.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadFixture } from './fixture.js';

const files = (model: ReportModel): Record<string, string[][]> =>
  Object.fromEntries(renderCsv(model).map((f) => [f.name, parse(f.content) as string[][]]));

describe('csv report', () => {
  it('writes groups.csv with one row per task and the model numbers at full precision', () => {
    const model = loadFixture('model');
    const [header, ...rows] = files(model)['groups.csv'];
    assert.deepEqual(header, [
      'task',
      'group',
      'lossAlone',
      'lossGrouped',
      'relativeLoss',
      'stderr',
      'weight',
      'measured',
      'metric',
      'metricAlone',
      'metricGrouped',
    ]);
    assert.deepEqual(
      rows,
      model.perTask.map((r) =>
        [
          r.task,
          r.group,
          r.lossAlone,
          r.lossGrouped,
          r.relativeLoss,
          r.stderr,
          r.weight,
          'yes',
          // A result stored before metrics were kept: empty cells.
          '',
          '',
          '',
        ].map(String),
      ),
    );
  });

  it('writes transfer.csv as the matrix with the tasks as header row and first column', () => {
    const model = loadFixture('model');
    const [header, ...rows] = files(model)['transfer.csv'];
    assert.deepEqual(header, ['task', ...model.transfer.tasks]);
    assert.deepEqual(
      rows.map((r) => r[0]),
      model.transfer.tasks,
    );
    assert.deepEqual(
      rows.map((r) => r.slice(1).map(Number)),
      model.transfer.matrix,
    );
    const [, ...seRows] = files(model)['transfer-stderr.csv'];
    assert.deepEqual(
      seRows.map((r) => r.slice(1).map(Number)),
      model.transfer.stderr,
    );
  });

  it('writes budgets.csv with each budget, its objective, gain, and grouping as JSON', () => {
    const model = loadFixture('model');
    const [header, ...rows] = files(model)['budgets.csv'];
    assert.deepEqual(header, [
      'budget',
      'networks',
      'objective',
      'gain',
      'chosen',
      'grouping',
      'measured',
      'stderr',
    ]);
    assert.equal(rows.length, 7);
    assert.equal(rows[0][3], '', 'no gain for one network');
    assert.equal(rows.find((r) => r[4] === 'yes')?.[0], '3');
    assert.deepEqual(JSON.parse(rows[2][5]), model.grouping);
    assert.ok(Math.abs(Number(rows[1][3]) - (0.9966 - 0.9683)) < 1e-12);
    assert.deepEqual(rows[2].slice(6), ['yes', '0.00219']);
  });

  it('writes alternatives.csv ranked, with the distance to the chosen objective', () => {
    const model = loadFixture('model');
    const [, first] = files(model)['alternatives.csv'];
    assert.equal(first[0], '1');
    assert.ok(
      Math.abs(Number(first[3]) - (model.alternatives[0].objective - model.objective)) < 1e-12,
    );
  });

  it('leaves a cell empty where a score is missing', () => {
    const model = loadFixture('interrupted');
    const rows = files(model)['transfer.csv'];
    const follow = rows.find((r) => r[0] === 'follow')!;
    assert.equal(follow[rows[0].indexOf('dwell_sec')], '');
  });

  it('quotes hostile task names so they parse back as shown (comma, quote, pipe; a line break written \\n)', () => {
    const model = loadFixture('hostile');
    const parsed = files(model);
    assert.deepEqual(
      parsed['groups.csv'].slice(1).map((r) => r[0]),
      model.perTask.map((r) => shownText(r.task)),
    );
    assert.deepEqual(parsed['transfer.csv'][0].slice(1), model.transfer.tasks.map(shownText));
    assert.deepEqual(
      parsed['transfer.csv'].slice(1).map((r) => r[0]),
      model.transfer.tasks.map(shownText),
    );
    const raw = renderCsv(model).find((f) => f.name === 'groups.csv')!.content;
    assert.match(raw, /^"a,b",1,/m);
    assert.match(raw, /^"""&'",0,/m);
    assert.match(raw, /^line\\nbreak,1,/m);
    assert.deepEqual(JSON.parse(parsed['budgets.csv'][3][5]), model.grouping);
  });

  it('writes task names a spreadsheet would run as formulas as text, with a leading apostrophe', () => {
    const model = loadFixture('hostile');
    const names = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)'];
    const rename = (task: string) => names[model.tasks.indexOf(task)] ?? task;
    const hostile: ReportModel = {
      ...model,
      perTask: model.perTask.map((row) => ({ ...row, task: rename(row.task) })),
      transfer: { ...model.transfer, tasks: model.transfer.tasks.map(rename) },
    };
    const parsed = files(hostile);
    const shown = parsed['groups.csv'].slice(1).map((r) => r[0]);
    for (const name of names.slice(0, model.tasks.length))
      assert.ok(shown.includes(`'${name}`), `${name} as text: ${shown}`);
    assert.ok(parsed['transfer.csv'][0].slice(1).every((name) => !/^[=+\-@]/.test(name)));
    assert.ok(
      parsed['groups.csv']
        .slice(1)
        .every((r) =>
          r
            .slice(1)
            .every((v) => v === '' || v === 'yes' || v === 'no' || Number.isFinite(Number(v))),
        ),
      'numbers, negative ones too, stay numbers',
    );
  });
});
