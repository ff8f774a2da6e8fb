import { categoricalEncoder } from './categoricalFeature.js';
import type { FeatureEncoder } from './featureEncoder.js';
import type { CategoricalOptions, FeatureProfile } from './featureProfile.js';
import { numericEncoder } from './numericFeature.js';

/** Every feature's encoder, and the layout of the encoded row they write together. */
export interface FeatureLayout {
  encoders: FeatureEncoder[];
  /** Where each encoder's columns start in an encoded row. */
  offsets: number[];
  names: string[];
}

/**
 * Decides every feature column's encoding from its profile (numeric when every non-empty cell is
 * a number, else string) with the encoded columns that are constant on the training rows left
 * out — a constant input, a one-hot level that covers every training row, an indicator of gaps
 * that only validation rows have, an empty hash bucket. The embedded columns (positions in
 * `profiles`) have no encoded column: their rows read embedding tables instead (embedColumns.ts).
 * The layout may be empty; the caller decides what that means.
 */
export function featureLayout(
  file: string,
  profiles: FeatureProfile[],
  o: CategoricalOptions,
  embedded: ReadonlySet<number> = new Set(),
): FeatureLayout {
  const encoders = profiles.map((p, f) =>
    embedded.has(f) ? noColumns : p.numeric ? numericEncoder(file, p) : categoricalEncoder(p, o),
  );
  const offsets: number[] = [];
  const names: string[] = [];
  for (const encoder of encoders) {
    offsets.push(names.length);
    names.push(...encoder.names);
  }
  return { encoders, offsets, names };
}

/** An embedded column's encoder: no encoded column. */
const noColumns: FeatureEncoder = Object.freeze({ names: [], write: () => {} });
