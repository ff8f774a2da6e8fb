import type { EncodedColumn } from './encodedColumn.js';
import { summarise } from './summarise.js';

/**
 * A numeric feature, standardised with the training rows' mean and standard deviation, so the
 * validation rows cannot leak into the encoding. A missing value becomes the training mean
 * (0 after standardising), and a column with gaps gets a `name?missing` indicator (1 = was
 * missing) so the network can still tell "average" from "unknown".
 */
export function encodeNumeric(name: string, numbers: Float64Array, train: readonly number[]): EncodedColumn[] {
  const { mean, std, min, max } = summarise(numbers, train);
  const scale = min < max ? 1 / std : 0; // constant on training: all zeros, dropped later
  const values = new Float32Array(numbers.length);
  let hasMissing = false;
  for (let i = 0; i < numbers.length; i++) {
    if (Number.isNaN(numbers[i])) hasMissing = true;
    else values[i] = (numbers[i] - mean) * scale;
  }
  const columns: EncodedColumn[] = [{ name, values }];
  if (hasMissing) {
    const missing = new Float32Array(numbers.length);
    for (let i = 0; i < numbers.length; i++) missing[i] = Number.isNaN(numbers[i]) ? 1 : 0;
    columns.push({ name: `${name}?missing`, values: missing });
  }
  return columns;
}
