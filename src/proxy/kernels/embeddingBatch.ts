import type { EmbeddedColumn } from '../../data/types.js';
import type { KernelArena } from './kernelArena.js';

/**
 * Which row of each embedding table every row of a batch reads, in kernel memory, shared by the
 * networks of one pass (they run one after the other). For a training batch, also the distinct
 * rows each column touches (`touched`, in order of first use) and each batch row's position among
 * them (`slots`): the embeddings' backward sums the gradients of a row's uses into its slot, and
 * lazy Adam updates those rows only.
 *
 * Buffers (int32 unless said): ids, slots and rows hold one batchCap-long block per column;
 * inputGrad (float32, batchCap × width) receives the gradient of the embedding columns of the
 * input, grad (float32, batchCap × the widest dim) one column's row gradients at a time.
 */
export class EmbeddingBatch {
  readonly columns: readonly EmbeddedColumn[];
  /** Σ dim: the embedding columns of a network's input. */
  readonly width: number;
  /** Where each column's vector starts among them. */
  readonly offsets: number[];
  readonly batchCap: number;
  readonly ids: number;
  readonly slots: number;
  readonly rows: number;
  readonly inputGrad: number;
  readonly grad: number;
  /** Distinct rows of each column in the last training batch loaded. */
  readonly touched: number[];
  /** Per column, each table row's slot in the current batch, −1 when untouched (kept all −1 between batches). */
  private readonly slotOf: Int32Array[];
  private idsView!: Int32Array;
  private slotsView!: Int32Array;
  private rowsView!: Int32Array;

  constructor(arena: KernelArena, columns: readonly EmbeddedColumn[], batchCap: number) {
    this.columns = columns;
    this.offsets = [];
    let width = 0;
    for (const c of columns) {
      this.offsets.push(width);
      width += c.dim;
    }
    this.width = width;
    this.batchCap = batchCap;
    const C = columns.length;
    this.ids = arena.alloc(C * batchCap);
    this.slots = arena.alloc(C * batchCap);
    this.rows = arena.alloc(C * batchCap);
    this.inputGrad = arena.alloc(batchCap * width);
    this.grad = arena.alloc(batchCap * Math.max(1, ...columns.map((c) => c.dim)));
    this.touched = columns.map(() => 0);
    this.slotOf = columns.map((c) => new Int32Array(c.rows).fill(-1));
  }

  /** Call once every allocation is made (growing the memory detaches views). */
  bindViews(arena: KernelArena): void {
    const n = this.columns.length * this.batchCap;
    this.idsView = arena.i32(this.ids, n);
    this.slotsView = arena.i32(this.slots, n);
    this.rowsView = arena.i32(this.rows, n);
  }

  /** Column c's ids of the m rows loaded, as a view. */
  idsOf(c: number, m: number): Int32Array {
    return this.idsView.subarray(c * this.batchCap, c * this.batchCap + m);
  }

  /** Column c's distinct rows of the last training batch, in order of first use, as a view. */
  touchedRows(c: number): Int32Array {
    return this.rowsView.subarray(c * this.batchCap, c * this.batchCap + this.touched[c]);
  }

  /** Column c's buffer among ids, slots or rows (a byte offset). */
  of(buffer: number, c: number): number {
    return buffer + 4 * c * this.batchCap;
  }

  /**
   * Loads the ids of m rows: batch row i is row `rowOf(i)` of `table` (a dataset's trainIds or
   * valIds). `train`: also find the rows each column touches and the slots.
   */
  load(table: Int32Array, rowOf: (i: number) => number, m: number, train: boolean): void {
    const C = this.columns.length;
    for (let c = 0; c < C; c++) {
      const base = c * this.batchCap;
      for (let i = 0; i < m; i++) this.idsView[base + i] = table[rowOf(i) * C + c];
      if (train) this.findTouched(c, m);
    }
  }

  /** Slots of column c's m ids, and its distinct rows in order of first use. */
  private findTouched(c: number, m: number): void {
    const base = c * this.batchCap;
    const slotOf = this.slotOf[c];
    let u = 0;
    for (let i = 0; i < m; i++) {
      const row = this.idsView[base + i];
      if (slotOf[row] < 0) {
        slotOf[row] = u;
        this.rowsView[base + u++] = row;
      }
      this.slotsView[base + i] = slotOf[row];
    }
    for (let j = 0; j < u; j++) slotOf[this.rowsView[base + j]] = -1;
    this.touched[c] = u;
  }
}
