import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bruteOverlap, bruteTablePartition } from '../../src/search/brute.js';
import { solveOverlap, solveTablePartition } from '../../src/search/index.js';
import { randomTable } from './randomInstances.js';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

const solvers = [
  { mode: 'overlap', solve: solveOverlap, brute: bruteOverlap },
  { mode: 'partition', solve: solveTablePartition, brute: bruteTablePartition },
] as const;

for (const { mode, solve, brute } of solvers) {
  test(`${mode} mode over table networks: optimum and top-K totals equal brute force on 300 random tables (random budgets, ties, weights)`, () => {
    let feasible = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const p = randomTable(seed);
      const r = solve(p);
      const want = brute(p).slice(0, p.topK);
      const got = r.best.total === Infinity ? [] : [r.best, ...r.alternatives];
      assert.equal(r.status, 'optimal');
      assert.equal(got.length, want.length, `seed ${seed}: number of answers`);
      got.forEach((x, i) =>
        assert.ok(
          close(x.total, want[i].total),
          `seed ${seed}, answer ${i}: ${x.total} vs ${want[i].total}`,
        ),
      );
      assert.equal(
        new Set(got.map((x) => x.networks.join(','))).size,
        got.length,
        `seed ${seed}: answers are distinct`,
      );
      if (want.length > 0) feasible++;
    }
    assert.ok(feasible > 100, `enough feasible instances (${feasible})`);
  });
}

test('overlap mode serves each task by its best chosen network and every chosen network serves a task', () => {
  const networks = [
    { cost: 1, loss: [1, 1, 1] },
    { cost: 1, loss: [0.5, null, 2] },
    { cost: 0.5, loss: [null, 0.2, null] },
  ];
  const r = solveOverlap({ networks, budget: 2.5 });
  assert.deepEqual(r.best.networks, [0, 1, 2]);
  assert.deepEqual(r.best.serves, [1, 2, 0]);
  assert.ok(close(r.best.total, 1.7));
  const tight = solveOverlap({ networks, budget: 1.5 });
  assert.ok(close(tight.best.total, 1 + 0.2 + 1), `got ${tight.best.total}`); // networks 0 and 2
  assert.deepEqual(tight.best.networks, [0, 2]);
});

test('an overlap budget no selection can meet gives no answer, and a node limit reports status limit', () => {
  const networks = [
    { cost: 1, loss: [1, null] },
    { cost: 1, loss: [null, 1] },
  ];
  assert.equal(solveOverlap({ networks, budget: 1 }).best.total, Infinity);
  const many = Array.from({ length: 40 }, (_, r) => ({
    cost: 1,
    loss: [
      ((r * 7) % 11) / 10 + 0.1,
      ((r * 5) % 13) / 10 + 0.1,
      r % 3 === 0 ? null : 0.5 + (r % 5) / 10,
    ],
  }));
  const cut = solveOverlap({ networks: many, budget: 3, nodeLimit: 2 });
  assert.equal(cut.status, 'limit');
  const exact = solveOverlap({ networks: many, budget: 3 });
  assert.ok(cut.bound <= exact.best.total + 1e-12);
});
