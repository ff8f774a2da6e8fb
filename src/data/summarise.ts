/** Count, mean, population standard deviation, min and max of the non-NaN values at `rows`. */
export interface Summary {
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

/**
 * Two passes (mean, then squared deviations) rather than one running sum of squares: the
 * one-pass form loses every digit on columns like timestamps whose spread is tiny next to their size.
 * A column whose values are all equal has min === max; test that, not std === 0, because the
 * mean of equal floats can be off by one ulp.
 */
export function summarise(values: ArrayLike<number>, rows: readonly number[]): Summary {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    const v = values[r];
    if (Number.isNaN(v)) continue;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = count === 0 ? 0 : sum / count;
  let squares = 0;
  for (const r of rows) {
    const v = values[r];
    if (!Number.isNaN(v)) squares += (v - mean) ** 2;
  }
  return { count, mean, std: count === 0 ? 0 : Math.sqrt(squares / count), min, max };
}
