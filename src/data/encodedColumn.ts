/** One column of the encoded feature matrix, over every data row (both sides of the split). */
export interface EncodedColumn {
  /** What the column is: `age`, `age?missing`, `country=fr`, `item_id#17`. */
  name: string;
  values: Float32Array;
}

/** True when the column takes a single value on the training rows: it carries nothing to learn. */
export function isConstantOnRows(column: EncodedColumn, rows: readonly number[]): boolean {
  if (rows.length === 0) return true;
  const first = column.values[rows[0]];
  return rows.every((r) => column.values[r] === first);
}
