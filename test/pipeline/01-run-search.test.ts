import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { runSearch, resumeSearch } from '../../src/pipeline/runSearch.js';
import { initialSubsets } from '../../src/decide/initialSubsets.js';
import { methodNamed } from '../../src/decide/methods/index.js';
import { planSubsets, runKey } from '../../src/pipeline/plan.js';
import { KERNELS_IDENTITY } from '../../src/proxy/trainers/index.js';
import { openStore } from '../../src/store/index.js';
import { searchSummary } from '../../src/cli/summary.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

const clusters = [
  [0, 1, 2],
  [3, 4],
];
const configFor = (data: string, extra: Record<string, string> = {}, verify = true) =>
  resolveSearchConfig({
    data,
    tasks: 't0,t1,t2,t3,t4',
    seeds: '2',
    workers: '2',
    verify,
    ...extra,
  });

// 2 seeds × (5 singles + 10 pairs + the all-in-one network), and the MMoE baseline once per
// seed, then the group of three that active verification finds promising, once per seed.
const pairsPlan = 2 * (5 + 10 + 1);
const baseline = 2;
const total = pairsPlan + baseline + 2;

test('a search plans N singles, N(N-1)/2 pairs and the all-in-one network per seed and recovers planted clusters', async () => {
  const dir = tempDir();
  const trainer = fakeTrainer(clusters);
  const model = await runSearch(configFor(smallCsv(dir)), join(dir, 't.db'), {
    stop: { requested: false },
    trainer: () => trainer,
  });
  assert.equal(model.runs.total, total);
  assert.equal(model.runs.trained, total);
  assert.equal(model.runs.cached, 0);
  assert.deepEqual(model.grouping, [
    ['t0', 't1', 't2'],
    ['t3', 't4'],
  ]);
  assert.ok(model.objective < 1);
  assert.equal(model.baselines.allSeparate, 1);
  assert.equal(model.baselines.byBudget.length, 5);
  assert.ok(model.transfer.matrix[0][1] > 0.09 && model.transfer.matrix[0][3] < 0);
  assert.equal(model.status, 'done');
  assert.equal(model.perTask[0].measured, true, 'the group of three was trained for real');
});

test('when the all-in-one network disappoints, larger groups are priced down and no group of three survives, verified or not', async () => {
  const dir = tempDir();
  const trainer = fakeTrainer(clusters, { groupPenalty: 1.3 });
  const model = await runSearch(configFor(smallCsv(dir)), join(dir, 't.db'), {
    stop: { requested: false },
    trainer: () => trainer,
  });
  assert.ok(trainer.trained.length >= pairsPlan, 'the all-in-one network was trained');
  assert.equal(model.baselines.allTogetherMeasured, true);
  assert.ok(
    model.baselines.allTogether > 1.1,
    `all together is measured as bad as it is: ${model.baselines.allTogether}`,
  );
  assert.ok(
    model.grouping.every((group) => group.length <= 2),
    `no group of three survives: ${JSON.stringify(model.grouping)}`,
  );
  assert.equal(model.objectiveKind, 'measured');
  const unverified = await runSearch(
    configFor(smallCsv(tempDir()), {}, false),
    join(dir, 'nv.db'),
    {
      stop: { requested: false },
      trainer: () => fakeTrainer(clusters, { groupPenalty: 1.3 }),
    },
  );
  assert.equal(
    unverified.runs.total,
    pairsPlan + baseline,
    '--no-verify trains singles, pairs, the all-in-one network and the MMoE baseline only',
  );
  assert.equal(unverified.certificate.basis, 'estimate');
  assert.ok(
    unverified.grouping.every((group) => group.length <= 2),
    'the correction learned from the all-in-one network applies without verification too',
  );
});

test('when larger groups beat their pair estimate, verification finds the planted group of three', async () => {
  const dir = tempDir();
  const trainer = fakeTrainer(clusters, { groupPenalty: 0.97 });
  const model = await runSearch(configFor(smallCsv(dir)), join(dir, 't.db'), {
    stop: { requested: false },
    trainer: () => trainer,
  });
  assert.ok(trainer.trained.length > pairsPlan + baseline, 'groups of three were trained');
  assert.deepEqual(model.grouping, [
    ['t0', 't1', 't2'],
    ['t3', 't4'],
  ]);
  assert.equal(model.objectiveKind, 'measured');
  assert.equal(model.certificate.status, 'certified');
});

test('a new search of the same question (--new) trains nothing and gives the same grouping', async () => {
  const dir = tempDir();
  const db = join(dir, 't.db');
  const data = smallCsv(dir);
  const first = await runSearch(configFor(data, { budget: '2' }), db, {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters),
  });
  const again = fakeTrainer(clusters);
  const second = await runSearch(
    configFor(data, { budget: '2' }),
    db,
    { stop: { requested: false }, trainer: () => again },
    { fresh: true },
  );
  assert.equal(again.trained.length, 0);
  assert.equal(second.runs.trained, 0);
  assert.equal(second.runs.cached, second.runs.total);
  assert.notEqual(second.searchId, first.searchId);
  const strip = (m: typeof first) =>
    JSON.stringify({
      ...m,
      searchId: '',
      elapsedSec: 0,
      runs: {},
      facts: { ...m.facts, createdAt: '', finishedAt: '' },
    });
  assert.equal(strip(second), strip(first));
});

