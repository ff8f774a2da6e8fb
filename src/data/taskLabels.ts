import { tableFormatOf } from './tableFormats.js';
import { dataError } from '../errors.js';
import {
  isMissing,
  OVERFLOWS,
  parseBinary,
  parseNumber,
  parseNumericText,
  quoteCell,
} from './cells.js';
import type { CellAt } from './featureProfile.js';
import { RunningStats } from './runningStats.js';
import type { TaskType } from './types.js';

const BINARY_WORDS = '0/1, true/false, yes/no';

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
    if (number === undefined) this.notNumeric ??= { cell, line };
    else if (!Number.isFinite(number)) this.overflow ??= { cell, line };
    else {
      if (number !== this.firstNumber) this.numberVaries = true;
      if (train) this.train.add(number);
    }
  }
}

/**
 * The task's type: the declared one after checking every label fits it, or the inferred one
 * (every label binary → binary; else every label numeric → regression). Throws a UsageError
 * naming the column, an offending value and its line otherwise (a number too large for a double
 * included: read as text it would make a regression task "neither binary nor numeric" for a
 * reason the user cannot see), or when the column has no labels or one constant label.
 */
export function resolveTaskType(file: string, p: LabelProfile): TaskType {
  const at = (c: CellAt) => `${tableFormatOf(file).place(c.line)} has ${quoteCell(c.cell)}`;
  if (p.first === undefined)
    throw dataError(`${file}: task column "${p.name}" has no labels (every cell is empty)`);
  let type: TaskType;
  if (p.declared === 'binary') {
    if (p.notBinary)
      throw dataError(
        `${file}: task "${p.name}" is binary but ${at(p.notBinary)} (binary labels are ${BINARY_WORDS})`,
      );
    type = 'binary';
  } else if (p.declared === undefined && !p.notBinary) {
    type = 'binary';
  } else {
    if (p.notNumeric) {
      const reason =
        p.declared === 'regression'
          ? `is regression but ${at(p.notNumeric)} (not a number)`
          : `is neither binary (${BINARY_WORDS}) nor numeric: ${at(p.notNumeric)}`;
      throw dataError(`${file}: task "${p.name}" ${reason}`);
    }
    if (p.overflow)
      throw dataError(`${file}: task "${p.name}" is numeric but ${at(p.overflow)}, ${OVERFLOWS}`);
    type = 'regression';
  }
  if (!(type === 'binary' ? p.binaryVaries : p.numberVaries)) {
    throw dataError(
      `${file}: task "${p.name}" has a constant label (every labelled row is ${quoteCell(p.first.cell)})`,
    );
  }
  return type;
}

/**
 * How a label cell is encoded: binary as 0/1, regression standardised with the training split's
 * mean and standard deviation, NaN where the label is missing (that row is masked for this task
 * only). checkLabelSpread says whether the standardised values mean anything.
 */
export function labelEncoder(p: LabelProfile, type: TaskType): (cell: string) => number {
  if (type === 'binary') return (cell) => (isMissing(cell) ? NaN : parseBinary(cell)!);
  const { mean, std } = p.train;
  return (cell) => (isMissing(cell) ? NaN : (parseNumber(cell)! - mean) / std);
}

/** Throws when a regression task's training labels are constant or too spread for a double. */
export function checkLabelSpread(file: string, p: LabelProfile, type: TaskType): void {
  if (type === 'binary') return;
  const { scale } = p.train;
  if (scale === 0)
    throw dataError(`${file}: task "${p.name}" has a constant label on the training split`);
  if (scale === undefined) {
    throw dataError(
      `${file}: task "${p.name}" has labels too large to standardise (their spread overflows a 64-bit float); rescale the column`,
    );
  }
}

/** Throws when the rows of one side of the split hold no label of a task. */
export function checkSideHasLabels(
  file: string,
  task: string,
  side: SideRows,
  labelled: number,
): void {
  if (labelled > 0) return;
  const rows =
    side.kept < side.total ? `${side.kept} rows kept of ${side.total}` : `${side.total} rows`;
  throw dataError(
    `${file}: the ${side.name} split (${rows}) has no label for task "${task}"; ` +
      'use more rows, another valFraction or another splitSeed',
  );
}

export interface SideRows {
  name: 'training' | 'validation';
  kept: number;
  total: number;
}
