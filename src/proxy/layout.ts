import { LayerBank, type DenseLayer } from './layerBank.js';
import type { ProxySettings } from './types.js';

export type { DenseLayer };

/**
 * Where each weight of one shared-bottom network lives in its flat parameter vector, and the
 * shapes of its layers. Every trainer (the kernels, the plain tfjs reference) reads the same
 * layout, so they start from the same numbers.
 *
 * The network: input (dim) → bottom dense+ReLU layers → per task: tower dense+ReLU layers → 1.
 * Matrices are row-major, `in × out`. The towers are a LayerBank with one member per task: their
 * first layer is one `in × (tasks·out)` matrix, because every tower reads the same bottom
 * output (one wide product instead of one per task). Later tower layers and the heads are per
 * task: task p's block follows task p−1's.
 */
export class NetworkLayout {
  readonly tasks: number;
  readonly bottom: DenseLayer[] = [];
  /** The towers, one member per task (layerBank.ts). */
  readonly towers: LayerBank;
  /** Tower hidden layers (towers.layers); layer 0 is the wide concatenated one. */
  readonly tower: DenseLayer[];
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
    this.towers = new LayerBank(width, settings.tower, tasks, offset);
    this.tower = this.towers.layers;
    this.head = headLayer(this.towers, tasks);
    this.size = this.head.b + tasks;
  }

  /** Offset of task p's weight element (row, col) in tower layer l. */
  towerWeight(l: number, p: number, row: number, col: number): number {
    return this.towers.weight(l, p, row, col);
  }

  /** Offset of task p's bias element `col` in tower layer l (same for every layer). */
  towerBias(l: number, p: number, col: number): number {
    return this.towers.bias(l, p, col);
  }
}

/** The output units after the towers: task p's weights at w + p·in, its bias at b + p. */
export function headLayer(towers: LayerBank, tasks: number): DenseLayer {
  const width = towers.outWidth;
  return { in: width, out: 1, w: towers.end, b: towers.end + tasks * width };
}
