import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import type { SearchProgress } from '../../src/pipeline/searchProgress.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

const dir = tempDir();
const data = smallCsv(dir);
const clusters = [
  [0, 1, 2],
  [3, 4],
];

/** Runs a search of the small data with `budget`, keeping what its hooks heard. */
async function watched(db: string, budget: string) {
  const config = resolveSearchConfig({ data, tasks: 't0,t1,t2,t3,t4', seeds: '2', budget });
  const heard: SearchProgress[] = [];
  let started = 0;
  const model = await runSearch(config, db, {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters),
    onStart: (info) => (started = info.total),
    onProgress: (p) => heard.push(p),
  });
  return { model, heard, started };
}

/** Checks what every search's progress promises, whatever its rounds. */
function assertSteady(heard: SearchProgress[], started: number, total: number) {
  heard.reduce((before, p) => {
    assert.ok(p.total >= before.total, `total fell from ${before.total} to ${p.total}`);
    assert.ok(p.done + p.failed >= before.done + before.failed, 'finished runs fell');
    assert.ok(p.stage.round >= before.stage.round, 'rounds go forward');
    return p;
  });
  assert.equal(heard[0].stage.total, started, 'the first stage is the runs the start announced');
  const last = heard.at(-1)!;
  assert.equal(last.total, total, 'the last total is the result’s');
  assert.equal(last.done + last.failed, total);
}

test('the progress of a search only grows across verification rounds and ends at the run count of its result', async () => {
  const { model, heard, started } = await watched(join(dir, 'grow.db'), '2');
  assert.ok(heard.at(-1)!.stage.round >= 1, 'the search verified at least one round');
  assert.ok(model.runs.total > started, 'verification planned runs besides the first ones');
  assertSteady(heard, started, model.runs.total);
});

test('a verification round whose runs are cached counts them: the progress still ends at the result’s run count', async () => {
  const db = join(dir, 'cached.db');
  await watched(db, '2'); // trains the groups that budget 3 will verify again from the cache
  const { model, heard, started } = await watched(db, '3');
  assert.equal(model.runs.trained, 0);
  assert.ok(heard.at(-1)!.stage.round >= 1);
  assertSteady(heard, started, model.runs.total);
});
