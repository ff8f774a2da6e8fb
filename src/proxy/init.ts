import type { DenseLayer, LayerBank } from './layerBank.js';
import type { NetworkLayout } from './layout.js';
import { Prng, Stream, streamSeed } from './prng.js';

/**
 * The initial parameters of one shared-bottom network: Glorot-uniform weights, zero biases.
 *
 * Paired seeds: bottom layer l draws from stream (seed, bottom, l); task t's tower layer l from
 * (seed, tower, t, l) where t is the task's index in the dataset (not its position in the
 * subset) and the head is the layer after the last hidden one. Draws go in row-major order of
 * the per-task matrix, so task t's tower is the same numbers whichever subset it sits in.
 */
export function initialParams(
  layout: NetworkLayout,
  seed: number,
  taskIds: number[],
): Float32Array {
  const params = new Float32Array(layout.size);
  layout.bottom.forEach((layer, l) => {
    fillGlorot(params, layer, new Prng(streamSeed(seed, Stream.bottom, l)), (row, col) => {
      return layer.w + row * layer.out + col;
    });
  });
  initTowers(params, layout, seed, taskIds);
  return params;
}

/** The towers and heads of `layout` (a shared-bottom or MMoE layout), as initialParams says. */
export function initTowers(
  params: Float32Array,
  layout: { towers: LayerBank; head: DenseLayer },
  seed: number,
  taskIds: number[],
): void {
  initBank(params, layout.towers, seed, Stream.tower, taskIds);
  const head = layout.head;
  taskIds.forEach((taskId, p) => {
    const prng = new Prng(streamSeed(seed, Stream.tower, taskId, layout.towers.layers.length));
    fillGlorot(params, head, prng, (row) => head.w + p * head.in + row);
  });
}

/**
 * Every member of `bank`: member p's layer l draws from stream (seed, stream, ids[p], l) in
 * row-major order of its own `in × out` matrix, so a member's weights depend on its id alone.
 */
export function initBank(
  params: Float32Array,
  bank: LayerBank,
  seed: number,
  stream: number,
  ids: number[],
): void {
  ids.forEach((id, p) => {
    bank.layers.forEach((layer, l) => {
      const prng = new Prng(streamSeed(seed, stream, id, l));
      fillGlorot(params, layer, prng, (row, col) => bank.weight(l, p, row, col));
    });
  });
}

/** Draws a layer's `in × out` weights row by row into the offsets `at(row, col)` gives. */
export function fillGlorot(
  params: Float32Array,
  layer: Pick<DenseLayer, 'in' | 'out'>,
  prng: Prng,
  at: (row: number, col: number) => number,
): void {
  const limit = Math.sqrt(6 / (layer.in + layer.out));
  for (let row = 0; row < layer.in; row++) {
    for (let col = 0; col < layer.out; col++) params[at(row, col)] = uniform(prng, limit);
  }
}

/**
 * The half-width of the uniform draw of an embedding row: small against the dense inputs (which
 * are standardised), so an id starts as a slight nudge and grows only where its rows teach it
 * something, as Keras's default embedding initialiser (uniform ±0.05) does.
 */
export const EMBEDDING_INIT_LIMIT = 0.05;

/**
 * Row `row` of the initial table of embedded column `column` (its position among the dataset's
 * embedded columns), `dim` numbers into out[at …]: uniform in ±EMBEDDING_INIT_LIMIT, from stream
 * (seed, embedding, column, row). Every run of a seed starts from the same table, and a row's
 * values do not depend on the others: a run draws only the rows its data reads
 * (kernels/kernelEmbeddings.ts), where drawing every row of 65,536 × 16 took 47 ms per run.
 */
export function initialEmbeddingRow(
  seed: number,
  column: number,
  row: number,
  dim: number,
  out: Float32Array,
  at: number,
): void {
  const prng = new Prng(streamSeed(seed, Stream.embedding, column, row));
  for (let k = 0; k < dim; k++) out[at + k] = uniform(prng, EMBEDDING_INIT_LIMIT);
}

function uniform(prng: Prng, limit: number): number {
  return (2 * prng.next() - 1) * limit;
}
