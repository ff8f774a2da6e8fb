// The module itself, not data/index.ts: the flags are checked before the loader is imported.
import { EMBED, resolveEmbed, type EmbedOption } from '../data/embedColumns.js';
import type { EmbeddedColumn } from '../data/types.js';
import { UsageError } from '../errors.js';
import { integerInRange, shown } from './parse.js';

/**
 * `--embed user_id,item_id:32` on the command line; in a config file or the library, the same
 * text, or a list of `"column[:dim]"` texts and `{ column, dim?, rows? }` objects (rows only
 * there: a table's rows are rarely changed).
 */
export type EmbedInput = string | readonly (string | EmbedOption)[];

/**
 * The embedded columns an `embed` option names, resolved (dim 16 and 65,536 rows unless given)
 * and checked against the data layer's limits (data/embedColumns.ts, EMBED), every message
 * naming `field`. Whether each column exists, and is a feature, is known once the file is read.
 */
export function embedList(field: string, value: unknown): EmbeddedColumn[] {
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || items.length === 0)
    throw new UsageError(
      `${field} must name columns, e.g. user_id,item_id:32 (got ${shown(value)})`,
    );
  const options = items.map((item: unknown, i) =>
    typeof item === 'string' ? fromText(field, item) : fromObject(`${field}[${i}]`, item),
  );
  return resolveEmbed(options, field);
}

/** A trailing `:DIM` of digits (or what was meant as one: `:0.5`, `:-3`) is the width. */
const DIM_SUFFIX = /^(.*):([-+.\deE]+)$/;

/** `column` or `column:dim`; a column name may hold colons when what follows is not a number. */
function fromText(field: string, text: string): EmbedOption {
  const trimmed = text.trim();
  const match = DIM_SUFFIX.exec(trimmed);
  if (!match) return { column: trimmed };
  const column = match[1].trim();
  if (column === '') throw new UsageError(`${field}: "${trimmed}" has no column before the colon`);
  const where = `${field}: dim of column "${column}"`;
  return { column, dim: integerInRange(where, match[2], 1, EMBED.dimMax) };
}

const KEYS = ['column', 'dim', 'rows'];

function fromObject(field: string, item: unknown): EmbedOption {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    throw new UsageError(
      `${field} must be a column name or { column, dim?, rows? } (got ${shown(item)})`,
    );
  const unknown = Object.keys(item).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) throw new UsageError(`${field}: unknown key "${unknown}"`);
  const { column, dim, rows } = item as Record<string, unknown>;
  if (typeof column !== 'string' || column.trim() === '')
    throw new UsageError(`${field}.column must be a non-empty name (got ${shown(column)})`);
  return {
    column: column.trim(),
    ...(dim !== undefined && { dim: integerInRange(`${field}.dim`, dim, 1, EMBED.dimMax) }),
    ...(rows !== undefined && { rows: integerInRange(`${field}.rows`, rows, 1, EMBED.rowsMax) }),
  };
}
