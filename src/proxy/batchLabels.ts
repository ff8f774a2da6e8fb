import type { EncodedDataset } from '../data/types.js';
import { TASK_LOSSES } from './losses.js';

/**
 * The gradient of the training loss with respect to each logit of a batch: the loss is the sum
 * over the network's tasks of each task's mean loss over the batch rows that have its label, so
 * a labelled row gets d loss / d logit ÷ labelled-count, an unlabelled row 0, and a task with
 * no label in the batch contributes nothing (never NaN). The derivatives are each task's loss's
 * (losses.ts: σ(l) − y for cross-entropy on the logit, 2(l − y) for squared error), taken once
 * per task: the loop over the logits calls one function, which V8 inlines.
 *
 * `logits`/`out` are task-major with row stride `stride`; `rows` maps batch position → training
 * row; `bias(p)` is task p's head bias (added to its logits here). Writes `out` and hands each
 * task's sum of logit gradients (its head-bias gradient) to `biasGrad`.
 */
export function logitGradients(
  dataset: EncodedDataset,
  taskIds: number[],
  rows: Int32Array,
  logits: Float32Array,
  bias: (p: number) => number,
  stride: number,
  out: Float32Array,
  biasGrad: (p: number, value: number) => void,
): void {
  const T = dataset.tasks.length;
  const m = rows.length;
  const labels = dataset.trainY;
  taskIds.forEach((taskId, p) => {
    const { grad } = TASK_LOSSES[dataset.tasks[taskId].type];
    const base = p * stride;
    let labelled = 0;
    for (let i = 0; i < m; i++)
      if (labels[rows[i] * T + taskId] === labels[rows[i] * T + taskId]) labelled++;
    const b = bias(p);
    let sum = 0;
    for (let i = 0; i < m; i++) {
      const y = labels[rows[i] * T + taskId];
      if (y !== y) {
        // NaN: no label
        out[base + i] = 0;
        continue;
      }
      const logit = Math.fround(logits[base + i] + b);
      const d = grad(logit, y);
      const g = Math.fround(d / labelled);
      out[base + i] = g;
      sum += g;
    }
    biasGrad(p, sum);
  });
}
