import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../data/types.js';
import { InternalError, InterruptedError } from '../errors.js';
import { initialParams } from './init.js';
import { ADAM } from './kernels/kernelParams.js';
import { NetworkLayout } from './layout.js';
import { PlainNetwork } from './plainNetwork.js';
import { epochOrder } from './prng.js';
import {
  BestLosses,
  epochsOf,
  runRows,
  validationLosses,
  type ValidationPass,
} from './schedule.js';
import { checkSpec } from './trainRuns.js';
import type { RunResult, RunSpec } from './types.js';

/**
 * The runs `specs`, one after the other, on the tfjs backend active in this thread (see
 * backend.ts); `name` is what each result records as its backend. Tensors are freed inside each
 * run: a leak is thrown as an internal error rather than left to slowly kill the worker.
 */
export function trainPlainRuns(
  dataset: EncodedDataset,
  specs: RunSpec[],
  name: string,
  shouldStop: () => boolean = () => false,
): RunResult[] {
  specs.forEach((spec) => checkSpec(dataset, spec));
  const before = tf.memory().numTensors;
  const results = specs.map((spec) => trainPlain(dataset, spec, name, Infinity, shouldStop));
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) throw new InternalError(`training leaked ${leaked} tensors`);
  return results;
}

/**
 * One proxy run the plain tfjs way: `optimizer.minimize` over autograd, same initial weights,
 * same batches and same Adam as the kernels. On tfjs-wasm this is ~20× slower than the kernels
 * (bench:train), so it serves other backends, the tests' reference and the bench's baseline.
 * `steps` stops early after that many batches (tests compare a few steps). `shouldStop` is read
 * once per batch; when it says stop, the run throws an InterruptedError.
 */
export function trainPlain(
  dataset: EncodedDataset,
  spec: RunSpec,
  backend: string,
  steps = Infinity,
  shouldStop: () => boolean = () => false,
): RunResult {
  const started = performance.now();
  const { settings, seed } = spec;
  const layout = new NetworkLayout(dataset.dim, settings, spec.tasks.length);
  const net = new PlainNetwork(layout, initialParams(layout, seed, spec.tasks));
  const optimizer = tf.train.adam(settings.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  const rows = runRows(settings, dataset.trainRows);
  const types = spec.tasks.map((t) => dataset.tasks[t].type);
  const best = new BestLosses();
  let done = 0;
  try {
    for (let epoch = 0; epoch < epochsOf(settings, dataset.trainRows) && done < steps; epoch++) {
      const order = epochOrder(rows, seed, epoch);
      for (let start = 0; start < rows && done < steps; start += settings.batchSize, done++) {
        if (shouldStop()) throw new InterruptedError('training stopped before the run finished');
        const batch = order.subarray(start, Math.min(rows, start + settings.batchSize));
        tf.tidy(() => {
          const x = tf.tensor2d(gatherRows(dataset.trainX, dataset.dim, batch), [
            batch.length,
            dataset.dim,
          ]);
          const { labels, masks, counts } = batchLabels(dataset, spec.tasks, batch);
          optimizer.minimize(
            () => net.loss(x, types, labels, masks, counts),
            false,
            net.variables(),
          );
        });
      }
      best.update(plainValidationLosses(dataset, spec.tasks, net, settings.batchSize));
    }
    return {
      key: spec.key,
      losses: best.values,
      metrics: best.metrics(dataset, spec.tasks),
      backend,
      trainMs: Math.round(performance.now() - started),
    };
  } finally {
    optimizer.dispose();
    net.dispose();
  }
}

/** Mean validation loss and logits per task, the network's logits computed by tfjs. */
export function plainValidationLosses(
  dataset: EncodedDataset,
  taskIds: number[],
  net: PlainNetwork,
  chunk: number,
): ValidationPass {
  return validationLosses(dataset, taskIds, chunk, (start, m) => {
    const values = tf.tidy(() => {
      const x = tf.tensor2d(dataset.valX.subarray(start * dataset.dim, (start + m) * dataset.dim), [
        m,
        dataset.dim,
      ]);
      return net.logits(x).map((l) => l.dataSync() as Float32Array);
    });
    return (p, i) => values[p][i];
  });
}

export function gatherRows(source: Float32Array, dim: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => out.set(source.subarray(row * dim, row * dim + dim), i * dim));
  return out;
}

/** Per task: labels with missing ones as 0, the mask of present ones, and their count. */
export function batchLabels(dataset: EncodedDataset, taskIds: number[], rows: Int32Array) {
  const T = dataset.tasks.length;
  const labels: tf.Tensor2D[] = [];
  const masks: tf.Tensor2D[] = [];
  const counts: number[] = [];
  for (const taskId of taskIds) {
    const y = new Float32Array(rows.length);
    const mask = new Float32Array(rows.length);
    let count = 0;
    rows.forEach((row, i) => {
      const v = dataset.trainY[row * T + taskId];
      if (!Number.isNaN(v)) {
        y[i] = v;
        mask[i] = 1;
        count++;
      }
    });
    labels.push(tf.tensor2d(y, [rows.length, 1]));
    masks.push(tf.tensor2d(mask, [rows.length, 1]));
    counts.push(count);
  }
  return { labels, masks, counts };
}
