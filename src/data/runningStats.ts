/**
 * Count, mean, population standard deviation, min and max of a stream of numbers, updated one
 * value at a time (Welford's method), so that a column's statistics over every training row need
 * none of the rows kept. Unlike a running sum of squares, Welford's update keeps its digits on
 * columns whose spread is tiny next to their size (timestamps). Written out, not taken from a
 * library: its arithmetic is part of the encoding (and so of the fingerprint's meaning), and it
 * is six lines.
 *
 * A column whose values are all equal has min === max; test that, not std === 0, because the
 * mean of equal floats can be off by one ulp.
 */
export class RunningStats {
  count = 0;
  mean = 0;
  min = Infinity;
  max = -Infinity;
  /** Sum of squared deviations from the running mean. */
  private squares = 0;

  add(value: number): void {
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.squares += delta * (value - this.mean);
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  get std(): number {
    return this.count === 0 ? 0 : Math.sqrt(this.squares / this.count);
  }

  /**
   * 1 / std for standardising, or 0 when the values are all equal (or absent). Undefined when a
   * 64-bit float cannot hold the statistics (values beyond about ±1e154 square past the largest
   * double): the caller refuses such a column rather than fill it with infinities.
   */
  get scale(): number | undefined {
    if (!(this.min < this.max)) return 0;
    const scale = 1 / this.std;
    return Number.isFinite(this.mean) && Number.isFinite(scale) && scale > 0 ? scale : undefined;
  }
}
