import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { loadReport, searchStatus, withStore } from '../../src/pipeline/inspect.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { reportFormats } from '../../src/report/index.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

const clusters = [
  [0, 1, 2],
  [3, 4],
];
const dir = tempDir();
const data = smallCsv(dir);
const config = resolveSearchConfig({ data, tasks: 't0,t1,t2,t3,t4', seeds: '2', workers: '1' });

test('every report format renders a finished search read back from the database', async () => {
  const db = join(dir, 'done.db');
  const model = await runSearch(config, db, {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters),
  });
  const loaded = withStore(db, (store) => loadReport(store, model.searchId));
  assert.deepEqual(loaded, model);
  for (const format of reportFormats) {
    const text = format
      .render(loaded)
      .map((file) => file.content)
      .join('\n');
    for (const task of ['t0', 't1', 't2', 't3', 't4'])
      assert.match(text, new RegExp(task), `${format.name} names ${task}`);
  }
});

test('the report of an interrupted search says so and is built from the runs finished so far', async () => {
  const db = join(dir, 'part.db');
  const stop = { requested: false };
  let stored = 0;
  await assert.rejects(
    runSearch(config, db, {
      stop,
      trainer: () => fakeTrainer(clusters),
      onRunStored: () => {
        if (++stored === 12) stop.requested = true;
      },
    }),
  );
  const id = withStore(db, (store) => store.searches.list()[0].id);
  const model = withStore(db, (store) => loadReport(store, id));
  assert.equal(model.status, 'interrupted');
  assert.ok(model.runs.trained >= 12 && model.runs.trained < model.runs.total);
  const status = withStore(db, (store) => searchStatus(store, id));
  assert.equal(status.runs.done, model.runs.trained);
  assert.equal(status.runs.pending, status.runs.total - status.runs.done);
  assert.ok(status.best !== null);
  for (const format of reportFormats) {
    const text = format
      .render(model)
      .map((file) => file.content)
      .join('\n');
    if (format.name !== 'csv')
      assert.match(text, /interrupted/i, `${format.name} says the search is interrupted`);
  }
});
