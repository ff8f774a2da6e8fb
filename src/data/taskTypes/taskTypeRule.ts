import type { CellAt } from '../featureProfile.js';
import type { LabelProfile } from '../labelProfile.js';

/** A feature's leak measure on one task: what it is and its value (leakage.ts). */
export interface LeakMeasure {
  measure: 'AUC' | 'correlation';
  value: number;
}

/**
 * At or beyond this a feature alone predicts a task almost perfectly: an AUC of 0.995 either
 * way (binary), |Pearson correlation| ≥ 0.995 (regression).
 */
export const leakageThreshold = 0.995;

/**
 * What a task type means for a label column: which labels it takes, how they are encoded, what
 * is refused, and how leakage is measured. One file per type (binary.ts, regression.ts), listed
 * in index.ts; nothing else branches on a type's name. Its loss is proxy/losses.ts'.
 */
export interface TaskTypeRule {
  /** Its labels, in a message: "binary (0/1, true/false, yes/no)", "numeric". */
  readonly labels: string;
  /** The first label that is not of this type, or undefined when every label is. */
  stray(p: LabelProfile): CellAt | undefined;
  /** Why a stray label is refused when the type was declared, said after it: "(not a number)". */
  readonly strayWhy: string;
  /** Why labels of this type cannot be used although they read as such, or undefined. */
  unusable(p: LabelProfile, at: (cell: CellAt) => string): string | undefined;
  /** Whether the labels take more than one value (a constant label teaches nothing). */
  varies(p: LabelProfile): boolean;
  /** How a label cell is encoded; NaN where it is missing (that row is masked for this task). */
  encoder(p: LabelProfile): (cell: string) => number;
  /**
   * What one encoded label unit is in the column's own unit (an encoded error times this is in
   * the column's unit): 1 when labels are encoded as they are; the training split's standard
   * deviation when they are standardised.
   */
  unit(p: LabelProfile): number;
  /** Throws a data error when the training split's labels cannot be encoded meaningfully. */
  checkSpread(file: string, p: LabelProfile): void;
  /** How far a feature alone predicts labels of this type, when at the leakage threshold. */
  leak(values: number[], labels: number[]): LeakMeasure | null;
  /** How strong a leak measure is, 0 to 1 (the strongest of a column's encoded features is kept). */
  leakStrength(value: number): number;
  /**
   * The constant a network would output knowing only the training labels' mean (`output`), and
   * what it predicts in words (`predicts`): the yardstick of a diverging proxy run.
   */
  readonly trivial: { predicts: string; output(trainMean: number): number };
}
