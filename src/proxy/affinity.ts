import type { EncodedDataset } from '../data/types.js';
import { dataError } from '../errors.js';
import { TASK_LOSSES, type TaskLoss } from './losses.js';

/**
 * The lookahead affinity of Fifty et al. (NeurIPS 2021, "TAG"), summed over a run: at a
 * lookahead step, the shared bottom takes one plain SGD step on task j's loss alone, and every
 * task i's loss on the same batch is read before and after:
 *
 *   Z(j→i) = 1 − L_i(after j's step) / L_i(before)
 *
 * Positive: a step for j helps i. Z(i→i), the self-affinity, is what a step does for its own
 * task, the scale the others compare with. With a step at the learning rate, off-diagonal Z is
 * of the order of 1e-5, so the sums are float64: float32 sums of a few hundred such terms would
 * lose the small ones.
 *
 * The matrix is n × n row-major with Z(j→i) at [i·n + j]: row i is the task affected (the
 * convention of the transfer matrix). Each entry is the mean over the
 * lookahead steps whose batch has labels of both tasks: a task without a label in the batch has
 * no loss to read, and its gradient is zero, so its step would measure nothing.
 *
 * Worked example: L_i falls from 0.500 to 0.499 after j's step, Z(j→i) = 1 − 0.499/0.5 = 0.002.
 */
export class AffinitySums {
  readonly tasks: number;
  /** Lookahead steps taken. */
  steps = 0;
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;
  /** Per task position: its loss (losses.ts). */
  private readonly losses: TaskLoss[];
  private readonly dataset: EncodedDataset;
  private readonly taskIds: number[];
  /** This step's labels, task-major (tasks × batch rows), and how many each task has. */
  private labels = new Float32Array(0);
  private readonly labelled: Int32Array;
  private readonly before: Float64Array;
  private rows = 0;

  constructor(dataset: EncodedDataset, taskIds: number[]) {
    this.dataset = dataset;
    this.taskIds = taskIds;
    this.tasks = taskIds.length;
    this.sums = new Float64Array(this.tasks * this.tasks);
    this.counts = new Float64Array(this.tasks * this.tasks);
    this.losses = taskIds.map((t) => TASK_LOSSES[dataset.tasks[t].type]);
    this.labelled = new Int32Array(this.tasks);
    this.before = new Float64Array(this.tasks);
  }

  /**
   * Starts a lookahead step on the training rows `batchRows`: `logits` (task-major, row stride
   * `stride`, without the head bias `bias(p)`) are the network's before any lookahead.
   */
  begin(
    batchRows: Int32Array,
    logits: Float32Array,
    stride: number,
    bias: (p: number) => number,
  ): void {
    const n = this.tasks;
    const m = batchRows.length;
    const T = this.dataset.tasks.length;
    if (this.labels.length < n * m) this.labels = new Float32Array(n * m);
    this.rows = m;
    for (let p = 0; p < n; p++) {
      let count = 0;
      for (let i = 0; i < m; i++) {
        const y = this.dataset.trainY[batchRows[i] * T + this.taskIds[p]];
        this.labels[p * m + i] = y;
        if (y === y) count++;
      }
      this.labelled[p] = count;
      this.before[p] = count > 0 ? this.batchLoss(p, logits, stride, bias(p)) : NaN;
    }
  }

  /** Whether task position p has a label in this step's batch (else its step measures nothing). */
  hasLabels(p: number): boolean {
    return this.labelled[p] > 0;
  }

  /** Adds Z(j→i) for every task i, from the logits after task position j's lookahead step. */
  add(j: number, logits: Float32Array, stride: number, bias: (p: number) => number): void {
    const n = this.tasks;
    for (let i = 0; i < n; i++) {
      if (!(this.before[i] > 0)) continue; // no label, or a loss of exactly 0: no ratio
      const after = this.batchLoss(i, logits, stride, bias(i));
      this.sums[i * n + j] += 1 - after / this.before[i];
      this.counts[i * n + j]++;
    }
  }

  /** Ends the lookahead step. */
  end(): void {
    this.steps++;
  }

  /** The mean of every Z(j→i) over the run, at [i·n + j]; a data error for a pair never measured. */
  mean(): number[] {
    const n = this.tasks;
    return Array.from(this.sums, (sum, x) => {
      if (this.counts[x] === 0) {
        const name = (p: number) => `"${this.dataset.tasks[this.taskIds[p]].name}"`;
        throw dataError(
          `task columns ${name(x % n)} and ${name(Math.floor(x / n))} never both have a label ` +
            'in a lookahead batch: use more rows, a larger batch or more frequent lookahead steps',
        );
      }
      return sum / this.counts[x];
    });
  }

  /** Task position p's mean loss over this batch's labelled rows (float64, as validation's). */
  private batchLoss(p: number, logits: Float32Array, stride: number, bias: number): number {
    const m = this.rows;
    const base = p * stride;
    const labels = this.labels.subarray(p * m, p * m + m);
    return this.losses[p].batchSum(logits, base, bias, labels) / this.labelled[p];
  }
}
