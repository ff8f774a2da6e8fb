/**
 * Float32 matrices on SharedArrayBuffers: workers receive the same memory, never a copy per run.
 */

export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

/**
 * A rows × columns.length row-major matrix of `columns` (each indexed by data row) taken at
 * `rows`, in that order.
 */
export function gatherRows(columns: readonly ArrayLike<number>[], rows: readonly number[]): Float32Array {
  const width = columns.length;
  const out = sharedFloat32(rows.length * width);
  columns.forEach((column, c) => {
    for (let k = 0; k < rows.length; k++) out[k * width + c] = column[rows[k]];
  });
  return out;
}
