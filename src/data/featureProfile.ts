import { isMissing, isNumberLike, parseNumericText } from './cells.js';
import { fnv1a32 } from './hashing.js';
import { RunningStats } from './runningStats.js';

export interface CategoricalOptions {
  oneHotMaxLevels: number;
  hashBuckets: number;
}

/** A cell that decides something, with the line it is on, for a message. */
export interface CellAt {
  cell: string;
  line: number;
}

/**
 * Everything the encoding of one feature column depends on, gathered one cell at a time over
 * every row of the file (the rows themselves are not kept): whether every non-empty cell is
 * numeric text, the training rows' numeric statistics and gaps, and their string levels, counted
 * exactly up to the one-hot limit and per hash bucket past it. Memory per column is bounded by
 * the one-hot limit and the bucket count, whatever the file's size or the column's cardinality.
 */
export class FeatureProfile {
  trainRows = 0;
  trainMissing = 0;
  /** Every non-empty cell so far is plain numeric text (finite or overflowing) or number-like. */
  numericText = true;
  /** Some cell is plain numeric text. */
  anyNumber = false;
  /** The first cell whose numeric text overflows a 64-bit float. */
  overflow: CellAt | undefined;
  /** The first number-like cell that is not plain decimal (`NaN`, `Infinity`, `0x10`: cells.ts). */
  numberLike: CellAt | undefined;
  /** The training rows' numbers (used when the column turns out numeric). */
  readonly numbers = new RunningStats();
  /** Every training number so far is an integer (an id-like column, encodingWarnings.ts). */
  integers = true;
  /** Distinct training values and their counts, while there are at most oneHotMaxLevels. */
  levels: Map<string, number> | undefined = new Map();
  /** Training values per FNV-1a bucket, once there are more levels than that. */
  buckets: Float64Array | undefined;

  constructor(
    readonly name: string,
    private readonly o: CategoricalOptions,
  ) {}

  add(cell: string, train: boolean, line: number): void {
    if (train) this.trainRows++;
    if (isMissing(cell)) {
      if (train) this.trainMissing++;
      return;
    }
    if (this.numericText) this.addNumber(cell, train, line);
    if (train) this.addLevel(cell);
  }

  /**
   * The column is numeric when every non-empty cell is numeric text, or number-like beside at
   * least one number (a column of `0x1f`-style ids alone is text). The numeric encoder then
   * refuses a cell that overflows or is number-like, naming its line.
   */
  get numeric(): boolean {
    return this.numericText && (this.numberLike === undefined || this.anyNumber);
  }

  private addNumber(cell: string, train: boolean, line: number): void {
    const value = parseNumericText(cell);
    if (value === undefined) {
      if (isNumberLike(cell)) this.numberLike ??= { cell, line };
      else this.numericText = false;
      return;
    }
    this.anyNumber = true;
    if (!Number.isFinite(value)) this.overflow ??= { cell, line };
    else if (train) {
      this.numbers.add(value);
      if (!Number.isInteger(value)) this.integers = false;
    }
  }

  private addLevel(cell: string): void {
    if (this.buckets) {
      this.buckets[fnv1a32(cell) % this.o.hashBuckets]++;
      return;
    }
    const levels = this.levels!;
    levels.set(cell, (levels.get(cell) ?? 0) + 1);
    if (levels.size > this.o.oneHotMaxLevels) {
      // Too many levels for one-hot: from here on only the bucket counts matter.
      this.buckets = new Float64Array(this.o.hashBuckets);
      for (const [level, count] of levels)
        this.buckets[fnv1a32(level) % this.o.hashBuckets] += count;
      this.levels = undefined;
    }
  }
}
