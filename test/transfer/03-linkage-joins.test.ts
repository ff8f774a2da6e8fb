import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averageLinkage, bestJoins } from '../../src/transfer/index.js';

// Two planted clusters {0,1,2,3} and {4,5,6,7} whose pair estimates help inside (r = 0.97) and
// hurt across (r = 1.03). Task 3's estimates are off, as an untrained pair's can be: no help
// from its own cluster (r = 1.00), a little harm from the other (1.01).
function relative(): number[][] {
  const cluster = (t: number) => (t < 4 ? 0 : 1);
  return Array.from({ length: 8 }, (_, i) =>
    Array.from({ length: 8 }, (_, j) => {
      if (i === j) return 1;
      const same = cluster(i) === cluster(j);
      if (i === 3 || j === 3) return same ? 1.0 : 1.01;
      return same ? 0.97 : 1.03;
    }),
  );
}

test('the linkage leaves a task whose estimates are off alone; its best join is its own cluster', () => {
  const clusters = averageLinkage(relative());
  assert.deepEqual(clusters, [[0, 1, 2], [3], [4, 5, 6, 7]]);
  // The two large clusters link at about 1.03: no close call below 1.01.
  assert.deepEqual(bestJoins(relative(), clusters, 1.01), [[0, 1, 2, 3]]);
  // Below 1.05 it is one: merged once, though each is the other's best.
  assert.deepEqual(bestJoins(relative(), clusters, 1.05), [
    [0, 1, 2, 3],
    [0, 1, 2, 4, 5, 6, 7],
  ]);
});

test('a cluster the linkage split in two is measured whole; nothing when no cluster is large', () => {
  const halves = [
    [0, 1, 2, 3],
    [4, 5],
    [6, 7, 8, 9],
    [10, 11, 12, 13],
  ];
  // Pairs inside a half help (0.97); across the halves {6..9} and {10..13} of one planted
  // cluster they do not quite (1.00); anything else hurts (1.03).
  const half = (t: number) => halves.findIndex((h) => h.includes(t));
  const r = Array.from({ length: 14 }, (_, i) =>
    Array.from({ length: 14 }, (_, j) => {
      if (i === j || half(i) === half(j)) return i === j ? 1 : 0.97;
      return i >= 6 && j >= 6 ? 1.0 : 1.03;
    }),
  );
  assert.deepEqual(averageLinkage(r), halves);
  // {4, 5} joins its best large cluster; the halves link at 1.00, a close call below 1.01.
  assert.deepEqual(bestJoins(r, halves, 1.01), [
    [0, 1, 2, 3, 4, 5],
    [6, 7, 8, 9, 10, 11, 12, 13],
  ]);
  assert.deepEqual(bestJoins(r, [[0, 1], [2], [3]], 1.01), []);
});

test('two tasks left out of the same cluster: each joined alone, then both together', () => {
  // Tasks 2 and 3 are both off: {0, 1} is what the linkage keeps of their cluster.
  const off = new Set([2, 3]);
  const cluster = (t: number) => (t < 4 ? 0 : 1);
  const r = Array.from({ length: 8 }, (_, i) =>
    Array.from({ length: 8 }, (_, j) => {
      if (i === j) return 1;
      const same = cluster(i) === cluster(j);
      if (off.has(i) || off.has(j)) return same ? 1.0 : 1.01;
      return same ? 0.97 : 1.03;
    }),
  );
  const clusters = averageLinkage(r);
  assert.deepEqual(clusters, [[0, 1], [2], [3], [4, 5, 6, 7]]);
  // With `least` 2, {0, 1} counts as large, and both link to it best (1.00 against 1.01).
  assert.deepEqual(bestJoins(r, clusters, 1.01, 2), [
    [0, 1, 2],
    [0, 1, 3],
    [0, 1, 2, 3],
  ]);
});
