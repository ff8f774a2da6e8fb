/**
 * The instances of `npm run bench:solver`, apart so that scripts and tests can build the same
 * ones without running the benchmark.
 */
import { mulberry32 } from '../src/random.js';
import type { CandidateNetwork } from '../src/search/index.js';

export type Family = 'uniform' | 'clustered';

export function hoaInstance(n: number, seed: number, family: Family): number[][] {
  const rng = mulberry32(seed * 1009 + n);
  const clusters = Math.max(2, Math.round(n / 4));
  const cluster = Array.from({ length: n }, () => Math.floor(rng() * clusters));
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      if (i === j) return 1;
      const transfer =
        family === 'uniform'
          ? -0.1 + 0.2 * rng()
          : cluster[i] === cluster[j]
            ? 0.1 * rng()
            : -0.08 + 0.12 * rng();
      return 1 - transfer;
    }),
  );
}

/** All 2^n − 1 full networks (cost 1) and n half-size singles (cost 0.5); losses from a base
 *  loss per task, pairwise transfers averaged over the group, noise and a capacity penalty. */
export function standleyLike(n: number, seed: number): CandidateNetwork[] {
  const rng = mulberry32(seed);
  const base = Array.from({ length: n }, () => 0.05 + rng() * 0.2);
  const transfer = Array.from({ length: n }, () =>
    Array.from({ length: n }, () => (rng() - 0.5) * 0.2),
  );
  const networks: CandidateNetwork[] = base.map((b, t) => ({
    cost: 0.5,
    loss: base.map((_, u) => (u === t ? b * (1 + rng() * 0.06) : null)),
  }));
  for (let mask = 1; mask < 1 << n; mask++) {
    const members = base.flatMap((_, t) => (mask & (1 << t) ? [t] : []));
    networks.push({
      cost: 1,
      loss: base.map((b, t) => {
        if (!(mask & (1 << t))) return null;
        const others = members.filter((u) => u !== t);
        const gain = others.length
          ? others.reduce((a, u) => a + transfer[t][u], 0) / others.length
          : 0;
        return b * (1 - gain + 0.02 * (rng() - 0.5) + 0.005 * others.length);
      }),
    });
  }
  return networks;
}
