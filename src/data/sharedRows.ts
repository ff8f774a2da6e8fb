import { isMissing } from './cells.js';
import { writeIds, type EmbedIndexer } from './embedColumns.js';
import type { FeatureLayout } from './encodeFeatures.js';
import type { KeptRows } from './rowSample.js';

/**
 * Float32 matrices on SharedArrayBuffers: workers receive the same memory, never a copy per run.
 */

export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

/** One side of the split, encoded: rows × dim features and rows × tasks labels, row-major. */
export interface EncodedRows {
  x: Float32Array;
  y: Float32Array;
  /** Rows with a label, per task. */
  labelled: number[];
  /** rows × embedded columns: each row's row of each embedding table (embedColumns.ts). */
  ids: Int32Array;
}

/**
 * Encodes kept rows (each its picked cells as JSON: the task cells, then the feature cells) in
 * the order given, straight into the shared matrices, and each row's ids into the tables of the
 * `embedded` columns.
 */
export function encodeRows(
  rows: KeptRows,
  labels: ((cell: string) => number)[],
  features: FeatureLayout,
  embedded: EmbedIndexer[] = [],
): EncodedRows {
  const dim = features.names.length;
  const tasks = labels.length;
  const x = sharedFloat32(rows.count * dim);
  const y = sharedFloat32(rows.count * tasks);
  const ids = sharedInt32(rows.count * embedded.length);
  const labelled = labels.map(() => 0);
  for (let r = 0; r < rows.count; r++) {
    const cells = JSON.parse(rows.text(r)) as string[];
    for (let t = 0; t < tasks; t++) {
      y[r * tasks + t] = labels[t](cells[t]);
      if (!isMissing(cells[t])) labelled[t]++;
    }
    features.encoders.forEach((encoder, f) =>
      encoder.write(cells[tasks + f], x, r * dim + features.offsets[f]),
    );
    writeIds(ids, r, (f) => cells[tasks + f], embedded);
  }
  return { x, y, labelled, ids };
}
