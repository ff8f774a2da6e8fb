import { dataError } from '../errors.js';

/**
 * A Parquet value as the CSV cell that holds the same value, so that every rule of the CSV path
 * (cells.ts: missing cells, numbers, binary labels, categories) applies unchanged:
 *
 * - null → '' (missing); a floating-point NaN too (pandas and Arrow write a missing float so);
 * - a number → its shortest round-trip text (`String`), which parses back to the same double;
 *   ±Infinity is refused with its row and column, as a CSV's `1e999` is;
 * - an INT64 (a bigint) → its decimal digits; a boolean → `true` / `false`;
 * - a string → trimmed, as CSV cells are; bytes without a string annotation → decoded as UTF-8;
 * - a date or timestamp → ISO 8601 (`2024-05-01`, or with its time when not midnight UTC): a
 *   category, as the same text in a CSV is.
 *
 * A FLOAT (32-bit) column reads as the exact double of each float: a CSV written elsewhere may
 * print shorter text for it, so the two encode alike only where the texts are the same numbers.
 */
export function parquetCell(value: unknown, file: string, column: string, row: number): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value.trim();
    case 'number':
      if (Number.isNaN(value)) return '';
      if (!Number.isFinite(value))
        throw dataError(
          `${file}: row ${row}, column "${column}" has ${value}, not a finite number`,
        );
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value instanceof Date) return dateText(value, file, column, row);
  if (value instanceof Uint8Array) return new TextDecoder().decode(value).trim();
  throw dataError(
    `${file}: row ${row}, column "${column}" holds a ${Array.isArray(value) ? 'list' : 'structured value'}; taskgroup reads flat columns`,
  );
}

function dateText(date: Date, file: string, column: string, row: number): string {
  if (Number.isNaN(date.getTime()))
    throw dataError(`${file}: row ${row}, column "${column}" has a date out of range`);
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
