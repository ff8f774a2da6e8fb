import type * as tf from '@tensorflow/tfjs';

/** TensorFlow.js as plainNetwork.ts hands it over: a type only, so no loss loads it. */
export type Tf = typeof tf;

/**
 * One task type's loss on a logit (or prediction) and a label, in every form a trainer needs:
 * per row with its derivative (the kernels' validation and logit gradients), summed over a
 * batch (the lookahead affinity), and on tensors (the plain TensorFlow.js network). The forms
 * compute the same function; each keeps the operation order its trainer's numbers rest on. A
 * missing label (NaN) is masked by the callers, or skipped by `batchSum`.
 */
export interface TaskLoss {
  value(logit: number, label: number): number;
  /** d value / d logit. */
  grad(logit: number, label: number): number;
  /** Σ of `value` over a batch's labelled rows: logits[base + i] + bias against labels[i]. */
  batchSum(logits: Float32Array, base: number, bias: number, labels: Float32Array): number;
  /** `value` elementwise on tensors. */
  tensor(tfjs: Tf, logit: tf.Tensor, label: tf.Tensor): tf.Tensor;
}
