import { taskTypeRules } from '../data/taskTypes/index.js';
import type { EncodedDataset } from '../data/types.js';
import { MaskedMean, TASK_LOSSES } from './losses.js';

/** A task's trivial loss, and what the constant behind it predicts ("base rate", "mean"). */
export interface TrivialLoss {
  loss: number;
  predicts: string;
}

/**
 * Each task's validation loss when the network outputs one constant learned from the training
 * rows: the base rate for a binary task, the mean for a regression task (0, as its labels are
 * standardised on the training rows); its type's rule (data/taskTypes) says which. A proxy run
 * that cannot beat it learned nothing, and one far above it diverged: the yardstick for that
 * warning. Missing labels are skipped on both sides, as the training loss skips them.
 */
export function trivialLosses(dataset: EncodedDataset): TrivialLoss[] {
  const width = dataset.tasks.length;
  return dataset.tasks.map((task, t) => {
    const train = new MaskedMean();
    for (let r = 0; r < dataset.trainRows; r++) {
      const label = dataset.trainY[r * width + t];
      if (!Number.isNaN(label)) train.add(label);
    }
    const { trivial } = taskTypeRules[task.type];
    const constant = trivial.output(train.labelled === 0 ? 0 : train.mean);
    const loss = TASK_LOSSES[task.type];
    const val = new MaskedMean();
    for (let r = 0; r < dataset.valRows; r++) {
      const label = dataset.valY[r * width + t];
      if (!Number.isNaN(label)) val.add(loss.value(constant, label));
    }
    return { loss: val.mean, predicts: trivial.predicts };
  });
}
