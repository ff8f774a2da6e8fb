import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { runSearch, resumeSearch } from '../../src/pipeline/runSearch.js';
import type { RunSpec } from '../../src/proxy/types.js';
import type { ReportModel } from '../../src/report/model.js';
import { openStore } from '../../src/store/index.js';
import { plantedAuxTruth, plantedAuxTruthWith } from '../helpers/auxPlanted.js';
import { tempDir } from '../helpers/tempDir.js';
import { sixTaskCsv, truthTrainer } from '../helpers/truthTrainer.js';

// Planted auxiliaries (test/helpers/auxPlanted.ts): t0 and t1 main; t2 and t3 share t0's
// factor; t4 and t5 are unrelated. The fake trainer's losses follow the planted truth.

const configFor = (data: string, extra: Record<string, string | boolean> = {}) =>
  resolveSearchConfig({
    data,
    tasks: 't0,t1,t2,t3,t4,t5',
    aux: 't2,t3,t4,t5',
    seeds: '2',
    workers: '1',
    ...extra,
  });

async function search(
  dir: string,
  extra: Record<string, string | boolean> = {},
  truth = plantedAuxTruth,
) {
  const trainer = truthTrainer((t, tasks) => truth(t, tasks));
  const model = await runSearch(configFor(sixTaskCsv(dir), extra), join(dir, 't.db'), {
    stop: { requested: false },
    trainer: () => trainer,
  });
  return { model, trainer };
}

/** The runs of a seed that hold both a main and an auxiliary task, by their tasks. */
const mixed = (specs: RunSpec[]) =>
  specs.filter((s) => s.tasks.some((t) => t < 2) && s.tasks.some((t) => t >= 2));

test('an auxiliary search keeps the main tasks in grouping and gives each network its helpful auxiliaries only', async () => {
  for (const budget of [undefined, '1']) {
    const { model } = await search(tempDir(), budget ? { budget } : {});
    const expected: Pick<ReportModel, 'grouping' | 'auxiliaries'> = budget
      ? { grouping: [['t0', 't1']], auxiliaries: [['t2', 't3']] }
      : { grouping: [['t0'], ['t1']], auxiliaries: [['t2', 't3'], []] };
    assert.deepEqual(model.grouping, expected.grouping, `budget ${budget}`);
    assert.deepEqual(model.auxiliaries, expected.auxiliaries, `budget ${budget}`);
    assert.equal(model.objectiveKind, 'measured');
    assert.deepEqual(
      model.perTask.map((row) => row.task),
      ['t0', 't1'],
      'only main tasks are scored',
    );
  }
});

test('with --architecture mmoe every network of main and auxiliary tasks is an MMoE, and none is a baseline', async () => {
  const { model, trainer } = await search(tempDir(), { architecture: 'mmoe' });
  assert.deepEqual(model.grouping, [['t0'], ['t1']]);
  assert.deepEqual(model.auxiliaries, [['t2', 't3'], []]);
  for (const spec of trainer.trained) assert.equal(spec.architecture?.name, 'mmoe');
  assert.equal(model.baselines.mmoe, undefined);
});

test('the plan trains each main task alone, main pairs, main and auxiliary pairs and the all-in-one network', async () => {
  const { model, trainer } = await search(tempDir(), { verify: false });
  const perSeed = 2 + 1 + 2 * 4 + 1;
  // Beside them, the MMoE baseline: one MMoE over every task per seed.
  assert.equal(model.runs.total, 2 * perSeed + 2);
  const subsets = trainer.trained.filter((s) => s.seed === 0).map((s) => s.tasks.join(','));
  assert.ok(!subsets.includes('2') && !subsets.includes('2,3'), 'no auxiliary alone or paired');
  assert.ok(subsets.includes('0,1,2,3,4,5'));
});

test('each chosen auxiliary has a measured gain, the unrelated ones are listed as hurting', async () => {
  const { model } = await search(tempDir());
  const effects = model.auxiliaryEffects!;
  assert.equal(effects.length, 2);
  const [first] = effects;
  assert.deepEqual(
    first.chosen.map((e) => [e.task, e.measured]),
    [
      ['t2', true],
      ['t3', true],
    ],
  );
  for (const e of first.chosen) assert.ok(e.gain > 0.005, `${e.task} helps: ${e.gain}`);
  assert.deepEqual(first.hurting.map((e) => e.task).sort(), ['t4', 't5']);
  assert.ok(first.oneMore && first.oneMore.gain < 0, 'one more auxiliary buys nothing');
});

test('with --aux-balance metabalance the runs holding a main and an auxiliary task are balanced and keyed apart', async () => {
  const dir = tempDir();
  const plain = await search(dir, { verify: false });
  const balanced = await search(dir, { verify: false, auxBalance: 'metabalance' });
  const keys = (specs: RunSpec[]) => new Set(specs.map((s) => s.key));
  const plainKeys = keys(plain.trainer.trained);
  for (const spec of balanced.trainer.trained) {
    const isMixed = mixed([spec]).length === 1;
    assert.equal(spec.auxBalance !== undefined, isMixed, `run ${spec.tasks}`);
    if (isMixed) {
      assert.equal(spec.auxBalance!.ratio, 0.7);
      assert.deepEqual(
        spec.auxBalance!.aux,
        spec.tasks.filter((t) => t >= 2),
      );
    }
  }
  // The main tasks alone and their pairs are found in the cache, and the MMoE baseline (never
  // balanced: its experts sit behind per-task gates); every balanced run is new.
  assert.equal(balanced.model.runs.cached, 2 * 2 + 2 * 1 + 2);
  for (const spec of balanced.trainer.trained) assert.ok(!plainKeys.has(spec.key));
  assert.equal(balanced.model.facts.auxBalance, 'metabalance:0.7');
});

