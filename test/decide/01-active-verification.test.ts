import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  defaultPolicy,
  followVerification,
  type DecisionRules,
} from '../../src/decide/activeVerification.js';
import { certificateOf, decide } from '../../src/decide/decision.js';
import type { SearchEvidence } from '../../src/decide/evidence.js';
import { methodNamed } from '../../src/decide/methods/index.js';
import { groupKey, maskOf, tasksOf, truthByBudget } from '../../src/search/index.js';

// Planted tables: task i's relative loss in any group G is known (a function), so the true best
// grouping is known too; the loop sees singles, pairs and only the groups it asked for.

type Truth = (task: number, group: number[]) => number;
const seeds = [0, 1, 2];
/** Seed s moves every loss by a small, fixed amount, so standard errors are not zero. */
const wobble = (s: number, task: number, mask: number) =>
  1 + 0.0005 * Math.sin(7 * s + 3 * task + mask);

function evidenceOf(n: number, truth: Truth, trained: Set<number>): SearchEvidence {
  const losses = {
    alone: seeds.map((s) => Array.from({ length: n }, (_, t) => wobble(s, t, 1 << t))),
    pair: seeds.map((s) =>
      Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) =>
          i === j ? null : truth(i, [i, j]) * wobble(s, i, (1 << i) | (1 << j)),
        ),
      ),
    ),
  };
  const groups = new Map(
    [...trained].map((mask) => {
      const tasks = tasksOf(mask);
      return [
        groupKey(tasks),
        {
          tasks,
          settled: true,
          bySeed: seeds.map((s) => tasks.map((t) => truth(t, tasks) * wobble(s, t, mask))),
        },
      ];
    }),
  );
  return { seeds, losses, groups };
}

/** Runs the loop to its end the way a search does: train what it needs, look again. */
function follow(
  n: number,
  truth: Truth,
  options: Partial<DecisionRules> & { budget?: number } = {},
) {
  const trained = new Set<number>();
  const { budget = n, ...overrides } = options;
  const rules: DecisionRules = {
    method: methodNamed('pairs'),
    verify: true,
    exhaustive: false,
    groupCap: (n * (n + 1)) / 2,
    ...overrides,
  };
  const weights = Array(n).fill(1);
  for (;;) {
    const path = followVerification(evidenceOf(n, truth, trained), weights, budget, rules);
    if (path.needed.length === 0)
      return { path, trained, chosen: decide(path, budget, 2, true).chosen.best };
    path.needed.forEach((group) => trained.add(maskOf(group)));
  }
}

function trueBest(n: number, truth: Truth, budget: number) {
  const cost = new Float64Array(1 << n);
  for (let mask = 1; mask < 1 << n; mask++) {
    const tasks = tasksOf(mask);
    cost[mask] = tasks.reduce((sum, t) => sum + truth(t, tasks), 0);
  }
  return truthByBudget(n, cost, n).best[budget - 1];
}

/** Clusters {0,1,2} and {3,4,5}: partners of one cluster help (0.96), others hurt (1.02). */
const pairEffect = (i: number, j: number) =>
  Math.floor(i / 3) === Math.floor(j / 3) ? 0.96 : 1.02;
const hoa = (task: number, group: number[]) => {
  const others = group.filter((j) => j !== task);
  return others.length === 0
    ? 1
    : others.reduce((sum, j) => sum + pairEffect(task, j), 0) / others.length;
};

test('when larger groups do better than their pairs suggest, the loop measures its way to the true optimum, one network for all', () => {
  const truth: Truth = (t, g) => hoa(t, g) - 0.05 * Math.log(Math.max(1, g.length - 1));
  const best = trueBest(6, truth, 6);
  assert.equal(best.groups.length, 1, 'the planted optimum is the all-in-one network');
  const { path, chosen } = follow(6, truth);
  assert.deepEqual(chosen.groups, best.groups);
  assert.equal(path.stop, 'certified');
});

test('when larger groups do worse than their pairs suggest, the loop keeps the clusters and stops without measuring much', () => {
  const truth: Truth = (t, g) => hoa(t, g) + 0.01 * (g.length - 2) * (g.length > 2 ? 1 : 0);
  for (const budget of [2, 6]) {
    const best = trueBest(6, truth, budget);
    const { path, chosen, trained } = follow(6, truth, { budget });
    assert.deepEqual(chosen.groups, best.groups, `budget ${budget}`);
    assert.equal(path.stop, 'certified');
    assert.ok(trained.size <= 6, `budget ${budget}: ${trained.size} groups trained`);
  }
});

test('the run cap stops the loop with the best measured grouping, and says so', () => {
  const truth: Truth = (t, g) => hoa(t, g) - 0.012 * Math.log(Math.max(1, g.length - 1));
  const { path, chosen, trained } = follow(6, truth, { groupCap: 0, budget: 2 });
  assert.equal(path.stop, 'run cap');
  assert.deepEqual(
    [...trained],
    [maskOf([0, 1, 2, 3, 4, 5])],
    'only the all-in-one network was trained',
  );
  assert.deepEqual(
    chosen.groups,
    [[0, 1, 2, 3, 4, 5]],
    'within two networks, the only measured grouping beyond pairs',
  );
});

test('without verification nothing beyond the all-in-one network is trained', () => {
  const truth: Truth = (t, g) => hoa(t, g) - 0.012 * Math.log(Math.max(1, g.length - 1));
  const { path, trained } = follow(6, truth, { verify: false });
  assert.equal(path.stop, 'not verified');
  assert.equal(trained.size, 1);
});

test('each round records the groupings it chose to measure, with the optimistic estimate that chose them', () => {
  const truth: Truth = (t, g) => hoa(t, g) - 0.01 * Math.log(Math.max(1, g.length - 1));
  const { path } = follow(6, truth);
  assert.ok(path.candidates.length >= 1);
  for (const c of path.candidates) {
    assert.ok(c.round >= 1 && c.round <= path.rounds);
    assert.ok(
      c.groups.some((g) => g.length >= 3),
      'a candidate holds a group of three or more',
    );
    assert.ok(c.groups.flat().length === 6, 'a candidate is a whole grouping');
  }
});

test('the certificate states the κ and margin the rounds followed, not the defaults', () => {
  const truth: Truth = (t, g) => hoa(t, g) - 0.01 * Math.log(Math.max(1, g.length - 1));
  const policy = { ...defaultPolicy, kappa: 0.5, margin: 0.002 };
  const { path } = follow(6, truth, { policy });
  const rules = { exhaustive: false, groupCap: 21 };
  const certificate = certificateOf(path, rules, ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.equal(certificate.kappa, 0.5);
  assert.equal(certificate.margin, 0.002);
  const byDefault = certificateOf(follow(6, truth).path, rules, ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.equal(byDefault.kappa, defaultPolicy.kappa);
});
