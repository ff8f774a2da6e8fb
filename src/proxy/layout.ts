import type { ProxySettings } from './types.js';

/**
 * Where each weight of one proxy network lives in its flat parameter vector, and the shapes of
 * its layers. Every trainer (the wasm kernels, the plain tfjs reference) reads the same layout,
 * so they start from the same numbers.
 *
 * The network: input (dim) → bottom dense+ReLU layers → per task: tower dense+ReLU layers → 1.
 * Matrices are row-major, `in × out`. The first tower layer of all tasks is stored as one
 * `in × (tasks·out)` matrix (task p owns columns p·out … p·out+out−1), because every tower reads
 * the same bottom output: one wide product instead of one per task. Later tower layers and the
 * heads are per task: task p's block follows task p−1's.
 */
export interface DenseLayer {
  /** Input width (per task for tower layers). */
  in: number;
  /** Output width (per task for tower layers). */
  out: number;
  /** Offset of the weight matrix in the parameter vector. */
  w: number;
  /** Offset of the bias vector. */
  b: number;
}

export class NetworkLayout {
  readonly tasks: number;
  readonly bottom: DenseLayer[] = [];
  /** Tower hidden layers; layer 0 is the wide concatenated one (see above). */
  readonly tower: DenseLayer[] = [];
  /** Output units: task p's weights at head.w + p·head.in, its bias at head.b + p. */
  readonly head: DenseLayer;
  /** Width of the bottom's output (the input width when there is no bottom layer). */
  readonly sharedWidth: number;
  /** Total number of parameters. */
  readonly size: number;

  constructor(dim: number, settings: Pick<ProxySettings, 'bottom' | 'tower'>, tasks: number) {
    this.tasks = tasks;
    let offset = 0;
    let width = dim;
    for (const out of settings.bottom) {
      this.bottom.push({ in: width, out, w: offset, b: offset + width * out });
      offset += width * out + out;
      width = out;
    }
    this.sharedWidth = width;
    for (const out of settings.tower) {
      this.tower.push({ in: width, out, w: offset, b: offset + tasks * width * out });
      offset += tasks * (width * out + out);
      width = out;
    }
    this.head = { in: width, out: 1, w: offset, b: offset + tasks * width };
    this.size = offset + tasks * (width + 1);
  }

  /** Offset of task p's weight element (row, col) in tower layer l. */
  towerWeight(l: number, p: number, row: number, col: number): number {
    const layer = this.tower[l];
    if (l === 0) return layer.w + row * this.tasks * layer.out + p * layer.out + col;
    return layer.w + p * layer.in * layer.out + row * layer.out + col;
  }

  /** Offset of task p's bias element `col` in tower layer l (same for every layer). */
  towerBias(l: number, p: number, col: number): number {
    return this.tower[l].b + p * this.tower[l].out + col;
  }
}
