// simple-statistics: one small ES module (mathjs/number took about 580 ms to load for these two).
import { mean, sampleStandardDeviation } from 'simple-statistics';

/**
 * Losses measured by the proxy runs of one search, per seed. `alone[s][i]` = L_i({i}) with seed
 * s; `pair[s][i][j]` = L_i({i,j}) with seed s (the loss of task i in the pair network). A run that
 * failed leaves null.
 */
export interface SeedLosses {
  alone: (number | null)[][];
  pair: (number | null)[][][];
}

export interface TransferScores {
  /** Mean over seeds of L_i({i}). */
  lossAlone: number[];
  /** transfer[i][j] = T(j→i) = 1 − L_i({i,j}) / L_i({i}), mean over seeds; diagonal 0. */
  transfer: number[][];
  /** Standard error over seeds of transfer[i][j] (0 with one seed). */
  stderr: number[][];
  /** Seeds that measured each pair (0 = no evidence: transfer taken as 0). */
  seedsMeasured: number[][];
}

/** Mean and standard error of the mean of a sample (stderr 0 for fewer than two values). */
export function meanAndStderr(values: number[]): { mean: number; stderr: number } {
  if (values.length === 0) return { mean: NaN, stderr: 0 };
  const m = mean(values);
  const se = values.length < 2 ? 0 : sampleStandardDeviation(values) / Math.sqrt(values.length);
  return { mean: m, stderr: se };
}

/** Per-seed ratios L_i({i,j}) / L_i({i}) (null where either run is missing). */
export function pairRatios(losses: SeedLosses): (number | null)[][][] {
  return losses.pair.map((bySeed, s) =>
    bySeed.map((row, i) =>
      row.map((loss, j) => {
        const alone = losses.alone[s][i];
        if (i === j) return 1;
        return loss === null || alone === null || !(alone > 0) ? null : loss / alone;
      }),
    ),
  );
}

/**
 * Pairwise transfer scores (Standley et al. 2020): T(j→i) = 1 − L_i({i,j}) / L_i({i}) per seed, then
 * mean and standard error over seeds. Paired seeds make each seed's ratio a clean comparison.
 * Worked example: L_i({i}) = 0.50, L_i({i,j}) = 0.45 → T(j→i) = 0.10 (j helps i by 10%).
 */
export function transferScores(losses: SeedLosses): TransferScores {
  const n = losses.alone[0]?.length ?? 0;
  const ratios = pairRatios(losses);
  const lossAlone = Array.from(
    { length: n },
    (_, i) =>
      meanAndStderr(losses.alone.map((row) => row[i]).filter((v): v is number => v !== null)).mean,
  );
  const transfer: number[][] = [];
  const stderr: number[][] = [];
  const seedsMeasured: number[][] = [];
  for (let i = 0; i < n; i++) {
    transfer.push([]);
    stderr.push([]);
    seedsMeasured.push([]);
    for (let j = 0; j < n; j++) {
      const scores =
        i === j
          ? []
          : ratios
              .map((bySeed) => bySeed[i][j])
              .filter((r): r is number => r !== null)
              .map((r) => 1 - r);
      const { mean: m, stderr: se } = meanAndStderr(scores);
      transfer[i].push(scores.length ? m : 0);
      stderr[i].push(se);
      seedsMeasured[i].push(scores.length);
    }
  }
  return { lossAlone, transfer, stderr, seedsMeasured };
}

/** Assumed seed noise of a pair ratio when a search has one seed only (no spread to measure). */
export const singleSeedPairNoise = 0.01;

/**
 * Seed noise of one pair ratio L_i({i,j}) / L_i({i}) averaged over seeds: the root of the mean,
 * over ordered pairs, of the ratio's variance across seeds divided by the number of seeds (the
 * squared standard error of a mean over seeds). Worked example: two pairs whose ratios vary
 * with a standard deviation of 0.02 over 4 seeds → 0.02 / √4 = 0.01.
 */
export function pairNoise(losses: SeedLosses): number {
  const ratios = pairRatios(losses);
  const n = losses.alone[0]?.length ?? 0;
  let total = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const values = ratios.map((bySeed) => bySeed[i][j]).filter((r): r is number => r !== null);
      if (values.length < 2) continue;
      const { stderr } = meanAndStderr(values);
      total += stderr * stderr;
      count++;
    }
  }
  return count === 0 ? singleSeedPairNoise : Math.sqrt(total / count);
}
