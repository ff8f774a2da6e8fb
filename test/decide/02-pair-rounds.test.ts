import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unmeasuredPenalty } from '../../src/decide/candidates.js';
import type { SearchEvidence } from '../../src/decide/evidence.js';
import { decisiveSubsets, pairState, withPairEstimates } from '../../src/decide/pairRounds.js';
import { groupKey } from '../../src/search/index.js';

// Four tasks, one seed: {0, 1} and {2, 3} help each other (loss 0.9 of alone), other pairs hurt
// (1.05); the lookahead affinity says the same. Only the pairs in `trained` were run.
const affinity = [0, 1, 2, 3].flatMap((i) =>
  [0, 1, 2, 3].map((j) =>
    i === j ? 1e-3 : Math.floor(i / 2) === Math.floor(j / 2) ? 1e-4 : -5e-5,
  ),
);
const ratio = (i: number, j: number) => (Math.floor(i / 2) === Math.floor(j / 2) ? 0.9 : 1.05);

function evidenceOf(trained: number[][]): SearchEvidence {
  const keys = new Set(trained.map(groupKey));
  const pair = [0, 1, 2, 3].map((i) =>
    [0, 1, 2, 3].map((j) =>
      i !== j && keys.has(groupKey(i < j ? [i, j] : [j, i])) ? ratio(i, j) : null,
    ),
  );
  return {
    seeds: [0],
    losses: { alone: [[1, 1, 1, 1]], pair: [pair] },
    groups: new Map(),
    settledPairs: keys,
    affinity: [affinity],
  };
}

const trained = [
  [0, 1],
  [0, 2],
  [1, 3],
];

test('an untrained pair is priced out of the measured-only problem, and below its estimate in the optimistic one', () => {
  const state = pairState(evidenceOf(trained), trained.map(groupKey), 1);
  assert.deepEqual([...state.trained].sort(), ['0,1', '0,2', '1,3']);
  assert.equal(state.measuredOnly[2][3], unmeasuredPenalty);
  assert.equal(state.measuredOnly[0][1], 0.9, 'a trained pair keeps its measured value');
  assert.ok(state.optimistic[2][3] < state.estimate[2][3]);
  // Fitted on the trained pairs, the estimate tells the helping pair from the hurting ones.
  assert.ok(state.estimate[2][3] < 1 && state.estimate[1][2] > 1, JSON.stringify(state.estimate));
});

test('a round trains the untrained pairs of a candidate group with the group, and a candidate pair alone', () => {
  const reached = new Set(trained.map(groupKey));
  const subsets = decisiveSubsets([[0, 1, 2], [2, 3], [1]], reached, () => false);
  assert.deepEqual(subsets, [
    [1, 2],
    [0, 1, 2],
    [2, 3],
  ]);
  const measured = decisiveSubsets([[0, 1, 2]], reached, () => true);
  assert.deepEqual(measured, [], 'a measured group needs nothing');
});

test("the report's pair losses are measured where trained and the estimate elsewhere, and say which", () => {
  const evidence = evidenceOf(trained);
  const state = pairState(evidence, trained.map(groupKey), 1);
  const shown = withPairEstimates(evidence, state);
  assert.equal(shown.losses.pair[0][0][1], 0.9);
  assert.ok(Math.abs(shown.losses.pair[0][2][3]! - state.estimate[2][3]) < 1e-12);
  assert.deepEqual([...shown.measuredPairs!].sort(), ['0,1', '0,2', '1,3']);
});
