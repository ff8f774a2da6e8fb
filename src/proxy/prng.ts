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

/** Stream tags: which part of a run a random stream feeds. */
export const Stream = Object.freeze({ order: 1, bottom: 2, tower: 3 });

/** murmur3 fmix32: a bijective avalanche of a 32-bit integer. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed for the stream named by `parts` (e.g. seed, Stream.tower, task, layer). */
export function streamSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) h = fmix32((h ^ (part >>> 0)) + 0x7f4a7c15);
  return h;
}

export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
