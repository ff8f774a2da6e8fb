/** How one feature column's cell becomes its encoded columns, decided from its profile. */
export interface FeatureEncoder {
  /** Names of the encoded columns: `age`, `age?missing`, `country=fr`, `item_id#17`. */
  names: string[];
  /**
   * Writes the cell's encoded values to out[at], out[at + 1], … (names.length of them). `out`
   * starts zeroed, so a writer may leave its zeros alone.
   */
  write(cell: string, out: Float32Array, at: number): void;
}
