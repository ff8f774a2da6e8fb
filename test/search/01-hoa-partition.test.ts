import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bruteHoaPartitions } from '../../src/search/brute.js';
import { partitionObjective, solveHoaPartition } from '../../src/search/index.js';
import { randomHoa, withSizeAdjust } from './randomInstances.js';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

test('the HOA partition optimum and top-K objectives equal brute force on 300 random instances (n ≤ 9, ties, weights, measured groups)', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const p = randomHoa(seed);
    const r = solveHoaPartition(p);
    const want = bruteHoaPartitions(p).slice(0, p.topK);
    const got = [r.best, ...r.alternatives];
    assert.equal(r.status, 'optimal', `seed ${seed}`);
    assert.equal(got.length, want.length, `seed ${seed}: number of answers`);
    got.forEach((x, i) =>
      assert.ok(
        close(x.objective, want[i].objective),
        `seed ${seed}, answer ${i}: ${x.objective} vs ${want[i].objective}`,
      ),
    );
    assert.equal(
      new Set(got.map((x) => JSON.stringify(x.groups))).size,
      got.length,
      `seed ${seed}: answers are distinct`,
    );
    for (const x of got) {
      assert.ok(x.groups.length <= p.budget, `seed ${seed}: at most budget groups`);
      assert.ok(
        close(partitionObjective(p, x.groups), x.objective),
        `seed ${seed}: objective matches partitionObjective`,
      );
    }
    assert.equal(r.gap, 0);
    assert.ok(close(r.bound, r.best.objective));
  }
});

test('partitionObjective prices all-separate at 1 and all-together by the HOA mean', () => {
  const pair = [
    [1, 0.9, 0.7],
    [1.1, 1, 0.9],
    [0.8, 1.2, 1],
  ];
  assert.equal(partitionObjective({ pair }, [[0], [1], [2]]), 1);
  const together = ((0.9 + 0.7) / 2 + (1.1 + 0.9) / 2 + (0.8 + 1.2) / 2) / 3;
  assert.ok(close(partitionObjective({ pair }, [[0, 1, 2]]), together));
  assert.ok(
    close(
      partitionObjective({ pair, measured: new Map([['0,1,2', [0.5, 0.5, 0.5]]]) }, [[0, 1, 2]]),
      0.5,
    ),
  );
  assert.throws(() => partitionObjective({ pair }, [[0, 1]]), /cover all 3 tasks/);
});

test('groups come sorted, tasks sorted within them, and the same input gives the same answer', () => {
  const p = { ...randomHoa(42), topK: 3 };
  const a = solveHoaPartition(p);
  const b = solveHoaPartition(p);
  assert.deepEqual([a.best, ...a.alternatives], [b.best, ...b.alternatives]);
  for (const g of a.best.groups)
    assert.deepEqual(
      g,
      [...g].sort((x, y) => x - y),
    );
  assert.deepEqual(
    a.best.groups.map((g) => g[0]),
    a.best.groups.map((g) => g[0]).sort((x, y) => x - y),
  );
});

test('a node limit stops the search with status limit, a valid lower bound and its gap', () => {
  const n = 14;
  let s = 7;
  const rnd = (): number => (s = (s * 16807) % 2147483647) / 2147483647;
  const pair = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0.9 + 0.2 * rnd())),
  );
  const exact = solveHoaPartition({ pair, budget: 4 });
  const cut = solveHoaPartition({ pair, budget: 4, nodeLimit: 5 });
  assert.equal(exact.status, 'optimal');
  assert.equal(cut.status, 'limit');
  assert.ok(cut.bound <= exact.best.objective + 1e-12, 'the bound is below the optimum');
  assert.ok(cut.best.objective >= exact.best.objective - 1e-12);
  assert.ok(close(cut.gap, (cut.best.objective - cut.bound) / cut.best.objective) || cut.gap === 0);
});

test('shouldStop interrupts the search and still returns the incumbent', () => {
  const n = 14;
  const pair = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0.9 + ((i * 7 + j * 13) % 17) / 85)),
  );
  const r = solveHoaPartition({ pair, budget: 4, shouldStop: () => true });
  assert.equal(r.status, 'interrupted');
  assert.equal(r.best.groups.flat().length, n);
});

test('bad problems are usage errors naming the field', () => {
  assert.throws(
    () => solveHoaPartition({ pair: [[1, 0.9], [0.9]] }),
    /pair\[1\] must have 2 entries/,
  );
  assert.throws(
    () =>
      solveHoaPartition({
        pair: [
          [1, -1],
          [1, 1],
        ],
      }),
    /pair\[0\]\[1\] must be a finite number ≥ 0/,
  );
  assert.throws(
    () =>
      solveHoaPartition({
        pair: [
          [1, 1],
          [1, 1],
        ],
        weights: [0, 0],
      }),
    /weights must not all be 0/,
  );
  assert.throws(
    () =>
      solveHoaPartition({
        pair: [
          [1, 1],
          [1, 1],
        ],
        budget: 0,
      }),
    /budget must be a positive integer/,
  );
  assert.throws(
    () =>
      solveHoaPartition({
        pair: [
          [1, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
        ],
        measured: new Map([['0,1', [1, 1]]]),
      }),
    /at least 3/,
  );
});

test('with size adjustments (a learned correction of either sign, or a penalty on unmeasured groups) the optimum and top-K equal brute force on 200 random instances', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const p = withSizeAdjust(randomHoa(seed), seed);
    const r = solveHoaPartition(p);
    const want = bruteHoaPartitions(p).slice(0, p.topK);
    assert.equal(r.status, 'optimal', `seed ${seed}`);
    [r.best, ...r.alternatives].forEach((x, i) =>
      assert.ok(
        close(x.objective, want[i].objective),
        `seed ${seed}, answer ${i}: ${x.objective} vs ${want[i].objective}`,
      ),
    );
    assert.ok(close(partitionObjective(p, r.best.groups), r.best.objective));
  }
});
