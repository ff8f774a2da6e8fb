import { isMissing, parseNumber } from './cells.js';
import { encodeCategorical, type CategoricalOptions } from './categoricalFeature.js';
import { isConstantOnRows, type EncodedColumn } from './encodedColumn.js';
import { encodeNumeric } from './numericFeature.js';

/** One feature column as read from the file. */
export interface FeatureColumn {
  name: string;
  cells: string[];
}

/**
 * Encodes every feature column (numeric when every non-empty cell is a number, else string)
 * and drops each encoded column that is constant on the training rows — a constant input, a
 * one-hot level that covers every training row, an indicator of gaps that only validation rows
 * have, an empty hash bucket. The result may be empty; the caller decides what that means.
 */
export function encodeFeatures(
  features: FeatureColumn[],
  train: readonly number[],
  o: CategoricalOptions,
): EncodedColumn[] {
  const encoded: EncodedColumn[] = [];
  for (const feature of features) {
    const numbers = asNumbers(feature.cells);
    const columns = numbers
      ? encodeNumeric(feature.name, numbers, train)
      : encodeCategorical(feature.name, feature.cells, train, o);
    for (const column of columns) if (!isConstantOnRows(column, train)) encoded.push(column);
  }
  return encoded;
}

/** The cells as numbers (NaN = missing), or undefined when one non-empty cell is not a number. */
function asNumbers(cells: string[]): Float64Array | undefined {
  const numbers = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    if (isMissing(cells[i])) {
      numbers[i] = NaN;
      continue;
    }
    const value = parseNumber(cells[i]);
    if (value === undefined) return undefined;
    numbers[i] = value;
  }
  return numbers;
}
