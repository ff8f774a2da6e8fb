import { UsageError } from '../errors.js';
import { embeddingRow } from './hashing.js';
import type { EmbeddedColumn } from './types.js';

/** A column to learn as an embedding table instead of encoding it (LoadOptions.embed). */
export interface EmbedOption {
  column: string;
  /** Width of each value's vector; default 16. */
  dim?: number;
  /** Rows of its table; default 65,536. */
  rows?: number;
}

/**
 * Defaults and limits of embedded columns.
 *
 * Rows: a value reads row embeddingRow(text, rows), so values may share a row. 65,536 rows leave
 * 86 % of 10,000 ids alone in theirs and put 100,000 ids on about 51,000 rows, at 12 MiB per
 * column of dim 16 (weights and Adam's two moments, float32). Limit 2^20 rows per column, and
 * 2^24 numbers (rows × dim) over every column of a load: a network's tables, with their moments,
 * then take at most 192 MiB. A worker trains one network at a time and the next one takes the
 * same memory (kernels/kernelTrainer.ts), so that is a worker's bound for embeddings whatever
 * the pass (docs/proxy-training.md, "Embedded columns").
 */
export const EMBED = Object.freeze({
  dimDefault: 16,
  dimMax: 256,
  rowsDefault: 65_536,
  rowsMax: 1_048_576,
  /** Σ rows × dim over a load's embedded columns. */
  totalMax: 16_777_216,
});

/**
 * Fills the defaults of `embed` and checks every knob, naming the column and the rule; `where`
 * names the option in messages (`--embed` on the command line).
 */
export function resolveEmbed(embed: EmbedOption[] | undefined, where = 'embed'): EmbeddedColumn[] {
  const seen = new Set<string>();
  const resolved = (embed ?? []).map((e) => {
    if (typeof e?.column !== 'string' || e.column === '')
      throw new UsageError(`${where}: a column name is empty`);
    if (seen.has(e.column)) throw new UsageError(`${where}: column "${e.column}" is given twice`);
    seen.add(e.column);
    const c = {
      column: e.column,
      dim: e.dim ?? EMBED.dimDefault,
      rows: e.rows ?? EMBED.rowsDefault,
    };
    checkInteger(where, c.column, 'dim', c.dim, EMBED.dimMax);
    checkInteger(where, c.column, 'rows', c.rows, EMBED.rowsMax);
    return c;
  });
  const total = resolved.reduce((sum, c) => sum + c.rows * c.dim, 0);
  if (total > EMBED.totalMax) {
    throw new UsageError(
      `${where}: rows × dim over every embedded column must be at most ${EMBED.totalMax.toLocaleString('en-US')} (got ${total.toLocaleString('en-US')}); use fewer rows or a smaller dim`,
    );
  }
  return resolved;
}

function checkInteger(
  where: string,
  column: string,
  field: string,
  value: number,
  max: number,
): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(
      `${where}: ${field} of column "${column}" must be an integer from 1 to ${max.toLocaleString('en-US')}, got ${value}`,
    );
  }
}

/** Where one embedded column's cells are among a row's feature cells, and its table's rows. */
export interface EmbedIndexer {
  cell: number;
  rows: number;
}

/**
 * Writes row r's index into each embedded column's table: ids[r · C + c] for the C columns.
 * A missing cell (empty) is a value too: its own row, learned like any id's.
 */
export function writeIds(
  ids: Int32Array,
  r: number,
  featureCells: (f: number) => string,
  indexers: EmbedIndexer[],
): void {
  const C = indexers.length;
  indexers.forEach((x, c) => {
    ids[r * C + c] = embeddingRow(featureCells(x.cell), x.rows);
  });
}
