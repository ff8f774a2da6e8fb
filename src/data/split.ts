import { fmix32 } from '../random.js';

/** Row indices (0-based data rows) of each side of the split. */
export interface Split {
  /** Training rows, ordered by their hash: a seeded shuffle, so any prefix is a random sample. */
  train: number[];
  /** Validation rows, in file order. */
  val: number[];
}

/**
 * Where row `index` falls for `seed`, as a uniform number in [0, 1):
 * u = fmix32(fmix32(seed ^ 0x85ebca6b) ^ imul(index, 0x9e3779b1)) / 2^32.
 * Pure integer arithmetic, so every machine agrees; for a fixed seed it is one-to-one on rows.
 */
export function rowPosition(index: number, seed: number): number {
  const key = fmix32(seed ^ 0x85ebca6b) ^ Math.imul(index, 0x9e3779b1);
  return fmix32(key) / 2 ** 32;
}

/**
 * Deterministic train/validation split: row i is a validation row when its position is below
 * `valFraction`. Rows never move when other rows are added or removed, and the training rows are
 * ordered by position so that a proxy run taking "the first N training rows" gets a random
 * sample even from a file sorted by user or date.
 */
export function splitRows(rowCount: number, valFraction: number, seed: number): Split {
  const positions = new Float64Array(rowCount);
  const train: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < rowCount; i++) {
    positions[i] = rowPosition(i, seed);
    (positions[i] < valFraction ? val : train).push(i);
  }
  train.sort((a, b) => positions[a] - positions[b]);
  return { train, val };
}
