import type { EncodedDataset } from '../../data/types.js';
import { EmbeddingBatch } from './embeddingBatch.js';
import type { KernelArena, KernelExports } from './kernelArena.js';
import type { KernelEmbeddings } from './kernelEmbeddings.js';
import type { InputGradient } from './kernelParams.js';
import type { KernelScratch } from './kernelScratch.js';
import { mat, type Mat } from './products.js';

/**
 * The input rows the networks of a pass read: each row's dense features (dataset.dim columns),
 * then, when the dataset has embedded columns, each column's vector from the network's own
 * tables (`width` columns in all). Without embeddings, validation rows are read where they lie.
 */
export class KernelInputs {
  /** Columns of an input row: the dense features and the embeddings' vectors. */
  readonly width: number;
  /** The embedded columns' ids for the current batch, when there are any. */
  readonly batch?: EmbeddingBatch;
  private readonly dataset: EncodedDataset;
  private readonly scratch: KernelScratch;
  private readonly trainX: number;
  private readonly valX: number;
  private idx!: Int32Array;

  /** `rows`: the training rows a run reads; the data is copied into kernel memory once. */
  constructor(arena: KernelArena, dataset: EncodedDataset, rows: number, scratch: KernelScratch) {
    const dim = dataset.dim;
    this.dataset = dataset;
    this.scratch = scratch;
    this.trainX = arena.allocFrom(dataset.trainX.subarray(0, rows * dim));
    this.valX = arena.allocFrom(dataset.valX.subarray(0, dataset.valRows * dim));
    if (dataset.embed)
      this.batch = new EmbeddingBatch(arena, dataset.embed.columns, scratch.batchCap);
    this.width = dim + (this.batch?.width ?? 0);
  }

  /** The input columns whose gradient the network's backward writes: the embeddings'. */
  inputGradient(): InputGradient | undefined {
    const batch = this.batch;
    return batch && { from: this.dataset.dim, width: batch.width, at: batch.inputGrad };
  }

  /** Call once every allocation is made (growing the memory detaches views). */
  bindViews(arena: KernelArena): void {
    this.idx = arena.i32(this.scratch.idx, this.scratch.batchCap);
    this.batch?.bindViews(arena);
  }

  /** Training rows `rows` into scratch.x, with their embeddings from `tables`; ids and slots too. */
  training(k: KernelExports, tables: KernelEmbeddings | undefined, rows: Int32Array): void {
    this.idx.set(rows);
    this.gather(k, this.trainX, rows.length);
    if (!this.batch || !tables) return;
    this.batch.load(this.dataset.embed!.trainIds, (i) => rows[i], rows.length, true);
    tables.gather(k, this.batch, this.scratch.x, this.width, this.dataset.dim, rows.length);
  }

  /** The input of validation rows start … start+m−1: where it is and its leading dimension. */
  validation(
    k: KernelExports,
    tables: KernelEmbeddings | undefined,
    start: number,
    m: number,
  ): Mat {
    const dim = this.dataset.dim;
    if (!this.batch || !tables) return mat(this.valX + 4 * start * dim, dim);
    for (let i = 0; i < m; i++) this.idx[i] = start + i;
    this.gather(k, this.valX, m);
    this.batch.load(this.dataset.embed!.valIds, (i) => start + i, m, false);
    tables.gather(k, this.batch, this.scratch.x, this.width, dim, m);
    return mat(this.scratch.x, this.width);
  }

  /** The dense features of the rows in scratch.idx, from `source`, into scratch.x. */
  private gather(k: KernelExports, source: number, m: number): void {
    const dim = this.dataset.dim;
    k.gather_rows(this.scratch.x, this.width, source, dim, this.scratch.idx, m, dim);
  }
}
