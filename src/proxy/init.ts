import { NetworkLayout } from './layout.js';
import { Prng, Stream, streamSeed } from './prng.js';

/**
 * The initial parameters of one network: Glorot-uniform weights, zero biases.
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
    const prng = new Prng(streamSeed(seed, Stream.bottom, l));
    const limit = glorotLimit(layer.in, layer.out);
    for (let i = 0; i < layer.in * layer.out; i++) params[layer.w + i] = uniform(prng, limit);
  });
  taskIds.forEach((taskId, p) => {
    layout.tower.forEach((layer, l) => {
      const prng = new Prng(streamSeed(seed, Stream.tower, taskId, l));
      const limit = glorotLimit(layer.in, layer.out);
      for (let row = 0; row < layer.in; row++) {
        for (let col = 0; col < layer.out; col++) {
          params[layout.towerWeight(l, p, row, col)] = uniform(prng, limit);
        }
      }
    });
    const head = layout.head;
    const prng = new Prng(streamSeed(seed, Stream.tower, taskId, layout.tower.length));
    const limit = glorotLimit(head.in, 1);
    for (let k = 0; k < head.in; k++) params[head.w + p * head.in + k] = uniform(prng, limit);
  });
  return params;
}

function glorotLimit(fanIn: number, fanOut: number): number {
  return Math.sqrt(6 / (fanIn + fanOut));
}

function uniform(prng: Prng, limit: number): number {
  return (2 * prng.next() - 1) * limit;
}
