import { dataError } from '../../errors.js';
import { isMissing, NOT_PLAIN, OVERFLOWS, parseNumber } from '../cells.js';
import { leakageThreshold, type LeakMeasure, type TaskTypeRule } from './taskTypeRule.js';

function correlationLeak(values: number[], labels: number[]): LeakMeasure | null {
  const n = values.length;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / n;
  const mx = mean(values);
  const my = mean(labels);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (values[i] - mx) * (labels[i] - my);
    sxx += (values[i] - mx) ** 2;
    syy += (labels[i] - my) ** 2;
  }
  const value = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  return Math.abs(value) >= leakageThreshold ? { measure: 'correlation', value } : null;
}

/**
 * A regression task (watch time, dwell seconds): numeric labels, standardised with the training
 * split's mean and standard deviation. A number beyond a double is refused (read as text it
 * would make the column "neither binary nor numeric" for a reason the user cannot see), so is a
 * label such as `NaN` or `0x10` that plain decimal is not (cells.ts, isNumberLike), and so are
 * training labels too constant or too spread to standardise. Leakage: |Pearson
 * correlation| at or beyond the threshold. Its loss: squared error.
 */
export const regressionTask: TaskTypeRule = {
  labels: 'numeric',
  stray: (p) => p.notNumeric,
  strayWhy: '(not a number)',
  unusable: (p, at) => {
    if (p.numberLike) return `is numeric but ${at(p.numberLike)}, ${NOT_PLAIN}`;
    return p.overflow ? `is numeric but ${at(p.overflow)}, ${OVERFLOWS}` : undefined;
  },
  varies: (p) => p.numberVaries,
  encoder(p) {
    const { mean, std } = p.train;
    return (cell) => (isMissing(cell) ? NaN : (parseNumber(cell)! - mean) / std);
  },
  unit: (p) => p.train.std,
  checkSpread(file, p) {
    const { scale } = p.train;
    if (scale === 0)
      throw dataError(`${file}: task "${p.name}" has a constant label on the training split`);
    if (scale === undefined) {
      throw dataError(
        `${file}: task "${p.name}" has labels too large to standardise (their spread overflows a 64-bit float); rescale the column`,
      );
    }
  },
  leak: correlationLeak,
  leakStrength: (value) => Math.abs(value),
  trivial: { predicts: 'mean', output: (mean) => mean },
};
