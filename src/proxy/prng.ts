/**
 * Seeded randomness for proxy runs. Determinism is part of the product's contract (same spec →
 * same losses), and paired seeds need independent streams: the row order, the shared bottom and
 * each task's tower draw from their own stream, derived from (seed, stream, indices) alone, so
 * the runs {i} and {i,j} of one seed start from the same bottom and the same tower i.
 *
 * Generator: mulberry32 (Tommy Ettinger, public domain), 32-bit state, period 2^32, ample for
 * a few hundred thousand draws per stream. Streams are keyed by mixing the parts with the
 * murmur3 32-bit finaliser.
 */
import { fmix32, mulberry32 } from '../random.js';

/** Stream tags: which part of a run a random stream feeds. */
export const Stream = Object.freeze({
  order: 1,
  bottom: 2,
  tower: 3,
  embedding: 4,
  expert: 5,
  gate: 6,
});

/** A 32-bit seed for the stream named by `parts` (e.g. seed, Stream.tower, task, layer). */
export function streamSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) h = fmix32((h ^ (part >>> 0)) + 0x7f4a7c15);
  return h;
}

export class Prng {
  private readonly draw: () => number;
  constructor(seed: number) {
    this.draw = mulberry32(seed);
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.draw();
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** The order in which a run visits its `rows` training rows in `epoch`: a Fisher-Yates shuffle. */
export function epochOrder(rows: number, seed: number, epoch: number): Int32Array {
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  const prng = new Prng(streamSeed(seed, Stream.order, epoch));
  for (let i = rows - 1; i > 0; i--) {
    const j = prng.below(i + 1);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}
