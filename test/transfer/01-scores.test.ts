import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  relativeLossInGroup,
  relativePairMatrix,
  pairRatios,
  transferScores,
  type SeedLosses,
} from '../../src/transfer/index.js';

// Two seeds, three tasks. alone[s][i]; pair[s][i][j] = L_i({i,j}).
const losses: SeedLosses = {
  alone: [
    [0.5, 1.0, 2.0],
    [0.5, 1.0, 2.0],
  ],
  pair: [
    [
      [0, 0.45, 0.55],
      [0.9, 0, 1.0],
      [2.2, 2.0, 0],
    ],
    [
      [0, 0.4, 0.55],
      [1.1, 0, 1.0],
      [2.2, 1.8, 0],
    ],
  ],
};

test('T(j→i) is one minus the pair loss over the single loss, averaged over seeds', () => {
  const scores = transferScores(losses);
  // task 0 with task 1: seeds give 1-0.9 = 0.1 and 1-0.8 = 0.2 → mean 0.15
  assert.ok(Math.abs(scores.transfer[0][1] - 0.15) < 1e-12);
  // task 0 with task 2: 1 - 1.1 = -0.1 in both seeds (negative transfer), stderr 0
  assert.ok(Math.abs(scores.transfer[0][2] + 0.1) < 1e-12);
  assert.equal(scores.stderr[0][2], 0);
  assert.equal(scores.transfer[1][1], 0);
  assert.deepEqual(scores.lossAlone, [0.5, 1.0, 2.0]);
});

test('the standard error is the sample standard deviation over seeds divided by √seeds', () => {
  const scores = transferScores(losses);
  // task 1 with task 0: scores 0.1 and -0.1 → sd = √0.02, se = √0.02/√2 = 0.1
  assert.ok(Math.abs(scores.transfer[1][0]) < 1e-12);
  assert.ok(Math.abs(scores.stderr[1][0] - 0.1) < 1e-12);
});

test('a pair whose runs failed counts as no evidence: transfer 0 from zero seeds', () => {
  const partial: SeedLosses = {
    alone: [[1, 1]],
    pair: [
      [
        [0, null],
        [0.5, 0],
      ],
    ],
  };
  const scores = transferScores(partial);
  assert.equal(scores.transfer[0][1], 0);
  assert.equal(scores.seedsMeasured[0][1], 0);
  assert.equal(scores.seedsMeasured[1][0], 1);
  assert.ok(Math.abs(scores.transfer[1][0] - 0.5) < 1e-12);
});

test('HOA estimates a task in a group as the mean of its pair ratios, per seed', () => {
  const ratios = pairRatios(losses);
  const inGroup = relativeLossInGroup(ratios, 0, [0, 1, 2]);
  // seed 0: (0.9 + 1.1)/2 = 1.0; seed 1: (0.8 + 1.1)/2 = 0.95 → mean 0.975
  assert.ok(Math.abs(inGroup.mean - 0.975) < 1e-12);
  assert.ok(inGroup.stderr > 0);
  assert.deepEqual(relativeLossInGroup(ratios, 1, [1]), { mean: 1, stderr: 0 });
});

test('the relative pair matrix is 1 − T and has ones on the diagonal', () => {
  const relative = relativePairMatrix(losses);
  const scores = transferScores(losses);
  for (let i = 0; i < 3; i++) {
    assert.equal(relative[i][i], 1);
    for (let j = 0; j < 3; j++)
      if (i !== j) assert.ok(Math.abs(relative[i][j] - (1 - scores.transfer[i][j])) < 1e-12);
  }
});
