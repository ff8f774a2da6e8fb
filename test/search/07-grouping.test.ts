import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupKey } from '../../src/search/bits.js';
import { Grouping, groupingTables } from '../../src/search/grouping.js';
import { HoaModel } from '../../src/search/hoa.js';
import { wideHeuristicPartitions } from '../../src/search/wideIncumbent.js';
import { mulberry32 } from '../../src/random.js';
import { randomHoa } from './randomInstances.js';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** A random problem of n tasks with size adjustments and measured groups, some of them the
 *  groups a grouping will pass through. */
function problem(n: number, seed: number): HoaModel {
  const rng = mulberry32(seed);
  const pair = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0.8 + 0.4 * rng())),
  );
  const sizeAdjust = Array.from({ length: n }, () =>
    Array.from({ length: n + 1 }, () => (rng() - 0.5) * 0.05),
  );
  const measured = new Map<string, number[]>();
  for (let m = 0; m < 3 * n; m++) {
    const tasks = [
      ...new Set(Array.from({ length: 3 + Math.floor(rng() * 3) }, () => Math.floor(rng() * n))),
    ];
    if (tasks.length >= 3)
      measured.set(
        groupKey(tasks),
        tasks.map(() => 0.6 + 0.5 * rng()),
      );
  }
  return new HoaModel({ pair, sizeAdjust, measured, weights: pair.map(() => 0.5 + rng()) });
}

test('a Grouping prices moves, swaps and its groups as the model prices the resulting groups, through 2,000 random changes', () => {
  for (const [n, seed] of [
    [7, 1],
    [12, 2],
    [40, 3],
  ]) {
    const model = problem(n, seed);
    const rng = mulberry32(seed + 100);
    const grouping = new Grouping(
      model,
      groupingTables(model),
      Int32Array.from({ length: n }, () => Math.floor(rng() * 3)),
    );
    const members = (g: number, drop = -1, add = -1): number[] =>
      [...Array(n).keys()]
        .filter((t) => (grouping.groupOf[t] === g && t !== drop) || t === add)
        .sort((a, b) => a - b);
    const priced = (tasks: number[]): number => (tasks.length === 0 ? 0 : model.groupCost(tasks));
    for (let step = 0; step < 2000 / 3; step++) {
      const t = Math.floor(rng() * n);
      const u = Math.floor(rng() * n);
      const [a, b] = [grouping.groupOf[t], grouping.groupOf[u]];
      for (const g of grouping.open)
        assert.ok(close(grouping.cost(g), priced(members(g))), `n=${n} step ${step}: group cost`);
      assert.ok(
        close(grouping.costWithout(a, t), priced(members(a, t))),
        `n=${n} step ${step}: without`,
      );
      if (a !== b) {
        assert.ok(
          close(grouping.costWith(b, t), priced(members(b, -1, t))),
          `n=${n} step ${step}: with`,
        );
        assert.ok(
          close(grouping.costSwapped(a, t, u), priced(members(a, t, u))),
          `n=${n} step ${step}: swapped`,
        );
      }
      assert.equal(grouping.costWith(-1, t), model.w[t]);
      const r = rng();
      if (a !== b && r < 0.3) grouping.swap(t, u);
      else if (r < 0.9 && a !== b) grouping.move(t, b);
      else if (grouping.size[a] > 1) grouping.move(t, -1);
    }
    const tasks = grouping
      .taskLists()
      .flat()
      .sort((x, y) => x - y);
    assert.deepEqual(tasks, [...Array(n).keys()], 'every task in exactly one group');
  }
});

test('every partition the heuristics for many tasks return is a local optimum of the exact costs: no move or swap improves it', () => {
  const models = [problem(9, 7), problem(14, 8), problem(35, 9)];
  for (let seed = 1; seed <= 40; seed++) models.push(new HoaModel(randomHoa(seed, 12)));
  for (const [index, model] of models.entries()) {
    const cost = (groups: number[][]): number =>
      groups
        .filter((g) => g.length > 0)
        .reduce((a, g) => a + model.groupCost([...g].sort((x, y) => x - y)), 0);
    for (const found of wideHeuristicPartitions(model)) {
      assert.ok(found.groups.length <= model.maxGroups, `model ${index}: at most maxGroups groups`);
      assert.ok(close(found.cost, cost(found.groups)), `model ${index}: the cost is the model's`);
      const slack = 1e-9 * Math.max(1, found.cost);
      for (let t = 0; t < model.n; t++) {
        const a = found.groups.findIndex((g) => g.includes(t));
        const targets = [
          ...found.groups.keys(),
          ...(found.groups.length < model.maxGroups && found.groups[a].length > 1 ? [-1] : []),
        ];
        for (const b of targets) {
          if (b === a) continue;
          const moved = found.groups.map((g, i) =>
            i === a ? g.filter((x) => x !== t) : i === b ? [...g, t] : g,
          );
          if (b < 0) moved.push([t]);
          assert.ok(
            cost(moved) >= found.cost - slack,
            `model ${index}: moving task ${t} improves ${JSON.stringify(found.groups)}`,
          );
        }
        for (let u = t + 1; u < model.n; u++) {
          const b = found.groups.findIndex((g) => g.includes(u));
          if (b === a) continue;
          const swapped = found.groups.map((g, i) =>
            i === a
              ? [...g.filter((x) => x !== t), u]
              : i === b
                ? [...g.filter((x) => x !== u), t]
                : g,
          );
          assert.ok(
            cost(swapped) >= found.cost - slack,
            `model ${index}: swapping ${t} and ${u} improves`,
          );
        }
      }
    }
  }
});
