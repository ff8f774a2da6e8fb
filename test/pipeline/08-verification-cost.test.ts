import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveSearchConfig } from '../../src/config/searchConfig.js';
import type { Study } from '../../src/config/study.js';
import { followVerification } from '../../src/decide/activeVerification.js';
import { decide } from '../../src/decide/decision.js';
import { gatherEvidence } from '../../src/decide/evidence.js';
import { initialSubsets } from '../../src/decide/initialSubsets.js';
import { methodNamed } from '../../src/decide/methods/index.js';
import { withStore } from '../../src/pipeline/inspect.js';
import {
  keyBasisOf,
  measuresAffinity,
  planSubsets,
  runSpec,
  seedValues,
} from '../../src/pipeline/plan.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import { decisionRules, verificationRuns } from '../../src/pipeline/verify.js';
import { KERNELS_IDENTITY } from '../../src/proxy/trainers/index.js';
import { groupKey } from '../../src/search/index.js';
import type { PlannedRun, PlannedRunState } from '../../src/store/index.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { tempDir } from '../helpers/tempDir.js';

// What verification costs, pinned: on planted tables (the fake trainer's losses), the exact
// groups of 3+ tasks each round trains, not only the answer they lead to. A loop that trained
// more (every optimistic group, say) or fewer groups would still often find the same grouping.

const names = (n: number) => Array.from({ length: n }, (_, t) => `t${t}`);
const studyOf = (n: number, flags: Record<string, string> = {}): Study =>
  resolveSearchConfig({ data: 'planted.csv', tasks: names(n).join(','), seeds: '2', ...flags });

/** The data a fake trainer never reads. */
const noData = () => Promise.reject(new Error('the fake trainer reads no data'));

/**
 * The verification loop the way a search runs it, round by round: the fake trainer trains what
 * is planned, verificationRuns plans the next round from every run so far. Returns each
 * round's runs (task subset and seed, in planned order) and the runs trained in all.
 */
async function roundsOf(
  study: Study,
  clusters: number[][],
  options: { groupPenalty?: number; aloof?: number[] } = {},
): Promise<{ rounds: [number[], number][][]; trained: number; runs: PlannedRunState[] }> {
  const n = study.tasks.length;
  const basis = keyBasisOf(study, 'planted', KERNELS_IDENTITY);
  const trainer = fakeTrainer(clusters, options);
  const subsets = initialSubsets(methodNamed(study.method), n, study.exhaustive);
  let plan: PlannedRun[] = planSubsets(basis, seedValues(study.seed, study.seeds), subsets);
  const runs: PlannedRunState[] = [];
  const rounds: [number[], number][][] = [];
  while (plan.length > 0 && rounds.length < 20) {
    const lookahead = (run: PlannedRun) =>
      measuresAffinity(run, n, basis.lookahead) ? basis.lookahead : undefined;
    const specs = plan.map((run) => runSpec(run, study.proxy, lookahead(run)));
    const results = await trainer.train(specs, noData);
    plan.forEach((run, i) =>
      runs.push({
        ...run,
        status: 'done',
        losses: results[i].losses,
        affinity: results[i].affinity ?? null,
        attempts: 1,
        error: null,
        claimedBy: null,
        backend: results[i].backend,
      }),
    );
    plan = verificationRuns(study, basis, runs);
    if (plan.length > 0) rounds.push(plan.map((run) => [run.tasks, run.seed]));
  }
  return { rounds, trained: trainer.trained.length, runs };
}

/** Each group once per seed (0 and 1), seed by seed: a round's runs as planned. */
const perSeed = (...groups: number[][]): [number[], number][] =>
  [0, 1].flatMap((seed) => groups.map((group): [number[], number] => [group, seed]));

const twoClustersOfFour = [
  [0, 1, 2, 3],
  [4, 5, 6, 7],
];

/** The groups each round trains on two planted clusters of 4 (8 tasks, no budget). */
const eightTaskRounds = [
  [
    [0, 1, 2, 3],
    [4, 5, 6, 7],
  ],
  [
    [1, 2, 3],
    [0, 1, 2, 3, 7],
    [4, 5, 6],
  ],
  [
    [0, 2, 3],
    [0, 1, 2, 3, 5],
    [4, 6, 7],
  ],
  [[0, 1, 3]],
  [[0, 1, 2]],
];

