import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatherEvidence, type RunEvidence } from '../../src/decide/evidence.js';
import { methodNamed } from '../../src/decide/methods/index.js';
import { truthReportOf } from '../../src/decide/truthReport.js';

// The regret against an exhaustive truth with its seed noise, on hand-made runs of three tasks
// and two seeds (every loss alone is 1, so a loss is its relative loss):
//   {0,1,2}: 0.95 each on seed 0, 0.93 on seed 1 → objective 0.95, 0.93 (mean 0.94: the optimum)
//   {0,1}:   0.90 each on seed 0, 1.00 on seed 1 → {0,1}{2}: 0.9333, 1.0 (mean 0.96667)
//   {0,2} and {1,2}: 1.00 each.
// Chosen {0,1}{2} against the optimum, seed by seed: −0.01667 and +0.07, mean 0.02667 with a
// standard error of 0.04333; ÷ 0.94: regret 2.84 %, its seed noise 4.61 %.

const done = (tasks: number[], seed: number, losses: number[]): RunEvidence => ({
  tasks,
  seed,
  status: 'done',
  losses,
});

const runs: RunEvidence[] = [0, 1].flatMap((seed) => [
  done([0], seed, [1]),
  done([1], seed, [1]),
  done([2], seed, [1]),
  done([0, 1], seed, seed === 0 ? [0.9, 0.9] : [1, 1]),
  done([0, 2], seed, [1, 1]),
  done([1, 2], seed, [1, 1]),
  done([0, 1, 2], seed, seed === 0 ? [0.95, 0.95, 0.95] : [0.93, 0.93, 0.93]),
]);

const score = (groups: number[][]) =>
  truthReportOf(
    gatherEvidence(3, runs, methodNamed('pairs')),
    [1, 1, 1],
    undefined,
    groups,
    3,
    ['a', 'b', 'c'],
    'truth',
  );

test('a regret against the truth comes with its seed noise: the paired standard error of chosen − optimum', () => {
  const truth = score([[0, 1], [2]]);
  assert.ok(truth);
  assert.deepEqual(truth.optimum.grouping, [['a', 'b', 'c']]);
  assert.ok(Math.abs(truth.regret - (0.96667 / 0.94 - 1)) < 1e-4, `regret ${truth.regret}`);
  assert.ok(
    Math.abs((truth.regretStderr ?? NaN) - 0.04333 / 0.94) < 1e-4,
    `noise ${truth.regretStderr}`,
  );
});

test('the optimum itself has no regret and no regret noise', () => {
  const truth = score([[0, 1, 2]]);
  assert.equal(truth?.regret, 0);
  assert.equal(truth?.regretStderr, 0);
});
