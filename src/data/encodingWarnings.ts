import type { CategoricalOptions, FeatureProfile } from './featureProfile.js';
import type { EncodingWarning } from './types.js';

/**
 * Columns whose default encoding loses what a recommender needs, one warning each, none for an
 * embedded column (LoadOptions.embed):
 *
 * - `hashed-levels`: a string column (some non-empty cell is not a number) with more distinct
 *   values on the training rows than the one-hot limit (oneHotMaxLevels, 16). It is hashed into
 *   hashBuckets (32) indicator columns, where hundreds of ids share each one.
 * - `numeric-id`: a numeric column whose training values are all integers, with more distinct
 *   values than the one-hot limit, and whose name has "id" as a word or a suffix: `id`,
 *   `user_id`, `userId`, `movieID`, `item-id` (words split at characters other than letters and
 *   digits and where lower case turns upper). Read as one standardised number, an id's value
 *   says nothing about the user or item.
 *
 * Distinct values are counted exactly up to the one-hot limit (featureProfile.ts), so "more than
 * the limit" is known and the exact count is not.
 */
export function encodingWarnings(
  profiles: FeatureProfile[],
  embedded: ReadonlySet<number>,
  o: CategoricalOptions,
): EncodingWarning[] {
  const warnings: EncodingWarning[] = [];
  profiles.forEach((p, f) => {
    if (embedded.has(f) || p.levels !== undefined) return; // at most oneHotMaxLevels values
    const levelsOver = o.oneHotMaxLevels;
    if (!p.numeric) {
      warnings.push({ kind: 'hashed-levels', column: p.name, levelsOver, buckets: o.hashBuckets });
    } else if (p.integers && looksLikeIdName(p.name)) {
      warnings.push({ kind: 'numeric-id', column: p.name, levelsOver });
    }
  });
  return warnings;
}

/** True when "id" is a word of the column's name, or its last word (see encodingWarnings). */
export function looksLikeIdName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
  return words.some((w) => w.toLowerCase() === 'id');
}

/** The one line a warning prints as (`--embed` names the search flag that embeds a column). */
export function warningLine(w: EncodingWarning): string {
  const fix = `embed it (--embed ${w.column}) to learn one vector per value`;
  return w.kind === 'hashed-levels'
    ? `feature "${w.column}" has more than ${w.levelsOver} distinct values and is hashed into ${w.buckets} shared buckets, where its values lose their identity: ${fix}`
    : `feature "${w.column}" looks like an id (integer values, more than ${w.levelsOver} distinct, named like an id) but is read as a number: ${fix}`;
}
