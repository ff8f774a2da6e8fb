import { mulberry32 } from '../../src/random.js';
import { groupKey, tasksOf } from '../../src/search/bits.js';
import type { CandidateNetwork } from '../../src/search/index.js';

/** Seeded random instances for property tests. Values sit on a coarse grid so ties occur. */
export function randomHoa(
  seed: number,
  maxTasks = 9,
): {
  pair: number[][];
  budget: number;
  weights?: number[];
  measured?: Map<string, number[]>;
  topK: number;
} {
  const rng = mulberry32(seed);
  const n = 1 + Math.floor(rng() * maxTasks);
  const grid = rng() < 0.4 ? 20 : 1000; // coarse grid: many exact ties
  const pair = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      i === j ? 1 : Math.round((0.8 + 0.4 * rng()) * grid) / grid,
    ),
  );
  const weights: number[] | undefined =
    rng() < 0.5 ? undefined : Array.from({ length: n }, () => Math.floor(rng() * 3));
  if (weights && !weights.some((w) => w > 0)) weights[0] = 1;
  let measured: Map<string, number[]> | undefined;
  if (n >= 3 && rng() < 0.3) {
    measured = new Map();
    for (let m = 0; m < 4; m++) {
      const mask = Math.floor(rng() * (1 << n));
      const tasks = tasksOf(mask);
      if (tasks.length >= 3)
        measured.set(
          groupKey(tasks),
          Array.from({ length: tasks.length }, () => Math.round((0.7 + 0.5 * rng()) * 100) / 100),
        );
    }
  }
  return {
    pair,
    budget: 1 + Math.floor(rng() * n),
    weights,
    measured,
    topK: 1 + Math.floor(rng() * 5),
  };
}

/**
 * The problem with size adjustments: odd seeds, a smooth correction per task and size (either
 * sign, larger for larger groups); even seeds, the penalty that leaves only measured groups of
 * 3+ tasks affordable (the pipeline's optimistic and measured-only views).
 */
export function withSizeAdjust<P extends { pair: number[][] }>(
  base: P,
  seed: number,
): P & { sizeAdjust: number[][] } {
  const n = base.pair.length;
  let s = seed * 7919;
  const rnd = (): number => (s = (s * 16807) % 2147483647) / 2147483647;
  const sizeAdjust = Array.from({ length: n }, () => {
    const slope = (rnd() - 0.6) * 0.02;
    return Array.from({ length: n + 1 }, (_, size) =>
      seed % 2 === 1 ? slope * (size - 2) + (rnd() - 0.5) * 0.004 : 1000,
    );
  });
  return { ...base, sizeAdjust };
}

export function randomTable(
  seed: number,
  maxTasks = 6,
): { networks: CandidateNetwork[]; budget: number; weights?: number[]; topK: number } {
  const rng = mulberry32(seed);
  const n = 1 + Math.floor(rng() * maxTasks);
  const rows = 1 + Math.floor(rng() * 14);
  const networks = Array.from({ length: rows }, () => {
    const loss: (number | null)[] = Array.from({ length: n }, () =>
      rng() < 0.5 ? Math.round(rng() * 8) / 4 : null,
    );
    if (!loss.some((x) => x !== null)) loss[Math.floor(rng() * n)] = 1;
    return { cost: [0.5, 1, 1, 1.5][Math.floor(rng() * 4)], loss };
  });
  const weights = rng() < 0.5 ? undefined : Array.from({ length: n }, () => Math.floor(rng() * 3));
  return { networks, budget: Math.round(rng() * 10) / 2, weights, topK: 1 + Math.floor(rng() * 4) };
}

/**
 * A pair matrix with planted clusters: tasks dealt round-robin into `clusters` clusters, then
 * shuffled; a pair inside a cluster has relative loss 0.85-0.88, across clusters 1.02-1.08. With
 * `clusters` groups allowed, the planted partition is the only good one: any other mixes two
 * clusters somewhere, which costs far more than splitting a cluster saves.
 */
export function plantedHoa(
  n: number,
  clusters: number,
  seed: number,
): { pair: number[][]; planted: number[][] } {
  const rng = mulberry32(seed);
  const label = Array.from({ length: n }, (_, t) => t % clusters);
  for (let t = n - 1; t > 0; t--) {
    const u = Math.floor(rng() * (t + 1));
    [label[t], label[u]] = [label[u], label[t]];
  }
  const pair = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      i === j ? 1 : label[i] === label[j] ? 0.85 + 0.03 * rng() : 1.02 + 0.06 * rng(),
    ),
  );
  const planted = Array.from({ length: clusters }, (_, c) =>
    label.flatMap((l, t) => (l === c ? [t] : [])),
  );
  return { pair, planted: planted.sort((a, b) => a[0] - b[0]) };
}
