import { createHash, type Hash } from 'node:crypto';
import type { EmbeddedColumn, TaskSpec } from './types.js';

/**
 * Bump when the encoding rules change (a new imputation, another hash): every fingerprint
 * changes with it, so cached runs trained on the old encoding are never reused.
 * 2: statistics computed while the file streams (Welford's update in file order instead of two
 * passes in hash order, which can move the last bit of a standardised value); rows kept capped.
 */
export const ENCODING_VERSION = 2;

/** Every choice that changes the encoded arrays, apart from the file's bytes. */
export interface EncodingChoices {
  tasks: TaskSpec[];
  /** Feature columns in file order (so listing them in another order is the same data). */
  features: string[];
  valFraction: number;
  splitSeed: number;
  oneHotMaxLevels: number;
  hashBuckets: number;
  /** Embedded columns in file order (absent from the JSON when none: older fingerprints stand). */
  embed: EmbeddedColumn[];
  /** Rows kept on each side of the split, when fewer than the side holds (else every row). */
  trainRowsKept: number | 'all';
  valRowsKept: number | 'all';
}

/** A sha256 to feed the file's bytes to while it streams. */
export const startFingerprint = (): Hash => createHash('sha256');

/**
 * The dataset fingerprint: sha256 over the file's bytes, then a separator, then the encoding
 * choices as JSON with a fixed key order, in hex. Identical bytes and choices on any machine give
 * the same fingerprint; one changed byte or option gives another.
 */
export function finishFingerprint(bytesSoFar: Hash, c: EncodingChoices): string {
  const choices = {
    encodingVersion: ENCODING_VERSION,
    tasks: c.tasks.map((t) => ({ name: t.name, type: t.type })),
    features: c.features,
    valFraction: c.valFraction,
    splitSeed: c.splitSeed,
    oneHotMaxLevels: c.oneHotMaxLevels,
    hashBuckets: c.hashBuckets,
    trainRowsKept: c.trainRowsKept,
    valRowsKept: c.valRowsKept,
    ...(c.embed.length > 0
      ? { embed: c.embed.map((e) => ({ column: e.column, dim: e.dim, rows: e.rows })) }
      : {}),
  };
  return bytesSoFar
    .update('\n\0taskgroup-encoding\0\n')
    .update(JSON.stringify(choices))
    .digest('hex');
}
