/**
 * What a data scientist reads beside a task's loss: one metric per task type (metrics.ts lists
 * them, one file each here), computed on the validation rows that have the task's label, from
 * the network's logits at the task's best epoch (the epoch whose loss the run reports).
 */
export interface TaskMetric {
  /** Its name in reports: `AUC`, `RMSE`. */
  readonly name: 'AUC' | 'RMSE';
  /** Which way is better. */
  readonly better: 'higher' | 'lower';
  /**
   * Its value from the logits and labels of the labelled validation rows (same order, same
   * length). `unit` converts an encoded label back to the column's unit (regression labels are
   * standardised: the training split's standard deviation; 1 otherwise). NaN when the rows
   * cannot give it (an AUC without both classes).
   */
  value(logits: Float32Array, labels: Float32Array, unit: number): number;
}
