import { isMissing } from './cells.js';
import type { FeatureEncoder } from './featureEncoder.js';
import type { CategoricalOptions, FeatureProfile } from './featureProfile.js';
import { fnv1a32 } from './hashing.js';

/**
 * A string feature. With at most `oneHotMaxLevels` distinct levels on the training rows it is
 * one-hot (`name=level`, levels in code-unit order; a level never seen in training, or a missing
 * value, is all zeros). With more it is an id-like column: each value goes to bucket
 * fnv1a32(UTF-8 value) mod `hashBuckets` (`name#k`), which bounds the width whatever the
 * cardinality and gives unseen ids a bucket too. A level or bucket column that is constant on
 * the training rows (a level on every row, an empty bucket) is left out.
 */
export function categoricalEncoder(p: FeatureProfile, o: CategoricalOptions): FeatureEncoder {
  return p.levels ? oneHot(p, p.levels) : hashed(p, p.buckets!, o.hashBuckets);
}

function oneHot(p: FeatureProfile, counts: Map<string, number>): FeatureEncoder {
  // Code-unit order, not localeCompare: the column order must not depend on the machine's locale.
  const levels = [...counts.keys()]
    .filter((level) => counts.get(level)! < p.trainRows)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const column = new Map(levels.map((level, k) => [level, k]));
  return {
    names: levels.map((level) => `${p.name}=${level}`),
    write: (cell, out, at) => {
      const k = column.get(cell);
      if (k !== undefined) out[at + k] = 1;
    },
  };
}

function hashed(p: FeatureProfile, counts: Float64Array, buckets: number): FeatureEncoder {
  const kept = Array.from({ length: buckets }, (_, k) => k).filter(
    (k) => counts[k] > 0 && counts[k] < p.trainRows,
  );
  const column = new Int32Array(buckets).fill(-1);
  kept.forEach((bucket, k) => (column[bucket] = k));
  const bucketOf = new Map<string, number>(); // ids repeat: hash each distinct value once
  return {
    names: kept.map((k) => `${p.name}#${k}`),
    write: (cell, out, at) => {
      if (isMissing(cell)) return;
      let bucket = bucketOf.get(cell);
      if (bucket === undefined) bucketOf.set(cell, (bucket = fnv1a32(cell) % buckets));
      if (column[bucket] >= 0) out[at + column[bucket]] = 1;
    },
  };
}
