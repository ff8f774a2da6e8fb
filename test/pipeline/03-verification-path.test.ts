import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import { withStore } from '../../src/pipeline/inspect.js';
import { runKey } from '../../src/pipeline/plan.js';
import { buildReport } from '../../src/pipeline/result.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { verificationRuns } from '../../src/pipeline/verify.js';
import { KERNELS_IDENTITY } from '../../src/proxy/trainers/index.js';
import type { PlannedRunState } from '../../src/store/index.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// Two processes resuming one search race: one may look at the runs while the other is halfway
// through verifying a group, or after it trained a group off the uninterrupted path. Both must
// end where an uninterrupted search ends.

const dir = tempDir();
const config = resolveSearchConfig({
  data: smallCsv(dir),
  tasks: 't0,t1,t2,t3,t4',
  seeds: '2',
  workers: '1',
});
const basisOf = (fingerprint: string) => ({
  fingerprint,
  taskNames: config.tasks.map((t) => t.name),
  settings: config.proxy,
  trainer: KERNELS_IDENTITY,
});
const finished = async () => {
  const db = join(dir, `${Math.random().toString(36).slice(2)}.db`);
  const model = await runSearch(config, db, {
    stop: { requested: false },
    trainer: () =>
      fakeTrainer([
        [0, 1, 2],
        [3, 4],
      ]),
  });
  return withStore(db, (store) => ({
    model,
    search: store.searches.find(model.searchId)!,
    runs: store.searches.planned(model.searchId),
  }));
};

test('a group verified on one seed only is still needed: its half-known loss does not steer the search', async () => {
  const { search, runs } = await finished();
  const group = runs.filter((run) => run.tasks.length === 3);
  assert.deepEqual(
    group.map((run) => run.tasks),
    [
      [0, 1, 2],
      [0, 1, 2],
    ],
  );
  // Seed one finished with a dreadful loss; seed two is still being trained by another process.
  const halfway = runs.map((run): PlannedRunState => {
    if (run.key === group[0].key) return { ...run, losses: run.losses!.map((l) => l * 5) };
    if (run.key === group[1].key) return { ...run, status: 'running', losses: null };
    return run;
  });
  const next = verificationRuns(config, basisOf(search.fingerprint), halfway);
  assert.deepEqual(next.map((run) => run.key).sort(), group.map((run) => run.key).sort());
});

test('a group trained off the verification path does not change the result', async () => {
  const { model, search, runs } = await finished();
  // Another process planned and trained [t0, t3, t4] from runs still in flight; it looks superb.
  const seeds = [...new Set(runs.map((run) => run.seed))];
  const stray = seeds.map((seed): PlannedRunState => {
    const key = runKey(search.fingerprint, ['t0', 't3', 't4'], config.proxy, seed);
    return {
      key,
      tasks: [0, 3, 4],
      seed,
      status: 'done',
      losses: [0.01, 0.01, 0.01],
      attempts: 1,
      error: null,
      claimedBy: null,
      backend: 'fake',
    };
  });
  assert.deepEqual(verificationRuns(config, basisOf(search.fingerprint), [...runs, ...stray]), []);
  const report = buildReport(search, [...runs, ...stray], model.facts.toolVersion);
  assert.deepEqual(report.grouping, model.grouping);
  assert.equal(report.objective, model.objective);
  assert.deepEqual(report.verification, model.verification);
});
