import { isMissing } from './cells.js';
import type { EncodedColumn } from './encodedColumn.js';
import { fnv1a32 } from './hashing.js';

export interface CategoricalOptions {
  oneHotMaxLevels: number;
  hashBuckets: number;
}

/**
 * A string feature. With at most `oneHotMaxLevels` distinct levels on the training rows it is
 * one-hot (`name=level`, levels in code-unit order; a level never seen in training, or a missing
 * value, is all zeros). With more it is an id-like column: each value goes to bucket
 * fnv1a32(UTF-8 value) mod `hashBuckets` (`name#k`), which bounds the width whatever the
 * cardinality and gives unseen ids a bucket too.
 */
export function encodeCategorical(
  name: string,
  cells: readonly string[],
  train: readonly number[],
  o: CategoricalOptions,
): EncodedColumn[] {
  const levels = trainingLevels(cells, train);
  if (levels.length <= o.oneHotMaxLevels) return oneHot(name, cells, levels);
  return hashed(name, cells, o.hashBuckets);
}

function trainingLevels(cells: readonly string[], train: readonly number[]): string[] {
  const levels = new Set<string>();
  for (const r of train) if (!isMissing(cells[r])) levels.add(cells[r]);
  // Code-unit order, not localeCompare: the column order must not depend on the machine's locale.
  return [...levels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function oneHot(name: string, cells: readonly string[], levels: string[]): EncodedColumn[] {
  const index = new Map(levels.map((level, k) => [level, k]));
  const columns = levels.map((level) => ({ name: `${name}=${level}`, values: new Float32Array(cells.length) }));
  cells.forEach((cell, i) => {
    const k = index.get(cell);
    if (k !== undefined) columns[k].values[i] = 1;
  });
  return columns;
}

function hashed(name: string, cells: readonly string[], buckets: number): EncodedColumn[] {
  const columns = Array.from({ length: buckets }, (_, k) => ({
    name: `${name}#${k}`,
    values: new Float32Array(cells.length),
  }));
  const bucketOf = new Map<string, number>(); // ids repeat: hash each distinct value once
  cells.forEach((cell, i) => {
    if (isMissing(cell)) return;
    let k = bucketOf.get(cell);
    if (k === undefined) bucketOf.set(cell, (k = fnv1a32(cell) % buckets));
    columns[k].values[i] = 1;
  });
  return columns;
}
