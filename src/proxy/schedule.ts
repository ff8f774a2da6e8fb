import type { EncodedDataset } from '../data/types.js';
import { dataError } from '../errors.js';
import { MaskedMean, TASK_LOSSES } from './losses.js';
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

/** Per task, the least validation loss over the epoch ends seen so far. */
export class BestLosses {
  private best: number[] | null = null;

  update(losses: number[]): void {
    this.best = this.best === null ? [...losses] : this.best.map((b, p) => Math.min(b, losses[p]));
  }

  get values(): number[] {
    if (this.best === null) throw new Error('no validation losses yet');
    return this.best;
  }
}

/**
 * Each task's mean validation loss over the validation rows that have its label, in chunks of
 * `chunk` rows; `logitsOf(start, m)` returns the chunk's logit of task position p and row i.
 */
export function validationLosses(
  dataset: EncodedDataset,
  taskIds: number[],
  chunk: number,
  logitsOf: (start: number, m: number) => (p: number, i: number) => number,
): number[] {
  const T = dataset.tasks.length;
  const means = taskIds.map(() => new MaskedMean());
  for (let start = 0; start < dataset.valRows; start += chunk) {
    const m = Math.min(chunk, dataset.valRows - start);
    const logit = logitsOf(start, m);
    taskIds.forEach((taskId, p) => {
      const loss = TASK_LOSSES[dataset.tasks[taskId].type];
      for (let i = 0; i < m; i++) {
        const y = dataset.valY[(start + i) * T + taskId];
        if (!Number.isNaN(y)) means[p].add(loss.value(logit(p, i), y));
      }
    });
  }
  return means.map((mean, p) => {
    if (mean.labelled === 0) {
      throw dataError(
        `task column "${dataset.tasks[taskIds[p]].name}" has no label in the ` +
          'validation split: use more rows or fewer missing labels',
      );
    }
    return mean.mean;
  });
}
