import type { EmbeddingBatch } from './embeddingBatch.js';
import type { KernelArena, KernelExports } from './kernelArena.js';
import type { KernelEmbeddings } from './kernelEmbeddings.js';

/**
 * The embedding tables' part of a lookahead step (kernelLookahead.ts): the rows a batch touched
 * are parameters every task shares, as the bottom is, so task j's step moves them too. From
 * task j's gradient of the embedding columns of the input (written into `inputGrad` by the
 * bottom's backward), each touched row's gradient (scatter_rows, as training sums it), a plain
 * SGD step of those rows by the learning rate, and the input rows the forward pass after the
 * step reads: the batch's dense features with the stepped rows gathered again. The rows go back
 * to their saved values, bit for bit, before the training's own step.
 */
export class EmbeddingLookahead {
  /** Task j's gradient of the embedding columns: batchCap × batch.width. */
  readonly inputGrad: number;
  private readonly rowGrad: number;
  private readonly batch: EmbeddingBatch;
  private readonly tables: KernelEmbeddings;
  private readonly saved: Float32Array[];
  private arena!: KernelArena;

  constructor(arena: KernelArena, batch: EmbeddingBatch, tables: KernelEmbeddings) {
    this.batch = batch;
    this.tables = tables;
    this.inputGrad = arena.alloc(batch.batchCap * batch.width);
    this.rowGrad = arena.alloc(batch.batchCap * Math.max(...batch.columns.map((c) => c.dim)));
    this.saved = batch.columns.map((c) => new Float32Array(batch.batchCap * c.dim));
  }

  bindViews(arena: KernelArena): void {
    this.arena = arena;
  }

  /** Keeps the values of the rows the batch touched (before any lookahead step). */
  save(): void {
    this.forEachRow((c, row, j, dim, weights) =>
      this.saved[c].set(weights.subarray(row * dim, row * dim + dim), j * dim),
    );
  }

  /** One SGD step of the touched rows on the gradient in `inputGrad`, from their saved values. */
  step(k: KernelExports, m: number, learningRate: number): void {
    const { batch, tables } = this;
    batch.columns.forEach((column, c) => {
      const src = this.inputGrad + 4 * batch.offsets[c];
      const u = batch.touched[c];
      k.scatter_rows(this.rowGrad, src, batch.width, batch.of(batch.slots, c), m, u, column.dim);
      const grad = this.arena.f32(this.rowGrad, u * column.dim);
      const [weights, saved, rows] = [tables.weights(c), this.saved[c], batch.touchedRows(c)];
      for (let j = 0; j < u; j++) {
        const [from, to] = [j * column.dim, rows[j] * column.dim];
        for (let d = 0; d < column.dim; d++)
          weights[to + d] = saved[from + d] - learningRate * grad[from + d];
      }
    });
  }

  /**
   * The input after a step: m rows of `x` (the batch's, leading dimension `width`) copied to
   * `to`, their embedding columns (from `first`) gathered again from the stepped tables.
   */
  input(k: KernelExports, x: number, to: number, width: number, first: number, m: number): number {
    this.arena.f32(to, m * width).set(this.arena.f32(x, m * width));
    this.tables.gather(k, this.batch, to, width, first, m);
    return to;
  }

  /** Puts the touched rows back as save() found them. */
  restore(): void {
    this.forEachRow((c, row, j, dim, weights) =>
      weights.set(this.saved[c].subarray(j * dim, j * dim + dim), row * dim),
    );
  }

  private forEachRow(
    visit: (c: number, row: number, j: number, dim: number, weights: Float32Array) => void,
  ): void {
    this.batch.columns.forEach((column, c) => {
      const [weights, rows] = [this.tables.weights(c), this.batch.touchedRows(c)];
      rows.forEach((row, j) => visit(c, row, j, column.dim, weights));
    });
  }
}