test('with balancing that evens the auxiliaries out the search still picks the helpful ones', async () => {
  // Balanced runs: an unrelated auxiliary costs a third as much, a helpful one helps as before.
  const dir = tempDir();
  const balanced = plantedAuxTruthWith(0.002);
  const trainer = truthTrainer((t, tasks, spec) =>
    spec.auxBalance ? balanced(t, tasks) : plantedAuxTruth(t, tasks),
  );
  const model = await runSearch(
    configFor(sixTaskCsv(dir), { auxBalance: 'metabalance:0.5' }),
    join(dir, 't.db'),
    { stop: { requested: false }, trainer: () => trainer },
  );
  assert.deepEqual(model.auxiliaries, [['t2', 't3'], []]);
  assert.ok(trainer.trained.some((s) => s.auxBalance?.ratio === 0.5));
});

test("an auxiliary search's MMoE baseline trains every task and scores the main tasks only", async () => {
  const dir = tempDir();
  // In the MMoE the main tasks do better than alone, the auxiliaries far worse: counted, they
  // would swamp the objective, and having no run alone they would leave it unknown.
  const trainer = truthTrainer((t, tasks, spec) =>
    spec.architecture ? [0.9, 0.95, 5, 5, 5, 5][t] : plantedAuxTruth(t, tasks),
  );
  const model = await runSearch(configFor(sixTaskCsv(dir), { verify: false }), join(dir, 't.db'), {
    stop: { requested: false },
    trainer: () => trainer,
  });
  const mmoeRuns = trainer.trained.filter((s) => s.architecture);
  assert.equal(mmoeRuns.length, 2);
  for (const run of mmoeRuns) {
    assert.deepEqual(run.tasks, [0, 1, 2, 3, 4, 5]);
    assert.equal(run.auxBalance, undefined);
  }
  const mmoe = model.baselines.mmoe!;
  assert.equal(mmoe.measured, true);
  assert.ok(Math.abs(mmoe.objective! - (0.9 + 0.95) / 2) < 0.002, `${mmoe.objective}`);
});

test('an auxiliary search rerun trains nothing, and resume of a done search returns it as stored', async () => {
  const dir = tempDir();
  const first = await search(dir);
  const again = await search(dir);
  assert.equal(again.trainer.trained.length, 0);
  assert.deepEqual(again.model.auxiliaries, first.model.auxiliaries);
  const resumed = await resumeSearch(first.model.searchId, join(dir, 't.db'), {
    stop: { requested: false },
    trainer: () => truthTrainer(plantedAuxTruth),
  });
  assert.deepEqual(resumed.auxiliaries, first.model.auxiliaries);
  const store = openStore(join(dir, 't.db'));
  try {
    const record = store.searches.find(first.model.searchId)!.config as {
      study: { aux: string[] };
    };
    assert.deepEqual(record.study.aux, ['t2', 't3', 't4', 't5']);
  } finally {
    store.close();
  }
});

test('an exhaustive auxiliary search trains every network with a main task and scores the others against it', async () => {
  const dir = tempDir();
  const truth = await search(dir, { exhaustive: true });
  assert.equal(truth.model.runs.total, 2 * (2 ** 6 - 2 ** 4) + 2);
  assert.equal(truth.model.certificate.basis, 'exhaustive');
  assert.deepEqual(truth.model.auxiliaries, [['t2', 't3'], []]);
  const verified = await search(dir);
  assert.equal(verified.trainer.trained.length, 0, 'every run is in the exhaustive search');
  assert.ok(verified.model.truth, 'scored against the truth');
  assert.equal(verified.model.truth!.regret, 0);
  assert.deepEqual(verified.model.truth!.optimum.auxiliaries, [['t2', 't3'], []]);
});

test('an auxiliary search interrupted during verification resumes to the uninterrupted answer, no run trained twice', async () => {
  const dir = tempDir();
  const db = join(dir, 't.db');
  const config = configFor(sixTaskCsv(dir), { auxBalance: 'metabalance' });
  const stop = { requested: false };
  let stored = 0;
  await assert.rejects(
    runSearch(config, db, {
      stop,
      trainer: () => truthTrainer(plantedAuxTruth, 5),
      onRunStored: () => {
        if (++stored === 27) stop.requested = true; // past the 24 planned runs
      },
    }),
    (error: Error & { exitCode?: number }) => error.exitCode === 130,
  );
  const store = openStore(db);
  const [interrupted] = store.searches.list();
  const done = store.searches.planned(interrupted.id).filter((r) => r.status === 'done').length;
  store.close();
  assert.ok(done >= 27);
  const resumedTrainer = truthTrainer(plantedAuxTruth);
  const resumed = await resumeSearch(interrupted.id, db, {
    stop: { requested: false },
    trainer: () => resumedTrainer,
  });
  const fresh = await search(tempDir(), { auxBalance: 'metabalance' });
  assert.deepEqual(resumed.auxiliaries, fresh.model.auxiliaries);
  assert.equal(resumed.objective, fresh.model.objective);
  assert.equal(resumedTrainer.trained.length, fresh.model.runs.total - done);
  assert.ok(
    resumedTrainer.trained.every((s) => s.auxBalance === undefined || s.auxBalance.ratio === 0.7),
  );
});
