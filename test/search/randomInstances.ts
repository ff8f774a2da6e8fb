import { mulberry32 } from '../../src/random.js';
import type { CandidateNetwork } from '../../src/search/index.js';

/** Seeded random instances for property tests. Values sit on a coarse grid so ties occur. */
export function randomHoa(seed: number, maxTasks = 9): { pair: number[][]; maxGroups: number; weights?: number[]; measured?: Map<number, number[]>; topK: number } {
  const rng = mulberry32(seed);
  const n = 1 + Math.floor(rng() * maxTasks);
  const grid = rng() < 0.4 ? 20 : 1000; // coarse grid: many exact ties
  const pair = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : Math.round((0.8 + 0.4 * rng()) * grid) / grid)));
  const weights: number[] | undefined = rng() < 0.5 ? undefined : Array.from({ length: n }, () => Math.floor(rng() * 3));
  if (weights && !weights.some((w) => w > 0)) weights[0] = 1;
  let measured: Map<number, number[]> | undefined;
  if (n >= 3 && rng() < 0.3) {
    measured = new Map();
    for (let m = 0; m < 4; m++) {
      const mask = Math.floor(rng() * (1 << n));
      const size = popcount(mask);
      if (size >= 3) measured.set(mask, Array.from({ length: size }, () => Math.round((0.7 + 0.5 * rng()) * 100) / 100));
    }
  }
  return { pair, maxGroups: 1 + Math.floor(rng() * n), weights, measured, topK: 1 + Math.floor(rng() * 5) };
}

export function randomTable(seed: number, maxTasks = 6): { networks: CandidateNetwork[]; budget: number; weights?: number[]; topK: number } {
  const rng = mulberry32(seed);
  const n = 1 + Math.floor(rng() * maxTasks);
  const rows = 1 + Math.floor(rng() * 14);
  const networks = Array.from({ length: rows }, () => {
    const loss: (number | null)[] = Array.from({ length: n }, () => (rng() < 0.5 ? Math.round(rng() * 8) / 4 : null));
    if (!loss.some((x) => x !== null)) loss[Math.floor(rng() * n)] = 1;
    return { cost: [0.5, 1, 1, 1.5][Math.floor(rng() * 4)], loss };
  });
  const weights = rng() < 0.5 ? undefined : Array.from({ length: n }, () => Math.floor(rng() * 3));
  return { networks, budget: Math.round(rng() * 10) / 2, weights, topK: 1 + Math.floor(rng() * 4) };
}

function popcount(x: number): number {
  let c = 0;
  for (; x !== 0; x &= x - 1) c++;
  return c;
}
