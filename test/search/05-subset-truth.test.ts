import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachPartition } from '../../src/search/brute.js';
import { maskOf } from '../../src/search/bits.js';
import { partitionCount, rankOf, truthByBudget } from '../../src/search/subsetTruth.js';
import { mulberry32 } from '../../src/random.js';

/** A group's cost is the sum of its members' shares (on a coarse grid, so ties occur); each
 *  task's floor is its least share over every group, as an exhaustive search's would be. */
function randomCosts(seed: number, n: number): { cost: Float64Array; floor: Float64Array } {
  const rng = mulberry32(seed);
  const cost = new Float64Array(1 << n);
  const floor = new Float64Array(n).fill(Infinity);
  for (let m = 1; m < 1 << n; m++) {
    for (let t = 0; t < n; t++) {
      if (!(m & (1 << t))) continue;
      const share = Math.round((0.8 + 0.4 * rng()) * 20) / 20;
      cost[m] += share;
      floor[t] = Math.min(floor[t], share);
    }
  }
  return { cost, floor };
}

test('the exhaustive optimum for every budget and the rank of any grouping equal enumeration of every partition', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const n = 1 + (seed % 7);
    const { cost, floor } = randomCosts(seed, n);
    const all: { groups: number[][]; value: number }[] = [];
    forEachPartition(n, n, (groups) =>
      all.push({ groups, value: groups.reduce((a, g) => a + cost[maskOf(g)], 0) / n }),
    );
    const truth = truthByBudget(n, cost, n);
    for (const { budget, groups, objective } of truth.best) {
      const within = all.filter((p) => p.groups.length <= budget);
      const want = Math.min(...within.map((p) => p.value));
      assert.ok(
        Math.abs(objective - want) < 1e-12,
        `seed ${seed}, budget ${budget}: ${objective} vs ${want}`,
      );
      assert.ok(groups.length <= budget);
      assert.ok(
        Math.abs(groups.reduce((a, g) => a + cost[maskOf(g)], 0) / n - objective) < 1e-12,
        'the groups price at the objective',
      );
      const pick = within[seed % within.length];
      const rank = rankOf(n, cost, floor, budget, pick.value, n);
      assert.equal(
        rank.rank,
        1 + within.filter((p) => p.value < pick.value - 1e-9).length,
        `seed ${seed}, budget ${budget}: rank`,
      );
      assert.equal(rank.of, within.length);
    }
  }
});

test('partition counts are the Bell numbers, 4140 for 8 tasks', () => {
  assert.equal(partitionCount(8, 8), 4140);
  assert.equal(partitionCount(12, 12), 4213597);
  assert.equal(partitionCount(4, 2), 8);
});

test('more than 12 tasks is refused, naming the limit', () => {
  assert.throws(() => truthByBudget(13, new Float64Array(1 << 13), 13), /1 to 12 tasks/);
});
