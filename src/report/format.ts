/**
 * Number formatting shared by the human-readable formats (Markdown, HTML), so both show the
 * same figures. CSV and JSON keep full precision. A missing or non-finite number shows as '—'.
 */

export const MISSING = '—';

const finite = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x);

/** A number with `digits` decimals, for plain sentences and the terminal; '-' when not finite. */
export const fixed = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toFixed(digits) : '-';

/** A loss: four significant figures (0.5123, 12.35, 1234). */
export function formatLoss(x: number | null | undefined): string {
  if (!finite(x)) return MISSING;
  if (x === 0) return '0';
  return Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(4);
}

/** A task's metric (AUC, RMSE): three significant figures (0.805, 3.73, 1.23e+4). */
export function formatMetric(x: number | null | undefined): string {
  if (!finite(x)) return MISSING;
  if (x === 0) return '0';
  return Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3);
}

/**
 * An objective (relative loss, 1 = all separate): four decimals, never '-0.0000'. Four, as the
 * CLI summary prints it: groupings within seed noise of each other differ in the fourth.
 */
export function formatObjective(x: number | null | undefined): string {
  if (!finite(x)) return MISSING;
  const text = x.toFixed(4);
  return Number(text) === 0 ? (0).toFixed(4) : text;
}

/**
 * The standard error of an objective, in the objective's own units: 0.00219 → '±0.0022'. Zero or
 * missing (one seed) shows as '—'; a positive one too small for four decimals as '±<0.0001'.
 */
export function formatObjectiveStderr(x: number | null | undefined): string {
  if (!finite(x) || x <= 0) return MISSING;
  return x < 0.00005 ? '±<0.0001' : `±${x.toFixed(4)}`;
}

/** A difference of objectives with its sign: 0.0301 → '+0.0301', -0.004 → '-0.0040'. */
export function formatObjectiveChange(x: number | null | undefined): string {
  const text = formatObjective(x);
  return finite(x) && Number(text) > 0 ? `+${text}` : text;
}

/** A signed percentage of a fraction: 0.0213 → '+2.1%', -0.004 → '-0.4%'. */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (!finite(fraction)) return MISSING;
  const value = fraction * 100;
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return `${(0).toFixed(digits)}%`;
  return `${value > 0 ? '+' : '-'}${text}%`;
}

/**
 * A standard error as percentage points, unsigned: 0.0031 → '±0.3'. Zero (one seed, or a
 * group of one) shows as '—': there is no spread to report, not a spread of zero.
 */
export function formatStderrPoints(fraction: number | null | undefined, digits = 1): string {
  return finite(fraction) && fraction > 0 ? `±${(fraction * 100).toFixed(digits)}` : MISSING;
}

/** Relative change of a loss ratio: 0.973 → '-2.7%' (the loss fell by 2.7 %). */
export function formatRelativeChange(ratio: number | null | undefined): string {
  return finite(ratio) ? formatPercent(ratio - 1) : MISSING;
}

/** A duration in seconds: '42 s', '3 min 05 s', '2 h 07 min'. */
export function formatDuration(seconds: number | null | undefined): string {
  if (!finite(seconds) || seconds < 0) return MISSING;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(min).padStart(2, '0')} min`;
  return `${min} min ${String(s).padStart(2, '0')} s`;
}

/** An integer with thousands separators, locale-independent: 1234567 → '1,234,567'. */
export function formatCount(n: number | null | undefined): string {
  if (!finite(n)) return MISSING;
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A proxy setting's value as one line: numbers and strings plainly, anything else as JSON. */
export function formatSetting(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** "1 network", "3 networks". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The objective in words: 0.961 → "On average a task's loss is 3.9% lower than trained alone.";
 * with `source` ('measured' or 'estimated') the sentence says which, in brackets at its end.
 */
export function meanChangeSentence(objective: number, source?: string): string {
  if (!finite(objective)) return 'The objective is not known yet.';
  const change = Math.abs(objective - 1) * 100;
  const said = source ? ` (${source})` : '';
  if (change < 0.05) return `On average a task's loss is the same as trained alone${said}.`;
  const direction = objective < 1 ? 'lower' : 'higher';
  return `On average a task's loss is ${change.toFixed(1)}% ${direction} than trained alone${said}.`;
}