test('8 tasks in two planted clusters of 4: each verification round trains exactly its groups, 94 runs in all', async () => {
  const { rounds, trained } = await roundsOf(studyOf(8), twoClustersOfFour);
  assert.deepEqual(
    rounds,
    eightTaskRounds.map((groups) => perSeed(...groups)),
  );
  // 2 seeds × (8 singles + 28 pairs + the all-in-one network), then 10 groups × 2 seeds.
  assert.equal(trained, 2 * (8 + 28 + 1) + 2 * 10);
});

test('7 tasks whose groups beat their pairs by 2 %: one round trains the two clusters, and no other round follows', async () => {
  const clusters = [
    [0, 1, 2, 3],
    [4, 5, 6],
  ];
  const { rounds, trained } = await roundsOf(studyOf(7), clusters, { groupPenalty: 0.98 });
  assert.deepEqual(rounds, [perSeed([0, 1, 2, 3], [4, 5, 6])]);
  assert.equal(trained, 2 * (7 + 21 + 1) + 2 * 2);
});

test('with a budget of 3 networks on the same 8 tasks the rounds train 8 groups, not 10', async () => {
  const { rounds } = await roundsOf(studyOf(8, { budget: '3' }), twoClustersOfFour, {
    groupPenalty: 0.99,
  });
  assert.deepEqual(rounds, [
    perSeed([0, 1, 2, 3], [4, 5, 6, 7]),
    perSeed([1, 2, 3], [0, 1, 2, 3, 7], [4, 5, 6]),
    perSeed([0, 2, 3]),
    perSeed([0, 1, 3]),
    perSeed([0, 1, 2]),
  ]);
});

test('a tag search on 8 tasks trains 9 of the 28 pairs by affinity, then the clusters, then the pairs and groups that could beat them', async () => {
  const { rounds, trained } = await roundsOf(studyOf(8, { method: 'tag' }), twoClustersOfFour);
  assert.deepEqual(rounds, [
    // Each task's closest partner and one of middling affinity: they fit the pair estimate.
    perSeed([0, 2], [0, 3], [0, 7], [1, 2], [1, 3], [4, 5], [4, 6], [4, 7], [5, 6]),
    // The groups of the average linkage of that estimate.
    perSeed([0, 1, 2, 3], [4, 5, 6, 7]),
    perSeed([0, 1], [0, 1, 3]),
    perSeed([0, 1, 2]),
    perSeed([2, 3], [1, 2, 3]),
    perSeed([0, 2, 3]),
    perSeed([0, 6], [1, 6], [2, 6], [3, 6], [0, 1, 2, 3, 6], [5, 7], [4, 5, 7]),
  ]);
  // 2 seeds × (8 singles + the lookahead run), then 24 pairs and groups × 2 seeds: 66 runs
  // where the pair method trains 94.
  assert.equal(trained, 2 * (8 + 1) + 2 * 24);
});

/** Where a study's verification path ends on `runs`, and the grouping it answers. */
function endOf(study: Study, runs: PlannedRunState[]) {
  const rules = decisionRules(study);
  const evidence = gatherEvidence(study.tasks.length, runs, rules.method);
  const path = followVerification(evidence, study.weights, study.tasks.length, rules);
  const chosen = decide(path, study.tasks.length, 2, true).chosen.best;
  const trainedFor = (group: number[]) =>
    runs.filter((run) => run.status === 'done' && groupKey(run.tasks) === groupKey(group)).length;
  return { path, chosen, trainedFor };
}

test('a tag search stops certified once no grouping beats the measured answer, even with its untrained pairs and groups priced optimistically', async () => {
  const study = studyOf(8, { method: 'tag' });
  const { runs } = await roundsOf(study, twoClustersOfFour, { groupPenalty: 0.98 });
  const { path, chosen, trainedFor } = endOf(study, runs);
  assert.equal(path.stop, 'certified');
  assert.deepEqual(chosen.groups, twoClustersOfFour);
  for (const group of chosen.groups) assert.equal(trainedFor(group), 2, 'every seed trained');
  const pairs = new Set(runs.filter((run) => run.tasks.length === 2).map((r) => groupKey(r.tasks)));
  assert.ok(pairs.size < 28 / 2, `${pairs.size} of 28 pairs trained`);
});