test('a budget limits the number of networks', async () => {
  const dir = tempDir();
  const model = await runSearch(configFor(smallCsv(dir), { budget: '1' }), join(dir, 't.db'), {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters),
  });
  assert.equal(model.grouping.length, 1);
  assert.equal(model.objective, model.baselines.allTogether);
});

test('a run that throws is retried, and one that always throws is recorded failed while the search finishes', async () => {
  const dir = tempDir();
  const data = smallCsv(dir);
  const config = configFor(data);
  // Keys depend on the data fingerprint, so find them through a first plan of the same data.
  const probe = await runSearch(config, join(dir, 'probe.db'), {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters),
  });
  const keys = openStore(join(dir, 'probe.db'))
    .searches.planned(probe.searchId)
    .map((r) => r.key);
  const failKeys = new Map([
    [keys[3], 1],
    [keys[20], 99],
  ]);
  const trainer = fakeTrainer(clusters, { failKeys });
  const model = await runSearch(config, join(dir, 'f.db'), {
    stop: { requested: false },
    trainer: () => trainer,
  });
  assert.equal(model.runs.failed, 1);
  assert.equal(model.failures?.length, 1);
  assert.match(model.failures![0].error, /planted failure/);
  assert.equal(model.runs.trained, model.runs.total - 1);
  assert.ok(trainer.trained.includes(keys[3]), 'the flaky run succeeded on retry');
  const failed = openStore(join(dir, 'f.db')).runs.find(keys[20])!;
  assert.equal(failed.status, 'failed');
  assert.equal(failed.attempts, 3);
  assert.match(failed.error!, /planted failure/);
});

test('an interrupted search keeps its finished runs and resume finishes with the uninterrupted answer', async () => {
  const dir = tempDir();
  const data = smallCsv(dir);
  const db = join(dir, 'i.db');
  const stop = { requested: false };
  let stored = 0;
  await assert.rejects(
    runSearch(configFor(data), db, {
      stop,
      trainer: () => fakeTrainer(clusters, { delayMs: 5 }),
      onRunStored: () => {
        if (++stored === 7) stop.requested = true;
      },
    }),
    (error: Error & { exitCode?: number }) =>
      error.exitCode === 130 && /taskgroup resume/.test(error.message),
  );
  const store = openStore(db);
  const [search] = store.searches.list();
  assert.equal(search.status, 'interrupted');
  const done = store.searches.planned(search.id).filter((r) => r.status === 'done').length;
  assert.ok(done >= 7 && done < pairsPlan);
  assert.equal(store.searches.planned(search.id).filter((r) => r.status === 'running').length, 0);
  store.close();

  const resumedTrainer = fakeTrainer(clusters);
  const resumed = await resumeSearch(search.id, db, {
    stop: { requested: false },
    trainer: () => resumedTrainer,
  });
  const fresh = await runSearch(configFor(data), join(dir, 'fresh.db'), {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters),
  });
  assert.equal(
    resumedTrainer.trained.length,
    fresh.runs.total - done,
    'no finished run trained again',
  );
  assert.deepEqual(resumed.grouping, fresh.grouping);
  assert.equal(resumed.objective, fresh.objective);
  assert.equal(resumed.runs.trained, fresh.runs.total);
});

test("a run key depends on the fingerprint, the task set (not its order), the settings, the seed and the trainer's numbers", () => {
  const settings = configFor('x.csv').proxy;
  const key = runKey('fp', ['b', 'a'], settings, 0);
  assert.equal(key, runKey('fp', ['a', 'b'], settings, 0));
  assert.notEqual(key, runKey('fp2', ['a', 'b'], settings, 0));
  assert.notEqual(key, runKey('fp', ['a', 'b'], { ...settings, epochs: settings.epochs + 1 }, 0));
  assert.notEqual(key, runKey('fp', ['a', 'b'], settings, 1));
  // The kernels' identity is the one every key had before trainers had one: it leaves the key as it was.
  assert.equal(key, runKey('fp', ['a', 'b'], settings, 0, KERNELS_IDENTITY));
  assert.notEqual(key, runKey('fp', ['a', 'b'], settings, 0, 'tfjs-cpu@4.22.0'));
  // Per seed: 3 singles, 3 pairs and the all-in-one network.
  const basis = {
    fingerprint: 'fp',
    taskNames: ['a', 'b', 'c'],
    settings,
    trainer: KERNELS_IDENTITY,
  };
  assert.equal(
    planSubsets(basis, [0, 1], initialSubsets(methodNamed('pairs'), 3, false)).length,
    14,
  );
});

test('nothing resting on an estimate is called optimal: a capped search says the cap stopped it, and its answer is measured', async () => {
  const dir = tempDir();
  // Groups of three or more beat their pairs, so the loop wants to measure more than one group.
  // --max-runs 1 with 2 seeds leaves room for no group beyond the all-in-one network.
  const model = await runSearch(configFor(smallCsv(dir), { maxRuns: '1' }), join(dir, 't.db'), {
    stop: { requested: false },
    trainer: () => fakeTrainer(clusters, { groupPenalty: 0.9 }),
  });
  assert.equal(model.optimal, false);
  assert.equal(model.certificate.basis, 'verified');
  assert.equal(model.certificate.status, 'run cap');
  assert.equal(
    model.objectiveKind,
    'measured',
    'the answer is a grouping whose every network was trained',
  );
  assert.ok(model.perTask.every((row) => row.measured));
  const summary = searchSummary(model);
  assert.doesNotMatch(summary, /optimal|proven/i);
  assert.match(summary, /the run cap stopped the search/);
});
