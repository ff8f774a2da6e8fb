import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../src/random.js';
import { groupKey, tasksOf } from '../../src/search/bits.js';
import { bruteAuxPartitions } from '../../src/search/brute.js';
import {
  auxPartitionObjective,
  solveAuxPartition,
  type AuxPartitionProblem,
} from '../../src/search/index.js';

/**
 * Random problems with auxiliaries on a coarse grid (ties occur): 1-5 main and 0-4 auxiliary
 * tasks shuffled among the indices, weights, measured networks (whole task sets, some of them
 * the very networks the estimate would pick) and a size adjustment of either sign, or the
 * penalty that leaves only measured networks of 3+ tasks affordable.
 */
function randomAux(seed: number): AuxPartitionProblem {
  const rng = mulberry32(seed);
  const m = 1 + Math.floor(rng() * 5);
  const a = Math.floor(rng() * 5);
  const n = m + a;
  const order = Array.from({ length: n }, (_, t) => t).sort(() => rng() - 0.5);
  const main = order.slice(0, m).sort((x, y) => x - y);
  const aux = order.slice(m).sort((x, y) => x - y);
  const grid = rng() < 0.4 ? 20 : 1000;
  const pair = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      i === j ? 1 : Math.round((0.8 + 0.4 * rng()) * grid) / grid,
    ),
  );
  const weights =
    rng() < 0.5 ? undefined : Array.from({ length: n }, () => 1 + Math.floor(rng() * 3));
  const measured = new Map<string, number[]>();
  for (let k = 0; k < 6; k++) {
    const tasks = tasksOf(Math.floor(rng() * (1 << n)));
    if (tasks.length >= 3 && tasks.some((t) => main.includes(t)))
      measured.set(
        groupKey(tasks),
        tasks.map(() => Math.round((0.7 + 0.5 * rng()) * 100) / 100),
      );
  }
  const penalty = rng() < 0.25;
  const sizeAdjust = Array.from({ length: n }, () => {
    const slope = (rng() - 0.6) * 0.02;
    return Array.from({ length: n + 1 }, (_, s) => (penalty && s >= 3 ? 1000 : slope * (s - 2)));
  });
  return {
    pair,
    weights,
    measured,
    sizeAdjust,
    roles: { main, aux },
    budget: 1 + Math.floor(rng() * m),
    topK: 1 + Math.floor(rng() * 4),
  };
}

test('the auxiliary solver finds the brute-force optimum on 300 random problems', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const p = randomAux(seed);
    const brute = bruteAuxPartitions(p);
    const solved = solveAuxPartition(p);
    assert.equal(solved.status, 'optimal', `seed ${seed}`);
    assert.ok(
      Math.abs(solved.best.objective - brute[0].objective) < 1e-9,
      `seed ${seed}: ${solved.best.objective} vs ${brute[0].objective}`,
    );
    // The answer's own networks are priced as the objective says.
    assert.ok(
      Math.abs(auxPartitionObjective(p, solved.best.groups) - solved.best.objective) < 1e-9,
    );
    assert.ok(solved.best.groups.length <= (p.budget as number), `seed ${seed}: budget`);
  }
});

test('each main task sits in exactly one network of the answer, auxiliaries in any number', () => {
  for (let seed = 301; seed <= 400; seed++) {
    const p = randomAux(seed);
    const { groups } = solveAuxPartition(p).best;
    const mains = groups.flatMap((g) => g.filter((t) => p.roles.main.includes(t)));
    assert.deepEqual(
      [...mains].sort((a, b) => a - b),
      p.roles.main,
      `seed ${seed}`,
    );
    for (const g of groups) assert.ok(g.some((t) => p.roles.main.includes(t)));
  }
});

test('top-K alternatives are distinct main partitions in order of objective, as brute force lists them', () => {
  for (let seed = 401; seed <= 500; seed++) {
    const p = { ...randomAux(seed), topK: 4 };
    const brute = bruteAuxPartitions(p);
    const solved = solveAuxPartition(p);
    const values = [solved.best, ...solved.alternatives].map((x) => x.objective);
    brute
      .slice(0, values.length)
      .forEach((b, k) =>
        assert.ok(Math.abs(values[k] - b.objective) < 1e-9, `seed ${seed}, answer ${k}`),
      );
    assert.equal(values.length, Math.min(4, brute.length));
  }
});

test('a helpful auxiliary joins every main network it helps, an unrelated one joins none', () => {
  // Tasks 0 and 1 main; 2 helps both (0.9), 3 helps nothing (1.05).
  const pair = [
    [1, 1.1, 0.9, 1.05],
    [1.1, 1, 0.9, 1.05],
    [1, 1, 1, 1],
    [1, 1, 1, 1],
  ];
  const p: AuxPartitionProblem = { pair, roles: { main: [0, 1], aux: [2, 3] } };
  const best = solveAuxPartition(p).best;
  assert.deepEqual(best.groups, [
    [0, 2],
    [1, 2],
  ]);
  assert.ok(Math.abs(best.objective - 0.9) < 1e-12);
  // With one network allowed, both mains share it and the helpful auxiliary joins them.
  assert.deepEqual(solveAuxPartition({ ...p, budget: 1 }).best.groups, [[0, 1, 2]]);
});
