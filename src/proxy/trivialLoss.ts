import type { EncodedDataset } from '../data/types.js';
import { MaskedMean, TASK_LOSSES } from './losses.js';

/** The base rate a binary task's constant prediction may take: never 0 or 1, whose loss is infinite. */
const rateLimit = 1e-6;

/**
 * Each task's validation loss when the network predicts one constant learned from the training
 * rows: the base rate for a binary task (the logit of the share of 1s), the mean for a regression
 * task (0, as its labels are standardised on the training rows). A proxy run that cannot beat it
 * by far learned nothing, and one far above it diverged: the yardstick for those warnings.
 * Missing labels are skipped on both sides, as the training loss skips them.
 */
export function trivialLosses(dataset: EncodedDataset): number[] {
  const width = dataset.tasks.length;
  return dataset.tasks.map((task, t) => {
    const train = new MaskedMean();
    for (let r = 0; r < dataset.trainRows; r++) {
      const label = dataset.trainY[r * width + t];
      if (!Number.isNaN(label)) train.add(label);
    }
    const mean = train.labelled === 0 ? 0 : train.mean;
    const rate = Math.min(1 - rateLimit, Math.max(rateLimit, mean));
    const constant = task.type === 'binary' ? Math.log(rate / (1 - rate)) : mean;
    const loss = TASK_LOSSES[task.type];
    const val = new MaskedMean();
    for (let r = 0; r < dataset.valRows; r++) {
      const label = dataset.valY[r * width + t];
      if (!Number.isNaN(label)) val.add(loss.value(constant, label));
    }
    return val.mean;
  });
}
