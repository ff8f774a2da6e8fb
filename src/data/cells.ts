/**
 * How one CSV cell is read. Cells arrive trimmed; the empty string is the only missing value
 * (tokens such as `NA` are data, so a typo never silently becomes a gap).
 */

/** Plain decimal or scientific notation; rejects `0x10`, `Infinity`, `1,5` that `Number()` half-accepts. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export const isMissing = (cell: string): boolean => cell === '';

/**
 * Text another program reads as a number that plain decimal is not: `NaN`, `Infinity`, `inf`,
 * `0x10`, `0b101`, `0o17` (any case, any sign). In a column of numbers such a cell is a mistake
 * to name (NumPy writes NaN for a gap; a hex dump slipped in), not a reason to read the whole
 * column as text: a loader refuses it, naming its line.
 */
const NUMBER_LIKE = /^[+-]?(?:nan|inf(?:inity)?|0x[0-9a-f]+|0b[01]+|0o[0-7]+)$/i;

export const isNumberLike = (cell: string): boolean => NUMBER_LIKE.test(cell);

/** What a message says after quoting a cell such as `NaN` in a numeric column. */
export const NOT_PLAIN =
  'not a plain decimal number (leave the cell empty where the value is missing)';

/**
 * The cell read as plain numeric text: a finite number, ±Infinity when the text is a number too
 * large for a 64-bit float (`1e999`), undefined when it is not numeric text at all. Telling the
 * two apart is what lets a loader refuse an overflow in a numeric column instead of quietly
 * reading the whole column as text.
 */
export function parseNumericText(cell: string): number | undefined {
  return NUMBER.test(cell) ? Number(cell) : undefined;
}

/** The cell as a finite number, or undefined when it is not plain numeric text or overflows. */
export function parseNumber(cell: string): number | undefined {
  const value = parseNumericText(cell);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** What a message says after quoting a cell such as `1e999`. */
export const OVERFLOWS = 'beyond the range of a 64-bit float (about ±1.8e308)';

const TRUE_WORDS = new Set(['true', 'yes']);
const FALSE_WORDS = new Set(['false', 'no']);

/**
 * The cell as a binary label: 1 for 1/true/yes, 0 for 0/false/no (case-insensitive), undefined
 * otherwise. Numbers equal to 0 or 1 count too (`1.0`, `0.0`): pandas writes an integer label
 * column with gaps as floats, and calling that column "regression" would surprise everyone.
 */
export function parseBinary(cell: string): 0 | 1 | undefined {
  const word = cell.toLowerCase();
  if (TRUE_WORDS.has(word)) return 1;
  if (FALSE_WORDS.has(word)) return 0;
  const value = parseNumber(cell);
  if (value === 1) return 1;
  if (value === 0) return 0;
  return undefined;
}

/** A cell quoted for a one-line message: escapes newlines, shortens long values. */
export function quoteCell(cell: string): string {
  const short = cell.length > 40 ? `${cell.slice(0, 37)}...` : cell;
  return JSON.stringify(short);
}
