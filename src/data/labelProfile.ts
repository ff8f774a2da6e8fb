import { isMissing, isNumberLike, parseBinary, parseNumericText } from './cells.js';
import type { CellAt } from './featureProfile.js';
import { RunningStats } from './runningStats.js';
import type { TaskType } from './types.js';

/**
 * What a task column's type and encoding depend on, gathered one cell at a time over every row:
 * the first label, the first label that is not binary, not numeric text or overflowing, whether
 * the labels vary, and the training rows' numeric statistics.
 */
export class LabelProfile {
  first: CellAt | undefined;
  notBinary: CellAt | undefined;
  notNumeric: CellAt | undefined;
  overflow: CellAt | undefined;
  /** The first label such as `NaN`, `Infinity` or `0x10` (cells.ts, isNumberLike). */
  numberLike: CellAt | undefined;
  binaryVaries = false;
  numberVaries = false;
  readonly train = new RunningStats();
  private firstBinary: 0 | 1 | undefined;
  private firstNumber: number | undefined;

  constructor(
    readonly name: string,
    /** Declared by the user, or undefined to infer it. */
    readonly declared: TaskType | undefined,
  ) {}

  add(cell: string, train: boolean, line: number): void {
    if (isMissing(cell)) return;
    const binary = parseBinary(cell);
    const number = parseNumericText(cell);
    if (this.first === undefined) {
      this.first = { cell, line };
      this.firstBinary = binary;
      this.firstNumber = number;
    }
    if (binary === undefined) this.notBinary ??= { cell, line };
    else if (binary !== this.firstBinary) this.binaryVaries = true;
    if (number === undefined) {
      if (isNumberLike(cell)) this.numberLike ??= { cell, line };
      else this.notNumeric ??= { cell, line };
    } else if (!Number.isFinite(number)) this.overflow ??= { cell, line };
    else {
      if (number !== this.firstNumber) this.numberVaries = true;
      if (train) this.train.add(number);
    }
  }
}
