import type { EncodedDataset } from '../data/types.js';
import { dataError } from '../errors.js';
import { MaskedMean, TASK_LOSSES } from './losses.js';
import { TASK_METRICS } from './metrics.js';
import type { ProxySettings } from './types.js';

/**
 * How long a proxy run trains and which of its losses counts, shared by every trainer.
 *
 * Length: at least `epochs` passes over the run's rows, and more on small data so that every
 * run takes at least `minSteps` optimiser steps. With 1,923 training rows, 4 epochs of batch
 * 256 are 32 steps: the networks are still far from what they can learn, and a task's loss
 * moves more with the seed than with its partners.
 *
 * Loss: each task's validation loss at the end of every epoch, and the least of them (early
 * stopping, per task). On small data a network overfits within a few epochs, and a loss read at
 * the last epoch then measures how fast each subset overfits rather than what training it
 * together brings; the best epoch measures what a team would ship. Scored on exhaustive tables
 * (every subset trained, yeast and small synthetic data), the last-epoch loss swung from a 38 %
 * gain to none between 16 and 32 epochs, while the best-epoch loss stayed within 0.1 % from
 * 48 steps on.
 */
export const minStepsDefault = 200;

/** Rows a run trains on: the first `settings.rows` of the training split. */
export const runRows = (settings: ProxySettings, trainRows: number): number =>
  Math.min(settings.rows, trainRows);

/** Epochs a run trains: `epochs`, or more when that many passes are fewer than `minSteps` steps. */
export function epochsOf(settings: ProxySettings, trainRows: number): number {
  const batches = Math.max(1, Math.ceil(runRows(settings, trainRows) / settings.batchSize));
  return Math.max(settings.epochs, Math.ceil(settings.minSteps / batches));
}

/** One epoch end's validation: each task's mean loss, and its logits on its labelled rows. */
export interface ValidationPass {
  losses: number[];
  /** Per task position: the logit of each validation row with the task's label, in row order. */
  logits: Float32Array[];
}

/**
 * Per task, the least validation loss over the epoch ends seen so far, and the logits of that
 * epoch, from which its metric (metrics.ts) is read once the run ends: the metric a report
 * shows is that of the network whose loss it shows.
 */
export class BestLosses {
  private best: ValidationPass | null = null;

  update(pass: ValidationPass): void {
    if (this.best === null) {
      this.best = { losses: [...pass.losses], logits: [...pass.logits] };
      return;
    }
    const best = this.best;
    pass.losses.forEach((loss, p) => {
      if (loss < best.losses[p]) {
        best.losses[p] = loss;
        best.logits[p] = pass.logits[p];
      }
    });
  }

  get values(): number[] {
    if (this.best === null) throw new Error('no validation losses yet');
    return this.best.losses;
  }

  /** Each task's metric at its best epoch (NaN where the rows cannot give it). */
  metrics(dataset: EncodedDataset, taskIds: number[]): number[] {
    if (this.best === null) throw new Error('no validation losses yet');
    const { logits } = this.best;
    return taskIds.map((taskId, p) => {
      const task = dataset.tasks[taskId];
      return TASK_METRICS[task.type].value(
        logits[p],
        labelledValues(dataset, taskId),
        task.unit ?? 1,
      );
    });
  }
}

/** The validation labels of a task, on the rows that have one, in row order. */
function labelledValues(dataset: EncodedDataset, taskId: number): Float32Array {
  const T = dataset.tasks.length;
  const values: number[] = [];
  for (let i = 0; i < dataset.valRows; i++) {
    const y = dataset.valY[i * T + taskId];
    if (!Number.isNaN(y)) values.push(y);
  }
  return Float32Array.from(values);
}

/**
 * Each task's mean validation loss over the validation rows that have its label, and its
 * logits on those rows, in chunks of `chunk` rows; `logitsOf(start, m)` returns the chunk's
 * logit of task position p and row i.
 */
export function validationLosses(
  dataset: EncodedDataset,
  taskIds: number[],
  chunk: number,
  logitsOf: (start: number, m: number) => (p: number, i: number) => number,
): ValidationPass {
  const T = dataset.tasks.length;
  const means = taskIds.map(() => new MaskedMean());
  const kept = taskIds.map(() => [] as number[]);
  for (let start = 0; start < dataset.valRows; start += chunk) {
    const m = Math.min(chunk, dataset.valRows - start);
    const logit = logitsOf(start, m);
    taskIds.forEach((taskId, p) => {
      const loss = TASK_LOSSES[dataset.tasks[taskId].type];
      for (let i = 0; i < m; i++) {
        const y = dataset.valY[(start + i) * T + taskId];
        if (Number.isNaN(y)) continue;
        const l = logit(p, i);
        means[p].add(loss.value(l, y));
        kept[p].push(l);
      }
    });
  }
  const losses = means.map((mean, p) => {
    if (mean.labelled === 0) {
      throw dataError(
        `task column "${dataset.tasks[taskIds[p]].name}" has no label in the ` +
          'validation split: use more rows or fewer missing labels',
      );
    }
    return mean.mean;
  });
  return { losses, logits: kept.map((values) => Float32Array.from(values)) };
}
