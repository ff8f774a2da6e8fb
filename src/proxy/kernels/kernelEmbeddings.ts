import type { EmbeddedColumn } from '../../data/types.js';
import { initialEmbeddingRow } from '../init.js';
import type { EmbeddingBatch } from './embeddingBatch.js';
import type { KernelArena, KernelExports } from './kernelArena.js';
import { ADAM, adamConstants } from './kernelParams.js';

interface Table {
  rows: number;
  dim: number;
  w: number;
  m: number;
  v: number;
  /** 1 for each row that holds its initial values or later ones (see prepare). */
  ready: Uint8Array;
  wView: Float32Array;
  mView: Float32Array;
  vView: Float32Array;
}

/**
 * One network's embedding tables in kernel memory (rows × dim each, row-major), with their Adam
 * moments, and their part of a training step.
 *
 * Optimiser: lazy Adam, as PyTorch's SparseAdam and TensorFlow Addons' LazyAdam: a step moves
 * only the rows its batch touched, and their moments, with the bias correction of the global
 * step (the network's, so both parts of a step use one learning-rate schedule); a row no batch
 * touches keeps its weights and moments. Dense Adam would decay and move every row of every table
 * on every step: 65,536 rows of 16 are a million parameters, more than the network's, for rows
 * whose gradient is zero. Lazy Adam does the work of the rows a batch reads (at most the batch
 * size per column).
 */
export class KernelEmbeddings {
  private readonly tables: Table[];
  private readonly seed: number;
  private steps = 0;

  /**
   * Allocates the tables of `columns` for seed `seed`. A row gets its initial values (init.ts)
   * and zero moments when a batch first reads it: the memory may hold another network's numbers
   * until then, and rows no batch reads cost nothing.
   */
  constructor(arena: KernelArena, columns: readonly EmbeddedColumn[], seed: number) {
    this.seed = seed;
    this.tables = columns.map((c) => {
      const size = c.rows * c.dim;
      const [w, m, v] = [arena.alloc(size), arena.alloc(size), arena.alloc(size)];
      const empty = new Float32Array(0);
      const ready = new Uint8Array(c.rows);
      return { rows: c.rows, dim: c.dim, w, m, v, ready, wView: empty, mView: empty, vView: empty };
    });
  }

  /** Call once every allocation is made (growing the memory detaches views). */
  bindViews(arena: KernelArena): void {
    for (const t of this.tables) {
      const size = t.rows * t.dim;
      [t.wView, t.mView, t.vView] = [t.w, t.m, t.v].map((at) => arena.f32(at, size));
    }
  }

  /** The batch's rows of every table into columns first + offset… of x (leading dimension ldx). */
  gather(
    k: KernelExports,
    batch: EmbeddingBatch,
    x: number,
    ldx: number,
    first: number,
    m: number,
  ) {
    this.tables.forEach((t, c) => {
      this.prepare(t, c, batch.idsOf(c, m));
      const at = x + 4 * (first + batch.offsets[c]);
      k.gather_rows(at, ldx, t.w, t.dim, batch.of(batch.ids, c), m, t.dim);
    });
  }

  /** Column c's rows `ids` not read yet take their initial values and zero moments. */
  private prepare(t: Table, c: number, ids: Int32Array): void {
    for (const row of ids) {
      if (t.ready[row]) continue;
      const at = row * t.dim;
      initialEmbeddingRow(this.seed, c, row, t.dim, t.wView, at);
      t.mView.fill(0, at, at + t.dim);
      t.vView.fill(0, at, at + t.dim);
      t.ready[row] = 1;
    }
  }

  /**
   * From the gradient of the embedding columns (batch.inputGrad, m rows), each touched row's
   * gradient, then one lazy Adam step on those rows.
   */
  step(k: KernelExports, batch: EmbeddingBatch, m: number, learningRate: number): void {
    const { lrHat, invSqrtBc2 } = adamConstants(++this.steps, learningRate);
    const { beta1, beta2, epsilon } = ADAM;
    this.tables.forEach((t, c) => {
      const grad = this.rowGradients(k, batch, m, c);
      const [rows, u] = [batch.of(batch.rows, c), batch.touched[c]];
      k.adam_rows(t.w, grad, t.m, t.v, rows, u, t.dim, lrHat, beta1, beta2, invSqrtBc2, epsilon);
    });
  }

  /**
   * Column c's touched rows' gradients into batch.grad (touched[c] × dim, in the order of
   * batch.rows), each the sum over the batch rows that read it, in batch order; returns where.
   */
  rowGradients(k: KernelExports, batch: EmbeddingBatch, m: number, c: number): number {
    const { dim } = this.tables[c];
    const src = batch.inputGrad + 4 * batch.offsets[c];
    const slots = batch.of(batch.slots, c);
    k.scatter_rows(batch.grad, src, batch.width, slots, m, batch.touched[c], dim);
    return batch.grad;
  }

  /** Column c's weights (rows × dim), the view bindViews took. */
  weights(c: number): Float32Array {
    return this.tables[c].wView;
  }

  /** Column c's table (rows × dim), as a view: valid until the memory grows. */
  table(arena: KernelArena, c: number): Float32Array {
    const t = this.tables[c];
    return arena.f32(t.w, t.rows * t.dim);
  }
}
