import { dataError } from '../errors.js';
import { isMissing, parseBinary, parseNumber, quoteCell } from './cells.js';
import { summarise } from './summarise.js';
import type { Split } from './split.js';
import type { TaskType } from './types.js';

/** One task column as read from the file. */
export interface TaskColumn {
  name: string;
  /** Declared by the user, or undefined to infer it. */
  type?: TaskType;
  cells: string[];
}

const BINARY_WORDS = '0/1, true/false, yes/no';

/**
 * The task's type: the declared one after checking every label fits it, or the inferred one
 * (every label binary → binary; else every label numeric → regression). Throws a UsageError
 * naming the column, an offending value and its line otherwise, or when the column has no
 * labels or one constant label.
 */
export function resolveTaskType(file: string, task: TaskColumn, lines: number[]): TaskType {
  const at = (i: number) => `line ${lines[i]} has ${quoteCell(task.cells[i])}`;
  const labelled = task.cells.findIndex((c) => !isMissing(c));
  if (labelled < 0) throw dataError(`${file}: task column "${task.name}" has no labels (every cell is empty)`);
  const notBinary = firstLabel(task.cells, (c) => parseBinary(c) === undefined);
  const notNumber = firstLabel(task.cells, (c) => parseNumber(c) === undefined);
  let type: TaskType;
  if (task.type === 'binary') {
    if (notBinary >= 0) {
      throw dataError(`${file}: task "${task.name}" is binary but ${at(notBinary)} (binary labels are ${BINARY_WORDS})`);
    }
    type = 'binary';
  } else if (task.type === 'regression') {
    if (notNumber >= 0) throw dataError(`${file}: task "${task.name}" is regression but ${at(notNumber)} (not a number)`);
    type = 'regression';
  } else if (notBinary < 0) {
    type = 'binary';
  } else if (notNumber < 0) {
    type = 'regression';
  } else {
    throw dataError(`${file}: task "${task.name}" is neither binary (${BINARY_WORDS}) nor numeric: ${at(notNumber)}`);
  }
  checkNotConstant(file, task, type, labelled);
  return type;
}

function checkNotConstant(file: string, task: TaskColumn, type: TaskType, first: number): void {
  const read = type === 'binary' ? parseBinary : parseNumber;
  const value = read(task.cells[first]);
  if (task.cells.every((c) => isMissing(c) || read(c) === value)) {
    throw dataError(
      `${file}: task "${task.name}" has a constant label (every labelled row is ${quoteCell(task.cells[first])})`,
    );
  }
}

const firstLabel = (cells: string[], bad: (cell: string) => boolean): number =>
  cells.findIndex((c) => !isMissing(c) && bad(c));

/**
 * The task's labels for every row: binary as 0/1, regression standardised with the training
 * split's mean and standard deviation, NaN where the label is missing (that row is masked for
 * this task only). Throws when a side of the split holds no label of the task.
 */
export function encodeLabels(file: string, task: TaskColumn & { type: TaskType }, split: Split): Float64Array {
  const labels = new Float64Array(task.cells.length);
  const read = task.type === 'binary' ? parseBinary : parseNumber;
  task.cells.forEach((c, i) => (labels[i] = isMissing(c) ? NaN : read(c)!));
  checkSideHasLabels(file, task.name, labels, split.train, 'training');
  checkSideHasLabels(file, task.name, labels, split.val, 'validation');
  if (task.type === 'regression') standardise(file, task.name, labels, split.train);
  return labels;
}

function checkSideHasLabels(file: string, name: string, labels: Float64Array, rows: number[], side: string): void {
  if (rows.some((r) => !Number.isNaN(labels[r]))) return;
  throw dataError(
    `${file}: the ${side} split (${rows.length} rows) has no label for task "${name}"; ` +
      'use more rows, another valFraction or another splitSeed',
  );
}

function standardise(file: string, name: string, labels: Float64Array, train: number[]): void {
  const { mean, std, min, max } = summarise(labels, train);
  if (min === max) throw dataError(`${file}: task "${name}" has a constant label on the training split`);
  for (let i = 0; i < labels.length; i++) labels[i] = (labels[i] - mean) / std;
}
