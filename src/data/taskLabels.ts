import { tableFormatOf } from './tableFormats.js';
import { dataError } from '../errors.js';
import { quoteCell } from './cells.js';
import type { CellAt } from './featureProfile.js';
import type { LabelProfile } from './labelProfile.js';
import { inferenceOrder, taskTypeRules } from './taskTypes/index.js';
import type { TaskType } from './types.js';

/**
 * The task's type: the declared one after checking every label fits it, or the first type whose
 * labels every cell fits (taskTypes/index.ts: binary, else regression). Throws a UsageError
 * naming the column, an offending value and its line otherwise (a type's unusable labels, such as
 * a number too large for a double, included), or when the column has no labels or one constant
 * label.
 */
export function resolveTaskType(file: string, p: LabelProfile): TaskType {
  const at = (c: CellAt) => `${tableFormatOf(file).place(c.line)} has ${quoteCell(c.cell)}`;
  if (p.first === undefined)
    throw dataError(`${file}: task column "${p.name}" has no labels (every cell is empty)`);
  const type = p.declared ?? inferenceOrder.find(([, rule]) => !rule.stray(p))?.[0];
  if (type === undefined) {
    const [, last] = inferenceOrder[inferenceOrder.length - 1];
    const kinds = inferenceOrder.map(([, rule]) => rule.labels).join(' nor ');
    throw dataError(`${file}: task "${p.name}" is neither ${kinds}: ${at(last.stray(p)!)}`);
  }
  const rule = taskTypeRules[type];
  const stray = rule.stray(p);
  if (stray)
    throw dataError(`${file}: task "${p.name}" is ${type} but ${at(stray)} ${rule.strayWhy}`);
  const unusable = rule.unusable(p, at);
  if (unusable) throw dataError(`${file}: task "${p.name}" ${unusable}`);
  if (!rule.varies(p)) {
    throw dataError(
      `${file}: task "${p.name}" has a constant label (every labelled row is ${quoteCell(p.first.cell)})`,
    );
  }
  return type;
}

/**
 * How a label cell is encoded (its type's rule: binary as 0/1, regression standardised with the
 * training split's mean and standard deviation), NaN where the label is missing (that row is
 * masked for this task only). checkLabelSpread says whether the encoded values mean anything.
 */
export const labelEncoder = (p: LabelProfile, type: TaskType): ((cell: string) => number) =>
  taskTypeRules[type].encoder(p);

/** One encoded label unit in the column's unit (its type's rule: 1, or the standard deviation). */
export const labelUnit = (p: LabelProfile, type: TaskType): number => taskTypeRules[type].unit(p);

/** Throws when a task's training labels cannot be encoded meaningfully (its type's rule). */
export const checkLabelSpread = (file: string, p: LabelProfile, type: TaskType): void =>
  taskTypeRules[type].checkSpread(file, p);

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
