import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupKey } from '../../src/search/bits.js';
import { bruteHoaPartitions } from '../../src/search/brute.js';
import { HoaModel, type HoaPartitionProblem } from '../../src/search/hoa.js';
import { MAX_HOA_TASKS, partitionObjective, solveHoaPartition } from '../../src/search/index.js';
import { hoaInstance } from '../../bench/solverInstances.js';
import { plantedHoa, randomHoa, withSizeAdjust as withAdjust } from './randomInstances.js';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function assertValidBound(r: ReturnType<typeof solveHoaPartition>, label: string): void {
  assert.ok(
    r.bound <= r.best.objective + 1e-12,
    `${label}: bound ${r.bound} ≤ objective ${r.best.objective}`,
  );
  assert.ok(
    close(r.gap, (r.best.objective - r.bound) / r.best.objective) ||
      (r.gap === 0 && close(r.bound, r.best.objective)),
    `${label}: gap = (objective − bound) / objective`,
  );
}

test('the heuristics for many tasks, forced on small problems, lead to the brute-force optimum with measured groups and size adjustments (200 random instances)', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const base = randomHoa(seed);
    const p = seed % 3 === 0 ? base : withAdjust(base, seed);
    const r = solveHoaPartition(p, { wideHeuristics: true });
    const want = bruteHoaPartitions(p).slice(0, p.topK);
    assert.equal(r.status, 'optimal', `seed ${seed}`);
    [r.best, ...r.alternatives].forEach((x, i) =>
      assert.ok(
        close(x.objective, want[i].objective),
        `seed ${seed}, answer ${i}: ${x.objective} vs ${want[i].objective}`,
      ),
    );
    assert.ok(
      close(partitionObjective(p, r.best.groups), r.best.objective),
      `seed ${seed}: the objective prices the groups`,
    );
  }
});

test('on 16 to 30 tasks the heuristics for many tasks reach the same proven optimum as the exact path', () => {
  const cases: [string, HoaPartitionProblem][] = [];
  for (const k of [2, 4, 6]) {
    cases.push([`clustered n=20 k=${k}`, { pair: hoaInstance(20, 1, 'clustered'), budget: k }]);
    cases.push([`uniform n=16 k=${k}`, { pair: hoaInstance(16, 1, 'uniform'), budget: k }]);
  }
  cases.push(['planted n=30 k=6', { pair: plantedHoa(30, 6, 3).pair, budget: 6 }]);
  cases.push([
    'adjusted n=20',
    withAdjust({ pair: hoaInstance(20, 2, 'clustered'), budget: 5 }, 5),
  ]);
  for (const [label, p] of cases) {
    const exact = solveHoaPartition(p);
    const wide = solveHoaPartition(p, { wideHeuristics: true });
    assert.equal(exact.status, 'optimal', label);
    assert.equal(wide.status, 'optimal', label);
    assert.ok(
      close(wide.best.objective, exact.best.objective),
      `${label}: ${wide.best.objective} vs ${exact.best.objective}`,
    );
  }
});

for (const [n, clusters] of [
  [60, 12],
  [200, 40],
]) {
  test(`on ${n} tasks in ${clusters} planted clusters the anytime search recovers the clusters and proves a valid bound`, () => {
    const { pair, planted } = plantedHoa(n, clusters, n);
    const p = { pair, budget: clusters };
    const r = solveHoaPartition(p);
    assert.deepEqual(r.best.groups, planted);
    assertValidBound(r, `n=${n}`);
    assert.ok(
      r.bound <= partitionObjective(p, planted) + 1e-12,
      'the bound is below the planted partition',
    );
    assert.ok(r.gap < 0.05, `a useful bound: gap ${r.gap}`);
    // Without a budget the clusters may split, but no group mixes two of them.
    const free = solveHoaPartition({ pair });
    const clusterOf = new Map(planted.flatMap((g, c) => g.map((t) => [t, c] as [number, number])));
    for (const g of free.best.groups)
      assert.equal(
        new Set(g.map((t) => clusterOf.get(t))).size,
        1,
        `group ${g} lies in one cluster`,
      );
    assert.ok(free.best.objective <= partitionObjective({ pair }, planted) + 1e-12);
    assertValidBound(free, `n=${n}, no budget`);
  });
}

test('past 30 tasks measured groups replace the estimate, and priced-out unmeasured groups are avoided', () => {
  const { pair, planted } = plantedHoa(48, 8, 11);
  // A group across three clusters, measured far better than its estimate: the answer takes it.
  const across = [planted[0][0], planted[1][0], planted[2][0]].sort((a, b) => a - b);
  const measured = new Map([[groupKey(across), [0.5, 0.5, 0.5]]]);
  const r = solveHoaPartition({ pair, measured });
  assert.ok(
    r.best.groups.some((g) => groupKey(g) === groupKey(across)),
    'the measured group is chosen',
  );
  assertValidBound(r, 'measured');
  // The measured-only view: every unmeasured group of 3+ priced out, so only pairs, singles and
  // the measured group remain.
  const sizeAdjust = pair.map(() => pair.map((_, s) => (s < 3 ? 0 : 1000)).concat([1000]));
  const only = solveHoaPartition({ pair, measured, sizeAdjust });
  for (const g of only.best.groups)
    assert.ok(g.length <= 2 || measured.has(groupKey(g)), `group ${g} is measured or small`);
  assert.ok(only.best.objective < 1, 'pairs still help');
  assertValidBound(only, 'measured only');
});

test('a node limit past 30 tasks stops with status limit and a valid bound; the limit on tasks is named', () => {
  const pair = hoaInstance(40, 1, 'uniform');
  const r = solveHoaPartition({ pair, budget: 6, nodeLimit: 3 });
  assert.equal(r.status, 'limit');
  assertValidBound(r, 'uniform n=40');
  assert.ok(r.gap > 0);
  const tooMany = Array.from({ length: MAX_HOA_TASKS + 1 }, (_, i) =>
    Array.from({ length: MAX_HOA_TASKS + 1 }, (_, j) => (i === j ? 1 : 0.9)),
  );
  assert.throws(
    () => new HoaModel({ pair: tooMany }),
    new RegExp(`pair must have 1 to ${MAX_HOA_TASKS} rows \\(got ${MAX_HOA_TASKS + 1}\\)`),
  );
});
