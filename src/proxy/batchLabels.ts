import type { EncodedDataset } from '../data/types.js';
import { TASK_LOSSES } from './losses.js';

/**
 * The gradient of the training loss with respect to each logit of a batch: the loss is the sum
 * over the network's tasks of each task's mean loss over the batch rows that have its label, so
 * a labelled row gets grad(logit, label) / labelled-count, an unlabelled row 0, and a task with
 * no label in the batch contributes nothing (never NaN).
 *
 * `logits`/`out` are task-major with row stride `stride`; `rows` maps batch position → training
 * row. `bias` holds each task's head bias (added to the logits here). Returns nothing; writes
 * `out` and, per task, the sum of its logit gradients (the head-bias gradient) to `biasGrad`.
 */
export function logitGradients(dataset: EncodedDataset, taskIds: number[], rows: Int32Array,
  logits: Float32Array, bias: (p: number) => number, stride: number, out: Float32Array,
  biasGrad: (p: number, value: number) => void): void {
  const T = dataset.tasks.length;
  const m = rows.length;
  taskIds.forEach((taskId, p) => {
    const loss = TASK_LOSSES[dataset.tasks[taskId].type];
    let labelled = 0;
    for (let i = 0; i < m; i++) if (!Number.isNaN(dataset.trainY[rows[i] * T + taskId])) labelled++;
    const b = bias(p);
    const base = p * stride;
    let sum = 0;
    for (let i = 0; i < m; i++) {
      const y = dataset.trainY[rows[i] * T + taskId];
      if (Number.isNaN(y)) {
        out[base + i] = 0;
        continue;
      }
      const g = Math.fround(loss.grad(Math.fround(logits[base + i] + b), y) / labelled);
      out[base + i] = g;
      sum += g;
    }
    biasGrad(p, sum);
  });
}
