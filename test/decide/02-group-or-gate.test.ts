import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatherEvidence, otherRuns, type RunEvidence } from '../../src/decide/evidence.js';
import { methodNamed } from '../../src/decide/methods/index.js';
import { gateAdvice, mmoeBaseline } from '../../src/decide/mmoeBaseline.js';

// The MMoE baseline against the chosen grouping, on hand-made runs of two tasks and two seeds
// whose figures are worked out in the comments (the example of src/decide/mmoeBaseline.ts).

const mmoe = { name: 'mmoe', experts: 4 };
const done = (tasks: number[], seed: number, losses: number[], network?: typeof mmoe) =>
  ({
    tasks,
    seed,
    status: 'done',
    losses,
    ...(network && { architecture: network }),
  }) satisfies RunEvidence;

/** Alone (0.50, 0.40) on seed 0 and (0.52, 0.41) on seed 1, the pair as given, the MMoE's. */
function runs(mmoeLosses: number[][], pair?: number[][]): RunEvidence[] {
  return [
    done([0], 0, [0.5]),
    done([1], 0, [0.4]),
    done([0], 1, [0.52]),
    done([1], 1, [0.41]),
    ...(pair ? pair.map((losses, seed) => done([0, 1], seed, losses)) : []),
    ...mmoeLosses.map((losses, seed) => done([0, 1], seed, losses, mmoe)),
  ];
}

function figure(all: RunEvidence[], groups: number[][], objective: number, chosenStderr = 0) {
  const evidence = gatherEvidence(2, all, methodNamed('pairs'));
  const baseline = otherRuns(all);
  return mmoeBaseline({
    evidence,
    runs: baseline,
    weights: [1, 1],
    chosen: { groups, objective },
    chosenStderr,
  })!;
}

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);

test('the MMoE objective is each task relative to its run alone, per seed, and its difference with the chosen grouping is paired', () => {
  // Seed 0: ½(0.49/0.50 + 0.40/0.40) = 0.99; seed 1: ½(0.51/0.52 + 0.40/0.41) = 0.978190.
  const m = figure(
    runs([
      [0.49, 0.4],
      [0.51, 0.4],
    ]),
    [[0], [1]],
    1,
  );
  const s1 = (0.51 / 0.52 + 0.4 / 0.41) / 2;
  close(m.objective!, (0.99 + s1) / 2, 'objective');
  close(m.stderr!, Math.abs(0.99 - s1) / 2, 'stderr');
  // All separate is 1 on every seed: differences −0.01 and s1 − 1.
  close(m.difference!, (0.99 + s1) / 2 - 1, 'difference');
  close(m.differenceStderr!, Math.abs(0.99 - s1) / 2, 'difference stderr');
  assert.deepEqual([m.measured, m.experts, m.paired, m.better], [true, 4, true, true]);
  assert.equal(
    gateAdvice(m, 12),
    'one MMoE over all 12 tasks is 1.59 % better than the best grouping (± 0.59 %): consider experts instead of separate networks',
  );
});

test('an MMoE better on average but within one standard error of the grouping is not called better', () => {
  // Seed 0: 0.99 (−1 %); seed 1: ½(0.53/0.52 + 0.41/0.41) = 1.0096 (+0.96 %): mean −0.02 %,
  // standard error 0.98 %.
  const m = figure(
    runs([
      [0.49, 0.4],
      [0.53, 0.41],
    ]),
    [[0], [1]],
    1,
  );
  assert.ok(m.difference! < 0 && -m.difference! < m.differenceStderr!, JSON.stringify(m));
  assert.equal(m.better, false);
  assert.equal(gateAdvice(m, 2), undefined);
});

test('against a grouping that is only estimated, the difference takes both standard errors', () => {
  // The pair {0, 1} was never trained: its objective 0.97 ± 0.004 is an estimate.
  const m = figure(
    runs([
      [0.49, 0.4],
      [0.51, 0.4],
    ]),
    [[0, 1]],
    0.97,
    0.004,
  );
  assert.equal(m.paired, false);
  close(m.difference!, m.objective! - 0.97, 'difference');
  close(m.differenceStderr!, Math.hypot(m.stderr!, 0.004), 'difference stderr');
});

test('against a measured pair, the MMoE is compared seed by seed with the pair run', () => {
  // The pair: seed 0 (0.45, 0.38) → 0.925, seed 1 (0.47, 0.39) → ½(0.9038 + 0.9512).
  const pair = [
    [0.45, 0.38],
    [0.47, 0.39],
  ];
  const m = figure(
    runs(
      [
        [0.49, 0.4],
        [0.51, 0.4],
      ],
      pair,
    ),
    [[0, 1]],
    0.93,
  );
  const chosen = [0.925, (0.47 / 0.52 + 0.39 / 0.41) / 2];
  const s1 = (0.51 / 0.52 + 0.4 / 0.41) / 2;
  assert.equal(m.paired, true);
  close(m.difference!, (0.99 - chosen[0] + s1 - chosen[1]) / 2, 'difference');
  assert.equal(m.better, false);
});

test('an MMoE none of whose runs finished is reported as not measured, never as a figure', () => {
  const all = runs([]).concat([
    { tasks: [0, 1], seed: 0, status: 'failed', losses: null, architecture: mmoe },
  ]);
  const m = figure(all, [[0], [1]], 1);
  assert.deepEqual(m, {
    objective: null,
    stderr: null,
    difference: null,
    differenceStderr: null,
    measured: false,
    experts: 4,
    paired: false,
    better: false,
  });
});
