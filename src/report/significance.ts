/**
 * When a measured difference counts as real rather than seed noise. One rule for every format
 * and for both the transfer matrix and the per-task change, so the marks mean the same
 * everywhere.
 */

/** How many standard errors a value must exceed to be marked significant. */
export const SIGNIFICANCE_FACTOR = 2;

/** The rule in words, for legends and footnotes. */
export const SIGNIFICANCE_RULE =
  `|value| > ${SIGNIFICANCE_FACTOR} × its standard error over seeds ` +
  '(roughly a 95 % interval that excludes zero); never with a single seed (no standard error)';

/**
 * True when `value` (a transfer score, or a relative change such as relativeLoss − 1) is more
 * than SIGNIFICANCE_FACTOR standard errors away from zero. A zero or missing standard error
 * (one seed) gives false: without spread there is no evidence either way.
 */
export function isSignificant(value: number, stderr: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(stderr) || stderr <= 0) return false;
  return Math.abs(value) > SIGNIFICANCE_FACTOR * stderr;
}
