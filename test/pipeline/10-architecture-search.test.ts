import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveSearchConfig, type SearchFlags } from '../../src/config/searchConfig.js';
import { withStore } from '../../src/pipeline/inspect.js';
import { runKey } from '../../src/pipeline/plan.js';
import { resumeSearch, runSearch } from '../../src/pipeline/runSearch.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// `search --architecture mmoe` answers "which tasks should share an MMoE": every run of the
// search is an MMoE over its subset, keyed apart from the shared bottom's runs, with no MMoE
// baseline beside it; cache, resume and the exhaustive truth work as for shared bottoms.

const clusters = [
  [0, 1, 2],
  [3, 4],
];
const configFor = (data: string, extra: Partial<SearchFlags> = {}) =>
  resolveSearchConfig({ data, tasks: 't0,t1,t2,t3,t4', seeds: '2', workers: '2', ...extra });
const hooks = (trainer: ReturnType<typeof fakeTrainer>, extra = {}) => ({
  stop: { requested: false },
  trainer: () => trainer,
  ...extra,
});

test("a shared-bottom run keeps the key it had before architectures had names; an MMoE run's key holds its experts", () => {
  const settings = configFor('x.csv').proxy;
  assert.equal(runKey('fp', ['a', 'b'], settings, 0), '0b826a2015e74338edd43f16c9f742a1');
  const mmoe = (experts: number) =>
    runKey('fp', ['a', 'b'], settings, 0, undefined, undefined, { name: 'mmoe', experts });
  assert.notEqual(mmoe(4), runKey('fp', ['a', 'b'], settings, 0));
  assert.notEqual(mmoe(4), mmoe(3));
});

test('an MMoE search trains every subset as an MMoE, none of the shared bottom, and no MMoE baseline', async () => {
  const dir = tempDir();
  const data = smallCsv(dir);
  const db = join(dir, 't.db');
  const shared = await runSearch(configFor(data), db, hooks(fakeTrainer(clusters)));
  const trainer = fakeTrainer(clusters, { mmoe: 0.98 });
  const model = await runSearch(
    configFor(data, { architecture: 'mmoe', experts: '3' }),
    db,
    hooks(trainer),
  );
  assert.ok(
    trainer.specs.every(
      (spec) => JSON.stringify(spec.architecture) === '{"name":"mmoe","experts":3}',
    ),
  );
  // Nothing of the shared-bottom search is reused: not its singles, not its MMoE baseline (4
  // experts, every task), whose tasks the MMoE search's all-in-one network shares.
  assert.equal(model.runs.cached, 0);
  assert.equal(model.runs.trained, model.runs.total);
  assert.equal('mmoe' in model.baselines, false);
  assert.deepEqual(model.facts.architecture, { name: 'mmoe', experts: 3 });
  assert.deepEqual(shared.facts.architecture, { name: 'shared-bottom' });
  assert.deepEqual(model.grouping, [
    ['t0', 't1', 't2'],
    ['t3', 't4'],
  ]);
  // The planted MMoE factor 0.98 on every run of two or more tasks: measured, not estimated.
  assert.ok(model.objective < shared.objective);
  assert.equal(model.objectiveKind, 'measured');
});

test('an MMoE search again trains nothing and gives the same answer', async () => {
  const dir = tempDir();
  const data = smallCsv(dir);
  const db = join(dir, 't.db');
  const config = configFor(data, { architecture: 'mmoe' });
  const first = await runSearch(config, db, hooks(fakeTrainer(clusters)));
  const again = fakeTrainer(clusters);
  // A search of its own (`--new`): the same question again would be the same search, as stored.
  const second = await runSearch(config, db, hooks(again), { fresh: true });
  assert.notEqual(second.searchId, first.searchId);
  assert.equal(again.trained.length, 0);
  assert.equal(second.runs.cached, second.runs.total);
  assert.deepEqual(second.grouping, first.grouping);
  assert.equal(second.objective, first.objective);
});

test('an interrupted MMoE search resumes as MMoE runs and ends as an uninterrupted one', async () => {
  const dir = tempDir();
  const data = smallCsv(dir);
  const db = join(dir, 't.db');
  const config = configFor(data, { architecture: 'mmoe' });
  const stop = { requested: false };
  let stored = 0;
  await assert.rejects(
    runSearch(config, db, {
      stop,
      trainer: () => fakeTrainer(clusters),
      onRunStored: () => void (++stored === 9 && (stop.requested = true)),
    }),
    /interrupted/,
  );
  const id = withStore(db, (store) => store.searches.list()[0].id);
  const resumer = fakeTrainer(clusters);
  const resumed = await resumeSearch(id, db, hooks(resumer));
  assert.ok(resumer.trained.length > 0);
  assert.ok(resumer.specs.every((spec) => spec.architecture?.name === 'mmoe'));
  const fresh = await runSearch(config, join(dir, 'fresh.db'), hooks(fakeTrainer(clusters)));
  assert.deepEqual(resumed.grouping, fresh.grouping);
  assert.equal(resumed.objective, fresh.objective);
  assert.equal(resumed.runs.total, fresh.runs.total);
});

test('an exhaustive MMoE search is the truth of MMoE searches of the same data, and not of shared-bottom ones', async () => {
  const dir = tempDir();
  const data = smallCsv(dir);
  const db = join(dir, 't.db');
  const small = { tasks: 't0,t1,t2,t3' };
  const truth = await runSearch(
    configFor(data, { ...small, architecture: 'mmoe', exhaustive: true }),
    db,
    hooks(fakeTrainer(clusters)),
  );
  assert.equal(truth.runs.total, 2 * 15, 'every subset of 4 tasks, per seed, no baseline');
  assert.equal(truth.optimal, true);
  const trainer = fakeTrainer(clusters);
  const gated = await runSearch(
    configFor(data, { ...small, architecture: 'mmoe' }),
    db,
    hooks(trainer),
  );
  assert.equal(trainer.trained.length, 0, 'every run is the exhaustive search’s');
  assert.equal(gated.truth?.searchId, truth.searchId);
  assert.equal(gated.truth?.regret, 0);
  const shared = await runSearch(configFor(data, small), db, hooks(fakeTrainer(clusters)));
  assert.equal(shared.truth, undefined, 'MMoE runs are no truth for shared bottoms');
});