test('an answer of a tag search holds no untrained pair: planted pairs are trained before they are answered', async () => {
  const couples = [
    [0, 1],
    [2, 3],
    [4, 5],
    [6, 7],
  ];
  const study = studyOf(8, { method: 'tag' });
  const { runs } = await roundsOf(study, couples, { groupPenalty: 1.05 });
  const { path, chosen, trainedFor } = endOf(study, runs);
  assert.equal(path.stop, 'certified');
  assert.deepEqual(chosen.groups, couples);
  for (const pair of couples) assert.equal(trainedFor(pair), 2, `${pair} trained on both seeds`);
});

test('--max-runs stops a tag search at its run cap: past the calibration pairs, at most the cap is trained', async () => {
  const study = studyOf(8, { method: 'tag', maxRuns: '8' });
  const { rounds, runs } = await roundsOf(study, twoClustersOfFour);
  // 8 runs are 4 subsets of 2 seeds: the linkage's 2 groups, then one round of 2 subsets.
  assert.equal(rounds.length, 3);
  assert.equal(rounds[2].length, 4);
  assert.equal(endOf(study, runs).path.stop, 'run cap');
});

test('past 12 tasks, a task the linkage leaves out is trained once with the group it links to best', async () => {
  const clusters = [0, 4, 8, 12].map((first) => [first, first + 1, first + 2, first + 3]);
  // Task 3's cluster helps it only in groups of 3+: in its pairs and lookahead it looks unrelated.
  const study = studyOf(16, { method: 'tag' });
  const { rounds, runs } = await roundsOf(study, clusters, { aloof: [3] });
  const groupsOf = (round: [number[], number][]) =>
    round.filter(([tasks, seed]) => seed === 0 && tasks.length >= 3).map(([tasks]) => tasks);
  assert.deepEqual(groupsOf(rounds[1]), [[0, 1, 2], ...clusters.slice(1)], 'the linkage');
  // The join first, then any close call between two linkage groups: groups only, each a union
  // of the linkage's groups and task 3.
  assert.deepEqual(groupsOf(rounds[2])[0], [0, 1, 2, 3], 'the join');
  const parts = [[0, 1, 2], [3], ...clusters.slice(1)];
  for (const [tasks] of rounds[2]) {
    const whole = parts.filter((p) => p.every((t) => tasks.includes(t))).flat();
    assert.equal(whole.length, tasks.length, `${tasks} is a union of the linkage's groups`);
  }
  // Its cluster helps task 3 only in the group of 4: the answer holds it whole.
  assert.deepEqual(endOf(study, runs).chosen.groups[0], [0, 1, 2, 3]);
});

/** A CSV of `tasks` binary task columns t0.. and two features (values are irrelevant to fakes). */
function plantedCsv(dir: string, tasks: number): string {
  const file = join(dir, `planted${tasks}.csv`);
  const lines = [['x1', 'x2', ...names(tasks)].join(',')];
  for (let r = 0; r < 80; r++)
    lines.push(
      [r % 7, (r * 13) % 11, ...names(tasks).map((_, t) => ((r + t) % 3 === 0 ? 1 : 0))].join(','),
    );
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

test('a search trains exactly its initial plan and the rounds verification chose, in order, each run once', async () => {
  const dir = tempDir();
  const config = resolveSearchConfig({
    data: plantedCsv(dir, 8),
    tasks: names(8).join(','),
    seeds: '2',
    workers: '1',
  });
  const trainer = fakeTrainer(twoClustersOfFour);
  const db = join(dir, 'cost.db');
  const model = await runSearch(config, db, { stop: { requested: false }, trainer: () => trainer });
  const planned = withStore(db, (store) => store.searches.planned(model.searchId));
  const byKey = new Map(planned.map((run) => [run.key, run]));
  const groupsTrained = trainer.trained
    .map((key) => byKey.get(key)!)
    .filter((run) => run.tasks.length >= 3 && run.tasks.length < 8) // the all-in-one is planned, as the MMoE
    .map((run) => JSON.stringify(run.tasks));
  // The 94 runs of the rounds above, and the MMoE baseline once per seed.
  assert.equal(trainer.trained.length, 96);
  assert.equal(new Set(trainer.trained).size, 96, 'no run trained twice');
  // The rounds follow one another: the groups are trained in the order of the rounds.
  assert.deepEqual(
    [...new Set(groupsTrained)].map((group) => JSON.parse(group)),
    eightTaskRounds.flat(),
  );
  assert.deepEqual(model.runs, { total: 96, trained: 96, cached: 0, failed: 0 });
  assert.equal(model.certificate.status, 'certified');
});
