import { dataError } from '../errors.js';
import { isMissing, NOT_PLAIN, OVERFLOWS, parseNumber, quoteCell } from './cells.js';
import type { FeatureEncoder } from './featureEncoder.js';
import type { FeatureProfile } from './featureProfile.js';
import { tableFormatOf } from './tableFormats.js';

/**
 * A numeric feature, standardised with the training rows' mean and standard deviation, so the
 * validation rows cannot leak into the encoding. A missing value becomes the training mean
 * (0 after standardising), and a column with gaps on the training rows gets a `name?missing`
 * indicator (1 = was missing) so the network can still tell "average" from "unknown". Either
 * column is left out when it is constant on the training rows.
 *
 * A cell such as `1e999` in an otherwise numeric column is refused, naming its line: read as text
 * it would turn the whole column into hashed categories, read as ±Infinity it would turn every
 * standardised value into NaN, and read as the largest double it would squash every other value
 * to 0. Each of those corrupts the column silently; the user can fix one cell. So is a cell such
 * as `NaN`, `Infinity` or `0x10` (cells.ts, isNumberLike), which would make the column text.
 */
export function numericEncoder(file: string, p: FeatureProfile): FeatureEncoder {
  if (p.numberLike) {
    throw dataError(
      `${file}: feature "${p.name}" is numeric but line ${p.numberLike.line} has ${quoteCell(p.numberLike.cell)}, ${NOT_PLAIN}`,
    );
  }
  if (p.overflow) {
    throw dataError(
      `${file}: feature "${p.name}" is numeric but ${tableFormatOf(file).place(p.overflow.line)} has ${quoteCell(p.overflow.cell)}, ${OVERFLOWS}`,
    );
  }
  const { mean, scale } = p.numbers;
  if (scale === undefined) {
    throw dataError(
      `${file}: feature "${p.name}" has values too large to standardise (their spread overflows a 64-bit float); rescale the column`,
    );
  }
  const keepValue = scale > 0;
  const keepMissing = p.trainMissing > 0 && p.trainMissing < p.trainRows;
  const missingAt = keepValue ? 1 : 0;
  return {
    names: [...(keepValue ? [p.name] : []), ...(keepMissing ? [`${p.name}?missing`] : [])],
    write: (cell, out, at) => {
      if (!isMissing(cell)) {
        if (keepValue) out[at] = (parseNumber(cell)! - mean) * scale;
      } else if (keepMissing) out[at + missingAt] = 1;
    },
  };
}
